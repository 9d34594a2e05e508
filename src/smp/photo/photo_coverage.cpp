#include "smp/photo/photo_coverage.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

namespace smp {
namespace {

// A photo's hair cover averaged over the coverage window, among the measured pixels only
// (normalised convolution: the head's edge and the eyes do not dilute it).
struct WindowedCover {
  cv::Mat cover, weight;
};
WindowedCover windowed_cover(const PhotoAnalysis& a, double window_mm) {
  const double distance_mm = length(a.camera.centre_mm());
  const double sigma_px = std::max(0.5, window_mm * a.camera.focal_px / distance_mm);
  WindowedCover w;
  cv::GaussianBlur(a.hair_cover.mul(a.cover_weight), w.cover, {0, 0}, sigma_px);
  cv::GaussianBlur(a.cover_weight, w.weight, {0, 0}, sigma_px);
  return w;
}

// At least this share of the window measured: otherwise the cell is at the photo's edge.
constexpr float kMinWindowWeight = 0.3f;
// A chart cell is seen when the model's surface there is within this of the nearest
// surface along the ray (not behind an ear or the nose; render/head_view.cpp uses 2 mm).
constexpr double kVisibleDepthMm = 2;

}  // namespace

PhotoCoverage coverage_from_photos(const HeadModel& head, const std::vector<PhotoAnalysis>& photos,
                                   const PhotoAnalysisParameters& p) {
  PhotoCoverage out;
  out.grid = {1 / p.mask_px_per_mm, p.mask_half_extent_mm};
  const int n = out.grid.size();
  out.coverage = cv::Mat::zeros(n, n, CV_32F);
  out.seen = cv::Mat::zeros(n, n, CV_8U);
  std::vector<WindowedCover> windows;
  for (const PhotoAnalysis& a : photos) windows.push_back(windowed_cover(a, p.coverage_window_mm));
  const ScalpMap map(head);
  cv::Mat best_cos(n, n, CV_32F, cv::Scalar(0));
  cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& rows) {
    for (int row = rows.start; row < rows.end; ++row)
      for (int col = 0; col < n; ++col) {
        const SurfaceAngles s = map.angles(out.grid.center(col, row));
        if (s.polar_rad > kPi * 0.75) continue;  // under the chin: no photo of the scalp sees it
        const Vec3 point = head.point(s), normal = head.normal(s);
        for (std::size_t k = 0; k < photos.size(); ++k) {
          const PhotoAnalysis& a = photos[k];
          const Vec3 to_point = point - a.camera.centre_mm();
          const double facing = -dot(normal, to_point) / length(to_point);
          if (facing < p.min_facing_cos || facing <= best_cos.at<float>(row, col)) continue;
          double x, y, depth;
          a.camera.project(point, x, y, depth);
          const int c = static_cast<int>(x), r = static_cast<int>(y);
          if (x < 0 || y < 0 || c >= a.hair_cover.cols || r >= a.hair_cover.rows) continue;
          if (depth > a.model_depth_mm.at<float>(r, c) + kVisibleDepthMm) continue;
          const float weight = windows[k].weight.at<float>(r, c);
          if (weight < kMinWindowWeight) continue;
          best_cos.at<float>(row, col) = static_cast<float>(facing);
          out.coverage.at<float>(row, col) = windows[k].cover.at<float>(r, c) / weight;
          out.seen.at<uchar>(row, col) = 255;
        }
      }
  });

  // Full hair: the densest seen cells.
  std::vector<float> seen_cover;
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col)
      if (out.seen.at<uchar>(row, col)) seen_cover.push_back(out.coverage.at<float>(row, col));
  out.full_hair_cover = 1;
  if (!seen_cover.empty()) {
    const auto at = seen_cover.begin() +
                    static_cast<std::ptrdiff_t>(p.full_hair_percentile * (seen_cover.size() - 1));
    std::nth_element(seen_cover.begin(), at, seen_cover.end());
    if (*at >= p.min_full_hair_cover) out.full_hair_cover = *at;
  }
  out.coverage = cv::min(out.coverage / out.full_hair_cover, 1.0);

  // Cells no photo saw: filled in from their neighbours (Telea's inpainting).
  cv::Mat grey, filled;
  out.coverage.convertTo(grey, CV_8U, 255);
  cv::inpaint(grey, out.seen == 0, filled, 5, cv::INPAINT_TELEA);
  cv::Mat filled_f;
  filled.convertTo(filled_f, CV_32F, 1 / 255.0);
  filled_f.copyTo(out.coverage, out.seen == 0);
  return out;
}

}  // namespace smp
