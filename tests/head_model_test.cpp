#include "smp/geometry/head_model.h"

#include <gtest/gtest.h>

#include "smp/design/scalp_raster.h"

#include "test_support.h"

namespace smp {
namespace {

struct Measured {
  double circumference_cm, ear_to_ear_cm, nasion_to_inion_cm;
};

class HeadFit : public ::testing::TestWithParam<Measured> {};

// The model's own arcs, measured along its surface, match the measurements within 2%.
TEST_P(HeadFit, ArcsMatchMeasurements) {
  const Measured m = GetParam();
  const HeadModel h = HeadModel::fit({m.circumference_cm, m.ear_to_ear_cm, m.nasion_to_inion_cm});
  EXPECT_NEAR(h.circumference_mm() / 10, m.circumference_cm, 0.02 * m.circumference_cm);
  EXPECT_NEAR(h.ear_to_ear_arc_mm() / 10, m.ear_to_ear_cm, 0.02 * m.ear_to_ear_cm);
  EXPECT_NEAR(h.nasion_to_inion_arc_mm() / 10, m.nasion_to_inion_cm, 0.02 * m.nasion_to_inion_cm);
}

INSTANTIATE_TEST_SUITE_P(Heads, HeadFit,
                         ::testing::Values(Measured{57, 35, 36}, Measured{55, 33.5, 34.5},
                                           Measured{60, 37, 38}, Measured{52, 31, 32},
                                           Measured{58, 34, 37}));

TEST(HeadModel, ArcsAreMeasuredAlongTheSurface) {
  // An independent polyline measurement of the ear-to-ear arc over the vertex.
  const HeadModel h = HeadModel::fit({57, 35, 36});
  const Landmarks& L = h.landmarks();
  const SurfaceAngles a = h.angles_of(L.ear_canal_left), b = h.angles_of(L.ear_canal_right);
  double arc = 0;
  Vec3 prev = L.ear_canal_left;
  const int n = 20000;
  for (int i = 1; i <= n; ++i) {
    // From the left canal up over the vertex (polar 0) and down to the right canal.
    const double t = static_cast<double>(i) / n;
    const double polar = t < 0.5 ? a.polar_rad * (1 - 2 * t) : b.polar_rad * (2 * t - 1);
    const Vec3 p = h.point({polar, t < 0.5 ? -kPi / 2 : kPi / 2});
    arc += distance(prev, p);
    prev = p;
  }
  EXPECT_NEAR(arc, 350, 1.0);
}

TEST(HeadModel, LandmarksSitWhereAnatomySaysTheyDo) {
  const HeadModel h = HeadModel::fit({57, 35, 36});
  const Landmarks& L = h.landmarks();
  EXPECT_GT(L.vertex.z, L.glabella.z);
  EXPECT_GT(L.glabella.z, L.nasion.z);
  EXPECT_NEAR(h.midline_arc_from_nasion_mm(h.angles_of(L.glabella).polar_rad), 15, 0.1);
  EXPECT_LT(L.ear_canal_left.z, L.nasion.z);
  EXPECT_GT(L.ear_canal_left.y, 0);  // y grows to the patient's left
  EXPECT_LT(L.ear_canal_right.y, 0);
  EXPECT_GT(L.nasion.x, 0);  // x grows forwards
  EXPECT_LT(L.inion.x, 0);
  EXPECT_NEAR(L.lateral_canthus_left.y - L.lateral_canthus_right.y, 94, 0.01);
  EXPECT_GT(L.lateral_canthus_left.x, 0.75 * h.semi_axis_x_mm());
  // Every landmark lies on the surface.
  for (Vec3 p :
       {L.nasion, L.glabella, L.vertex, L.inion, L.ear_canal_left, L.lateral_canthus_right}) {
    const double f = std::pow(p.x / h.semi_axis_x_mm(), 2) + std::pow(p.y / h.semi_axis_y_mm(), 2) +
                     std::pow(p.z / h.semi_axis_z_mm(), 2);
    EXPECT_NEAR(f, 1.0, 1e-9);
  }
}

TEST(ScalpMap, ChartRoundTripsAndAreaScaleIntegratesToTheSurface) {
  const HeadModel h = HeadModel::fit({57, 35, 36});
  const ScalpMap map(h);
  for (double u : {-80.0, 0.0, 35.0, 120.0})
    for (double v : {-150.0, -10.0, 0.0, 60.0}) {
      const ChartPoint back = map.chart(map.angles({u, v}));
      EXPECT_NEAR(back.u_mm, u, 1e-9);
      EXPECT_NEAR(back.v_mm, v, 1e-9);
    }
  // The upper half of the ellipsoid (polar < pi/2): chart disk of radius 157 mm.
  double area = 0;
  const double cell = 0.5, r = kPi / 2 * ScalpMap::kChartMmPerRadian;
  for (double u = -r; u < r; u += cell)
    for (double v = -r; v < r; v += cell) {
      const ChartPoint c{u + cell / 2, v + cell / 2};
      if (std::hypot(c.u_mm, c.v_mm) < r) area += map.area_scale(c) * cell * cell;
    }
  // Reference: the half-ellipsoid area by the surface integral in (polar, azimuth).
  double ref = 0;
  const int n = 800;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const SurfaceAngles s{(i + 0.5) * (kPi / 2) / n, (j + 0.5) * 2 * kPi / n - kPi};
      ref += length(cross(h.d_polar(s), h.d_azimuth(s))) * (kPi / 2 / n) * (2 * kPi / n);
    }
  EXPECT_NEAR(area, ref, 0.003 * ref);
}

double scalp_area_cm2(const Case& c, double* region_sum_cm2) {
  const TargetField f = target_field_for(c);
  const ScalpRaster r = ScalpRaster::compute(f, {0.5, f.chart_half_extent_mm()}, 2);
  double total = 0, regions[kRegionCount] = {};
  for (std::size_t i = 0; i < r.region.size(); ++i)
    if (r.region[i] >= 0)
      total += r.skin_area_mm2[i] / 100, regions[r.region[i]] += r.skin_area_mm2[i] / 100;
  *region_sum_cm2 = 0;
  for (double a : regions) *region_sum_cm2 += a;
  for (double a : regions) EXPECT_GT(a, 5) << "every region has skin";
  return total;
}

TEST(Scalp, DefaultAdultScalpIsAbout500SquareCentimetres) {
  double region_sum = 0;
  const double male =
      scalp_area_cm2(testing::case_from("[patient]\nid='t'\nsex='male'\n"), &region_sum);
  EXPECT_GE(male, 450);
  EXPECT_LE(male, 550);
  EXPECT_NEAR(region_sum, male, 0.01 * male);
  const double female =
      scalp_area_cm2(testing::case_from("[patient]\nid='t'\nsex='female'\n"), &region_sum);
  EXPECT_LT(female, male);
  EXPECT_GT(female, 400);
}

TEST(Scalp, DesignRegionAreasAddUpToTheTotal) {
  for (const auto& name : testing::example_names()) {
    const Design& d = testing::designed_example(name).planned.design;
    double sum = 0;
    for (const auto& r : d.regions) sum += r.area_cm2;
    EXPECT_NEAR(sum, d.scalp_area_cm2, 0.01 * d.scalp_area_cm2) << name;
  }
}

}  // namespace
}  // namespace smp

namespace smp {
namespace {

// Regression: three tape readings no ellipsoid has were accepted, giving a head with the
// wrong arcs (and wrong areas) without a word.
TEST(HeadModel, InconsistentMeasurementsAreRefused) {
  EXPECT_THROW(HeadModel::fit({57, 25, 45}), std::invalid_argument);
  EXPECT_THROW(HeadModel::fit({70, 25, 25}), std::invalid_argument);
  EXPECT_NO_THROW(HeadModel::fit({57, 35, 36}));
  try {
    target_field_for(
        testing::case_from("[patient]\nid='a'\n[head]\ncircumference_cm=57\near_to_ear_cm="
                           "25\nnasion_to_inion_cm=45\n"));
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "head");
  }
}

}  // namespace
}  // namespace smp
