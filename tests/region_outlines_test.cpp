// The regions' outlines on the scalp map (design/region_outlines.h): they enclose the
// region's cells and its dots, and nothing of the others.
#include "smp/design/region_outlines.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_support.h"

namespace smp {
namespace {

double chart_area_mm2(const std::vector<ChartPoint>& ring) {  // the shoelace formula
  double twice = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const ChartPoint& a = ring[i];
    const ChartPoint& b = ring[(i + 1) % ring.size()];
    twice += a.u_mm * b.v_mm - b.u_mm * a.v_mm;
  }
  return std::abs(twice) / 2;
}

bool inside(const std::vector<ChartPoint>& ring, ChartPoint p) {  // even-odd crossings
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const ChartPoint& a = ring[i];
    const ChartPoint& b = ring[j];
    if ((a.v_mm > p.v_mm) != (b.v_mm > p.v_mm) &&
        p.u_mm < (b.u_mm - a.u_mm) * (p.v_mm - a.v_mm) / (b.v_mm - a.v_mm) + a.u_mm)
      in = !in;
  }
  return in;
}

TEST(RegionOutlines, EncloseEachRegionsCellsAndDots) {
  const testing::DesignedExample& e = testing::designed_example("norwood6-buzzcut.toml");
  const ScalpRaster& raster = e.planned.raster;
  const std::vector<RegionOutline> outlines = region_outlines(raster);
  ASSERT_EQ(outlines.size(), static_cast<std::size_t>(kRegionCount)) << "every region of a full scalp";
  const double cell_mm2 = raster.grid.cell_mm * raster.grid.cell_mm;
  for (const RegionOutline& o : outlines) {
    SCOPED_TRACE(std::string(name(o.region)));
    long long cells = 0;
    for (std::int8_t r : raster.region) cells += r == static_cast<int>(o.region);
    double area = 0;
    std::size_t points = 0;
    for (const auto& ring : o.rings) area += chart_area_mm2(ring), points += ring.size();
    // Traced through the boundary cells' centres: half a cell inside the cells' edge.
    EXPECT_NEAR(area, cells * cell_mm2, 0.04 * cells * cell_mm2);
    EXPECT_LE(points, 200u) << "simplified for a screen";
    EXPECT_GE(o.rings.front().size(), 3u);
  }
  // A dot lies in its own region's outline, and in no other (but within a cell of a border).
  int own = 0, other = 0;
  for (const Dot& d : e.planned.design.dots) {
    for (const RegionOutline& o : outlines)
      for (const auto& ring : o.rings)
        if (inside(ring, d.chart)) (o.region == d.region ? own : other) += 1;
  }
  const auto n = static_cast<double>(e.planned.design.dots.size());
  EXPECT_GT(own, 0.98 * n);
  EXPECT_LT(other, 0.02 * n);
}

}  // namespace
}  // namespace smp
