// The patient's photo folder: one sub-folder per view, each with the imported photo
// (photo.png, from `smp photo import`) and its fitted pose (pose.json, from `smp photo
// fit`). docs/photo.md "Photo folder".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/photo/pose_fit.h"

namespace smp {

struct PhotoView {
  View view = View::front;  // pose.json's view: a clinic view
  std::filesystem::path dir;
  cv::Mat bgr8;
  PhotoPose pose;
};

// DIR/photo.png, as `smp photo import` writes it (8-bit BGR); InputError naming the file
// when it cannot be read.
cv::Mat read_imported_photo(const std::filesystem::path& dir);

// Every sub-folder holding both files, in the clinic's view order (front, top, left,
// right, back, then by name). InputError naming the folder when it has none, or naming
// the file when a photo's size differs from its pose's camera. With max_long_side_px,
// larger photos are kept at that size, their cameras scaled alike (the pictures made
// from them are no larger; five 12 MP photos are 180 MB at full size).
std::vector<PhotoView> load_photo_folder(const std::string& dir, int max_long_side_px = 0);

// The view's photo resized to at most `max_long_side_px` on its long side, its camera
// scaled alike; unchanged when smaller or when the limit is 0.
void limit_photo_size(PhotoView& v, int max_long_side_px);

}  // namespace smp
