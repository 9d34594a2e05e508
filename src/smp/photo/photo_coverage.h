// Native hair coverage carried from the photos onto the scalp map: each chart cell takes
// the share of skin hidden by hair from the photo that sees it most squarely, scaled so
// that the densest hair reads as full coverage; cells no photo sees are filled in from
// their neighbours. Written as a painted mask, it starts a case's hair-loss map
// (pattern = "mask", docs/case-file.md) from the photos. docs/photo.md "Tone and hair".
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "smp/geometry/scalp_map.h"
#include "smp/photo/photo_analysis.h"

namespace smp {

struct PhotoCoverage {
  ChartGrid grid;          // the painted mask's square (docs/case-file.md "The painted mask image")
  cv::Mat coverage;        // CV_32F 0..1 per cell, image order (col: u, row: -v)
  cv::Mat seen;            // CV_8U, 255 where a photo saw the cell, 0 where it was filled in
  double full_hair_cover;  // the hidden share read as full coverage
};

PhotoCoverage coverage_from_photos(const HeadModel& head, const std::vector<PhotoAnalysis>& photos,
                                   const PhotoAnalysisParameters& p = {});

}  // namespace smp
