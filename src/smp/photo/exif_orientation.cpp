#include "smp/photo/exif_orientation.h"

#include <memory>

#include <libexif/exif-data.h>

namespace smp {

int exif_orientation(const std::vector<std::uint8_t>& exif) {
  if (exif.empty()) return 1;
  const std::unique_ptr<ExifData, decltype(&exif_data_unref)> data(
      exif_data_new_from_data(exif.data(), static_cast<unsigned>(exif.size())), exif_data_unref);
  if (!data) return 1;
  ExifEntry* entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
  const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
  return value >= 1 && value <= 8 ? value : 1;
}

cv::Mat apply_exif_orientation(const cv::Mat& stored, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(stored, out, 1); break;
    case 3: cv::rotate(stored, out, cv::ROTATE_180); break;
    case 4: cv::flip(stored, out, 0); break;
    case 5: cv::transpose(stored, out); break;
    case 6: cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7:
      cv::transpose(stored, out);
      cv::flip(out, out, -1);
      break;
    case 8: cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = stored; break;
  }
  return out;
}

std::string_view orientation_description(int orientation) {
  switch (orientation) {
    case 2: return "mirrored left to right";
    case 3: return "rotated 180 degrees";
    case 4: return "mirrored top to bottom";
    case 5: return "transposed (mirrored about the top-left to bottom-right diagonal)";
    case 6: return "rotated 90 degrees clockwise";
    case 7: return "transverse (mirrored about the top-right to bottom-left diagonal)";
    case 8: return "rotated 90 degrees counter-clockwise";
    default: return "none";
  }
}

}  // namespace smp
