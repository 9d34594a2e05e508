#include "smp/geometry/scalp_map.h"

#include <algorithm>

namespace smp {

SurfaceAngles ScalpMap::angles(ChartPoint c) const {
  return {std::hypot(c.u_mm, c.v_mm) / kChartMmPerRadian, std::atan2(c.u_mm, c.v_mm)};
}

ChartPoint ScalpMap::chart(SurfaceAngles s) const {
  const double r = s.polar_rad * kChartMmPerRadian;
  return {r * std::sin(s.azimuth_rad), r * std::cos(s.azimuth_rad)};
}

double ScalpMap::area_scale(ChartPoint c) const {
  // dA = |P_polar x P_azimuth| d(polar) d(azimuth) and du dv = R^2 polar d(polar) d(azimuth).
  SurfaceAngles s = angles(c);
  s.polar_rad = std::max(s.polar_rad, 1e-6);
  const double skin = length(cross(head_.d_polar(s), head_.d_azimuth(s)));
  return skin / (kChartMmPerRadian * kChartMmPerRadian * s.polar_rad);
}

}  // namespace smp
