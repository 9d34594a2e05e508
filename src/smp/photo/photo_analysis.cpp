#include "smp/photo/photo_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "smp/colour/srgb8.h"
#include "smp/render/head_view.h"
#include "smp/skin/hair_colour.h"

namespace smp {
namespace {

constexpr double kDegree = kPi / 180;
// GrabCut fits 5-component Gaussian mixtures to the head and the background.
constexpr int kMinGrabCutSamples = 50;

// The head against the background: GrabCut on a small copy, started from the model's
// silhouette, scaled back to the working size.
cv::Mat head_mask(const cv::Mat& working_bgr8, const cv::Mat& model_part,
                  const PhotoAnalysisParameters& p) {
  const double s = std::min(1.0, static_cast<double>(p.grabcut_long_side_px) /
                                     std::max(working_bgr8.cols, working_bgr8.rows));
  cv::Mat small, silhouette;
  cv::resize(working_bgr8, small, {}, s, s, cv::INTER_AREA);
  cv::resize(model_part != HeadViewGeometry::backdrop, silhouette, small.size(), 0, 0,
             cv::INTER_NEAREST);
  const cv::Rect box = cv::boundingRect(silhouette);
  if (box.empty()) return cv::Mat::zeros(working_bgr8.size(), CV_8U);
  const int band =
      std::max(2, static_cast<int>(p.grabcut_band_fraction * std::max(box.width, box.height)));
  cv::Mat near;
  cv::dilate(silhouette, near,
             cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * band + 1, 2 * band + 1}));
  cv::Mat mask(small.size(), CV_8U, cv::Scalar(cv::GC_BGD));
  mask.setTo(cv::GC_PR_BGD, near);
  mask.setTo(cv::GC_PR_FGD, silhouette);
  // GrabCut's colour models need samples of both (its k-means takes 5 per component):
  // a head filling the frame, or barely in it, keeps the model's silhouette.
  const int head_px = cv::countNonZero(silhouette), total_px = static_cast<int>(silhouette.total());
  if (head_px < kMinGrabCutSamples || total_px - head_px < kMinGrabCutSamples) {
    cv::Mat out;
    cv::resize(model_part != HeadViewGeometry::backdrop, out, working_bgr8.size(), 0, 0,
               cv::INTER_NEAREST);
    return out;
  }
  cv::Mat bgd, fgd;
  // GrabCut's colour models start from OpenCV's per-thread random numbers: reset to a fresh
  // thread's state, so a photo's head does not depend on what the thread did before (a
  // long-running server, or the second of two views on one worker).
  cv::theRNG() = cv::RNG();
  cv::grabCut(small, mask, {}, bgd, fgd, p.grabcut_iterations, cv::GC_INIT_WITH_MASK);
  cv::Mat head = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD), out;
  cv::resize(head, out, working_bgr8.size(), 0, 0, cv::INTER_LINEAR);
  return out > 127;
}

Lab lab_of(const cv::Vec3f& bgr_linear) {
  return to_lab(to_xyz(LinearRgb{bgr_linear[2], bgr_linear[1], bgr_linear[0]}));
}

// Median per channel.
Lab median_lab(std::vector<Lab> v) {
  const auto median = [&](auto member) {
    std::vector<double> x(v.size());
    std::transform(v.begin(), v.end(), x.begin(), [&](const Lab& c) { return c.*member; });
    std::nth_element(x.begin(), x.begin() + x.size() / 2, x.end());
    return x[x.size() / 2];
  };
  return {median(&Lab::l), median(&Lab::a), median(&Lab::b)};
}

// Two colour clusters (k-means on CIELAB) of the measured pixels: index 0 the lighter.
struct Clusters {
  std::vector<int> of;  // per pixel: 0 or 1
  Lab light, dark;
};
Clusters two_clusters(const std::vector<Lab>& pixels) {
  cv::Mat data(static_cast<int>(pixels.size()), 3, CV_32F);
  for (int i = 0; i < data.rows; ++i) {
    data.at<float>(i, 0) = static_cast<float>(pixels[i].l);
    data.at<float>(i, 1) = static_cast<float>(pixels[i].a);
    data.at<float>(i, 2) = static_cast<float>(pixels[i].b);
  }
  cv::Mat labels, centres;
  cv::setRNGSeed(1);  // the same photo, the same clusters
  cv::kmeans(data, 2, labels, {cv::TermCriteria::EPS + cv::TermCriteria::COUNT, 20, 0.1}, 3,
             cv::KMEANS_PP_CENTERS, centres);
  const int light = centres.at<float>(0, 0) >= centres.at<float>(1, 0) ? 0 : 1;
  Clusters c;
  c.of.resize(pixels.size());
  for (int i = 0; i < labels.rows; ++i) c.of[i] = labels.at<int>(i) == light ? 0 : 1;
  const auto centre = [&](int k) {
    return Lab{centres.at<float>(k, 0), centres.at<float>(k, 1), centres.at<float>(k, 2)};
  };
  c.light = centre(light);
  c.dark = centre(1 - light);
  return c;
}

}  // namespace

cv::Mat linear_from_srgb8(const cv::Mat& bgr8) {
  cv::Mat out(bgr8.size(), CV_32FC3);
  cv::parallel_for_(cv::Range(0, bgr8.rows), [&](const cv::Range& rows) {
    for (int r = rows.start; r < rows.end; ++r) {
      const cv::Vec3b* in = bgr8.ptr<cv::Vec3b>(r);
      cv::Vec3f* o = out.ptr<cv::Vec3f>(r);
      for (int c = 0; c < bgr8.cols; ++c)
        o[c] = {linear_from_srgb8(in[c][0]), linear_from_srgb8(in[c][1]),
                linear_from_srgb8(in[c][2])};
    }
  });
  return out;
}

