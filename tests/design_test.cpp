#include <cmath>

#include <gtest/gtest.h>

#include "smp/design/spatial_order.h"

#include "test_support.h"

namespace smp {
namespace {

// Regions with fewer dots than this are checked on the whole design instead: a region
// boundary cuts the pattern at random, which moves a small count by several percent
// (about sqrt(perimeter / spacing) dots).
constexpr int kDensityCheckMinDots = 300;

class EveryExample : public ::testing::TestWithParam<std::string> {
 protected:
  const Design& design() const { return testing::designed_example(GetParam()).planned.design; }
  const Case& the_case() const { return testing::designed_example(GetParam()).c; }
};

TEST_P(EveryExample, AchievedDensityIsWithinThreePercentOfTargetInEveryTreatedRegion) {
  double target_dots = 0;
  int checked = 0;
  for (const RegionStats& r : design().regions) {
    target_dots += r.target_density_per_cm2 * r.treated_area_cm2;
    if (r.dots < kDensityCheckMinDots) continue;
    ++checked;
    EXPECT_NEAR(r.achieved_density_per_cm2, r.target_density_per_cm2,
                0.03 * r.target_density_per_cm2)
        << name(r.region);
  }
  EXPECT_GT(checked, 0);
  EXPECT_NEAR(static_cast<double>(design().dots.size()), target_dots, 0.01 * target_dots);
}

TEST_P(EveryExample, ImpressionsNeverMerge) {
  // Centre spacing at least the mean diameter of the two plus the minimum gap.
  std::vector<Vec3> p;
  for (const Dot& d : design().dots) p.push_back(d.head_mm);
  const double min_spacing = min_pair_distance_mm(p);
  EXPECT_GE(min_spacing, the_case().params.dots.min_gap_mm +
                             0.8 * the_case().params.dots.hairline_diameter_um / 1000);
  // The exact rule for every close pair.
  EXPECT_EQ(testing::merging_pairs(design().dots, the_case().params.dots.min_gap_mm), 0);
}

TEST_P(EveryExample, SessionsBuildUpThirtySeventyHundred) {
  const auto& s = design().sessions;
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s[0].cumulative_fraction, 0.30, 0.05);
  EXPECT_NEAR(s[1].cumulative_fraction, 0.70, 0.05);
  EXPECT_DOUBLE_EQ(s[2].cumulative_fraction, 1.0);
  EXPECT_LT(s[0].shade, s[1].shade);  // lightest first
  EXPECT_LT(s[1].shade, s[2].shade);
  // Per region too: each region gets its share in each session.
  for (const RegionStats& r : design().regions) {
    if (r.dots < 300) continue;
    EXPECT_NEAR(static_cast<double>(r.dots_per_session[0]) / r.dots, 0.30, 0.02) << name(r.region);
  }
}

// Regions treated all over at the final density (bench/spacing-quality.py measures the
// same with scipy): session 1 alone and the final dots at least as even as dart throwing
// (Bridson: 0.73 shortest, 0.79 mean over the hexagonal spacing), and no lattice.
TEST_P(EveryExample, FullyTreatedRegionsAreEvenlySpaced) {
  const Design& d = design();
  const double final_density = the_case().params.density.final_per_cm2;
  std::vector<Vec3> all, first;
  for (const Dot& dot : d.dots) {
    all.push_back(dot.head_mm);
    if (dot.session == 1) first.push_back(dot.head_mm);
  }
  int checked = 0;
  for (const RegionStats& r : d.regions) {
    if (r.dots < kDensityCheckMinDots || r.treated_area_cm2 < 0.99 * r.area_cm2 ||
        std::abs(r.target_density_per_cm2 - final_density) > 0.01 * final_density)
      continue;
    ++checked;
    std::vector<Vec3> here, here_first;
    std::vector<ChartPoint> chart;
    for (const Dot& dot : d.dots)
      if (dot.region == r.region) {
        here.push_back(dot.head_mm);
        chart.push_back(dot.chart);
        if (dot.session == 1) here_first.push_back(dot.head_mm);
      }
    auto spread = [&](const std::vector<Vec3>& p, const std::vector<Vec3>& among) {
      const std::vector<double> nn = nearest_neighbour_distances_mm(p, among);
      double shortest = 1e9, mean = 0;
      for (double x : nn) shortest = std::min(shortest, x), mean += x / nn.size();
      const double d_max = hex_packing_spacing_mm(p.size(), r.treated_area_cm2 * 100);
      return std::pair{shortest / d_max, mean / d_max};
    };
    const auto [rho, mean] = spread(here, all);
    const auto [rho1, mean1] = spread(here_first, first);
    EXPECT_GE(rho, 0.65) << name(r.region);
    EXPECT_GE(mean, 0.78) << name(r.region);
    EXPECT_GE(rho1, 0.75) << name(r.region);
    EXPECT_GE(mean1, 0.8) << name(r.region);
    EXPECT_LT(bond_orientational_order(chart, 6, 3.0), 0.1) << name(r.region);
  }
  if (checked == 0) GTEST_SKIP() << "no region treated all over at the final density";
}

TEST_P(EveryExample, LaterSessionDotsStayOutsideTheExclusionRadiusOfEarlierDots) {
  // Exclusion radius between two dots: their mean diameter plus the minimum gap.
  const auto& dots = design().dots;
  const double gap = the_case().params.dots.min_gap_mm;
  int checked = 0;
  for (std::size_t k = 0; k < dots.size(); k += 7) {
    if (dots[k].session == 1) continue;
    for (const Dot& earlier : dots) {
      if (earlier.session >= dots[k].session) break;  // dots are in session order
      const double exclusion = (earlier.diameter_um + dots[k].diameter_um) / 2000 + gap;
      ASSERT_GE(distance(earlier.head_mm, dots[k].head_mm), exclusion - 1e-9);
    }
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST_P(EveryExample, LaterSessionsFillTheGapsBetweenEarlierDots) {
  // The mean nearest-neighbour distance within session 1 is wide; session 2 dots sit
  // between session 1 dots, so they are nearer to session 1 than session 1 dots are to
  // each other.
  const auto& dots = design().dots;
  std::vector<Vec3> s1, s2;
  for (const Dot& d : dots) (d.session == 1 ? s1 : s2).push_back(d.head_mm);
  if (s1.size() < 200) GTEST_SKIP();
  auto mean_nn = [](const std::vector<Vec3>& from, const std::vector<Vec3>& to, bool same) {
    double sum = 0;
    const std::size_t stride = std::max<std::size_t>(1, from.size() / 300);
    int n = 0;
    for (std::size_t i = 0; i < from.size(); i += stride, ++n) {
      double best = 1e9;
      for (std::size_t j = 0; j < to.size(); ++j)
        if (!(same && i == j)) best = std::min(best, distance(from[i], to[j]));
      sum += best;
    }
    return sum / n;
  };
  EXPECT_LT(mean_nn(s2, s1, false), 0.75 * mean_nn(s1, s1, true));
}

INSTANTIATE_TEST_SUITE_P(Examples, EveryExample, ::testing::ValuesIn(testing::example_names()),
                         [](const auto& info) {
                           std::string n = info.param.substr(0, info.param.find('.'));
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

std::vector<ChartPoint> chart_points_in(const Design& d, Region region) {
  std::vector<ChartPoint> pts;
  for (const Dot& dot : d.dots)
    if (dot.region == region) pts.push_back(dot.chart);
  return pts;
}

TEST(BlueNoise, NoLatticeInAFullyTreatedRegion) {
  const Design& d = testing::designed_example("norwood6-buzzcut.toml").planned.design;
  const auto pts = chart_points_in(d, Region::vertex);
  ASSERT_GT(pts.size(), 5000u);
  EXPECT_LT(bond_orientational_order(pts, 6, 3.0), 0.3);
  EXPECT_LT(bond_orientational_order(pts, 4, 3.0), 0.3);
}

TEST(BlueNoise, TheOrderMeasureRecognisesALattice) {
  std::vector<ChartPoint> hex, square;
  for (int i = 0; i < 60; ++i)
    for (int j = 0; j < 60; ++j) {
      hex.push_back({i + 0.5 * (j % 2), j * std::sqrt(3.0) / 2});
      square.push_back({static_cast<double>(i), static_cast<double>(j)});
    }
  EXPECT_GT(bond_orientational_order(hex, 6, 1.5), 0.9);
  EXPECT_GT(bond_orientational_order(square, 4, 1.5), 0.9);
}

TEST(BlueNoise, NearestNeighbourDistancesAreEvenNotRandom) {
  // Blue noise: nearest-neighbour distances cluster near the mean (coefficient of
  // variation well below the 0.52 of a Poisson process).
  const Design& d = testing::designed_example("norwood6-buzzcut.toml").planned.design;
  std::vector<Vec3> p;
  for (const Dot& dot : d.dots)
    if (dot.region == Region::mid_scalp) p.push_back(dot.head_mm);
  double sum = 0, sum2 = 0;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    double best = 1e9;
    for (std::size_t j = 0; j < p.size(); ++j)
      if (j != static_cast<std::size_t>(i * 7)) best = std::min(best, distance(p[i * 7], p[j]));
    sum += best, sum2 += best * best;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_LT(sd / mean, 0.25);
  EXPECT_GT(mean, 0.7);  // about 1 mm spacing at 105 per cm^2
  EXPECT_LT(mean, 1.2);
}

TEST(Design, SameSeedSameDesignWhateverTheThreads) {
  const Case c = load_case(testing::example_path("alopecia-areata.toml"));
  const TargetField f = target_field_for(c);
  PlannerOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const Design a = plan_design(f, c.params, c.seed, one).design,
               b = plan_design(f, c.params, c.seed, two).design;
  ASSERT_EQ(a.dots.size(), b.dots.size());
  for (std::size_t i = 0; i < a.dots.size(); ++i) {
    EXPECT_EQ(a.dots[i].chart.u_mm, b.dots[i].chart.u_mm);
    EXPECT_EQ(a.dots[i].session, b.dots[i].session);
    EXPECT_EQ(a.dots[i].shade, b.dots[i].shade);
  }
  const Design other = plan_design(f, c.params, c.seed + 1, one).design;
  int same = 0;
  for (std::size_t i = 0; i < std::min(a.dots.size(), other.dots.size()); ++i)
    same += a.dots[i].chart.u_mm == other.dots[i].chart.u_mm;
  EXPECT_LT(same, 10);
}

TEST(Design, FullNorwoodSixSessionsTakeThreeToFiveHours) {
  const Design& d = testing::designed_example("norwood6-buzzcut.toml").planned.design;
  for (const SessionPlan& s : d.sessions) {
    EXPECT_GE(s.estimated_minutes, 180) << s.index;
    EXPECT_LE(s.estimated_minutes, 300) << s.index;
  }
  EXPECT_GT(d.treated_area_cm2, 250);
  EXPECT_NEAR(static_cast<double>(d.dots.size()) / d.treated_area_cm2, 90, 10);
}

TEST(Design, DotsCarryTheirAttributes) {
  const auto& ex = testing::designed_example("norwood6-buzzcut.toml");
  const Design& d = ex.planned.design;
  int hairline_needle = 0;
  for (const Dot& dot : d.dots) {
    ASSERT_GE(dot.depth_um, ex.c.params.dots.depth_min_um);
    ASSERT_LE(dot.depth_um, ex.c.params.dots.depth_max_um);
    ASSERT_GT(dot.shade, 0);
    ASSERT_LE(dot.shade, 1);
    // The 3D point is the head point of the chart point.
    ASSERT_LT(distance(dot.head_mm, ex.field->map().head_point(dot.chart)), 1e-9);
    hairline_needle += dot.needle == 1;
    if (dot.needle == 1) {
      ASSERT_LT(dot.diameter_um, 1.21 * ex.c.params.dots.hairline_diameter_um);
    }
  }
  EXPECT_GT(hairline_needle, 200);  // the transition zone uses the fine needle
  // Ids are 1..N in session order.
  for (std::size_t i = 0; i < d.dots.size(); ++i) ASSERT_EQ(d.dots[i].id, static_cast<int>(i) + 1);
}

TEST(Design, GoalsDecideWhereDotsGo) {
  const Design& fut = testing::designed_example("fut-scar-camouflage.toml").planned.design;
  for (const RegionStats& r : fut.regions) {
    if (r.goal == Goal::none) {
      EXPECT_EQ(r.dots, 0) << name(r.region);
    }
  }
  const Design& nw3 = testing::designed_example("norwood3-soft-hairline.toml").planned.design;
  EXPECT_EQ(nw3.regions[static_cast<int>(Region::occipital)].dots, 0);
  // Density work in proportion to the loss, behind the hairline's transition zone.
  const auto& lud = testing::designed_example("ludwig2-density.toml");
  EXPECT_GT(lud.planned.design.regions[static_cast<int>(Region::mid_scalp)].dots, 500);
  int checked = 0;
  for (double u = -40; u <= 40; u += 10)
    for (double v = -40; v <= 20; v += 10) {
      const FieldSample s = lud.field->sample({u, v});
      if (!s.on_scalp || s.hairline_transition) continue;
      EXPECT_NEAR(s.target_per_cm2, 70 * (1 - s.coverage), 1e-9);
      ++checked;
    }
  EXPECT_GT(checked, 30);
}

}  // namespace
}  // namespace smp

namespace smp {
namespace {

// Regression: a depth the clinic set below or beyond the upper dermis was clamped to
// 250-500 um, so too deep a needle (blowout) could not be planned or shown.
TEST(Planner, TheClinicsDepthIsKeptOutsideTheUpperDermis) {
  for (double depth : {200.0, 700.0}) {
    const Case c = testing::case_from(
        "[patient]\nid='a'\n[hair_loss]\npattern='norwood'\nstage='II'\n[clinic]\ndepth_um = " +
        std::to_string(depth) + "\n");
    const PlannedDesign p = plan_design(target_field_for(c), c.params, c.seed, {});
    ASSERT_FALSE(p.design.dots.empty());
    double sum = 0;
    for (const Dot& d : p.design.dots) {
      sum += d.depth_um;
      EXPECT_LE(std::abs(d.depth_um - depth), 5 * c.params.dots.depth_sd_um);
    }
    EXPECT_NEAR(sum / p.design.dots.size(), depth, 25);  // half the draws clip at the set depth
  }
}

}  // namespace
}  // namespace smp
