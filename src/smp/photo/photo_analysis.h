// One photo with a fitted pose, taken apart: the head against the background (GrabCut
// started from the model's silhouette), the skin's and the hair's own colours (the photo
// divided by the model's lighting) and, pixel by pixel, the share of skin hidden by hair.
// docs/photo.md "Tone and hair".
#pragma once

#include <opencv2/core.hpp>

#include "smp/colour/colour.h"
#include "smp/geometry/head_model.h"
#include "smp/photo/photo_parameters.h"
#include "smp/render/pinhole_camera.h"

namespace smp {

struct PhotoAnalysis {
  // Everything below is on a working copy of the photo: `camera` is the fitted camera
  // scaled to it.
  PinholeCamera camera;
  cv::Mat head;            // CV_8U, 255 on the head (the background 0)
  cv::Mat model_depth_mm;  // CV_32F, the model's depth along the optical axis (inf off it)
  cv::Mat own_luminance;   // CV_32F, the skin's own luminance (Y, the model's light divided out; 0
                           // unmeasured)
  cv::Mat hair_cover;      // CV_32F, 0..1: the share of skin hidden by hair (0 off the head)
  cv::Mat cover_weight;    // CV_32F, 1 where hair_cover was measured (lit skin of the head)
  cv::Mat label;           // CV_8U: 0 background, 1 skin, 2 hair (hair_cover >= 0.5)

  Lab skin{}, hair{};                    // the skin's and the hair shaft's own colours
  int skin_pixels = 0, hair_pixels = 0;  // measured on (0 hair pixels: `hair` is a default)
};

// std::invalid_argument when the photo is not 8-bit BGR or its size differs from the
// camera's (the pose was fitted on another photo).
PhotoAnalysis analyse_photo(const cv::Mat& bgr8, const HeadModel& head, const PinholeCamera& camera,
                            const PhotoAnalysisParameters& p = {});

// The hair cover (and the labels) again from given skin and hair colours: those of all
// the photos (photo_tone.h), for a photo that shows only one of them.
void measure_hair_cover(PhotoAnalysis& a, Lab skin, Lab hair);

// Linear sRGB (CV_32FC3, BGR order, 0..1) of an 8-bit sRGB photo.
cv::Mat linear_from_srgb8(const cv::Mat& bgr8);

}  // namespace smp
