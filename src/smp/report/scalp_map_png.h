// scalp-map.png: the hair-loss map with the regions outlined, the dots coloured by
// session, a legend and a scale bar.
#pragma once

#include <string>

#include "smp/design/design.h"
#include "smp/design/scalp_raster.h"

namespace smp {

// The PNG's bytes; std::runtime_error when cairo fails.
std::string scalp_map_png(const Design& design, const ScalpRaster& raster,
                          const std::string& title);

}  // namespace smp
