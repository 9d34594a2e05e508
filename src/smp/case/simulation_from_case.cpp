#include "smp/case/simulation_from_case.h"

namespace smp {

SimulationInputs simulation_inputs(const Case& c) {
  SimulationInputs in;
  in.phototype = c.patient.phototype;
  in.hair_colour = c.patient.hair_colour;
  in.hair_length_mm = c.loss.hair_length_mm;
  in.habits = c.habits;
  static_cast<SkinParameters&>(in.params) = c.params;
  static_cast<RenderParameters&>(in.params) = c.params;
  in.seed = c.seed;
  return in;
}

}  // namespace smp
