#include "smp/report/pictures.h"

#include <exception>
#include <mutex>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

#include "smp/io/atomic_file.h"

namespace smp {

namespace {

void write_encoded(const cv::Mat& bgr, const std::filesystem::path& path, const std::vector<int>& params) {
  std::vector<uchar> bytes;
  if (!cv::imencode(path.extension().string(), bgr, bytes, params)) throw std::runtime_error(path.string() + ": cannot encode");
  write_file_atomically(path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

}  // namespace

void write_png(const cv::Mat& bgr, const std::filesystem::path& path) {
  // Fast PNG compression: the renders are large and written many at a time.
  write_encoded(bgr, path, {cv::IMWRITE_PNG_COMPRESSION, 1});
}

void write_jpeg(const cv::Mat& bgr, const std::filesystem::path& path) {
  // Photos stay photos: quality 92 keeps single impressions sharp at a fifth of a PNG's size.
  write_encoded(bgr, path, {cv::IMWRITE_JPEG_QUALITY, 92});
}

void legend(cv::Mat& img, const std::vector<std::string>& lines) {
  // Text sized to the picture: 0.55 on the 2048 px views, larger on bigger photos.
  const double scale = std::max(0.55, img.cols / 3700.0);
  const int line = static_cast<int>(40 * scale), h = line * static_cast<int>(lines.size()) + line / 2;
  cv::rectangle(img, {0, img.rows - h}, {img.cols, img.rows}, cv::Scalar(255, 255, 255), cv::FILLED);
  for (std::size_t i = 0; i < lines.size(); ++i)
    cv::putText(img, lines[i], {static_cast<int>(8 * scale / 0.55), img.rows - h + line * static_cast<int>(i + 1)},
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(30, 30, 30), std::max(1, static_cast<int>(scale * 2)), cv::LINE_AA);
}

void for_each_parallel(int n, const std::function<void(int)>& body) {
  std::mutex m;
  std::exception_ptr error;
  cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i) try {
        body(i);
      } catch (...) {
        const std::lock_guard lock(m);
        if (!error) error = std::current_exception();
      }
  });
  if (error) std::rethrow_exception(error);
}

}  // namespace smp
