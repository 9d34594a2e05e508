// Colour spaces and colour difference: sRGB, CIE XYZ, CIELAB (D65) and CIEDE2000.
#pragma once

#include <array>

namespace smp {

struct LinearRgb {
  double r = 0, g = 0, b = 0;  // linear sRGB, 0..1
};
struct Xyz {
  double x = 0, y = 0, z = 0;  // Y of the D65 white = 1
};
struct Lab {
  double l = 0, a = 0, b = 0;  // CIELAB, D65 white
};

inline constexpr Xyz kD65White{0.95047, 1.0, 1.08883};

// IEC 61966-2-1 transfer curve.
double srgb_to_linear(double encoded);
double linear_to_srgb(double linear);

Xyz to_xyz(LinearRgb c);
LinearRgb to_linear_rgb(Xyz c);
Lab to_lab(Xyz c);
Xyz to_xyz(Lab c);

Lab lab_from_srgb8(int r, int g, int b);
std::array<int, 3> srgb8_from_lab(Lab c);  // clamped to 0..255
std::array<int, 3> srgb8_from_xyz(Xyz c);

// CIEDE2000 (Sharma, Wu and Dalal 2005), with the parametric weights kL, kC, kH.
double delta_e00(Lab a, Lab b, double kl = 1, double kc = 1, double kh = 1);

}  // namespace smp
