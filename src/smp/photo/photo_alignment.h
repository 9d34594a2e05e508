// Follow-up photo alignment: a follow-up photo of a view (front, top, left, right, back),
// taken weeks or months after the baseline, warped onto the baseline so the two compare
// side by side or under a slider (docs/photo.md "Follow-up alignment"). Pure computation
// on 8-bit BGR images, no file I/O.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "smp/photo/photo_landmarks.h"
#include "smp/photo/photo_parameters.h"

namespace smp {

struct PhotoAlignment {
  // Follow-up px to baseline px (pixel centres at integer coordinates, as cv::warpAffine).
  cv::Matx23d baseline_from_followup = cv::Matx23d::eye();
  // Decomposed, for the report. Rotation: the follow-up's turn onto the baseline,
  // positive counter-clockwise on screen (as cv::getRotationMatrix2D). Scale: baseline px
  // per follow-up px (the square root of the determinant). Shift: how far the follow-up's
  // centre lands from the baseline's centre, baseline px.
  double rotation_deg = 0;
  double scale = 1;
  double shift_px = 0;
  double ecc =
      0;  // final correlation 0..1 from cv::findTransformECC; NaN if it did not run or failed
  std::string method;  // "landmarks", "landmarks+ecc" or "ecc"
  std::optional<std::string>
      refused;  // why the alignment must not be used; the fields above hold what was found
};

// Aligns the follow-up onto the baseline. The landmarks common to both maps (at least 2;
// either map may be null) give the starting similarity, else phase correlation gives a
// starting shift; ECC (affine, coarse to fine on grey copies) refines it unless
// p.refine_with_ecc is false. The photos may differ in size (other phones). Refused when
// ECC does not converge or correlates under p.min_ecc, the scale, rotation or stretch is
// over its limit, or the landmarks disagree with the result. std::invalid_argument for an
// empty image or one that is not CV_8UC3.
PhotoAlignment align_followup(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8,
                              const std::map<PhotoLandmark, ImagePoint>* baseline_points,
                              const std::map<PhotoLandmark, ImagePoint>* followup_points,
                              const PhotoAlignmentParameters& p = {});

// The follow-up warped onto the baseline's pixels (cv::warpAffine, bilinear); what the
// follow-up does not cover is black, so it is never mistaken for scalp.
// std::invalid_argument for a bad image, an empty size or a refused alignment.
cv::Mat warp_to_baseline(const cv::Mat& followup_bgr8, const PhotoAlignment& a,
                         cv::Size baseline_size);

}  // namespace smp
