#include "smp/render/head_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/core/utility.hpp>

#include "smp/base/cancellation.h"

namespace smp {
namespace {

struct Ellipsoid {
  Vec3 centre, axes;  // semi-axes along x, y, z (mm)
  bool is_eye = false;
};

// Nearest hit of the ray o + t d with an axis-aligned ellipsoid; t < 0 if none.
double hit(const Ellipsoid& e, Vec3 o, Vec3 d) {
  const Vec3 p{(o.x - e.centre.x) / e.axes.x, (o.y - e.centre.y) / e.axes.y,
               (o.z - e.centre.z) / e.axes.z};
  const Vec3 q{d.x / e.axes.x, d.y / e.axes.y, d.z / e.axes.z};
  const double a = dot(q, q), b = 2 * dot(p, q), c = dot(p, p) - 1, disc = b * b - 4 * a * c;
  if (disc < 0) return -1;
  return (-b - std::sqrt(disc)) / (2 * a);
}

Vec3 normal_at(const Ellipsoid& e, Vec3 p) {
  const Vec3 g{(p.x - e.centre.x) / (e.axes.x * e.axes.x),
               (p.y - e.centre.y) / (e.axes.y * e.axes.y),
               (p.z - e.centre.z) / (e.axes.z * e.axes.z)};
  return (1 / length(g)) * g;
}

constexpr double kCameraDistanceMm = 1000;  // rays start this far in front of the aim point

Vec3 normalised(Vec3 v) { return (1 / length(v)) * v; }

}  // namespace

void view_axes(View v, Vec3& dir, Vec3& up) {
  up = {0, 0, 1};
  switch (v) {
    case View::front: dir = {-1, 0, 0}; break;
    case View::back: dir = {1, 0, 0}; break;
    case View::left: dir = {0, -1, 0}; break;  // looking at the patient's left side
    case View::right: dir = {0, 1, 0}; break;
    case View::top: dir = {0, 0, -1}, up = {1, 0, 0}; break;
    case View::three_quarter: dir = normalised({-1, 1, -0.45}); break;  // front-right, from above
  }
}

HeadViewGeometry::HeadViewGeometry(const HeadModel& head, View view, int size_px,
                                   const std::stop_token& stop)
    : head_(head), width_px_(size_px), height_px_(size_px) {
  view_axes(view, dir_, up_);
  right_ = normalised(cross(dir_, up_));
  up_ = normalised(cross(right_, dir_));
  half_mm_ = 1.3 * std::max({head.semi_axis_x_mm(), head.semi_axis_y_mm(), head.semi_axis_z_mm()});
  ortho_mm_per_px_ = 2 * half_mm_ / size_px;
  aim_ = {0, 0, 0.1 * head.semi_axis_z_mm()};
  cast_rays(head, stop);
}

HeadViewGeometry::HeadViewGeometry(const HeadModel& head, const PinholeCamera& camera,
                                   double raster_scale)
    : head_(head),
      width_px_(camera.width_px),
      height_px_(camera.height_px),
      raster_scale_(raster_scale),
      pinhole_(camera) {
  const cv::Matx33d rt = camera.rotation.t();
  dir_ = {rt(0, 2), rt(1, 2), rt(2, 2)};
  right_ = {rt(0, 0), rt(1, 0), rt(2, 0)};
  up_ = {-rt(0, 1), -rt(1, 1), -rt(2, 1)};
  cast_rays(head);
}

double HeadViewGeometry::mm_per_px(double depth_mm) const {
  return pinhole_ ? depth_mm / pinhole_->focal_px : ortho_mm_per_px_;
}

Vec3 HeadViewGeometry::ray_origin(double x, double y) const {
  if (pinhole_) return pinhole_->centre_mm();
  return aim_ + (x * ortho_mm_per_px_ - half_mm_) * right_ +
         (half_mm_ - y * ortho_mm_per_px_) * up_ - kCameraDistanceMm * dir_;
}

Vec3 HeadViewGeometry::ray_direction(double x, double y) const {
  return pinhole_ ? pinhole_->ray(x, y) : dir_;
}

Vec3 HeadViewGeometry::view_direction(Vec3 p) const {
  return pinhole_ ? normalised(p - pinhole_->centre_mm()) : dir_;
}

void HeadViewGeometry::cast_rays(const HeadModel& head, const std::stop_token& stop) {
  const Landmarks& L = head.landmarks();
  const double a = head.semi_axis_x_mm(), b = head.semi_axis_y_mm(), c = head.semi_axis_z_mm();
  // Head, ears, nose, eyes and neck: enough for the model to read as a head.
  std::vector<Ellipsoid> parts{{{0, 0, 0}, {a, b, c}}};
  for (const Vec3& ear : {L.ear_canal_left, L.ear_canal_right})
    parts.push_back({{ear.x - 4, ear.y * 1.04, ear.z + 8}, {13, 7, 30}});
  parts.push_back({{L.nasion.x + 4, 0, L.nasion.z - 28}, {14, 10, 26}});
  for (const Vec3& eye : {L.lateral_canthus_left, L.lateral_canthus_right}) {
    // Eyes just proud of the face, half way between the midline and the outer canthus.
    const double y = eye.y * 0.68,
                 surface_x =
                     a * std::sqrt(std::max(0.0, 1 - y * y / (b * b) - eye.z * eye.z / (c * c)));
    parts.push_back({{surface_x - 4, y, eye.z}, {7, 11, 6}, true});
  }
  parts.push_back({{-0.15 * a, 0, -0.75 * c}, {0.55 * a, 0.62 * b, 0.55 * c}});

  const Vec3 light = normalised((-1.0) * dir_ + 0.6 * up_ - 0.3 * right_);
  const int cols = std::max(1, static_cast<int>(std::lround(width_px_ * raster_scale_)));
  const int rows = std::max(1, static_cast<int>(std::lround(height_px_ * raster_scale_)));
  part = cv::Mat(rows, cols, CV_8U);
  shade = cv::Mat(rows, cols, CV_32F);
  depth_mm = cv::Mat(rows, cols, CV_32F);
  // Depth along the view: the orthographic ray starts kCameraDistanceMm before the aim
  // plane; a pinhole's depth is along its optical axis (as OpenCV projects).
  // OpenCV's workers must not throw: a stopped cast skips its rows, and throws once joined.
  cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& range) {
    for (int r = range.start; r < range.end && !stop.stop_requested(); ++r)
      for (int col = 0; col < cols; ++col) {
        const double x = (col + 0.5) / raster_scale_, y = (r + 0.5) / raster_scale_;
        const Vec3 o = ray_origin(x, y), d = ray_direction(x, y);
        double best = std::numeric_limits<double>::infinity();
        const Ellipsoid* hit_part = nullptr;
        for (const Ellipsoid& e : parts)
          if (const double t = hit(e, o, d); t > 0 && t < best) best = t, hit_part = &e;
        part.at<uchar>(r, col) = hit_part ? (hit_part->is_eye ? eye : skin) : backdrop;
        depth_mm.at<float>(r, col) = hit_part ? static_cast<float>(best * dot(d, dir_))
                                              : std::numeric_limits<float>::infinity();
        shade.at<float>(r, col) =
            hit_part
                ? static_cast<float>(
                      0.35 + 0.65 * std::max(0.0, dot(normal_at(*hit_part, o + best * d), light)))
                : 0.f;
      }
  });
  throw_if_cancelled(stop);
}

