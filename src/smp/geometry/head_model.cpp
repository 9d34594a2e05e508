#include "smp/geometry/head_model.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

namespace smp {
namespace {

// Simpson's rule for a smooth integrand on [lo, hi].
template <class F>
double integrate(F f, double lo, double hi, int steps = 1024) {
  const double h = (hi - lo) / steps;
  double sum = f(lo) + f(hi);
  for (int i = 1; i < steps; ++i) sum += f(lo + i * h) * (i % 2 ? 4.0 : 2.0);
  return sum * h / 3.0;
}

// Arc length of a meridian of the ellipsoid (horizontal semi-axis r, vertical c)
// between polar angles lo and hi.
double meridian_arc(double r, double c, double lo, double hi) {
  return integrate([&](double t) { return std::hypot(r * std::cos(t), c * std::sin(t)); }, lo, hi);
}

}  // namespace

HeadModel::HeadModel(double a, double b, double c, const LandmarkParameters& lp)
    : a_(a), b_(b), c_(c), lp_(lp) {
  Landmarks& l = landmarks_;
  l.nasion = point({kPi / 2, 0});
  l.glabella = point({midline_polar_at_arc_mm(lp.glabella_above_nasion_mm), 0});
  l.vertex = point({0, 0});
  l.inion = point({kPi / 2, kPi});
  const double ear_polar = polar_at_height(-lp.ear_canal_below_nasion_mm);
  l.ear_canal_right = point({ear_polar, kPi / 2});
  l.ear_canal_left = point({ear_polar, -kPi / 2});
  const double z = -lp.canthus_below_nasion_mm, y = lp.canthus_half_width_mm;
  const double x = a * std::sqrt(std::max(0.0, 1 - (y * y) / (b * b) - (z * z) / (c * c)));
  l.lateral_canthus_left = {x, y, z};
  l.lateral_canthus_right = {x, -y, z};
}

Vec3 HeadModel::normal(SurfaceAngles s) const {
  const Vec3 p = point(s);
  const Vec3 g{p.x / (a_ * a_), p.y / (b_ * b_), p.z / (c_ * c_)};
  return (1.0 / length(g)) * g;
}

SurfaceAngles HeadModel::angles_of(Vec3 p) const {
  const Vec3 n{p.x / a_, -p.y / b_, p.z / c_};
  const double r = length(n);
  return {std::acos(std::clamp(n.z / r, -1.0, 1.0)), std::atan2(n.y, n.x)};
}

SurfaceAngles HeadModel::moved(SurfaceAngles s, double distance_mm, double direction_rad) const {
  const Vec3 down = d_polar(s), right = d_azimuth(s);
  const Vec3 e1 = (1 / length(down)) * down;
  // The azimuth's direction made square to the meridian's.
  const Vec3 side = right - dot(right, e1) * e1;
  const Vec3 e2 = (1 / length(side)) * side;
  return angles_of(point(s) + distance_mm * (std::cos(direction_rad) * e1 + std::sin(direction_rad) * e2));
}

double HeadModel::polar_at_height(double z_mm) const {
  return std::acos(std::clamp(z_mm / c_, -1.0, 1.0));
}

double HeadModel::circumference_mm() const {
  // The equator is an ellipse with semi-axes a, b: integrate its speed.
  return integrate([&](double t) { return std::hypot(a_ * std::sin(t), b_ * std::cos(t)); }, 0,
                   2 * kPi, 4096);
}

double HeadModel::ear_to_ear_arc_mm() const {
  return 2 * meridian_arc(b_, c_, 0, polar_at_height(-lp_.ear_canal_below_nasion_mm));
}

double HeadModel::nasion_to_inion_arc_mm() const { return 2 * meridian_arc(a_, c_, 0, kPi / 2); }

double HeadModel::midline_arc_from_nasion_mm(double polar_rad) const {
  return meridian_arc(a_, c_, polar_rad, kPi / 2);
}

double HeadModel::midline_polar_at_arc_mm(double arc_mm) const {
  double lo = 0, hi = kPi / 2;  // the arc shrinks as the polar angle grows
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (midline_arc_from_nasion_mm(mid) > arc_mm ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {
constexpr double kFitToleranceMm = 1;  // a tape reads to about 5 mm; 1 mm is a converged fit
}  // namespace

HeadModel HeadModel::fit(const HeadMeasurements& m, const LandmarkParameters& lp) {
  const std::array<double, 3> target{m.circumference_cm * 10, m.ear_to_ear_cm * 10,
                                     m.nasion_to_inion_cm * 10};
  for (double t : target)
    if (!(t > 100 && t < 1200)) throw std::invalid_argument("head measurement out of range");
  // Start from the quadratic-mean perimeter approximation, which is linear in the
  // squared semi-axes, then refine with Newton's method on the exact arcs.
  const double c2 = std::pow(target[0] / (2 * kPi), 2) * 2, e2 = std::pow(target[1] / kPi, 2) * 2,
               n2 = std::pow(target[2] / kPi, 2) * 2;
  const double half = (c2 + e2 + n2) / 2;
  std::array<double, 3> x{std::sqrt(std::max(half - e2, 400.0)),
                          std::sqrt(std::max(half - n2, 400.0)),
                          std::sqrt(std::max(half - c2, 400.0))};
  auto residual = [&](const std::array<double, 3>& v) {
    const HeadModel h(v[0], v[1], v[2], lp);
    return std::array<double, 3>{h.circumference_mm() - target[0],
                                 h.ear_to_ear_arc_mm() - target[1],
                                 h.nasion_to_inion_arc_mm() - target[2]};
  };
  for (int iter = 0; iter < 30; ++iter) {
    const auto r = residual(x);
    if (std::abs(r[0]) + std::abs(r[1]) + std::abs(r[2]) < 1e-6) break;
    double J[3][3];
    for (int j = 0; j < 3; ++j) {
      auto xh = x;
      xh[j] += 1e-3;
      const auto rh = residual(xh);
      for (int i = 0; i < 3; ++i) J[i][j] = (rh[i] - r[i]) / 1e-3;
    }
    // Cramer's rule for the 3x3 Newton step.
    auto det = [](double M[3][3]) {
      return M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
             M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
             M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
    };
    const double d = det(J);
    if (std::abs(d) < 1e-12) break;
    for (int j = 0; j < 3; ++j) {
      double M[3][3];
      for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k) M[i][k] = k == j ? r[i] : J[i][k];
      x[j] = std::max(40.0, x[j] - det(M) / d);
    }
  }
  // Three arcs no ellipsoid has (a typo, or a tape read in inches) must not give a
  // silently wrong head: every area and density would follow from it.
  const auto r = residual(x);
  if (std::max({std::abs(r[0]), std::abs(r[1]), std::abs(r[2])}) > kFitToleranceMm) {
    char msg[200];
    std::snprintf(
        msg, sizeof msg,
        "no head shape has these measurements together (the closest is %.1f / %.1f / %.1f cm): "
        "check the tape readings",
        (target[0] + r[0]) / 10, (target[1] + r[1]) / 10, (target[2] + r[2]) / 10);
    throw std::invalid_argument(msg);
  }
  return HeadModel(x[0], x[1], x[2], lp);
}

}  // namespace smp
