// design.json (schema: docs/design-output.md).
#pragma once

#include <string>

#include "smp/case/case_file.h"
#include "smp/design/design.h"
#include "smp/design/target_field.h"

namespace smp {

std::string design_json(const Case& c, const TargetField& field, const Design& design);

}  // namespace smp
