#include "smp/render/simulation.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace smp {
namespace {

// The Norwood VI buzz cut on type III skin, every state measured once.
struct Norwood6 {
  const testing::DesignedExample& ex = testing::designed_example("norwood6-buzzcut.toml");
  Simulation sim{simulation_inputs(ex.c), *ex.field, ex.planned};
  std::map<std::string, StateMetrics> m;
  Norwood6() {
    for (const TreatmentState& s : standard_states(3, {1, 3, 5, 10}, ex.c.params.life))
      m[s.name] = sim.metrics(s);
  }
};
const Norwood6& nw6() {
  static const Norwood6 n;
  return n;
}

TEST(Simulation, PatchesSitInTheTreatedAndTheHairedArea) {
  EXPECT_EQ(nw6().ex.c.patient.phototype, 3);
  EXPECT_EQ(nw6().sim.treated_region(), "vertex");
  const FieldSample ref = nw6().ex.field->sample(nw6().sim.reference_centre());
  EXPECT_GT(ref.coverage, 0.95);
  EXPECT_EQ(ref.target_per_cm2, 0);
}

TEST(Simulation, BaldSkinDiffersFromTheHairedReferenceBeforeTreatment) {
  EXPECT_GT(nw6().m.at("before").delta_e00_15m.median, 8);
}

TEST(Simulation, HealedTreatmentReadsLikeTheReferenceAtSocialDistance) {
  EXPECT_LT(nw6().m.at("healed").delta_e00_15m.median, 3);
  // Single dots stay visible up close.
  EXPECT_GT(nw6().m.at("healed").dot_contrast_03m, 3);
}

TEST(Simulation, EachSessionBringsTheDifferenceDown) {
  const auto& m = nw6().m;
  const double before = m.at("before").delta_e00_15m.median,
               s1 = m.at("session-1-healed").delta_e00_15m.median,
               s2 = m.at("session-2-healed").delta_e00_15m.median,
               s3 = m.at("healed").delta_e00_15m.median;
  EXPECT_LT(s1, before);
  EXPECT_LT(s2, s1);
  EXPECT_LT(s3, s2);
}

TEST(Simulation, FadingRaisesTheDifferenceAndSetsTheTouchUp) {
  const auto& m = nw6().m;
  double prev = m.at("healed").delta_e00_15m.median;
  for (const char* y : {"year-1", "year-3", "year-5", "year-10"}) {
    EXPECT_GT(m.at(y).delta_e00_15m.median, prev) << y;
    prev = m.at(y).delta_e00_15m.median;
  }
  const double years = nw6().sim.touch_up_years();
  EXPECT_GE(years, 3);  // typical habits: 3-5 years (seed; clinics)
  EXPECT_LE(years, 5);
  // The touch-up is where the difference crosses the clinic's threshold.
  const Case& c = nw6().ex.c;
  const double healed = c.params.life.healed_days;
  const int sessions = 3;
  EXPECT_LT(
      nw6()
          .sim.metrics({TreatmentState::Kind::year, "", sessions, healed + 365.25 * (years - 0.3)})
          .delta_e00_15m.median,
      c.params.appearance.touch_up_delta_e00);
  EXPECT_GT(
      nw6()
          .sim.metrics({TreatmentState::Kind::year, "", sessions, healed + 365.25 * (years + 0.3)})
          .delta_e00_15m.median,
      c.params.appearance.touch_up_delta_e00);
}

TEST(Simulation, FreshDotsAreDarkerThanHealedOnes) {
  EXPECT_GT(nw6().m.at("session-3").dot_contrast_03m, nw6().m.at("healed").dot_contrast_03m);
}

TEST(Closeup, ResolvesTheDots) {
  const Case& c = nw6().ex.c;
  EXPECT_LT(1 / c.params.appearance.closeup_px_per_mm, 0.1);  // well under 0.1 mm per pixel
  const cv::Mat img =
      render_closeup(nw6().sim.treated_patch({TreatmentState::Kind::healed, "healed", 3, 30}),
                     c.params.appearance.closeup_px_per_mm);
  EXPECT_EQ(img.cols, static_cast<int>(c.params.appearance.closeup_mm *
                                       c.params.appearance.closeup_px_per_mm));
  double lo = 1, hi = 0;
  cv::minMaxLoc(img.reshape(1), &lo, &hi);
  EXPECT_LT(lo, 0.6 * hi);  // dark cores against light skin
}

// A spot on the head, and a view that sees it with a window of head skin around it.
struct SeenSpot {
  double x, y;
};
SeenSpot seen_spot(const Simulation& sim, const ScalpMap& map, ChartPoint spot,
                   const HeadViewGeometry*& geometry) {
  static std::vector<std::unique_ptr<HeadViewGeometry>> views;
  if (views.empty())
    for (View v : kViews) views.push_back(std::make_unique<HeadViewGeometry>(sim.head(), v, 1024));
  const Vec3 p = map.head_point(spot);
  for (const auto& g : views) {
    if (!g->sees_scalp_point(p)) continue;
    double x, y, depth;
    g->project(p, x, y, depth);
    const cv::Rect window(static_cast<int>(x) - 16, static_cast<int>(y) - 16, 32, 32);
    if (cv::countNonZero(g->part(window) == HeadViewGeometry::skin) < window.area())
      continue;  // near the outline
    geometry = g.get();
    return {x, y};
  }
  ADD_FAILURE() << "no view sees the spot";
  return {};
}

// Mean and coefficient of variation of Y in a square window.
std::pair<double, double> window_stats(const cv::Mat& xyz, double x, double y, int half) {
  std::vector<cv::Mat> channels;
  cv::split(
      xyz(cv::Rect(static_cast<int>(x) - half, static_cast<int>(y) - half, 2 * half, 2 * half)),
      channels);
  cv::Scalar mean, sd;
  cv::meanStdDev(channels[1], mean, sd);
  return {mean[0], sd[0] / mean[0]};
}

TEST(HeadView, NativeHairHasTheCaseDensity) {
  const auto& ex = nw6().ex;
  const ScalpRaster& r = ex.planned.raster;
  double expected = 0;
  for (std::size_t i = 0; i < r.coverage.size(); ++i)
    if (r.region[i] >= 0)
      expected += ex.c.params.hair.hairs_per_cm2 * r.coverage[i] * r.skin_area_mm2[i] / 100;
  const std::vector<ViewHair>& hairs = nw6().sim.native_hair().hairs;
  EXPECT_GT(expected, 20000);  // the Norwood VI fringe
  EXPECT_NEAR(static_cast<double>(hairs.size()), expected, 0.03 * expected);
  // Shafts stand out at the case's length and the buried part runs back under the skin.
  for (std::size_t i = 0; i < hairs.size(); i += 997) {
    EXPECT_NEAR(length(hairs[i].tip_mm - hairs[i].root_mm), ex.c.loss.hair_length_mm, 1e-9);
    EXPECT_NEAR(length(hairs[i].bulb_mm - hairs[i].root_mm), ex.c.params.hair.subsurface_length_mm,
                1e-9);
  }
}

TEST(HeadView, HairedScalpReadsAsStubbleNotAFlatColour) {
  const Simulation& sim = nw6().sim;
  const HeadViewGeometry* g = nullptr;
  const SeenSpot ref = seen_spot(sim, nw6().ex.field->map(), sim.reference_centre(), g);
  HeadScene scene = sim.head_scene({});
  const auto [haired_mean, haired_cv] = window_stats(render_head_view(scene, *g), ref.x, ref.y, 12);
  scene.hair = nullptr;
  const auto [bare_mean, bare_cv] = window_stats(render_head_view(scene, *g), ref.x, ref.y, 12);
  EXPECT_GT(haired_cv, 0.1);  // single shafts, not a colour mix
  EXPECT_LT(bare_cv, 0.02);   // the same skin without hair: only the lighting varies
  EXPECT_LT(haired_mean, 0.85 * bare_mean);
}

TEST(HeadView, LongerStubbleCoversMoreSkin) {
  const auto& ex = nw6().ex;
  Case longer = ex.c;
  longer.loss.hair_length_mm = 3;
  const Simulation sim3{simulation_inputs(longer), *ex.field, ex.planned};
  const HeadViewGeometry* g = nullptr;
  const SeenSpot ref = seen_spot(nw6().sim, ex.field->map(), nw6().sim.reference_centre(), g);
  const double short_mean =
      window_stats(render_head_view(nw6().sim.head_scene({}), *g), ref.x, ref.y, 12).first;
  const double long_mean =
      window_stats(render_head_view(sim3.head_scene({}), *g), ref.x, ref.y, 12).first;
  EXPECT_LT(long_mean, 0.8 * short_mean);
}

TEST(HeadView, EachViewSeesItsSideOfTheHead) {
  const HeadModel& head = nw6().sim.head();
  const Landmarks& L = head.landmarks();
  const auto on_head = [&](Vec3 p) { return head.point(head.angles_of(p)); };
  const Vec3 above_left_ear = on_head(L.ear_canal_left + Vec3{0, 0, 40}),
             forehead = on_head(L.glabella + Vec3{0, 0, 40});
  const Vec3 crown = on_head(L.vertex), nape = on_head(L.inion);
  const auto sees = [&](View v, Vec3 p) {
    return HeadViewGeometry(head, v, 256).sees_scalp_point(p);
  };
  EXPECT_TRUE(sees(View::left, above_left_ear));
  EXPECT_FALSE(sees(View::right, above_left_ear));
  EXPECT_TRUE(sees(View::front, forehead));
  EXPECT_FALSE(sees(View::back, forehead));
  EXPECT_TRUE(sees(View::back, nape));
  EXPECT_TRUE(sees(View::top, crown));
  EXPECT_TRUE(sees(View::three_quarter, forehead));
  // The top view looks straight down on the vertex: it lands on the image's middle column.
  double x, y, depth;
  HeadViewGeometry(head, View::top, 256).project(crown, x, y, depth);
  EXPECT_NEAR(x, 128, 2);
}

}  // namespace
}  // namespace smp
