// Importing a phone photo: a 12 MP JPEG (4000 x 3000) decoded, oriented and checked for a
// colour profile, one core. Peak memory of the whole command: bench/time-commands.sh.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/photo/photo_import.h"

namespace {

// A 12 MP JPEG with smooth gradients and detail, written once (JPEG size and decode time
// depend on the content: a flat image would decode unrealistically fast).
const std::string& twelve_megapixel_jpeg() {
  static const std::string path = [] {
    cv::Mat img(3000, 4000, CV_8UC3);
    cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::GaussianBlur(img, img, cv::Size(0, 0), 3);
    for (int r = 0; r < img.rows; ++r)
      for (int c = 0; c < img.cols; ++c) img.at<cv::Vec3b>(r, c)[2] = cv::saturate_cast<uchar>(img.at<cv::Vec3b>(r, c)[2] / 2 + c * 127 / img.cols);
    const std::string p = (std::filesystem::temp_directory_path() / "smp-bench-12mp.jpg").string();
    cv::imwrite(p, img, {cv::IMWRITE_JPEG_QUALITY, 90});
    return p;
  }();
  return path;
}

void BM_ImportJpeg12MP(benchmark::State& state) {
  const std::string& path = twelve_megapixel_jpeg();
  for (auto _ : state) benchmark::DoNotOptimize(smp::import_photo(path));
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
}
BENCHMARK(BM_ImportJpeg12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
