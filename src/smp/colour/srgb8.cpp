#include "smp/colour/srgb8.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "smp/colour/colour.h"

namespace smp {

float linear_from_srgb8(std::uint8_t encoded) {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t{};
    for (int i = 0; i < 256; ++i) t[i] = static_cast<float>(srgb_to_linear(i / 255.0));
    return t;
  }();
  return table[encoded];
}

std::uint8_t srgb8_from_linear(double linear) {
  static const std::array<std::uint8_t, 4097> curve = [] {
    std::array<std::uint8_t, 4097> t{};
    for (int i = 0; i <= 4096; ++i)
      t[i] = static_cast<std::uint8_t>(std::lround(255 * linear_to_srgb(i / 4096.0)));
    return t;
  }();
  if (!(linear > 0)) return 0;  // NaN as well: no index from it
  return curve[static_cast<int>(std::min(linear, 1.0) * 4096 + 0.5)];
}

}  // namespace smp
