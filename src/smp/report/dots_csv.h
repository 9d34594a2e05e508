// dots.csv: one row per impression (docs/design-output.md).
#pragma once

#include <ostream>

#include "smp/design/design.h"

namespace smp {

inline constexpr const char* kDotsCsvHeader =
    "id,session,region,u_mm,v_mm,x_mm,y_mm,z_mm,diameter_um,depth_um,shade,needle";

void write_dots_csv(const Design& design, std::ostream& out);

// Reads dots back (for `smp render --design`): the dots, region counts and sessions of
// `design`. Throws std::runtime_error naming the source and line of a bad row.
void read_dots_csv(std::istream& in, const std::string& source, Design& design);

}  // namespace smp
