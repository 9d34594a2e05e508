// The model head seen from a standard view: the parametric head with ears, nose, eyes
// and neck, the skin of the phototype, the native hair as short stubble (shafts above
// the skin and their shadow under it), and every impression with its core and halo.
//
// A view is rendered in two steps: what the camera sees of the head (HeadViewGeometry,
// the same for every treatment state) and the state's skin, hair and dots over it.
#pragma once

#include <opencv2/core.hpp>
#include <string_view>
#include <vector>

#include "smp/colour/colour.h"
#include "smp/geometry/head_model.h"

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

// One native hair: the shaft above the skin (root to tip) and the part under it (root
// back to the bulb), seen through the skin as a shadow.
struct ViewHair {
  Vec3 root_mm, tip_mm, bulb_mm;
};

struct NativeHair {
  std::vector<ViewHair> hairs;
  Xyz shaft;                   // the hair's own colour
  Xyz under;                   // the skin over a buried shaft
  double shaft_width_mm = 0.075;
  double under_width_mm = 0.2; // the buried shaft with its diffuse shadow
};

struct HeadScene {
  Xyz skin;                           // bare skin of this patient (and state)
  const NativeHair* hair = nullptr;   // does not change with the treatment
  std::vector<ViewDot> dots;
};

// What a camera sees of the head, pixel by pixel: the part, its lighting and depth.
// Orthographic, lit from above the camera.
class HeadViewGeometry {
 public:
  HeadViewGeometry(const HeadModel& head, View view, int size_px);

  View view() const { return view_; }
  int size_px() const { return size_px_; }
  double mm_per_px() const { return mm_per_px_; }
  // Pixel coordinates (x right, y down) and depth along the view of a point.
  void project(Vec3 p_mm, double& x_px, double& y_px, double& depth_mm) const;
  // A head-surface point the camera sees (facing it, not behind an ear or the nose).
  bool sees_scalp_point(Vec3 p_mm) const;

  enum Part : uchar { backdrop, skin, eye };
  cv::Mat part;      // CV_8U Part
  cv::Mat shade;     // CV_32F lit fraction
  cv::Mat depth_mm;  // CV_32F along the view

 private:
  const HeadModel& head_;
  View view_;
  int size_px_;
  double half_mm_, mm_per_px_;
  Vec3 dir_, right_, up_, aim_;
};

// XYZ image (CV_32FC3) of the scene from the geometry's view.
cv::Mat render_head_view(const HeadScene& scene, const HeadViewGeometry& geometry);

}  // namespace smp
