// 8-bit sRGB encoding and decoding through tables, for whole images: a 256-entry decode
// and a 4096-step encode (finer than 8-bit output, IEC 61966-2-1 curve).
#pragma once

#include <cstdint>

namespace smp {

float linear_from_srgb8(std::uint8_t encoded);
std::uint8_t srgb8_from_linear(double linear);  // clamped to 0..1

}  // namespace smp
