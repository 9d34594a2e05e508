// Everything known about one point of the scalp, computed once and shared by the
// hair-loss patterns, scars and the density field.
#pragma once

#include <cmath>

#include "smp/geometry/scalp_map.h"

namespace smp {

struct ScalpPoint {
  ChartPoint chart;
  SurfaceAngles angles;
  AngleTrig trig;
  Vec3 head_mm;
  // head_mm divided by the semi-axes: the same anatomy on every head size.
  Vec3 unit;

  // One arctangent and one sincos: the raster asks this for every cell.
  static ScalpPoint at(const ScalpMap& map, ChartPoint c) {
    const HeadModel& h = map.head();
    const SurfaceAngles s = map.angles(c);
    const double r = chart_radius_mm(c);
    AngleTrig t{std::sin(s.polar_rad), std::cos(s.polar_rad), 0, 1};
    if (r > 1e-12) t.sin_azimuth = c.u_mm / r, t.cos_azimuth = c.v_mm / r;
    const Vec3 p = h.point_from(t);
    return {c,
            s,
            t,
            p,
            {p.x / h.semi_axis_x_mm(), p.y / h.semi_axis_y_mm(), p.z / h.semi_axis_z_mm()}};
  }
};

}  // namespace smp
