#include "smp/geometry/regions.h"

#include <cmath>

namespace smp {

std::optional<Region> region_from_name(std::string_view n) {
  for (int i = 0; i < kRegionCount; ++i)
    if (kRegionNames[i] == n) return static_cast<Region>(i);
  return std::nullopt;
}

Region classify(Vec3 unit, double hairline_depth_mm, double zone_depth_mm) {
  if (hairline_depth_mm < zone_depth_mm) return Region::frontal_hairline_zone;
  // Boundaries in head coordinates normalised by the semi-axes, so they scale with the
  // head: x forward from the ear-canal plane, y to the left, z up from the nasion level.
  const double x = unit.x, y = unit.y, z = unit.z;
  const bool left = y > 0;
  if (x < -0.45 && z < 0.5) return Region::occipital;
  if (x > -0.15 && z < 0.6 && std::abs(y) > 0.5)
    return left ? Region::temporal_left : Region::temporal_right;
  if (std::abs(y) > 0.62 && z < 0.72) return left ? Region::parietal_left : Region::parietal_right;
  if (x < -0.2) return Region::vertex;
  if (x > 0.38) return Region::frontal;
  return Region::mid_scalp;
}

}  // namespace smp
