#include "smp/photo/photo_import.h"

#include <filesystem>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/io/atomic_file.h"
#include "smp/io/input_error.h"
#include "smp/io/output_dir.h"
#include "smp/photo/decode.h"
#include "smp/photo/exif_orientation.h"
#include "smp/photo/icc_to_srgb.h"
#include "smp/photo/image_format.h"

namespace smp {

ImportedPhoto import_photo(const std::string& path, const PhotoImportOptions& options) {
  if (!(options.max_megapixels > 0))
    throw InputError("", 0, "--max-megapixels", "must be more than 0");
  return import_photo_bytes(read_text_file(path, "photo"), path, options);
}

ImportedPhoto import_photo_bytes(std::string_view bytes, const std::string& path,
                                 const PhotoImportOptions& options) {
  const auto format = sniff_image_format(bytes);
  if (!format)
    throw InputError(path, 0, "", "unsupported format: the content is not JPEG, PNG or HEIC");

  ImportedPhoto photo;
  photo.format = name(*format);
  const auto claimed = format_from_extension(path);
  if (claimed && *claimed != *format)
    photo.notes.push_back("extension " + std::filesystem::path(path).extension().string() +
                          " but the content is " + photo.format + "; read as " + photo.format);

  DecodedImage image;
  switch (*format) {
    case ImageFormat::jpeg: image = decode_jpeg(bytes, path, options.max_megapixels); break;
    case ImageFormat::png: image = decode_png(bytes, path, options.max_megapixels); break;
    case ImageFormat::heic: image = decode_heif(bytes, path, options.max_megapixels); break;
  }
  photo.notes.insert(photo.notes.end(), image.notes.begin(), image.notes.end());
  photo.original_width = image.rgb8.cols;
  photo.original_height = image.rgb8.rows;

  const ProfileConversion profile = convert_to_srgb(image.rgb8, image.icc);
  photo.colour_profile = profile.description;
  photo.converted_to_srgb = profile.converted;
  if (!profile.note.empty()) photo.notes.push_back(profile.note);

  photo.exif_orientation = exif_orientation(image.exif);
  cv::cvtColor(apply_exif_orientation(image.rgb8, photo.exif_orientation), photo.bgr8,
               cv::COLOR_RGB2BGR);
  return photo;
}

std::string photo_json(const std::string& path, const ImportedPhoto& photo) {
  nlohmann::json j;
  j["schema"] = "smp-studio/photo/1";
  j["source"] = {
      {"file", std::filesystem::path(path).filename().string()},
      {"format", photo.format},
      {"original_size", {{"width", photo.original_width}, {"height", photo.original_height}}}};
  j["orientation"] = {{"exif_orientation", photo.exif_orientation},
                      {"applied", orientation_description(photo.exif_orientation)}};
  j["colour_profile"] = {{"found", !photo.colour_profile.empty()},
                         {"description", photo.colour_profile},
                         {"converted_to_srgb", photo.converted_to_srgb}};
  j["output"] = {{"file", "photo.png"},
                 {"size", {{"width", photo.bgr8.cols}, {"height", photo.bgr8.rows}}},
                 {"colour_space", "sRGB"},
                 {"bits_per_channel", 8}};
  j["notes"] = photo.notes;
  return j.dump(2) + "\n";
}

ImportedPhoto write_photo_import(const std::string& path, const std::string& out_dir,
                                 const PhotoImportOptions& options) {
  ImportedPhoto photo = import_photo(path, options);
  OutputDir out(out_dir);
  const std::filesystem::path dir(out.path());
  if (!cv::imwrite((dir / "photo.png").string(), photo.bgr8))
    throw std::runtime_error(out_dir + "/photo.png: cannot write");
  write_file_atomically(dir / "photo.json", photo_json(path, photo));
  out.commit();
  return photo;
}

}  // namespace smp
