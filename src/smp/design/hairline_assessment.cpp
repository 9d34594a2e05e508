#include "smp/design/hairline_assessment.h"

#include <algorithm>
#include <cmath>

namespace smp {

double HairlineAgeRule::minimum_cm(int age) const {
  if (age <= young_until_age) return young_minimum_cm;
  if (age >= mature_from_age) return mature_minimum_cm;
  const double t = double(age - young_until_age) / double(mature_from_age - young_until_age);
  return young_minimum_cm + t * (mature_minimum_cm - young_minimum_cm);
}

namespace {

// Sideways distance of a point from the vertical through a canthus, positive away from
// the midline (the head's y axis points to the patient's left).
double from_canthus_line_mm(const HeadModel& head, SurfaceAngles point, Vec3 canthus) {
  const double side = canthus.y < 0 ? -1.0 : 1.0;
  return (head.point(point).y - canthus.y) * side;
}

double glabella_arc_mm(const HeadModel& head) {
  return head.midline_arc_from_nasion_mm(head.angles_of(head.landmarks().glabella).polar_rad);
}

}  // namespace

SurfaceAngles midline_above_glabella(const HeadModel& head, double cm) {
  return {head.midline_polar_at_arc_mm(glabella_arc_mm(head) + cm * 10), 0};
}

std::vector<SurfaceAngles> lateral_epicanthal_line(const HeadModel& head, Side side) {
  const Landmarks& l = head.landmarks();
  const Vec3 canthus = side == Side::left ? l.lateral_canthus_left : l.lateral_canthus_right;
  const double b = head.semi_axis_y_mm(), c = head.semi_axis_z_mm(), a = head.semi_axis_x_mm();
  std::vector<SurfaceAngles> line;
  // The vertical plane y = canthus.y cut with the front of the ellipsoid, every 2 mm up.
  const double y2 = (canthus.y / b) * (canthus.y / b);
  for (double z = canthus.z; z < c; z += 2) {
    const double rest = 1 - y2 - (z / c) * (z / c);
    if (rest <= 0) break;
    line.push_back(head.angles_of({a * std::sqrt(rest), canthus.y, z}));
  }
  return line;
}

HairlineAssessment assess_hairline(const HeadModel& head, const HairlineDesign& hairline, int age,
                                   const HairlineAgeRule& rule) {
  const Landmarks& l = head.landmarks();
  HairlineAssessment a;
  a.mid_frontal_above_glabella_cm =
      (head.midline_arc_from_nasion_mm(hairline.mid_frontal.polar_rad) - glabella_arc_mm(head)) / 10;
  a.minimum_for_age_cm = rule.minimum_cm(age);
  // Rounded to the editor's 0.1 cm display, so a line shown at the floor is not flagged.
  a.too_low_for_age = std::round(a.mid_frontal_above_glabella_cm * 10) < std::round(a.minimum_for_age_cm * 10);
  a.frontotemporal_left_from_canthus_line_mm =
      from_canthus_line_mm(head, hairline.frontotemporal_left, l.lateral_canthus_left);
  a.frontotemporal_right_from_canthus_line_mm =
      from_canthus_line_mm(head, hairline.frontotemporal_right, l.lateral_canthus_right);
  return a;
}

}  // namespace smp
