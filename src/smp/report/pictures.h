// Small helpers for the pictures the outputs write: PNG and JPEG files, a legend strip,
// and a loop over pictures on the worker threads.
#pragma once

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace smp {

// Written beside the path and renamed over it (never half a picture); the extension
// (.png, .jpg) picks the encoder. std::runtime_error naming the path when it cannot be written.
void write_png(const cv::Mat& bgr, const std::filesystem::path& path);
void write_jpeg(const cv::Mat& bgr, const std::filesystem::path& path);

// A white strip at the bottom with one line of text per entry.
void legend(cv::Mat& img, const std::vector<std::string>& lines);

// Runs body(i) for i in [0, n) on the worker threads; the first exception is rethrown
// here (OpenCV's workers must not throw).
void for_each_parallel(int n, const std::function<void(int)>& body);

}  // namespace smp
