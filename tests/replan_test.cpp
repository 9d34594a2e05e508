// Live re-planning (design/replan.h): a drag, a goal, a density, a brush stroke.
#include "smp/design/replan.h"

#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "smp/base/plan_error.h"
#include "smp/design/spatial_order.h"

#include "test_support.h"

namespace smp {
namespace {

const testing::DesignedExample& norwood6() {
  return testing::designed_example("norwood6-buzzcut.toml");
}

ReplannedDesign replanned(const DesignEdit& edit, const testing::DesignedExample& e = norwood6(),
                          int threads = 1, std::uint64_t revision = 1) {
  ReplanOptions o;
  o.threads = threads;
  o.revision = revision;
  return replan_design(*e.field, e.planned, edit, e.c.params, e.c.seed, o);
}

DesignEdit hairline_drag(HairlinePoint p, double mm, double direction_rad,
                         const testing::DesignedExample& e = norwood6()) {
  HairlineDesign h = e.field->hairline();
  return MoveHairlinePoint{p, e.field->map().head().moved(point(h, p), mm, direction_rad)};
}

// Every dot of `before` outside the band is in `after` unchanged (but its region); every
// dot of `after` not in `before` lies in the band.
void expect_kept_outside_band(const Design& before, const ReplannedDesign& r) {
  std::map<int, const Dot*> after;
  for (const Dot& d : r.planned.design.dots) after[d.id] = &d;
  const ScalpRaster& raster = r.planned.raster;
  int kept = 0, outside = 0;
  for (const Dot& d : before.dots) {
    if (r.band[raster.index_of(d.chart)]) {
      EXPECT_EQ(after.count(d.id), 0u) << "dot " << d.id << " in the band was kept";
      continue;
    }
    ++outside;
    const auto it = after.find(d.id);
    ASSERT_NE(it, after.end()) << "dot " << d.id << " outside the band is gone";
    const Dot& a = *it->second;
    kept += a.chart.u_mm == d.chart.u_mm && a.chart.v_mm == d.chart.v_mm &&
            a.head_mm.x == d.head_mm.x && a.session == d.session &&
            a.diameter_um == d.diameter_um && a.depth_um == d.depth_um && a.shade == d.shade;
  }
  EXPECT_EQ(kept, outside);
  EXPECT_EQ(r.dots_kept, outside);
  int last_id = 0;
  for (const Dot& d : before.dots) last_id = std::max(last_id, d.id);
  int added = 0;
  for (const Dot& d : r.planned.design.dots)
    if (d.id > last_id) {
      ++added;
      EXPECT_TRUE(r.band[raster.index_of(d.chart)]) << "new dot " << d.id << " outside the band";
    }
  EXPECT_EQ(added, r.dots_added);
}

// The raster re-computed in parts equals one computed from scratch for the edited field.
void expect_raster_as_fresh(const ReplannedDesign& r) {
  const ScalpRaster fresh = ScalpRaster::compute(r.field, r.planned.raster.grid, 2);
  const ScalpRaster& a = r.planned.raster;
  EXPECT_EQ(a.region, fresh.region);
  EXPECT_EQ(a.target_per_cm2, fresh.target_per_cm2);
  EXPECT_EQ(a.coverage, fresh.coverage);
  EXPECT_EQ(a.transition, fresh.transition);
  EXPECT_EQ(a.edges, fresh.edges);
}

// Region counts as a fresh plan aims at: within 3 % of the target wherever a region has
// enough dots to count, 1 % over the whole design.
void expect_counts_on_target(const Design& d) {
  double target_dots = 0;
  for (const RegionStats& r : d.regions) {
    target_dots += r.target_density_per_cm2 * r.treated_area_cm2;
    if (r.dots < 300) continue;
    EXPECT_NEAR(r.achieved_density_per_cm2, r.target_density_per_cm2,
                0.03 * r.target_density_per_cm2)
        << name(r.region);
  }
  EXPECT_NEAR(static_cast<double>(d.dots.size()), target_dots, 0.01 * target_dots);
}

// The 1st percentile and the mean of the band's nearest-neighbour distances over the
// hexagonal spacing of the target where each dot lies. (The shortest alone is noise: it
// falls where the density ramp is steepest, 0.57-0.65 over four revisions of one drag.)
std::pair<double, double> band_spread(const ReplannedDesign& r, const Design& d) {
  std::vector<Vec3> all, band;
  std::vector<double> spacing;
  for (const Dot& dot : d.dots) {
    all.push_back(dot.head_mm);
    const std::size_t cell = r.planned.raster.index_of(dot.chart);
    const double target = r.planned.raster.target_per_cm2[cell];
    if (!r.band[cell] || target < 50) continue;
    band.push_back(dot.head_mm);
    spacing.push_back(std::sqrt(2 / (std::sqrt(3.0) * target / 100)));
  }
  const std::vector<double> nn = nearest_neighbour_distances_mm(band, all);
  std::vector<double> relative;
  double mean = 0;
  for (std::size_t i = 0; i < nn.size(); ++i) {
    relative.push_back(nn[i] / spacing[i]);
    mean += relative.back() / nn.size();
  }
  std::sort(relative.begin(), relative.end());
  return {relative[relative.size() / 100], mean};
}

TEST(Replan, AHairlineDragReplansOnlyTheBandAndKeepsEveryOtherDot) {
  const ReplannedDesign r = replanned(hairline_drag(HairlinePoint::mid_frontal, 10, kPi));
  const Design& before = norwood6().planned.design;
  EXPECT_GT(r.dots_removed, 500);
  EXPECT_GT(r.dots_added, 500);
  // A 10 mm drag of the mid-frontal point moves the line between the frontotemporal
  // points: a band of the front, far less than the 500-odd cm^2 scalp.
  EXPECT_GT(r.band_area_cm2, 10);
  EXPECT_LT(r.band_area_cm2, 120);
  expect_kept_outside_band(before, r);
  expect_raster_as_fresh(r);
}

TEST(Replan, ADraggedHairlineMovesItsDots) {
  // Forward (up the meridian, towards the vertex is 0 + pi): the line moves 12 mm back.
  const Design& before = norwood6().planned.design;
  const ReplannedDesign r = replanned(hairline_drag(HairlinePoint::mid_frontal, 12, kPi));
  // The frontmost dot on the midline follows the line: about 12 mm farther back.
  auto frontmost_x = [](const Design& d) {
    double x = -1e9;
    for (const Dot& dot : d.dots)
      if (std::abs(dot.head_mm.y) < 5) x = std::max(x, dot.head_mm.x);
    return x;
  };
  EXPECT_GT(frontmost_x(before) - frontmost_x(r.planned.design), 6);
  EXPECT_LT(r.planned.design.dots.size(), before.dots.size());
}

TEST(Replan, AReplannedDesignPassesTheQualityChecksOfAFreshOne) {
  for (HairlinePoint p : {HairlinePoint::mid_frontal, HairlinePoint::frontotemporal_left,
                          HairlinePoint::temporal_right}) {
    for (double direction : {0.0, kPi, kPi / 2}) {
      SCOPED_TRACE(std::string(name(p)) + " " + std::to_string(direction));
      const ReplannedDesign r = replanned(hairline_drag(p, 8, direction));
      const Design& d = r.planned.design;
      EXPECT_EQ(testing::merging_pairs(d.dots, norwood6().c.params.dots.min_gap_mm), 0);
      expect_counts_on_target(d);
      // Sessions stay nested and keep their shares.
      EXPECT_NEAR(d.sessions[0].cumulative_fraction, 0.30, 0.02);
      EXPECT_NEAR(d.sessions[1].cumulative_fraction, 0.70, 0.02);
      // The band is as even as a fresh plan of the edited target there.
      const PlannedDesign fresh = plan_design(r.field, norwood6().c.params, norwood6().c.seed);
      const auto [p1, mean] = band_spread(r, d);
      const auto [fresh_p1, fresh_mean] = band_spread(r, fresh.design);
      EXPECT_GE(p1, fresh_p1 - 0.03);
      EXPECT_GE(mean, fresh_mean - 0.02);
    }
  }
}

TEST(Replan, TheSameEditGivesTheSameDesignOnAnyThreadCount) {
  const DesignEdit edit = hairline_drag(HairlinePoint::frontotemporal_right, 6, 0.3);
  const ReplannedDesign a = replanned(edit, norwood6(), 1), b = replanned(edit, norwood6(), 2);
  ASSERT_EQ(a.planned.design.dots.size(), b.planned.design.dots.size());
  for (std::size_t i = 0; i < a.planned.design.dots.size(); ++i) {
    EXPECT_EQ(a.planned.design.dots[i].id, b.planned.design.dots[i].id);
    EXPECT_EQ(a.planned.design.dots[i].head_mm.x, b.planned.design.dots[i].head_mm.x);
  }
  // Another revision draws other dots in the band, the same ones outside it.
  const ReplannedDesign c = replanned(edit, norwood6(), 1, 2);
  EXPECT_EQ(c.dots_kept, a.dots_kept);
  EXPECT_NE(c.planned.design.dots.back().head_mm.x, a.planned.design.dots.back().head_mm.x);
}

TEST(Replan, ARegionSetToNoGoalLosesItsDotsAndNothingElse) {
  const ReplannedDesign r = replanned(SetRegionGoal{Region::vertex, Goal::none});
  const Design& d = r.planned.design;
  const RegionStats& vertex = d.regions[static_cast<int>(Region::vertex)];
  EXPECT_EQ(vertex.dots, 0);
  EXPECT_EQ(vertex.goal, Goal::none);
  EXPECT_GT(norwood6().planned.design.regions[static_cast<int>(Region::vertex)].dots, 1000);
  expect_kept_outside_band(norwood6().planned.design, r);
  expect_raster_as_fresh(r);
  EXPECT_EQ(testing::merging_pairs(d.dots, norwood6().c.params.dots.min_gap_mm), 0);
  expect_counts_on_target(d);
}

TEST(Replan, ALowerDensityThinsEveryBuzzCutRegion) {
  DensityParameters density = norwood6().field->density();
  const double before = density.final_per_cm2;
  density.final_per_cm2 = 85;
  const ReplannedDesign r = replanned(SetDensity{density});
  expect_raster_as_fresh(r);
  expect_counts_on_target(r.planned.design);
  const Design& d = r.planned.design;
  const RegionStats& mid = d.regions[static_cast<int>(Region::mid_scalp)];
  const RegionStats& mid_before =
      norwood6().planned.design.regions[static_cast<int>(Region::mid_scalp)];
  EXPECT_NEAR(static_cast<double>(mid.dots) / mid_before.dots, 85 / before, 0.03);
  EXPECT_EQ(testing::merging_pairs(d.dots, norwood6().c.params.dots.min_gap_mm), 0);
}

TEST(Replan, PaintingHairOverBaldSkinRemovesTheDotsUnderTheBrush) {
  // Full native hair painted over 40 mm of the bald mid-scalp: buzz-cut needs no dots there.
  MaskStroke stroke{{-20, 30}, {20, 30}, 10, 1.0};
  const ReplannedDesign r = replanned(PaintLoss{stroke});
  expect_kept_outside_band(norwood6().planned.design, r);
  expect_raster_as_fresh(r);
  int under_brush = 0, before_under_brush = 0;
  auto under = [&](const Dot& d) {
    return std::abs(d.chart.u_mm) < 20 && std::abs(d.chart.v_mm - 30) < 6;
  };
  for (const Dot& d : r.planned.design.dots) under_brush += under(d);
  for (const Dot& d : norwood6().planned.design.dots) before_under_brush += under(d);
  EXPECT_GT(before_under_brush, 300);
  EXPECT_EQ(under_brush, 0);
  EXPECT_EQ(testing::merging_pairs(r.planned.design.dots, norwood6().c.params.dots.min_gap_mm), 0);
  EXPECT_NE(r.field.loss().description().find("1 brush stroke"), std::string::npos);
  // A second stroke joins the first in one layer.
  const TargetField twice = edited_field(r.field, PaintLoss{stroke});
  EXPECT_NE(twice.loss().description().find("2 brush strokes"), std::string::npos);
}

TEST(Replan, AnEditThatChangesNothingKeepsEveryDot) {
  const Goal current = norwood6().field->goals().at(Region::frontal);
  const ReplannedDesign r = replanned(SetRegionGoal{Region::frontal, current});
  EXPECT_EQ(r.dots_removed, 0);
  EXPECT_EQ(r.dots_added, 0);
  EXPECT_EQ(r.planned.design.dots.size(), norwood6().planned.design.dots.size());
}

TEST(Replan, ABrushOutOfRangeIsRefusedNamingTheStroke) {
  try {
    replanned(PaintLoss{MaskStroke{{0, 0}, {1, 1}, 0.1, 0.5}});
    FAIL() << "no error";
  } catch (const PlanError& e) {
    EXPECT_EQ(e.field(), "stroke");
    EXPECT_NE(std::string(e.what()).find("radius_mm 0.1"), std::string::npos) << e.what();
  }
}

TEST(Replan, AHairlinePointOffTheScalpOrNotANumberIsRefusedNamingThePoint) {
  for (const SurfaceAngles to : {SurfaceAngles{2.5, 0}, SurfaceAngles{std::nan(""), 0.1}}) {
    try {
      replanned(MoveHairlinePoint{HairlinePoint::temporal_left, to});
      FAIL() << "no error";
    } catch (const PlanError& e) {
      EXPECT_EQ(e.field(), "hairline.temporal_left");
      EXPECT_NE(std::string(e.what()).find("polar angle of 0.05 to 1.75 rad"), std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace smp
