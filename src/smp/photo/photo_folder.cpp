#include "smp/photo/photo_folder.h"

#include <algorithm>
#include <map>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/io/input_error.h"
#include "smp/render/head_view.h"

namespace smp {

cv::Mat read_imported_photo(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / "photo.png";
  cv::Mat bgr8 = cv::imread(path.string(), cv::IMREAD_COLOR);
  if (bgr8.empty())
    throw InputError(path.string(), 0, "", "cannot read the photo (make it with smp photo import)");
  return bgr8;
}

void limit_photo_size(PhotoView& v, int max_long_side_px) {
  const int long_side = std::max(v.bgr8.cols, v.bgr8.rows);
  if (max_long_side_px <= 0 || long_side <= max_long_side_px) return;
  v.pose.camera = v.pose.camera.scaled(static_cast<double>(max_long_side_px) / long_side);
  cv::resize(v.bgr8, v.bgr8, {v.pose.camera.width_px, v.pose.camera.height_px}, 0, 0, cv::INTER_AREA);
}

std::vector<PhotoView> load_photo_folder(const std::string& dir, int max_long_side_px) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir))
    throw InputError(dir, 0, "", "not a folder (the patient's photos, docs/photo.md)");
  std::vector<PhotoView> views;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    const fs::path photo = e.path() / "photo.png", pose = e.path() / "pose.json";
    if (!e.is_directory() || !fs::exists(photo) || !fs::exists(pose)) continue;
    PhotoView v;
    v.dir = e.path();
    v.pose = load_pose_json(pose.string());
    v.view = v.pose.view;
    v.bgr8 = read_imported_photo(e.path());
    if (v.bgr8.cols != v.pose.camera.width_px || v.bgr8.rows != v.pose.camera.height_px)
      throw InputError(pose.string(), 0, "camera",
                       "fitted on a " + std::to_string(v.pose.camera.width_px) + " x " +
                           std::to_string(v.pose.camera.height_px) + " photo, but photo.png is " +
                           std::to_string(v.bgr8.cols) + " x " + std::to_string(v.bgr8.rows) +
                           " (run smp photo fit again)");
    limit_photo_size(v, max_long_side_px);
    views.push_back(std::move(v));
  }
  std::map<View, fs::path> seen;
  for (const PhotoView& v : views)
    if (const auto [it, fresh] = seen.emplace(v.view, v.dir); !fresh)
      throw InputError(
          v.dir.string(), 0, "",
          "a second " + std::string(name(v.view)) + " view (also " + it->second.string() +
              "): keep one per view in the folder, follow-ups in their own (smp photo align)");
  if (views.empty())
    throw InputError(
        dir, 0, "",
        "no view folder with photo.png and pose.json (smp photo import, then smp photo fit)");
  // The clinic's order: front, top, left, right, back.
  std::sort(views.begin(), views.end(),
            [](const PhotoView& a, const PhotoView& b) { return a.view < b.view; });
  return views;
}

}  // namespace smp
