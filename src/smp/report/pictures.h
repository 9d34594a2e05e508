// The pictures the outputs hold: PNG and JPEG bytes, and a legend strip.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace smp {

// Encoded pictures (PNG: 8-bit grey, BGR or BGRA, or 16-bit; JPEG: 8-bit BGR);
// std::runtime_error when the encoder fails.
std::string png_bytes(const cv::Mat& bgr);
std::string jpeg_bytes(const cv::Mat& bgr);

// A white strip at the bottom with one line of text per entry.
void legend(cv::Mat& img, const std::vector<std::string>& lines);

}  // namespace smp
