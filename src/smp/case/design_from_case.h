// From a case to the objects of the design engine.
#pragma once

#include "smp/case/case_file.h"
#include "smp/design/target_field.h"

namespace smp {

// The head fitted to the case's measurements, the hairline, loss, scars and goals.
// Throws InputError for problems only visible once built (an unreadable mask image, a
// head the measurements cannot make), PlanError for a scar or loss this head cannot hold.
TargetField target_field_for(const Case& c);

}  // namespace smp
