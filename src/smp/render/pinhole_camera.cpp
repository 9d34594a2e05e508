#include "smp/render/pinhole_camera.h"

#include <cmath>

namespace smp {
namespace {

cv::Vec3d cv_of(Vec3 v) { return {v.x, v.y, v.z}; }
Vec3 vec_of(const cv::Vec3d& v) { return {v[0], v[1], v[2]}; }

}  // namespace

cv::Vec3d PinholeCamera::to_camera(Vec3 p) const { return rotation * cv_of(p) + translation_mm; }

Vec3 PinholeCamera::centre_mm() const { return vec_of(-(rotation.t() * translation_mm)); }

void PinholeCamera::project(Vec3 p, double& x_px, double& y_px, double& depth_mm) const {
  const cv::Vec3d c = to_camera(p);
  depth_mm = c[2];
  x_px = focal_px * c[0] / c[2] + 0.5 * width_px;
  y_px = focal_px * c[1] / c[2] + 0.5 * height_px;
}

Vec3 PinholeCamera::ray(double x_px, double y_px) const {
  const cv::Vec3d d((x_px - 0.5 * width_px) / focal_px, (y_px - 0.5 * height_px) / focal_px, 1);
  return vec_of(rotation.t() * cv::normalize(d));
}

PinholeCamera PinholeCamera::scaled(double factor) const {
  PinholeCamera c = *this;
  c.focal_px *= factor;
  c.width_px = std::max(1, static_cast<int>(std::lround(width_px * factor)));
  c.height_px = std::max(1, static_cast<int>(std::lround(height_px * factor)));
  return c;
}

PinholeCamera look_at(Vec3 aim, Vec3 look, Vec3 up, double distance_mm, double focal_px,
                      int width_px, int height_px) {
  const Vec3 z = (1 / length(look)) * look;
  const Vec3 x_raw = cross(z, up), x = (1 / length(x_raw)) * x_raw;  // image right
  const Vec3 y = cross(z, x);                                        // image down
  PinholeCamera c;
  c.rotation = cv::Matx33d(x.x, x.y, x.z, y.x, y.y, y.z, z.x, z.y, z.z);
  const Vec3 centre = aim - distance_mm * z;
  c.translation_mm = -(c.rotation * cv_of(centre));
  c.focal_px = focal_px;
  c.width_px = width_px;
  c.height_px = height_px;
  return c;
}

}  // namespace smp
