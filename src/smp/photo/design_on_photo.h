// The simulated treatment on the patient's own photo: every impression of a state
// projected with the fitted camera and darkening the photo's skin as the optical model
// darkens the model's skin (so under the photo's own light), hidden where the patient's
// hair covers the skin. docs/photo.md "The design on the photo".
#pragma once

#include <opencv2/core.hpp>

#include "smp/photo/photo_analysis.h"
#include "smp/render/head_view.h"

namespace smp {

class DesignOnPhoto {
 public:
  // What the camera sees of the head is cast once per photo, at raster_scale of its
  // size (it only decides which impressions are in sight), and shared by the states.
  // The photo, the head and the analysis must outlive this object.
  DesignOnPhoto(const HeadModel& head, const PinholeCamera& camera, const cv::Mat& photo_bgr8,
                const PhotoAnalysis& analysis, double raster_scale = 0.25);

  // The photo (8-bit BGR, its size) with the state's impressions; the scene's native
  // hair is not drawn (the photo has the patient's own).
  cv::Mat render(const HeadScene& state) const;

 private:
  const cv::Mat& photo_;
  const PhotoAnalysis& analysis_;
  HeadViewGeometry geometry_;
};

}  // namespace smp
