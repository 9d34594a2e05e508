// Everything `smp design` writes, into one folder.
#pragma once

#include <string>

#include "smp/case/case_file.h"
#include "smp/design/planner.h"

namespace smp {

// design.json, dots.csv, scalp-map.png and dot-map.svg into the folder `dir`.
void write_design_outputs(const Case& c, const TargetField& field, const PlannedDesign& planned,
                          const std::string& dir);

}  // namespace smp
