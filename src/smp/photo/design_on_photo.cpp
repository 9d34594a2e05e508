#include "smp/photo/design_on_photo.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "smp/colour/srgb8.h"

namespace smp {

DesignOnPhoto::DesignOnPhoto(const HeadModel& head, const PinholeCamera& camera,
                             const cv::Mat& photo_bgr8, const PhotoAnalysis& analysis,
                             double raster_scale)
    : photo_(photo_bgr8), analysis_(analysis), geometry_(head, camera, raster_scale) {
  if (photo_bgr8.type() != CV_8UC3 || photo_bgr8.cols != camera.width_px ||
      photo_bgr8.rows != camera.height_px)
    throw std::invalid_argument("the photo must be 8-bit BGR at the camera's size (" +
                                std::to_string(camera.width_px) + " x " +
                                std::to_string(camera.height_px) + ")");
}

cv::Mat DesignOnPhoto::render(const HeadScene& state) const {
  HeadScene dots_only = state;
  dots_only.hair = nullptr;
  const LinearRgb skin = to_linear_rgb(state.skin);
  const cv::Vec3f skin_xyz(static_cast<float>(state.skin.x), static_cast<float>(state.skin.y),
                           static_cast<float>(state.skin.z));
  const double raster = geometry_.raster_scale();
  const double cover_scale = static_cast<double>(analysis_.hair_cover.cols) / photo_.cols;
  cv::Mat out = photo_.clone();
  draw_scene_in_bands(
      dots_only, geometry_,
      [&](int row0, int row1, const cv::Mat& dark, const cv::Mat&, const cv::Mat&) {
        for (int r = row0; r < row1; ++r) {
          const cv::Vec3f* d = dark.ptr<cv::Vec3f>(r - row0);
          const cv::Vec3b* in = photo_.ptr<cv::Vec3b>(r);
          cv::Vec3b* o = out.ptr<cv::Vec3b>(r);
          const int hair_row =
              std::min(analysis_.hair_cover.rows - 1, static_cast<int>(r * cover_scale));
          for (int c = 0; c < photo_.cols; ++c) {
            if (d[c][1] <= 0) continue;  // no impression here: the photo as it is
            if (geometry_.part.at<uchar>(
                    std::min(geometry_.part.rows - 1, static_cast<int>(r * raster)),
                    std::min(geometry_.part.cols - 1, static_cast<int>(c * raster))) !=
                HeadViewGeometry::skin)
              continue;
            // The model may stand a little beyond the real head: only the head GrabCut found.
            const int hair_col =
                std::min(analysis_.hair_cover.cols - 1, static_cast<int>(c * cover_scale));
            if (!analysis_.head.at<uchar>(hair_row, hair_col)) continue;
            // The impression's darkening of the model's skin, as a per-channel transmittance
            // applied to the photo's skin; hair over the skin hides it.
            const cv::Vec3f inked_xyz = skin_xyz - d[c];
            const LinearRgb inked = to_linear_rgb(Xyz{inked_xyz[0], inked_xyz[1], inked_xyz[2]});
            const float hidden = analysis_.hair_cover.at<float>(hair_row, hair_col);
            const auto keep = [&](double ink, double base) {
              return 1 - (1 - hidden) *
                             (1 - static_cast<float>(base > 0 ? std::clamp(ink / base, 0.0, 1.0)
                                                              : 1.0));
            };
            o[c] = {srgb8_from_linear(linear_from_srgb8(in[c][0]) * keep(inked.b, skin.b)),
                    srgb8_from_linear(linear_from_srgb8(in[c][1]) * keep(inked.g, skin.g)),
                    srgb8_from_linear(linear_from_srgb8(in[c][2]) * keep(inked.r, skin.r))};
          }
        }
      });
  return out;
}

}  // namespace smp
