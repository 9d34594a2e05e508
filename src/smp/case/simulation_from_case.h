// From a case to what the simulation needs (render/simulation.h).
#pragma once

#include "smp/case/case_file.h"
#include "smp/render/simulation.h"

namespace smp {

SimulationInputs simulation_inputs(const Case& c);

}  // namespace smp
