#include "smp/loss/scar.h"

#include <gtest/gtest.h>

#include "smp/design/scalp_raster.h"

#include "test_support.h"

namespace smp {
namespace {

const HeadModel& adult() {
  static const HeadModel h = HeadModel::fit({57, 35, 36});
  return h;
}

// Skin area (cm^2) of a scar's inside, integrated on a fine chart grid around the back.
double scar_area_cm2(const Scar& s, double u0, double u1, double v0, double v1, double cell = 0.2) {
  const ScalpMap map(adult());
  double a = 0;
  for (double u = u0; u < u1; u += cell)
    for (double v = v0; v < v1; v += cell) {
      const ChartPoint c{u + cell / 2, v + cell / 2};
      if (s.signed_distance_mm(ScalpPoint::at(map, c)) <= 0) a += map.area_scale(c) * cell * cell;
    }
  return a / 100;
}

TEST(FutStrip, AreaIsLengthTimesWidth) {
  const auto s = make_fut_strip(adult(), {200, 4, 20});
  // Capsule: 200 mm x 4 mm minus the rounded ends' corners.
  const double expected = (200 * 4 - (4 - kPi) * 4) / 100;
  EXPECT_NEAR(scar_area_cm2(*s, -170, 170, -200, 0), expected, 0.05 * expected);
  EXPECT_NE(s->description().find("20.0 cm"), std::string::npos);
}

TEST(FutStrip, DistanceGrowsAwayFromTheStrip) {
  const auto s = make_fut_strip(adult(), {200, 3, 20});
  const HeadModel& h = adult();
  const ScalpMap map(h);
  // Straight down the back midline from the strip centre.
  const double polar = h.polar_at_height(h.landmarks().inion.z + 20);
  double prev = -1e9;
  for (double dp = 0; dp < 0.2; dp += 0.02) {
    const double d = s->signed_distance_mm(ScalpPoint::at(map, map.chart({polar + dp, kPi})));
    EXPECT_GT(d, prev);
    prev = d;
  }
  EXPECT_LT(s->signed_distance_mm(ScalpPoint::at(map, map.chart({polar, kPi}))), 0);
  EXPECT_GT(s->signed_distance_mm(ScalpPoint::at(map, {0, 0})), 100);  // the vertex is far
}

TEST(FueScars, CountAndTotalAreaMatchTheSpec) {
  const auto s = make_fue_scars(adult(), {300, 1.0, 60, 25}, 7);
  EXPECT_NE(s->description().find("300 punctate"), std::string::npos);
  const double expected = 300 * kPi * 0.25 / 100;  // 300 discs of 1 mm
  EXPECT_NEAR(scar_area_cm2(*s, -150, 150, -200, 0, 0.1), expected, 0.1 * expected);
}

TEST(ScarArea, PolygonInsideIsNegative) {
  const auto s = make_scar_area({{0, 0}, {30, 0}, {30, 20}, {0, 20}}, "burn");
  const ScalpMap map(adult());
  EXPECT_NEAR(s->signed_distance_mm(ScalpPoint::at(map, {15, 10})), -10, 1e-9);
  EXPECT_NEAR(s->signed_distance_mm(ScalpPoint::at(map, {40, 10})), 10, 1e-9);
  EXPECT_THROW(make_scar_area({{0, 0}, {1, 1}}, "x"), std::invalid_argument);
}

TEST(Scars, ScarTissueCarriesNoHair) {
  const testing::DesignedExample& ex = testing::designed_example("fut-scar-camouflage.toml");
  const ScalpRaster& r = ex.planned.raster;
  int scar_cells = 0;
  for (std::size_t i = 0; i < r.scar.size(); ++i)
    if (r.scar[i]) {
      ++scar_cells;
      EXPECT_EQ(r.coverage[i], 0.0f);
      EXPECT_GT(r.target_per_cm2[i], 0.9 * ex.c.params.density.final_per_cm2);
    }
  EXPECT_GT(scar_cells, 100);
}

}  // namespace
}  // namespace smp
