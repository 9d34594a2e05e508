// The model head seen from a standard view: the parametric head with ears, nose, eyes
// and neck, the skin of the phototype, the native hair as short stubble (shafts above
// the skin and their shadow under it), and every impression with its core and halo.
//
// A view is rendered in two steps: what the camera sees of the head (HeadViewGeometry,
// the same for every treatment state) and the state's skin, hair and dots over it.
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/colour/colour.h"
#include "smp/geometry/head_model.h"
#include "smp/render/pinhole_camera.h"
#include "smp/render/view.h"

namespace smp {

// The standard view's camera: the direction it looks along and the picture's up (head frame).
void view_axes(View v, Vec3& look, Vec3& up);

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
  Xyz shaft;  // the hair's own colour
  Xyz under;  // the skin over a buried shaft
  double shaft_width_mm = 0.075;
  double under_width_mm = 0.2;  // the buried shaft with its diffuse shadow
};

struct HeadScene {
  Xyz skin;                          // bare skin of this patient (and state)
  const NativeHair* hair = nullptr;  // does not change with the treatment
  std::vector<ViewDot> dots;
  Xyz backdrop{0.855, 0.9, 0.98};  // pale neutral grey (D65 white at 90%)
};

// What a camera sees of the head, pixel by pixel: the part, its lighting and depth.
// A standard view is orthographic; a photo's camera is a pinhole. Lit from above the
// camera (a clinic's flash or ring light).
class HeadViewGeometry {
 public:
  // Cancelled (base/cancellation.h) soon after `stop` is requested.
  HeadViewGeometry(const HeadModel& head, View view, int size_px, const std::stop_token& stop = {});
  // The rasters (part, shade, depth) at raster_scale of the photo's size: the slow
  // ray-cast at a quarter of a 12 MP photo is enough to know what hides a dot.
  HeadViewGeometry(const HeadModel& head, const PinholeCamera& camera, double raster_scale = 1);

  int width_px() const { return width_px_; }
  int height_px() const { return height_px_; }
  double raster_scale() const { return raster_scale_; }
  // Skin millimetres per image pixel at this depth.
  double mm_per_px(double depth_mm) const;
  // Image coordinates (x right, y down) and depth along the view of a point.
  void project(Vec3 p_mm, double& x_px, double& y_px, double& depth_mm) const;
  // A head-surface point the camera sees (facing it, not behind an ear or the nose).
  bool sees_scalp_point(Vec3 p_mm) const;

  enum Part : uchar { backdrop, skin, eye };
  cv::Mat part;      // CV_8U Part      } at raster_scale x the image size
  cv::Mat shade;     // CV_32F lit fraction
  cv::Mat depth_mm;  // CV_32F along the view

 private:
  void cast_rays(const HeadModel& head, const std::stop_token& stop = {});
  Vec3 ray_origin(double x_px, double y_px) const;
  Vec3 ray_direction(double x_px, double y_px) const;
  Vec3 view_direction(Vec3 p_mm) const;  // from the camera towards p

  const HeadModel& head_;
  int width_px_, height_px_;
  double raster_scale_ = 1;
  std::optional<PinholeCamera> pinhole_;
  double half_mm_ = 0, ortho_mm_per_px_ = 0;  // orthographic views
  Vec3 dir_, right_, up_, aim_;               // the view's axes (pinhole: its optical axis)
};

// XYZ image (CV_32FC3) of the scene from the geometry's view (raster_scale 1); Cancelled
// soon after `stop` is requested.
cv::Mat render_head_view(const HeadScene& scene, const HeadViewGeometry& geometry,
                         const std::stop_token& stop = {});

// The scene's impressions and native hair, drawn band by band over the geometry's image
// (64 rows, bands in parallel). `compose(row0, row1, dark, shaft, under)` gets, for rows
// row0..row1-1, the impressions' darkening (CV_32FC3: XYZ to subtract from the skin) and
// the hair shafts' and buried hairs' coverage (CV_32F, may exceed 1).
using BandComposer = std::function<void(int row0, int row1, const cv::Mat& dark,
                                        const cv::Mat& shaft, const cv::Mat& under)>;
void draw_scene_in_bands(const HeadScene& scene, const HeadViewGeometry& geometry,
                         const BandComposer& compose, const std::stop_token& stop = {});

}  // namespace smp
