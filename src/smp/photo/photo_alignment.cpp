#include "smp/photo/photo_alignment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

namespace smp {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Pyramid levels whose short side would be smaller than this are skipped: too little
// texture left for ECC to lock onto.
constexpr int kMinLevelShortSidePx = 64;

void check_image(const cv::Mat& m, const char* what) {
  if (m.empty()) throw std::invalid_argument(std::string(what) + " is empty");
  if (m.type() != CV_8UC3)
    throw std::invalid_argument(std::string(what) + " is not an 8-bit BGR image (CV_8UC3)");
}

// Affine maps as 3 x 3 matrices, to compose and invert them.
cv::Matx33d full(const cv::Matx23d& m) {
  return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1};
}
cv::Matx23d top(const cv::Matx33d& m) {
  return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2)};
}
cv::Point2d apply(const cv::Matx33d& m, cv::Point2d q) {
  return {m(0, 0) * q.x + m(0, 1) * q.y + m(0, 2), m(1, 0) * q.x + m(1, 1) * q.y + m(1, 2)};
}

// cv::resize by a factor k puts the copy's pixel centres at (x + 0.5) k - 0.5: without the
// offset a copy at a fifth of the size would be 2 px off at full size.
cv::Matx33d resize_map(double k) {
  const double offset = 0.5 * k - 0.5;
  return {k, 0, offset, 0, k, offset, 0, 0, 1};
}

// Both working copies get the same long side: the working size, or the smaller photo's if
// that is smaller (never enlarged). Photos of the same framing from phones of other
// resolutions then match at scale 1, where ECC starts.
double working_long_side_px(const cv::Mat& a, const cv::Mat& b, const PhotoAlignmentParameters& p) {
  return std::min({static_cast<double>(p.working_long_side_px),
                   static_cast<double>(std::max(a.cols, a.rows)),
                   static_cast<double>(std::max(b.cols, b.rows))});
}
double working_factor(const cv::Mat& m, double long_side_px) {
  return long_side_px / std::max(m.cols, m.rows);
}

cv::Mat grey_copy(const cv::Mat& bgr8, double k) {
  cv::Mat grey;
  cv::cvtColor(bgr8, grey, cv::COLOR_BGR2GRAY);
  if (k < 1) cv::resize(grey, grey, cv::Size(), k, k, cv::INTER_AREA);
  grey.convertTo(grey, CV_32F);
  return grey;
}

struct LandmarkPairs {
  std::vector<PhotoLandmark> names;
  std::vector<cv::Point2d> baseline, followup;
};

LandmarkPairs common_landmarks(const std::map<PhotoLandmark, ImagePoint>* baseline,
                               const std::map<PhotoLandmark, ImagePoint>* followup) {
  LandmarkPairs pairs;
  if (!baseline || !followup) return pairs;
  for (const auto& [l, b] : *baseline) {
    const auto f = followup->find(l);
    if (f == followup->end()) continue;
    pairs.names.push_back(l);
    pairs.baseline.emplace_back(b.x_px, b.y_px);
    pairs.followup.emplace_back(f->second.x_px, f->second.y_px);
  }
  return pairs;
}

// The similarity taking the follow-up's landmarks onto the baseline's. Up to 3: least
// squares, exact through 2 (which one of 3 is misplaced cannot be told reliably). From 4:
// least median of squares (cv::estimateAffinePartial2D with LMEDS), so that one misplaced
// landmark does not pull the start; the agreement check names it afterwards.
std::optional<cv::Matx33d> landmark_similarity(const LandmarkPairs& pairs) {
  const std::size_t n = pairs.names.size();
  if (n >= 4) {
    const cv::Mat m =
        cv::estimateAffinePartial2D(pairs.followup, pairs.baseline, cv::noArray(), cv::LMEDS);
    if (m.empty()) return std::nullopt;
    return full(cv::Matx23d(m.ptr<double>()));
  }
  cv::Point2d mean_f, mean_b;
  for (std::size_t i = 0; i < n; ++i) {
    mean_f += pairs.followup[i] / static_cast<double>(n);
    mean_b += pairs.baseline[i] / static_cast<double>(n);
  }
  // b - mean_b = [[c, -s], [s, c]] (f - mean_f), least squares in c and s.
  double c = 0, s = 0, norm_sq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const cv::Point2d f = pairs.followup[i] - mean_f, b = pairs.baseline[i] - mean_b;
    c += f.x * b.x + f.y * b.y;
    s += f.x * b.y - f.y * b.x;
    norm_sq += f.dot(f);
  }
  if (norm_sq < 1) return std::nullopt;  // within a pixel of each other: no turn or scale to read
  c /= norm_sq, s /= norm_sq;
  return cv::Matx33d(c, -s, mean_b.x - (c * mean_f.x - s * mean_f.y), s, c,
                     mean_b.y - (s * mean_f.x + c * mean_f.y), 0, 0, 1);
}

