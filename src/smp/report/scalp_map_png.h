// scalp-map.png: the hair-loss map with the regions outlined, the dots coloured by
// session, a legend and a scale bar.
#pragma once

#include <string>

#include "smp/design/design.h"
#include "smp/design/scalp_raster.h"

namespace smp {

// Throws std::runtime_error naming the path when it cannot be written.
void write_scalp_map_png(const Design& design, const ScalpRaster& raster, const std::string& title,
                         const std::string& path);

}  // namespace smp
