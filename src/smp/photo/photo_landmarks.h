// Landmarks clicked on one clinic photo, read from its sidecar file (photo-landmarks TOML,
// docs/photo.md "Landmarks and pose"): pixel positions, the camera's focal length and an
// optional scale reference (the pupils, or a ruler in the picture).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/photo/photo_parameters.h"
#include "smp/render/view.h"

namespace smp {

// The head model's landmarks (geometry/head_model.h) plus the pupils, which are only a
// scale reference: they move with the gaze, so the pose is fitted without them.
enum class PhotoLandmark {
  glabella,
  nasion,
  lateral_canthus_left,
  lateral_canthus_right,
  vertex,
  ear_canal_left,
  ear_canal_right,
  inion,
  pupil_left,
  pupil_right
};
inline constexpr std::array<std::string_view, 10> kPhotoLandmarkNames{
    "glabella",   "nasion",         "lateral_canthus_left", "lateral_canthus_right",
    "vertex",     "ear_canal_left", "ear_canal_right",      "inion",
    "pupil_left", "pupil_right"};
inline std::string_view name(PhotoLandmark l) {
  return kPhotoLandmarkNames[static_cast<std::size_t>(l)];
}
inline bool is_pupil(PhotoLandmark l) {
  return l == PhotoLandmark::pupil_left || l == PhotoLandmark::pupil_right;
}
// The same landmark on the other side of the head (itself on the midline).
PhotoLandmark mirrored(PhotoLandmark l);

// solvePnP's minimum for a unique pose from general points.
inline constexpr int kMinPoseLandmarks = 4;

struct ImagePoint {
  double x_px = 0, y_px = 0;  // from the top left corner of the upright photo
};

// A ruler lying in the picture at the head's depth, facing the camera.
struct RulerReference {
  ImagePoint start, end;
  double length_mm = 0;
};

struct PhotoLandmarks {
  std::string source;  // the sidecar file
  int width_px = 0, height_px = 0;
  View view = View::front;  // a clinic view
  double focal_px = 0;      // given, or from the 35 mm equivalent
  std::map<PhotoLandmark, ImagePoint> points;
  double interpupillary_mm = 0;  // measured, or the adult mean
  std::optional<RulerReference> ruler;

  int pose_landmark_count() const;  // all but the pupils
  double diagonal_px() const;
};

// Focal length in pixels from a 35 mm equivalent, which phone makers quote for the
// diagonal field of view (the 36 x 24 mm frame's diagonal is 43.27 mm).
double focal_px_from_35mm(double focal_35mm_mm, int width_px, int height_px);

// InputError (file, line, field): unknown landmark, a point outside the image, fewer than
// kMinPoseLandmarks pose landmarks, a half-given ruler, both focal lengths.
PhotoLandmarks load_photo_landmarks(const std::string& path, const PhotoPoseParameters& p = {});

// A landmarks file for `l` (the format load_photo_landmarks reads): its size, view, focal
// length in px, interpupillary distance and points to 0.1 px, after `comments` (each a
// "# " line) and with the landmarks not given listed at the end.
std::string photo_landmarks_toml(const PhotoLandmarks& l, const std::vector<std::string>& comments);

// Points given on the command line on top of the file's, each "NAME=X,Y" in photo pixels
// (`--landmark glabella=1512,1480`): replaces or adds that landmark. InputError
// naming `option` and the bad value: not NAME=X,Y, an unknown name, a bad number, a point
// outside the image, or one pupil without the other.
void apply_landmark_overrides(PhotoLandmarks& photo, const std::vector<std::string>& overrides,
                              const std::string& option = "--landmark");

}  // namespace smp
