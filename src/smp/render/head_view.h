// The model head seen from a standard view: the parametric head with ears, nose, eyes
// and neck, the skin of the phototype, the native hair as the far-field colour of the
// stubble, and every impression splatted with its core and diffuse halo.
#pragma once

#include <opencv2/core.hpp>
#include <string_view>
#include <vector>

#include "smp/colour/colour.h"
#include "smp/design/scalp_raster.h"

namespace smp {

enum class View { front, top, left, right, back, three_quarter };
inline constexpr View kViews[] = {View::front, View::top, View::left, View::right, View::back, View::three_quarter};
std::string_view name(View v);

struct ViewDot {
  Vec3 head_mm;
  double radius_mm;
  Xyz colour;
  double halo_mm, halo_strength;
};

struct HeadScene {
  const TargetField* field = nullptr;
  const ScalpRaster* raster = nullptr;  // native coverage per chart cell
  Xyz skin;                             // bare skin of this patient (and state)
  Xyz haired;                           // the haired reference's colour from afar
  std::vector<ViewDot> dots;
};

// XYZ image (CV_32FC3), size_px square, orthographic, lit from above the camera.
cv::Mat render_head_view(const HeadScene& scene, View view, int size_px);

}  // namespace smp
