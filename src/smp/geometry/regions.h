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

// The region of a scalp point (the caller has checked that the outline contains it):
// hairline_depth_mm is its depth behind the hairline (outline.depth_mm; any value
// beyond the zone off the front), zone_depth_mm the depth of the band behind it.
// `unit`: the head point divided by the semi-axes (ScalpPoint::unit).
Region classify(Vec3 unit, double hairline_depth_mm, double zone_depth_mm);

}  // namespace smp
