// Everything known about one point of the scalp, computed once and shared by the
// hair-loss patterns, scars and the density field.
#pragma once

#include "smp/geometry/scalp_map.h"

namespace smp {

struct ScalpPoint {
  ChartPoint chart;
  SurfaceAngles angles;
  Vec3 head_mm;
  // head_mm divided by the semi-axes: the same anatomy on every head size.
  Vec3 unit;

  static ScalpPoint at(const ScalpMap& map, ChartPoint c) {
    const HeadModel& h = map.head();
    const SurfaceAngles s = map.angles(c);
    const Vec3 p = h.point(s);
    return {
        c, s, p, {p.x / h.semi_axis_x_mm(), p.y / h.semi_axis_y_mm(), p.z / h.semi_axis_z_mm()}};
  }
};

}  // namespace smp
