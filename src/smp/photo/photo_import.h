// Importing a clinic photo (JPEG, PNG or HEIC from a phone or camera): decoded by its
// content, turned upright, converted to sRGB, 8 bits per channel. See docs/photo.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace smp {

struct PhotoImportOptions {
  // Larger images are refused from their header, before any pixel is decoded
  // (decompression bombs). 50 MP is above every phone and most cameras.
  double max_megapixels = 50;
};

struct ImportedPhoto {
  cv::Mat bgr8;            // upright, sRGB, 8 bits per channel, OpenCV's B G R order
  std::string format;      // "JPEG", "PNG", "HEIC": what the content is
  int original_width = 0;  // as stored, before the orientation is applied
  int original_height = 0;
  int exif_orientation = 1;    // the EXIF tag's value 1-8 (1: none or no tag), applied
  std::string colour_profile;  // the embedded profile's description; empty if none
  bool converted_to_srgb = false;
  std::vector<std::string>
      notes;  // anything the clinic should know (extension mismatch, 16 to 8 bits, ...)
};

// InputError naming `path`: cannot open, unsupported format, corrupt or truncated data,
// no pixels, or over options.max_megapixels.
ImportedPhoto import_photo(const std::string& path, const PhotoImportOptions& options = {});
// The same from the file's bytes (an upload); `path` is the name errors and notes give.
ImportedPhoto import_photo_bytes(std::string_view bytes, const std::string& path,
                                 const PhotoImportOptions& options = {});

// photo.json: the source and what the import did to it.
std::string photo_json(const std::string& path, const ImportedPhoto& photo);

// Imports `path` and writes out_dir/photo.png and out_dir/photo.json; out_dir is replaced
// whole, or left as it was when the import fails.
ImportedPhoto write_photo_import(const std::string& path, const std::string& out_dir,
                                 const PhotoImportOptions& options = {});

}  // namespace smp