// What a baseline_from_followup map does, for the report and the limits.
struct Geometry {
  double rotation_deg = 0, scale = 1, shift_px = 0;
  double framing_scale = 1;  // scale relative to the photos' long sides: other phones' sizes cancel
  double anisotropy = 0;     // largest over smallest singular value, minus 1: 0 for a similarity
  bool mirrored = false;
};

Geometry geometry(const cv::Matx33d& m, cv::Size baseline, cv::Size followup) {
  const cv::Matx22d a(m(0, 0), m(0, 1), m(1, 0), m(1, 1));
  const double det = cv::determinant(a);
  cv::Matx21d sv;
  cv::SVD::compute(a, sv);
  Geometry g;
  // The rotation nearest to the linear part; a similarity [[c, s], [-s, c]] turns by atan2(s, c).
  g.rotation_deg = std::atan2(a(0, 1) - a(1, 0), a(0, 0) + a(1, 1)) * 180 / std::numbers::pi;
  g.scale = std::sqrt(std::abs(det));
  const cv::Point2d centre_b{(baseline.width - 1) / 2.0, (baseline.height - 1) / 2.0};
  const cv::Point2d centre_f{(followup.width - 1) / 2.0, (followup.height - 1) / 2.0};
  g.shift_px = cv::norm(apply(m, centre_f) - centre_b);
  g.framing_scale = g.scale * std::max(followup.width, followup.height) /
                    std::max(baseline.width, baseline.height);
  g.anisotropy = sv(1) > 0 ? sv(0) / sv(1) - 1 : std::numeric_limits<double>::infinity();
  g.mirrored = det <= 0;
  return g;
}

void set_transform(PhotoAlignment& a, const cv::Matx33d& m, const Geometry& g) {
  a.baseline_from_followup = top(m);
  a.rotation_deg = g.rotation_deg;
  a.scale = g.scale;
  a.shift_px = g.shift_px;
}

std::optional<std::string> over_limits(const Geometry& g, const PhotoAlignmentParameters& p) {
  if (g.mirrored)
    return "the alignment would mirror the follow-up: the photos do not show the same view";
  if (std::abs(g.rotation_deg) > p.max_rotation_deg)
    return fmt::format(
        "the follow-up is turned {:.1f} degrees from the baseline, beyond the limit of {:g} "
        "degrees: "
        "not the same view, or a photo is not upright",
        g.rotation_deg, p.max_rotation_deg);
  if (g.framing_scale < p.min_scale || g.framing_scale > p.max_scale)
    return fmt::format(
        "the head is {:.2f} times as large on the baseline as on the follow-up (relative to the "
        "photos' "
        "sizes), outside the limits {:g}-{:g}: not the same view or framing",
        g.framing_scale, p.min_scale, p.max_scale);
  if (g.anisotropy > p.max_anisotropy)
    return fmt::format(
        "the follow-up would be stretched {:.1f}% more in one direction than the other (limit "
        "{:g}%): "
        "the photos were taken from different angles",
        100 * g.anisotropy, 100 * p.max_anisotropy);
  return std::nullopt;
}

