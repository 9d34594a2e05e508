// Which decoder a photo needs, told by its first bytes (magic numbers), never by its name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smp {

enum class ImageFormat { jpeg, png, heic };

std::string_view name(ImageFormat f);  // "JPEG", "PNG", "HEIC"

// The format of the content; nullopt when it is none of the three.
std::optional<ImageFormat> sniff_image_format(std::string_view bytes);

// The format the file name claims (.jpg/.jpeg/.jpe, .png, .heic/.heif/.hif); nullopt for others.
std::optional<ImageFormat> format_from_extension(const std::string& path);

}  // namespace smp
