#include "smp/geometry/scalp_map.h"

#include <algorithm>

namespace smp {

SurfaceAngles ScalpMap::angles(ChartPoint c) const {
  return {chart_radius_mm(c) / kChartMmPerRadian, std::atan2(c.u_mm, c.v_mm)};
}

ChartPoint ScalpMap::chart(SurfaceAngles s) const {
  const double r = s.polar_rad * kChartMmPerRadian;
  return {r * std::sin(s.azimuth_rad), r * std::cos(s.azimuth_rad)};
}

Vec3 ScalpMap::head_point(ChartPoint c) const {
  const double r = chart_radius_mm(c);
  if (r < 1e-12) return head_.point_from(AngleTrig{});  // the vertex: any azimuth
  const double polar = r / kChartMmPerRadian;
  return head_.point_from(AngleTrig{std::sin(polar), std::cos(polar), c.u_mm / r, c.v_mm / r});
}

double ScalpMap::area_scale(ChartPoint c) const {
  SurfaceAngles s = angles(c);
  s.polar_rad = std::max(s.polar_rad, 1e-6);
  return area_scale(s, AngleTrig::of(s));
}

double ScalpMap::area_scale(SurfaceAngles s, const AngleTrig& t) const {
  // dA = |P_polar x P_azimuth| d(polar) d(azimuth) and du dv = R^2 polar d(polar) d(azimuth).
  const double polar = std::max(s.polar_rad, 1e-6);
  const double sin_polar = std::max(t.sin_polar, std::sin(1e-6));
  const AngleTrig near_vertex{sin_polar, t.cos_polar, t.sin_azimuth, t.cos_azimuth};
  const double skin = length(cross(head_.d_polar_from(near_vertex), head_.d_azimuth_from(near_vertex)));
  return skin / (kChartMmPerRadian * kChartMmPerRadian * polar);
}

}  // namespace smp