// The clicked landmarks must land on each other under the alignment.
std::optional<std::string> landmark_disagreement(const LandmarkPairs& pairs, const cv::Matx33d& m,
                                                 cv::Size baseline,
                                                 const PhotoAlignmentParameters& p) {
  if (pairs.names.empty()) return std::nullopt;
  double sum_sq = 0, worst_px = -1;
  std::size_t worst = 0;
  for (std::size_t i = 0; i < pairs.names.size(); ++i) {
    const double d = cv::norm(apply(m, pairs.followup[i]) - pairs.baseline[i]);
    sum_sq += d * d;
    if (d > worst_px) worst_px = d, worst = i;
  }
  const double rms_px = std::sqrt(sum_sq / pairs.names.size());
  const double limit_px =
      p.max_landmark_rms_fraction_of_diagonal * std::hypot(baseline.width, baseline.height);
  if (rms_px <= limit_px) return std::nullopt;
  return fmt::format(
      "the landmarks are {:.1f} px RMS from each other after the alignment (limit {:.1f} px, {:g}% "
      "of the "
      "baseline's diagonal); the worst, '{}', is {:.1f} px off: check where it was placed on both "
      "photos",
      rms_px, limit_px, 100 * p.max_landmark_rms_fraction_of_diagonal, name(pairs.names[worst]),
      worst_px);
}

// A starting shift without landmarks: phase correlation of the working copies' common
// top-left part (Hann-windowed against the edges) finds shifts far beyond ECC's reach.
// It returns where the baseline's content lies on the follow-up: followup_from_baseline.
cv::Matx33d phase_correlation_start(const cv::Mat& baseline, const cv::Mat& followup) {
  const cv::Rect common(0, 0, std::min(baseline.cols, followup.cols),
                        std::min(baseline.rows, followup.rows));
  cv::Mat window;
  cv::createHanningWindow(window, common.size(), CV_32F);
  // Copies: phaseCorrelate multiplies the window into its inputs in place when their size
  // suits the DFT already (OpenCV 4.6).
  const cv::Point2d shift =
      cv::phaseCorrelate(baseline(common).clone(), followup(common).clone(), window);
  return {1, 0, shift.x, 0, 1, shift.y, 0, 0, 1};
}

struct EccRun {
  cv::Matx33d followup_from_baseline;  // working px
  double ecc = kNaN;
  std::optional<std::string> failure;
};

// ECC's warp takes the template's (the baseline's) pixels to the input's (the
// follow-up's). Refined coarse to fine from `start`, in working px.
EccRun run_ecc(const cv::Mat& baseline, const cv::Mat& followup, const cv::Matx33d& start,
               const PhotoAlignmentParameters& p) {
  EccRun run{start, kNaN, std::nullopt};
  const cv::TermCriteria stop(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, p.ecc_max_iterations,
                              p.ecc_epsilon);
  const int short_side_px = std::min({baseline.cols, baseline.rows, followup.cols, followup.rows});
  for (int level = std::max(p.ecc_pyramid_levels, 1) - 1; level >= 0; --level) {
    const double k = std::ldexp(1.0, -level);
    if (level > 0 && k * short_side_px < kMinLevelShortSidePx) continue;
    cv::Mat b = baseline, f = followup;
    if (level > 0) {
      cv::resize(baseline, b, cv::Size(), k, k, cv::INTER_AREA);
      cv::resize(followup, f, cv::Size(), k, k, cv::INTER_AREA);
    }
    const cv::Matx33d to_level = resize_map(k);
    cv::Mat warp;
    cv::Mat(top(to_level * run.followup_from_baseline * to_level.inv())).convertTo(warp, CV_32F);
    try {
      run.ecc = cv::findTransformECC(b, f, warp, cv::MOTION_AFFINE, stop, cv::noArray(),
                                     p.ecc_gauss_filter_px);
    } catch (const cv::Exception& e) {
      run.ecc = kNaN;
      run.failure = fmt::format(
          "ECC did not converge at {} x {} px ({}): the photos may not show the same view", b.cols,
          b.rows, e.err);
      return run;
    }
    cv::Mat warp64;
    warp.convertTo(warp64, CV_64F);
    run.followup_from_baseline =
        to_level.inv() * full(cv::Matx23d(warp64.ptr<double>())) * to_level;
  }
  return run;
}

}  // namespace

