// Everything `smp render` writes: close-ups per state, the before/after sheet and
// metrics.json (docs/render-output.md).
#pragma once

#include <string>
#include <vector>

#include "smp/clinic/treatment_plan.h"

namespace smp {

// Writes every picture and metrics.json; returns the metrics and the pictures' paths.
SimulationResults write_render_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                                   const std::string& dir);

}  // namespace smp
