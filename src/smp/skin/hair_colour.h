// Hair colours by name: the CIELAB of the shaft for the names a case file uses, and the
// nearest name for a colour measured on a photo (docs/photo.md "Tone and hair").
#pragma once

#include <string>
#include <string_view>

#include "smp/colour/colour.h"

namespace smp {

// The shaft's colour for a case file's hair_colour ("dark brown", "Black", "grey"...):
// the first named colour the text contains, dark brown when none.
Lab hair_lab(std::string_view name);

// The named colour nearest to a measured shaft colour (CIEDE2000).
std::string nearest_hair_colour(Lab measured);

}  // namespace smp