PhotoAlignment align_followup(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8,
                              const std::map<PhotoLandmark, ImagePoint>* baseline_points,
                              const std::map<PhotoLandmark, ImagePoint>* followup_points,
                              const PhotoAlignmentParameters& p) {
  check_image(baseline_bgr8, "the baseline photo");
  check_image(followup_bgr8, "the follow-up photo");
  const cv::Size baseline_size = baseline_bgr8.size(), followup_size = followup_bgr8.size();
  const LandmarkPairs pairs = common_landmarks(baseline_points, followup_points);

  PhotoAlignment a;
  a.ecc = kNaN;
  a.method = "landmarks";
  std::optional<cv::Matx33d> from_landmarks;
  if (pairs.names.size() >= 2) {
    from_landmarks = landmark_similarity(pairs);
    if (!from_landmarks) {
      a.refused =
          fmt::format("the {} landmarks common to both photos give no similarity (they coincide)",
                      pairs.names.size());
      return a;
    }
    const Geometry g = geometry(*from_landmarks, baseline_size, followup_size);
    set_transform(a, *from_landmarks, g);
    // Checked before ECC: from a start this far off it would only find a wrong match.
    if ((a.refused = over_limits(g, p))) return a;
    if (!p.refine_with_ecc) {
      a.refused = landmark_disagreement(pairs, *from_landmarks, baseline_size, p);
      return a;
    }
  } else if (!p.refine_with_ecc) {
    a.refused =
        fmt::format("{} landmark(s) common to both photos: alignment without ECC needs at least 2",
                    pairs.names.size());
    return a;
  }

  const double long_side_px = working_long_side_px(baseline_bgr8, followup_bgr8, p);
  const double k_baseline = working_factor(baseline_bgr8, long_side_px);
  const double k_followup = working_factor(followup_bgr8, long_side_px);
  const cv::Mat baseline = grey_copy(baseline_bgr8, k_baseline),
                followup = grey_copy(followup_bgr8, k_followup);
  const cv::Matx33d baseline_to_working = resize_map(k_baseline),
                    followup_to_working = resize_map(k_followup);
  const cv::Matx33d start =
      from_landmarks ? followup_to_working * from_landmarks->inv() * baseline_to_working.inv()
                     : phase_correlation_start(baseline, followup);
  const EccRun run = run_ecc(baseline, followup, start, p);

  a.method = from_landmarks ? "landmarks+ecc" : "ecc";
  a.ecc = run.ecc;
  const cv::Matx33d m =
      (followup_to_working.inv() * run.followup_from_baseline * baseline_to_working).inv();
  const Geometry g = geometry(m, baseline_size, followup_size);
  set_transform(a, m, g);
  if (run.failure) {
    a.refused = run.failure;
  } else if (run.ecc < p.min_ecc) {
    a.refused = fmt::format(
        "the aligned photos correlate {:.2f} (ECC), under the minimum of {:g}: "
        "they do not show the same view, or the light changed too much",
        run.ecc, p.min_ecc);
  } else if (auto why = over_limits(g, p)) {
    a.refused = why;
  } else {
    a.refused = landmark_disagreement(pairs, m, baseline_size, p);
  }
  return a;
}

cv::Mat warp_to_baseline(const cv::Mat& followup_bgr8, const PhotoAlignment& a,
                         cv::Size baseline_size) {
  check_image(followup_bgr8, "the follow-up photo");
  if (baseline_size.width <= 0 || baseline_size.height <= 0)
    throw std::invalid_argument(fmt::format("the baseline size {} x {} is empty",
                                            baseline_size.width, baseline_size.height));
  if (a.refused) throw std::invalid_argument("the alignment was refused: " + *a.refused);
  cv::Mat warped;
  cv::warpAffine(followup_bgr8, warped, a.baseline_from_followup, baseline_size, cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar::all(0));
  return warped;
}

}  // namespace smp
