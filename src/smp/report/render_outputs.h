// Everything `smp render` writes: close-ups per state, the before/after sheet and
// metrics.json (docs/render-output.md).
#pragma once

#include <string>
#include <vector>

#include "smp/render/simulation.h"

namespace smp {

struct RenderSummary {
  std::vector<StateMetrics> metrics;  // one per state, in order
  double touch_up_years = 0;          // after healing (Simulation::touch_up_years)
};

RenderSummary write_render_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                                   const std::string& dir);

}  // namespace smp
