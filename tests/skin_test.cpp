#include <gtest/gtest.h>

#include "smp/skin/impression_life.h"
#include "smp/skin/pigment.h"
#include "smp/skin/skin_reflectance.h"

namespace smp {
namespace {

const SkinOpticsParameters kOptics;
const ImpressionLifeParameters kLife;

Lab lab_of(const Spectrum& s) { return to_lab(reflectance_to_xyz(s)); }
Lab skin_lab(int type) {
  return lab_of(bare_skin_reflectance(SkinLayers::for_phototype(type, kOptics), kOptics));
}
Lab dot_lab(int type, InkDeposit ink, double blood = 1) {
  return lab_of(
      inked_skin_reflectance(SkinLayers::for_phototype(type, kOptics), kOptics, ink, blood));
}

TEST(Spectrum, PerfectWhiteIsTheD65White) {
  Spectrum white;
  white.fill(1.0);
  const Xyz w = reflectance_to_xyz(white);
  EXPECT_NEAR(w.x, kD65White.x, 1e-4);
  EXPECT_NEAR(w.y, 1.0, 1e-6);
  EXPECT_NEAR(w.z, kD65White.z, 1e-4);
  Spectrum grey;
  grey.fill(0.2);
  EXPECT_NEAR(to_lab(reflectance_to_xyz(grey)).a, 0, 1e-3);  // neutral stays neutral
}

TEST(KubelkaMunk, LayerLimits) {
  const double k = 2, s = 40;
  EXPECT_NEAR(km_layer(0.3, k, s, 0), 0.3, 1e-9);                 // no layer: the background
  EXPECT_NEAR(km_layer(0.3, k, s, 10), km_infinite(k, s), 1e-9);  // thick: its own colour
  EXPECT_GT(km_infinite(0.1, 40), km_infinite(5, 40));            // more absorption, darker
}

TEST(Skin, DarkerPhototypesAreDarker) {
  double prev = 101;
  for (int t = 1; t <= 6; ++t) {
    const Lab s = skin_lab(t);
    EXPECT_LT(s.l, prev) << "type " << t;
    EXPECT_GT(s.a, 0) << "skin is reddish";
    EXPECT_GT(s.b, 0) << "and yellowish";
    // The ITA of the model's skin gives its own type back (type VI skin comes out too
    // yellow for the ITA band: it reads as V or VI; docs/skin-optics.md).
    if (t < 6) {
      EXPECT_EQ(phototype_from_skin_colour(s), t);
    } else {
      EXPECT_GE(phototype_from_skin_colour(s), 5);
    }
    prev = s.l;
  }
  EXPECT_GT(skin_lab(1).l, 70);
  EXPECT_LT(skin_lab(6).l, 40);
}

TEST(Ink, ADarkerDilutionNeverGivesALighterDot) {
  for (int t = 1; t <= 6; ++t) {
    double prev = skin_lab(t).l;
    for (const Shade& s : kShades) {
      const double l = dot_lab(t, {s.pigment_fraction * kLife.healed_retention, 350, 0}).l;
      EXPECT_LT(l, prev) << s.name << " on type " << t;
      prev = l;
    }
  }
}

// How blue the dot's shadow is: its yellow-blue shift per unit of darkening. Deeper
// carbon darkens less but shifts colour more (the blue-green cast of deep ink).
double blue_shift_per_darkening(int type, double depth_um) {
  const Lab skin = skin_lab(type), dot = dot_lab(type, {0.3, depth_um, 0});
  return (skin.b - dot.b) / (skin.l - dot.l);
}

TEST(Ink, DermalCarbonLooksBlueGreyAndBluerWhenDeeper) {
  const Lab skin = skin_lab(3), dot = dot_lab(3, {0.3, 350, 0});
  EXPECT_LT(dot.b - skin.b, 0);  // towards blue
  EXPECT_LT(dot.a - skin.a, 0);  // and away from red
  double prev = 0;
  for (double depth : {250.0, 350.0, 500.0, 800.0}) {
    const double shift = blue_shift_per_darkening(3, depth);
    EXPECT_GT(shift, prev) << depth;
    prev = shift;
  }
}

TEST(Ink, DeeperNeedleMakesABiggerDot) {
  const Habits h;
  double prev = 0;
  for (double depth : {300.0, 450.0, 600.0, 900.0}) {
    const double d = impression_at(0, 0.5, 250, depth, false, h, kLife).visible_diameter_um;
    EXPECT_GE(d, prev);
    prev = d;
  }
  EXPECT_GT(prev, 1000);  // a 1 mm blowout from a needle at 0.9 mm
  EXPECT_EQ(impression_at(0, 0.5, 250, 350, false, h, kLife).visible_diameter_um, 250);
}

TEST(Healing, FreshIsDarkerRedderAndBiggerThanHealed) {
  const Habits h;
  const ImpressionState fresh = impression_at(1, 0.5, 250, 350, false, h, kLife),
                        healed = impression_at(kLife.healed_days, 0.5, 250, 350, false, h, kLife);
  const Lab f = dot_lab(3, fresh.deposit, fresh.blood_factor),
            d = dot_lab(3, healed.deposit, healed.blood_factor);
  EXPECT_LT(f.l, d.l);
  EXPECT_GT(fresh.blood_factor, 1.5);
  EXPECT_NEAR(healed.blood_factor, 1.0, 0.01);
  EXPECT_NEAR(healed.visible_diameter_um * healed.visible_diameter_um / (250.0 * 250.0),
              kLife.healed_area_fraction, 1e-9);
  // 2-3 shades lighter: the healed dot of shade k is as light as a fresh dot 2-3 shades lighter.
  const Lab fresh_two_lighter =
      dot_lab(3, impression_at(1, kShades[1].pigment_fraction, 250, 350, false, h, kLife).deposit);
  const Lab healed_s4 = dot_lab(
      3, impression_at(kLife.healed_days, kShades[3].pigment_fraction, 250, 350, false, h, kLife)
             .deposit);
  EXPECT_GT(healed_s4.l, fresh_two_lighter.l - 3);
}

TEST(Fading, CalibratedToClinicalTouchUpIntervals) {
  // Touch-up due when half the healed pigment is gone.
  Habits typical;
  Habits careful;
  careful.sun = SunExposure::low;
  careful.daily_sunscreen = true;
  Habits reckless;
  reckless.sun = SunExposure::very_high;
  reckless.alcohol_topicals = true;
  const double t = pigment_half_life_years(typical, false, kLife),
               c = pigment_half_life_years(careful, false, kLife),
               r = pigment_half_life_years(reckless, false, kLife);
  EXPECT_GE(t, 3);
  EXPECT_LE(t, 5);
  EXPECT_GE(c, 8);
  EXPECT_LE(c, 11);
  EXPECT_LT(r, 2);
  EXPECT_LT(pigment_half_life_years(typical, true, kLife), t);  // scar tissue fades faster
  Habits sun = typical;
  sun.sun = SunExposure::high;
  EXPECT_LT(pigment_half_life_years(sun, false, kLife), t);  // more sun, faster fade
  Habits washed = typical;
  washed.washed_in_first_3_days = true;
  EXPECT_LT(impression_at(60, 0.5, 250, 350, false, washed, kLife).deposit.pigment_fraction,
            impression_at(60, 0.5, 250, 350, false, typical, kLife).deposit.pigment_fraction);
  // Pigment falls every year.
  double prev = 1;
  for (double years : {1.0, 3.0, 5.0, 10.0}) {
    const double p = impression_at(30 + 365.25 * years, 0.5, 250, 350, false, typical, kLife)
                         .deposit.pigment_fraction;
    EXPECT_LT(p, prev);
    prev = p;
  }
}

TEST(ShadeRecommendation, FollowsSkinAndHair) {
  const ShadeRecommendation fair = recommend_shades(1, "dark brown", 3),
                            dark = recommend_shades(6, "black", 3);
  ASSERT_EQ(fair.session_shades.size(), 3u);
  EXPECT_LT(fair.session_shades.back(), dark.session_shades.back());  // lighter dilution on type I
  for (const auto& r : {fair, dark})
    for (std::size_t s = 1; s < r.session_shades.size(); ++s)
      EXPECT_GT(r.session_shades[s], r.session_shades[s - 1]);
  EXPECT_TRUE(dark.warnings.empty());
  EXPECT_NE(dark.session_shades.back(),
            static_cast<int>(kShades.size()) - 1);  // never pure black by default
  const ShadeRecommendation black_on_vi = recommend_shades(6, "black", 3, 5);
  ASSERT_FALSE(black_on_vi.warnings.empty());
  EXPECT_NE(black_on_vi.warnings[0].find("blue-green"), std::string::npos);
  EXPECT_LT(recommend_shades(3, "grey", 3).session_shades.back(),
            recommend_shades(3, "dark brown", 3).session_shades.back());
  EXPECT_FALSE(fair.reasons.empty());
}

TEST(Pigment, ShadeListNamesTheSessionsShadesLightestFirst) {
  ShadeRecommendation r;
  r.session_shades = {1, 2, 3};
  EXPECT_EQ(shade_list(r), "S2 light, S3 medium, S4 dark");
  EXPECT_EQ(shade_list({}), "");
}

}  // namespace
}  // namespace smp
