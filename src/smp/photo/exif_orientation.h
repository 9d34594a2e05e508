// EXIF orientation (tag 0x0112, values 1-8): how the stored pixels must be turned to
// stand upright, read with libexif and applied with OpenCV.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace smp {

// The orientation in an EXIF block ("Exif\0\0" + TIFF, as in a JPEG APP1 segment);
// 1 (upright) when there is no block, no tag, or a value outside 1-8.
int exif_orientation(const std::vector<std::uint8_t>& exif);

// `stored` turned upright for `orientation` 1-8 (2, 4, 5, 7 mirror).
cv::Mat apply_exif_orientation(const cv::Mat& stored, int orientation);

// What apply_exif_orientation does, in words: "none", "rotated 90 degrees clockwise", ...
std::string_view orientation_description(int orientation);

}  // namespace smp
