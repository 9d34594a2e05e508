// Close-up patches at true scale: the skin as a flat colour with dark marks on and in
// it (impression cores with their diffuse halo; hair shafts above the skin, opaque; the
// hair under the skin, seen as a shadow). Rendered in CIE XYZ for the metrics.
#pragma once

#include <stop_token>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/colour/colour.h"
#include "smp/geometry/vec3.h"

namespace smp {

// An impression: a round core with its diffuse halo, darkening the skin.
struct SkinDot {
  ChartPoint centre;  // patch mm
  double radius_mm = 0.1;
  Xyz colour;                // the colour at the core
  double halo_mm = 0;        // decay length of the diffuse shadow around the core (0: none)
  double halo_strength = 0;  // 0..1 of the core's darkening
};

// A hair: a shaft above the skin, or its buried part seen through it as a shadow.
struct SkinStroke {
  ChartPoint a, b;  // ends in patch mm
  double half_width_mm = 0.1;
  Xyz colour;
  double halo_mm = 0;
  double halo_strength = 0;
};

struct CloseupScene {
  double size_mm = 20;
  Xyz skin;
  std::vector<SkinDot> impressions;  // darken the skin
  std::vector<SkinStroke> in_skin;   // darken it too (hair under the skin)
  std::vector<SkinStroke> on_skin;   // cover it (hair shafts above the skin), drawn last
};

// XYZ image (CV_32FC3), origin at the top left, y growing down (patch mm: y up).
// Throws Cancelled (base/cancellation.h) soon after `stop` is requested.
cv::Mat render_closeup(const CloseupScene& scene, double px_per_mm,
                       const std::stop_token& stop = {});

// sRGB 8-bit BGR image for writing (OpenCV channel order).
cv::Mat to_bgr8(const cv::Mat& xyz);

}  // namespace smp
