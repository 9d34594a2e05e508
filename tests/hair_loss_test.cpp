#include "smp/loss/hair_loss.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "smp/design/scalp_raster.h"

#include "test_support.h"

namespace smp {
namespace {

const HeadModel& adult() {
  static const HeadModel h = HeadModel::fit({57, 35, 36});
  return h;
}

// The scalp's points on a 2 mm chart grid, with their skin areas.
struct ScalpSamples {
  std::vector<ScalpPoint> points;
  std::vector<double> area_cm2;
};
const ScalpSamples& scalp_samples() {
  static const ScalpSamples s = [] {
    const TargetField f = target_field_for(testing::case_from("[patient]\nid='t'\n"));
    const ScalpRaster r = ScalpRaster::compute(f, {2.0, f.chart_half_extent_mm()}, 2);
    ScalpSamples out;
    for (int row = 0; row < r.grid.size(); ++row)
      for (int col = 0; col < r.grid.size(); ++col)
        if (r.region[r.index(col, row)] >= 0) {
          out.points.push_back(ScalpPoint::at(f.map(), r.grid.center(col, row)));
          out.area_cm2.push_back(r.skin_area_mm2[r.index(col, row)] / 100);
        }
    return out;
  }();
  return s;
}

double bald_area_cm2(const HairLossPattern& p) {
  const ScalpSamples& s = scalp_samples();
  double a = 0;
  for (std::size_t i = 0; i < s.points.size(); ++i)
    a += (1 - p.coverage(s.points[i])) * s.area_cm2[i];
  return a;
}

std::vector<std::unique_ptr<HairLossPattern>> every_pattern() {
  std::vector<std::unique_ptr<HairLossPattern>> v;
  for (const auto& s : norwood_stages()) v.push_back(make_norwood(s));
  for (const auto& s : ludwig_stages()) v.push_back(make_ludwig(s));
  v.push_back(make_olsen(0.7));
  v.push_back(make_diffuse(0.5));
  v.push_back(make_areata(random_patches(4, 10, 40, 9)));
  v.push_back(make_no_loss());
  return v;
}

TEST(HairLoss, CoverageAlwaysLiesInZeroToOne) {
  for (const auto& p : every_pattern())
    for (const ScalpPoint& s : scalp_samples().points) {
      const double c = p->coverage(s);
      ASSERT_GE(c, 0.0) << p->name();
      ASSERT_LE(c, 1.0) << p->name();
    }
}

TEST(HairLoss, EveryPatternHasANameAndADescription) {
  for (const auto& p : every_pattern()) {
    EXPECT_FALSE(p->name().empty());
    EXPECT_FALSE(p->description().empty());
  }
}

TEST(Norwood, BaldAreaGrowsWithTheStage) {
  // The main sequence grows strictly; each variant loses more than the stage it varies.
  const std::vector<std::string> main{"I", "II", "III", "IV", "V", "VI", "VII"};
  double prev = bald_area_cm2(*make_norwood("I"));
  for (std::size_t k = 1; k < main.size(); ++k) {
    const double a = bald_area_cm2(*make_norwood(main[k]));
    EXPECT_GT(a, prev + 5) << "Norwood " << main[k];
    prev = a;
  }
  for (auto [variant, base] : {std::pair{"IIa", "II"},
                               {"IIIa", "III"},
                               {"III vertex", "III"},
                               {"IVa", "III"},
                               {"Va", "IV"}})
    EXPECT_GT(bald_area_cm2(*make_norwood(variant)), bald_area_cm2(*make_norwood(base))) << variant;
  EXPECT_LT(bald_area_cm2(*make_norwood("I")), 1.0);
}

ScalpPoint midline_point(double unit_x) {
  // The top midline point at x = unit_x * semi-axis.
  const HeadModel& h = adult();
  const double x = unit_x * h.semi_axis_x_mm(),
               z = h.semi_axis_z_mm() * std::sqrt(1 - unit_x * unit_x);
  const ScalpMap map(h);
  return ScalpPoint::at(map, map.chart(h.angles_of({x, 0, z})));
}

ScalpPoint side_point(double unit_x, double unit_z) {
  const HeadModel& h = adult();
  const double y =
      h.semi_axis_y_mm() * std::sqrt(std::max(0.0, 1 - unit_x * unit_x - unit_z * unit_z));
  const ScalpMap map(h);
  return ScalpPoint::at(
      map, map.chart(h.angles_of({unit_x * h.semi_axis_x_mm(), y, unit_z * h.semi_axis_z_mm()})));
}

TEST(Norwood, StageFourKeepsABandBetweenFrontAndCrown) {
  const auto iv = make_norwood("IV");
  EXPECT_LT(iv->coverage(midline_point(0.6)), 0.1);    // bald front
  EXPECT_LT(iv->coverage(midline_point(-0.35)), 0.1);  // bald crown
  double band = 0;
  for (double x = -0.2; x <= 0.4; x += 0.02) band = std::max(band, iv->coverage(midline_point(x)));
  EXPECT_GT(band, 0.8);
  // Stage VI: the band is gone.
  const auto vi = make_norwood("VI");
  for (double x = -0.4; x <= 0.7; x += 0.05) EXPECT_LT(vi->coverage(midline_point(x)), 0.05) << x;
}

TEST(Norwood, StageSevenKeepsOnlyTheHorseshoeFringe) {
  const auto vii = make_norwood("VII");
  EXPECT_LT(vii->coverage(side_point(0.0, 0.45)), 0.05);  // side, above the ear: bald in VII
  EXPECT_GT(make_norwood("VI")->coverage(side_point(0.0, 0.38)), 0.9);
  EXPECT_GT(vii->coverage(side_point(0.0, 0.05)), 0.95);    // the low fringe remains
  EXPECT_GT(vii->coverage(side_point(-0.95, -0.1)), 0.95);  // the occipital fringe remains
}

TEST(Norwood, TemporalRecessionCrossesTheEarLineFromStageThree) {
  // "II: recession in front of a line 2 cm ahead of the ear canal; III: behind it."
  const double y_temple = 0.55;
  auto temple_at = [&](double x) {
    return side_point(x, std::sqrt(std::max(0.0, 1 - x * x - y_temple * y_temple)));
  };
  const double ear_line = 20.0 / adult().semi_axis_x_mm();  // 2 cm ahead of the canal
  EXPECT_GT(make_norwood("II")->coverage(temple_at(ear_line - 0.05)), 0.9);
  EXPECT_LT(make_norwood("III")->coverage(temple_at(ear_line)), 0.5);
}

TEST(Ludwig, KeepsTheFrontalHairlineAndThinsTheTop) {
  double prev = 0;
  for (const auto& s : ludwig_stages()) {
    const auto p = make_ludwig(s);
    EXPECT_GT(p->coverage(midline_point(0.8)), 0.95) << s;  // hairline kept
    EXPECT_LT(p->coverage(midline_point(0.1)), 0.7) << s;
    const double a = bald_area_cm2(*p);
    EXPECT_GT(a, prev) << s;
    prev = a;
  }
}

TEST(Olsen, PartWidensTowardsTheFront) {
  const auto p = make_olsen(0.8);
  auto loss_width = [&](double x) {
    double w = 0;
    for (double y = 0; y < 0.9; y += 0.01) {
      const double z = std::sqrt(std::max(0.0, 1 - x * x - y * y));
      const HeadModel& h = adult();
      const ScalpMap map(h);
      const ScalpPoint sp =
          ScalpPoint::at(map, map.chart(h.angles_of({x * h.semi_axis_x_mm(), y * h.semi_axis_y_mm(),
                                                     z * h.semi_axis_z_mm()})));
      if (p->coverage(sp) < 0.6) w = y;
    }
    return w;
  };
  EXPECT_GT(loss_width(0.5), loss_width(0.0) + 0.05);
  EXPECT_GT(p->coverage(midline_point(-0.6)), 0.95);
}

TEST(Areata, PatchCentresAreBaldAndTheRestIsNot) {
  const auto p = make_areata({{{30, -20}, 40}});
  const ScalpMap map(adult());
  EXPECT_LT(p->coverage(ScalpPoint::at(map, {30, -20})), 0.01);
  EXPECT_LT(p->coverage(ScalpPoint::at(map, {30 + 15, -20})), 0.01);
  EXPECT_GT(p->coverage(ScalpPoint::at(map, {30 + 26, -20})), 0.99);
  // Bald area close to the patch's disk (the chart is near to scale at the top).
  EXPECT_NEAR(bald_area_cm2(*p), kPi * 2 * 2, 0.35 * kPi * 4);
  EXPECT_EQ(random_patches(3, 10, 20, 5).size(), 3u);
  EXPECT_EQ(random_patches(3, 10, 20, 5)[1].center.u_mm,
            random_patches(3, 10, 20, 5)[1].center.u_mm);
}

TEST(PaintedMask, ReadsCoverageFromTheImage) {
  const std::string path = ::testing::TempDir() + "/mask.png";
  // 440 mm chart in 220 px: 2 mm per pixel; a black square over u in [0, 40), v in (0, 40].
  cv::Mat img(220, 220, CV_8UC1, cv::Scalar(255));
  img(cv::Rect(110, 90, 20, 20)).setTo(0);
  ASSERT_TRUE(cv::imwrite(path, img));
  const auto p = make_painted_mask(path, 220);
  const ScalpMap map(adult());
  EXPECT_LT(p->coverage(ScalpPoint::at(map, {20, 20})), 0.01);
  EXPECT_GT(p->coverage(ScalpPoint::at(map, {-20, 20})), 0.99);
  EXPECT_THROW(make_painted_mask(::testing::TempDir() + "/missing.png", 220), std::runtime_error);
}

TEST(Factories, RejectUnknownStagesByName) {
  try {
    make_norwood("VIII");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("VIII"), std::string::npos);
  }
  EXPECT_THROW(make_ludwig("IV"), std::invalid_argument);
  EXPECT_THROW(make_diffuse(0), std::invalid_argument);
}

}  // namespace
}  // namespace smp