void HeadViewGeometry::project(Vec3 p, double& x_px, double& y_px, double& depth) const {
  if (pinhole_) return pinhole_->project(p, x_px, y_px, depth);
  const Vec3 rel = p - aim_;
  x_px = (dot(rel, right_) + half_mm_) / ortho_mm_per_px_;
  y_px = (half_mm_ - dot(rel, up_)) / ortho_mm_per_px_;
  depth = dot(rel, dir_) + kCameraDistanceMm;
}

bool HeadViewGeometry::sees_scalp_point(Vec3 p) const {
  if (dot(head_.normal(head_.angles_of(p)), view_direction(p)) > -0.15)
    return false;  // facing away or grazing
  double x, y, depth;
  project(p, x, y, depth);
  const int col = static_cast<int>(x * raster_scale_), row = static_cast<int>(y * raster_scale_);
  if (x < 0 || y < 0 || col >= part.cols || row >= part.rows) return false;
  return depth <= depth_mm.at<float>(row, col) + 2;  // not behind an ear or the nose
}

namespace {

constexpr int kBandRows = 64;  // rows rendered together: buffers stay in cache, no 100 MB images

// Accumulates the area of a thin segment (width in px) over the pixels it crosses in a
// band of rows starting at row0: samples half a pixel apart, each spread bilinearly.
void splat_segment(cv::Mat& band, int row0, double x0, double y0, double x1, double y1,
                   double width_px) {
  const double len = std::hypot(x1 - x0, y1 - y0);
  const int n = 1 + static_cast<int>(2 * len);
  const double area = width_px * std::max(len, width_px) / n;
  for (int k = 0; k < n; ++k) {
    const double t = (k + 0.5) / n, x = x0 + t * (x1 - x0) - 0.5,
                 y = y0 + t * (y1 - y0) - 0.5 - row0;
    const int ix = static_cast<int>(std::floor(x)), iy = static_cast<int>(std::floor(y));
    const double fx = x - ix, fy = y - iy;
    for (int dy = 0; dy < 2; ++dy)
      for (int dx = 0; dx < 2; ++dx) {
        const int px = ix + dx, py = iy + dy;
        if (px < 0 || py < 0 || px >= band.cols || py >= band.rows) continue;
        band.at<float>(py, px) +=
            static_cast<float>(area * (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy));
      }
  }
}

// The darkening of one impression (core and halo) over a band of rows, as the largest
// over overlapping dots. Float maths: the halo's exponential over ~500 pixels per dot is
// most of a view's time.
void splat_dot(cv::Mat& dark, int row0, double x_px, double y_px, double reach_px, const ViewDot& d,
               const Xyz& skin, double mm_per_px) {
  const int y0 = std::max(row0, static_cast<int>(y_px - reach_px)),
            y1 = std::min(row0 + dark.rows - 1, static_cast<int>(y_px + reach_px));
  const int x0 = std::max(0, static_cast<int>(x_px - reach_px)),
            x1 = std::min(dark.cols - 1, static_cast<int>(x_px + reach_px));
  const cv::Vec3f delta(static_cast<float>(skin.x - d.colour.x),
                        static_cast<float>(skin.y - d.colour.y),
                        static_cast<float>(skin.z - d.colour.z));
  // Core coverage of a pixel larger than the dot: its area share.
  const float core_share =
      static_cast<float>(std::min(1.0, kPi * d.radius_mm * d.radius_mm / (mm_per_px * mm_per_px)));
  const float radius_px = static_cast<float>(d.radius_mm / mm_per_px),
              halo_px = static_cast<float>(d.halo_mm / mm_per_px);
  const float strength = static_cast<float>(d.halo_strength), cx = static_cast<float>(x_px),
              cy = static_cast<float>(y_px);
  for (int y = y0; y <= y1; ++y) {
    const float dy = y + 0.5f - cy;
    cv::Vec3f* row = dark.ptr<cv::Vec3f>(y - row0);
    for (int x = x0; x <= x1; ++x) {
      const float dx = x + 0.5f - cx,
                  e = std::sqrt(dx * dx + dy * dy) - radius_px;  // px outside the core
      const float core = e <= 0 ? 1.f : std::clamp(1 - e, 0.f, 1.f) * core_share;
      const float w =
          std::max(core, halo_px > 0 && e > 0 ? strength * std::exp(-e / halo_px) : 0.f);
      for (int k = 0; k < 3; ++k) row[x][k] = std::max(row[x][k], w * delta[k]);
    }
  }
}

}  // namespace

