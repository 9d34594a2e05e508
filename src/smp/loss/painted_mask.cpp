// A hair-loss map painted by the clinic on the scalp map (white = full hair).
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

class PaintedMask final : public HairLossPattern {
 public:
  PaintedMask(cv::Mat coverage, double half_extent_mm, std::string path)
      : coverage_(std::move(coverage)), half_extent_mm_(half_extent_mm), path_(std::move(path)) {}

  double coverage(const ScalpPoint& p) const override {
    // Bilinear sample; pixel centres at (i + 0.5) of the chart square.
    const double fx =
        (p.chart.u_mm + half_extent_mm_) / (2 * half_extent_mm_) * coverage_.cols - 0.5;
    const double fy =
        (half_extent_mm_ - p.chart.v_mm) / (2 * half_extent_mm_) * coverage_.rows - 0.5;
    const int x0 = std::clamp(static_cast<int>(std::floor(fx)), 0, coverage_.cols - 1);
    const int y0 = std::clamp(static_cast<int>(std::floor(fy)), 0, coverage_.rows - 1);
    const int x1 = std::min(x0 + 1, coverage_.cols - 1), y1 = std::min(y0 + 1, coverage_.rows - 1);
    const double tx = std::clamp(fx - x0, 0.0, 1.0), ty = std::clamp(fy - y0, 0.0, 1.0);
    auto at = [&](int x, int y) { return static_cast<double>(coverage_.at<float>(y, x)); };
    return (at(x0, y0) * (1 - tx) + at(x1, y0) * tx) * (1 - ty) +
           (at(x0, y1) * (1 - tx) + at(x1, y1) * tx) * ty;
  }
  std::string name() const override { return "painted mask"; }
  std::string description() const override {
    return "hair-loss map painted on the scalp map (" + path_ + ")";
  }

 private:
  cv::Mat coverage_;
  double half_extent_mm_;
  std::string path_;
};

}  // namespace

std::unique_ptr<HairLossPattern> make_painted_mask(const std::string& path, double half_extent_mm) {
  const cv::Mat img = cv::imread(path, cv::IMREAD_GRAYSCALE);
  if (img.empty())
    throw std::runtime_error(path + ": cannot read the mask image (PNG or JPEG expected)");
  if (img.cols < 16 || img.rows < 16 || img.cols > 8192 || img.rows > 8192)
    throw std::runtime_error(path + ": mask image must be 16 to 8192 pixels on each side");
  cv::Mat coverage;
  img.convertTo(coverage, CV_32F, 1.0 / 255.0);
  return std::make_unique<PaintedMask>(std::move(coverage), half_extent_mm, path);
}

}  // namespace smp
