#include "smp/photo/synthetic_photo.h"

#include <algorithm>
#include <cmath>

#include "smp/photo/pose_fit.h"
#include "smp/render/closeup.h"

namespace smp {
namespace {

// Rotates v about the unit axis k by angle (Rodrigues' formula).
Vec3 rotated(Vec3 v, Vec3 k, double angle_rad) {
  const double c = std::cos(angle_rad), s = std::sin(angle_rad);
  return c * v + s * cross(k, v) + (1 - c) * dot(k, v) * k;
}

// How the clinic's photo departs from the orthographic model view: elevation (camera
// above the head, degrees) and a turn towards the face (degrees), so that at least four
// pose landmarks are in sight on every standard photo.
struct ClinicShot {
  double elevation_deg, towards_face_deg;
};
ClinicShot clinic_shot(View v) {
  switch (v) {
    case View::front: return {10, 0};
    case View::top: return {30, 0};  // from above and in front: the forehead shows
    case View::left:
    case View::right: return {15, 25};
    case View::back: return {35, 0};
    case View::three_quarter: return {0, 0};
  }
  return {0, 0};
}

// A landmark is in the picture when it faces the camera (silhouette points included:
// a profile shows the glabella) and projects inside the frame. The ear stands some 20 mm
// out from the head (its canal is clicked on the tragus): it shows from further behind.
double max_facing(PhotoLandmark l) {
  return l == PhotoLandmark::ear_canal_left || l == PhotoLandmark::ear_canal_right ? 0.3 : 0.1;
}

}  // namespace

PinholeCamera clinic_camera(const HeadModel& head, const SyntheticPhotoSpec& spec) {
  Vec3 look, up;
  view_axes(spec.view, look, up);
  const Vec3 z_up{0, 0, 1};
  const ClinicShot shot = clinic_shot(spec.view);
  // Elevation: about the camera's horizontal axis, so the camera rises above the head.
  const Vec3 side_raw = cross(look, up), side = (1 / length(side_raw)) * side_raw;
  look = rotated(look, side, -shot.elevation_deg * kPi / 180);
  up = rotated(up, side, -shot.elevation_deg * kPi / 180);
  // Towards the face: side views turn about the vertical so the camera moves forward.
  if (spec.view == View::left || spec.view == View::right) {
    const double sign = spec.view == View::left ? -1 : 1;
    look = rotated(look, z_up, sign * shot.towards_face_deg * kPi / 180);
    up = rotated(up, z_up, sign * shot.towards_face_deg * kPi / 180);
  }
  look = rotated(look, z_up, spec.yaw_deg * kPi / 180);
  up = rotated(up, z_up, spec.yaw_deg * kPi / 180);
  const Vec3 pitch_axis_raw = cross(look, up),
             pitch_axis = (1 / length(pitch_axis_raw)) * pitch_axis_raw;
  look = rotated(look, pitch_axis, -spec.pitch_deg * kPi / 180);
  up = rotated(up, pitch_axis, -spec.pitch_deg * kPi / 180);

  const double focal_px = focal_px_from_35mm(spec.focal_35mm_mm, spec.width_px, spec.height_px);
  const double half_mm =
      1.3 * std::max({head.semi_axis_x_mm(), head.semi_axis_y_mm(), head.semi_axis_z_mm()});
  const double distance = spec.distance_mm > 0
                              ? spec.distance_mm
                              : focal_px * 2 * half_mm / std::min(spec.width_px, spec.height_px);
  return look_at({0, 0, 0.1 * head.semi_axis_z_mm()}, look, up, distance, focal_px, spec.width_px,
                 spec.height_px);
}

SyntheticPhoto render_synthetic_photo(const HeadScene& scene, const HeadModel& head,
                                      const SyntheticPhotoSpec& spec) {
  SyntheticPhoto photo;
  photo.camera = clinic_camera(head, spec);
  const HeadViewGeometry geometry(head, photo.camera);
  photo.bgr8 = to_bgr8(render_head_view(scene, geometry));

  PhotoLandmarks& l = photo.landmarks;
  l.source = "synthetic";
  l.width_px = spec.width_px;
  l.height_px = spec.height_px;
  l.view = spec.view;
  l.focal_px = photo.camera.focal_px;
  l.interpupillary_mm = spec.interpupillary_mm;
  const Vec3 centre = photo.camera.centre_mm();
  for (std::size_t i = 0; i < kPhotoLandmarkNames.size(); ++i) {
    const auto landmark = static_cast<PhotoLandmark>(i);
    const Vec3 p = landmark_on_model(head, landmark, spec.interpupillary_mm);
    const Vec3 to_point = p - centre;
    if (dot(head.normal(head.angles_of(p)), (1 / length(to_point)) * to_point) >
        max_facing(landmark))
      continue;
    double x, y, depth;
    photo.camera.project(p, x, y, depth);
    if (x < 0 || y < 0 || x >= spec.width_px || y >= spec.height_px) continue;
    l.points[landmark] = {x, y};
  }
  // The pupils are a pair (the scale reference): one alone is not clicked.
  if (l.points.count(PhotoLandmark::pupil_left) != l.points.count(PhotoLandmark::pupil_right)) {
    l.points.erase(PhotoLandmark::pupil_left);
    l.points.erase(PhotoLandmark::pupil_right);
  }
  return photo;
}

}  // namespace smp
