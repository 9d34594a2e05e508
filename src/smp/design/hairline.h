// The hairline: mid-frontal point, frontotemporal and temporal points, joined by a smooth
// curve with macro- and micro-irregularity, continued around the ears and the nape as
// the edge of the hair-bearing scalp.
#pragma once

#include <vector>

#include "smp/design/design_parameters.h"
#include "smp/geometry/geometry_parameters.h"
#include "smp/geometry/scalp_outline.h"

namespace smp {

struct HairlineDesign {
  HairlineStyle style = HairlineStyle::soft;
  HairlineParameters params;
  ScalpOutline outline;
  // The named points, for drawing and for the record.
  SurfaceAngles mid_frontal, frontotemporal_left, frontotemporal_right, temporal_left,
      temporal_right;

  // Density multiplier in the transition zone (1 outside it).
  double transition_factor(double depth_mm) const;
  bool in_transition(double depth_mm) const { return depth_mm < params.transition_mm; }
};

HairlineDesign design_hairline(const HeadModel& head, HairlineStyle style,
                               const HairlineParameters& params,
                               const ScalpMarginParameters& margin,
                               const LandmarkParameters& landmarks, unsigned long long seed);

}  // namespace smp
