// A clinic photo rendered from the model head: the project's own photo fixtures, with a
// known pose, scale, skin, hair and hair-loss map (docs/photo.md "Synthetic photos").
// The tests photograph the head this way and ask the photo pipeline to find it all back.
#pragma once

#include <opencv2/core.hpp>

#include "smp/photo/photo_landmarks.h"
#include "smp/render/head_view.h"
#include "smp/render/pinhole_camera.h"

namespace smp {

struct SyntheticPhotoSpec {
  View view = View::front;
  int width_px = 2000, height_px = 1500;
  double focal_35mm_mm = 26;  // a phone's main camera
  double distance_mm = 0;     // camera to head centre; 0: the head fills the frame
  double yaw_deg = 0,
         pitch_deg = 0;  // turned off the clinic's view (to the patient's left, forward)
  double interpupillary_mm = 63;
};

struct SyntheticPhoto {
  cv::Mat bgr8;              // sRGB, 8 bits per channel, as `smp photo import` writes it
  PinholeCamera camera;      // the true pose
  PhotoLandmarks landmarks;  // every landmark the camera sees, exactly projected
};

// The camera of a clinic's standard photo: front (slightly from above), top (from above
// and in front, so the forehead shows), left and right (turned towards the face, from
// above), back (from above and behind); three_quarter as the model-head view.
PinholeCamera clinic_camera(const HeadModel& head, const SyntheticPhotoSpec& spec);

SyntheticPhoto render_synthetic_photo(const HeadScene& scene, const HeadModel& head,
                                      const SyntheticPhotoSpec& spec);

}  // namespace smp
