#include "smp/design/hairline.h"
#include "smp/design/hairline_assessment.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace smp {
namespace {

const HeadModel& adult() {
  static const HeadModel h = HeadModel::fit({57, 35, 36});
  return h;
}

HairlineDesign hairline(HairlineStyle style, double mid_cm = 8, unsigned long long seed = 1) {
  HairlineParameters p = hairline_style_defaults(style);
  p.mid_frontal_above_glabella_cm = mid_cm;
  return design_hairline(adult(), style, p, {}, {}, seed);
}

// The hairline's skin offset (mm) from a smooth version of itself, sampled along the
// front: how irregular it is.
std::vector<double> roughness_mm(const HairlineDesign& h) {
  const HeadModel& head = adult();
  std::vector<double> out;
  const double w = 0.8 * h.outline.front_half_width_rad();
  for (double az = -w; az <= w; az += 0.002) {
    double smooth = 0;
    int n = 0;
    for (double k = -0.1; k <= 0.1; k += 0.002, ++n) smooth += h.outline.polar_limit(az + k);
    smooth /= n;
    out.push_back((h.outline.polar_limit(az) - smooth) * length(head.d_polar({smooth, az})));
  }
  return out;
}

double rms(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x * x;
  return std::sqrt(s / v.size());
}

TEST(Hairline, MidFrontalPointIsTheRequestedHeightAboveTheGlabella) {
  for (double cm : {7.0, 8.0, 10.0}) {
    const HairlineDesign h = hairline(HairlineStyle::defined, cm);
    const double glabella_arc = 15;  // LandmarkParameters default
    EXPECT_NEAR(adult().midline_arc_from_nasion_mm(h.mid_frontal.polar_rad) - glabella_arc, cm * 10,
                0.5);
  }
}

TEST(Hairline, FrontotemporalPointsSitOnTheLateralEpicanthalLinesBehindTheMidpoint) {
  const HairlineDesign h = hairline(HairlineStyle::soft);
  const HeadModel& head = adult();
  const Vec3 ft = head.point(h.frontotemporal_right), mid = head.point(h.mid_frontal);
  EXPECT_NEAR(ft.y, head.landmarks().lateral_canthus_right.y, 0.01);
  EXPECT_NEAR(mid.x - ft.x,
              hairline_style_defaults(HairlineStyle::soft).frontotemporal_recession_mm, 0.01);
  // A mature line sits higher at the corners than a soft one.
  EXPECT_LT(head.point(hairline(HairlineStyle::mature).frontotemporal_right).x, ft.x - 5);
}

TEST(Hairline, NeverRulerStraight) {
  const double soft = rms(roughness_mm(hairline(HairlineStyle::soft)));
  const double defined = rms(roughness_mm(hairline(HairlineStyle::defined)));
  EXPECT_GT(defined, 0.08);      // even a defined line keeps micro-irregularity
  EXPECT_GT(soft, 2 * defined);  // a soft line is visibly more irregular
  EXPECT_LT(soft, 4.0);          // but not ragged
}

TEST(Hairline, SameSeedSameLineOtherSeedOtherLine) {
  const HairlineDesign a = hairline(HairlineStyle::soft, 8, 5),
                       b = hairline(HairlineStyle::soft, 8, 5),
                       c = hairline(HairlineStyle::soft, 8, 6);
  double diff_same = 0, diff_other = 0;
  for (double az = -0.8; az < 0.8; az += 0.01) {
    diff_same += std::abs(a.outline.polar_limit(az) - b.outline.polar_limit(az));
    diff_other += std::abs(a.outline.polar_limit(az) - c.outline.polar_limit(az));
  }
  EXPECT_EQ(diff_same, 0.0);
  EXPECT_GT(diff_other, 0.01);
}

TEST(Hairline, TransitionZoneRaisesDensityGraduallyOverHalfToOneCentimetre) {
  for (HairlineStyle style : {HairlineStyle::soft, HairlineStyle::defined, HairlineStyle::mature}) {
    const HairlineDesign h = hairline(style);
    EXPECT_GE(h.params.transition_mm, 5);
    EXPECT_LE(h.params.transition_mm, 10);
    double prev = h.transition_factor(0);
    for (double d = 0; d <= h.params.transition_mm; d += 0.25) {
      const double f = h.transition_factor(d);
      EXPECT_GE(f, prev);
      EXPECT_LT(f - prev, 0.15) << "no step in the ramp";
      prev = f;
    }
    EXPECT_LT(h.transition_factor(0), 0.6);
    EXPECT_DOUBLE_EQ(h.transition_factor(h.params.transition_mm), 1.0);
  }
}

TEST(Hairline, DesignDensityRisesBehindTheLine) {
  // In the Norwood VI design, the dot density 0-2 mm behind the line is well below the
  // density 12-20 mm behind it.
  const auto& ex = testing::designed_example("norwood6-buzzcut.toml");
  const TargetField& f = *ex.field;
  double near_target = 0, deep_target = 0;
  int near_n = 0, deep_n = 0;
  for (double az = -0.5; az < 0.5; az += 0.01) {
    const double edge = f.hairline().outline.polar_limit(az);
    const double speed = length(f.map().head().d_polar({edge, az}));
    for (double depth : {1.0, 16.0}) {
      const FieldSample s = f.sample(f.map().chart({edge - depth / speed, az}));
      (depth < 5 ? near_target : deep_target) += s.target_per_cm2;
      ++(depth < 5 ? near_n : deep_n);
    }
  }
  EXPECT_LT(near_target / near_n, 0.6 * deep_target / deep_n);
}

TEST(HairlineAssessment, MeasuresTheDesignedHeightAndTheCanthusLine) {
  for (double cm : {7.0, 8.0, 9.5}) {
    const HairlineAssessment a = assess_hairline(adult(), hairline(HairlineStyle::soft, cm), 30, {});
    EXPECT_NEAR(a.mid_frontal_above_glabella_cm, cm, 0.01);
  }
  // The frontotemporal points are designed on the lateral epicanthal lines.
  const HairlineAssessment a = assess_hairline(adult(), hairline(HairlineStyle::soft), 30, {});
  EXPECT_NEAR(a.frontotemporal_left_from_canthus_line_mm, 0, 2);
  EXPECT_NEAR(a.frontotemporal_right_from_canthus_line_mm, 0, 2);
  // Dragged 10 mm along the skin towards the right ear, the right point is outside its
  // line by the sideways part of that step (the temples turn away from the face).
  const HairlineDesign h = hairline(HairlineStyle::soft);
  const SurfaceAngles out = adult().moved(h.frontotemporal_right, 10, kPi / 2);
  const HairlineAssessment b = assess_hairline(
      adult(), move_hairline_point(adult(), h, HairlinePoint::frontotemporal_right, out), 30, {});
  EXPECT_GT(b.frontotemporal_right_from_canthus_line_mm, a.frontotemporal_right_from_canthus_line_mm + 4);
  EXPECT_LT(b.frontotemporal_right_from_canthus_line_mm, a.frontotemporal_right_from_canthus_line_mm + 10);
  EXPECT_NEAR(b.frontotemporal_left_from_canthus_line_mm, a.frontotemporal_left_from_canthus_line_mm, 1e-9);
}

TEST(HairlineAssessment, TheGuidesLieWhereTheRulesSay) {
  const HeadModel& head = adult();
  for (double cm : {7.0, 10.0}) {
    const HairlineDesign h = hairline(HairlineStyle::soft, cm);
    EXPECT_NEAR(midline_above_glabella(head, cm).polar_rad, h.mid_frontal.polar_rad, 1e-6);
  }
  for (Side side : {Side::left, Side::right}) {
    const std::vector<SurfaceAngles> line = lateral_epicanthal_line(head, side);
    const Vec3 canthus = side == Side::left ? head.landmarks().lateral_canthus_left
                                            : head.landmarks().lateral_canthus_right;
    ASSERT_GT(line.size(), 20u);  // from the eye to near the top of the head
    for (SurfaceAngles s : line) EXPECT_NEAR(head.point(s).y, canthus.y, 0.01);
    EXPECT_GT(head.point(line.back()).z - head.point(line.front()).z, 80);
  }
}

TEST(HairlineAssessment, ALowLineIsFlaggedForAnOlderPatientOnly) {
  const HairlineAgeRule rule;
  EXPECT_DOUBLE_EQ(rule.minimum_cm(20), 7.0);
  EXPECT_DOUBLE_EQ(rule.minimum_cm(25), 7.0);
  EXPECT_NEAR(rule.minimum_cm(32), 7.0 + 7.0 / 15, 1e-12);
  EXPECT_DOUBLE_EQ(rule.minimum_cm(40), 8.0);
  EXPECT_DOUBLE_EQ(rule.minimum_cm(70), 8.0);
  const HairlineDesign low = hairline(HairlineStyle::soft, 7.2);
  EXPECT_FALSE(assess_hairline(adult(), low, 22, rule).too_low_for_age);
  const HairlineAssessment old = assess_hairline(adult(), low, 55, rule);
  EXPECT_TRUE(old.too_low_for_age);
  EXPECT_DOUBLE_EQ(old.minimum_for_age_cm, 8.0);
  EXPECT_FALSE(assess_hairline(adult(), hairline(HairlineStyle::soft, 8.0), 55, rule).too_low_for_age);
}

}  // namespace
}  // namespace smp
