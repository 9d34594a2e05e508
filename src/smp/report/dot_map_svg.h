// dot-map.svg: the technician's map, printed 1:1 (chart millimetres), each impression
// at its true fresh diameter, coloured by session, with regions and a 10 mm scale bar.
#pragma once

#include <string>

#include "smp/design/design.h"
#include "smp/design/scalp_raster.h"

namespace smp {

// The SVG's bytes; std::runtime_error when cairo fails.
std::string dot_map_svg(const Design& design, const ScalpRaster& raster, const std::string& title);

}  // namespace smp
