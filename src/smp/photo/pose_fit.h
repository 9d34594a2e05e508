// The head model's pose on one photo: rotation and translation from the clicked
// landmarks (OpenCV solvePnP), the reprojection error, the photo's real scale from the
// pupils or a ruler, and the reasons a fit is refused. See docs/photo.md.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/geometry/head_model.h"
#include "smp/photo/photo_landmarks.h"
#include "smp/render/pinhole_camera.h"

namespace smp {

struct PoseFit {
  // Head frame (x forward, y to the patient's left, z up; mm) to OpenCV's camera frame
  // (x right, y down, z into the scene): X_camera = R(rotation_rad) X_head + translation_mm.
  cv::Vec3d rotation_rad;    // Rodrigues vector
  cv::Vec3d translation_mm;  // the head centre in the camera frame, at the model's size
  double focal_px = 0;
  double rms_px = 0;                                          // over the pose landmarks
  std::vector<std::pair<PhotoLandmark, double>> residual_px;  // each pose landmark
  std::string scale_source;            // "head model", "interpupillary distance" or "ruler"
  double mm_per_px_at_head = 0;        // at the head centre's depth, corrected by the reference
  double scale_ratio = 1;              // head model size / photo size (1: no reference)
  std::optional<std::string> refused;  // why the pose must not be used
};

// Where a landmark sits on the model. The pupils are the lateral canthi moved towards the
// midline until they are interpupillary_mm apart, on the model's surface.
Vec3 landmark_on_model(const HeadModel& head, PhotoLandmark l, double interpupillary_mm);

// The camera matrix: focal_px, principal point at the image centre, no distortion
// (the photo is taken as it comes from the phone, already corrected).
cv::Matx33d camera_matrix(const PhotoLandmarks& photo);

// Fits the pose. InputError (the landmarks file) when there are fewer than kMinPoseLandmarks pose
// landmarks; a poor fit is returned with `refused` set (the worst landmark and its error,
// swapped left and right, or the head behind the camera).
PoseFit fit_head_pose(const HeadModel& head, const PhotoLandmarks& photo,
                      const PhotoPoseParameters& p);

// The fitted camera, to project the model (and the design) onto the photo.
PinholeCamera camera_of(const PoseFit& fit, int width_px, int height_px);

// The view and the camera of a pose.json; InputError naming the file and the field when
// it is not one.
struct PhotoPose {
  View view = View::front;  // a clinic view
  PinholeCamera camera;
  double rms_px = 0;
};
PhotoPose load_pose_json(const std::string& path);
// The same from the JSON's text (a pose the clinic server keeps); `path` names it in errors.
PhotoPose parse_pose_json(const std::string& json_text, const std::string& path);

// pose.json (schema smp-studio/photo-pose/1).
std::string pose_json(const PoseFit& fit, const PhotoLandmarks& photo);
// Writes pose.json through a temporary file renamed over `path`: never half-written.
void write_pose_json(const std::string& path, const PoseFit& fit, const PhotoLandmarks& photo);

}  // namespace smp
