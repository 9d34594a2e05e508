// A photo's camera looking at the head model: a pinhole in OpenCV's convention (x right,
// y down, z into the scene), principal point at the image centre, no distortion (phone
// photos come already corrected). The same camera renders a synthetic photo, projects the
// design onto a patient's photo and samples the photo back onto the scalp map.
#pragma once

#include <opencv2/core.hpp>

#include "smp/geometry/vec3.h"

namespace smp {

struct PinholeCamera {
  cv::Matx33d rotation = cv::Matx33d::eye();  // head frame -> camera frame
  cv::Vec3d translation_mm;                   // the head centre in the camera frame
  double focal_px = 0;
  int width_px = 0, height_px = 0;

  // X_camera = R X_head + t
  cv::Vec3d to_camera(Vec3 p_mm) const;
  // The camera centre in the head frame.
  Vec3 centre_mm() const;
  // Pixel (x right, y down, from the top left corner) and depth along the optical axis.
  void project(Vec3 p_mm, double& x_px, double& y_px, double& depth_mm) const;
  // Unit ray direction in the head frame through the pixel position (x_px, y_px).
  Vec3 ray(double x_px, double y_px) const;
  // The same camera for the photo scaled by `factor` (smaller copies for slow steps).
  PinholeCamera scaled(double factor) const;
};

// A camera at distance_mm from the head centre, aimed at `aim_mm`, looking along
// `look` (head frame) with `up` towards the top of the picture.
PinholeCamera look_at(Vec3 aim_mm, Vec3 look, Vec3 up, double distance_mm, double focal_px,
                      int width_px, int height_px);

}  // namespace smp
