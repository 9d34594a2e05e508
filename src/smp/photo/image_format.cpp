#include "smp/photo/image_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

namespace smp {

std::string_view name(ImageFormat f) {
  switch (f) {
    case ImageFormat::jpeg: return "JPEG";
    case ImageFormat::png: return "PNG";
    case ImageFormat::heic: return "HEIC";
  }
  return "";
}

std::optional<ImageFormat> sniff_image_format(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return ImageFormat::jpeg;
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return ImageFormat::png;
  // ISO base media file: a box size, then "ftyp" and the major brand. The HEIF brands of
  // phones and cameras; libheif reads the rest (AVIF is not a phone photo format yet).
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") {
    constexpr std::array<std::string_view, 8> kBrands{"heic", "heix", "heim", "heis",
                                                      "hevc", "hevx", "mif1", "msf1"};
    if (std::find(kBrands.begin(), kBrands.end(), bytes.substr(8, 4)) != kBrands.end())
      return ImageFormat::heic;
  }
  return std::nullopt;
}

std::optional<ImageFormat> format_from_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".jpg" || ext == ".jpeg" || ext == ".jpe") return ImageFormat::jpeg;
  if (ext == ".png") return ImageFormat::png;
  if (ext == ".heic" || ext == ".heif" || ext == ".hif") return ImageFormat::heic;
  return std::nullopt;
}

}  // namespace smp
