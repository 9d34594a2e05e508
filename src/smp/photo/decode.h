// The three photo decoders, one verb each: bytes in, upright-as-stored RGB pixels out.
// Each checks the header's size against the pixel limit before decoding, and turns
// truncated or corrupt data into an InputError naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace smp {

struct DecodedImage {
  cv::Mat rgb8;  // 8 bits per channel, R G B order, as stored (orientation not applied)
  std::vector<std::uint8_t> icc;   // the embedded ICC profile; empty if none
  std::vector<std::uint8_t> exif;  // the EXIF block ("Exif\0\0" + TIFF), JPEG only; empty if none
  std::vector<std::string>
      notes;  // what the decoder changed or ignored (16-bit to 8, alpha dropped, ...)
};

// `path` names the file in errors; `max_megapixels` as in check_pixel_limit.
DecodedImage decode_jpeg(std::string_view bytes, const std::string& path, double max_megapixels);
DecodedImage decode_png(std::string_view bytes, const std::string& path, double max_megapixels);
// libheif applies the HEIF rotation and mirror boxes (irot, imir) while decoding.
DecodedImage decode_heif(std::string_view bytes, const std::string& path, double max_megapixels);

}  // namespace smp