void draw_scene_in_bands(const HeadScene& s, const HeadViewGeometry& g, const BandComposer& compose,
                         const std::stop_token& stop) {
  const int width = g.width_px(), height = g.height_px();
  struct Placed {
    double x, y, reach, mm_per_px;
    const ViewDot* dot;
  };
  std::vector<Placed> dots;
  for (const ViewDot& d : s.dots) {
    if (!g.sees_scalp_point(d.head_mm)) continue;
    double x, y, depth;
    g.project(d.head_mm, x, y, depth);
    const double mm_per_px = g.mm_per_px(depth);
    dots.push_back({x, y, (d.radius_mm + 3 * d.halo_mm) / mm_per_px + 1, mm_per_px, &d});
  }
  struct PlacedHair {
    bool seen = false;
    double root_x, root_y, tip_x, tip_y, bulb_x, bulb_y, top, bottom, mm_per_px;
  };
  const std::vector<ViewHair> no_hair;
  const std::vector<ViewHair>& hairs = s.hair ? s.hair->hairs : no_hair;
  std::vector<PlacedHair> placed(hairs.size());
  cv::parallel_for_(cv::Range(0, static_cast<int>(hairs.size())), [&](const cv::Range& range) {
    for (int i = range.start; i < range.end; ++i) {
      PlacedHair& p = placed[i];
      if (!(p.seen = g.sees_scalp_point(hairs[i].root_mm))) continue;
      double depth;
      g.project(hairs[i].tip_mm, p.tip_x, p.tip_y, depth);
      g.project(hairs[i].bulb_mm, p.bulb_x, p.bulb_y, depth);
      g.project(hairs[i].root_mm, p.root_x, p.root_y, depth);
      p.mm_per_px = g.mm_per_px(depth);
      p.top = std::min({p.root_y, p.tip_y, p.bulb_y}) - 2;
      p.bottom = std::max({p.root_y, p.tip_y, p.bulb_y}) + 2;
    }
  });
  // Each worker takes every k-th band (the head fills the middle rows: balanced) and
  // allocates its buffers once.
  const int workers = std::max(1, cv::getNumThreads()),
            bands = (height + kBandRows - 1) / kBandRows;
  cv::parallel_for_(cv::Range(0, workers), [&](const cv::Range& range) {
    cv::Mat dark(kBandRows, width, CV_32FC3), shaft(kBandRows, width, CV_32F),
        under(kBandRows, width, CV_32F);
    for (int worker = range.start; worker < range.end; ++worker)
      for (int band = worker; band < bands && !stop.stop_requested(); band += workers) {
        const int row0 = band * kBandRows, row1 = std::min(height, row0 + kBandRows);
        dark = cv::Scalar::all(0), shaft = cv::Scalar::all(0), under = cv::Scalar::all(0);
        for (const Placed& p : dots)
          if (p.y + p.reach >= row0 && p.y - p.reach < row1)
            splat_dot(dark, row0, p.x, p.y, p.reach, *p.dot, s.skin, p.mm_per_px);
        for (const PlacedHair& p : placed) {
          if (!p.seen || p.bottom < row0 || p.top >= row1) continue;
          splat_segment(under, row0, p.root_x, p.root_y, p.bulb_x, p.bulb_y,
                        s.hair->under_width_mm / p.mm_per_px);
          splat_segment(shaft, row0, p.root_x, p.root_y, p.tip_x, p.tip_y,
                        s.hair->shaft_width_mm / p.mm_per_px);
        }
        compose(row0, row1, dark, shaft, under);
      }
  });
  throw_if_cancelled(stop);
}

