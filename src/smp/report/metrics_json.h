// metrics.json (docs/render-output.md): where the patches are, the colour differences
// per state and the touch-up threshold crossing.
#pragma once

#include <string>

#include "smp/case/case_file.h"
#include "smp/clinic/treatment_plan.h"
#include "smp/render/simulation.h"

namespace smp {

std::string metrics_json(const Case& c, const Simulation& sim, const SimulationResults& results);

}  // namespace smp
