// The hairline: mid-frontal point, frontotemporal and temporal points, joined by a smooth
// curve with macro- and micro-irregularity, continued around the ears and the nape as
// the edge of the hair-bearing scalp.
#pragma once

#include <array>
#include <optional>
#include <string_view>
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
  // Half the azimuth span the irregularity is drawn over (the temporal points' when
  // designed): kept when a point is dragged, so the line changes only near that point.
  double irregularity_half_width_rad = 0;
  unsigned long long irregularity_seed = 0;
  ScalpMarginParameters margin;  // the outline's course round the ears and the nape

  // Density multiplier in the transition zone (1 outside it).
  double transition_factor(double depth_mm) const;
  bool in_transition(double depth_mm) const { return depth_mm < params.transition_mm; }
};

HairlineDesign design_hairline(const HeadModel& head, HairlineStyle style,
                               const HairlineParameters& params,
                               const ScalpMarginParameters& margin,
                               const LandmarkParameters& landmarks, unsigned long long seed);

// The named points a clinician drags on the hairline.
enum class HairlinePoint { mid_frontal, frontotemporal_left, frontotemporal_right, temporal_left, temporal_right };
inline constexpr std::array<std::string_view, 5> kHairlinePointNames{
    "mid_frontal", "frontotemporal_left", "frontotemporal_right", "temporal_left", "temporal_right"};
inline std::string_view name(HairlinePoint p) { return kHairlinePointNames[static_cast<int>(p)]; }
std::optional<HairlinePoint> hairline_point_from_name(std::string_view n);
SurfaceAngles& point(HairlineDesign& d, HairlinePoint p);
inline SurfaceAngles point(const HairlineDesign& d, HairlinePoint p) {
  return point(const_cast<HairlineDesign&>(d), p);  // the one switch, read only
}

// The same hairline with one named point moved to `to`: the curve is drawn again through
// the points (Catmull-Rom: it changes only between the moved point's neighbours) with the
// same irregularity.
HairlineDesign move_hairline_point(const HeadModel& head, const HairlineDesign& d, HairlinePoint p,
                                   SurfaceAngles to);

}  // namespace smp
