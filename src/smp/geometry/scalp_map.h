// The scalp map: one 2D chart of the head surface. An azimuthal projection centred on
// the vertex, chart radius = 100 mm per radian of polar angle, so a painted mask fits
// any head. Areas, distances and densities are measured on the skin through the
// surface metric (area_scale), never on the chart.
#pragma once

#include <algorithm>

#include "smp/geometry/head_model.h"

namespace smp {

class ScalpMap {
 public:
  static constexpr double kChartMmPerRadian = 100.0;

  explicit ScalpMap(const HeadModel& head) : head_(head) {}

  const HeadModel& head() const { return head_; }
  SurfaceAngles angles(ChartPoint c) const;
  ChartPoint chart(SurfaceAngles s) const;
  // One sincos and no arctangent: the planner asks this for every candidate dot.
  Vec3 head_point(ChartPoint c) const;
  // Skin mm^2 per chart mm^2 at this chart point.
  double area_scale(ChartPoint c) const;
  // The same from the angles and their sines and cosines, when the caller has them.
  double area_scale(SurfaceAngles s, const AngleTrig& t) const;
  // Skin mm per radian of polar angle: turns a polar-angle offset into a distance.
  double polar_speed_mm(SurfaceAngles s) const { return length(head_.d_polar(s)); }

 private:
  HeadModel head_;
};

// A square raster over the chart, centred on the vertex, for area integrals, masks
// and images. Cell (col, row): col grows with u, row grows with -v (image order).
struct ChartGrid {
  double cell_mm = 0.5;
  double half_extent_mm = 220;

  int size() const { return static_cast<int>(2 * half_extent_mm / cell_mm + 0.5); }
  ChartPoint center(int col, int row) const {
    return {-half_extent_mm + (col + 0.5) * cell_mm, half_extent_mm - (row + 0.5) * cell_mm};
  }
  // Cell holding a chart point, or -1 outside.
  int col_of(double u_mm) const {
    return inside(u_mm) ? int((u_mm + half_extent_mm) / cell_mm) : -1;
  }
  int row_of(double v_mm) const {
    return inside(v_mm) ? int((half_extent_mm - v_mm) / cell_mm) : -1;
  }

 private:
  bool inside(double t) const { return t > -half_extent_mm && t < half_extent_mm; }
};

// Cells [col0, col1] x [row0, row1] of a ChartGrid, inclusive.
struct CellRect {
  int col0 = 0, row0 = 0, col1 = -1, row1 = -1;
  bool empty() const { return col1 < col0 || row1 < row0; }
  CellRect grown(int cells, int size) const {
    return {std::max(0, col0 - cells), std::max(0, row0 - cells), std::min(size - 1, col1 + cells),
            std::min(size - 1, row1 + cells)};
  }
};

}  // namespace smp
