#include "smp/photo/pixel_limit.h"

#include <fmt/format.h>

#include "smp/io/input_error.h"

namespace smp {

void check_pixel_limit(const std::string& path, long long width, long long height,
                       double max_megapixels) {
  if (width <= 0 || height <= 0)
    throw InputError(path, 0, "",
                     fmt::format("the image is {} x {} pixels: it has no pixels", width, height));
  const double megapixels = static_cast<double>(width) * static_cast<double>(height) / 1e6;
  if (megapixels > max_megapixels)
    throw InputError(
        path, 0, "",
        fmt::format(
            "the image is {} x {} pixels ({:.2f} MP), over the limit of {:g} MP (--max-megapixels)",
            width, height, megapixels, max_megapixels));
}

}  // namespace smp
