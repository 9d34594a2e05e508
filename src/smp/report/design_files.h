// Everything `smp design` writes (docs/design-output.md): design.json, dots.csv,
// scalp-map.png and dot-map.svg, formatted and put into a sink.
#pragma once

#include "smp/case/case_file.h"
#include "smp/design/planner.h"
#include "smp/io/sink.h"

namespace smp {

void put_design_files(const Case& c, const TargetField& field, const PlannedDesign& planned,
                      Sink& sink);

}  // namespace smp
