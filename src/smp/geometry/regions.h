// The named regions of the scalp, a partition of the hair-bearing scalp.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "smp/geometry/head_model.h"
#include "smp/geometry/scalp_outline.h"

namespace smp {

enum class Region : int {
  frontal_hairline_zone,
  frontal,
  mid_scalp,
  vertex,
  temporal_left,
  temporal_right,
  parietal_left,
  parietal_right,
  occipital,
};
inline constexpr int kRegionCount = 9;

inline constexpr std::array<std::string_view, kRegionCount> kRegionNames{
    "frontal_hairline_zone", "frontal",       "mid_scalp",      "vertex",   "temporal_left",
    "temporal_right",        "parietal_left", "parietal_right", "occipital"};

inline std::string_view name(Region r) { return kRegionNames[static_cast<int>(r)]; }
std::optional<Region> region_from_name(std::string_view name);

// The region of a scalp point (the caller has checked outline.contains(s)).
// hairline_zone_depth_mm: depth of the band behind the hairline.
Region classify(const HeadModel& head, const ScalpOutline& outline, SurfaceAngles s,
                double hairline_zone_depth_mm);

}  // namespace smp
