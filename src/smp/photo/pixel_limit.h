// The size check every decoder makes from the header, before it allocates any pixels:
// decompression bombs (a few kilobytes claiming billions of pixels) and empty images.
#pragma once

#include <string>

namespace smp {

// InputError naming `path` when width or height is zero, or width x height is over
// `max_megapixels` million pixels.
void check_pixel_limit(const std::string& path, long long width, long long height,
                       double max_megapixels);

}  // namespace smp
