#include "smp/render/closeup.h"

#include <algorithm>
#include <cmath>

#include <opencv2/core/utility.hpp>

#include "smp/base/cancellation.h"
#include "smp/colour/srgb8.h"
#include "smp/render/parallel.h"

namespace smp {
namespace {

// A dot as the marks' shape: a segment of no length.
SkinStroke as_stroke(const SkinDot& d) {
  return {d.centre, d.centre, d.radius_mm, d.colour, d.halo_mm, d.halo_strength};
}

// The chart x interval of row y within distance `reach` of the segment [a, b] (a capsule:
// the union of the discs at its ends and the rectangle between them is convex, so its
// row is one interval, from the leftmost to the rightmost of the three pieces').
bool capsule_row(ChartPoint a, ChartPoint b, double reach, double y, double& x0, double& x1) {
  x0 = 1e300, x1 = -1e300;
  for (ChartPoint c : {a, b})
    if (const double dy = y - c.v_mm; dy * dy <= reach * reach) {
      const double half = std::sqrt(reach * reach - dy * dy);
      x0 = std::min(x0, c.u_mm - half), x1 = std::max(x1, c.u_mm + half);
    }
  const double ex = b.u_mm - a.u_mm, ey = b.v_mm - a.v_mm, len = std::sqrt(ex * ex + ey * ey);
  if (len > 0) {
    const double nx = -ey / len * reach, ny = ex / len * reach;
    const ChartPoint corner[4] = {{a.u_mm + nx, a.v_mm + ny},
                                  {b.u_mm + nx, b.v_mm + ny},
                                  {b.u_mm - nx, b.v_mm - ny},
                                  {a.u_mm - nx, a.v_mm - ny}};
    for (int k = 0; k < 4; ++k) {
      const ChartPoint p = corner[k], q = corner[(k + 1) % 4];
      if ((y - p.v_mm) * (y - q.v_mm) > 0 || p.v_mm == q.v_mm) continue;
      const double x = p.u_mm + (y - p.v_mm) / (q.v_mm - p.v_mm) * (q.u_mm - p.u_mm);
      x0 = std::min(x0, x), x1 = std::max(x1, x);
    }
  }
  return x0 <= x1;
}

// Calls f(row, col, weight) over the pixels a mark touches (within its reach: the core,
// a one-pixel soft edge and five halo lengths); weight 1 in the core, then the halo.
// Rows [rows.start, rows.end) only.
template <class F>
void rasterise(const SkinStroke& m, double px_per_mm, int size_px, double size_mm, cv::Range rows,
               F&& f) {
  const double reach = m.half_width_mm + 5 * m.halo_mm + 1.0 / px_per_mm;
  const double y0 = std::min(m.a.v_mm, m.b.v_mm) - reach, y1 = std::max(m.a.v_mm, m.b.v_mm) + reach;
  const int r0 = std::max(rows.start, static_cast<int>((size_mm - y1) * px_per_mm)),
            r1 =
                std::min({size_px - 1, rows.end - 1, static_cast<int>((size_mm - y0) * px_per_mm)});
  const float inv_halo = m.halo_mm > 0 ? static_cast<float>(1 / m.halo_mm) : 0.0f;
  for (int r = r0; r <= r1; ++r) {
    const double y = size_mm - (r + 0.5) / px_per_mm;
    double x0, x1;
    if (!capsule_row(m.a, m.b, reach, y, x0, x1)) continue;
    const int c0 = std::max(0, static_cast<int>(std::floor(x0 * px_per_mm - 0.5))),
              c1 = std::min(size_px - 1, static_cast<int>(std::ceil(x1 * px_per_mm - 0.5)));
    for (int c = c0; c <= c1; ++c) {
      const double x = (c + 0.5) / px_per_mm;
      const double d = chart_distance_to_segment_mm({x, y}, m.a, m.b) - m.half_width_mm;
      // The core's soft edge is one pixel wide: 0.5 - d / (2 x half a pixel).
      const double core = std::clamp(0.5 - d * px_per_mm, 0.0, 1.0);
      const double halo = inv_halo > 0 && d > 0
                              ? m.halo_strength * std::exp(-static_cast<float>(d) * inv_halo)
                              : 0.0;
      const double w = std::max(core, halo);
      if (w > 1e-3) f(r, c, w);
    }
  }
}

}  // namespace

cv::Mat render_closeup(const CloseupScene& s, double px_per_mm, const std::stop_token& stop) {
  // Checked at every mark: one stroke of long hair covers thousands of pixels, and a
  // check is one atomic load. Every 1024th mark let a haired close-up run on for 0.6 s.
  const auto check = [&] { throw_if_cancelled(stop); };
  const int n = static_cast<int>(std::lround(s.size_mm * px_per_mm));
  cv::Mat darkening(n, n, CV_32FC3, cv::Scalar(0, 0, 0));
  cv::Mat img(n, n, CV_32FC3, cv::Scalar(s.skin.x, s.skin.y, s.skin.z));
  // In bands of rows on the worker threads: every band draws the marks in the same order,
  // so the picture does not depend on the thread count.
  constexpr int kRowsPerBand = 64;
  for_each_parallel((n + kRowsPerBand - 1) / kRowsPerBand, [&](int band) {
    const cv::Range rows(band * kRowsPerBand, std::min(n, (band + 1) * kRowsPerBand));
    const auto darken = [&](const SkinStroke& m) {
      const cv::Vec3f d(static_cast<float>(s.skin.x - m.colour.x),
                        static_cast<float>(s.skin.y - m.colour.y),
                        static_cast<float>(s.skin.z - m.colour.z));
      rasterise(m, px_per_mm, n, s.size_mm, rows, [&](int r, int c, double w) {
        // Overlapping shadows do not darken past the darker of them (so the order is free).
        cv::Vec3f& acc = darkening.at<cv::Vec3f>(r, c);
        for (int k = 0; k < 3; ++k) acc[k] = std::max(acc[k], static_cast<float>(w * d[k]));
      });
    };
    for (const SkinDot& d : s.impressions) check(), darken(as_stroke(d));
    for (const SkinStroke& m : s.in_skin) check(), darken(m);
    img.rowRange(rows) -= darkening.rowRange(rows);
    for (const SkinStroke& m : s.on_skin) {
      check();
      const cv::Vec3f col(static_cast<float>(m.colour.x), static_cast<float>(m.colour.y),
                          static_cast<float>(m.colour.z));
      rasterise(m, px_per_mm, n, s.size_mm, rows, [&](int r, int c, double w) {
        cv::Vec3f& p = img.at<cv::Vec3f>(r, c);
        p = p * static_cast<float>(1 - w) + col * static_cast<float>(w);
      });
    }
  });
  return img;
}

cv::Mat to_bgr8(const cv::Mat& xyz) {
  cv::Mat out(xyz.size(), CV_8UC3);
  cv::parallel_for_(cv::Range(0, xyz.rows), [&](const cv::Range& rows) {
    for (int r = rows.start; r < rows.end; ++r)
      for (int c = 0; c < xyz.cols; ++c) {
        const cv::Vec3f v = xyz.at<cv::Vec3f>(r, c);
        const LinearRgb l = to_linear_rgb(Xyz{v[0], v[1], v[2]});
        out.at<cv::Vec3b>(r, c) = {srgb8_from_linear(l.b), srgb8_from_linear(l.g),
                                   srgb8_from_linear(l.r)};
      }
  });
  return out;
}

}  // namespace smp
