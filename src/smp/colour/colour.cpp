#include "smp/colour/colour.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

constexpr double kPi = 3.14159265358979323846;
double deg(double rad) { return rad * 180 / kPi; }
double rad(double deg) { return deg * kPi / 180; }

}  // namespace

double srgb_to_linear(double v) {
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
double linear_to_srgb(double v) {
  return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
}

Xyz to_xyz(LinearRgb c) {
  return {0.4124564 * c.r + 0.3575761 * c.g + 0.1804375 * c.b,
          0.2126729 * c.r + 0.7151522 * c.g + 0.0721750 * c.b,
          0.0193339 * c.r + 0.1191920 * c.g + 0.9503041 * c.b};
}

LinearRgb to_linear_rgb(Xyz c) {
  return {3.2404542 * c.x - 1.5371385 * c.y - 0.4985314 * c.z,
          -0.9692660 * c.x + 1.8760108 * c.y + 0.0415560 * c.z,
          0.0556434 * c.x - 0.2040259 * c.y + 1.0572252 * c.z};
}

Lab to_lab(Xyz c) {
  constexpr double e = 216.0 / 24389, k = 24389.0 / 27;
  auto f = [&](double t) { return t > e ? std::cbrt(t) : (k * t + 16) / 116; };
  const double fx = f(c.x / kD65White.x), fy = f(c.y / kD65White.y), fz = f(c.z / kD65White.z);
  return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

Xyz to_xyz(Lab c) {
  constexpr double e = 216.0 / 24389, k = 24389.0 / 27;
  const double fy = (c.l + 16) / 116, fx = fy + c.a / 500, fz = fy - c.b / 200;
  auto inv = [&](double f) { return f * f * f > e ? f * f * f : (116 * f - 16) / k; };
  return {kD65White.x * inv(fx), kD65White.y * (c.l > k * e ? fy * fy * fy : c.l / k),
          kD65White.z * inv(fz)};
}

Lab lab_from_srgb8(int r, int g, int b) {
  return to_lab(to_xyz(
      LinearRgb{srgb_to_linear(r / 255.0), srgb_to_linear(g / 255.0), srgb_to_linear(b / 255.0)}));
}

std::array<int, 3> srgb8_from_xyz(Xyz c) {
  const LinearRgb l = to_linear_rgb(c);
  auto q = [](double v) {
    return static_cast<int>(std::lround(255 * linear_to_srgb(std::clamp(v, 0.0, 1.0))));
  };
  return {q(l.r), q(l.g), q(l.b)};
}

std::array<int, 3> srgb8_from_lab(Lab c) { return srgb8_from_xyz(to_xyz(c)); }

double delta_e00(Lab p, Lab q, double kl, double kc, double kh) {
  const double c1 = std::hypot(p.a, p.b), c2 = std::hypot(q.a, q.b), cbar = (c1 + c2) / 2;
  const double c7 = std::pow(cbar, 7), g = 0.5 * (1 - std::sqrt(c7 / (c7 + std::pow(25.0, 7))));
  const double a1 = (1 + g) * p.a, a2 = (1 + g) * q.a;
  const double cp1 = std::hypot(a1, p.b), cp2 = std::hypot(a2, q.b);
  auto hue = [](double b, double a) {
    if (a == 0 && b == 0) return 0.0;
    const double h = deg(std::atan2(b, a));
    return h < 0 ? h + 360 : h;
  };
  const double hp1 = hue(p.b, a1), hp2 = hue(q.b, a2);
  const double dl = q.l - p.l, dc = cp2 - cp1;
  double dh = 0;
  if (cp1 * cp2 != 0) {
    dh = hp2 - hp1;
    if (dh > 180)
      dh -= 360;
    else if (dh < -180)
      dh += 360;
  }
  const double dH = 2 * std::sqrt(cp1 * cp2) * std::sin(rad(dh / 2));
  const double lbar = (p.l + q.l) / 2, cpbar = (cp1 + cp2) / 2;
  double hbar = hp1 + hp2;
  if (cp1 * cp2 != 0) {
    if (std::abs(hp1 - hp2) <= 180)
      hbar = (hp1 + hp2) / 2;
    else
      hbar = (hp1 + hp2 < 360) ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
  }
  const double t = 1 - 0.17 * std::cos(rad(hbar - 30)) + 0.24 * std::cos(rad(2 * hbar)) +
                   0.32 * std::cos(rad(3 * hbar + 6)) - 0.20 * std::cos(rad(4 * hbar - 63));
  const double dtheta = 30 * std::exp(-std::pow((hbar - 275) / 25, 2));
  const double cp7 = std::pow(cpbar, 7), rc = 2 * std::sqrt(cp7 / (cp7 + std::pow(25.0, 7)));
  const double l50 = (lbar - 50) * (lbar - 50);
  const double sl = 1 + 0.015 * l50 / std::sqrt(20 + l50), sc = 1 + 0.045 * cpbar,
               sh = 1 + 0.015 * cpbar * t;
  const double rt = -std::sin(rad(2 * dtheta)) * rc;
  const double x = dl / (kl * sl), y = dc / (kc * sc), z = dH / (kh * sh);
  return std::sqrt(x * x + y * y + z * z + rt * y * z);
}

}  // namespace smp
