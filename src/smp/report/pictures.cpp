#include "smp/report/pictures.h"

#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace smp {

namespace {

std::string encoded(const cv::Mat& bgr, const char* extension, const std::vector<int>& params) {
  std::vector<uchar> bytes;
  if (!cv::imencode(extension, bgr, bytes, params))
    throw std::runtime_error(std::string("cannot encode a picture as ") + extension);
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

std::string png_bytes(const cv::Mat& bgr) {
  // Fast PNG compression: the renders are large and written many at a time.
  return encoded(bgr, ".png", {cv::IMWRITE_PNG_COMPRESSION, 1});
}

std::string jpeg_bytes(const cv::Mat& bgr) {
  // Photos stay photos: quality 92 keeps single impressions sharp at a fifth of a PNG's size.
  return encoded(bgr, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 92});
}

void legend(cv::Mat& img, const std::vector<std::string>& lines) {
  // Text sized to the picture: 0.55 on the 2048 px views, larger on bigger photos.
  const double scale = std::max(0.55, img.cols / 3700.0);
  const int line = static_cast<int>(40 * scale),
            h = line * static_cast<int>(lines.size()) + line / 2;
  cv::rectangle(img, {0, img.rows - h}, {img.cols, img.rows}, cv::Scalar(255, 255, 255),
                cv::FILLED);
  for (std::size_t i = 0; i < lines.size(); ++i)
    cv::putText(img, lines[i],
                {static_cast<int>(8 * scale / 0.55), img.rows - h + line * static_cast<int>(i + 1)},
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(30, 30, 30),
                std::max(1, static_cast<int>(scale * 2)), cv::LINE_AA);
}

}  // namespace smp
