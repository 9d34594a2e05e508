#include "smp/render/closeup.h"

#include <algorithm>
#include <cmath>

#include "smp/base/cancellation.h"
#include "smp/colour/srgb8.h"

namespace smp {
namespace {

double segment_distance(double px, double py, ChartPoint a, ChartPoint b) {
  const double ex = b.u_mm - a.u_mm, ey = b.v_mm - a.v_mm, len2 = ex * ex + ey * ey;
  const double t =
      len2 > 0 ? std::clamp(((px - a.u_mm) * ex + (py - a.v_mm) * ey) / len2, 0.0, 1.0) : 0.0;
  return std::hypot(px - a.u_mm - t * ex, py - a.v_mm - t * ey);
}

// A dot as the marks' shape: a segment of no length.
SkinStroke as_stroke(const SkinDot& d) {
  return {d.centre, d.centre, d.radius_mm, d.colour, d.halo_mm, d.halo_strength};
}

// Calls f(row, col, weight) over the pixels a mark touches; weight 1 in the core (with a
// one-pixel soft edge), then the halo.
template <class F>
void rasterise(const SkinStroke& m, double px_per_mm, int size_px, double size_mm, F&& f) {
  const double reach = m.half_width_mm + 5 * m.halo_mm + 1.0 / px_per_mm;
  const double x0 = std::min(m.a.u_mm, m.b.u_mm) - reach, x1 = std::max(m.a.u_mm, m.b.u_mm) + reach;
  const double y0 = std::min(m.a.v_mm, m.b.v_mm) - reach, y1 = std::max(m.a.v_mm, m.b.v_mm) + reach;
  const int c0 = std::max(0, static_cast<int>(x0 * px_per_mm)),
            c1 = std::min(size_px - 1, static_cast<int>(x1 * px_per_mm));
  const int r0 = std::max(0, static_cast<int>((size_mm - y1) * px_per_mm)),
            r1 = std::min(size_px - 1, static_cast<int>((size_mm - y0) * px_per_mm));
  const double edge = 0.5 / px_per_mm;
  for (int r = r0; r <= r1; ++r)
    for (int c = c0; c <= c1; ++c) {
      const double x = (c + 0.5) / px_per_mm, y = size_mm - (r + 0.5) / px_per_mm;
      const double d = segment_distance(x, y, m.a, m.b) - m.half_width_mm;
      const double core = std::clamp(0.5 - d / (2 * edge), 0.0, 1.0);
      const double halo = m.halo_mm > 0 && d > 0 ? m.halo_strength * std::exp(-d / m.halo_mm) : 0.0;
      const double w = std::max(core, halo);
      if (w > 1e-3) f(r, c, w);
    }
}

}  // namespace

cv::Mat render_closeup(const CloseupScene& s, double px_per_mm, const std::stop_token& stop) {
  // Checked at every mark: one stroke of long hair covers thousands of pixels, and a
  // check is one atomic load. Every 1024th mark let a haired close-up run on for 0.6 s.
  const auto check = [&] { throw_if_cancelled(stop); };
  const int n = static_cast<int>(std::lround(s.size_mm * px_per_mm));
  cv::Mat darkening(n, n, CV_32FC3, cv::Scalar(0, 0, 0));
  const auto darken = [&](const SkinStroke& m) {
    const cv::Vec3f d(static_cast<float>(s.skin.x - m.colour.x),
                      static_cast<float>(s.skin.y - m.colour.y),
                      static_cast<float>(s.skin.z - m.colour.z));
    rasterise(m, px_per_mm, n, s.size_mm, [&](int r, int c, double w) {
      // Overlapping shadows do not darken past the darker of them (so the order is free).
      cv::Vec3f& acc = darkening.at<cv::Vec3f>(r, c);
      for (int k = 0; k < 3; ++k) acc[k] = std::max(acc[k], static_cast<float>(w * d[k]));
    });
  };
  for (const SkinDot& d : s.impressions) check(), darken(as_stroke(d));
  for (const SkinStroke& m : s.in_skin) check(), darken(m);
  cv::Mat img(n, n, CV_32FC3, cv::Scalar(s.skin.x, s.skin.y, s.skin.z));
  img -= darkening;
  for (const SkinStroke& m : s.on_skin) {
    check();
    const cv::Vec3f col(static_cast<float>(m.colour.x), static_cast<float>(m.colour.y),
                        static_cast<float>(m.colour.z));
    rasterise(m, px_per_mm, n, s.size_mm, [&](int r, int c, double w) {
      cv::Vec3f& p = img.at<cv::Vec3f>(r, c);
      p = p * static_cast<float>(1 - w) + col * static_cast<float>(w);
    });
  }
  return img;
}

cv::Mat to_bgr8(const cv::Mat& xyz) {
  cv::Mat out(xyz.size(), CV_8UC3);
  for (int r = 0; r < xyz.rows; ++r)
    for (int c = 0; c < xyz.cols; ++c) {
      const cv::Vec3f v = xyz.at<cv::Vec3f>(r, c);
      const LinearRgb l = to_linear_rgb(Xyz{v[0], v[1], v[2]});
      out.at<cv::Vec3b>(r, c) = {srgb8_from_linear(l.b), srgb8_from_linear(l.g),
                                 srgb8_from_linear(l.r)};
    }
  return out;
}

}  // namespace smp