PhotoAnalysis analyse_photo(const cv::Mat& bgr8, const HeadModel& head, const PinholeCamera& camera,
                            const PhotoAnalysisParameters& p) {
  if (bgr8.empty() || bgr8.type() != CV_8UC3)
    throw std::invalid_argument("photo analysis needs an 8-bit BGR photo");
  if (bgr8.cols != camera.width_px || bgr8.rows != camera.height_px)
    throw std::invalid_argument("the photo is " + std::to_string(bgr8.cols) + " x " +
                                std::to_string(bgr8.rows) + " px but its pose was fitted on " +
                                std::to_string(camera.width_px) + " x " +
                                std::to_string(camera.height_px));
  PhotoAnalysis a;
  const double s =
      std::min(1.0, static_cast<double>(p.working_long_side_px) / std::max(bgr8.cols, bgr8.rows));
  a.camera = camera.scaled(s);
  const HeadViewGeometry model(head, a.camera);
  cv::Mat working;
  cv::resize(bgr8, working, {a.camera.width_px, a.camera.height_px}, 0, 0, cv::INTER_AREA);
  a.head = head_mask(working, model.part, p);
  a.model_depth_mm = model.depth_mm;
  const cv::Mat linear = linear_from_srgb8(working);

  // The skin's own colour: the photo divided by the model's lighting, on lit skin.
  const Vec3 centre = a.camera.centre_mm();
  const cv::Matx33d rt = a.camera.rotation.t();
  const Vec3 axis{rt(0, 2), rt(1, 2), rt(2, 2)};
  a.own_luminance = cv::Mat::zeros(working.size(), CV_32F);
  a.cover_weight = cv::Mat::zeros(working.size(), CV_32F);
  std::vector<Lab> measured;
  for (int r = 0; r < working.rows; ++r)
    for (int c = 0; c < working.cols; ++c) {
      const float lit = model.shade.at<float>(r, c);
      if (!a.head.at<uchar>(r, c) || model.part.at<uchar>(r, c) != HeadViewGeometry::skin ||
          lit < p.min_lit_fraction)
        continue;
      const cv::Vec3f own = linear.at<cv::Vec3f>(r, c) / lit;
      a.own_luminance.at<float>(r, c) =
          static_cast<float>(to_xyz(LinearRgb{own[2], own[1], own[0]}).y);
      a.cover_weight.at<float>(r, c) = 1;
      const Vec3 ray = a.camera.ray(c + 0.5, r + 0.5);
      const Vec3 point = centre + (model.depth_mm.at<float>(r, c) / dot(ray, axis)) * ray;
      if (head.angles_of(point).polar_rad > p.tone_max_polar_deg * kDegree) continue;
      measured.push_back(lab_of(own));
    }

  // Skin and hair: two clusters, unless they are one colour.
  std::vector<Lab> skin, hair;
  if (measured.size() >= 2) {
    const Clusters k = two_clusters(measured);
    // Both clusters must be sizeable: a handful of outliers (moles, glints) is no colour.
    const auto dark = static_cast<double>(std::count(k.of.begin(), k.of.end(), 1));
    const double least = p.min_cluster_share * static_cast<double>(measured.size());
    const bool two = delta_e00(k.light, k.dark) >= p.min_skin_hair_delta_e00 && dark >= least &&
                     measured.size() - dark >= least;
    for (std::size_t i = 0; i < measured.size(); ++i)
      (two && k.of[i] == 1 ? hair : skin).push_back(measured[i]);
    // One colour and dark (the median: a few light outliers may make a cluster of their
    // own): all hair, a full head of hair seen from above.
    if (!two && median_lab(measured).l < hair_lab("light brown").l) std::swap(skin, hair);
  }
  a.skin_pixels = static_cast<int>(skin.size());
  a.hair_pixels = static_cast<int>(hair.size());
  if (!skin.empty()) a.skin = median_lab(skin);
  if (!hair.empty()) {
    std::sort(hair.begin(), hair.end(), [](const Lab& x, const Lab& y) { return x.l < y.l; });
    hair.resize(
        std::max<std::size_t>(1, static_cast<std::size_t>(p.hair_darkest_fraction * hair.size())));
    a.hair = median_lab(hair);
  } else {
    a.hair = hair_lab("");
  }

  a.label = cv::Mat::zeros(working.size(), CV_8U);
  a.label.setTo(1, a.head);
  if (a.skin_pixels > 0) {
    measure_hair_cover(a, a.skin, a.hair);
  } else {
    // All hair on this photo (or nothing measured): every measured pixel is covered.
    a.hair_cover = a.cover_weight.clone();
    a.label.setTo(2, a.cover_weight > 0);
  }
  return a;
}

void measure_hair_cover(PhotoAnalysis& a, Lab skin, Lab hair) {
  // Luminance mixes linearly between the skin's and the shaft's own colour.
  const double skin_y = to_xyz(skin).y, hair_y = to_xyz(hair).y;
  a.hair_cover = cv::Mat::zeros(a.own_luminance.size(), CV_32F);
  a.label.setTo(1, a.head);
  if (skin_y <= hair_y + 1e-3) return;  // hair as light as the skin: it hides nothing to see
  for (int r = 0; r < a.own_luminance.rows; ++r)
    for (int c = 0; c < a.own_luminance.cols; ++c) {
      if (a.cover_weight.at<float>(r, c) == 0) continue;
      const float f = static_cast<float>(
          std::clamp((skin_y - a.own_luminance.at<float>(r, c)) / (skin_y - hair_y), 0.0, 1.0));
      a.hair_cover.at<float>(r, c) = f;
      if (f >= 0.5f) a.label.at<uchar>(r, c) = 2;
    }
}

}  // namespace smp
