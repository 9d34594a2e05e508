// The named regions as outlines on the scalp map: what a screen draws to let the
// clinician pick a region (the consultation's goals step), traced from the planner's
// raster so the outline is the partition the design used.
#pragma once

#include <vector>

#include "smp/design/scalp_raster.h"

namespace smp {

struct RegionOutline {
  Region region = Region::mid_scalp;
  // Closed polygons in chart mm (first point not repeated), one per connected piece of
  // the region; a region has no holes (another region inside it is its own outline).
  std::vector<std::vector<ChartPoint>> rings;
};

// Every region the raster holds, in Region order. Boundaries are traced through the
// cells' centres (OpenCV's border following) and simplified to within tolerance_mm
// (Douglas-Peucker): 0.75 mm is a pixel at the screen's whole-scalp view (about 2 px/mm)
// and keeps a region to some tens of points. Pieces under min_area_cm2 (a few stray
// cells where two boundaries meet) are left out.
std::vector<RegionOutline> region_outlines(const ScalpRaster& raster, double tolerance_mm = 0.75,
                                           double min_area_cm2 = 0.2);

}  // namespace smp
