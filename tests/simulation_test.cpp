#include <gtest/gtest.h>

#include "smp/render/simulation.h"
#include "test_support.h"

namespace smp {
namespace {

// The Norwood VI buzz cut on type III skin, every state measured once.
struct Norwood6 {
  const testing::DesignedExample& ex = testing::designed_example("norwood6-buzzcut.toml");
  Simulation sim{ex.c, *ex.field, ex.planned};
  std::map<std::string, StateMetrics> m;
  Norwood6() {
    for (const TreatmentState& s : standard_states(3, {1, 3, 5, 10}, ex.c.params.life)) m[s.name] = sim.metrics(s);
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
  const double before = m.at("before").delta_e00_15m.median, s1 = m.at("session-1-healed").delta_e00_15m.median,
               s2 = m.at("session-2-healed").delta_e00_15m.median, s3 = m.at("healed").delta_e00_15m.median;
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
  EXPECT_LT(nw6().sim.metrics({"", sessions, healed + 365.25 * (years - 0.3)}).delta_e00_15m.median,
            c.params.appearance.touch_up_delta_e00);
  EXPECT_GT(nw6().sim.metrics({"", sessions, healed + 365.25 * (years + 0.3)}).delta_e00_15m.median,
            c.params.appearance.touch_up_delta_e00);
}

TEST(Simulation, FreshDotsAreDarkerThanHealedOnes) {
  EXPECT_GT(nw6().m.at("session-3").dot_contrast_03m, nw6().m.at("healed").dot_contrast_03m);
}

TEST(Closeup, ResolvesTheDots) {
  const Case& c = nw6().ex.c;
  EXPECT_LT(1 / c.params.appearance.closeup_px_per_mm, 0.1);  // well under 0.1 mm per pixel
  const cv::Mat img = render_closeup(nw6().sim.treated_patch({"healed", 3, 30}), c.params.appearance.closeup_px_per_mm);
  EXPECT_EQ(img.cols, static_cast<int>(c.params.appearance.closeup_mm * c.params.appearance.closeup_px_per_mm));
  double lo = 1, hi = 0;
  cv::minMaxLoc(img.reshape(1), &lo, &hi);
  EXPECT_LT(lo, 0.6 * hi);  // dark cores against light skin
}

}  // namespace
}  // namespace smp
