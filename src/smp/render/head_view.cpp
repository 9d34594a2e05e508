#include "smp/render/head_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "smp/design/target_field.h"

namespace smp {
namespace {

struct Ellipsoid {
  Vec3 centre, axes;  // semi-axes along x, y, z (mm)
  bool is_head = false;
  bool is_eye = false;
};

// Nearest hit of the ray o + t d with an axis-aligned ellipsoid; t < 0 if none.
double hit(const Ellipsoid& e, Vec3 o, Vec3 d) {
  const Vec3 p{(o.x - e.centre.x) / e.axes.x, (o.y - e.centre.y) / e.axes.y, (o.z - e.centre.z) / e.axes.z};
  const Vec3 q{d.x / e.axes.x, d.y / e.axes.y, d.z / e.axes.z};
  const double a = dot(q, q), b = 2 * dot(p, q), c = dot(p, p) - 1, disc = b * b - 4 * a * c;
  if (disc < 0) return -1;
  return (-b - std::sqrt(disc)) / (2 * a);
}

Vec3 normal_at(const Ellipsoid& e, Vec3 p) {
  const Vec3 g{(p.x - e.centre.x) / (e.axes.x * e.axes.x), (p.y - e.centre.y) / (e.axes.y * e.axes.y),
               (p.z - e.centre.z) / (e.axes.z * e.axes.z)};
  return (1 / length(g)) * g;
}

Vec3 normalised(Vec3 v) { return (1 / length(v)) * v; }

// Camera direction (from the camera towards the head) and up vector per view.
void camera(View v, Vec3& dir, Vec3& up) {
  up = {0, 0, 1};
  switch (v) {
    case View::front: dir = {-1, 0, 0}; break;
    case View::back: dir = {1, 0, 0}; break;
    case View::left: dir = {0, -1, 0}; break;   // looking at the patient's left side
    case View::right: dir = {0, 1, 0}; break;
    case View::top: dir = {0, 0, -1}, up = {1, 0, 0}; break;
    case View::three_quarter: dir = normalised({-1, 1, -0.45}); break;  // front-right, from above
  }
}

}  // namespace

std::string_view name(View v) {
  static constexpr std::string_view names[] = {"front", "top", "left", "right", "back", "three-quarter"};
  return names[static_cast<int>(v)];
}

cv::Mat render_head_view(const HeadScene& s, View view, int size_px) {
  const HeadModel& head = s.field->map().head();
  const Landmarks& L = head.landmarks();
  const double a = head.semi_axis_x_mm(), b = head.semi_axis_y_mm(), c = head.semi_axis_z_mm();
  // Head, ears, nose, eyes and neck: enough for the model to read as a head.
  std::vector<Ellipsoid> parts{{{0, 0, 0}, {a, b, c}, true}};
  for (const Vec3& ear : {L.ear_canal_left, L.ear_canal_right})
    parts.push_back({{ear.x - 4, ear.y * 1.04, ear.z + 8}, {13, 7, 30}});
  parts.push_back({{L.nasion.x + 4, 0, L.nasion.z - 28}, {14, 10, 26}});
  for (const Vec3& eye : {L.lateral_canthus_left, L.lateral_canthus_right}) {
    // Eyes just proud of the face, half way between the midline and the outer canthus.
    const double y = eye.y * 0.68, surface_x = a * std::sqrt(std::max(0.0, 1 - y * y / (b * b) - eye.z * eye.z / (c * c)));
    parts.push_back({{surface_x - 4, y, eye.z}, {7, 11, 6}, false, true});
  }
  parts.push_back({{-0.15 * a, 0, -0.75 * c}, {0.55 * a, 0.62 * b, 0.55 * c}});

  Vec3 dir, up;
  camera(view, dir, up);
  const Vec3 right = normalised(cross(dir, up)), upv = normalised(cross(right, dir));
  const Vec3 light = normalised((-1.0) * dir + 0.6 * upv - 0.3 * right);
  const double half = 1.3 * std::max({a, b, c}), mm_per_px = 2 * half / size_px;
  const Vec3 aim{0, 0, 0.1 * c};
  cv::Mat img(size_px, size_px, CV_32FC3, cv::Scalar(0.92, 0.95, 1.0));  // pale backdrop
  cv::Mat depth(size_px, size_px, CV_64F, cv::Scalar(std::numeric_limits<double>::infinity()));
  cv::Mat shading(size_px, size_px, CV_32F, cv::Scalar(0));
  const ChartGrid& g = s.raster->grid;
  for (int r = 0; r < size_px; ++r)
    for (int col = 0; col < size_px; ++col) {
      const double x = (col + 0.5) * mm_per_px - half, y = half - (r + 0.5) * mm_per_px;
      const Vec3 o = aim + x * right + y * upv - 1000.0 * dir;
      double best = std::numeric_limits<double>::infinity();
      const Ellipsoid* part = nullptr;
      for (const Ellipsoid& e : parts)
        if (const double t = hit(e, o, dir); t > 0 && t < best) best = t, part = &e;
      if (!part) continue;
      const Vec3 p = o + best * dir, n = normal_at(*part, p);
      const double shade = 0.35 + 0.65 * std::max(0.0, dot(n, light));
      Xyz base = s.skin;
      if (part->is_eye) base = {0.04, 0.04, 0.045};
      if (part->is_head) {
        const ChartPoint cp = s.field->map().chart(head.angles_of(p));
        const int gc = g.col_of(cp.u_mm), gr = g.row_of(cp.v_mm);
        if (gc >= 0 && gr >= 0 && s.raster->region[s.raster->index(gc, gr)] >= 0) {
          const double cov = s.raster->coverage[s.raster->index(gc, gr)];
          base = {s.skin.x + (s.haired.x - s.skin.x) * cov, s.skin.y + (s.haired.y - s.skin.y) * cov,
                  s.skin.z + (s.haired.z - s.skin.z) * cov};
        }
      }
      img.at<cv::Vec3f>(r, col) = cv::Vec3f(base.x * shade, base.y * shade, base.z * shade);
      depth.at<double>(r, col) = best;
      shading.at<float>(r, col) = static_cast<float>(shade);
    }
  // Impressions: core and halo splatted where the head surface is visible.
  cv::Mat dark(size_px, size_px, CV_32FC3, cv::Scalar(0, 0, 0));
  for (const ViewDot& d : s.dots) {
    const Vec3 n = head.normal(head.angles_of(d.head_mm));
    if (dot(n, dir) > -0.15) continue;  // facing away or grazing
    const Vec3 rel = d.head_mm - aim;
    const double px = (dot(rel, right) + half) / mm_per_px, py = (half - dot(rel, upv)) / mm_per_px;
    const int cx = static_cast<int>(px), cy = static_cast<int>(py);
    if (cx < 0 || cy < 0 || cx >= size_px || cy >= size_px) continue;
    const double t_dot = dot(d.head_mm - (aim - 1000.0 * dir), dir);
    if (t_dot > depth.at<double>(cy, cx) + 2) continue;  // hidden behind an ear or the nose
    const cv::Vec3f delta(static_cast<float>(s.skin.x - d.colour.x), static_cast<float>(s.skin.y - d.colour.y),
                          static_cast<float>(s.skin.z - d.colour.z));
    const double reach = (d.radius_mm + 3 * d.halo_mm) / mm_per_px + 1;
    for (int y = std::max(0, static_cast<int>(py - reach)); y <= std::min(size_px - 1, static_cast<int>(py + reach)); ++y)
      for (int x = std::max(0, static_cast<int>(px - reach)); x <= std::min(size_px - 1, static_cast<int>(px + reach)); ++x) {
        const double e = std::hypot(x + 0.5 - px, y + 0.5 - py) * mm_per_px - d.radius_mm;
        // Core coverage of a pixel larger than the dot: its area share.
        const double core = e <= 0 ? 1.0 : std::clamp(1 - e / mm_per_px, 0.0, 1.0) *
                                               std::min(1.0, 3.14159 * d.radius_mm * d.radius_mm / (mm_per_px * mm_per_px));
        const double w = std::max(core, d.halo_mm > 0 && e > 0 ? d.halo_strength * std::exp(-e / d.halo_mm) : 0.0);
        cv::Vec3f& acc = dark.at<cv::Vec3f>(y, x);
        for (int k = 0; k < 3; ++k) acc[k] = std::max(acc[k], static_cast<float>(w * delta[k]));
      }
  }
  for (int r = 0; r < size_px; ++r)
    for (int col = 0; col < size_px; ++col)
      img.at<cv::Vec3f>(r, col) -= dark.at<cv::Vec3f>(r, col) * shading.at<float>(r, col);
  return img;
}

}  // namespace smp
