// The hairline's placement measured against the rules the editor draws as guides: the
// mid-frontal point's height above the glabella (flagged when too low for the patient's
// age) and each frontotemporal point's distance from the lateral epicanthal line, on
// which it belongs (domain.md "Head, scalp and hair loss"; Shapiro & Shapiro 2013).
#pragma once

#include <vector>

#include "smp/design/design_parameters.h"
#include "smp/design/hairline.h"

namespace smp {

struct HairlineAssessment {
  double mid_frontal_above_glabella_cm = 0;  // along the skin of the midline
  double minimum_for_age_cm = 0;             // HairlineAgeRule at the patient's age
  bool too_low_for_age = false;
  // Sideways from the lateral epicanthal line (the vertical through the lateral canthus),
  // positive towards the ear; 0 on the line.
  double frontotemporal_left_from_canthus_line_mm = 0;
  double frontotemporal_right_from_canthus_line_mm = 0;
};

// The guides themselves: the midline point `cm` above the glabella along the skin, and
// the lateral epicanthal line of one side from the canthus up to the top of the head.
SurfaceAngles midline_above_glabella(const HeadModel& head, double cm);
enum class Side { left, right };
std::vector<SurfaceAngles> lateral_epicanthal_line(const HeadModel& head, Side side);

HairlineAssessment assess_hairline(const HeadModel& head, const HairlineDesign& hairline, int age,
                                   const HairlineAgeRule& rule);

}  // namespace smp