cv::Mat render_head_view(const HeadScene& s, const HeadViewGeometry& g,
                         const std::stop_token& stop) {
  CV_Assert(g.raster_scale() == 1);
  const Xyz eye_colour{0.04, 0.04, 0.045};
  const Xyz hair_shaft = s.hair ? s.hair->shaft : Xyz{},
            hair_under = s.hair ? s.hair->under : Xyz{};
  const cv::Vec3f backdrop(static_cast<float>(s.backdrop.x), static_cast<float>(s.backdrop.y),
                           static_cast<float>(s.backdrop.z));
  cv::Mat img(g.height_px(), g.width_px(), CV_32FC3);
  draw_scene_in_bands(
      s, g,
      [&](int row0, int row1, const cv::Mat& dark, const cv::Mat& shaft, const cv::Mat& under) {
        for (int r = row0; r < row1; ++r)
          for (int col = 0; col < img.cols; ++col) {
            const uchar part = g.part.at<uchar>(r, col);
            if (part == HeadViewGeometry::backdrop) {
              img.at<cv::Vec3f>(r, col) = backdrop;
              continue;
            }
            const float lit = g.shade.at<float>(r, col);
            const Xyz base = part == HeadViewGeometry::eye ? eye_colour : s.skin;
            // Skin darkened by the impressions, then the buried hair, then the shafts over it.
            cv::Vec3f c = cv::Vec3f(base.x, base.y, base.z) - dark.at<cv::Vec3f>(r - row0, col);
            const float ua = std::min(1.f, under.at<float>(r - row0, col)),
                        sa = std::min(1.f, shaft.at<float>(r - row0, col));
            c = c * (1 - ua) + cv::Vec3f(hair_under.x, hair_under.y, hair_under.z) * ua;
            c = c * (1 - sa) + cv::Vec3f(hair_shaft.x, hair_shaft.y, hair_shaft.z) * sa;
            img.at<cv::Vec3f>(r, col) = c * lit;
          }
      },
      stop);
  return img;
}

}  // namespace smp
