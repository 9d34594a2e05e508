// Follow-up alignment: the real front photo (examples/photos/astronaut-face.jpg) is the
// baseline; the follow-ups are made from it with a known similarity (turned, nearer,
// shifted) and another day's light (each channel's gain changed, sensor noise), and the
// alignment must find the similarity back. Unrelated images, a photo turned 40 degrees,
// a misplaced landmark and bad input are refused.
#include <cmath>
#include <iostream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/photo/photo_alignment.h"

#include "test_support.h"

namespace smp {
namespace {

const std::string kFixture = testing::example_path("photos/astronaut-face.jpg");

const cv::Mat& baseline() {
  static const cv::Mat m = cv::imread(kFixture, cv::IMREAD_COLOR);
  return m;
}

// examples/photos/README.md (hand-checked on the baseline).
const std::map<PhotoLandmark, ImagePoint> kBaselinePoints{
    {PhotoLandmark::pupil_right, {203.5, 100.5}},
    {PhotoLandmark::pupil_left, {247.0, 103.0}},
    {PhotoLandmark::lateral_canthus_right, {192.0, 101.0}},
    {PhotoLandmark::lateral_canthus_left, {259.0, 103.5}},
    {PhotoLandmark::glabella, {226.0, 91.0}}};

cv::Point2d apply(const cv::Matx33d& m, cv::Point2d q) {
  return {m(0, 0) * q.x + m(0, 1) * q.y + m(0, 2), m(1, 0) * q.x + m(1, 1) * q.y + m(1, 2)};
}

// Baseline px to follow-up px: turned `angle_deg` counter-clockwise about the baseline's
// centre, `scale` times as large, then shifted; `resample` more for another phone's size.
cv::Matx33d followup_from_baseline(double angle_deg, double scale, cv::Point2d shift_px,
                                   double resample = 1) {
  const cv::Mat r = cv::getRotationMatrix2D(cv::Point2f(255.5f, 255.5f), angle_deg, scale);
  const cv::Matx33d similarity(r.at<double>(0, 0), r.at<double>(0, 1),
                               r.at<double>(0, 2) + shift_px.x, r.at<double>(1, 0),
                               r.at<double>(1, 1), r.at<double>(1, 2) + shift_px.y, 0, 0, 1);
  const double o = 0.5 * resample - 0.5;  // pixel centres of a resized copy
  return cv::Matx33d(resample, 0, o, 0, resample, o, 0, 0, 1) * similarity;
}

// Another day's light: blue, green and red gains 0.85, 0.9 and 1.05.
cv::Mat relit(const cv::Mat& bgr8) {
  cv::Mat out;
  cv::multiply(bgr8, cv::Scalar(0.85, 0.9, 1.05), out);
  return out;
}

// The follow-up: the baseline warped by `truth` (baseline px to follow-up px), relit, with
// Gaussian sensor noise (sigma 3 grey levels, seeded).
cv::Mat make_followup(const cv::Matx33d& truth, cv::Size size = {512, 512}) {
  cv::Mat warped;
  cv::warpAffine(baseline(), warped, cv::Matx23d(truth.val), size, cv::INTER_CUBIC,
                 cv::BORDER_REFLECT);
  cv::Mat noise(size, CV_16SC3);
  cv::theRNG().state = 20240611;
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(3));
  cv::Mat followup;
  cv::add(relit(warped), noise, followup, cv::noArray(), CV_8UC3);
  return followup;
}

std::map<PhotoLandmark, ImagePoint> moved(const std::map<PhotoLandmark, ImagePoint>& points,
                                          const cv::Matx33d& m) {
  std::map<PhotoLandmark, ImagePoint> out;
  for (const auto& [l, q] : points) {
    const cv::Point2d r = apply(m, {q.x_px, q.y_px});
    out[l] = {r.x, r.y};
  }
  return out;
}

// The largest distance, over a grid across the baseline's face and background, between
// where the alignment and the truth take the follow-up's pixels (baseline px).
double max_error_px(const PhotoAlignment& a, const cv::Matx33d& truth) {
  const cv::Matx23d& m = a.baseline_from_followup;
  const cv::Matx33d found(m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1);
  double worst = 0;
  for (double y : {64.0, 256.0, 448.0})
    for (double x : {64.0, 256.0, 448.0})
      worst = std::max(worst, cv::norm(apply(found, apply(truth, {x, y})) - cv::Point2d(x, y)));
  return worst;
}

// Mean absolute difference per channel over the baseline's central 384 x 384 px.
double interior_difference(const cv::Mat& a, const cv::Mat& b) {
  const cv::Rect interior(64, 64, 384, 384);
  cv::Mat diff;
  cv::absdiff(a(interior), b(interior), diff);
  const cv::Scalar m = cv::mean(diff);
  return (m[0] + m[1] + m[2]) / 3;
}

void expect_recovered(const PhotoAlignment& a, const cv::Matx33d& truth, double angle_deg,
                      double scale, const std::string& what) {
  ASSERT_FALSE(a.refused) << what << ": " << *a.refused;
  const double error_px = max_error_px(a, truth);
  std::cout << what << ": " << a.method << ", max error " << error_px << " px, rotation "
            << a.rotation_deg << " deg (error " << a.rotation_deg + angle_deg << "), scale "
            << a.scale << " (error " << 100 * (a.scale * scale - 1) << "%), shift " << a.shift_px
            << " px, ECC " << a.ecc << "\n";
  EXPECT_LT(error_px, 1.0) << what;
  // The alignment undoes the follow-up's turn and size.
  EXPECT_NEAR(a.rotation_deg, -angle_deg, 0.2) << what;
  EXPECT_NEAR(a.scale * scale, 1.0, 0.005) << what;
}

TEST(PhotoAlign, EccAloneFindsAKnownSimilarityUnderOtherLight) {
  ASSERT_FALSE(baseline().empty()) << kFixture;
  const cv::Matx33d truth = followup_from_baseline(4, 1.06, {15, -9});
  const PhotoAlignment a = align_followup(baseline(), make_followup(truth), nullptr, nullptr);
  expect_recovered(a, truth, 4, 1.06, "ECC alone");
  EXPECT_EQ(a.method, "ecc");
  EXPECT_GT(a.ecc, 0.9);
  // The follow-up's centre was shifted (15, -9) px, at 1.06 times the baseline's size.
  EXPECT_NEAR(a.shift_px, std::hypot(15, 9) / 1.06, 0.5);
}

TEST(PhotoAlign, LandmarksAndEccFindALargerMotion) {
  // Turned 12 degrees, 1.2 times as large, 83 px off; the landmarks clicked on the
  // follow-up to about a pixel (seeded jitter of up to 1 px), ECC refines them.
  const cv::Matx33d truth = followup_from_baseline(12, 1.2, {70, 45});
  std::map<PhotoLandmark, ImagePoint> clicked = moved(kBaselinePoints, truth);
  cv::RNG rng(7);
  for (auto& [l, q] : clicked) q.x_px += rng.uniform(-1.0, 1.0), q.y_px += rng.uniform(-1.0, 1.0);

  const PhotoAlignment with =
      align_followup(baseline(), make_followup(truth), &kBaselinePoints, &clicked);
  expect_recovered(with, truth, 12, 1.2, "landmarks + ECC");
  EXPECT_EQ(with.method, "landmarks+ecc");
  EXPECT_GT(with.ecc, 0.9);
  // The landmarks alone, for comparison: their click jitter is what ECC removes.
  PhotoAlignmentParameters landmarks_only;
  landmarks_only.refine_with_ecc = false;
  const PhotoAlignment without =
      align_followup(baseline(), make_followup(truth), &kBaselinePoints, &clicked, landmarks_only);
  ASSERT_FALSE(without.refused) << *without.refused;
  std::cout << "landmarks alone: max error " << max_error_px(without, truth) << " px\n";
  EXPECT_LT(max_error_px(with, truth), max_error_px(without, truth));

  const PhotoAlignment alone = align_followup(baseline(), make_followup(truth), nullptr, nullptr);
  expect_recovered(alone, truth, 12, 1.2, "ECC alone, larger motion");
}

TEST(PhotoAlign, ThreeLandmarksAloneGiveTheExactSimilarity) {
  const cv::Matx33d truth = followup_from_baseline(-6, 0.93, {-20, 12});
  const std::map<PhotoLandmark, ImagePoint> three{{PhotoLandmark::pupil_right, {203.5, 100.5}},
                                                  {PhotoLandmark::pupil_left, {247.0, 103.0}},
                                                  {PhotoLandmark::glabella, {226.0, 91.0}}};
  const std::map<PhotoLandmark, ImagePoint> followup_points = moved(three, truth);
  PhotoAlignmentParameters p;
  p.refine_with_ecc = false;
  const PhotoAlignment a =
      align_followup(baseline(), make_followup(truth), &three, &followup_points, p);
  ASSERT_FALSE(a.refused) << *a.refused;
  EXPECT_EQ(a.method, "landmarks");
  EXPECT_TRUE(std::isnan(a.ecc));
  std::cout << "3 landmarks alone: max error " << max_error_px(a, truth) << " px\n";
  EXPECT_LT(max_error_px(a, truth), 1e-6);
  EXPECT_NEAR(a.rotation_deg, 6, 1e-9);
  EXPECT_NEAR(a.scale, 1 / 0.93, 1e-9);
}

TEST(PhotoAlign, TheWarpedFollowupMatchesTheBaseline) {
  const cv::Matx33d truth = followup_from_baseline(4, 1.06, {15, -9});
  const cv::Mat followup = make_followup(truth);
  const PhotoAlignment a = align_followup(baseline(), followup, nullptr, nullptr);
  ASSERT_FALSE(a.refused) << *a.refused;
  const cv::Mat aligned = warp_to_baseline(followup, a, baseline().size());
  ASSERT_EQ(aligned.size(), baseline().size());
  ASSERT_EQ(aligned.type(), CV_8UC3);

  PhotoAlignment exact = a;
  exact.baseline_from_followup = cv::Matx33d(truth.inv()).get_minor<2, 3>(0, 0);
  // Against the baseline in the follow-up's light: what is left is noise and resampling.
  const cv::Mat reference = relit(baseline());
  const double aligned_diff = interior_difference(aligned, reference);
  const double exact_diff =
      interior_difference(warp_to_baseline(followup, exact, baseline().size()), reference);
  const double unaligned_diff = interior_difference(followup, reference);
  std::cout << "mean abs difference: aligned " << aligned_diff << ", with the true transform "
            << exact_diff << ", unaligned " << unaligned_diff << " grey levels\n";
  EXPECT_LT(aligned_diff, exact_diff + 0.3);
  EXPECT_LT(aligned_diff, 0.25 * unaligned_diff);
  // Outside the follow-up is black: the corner the turn uncovers.
  EXPECT_EQ(aligned.at<cv::Vec3b>(0, 511), cv::Vec3b(0, 0, 0));
}

TEST(PhotoAlign, PhotosOfOtherSizesAlignAtAReducedWorkingSize) {
  // Another phone: the follow-up is 1.5 times as many pixels across, and not square.
  const cv::Matx33d truth = followup_from_baseline(-3, 0.95, {-12, 20}, 1.5);
  PhotoAlignmentParameters p;
  p.working_long_side_px = 256;  // both photos reduced (by 2 and by 3)
  const PhotoAlignment a =
      align_followup(baseline(), make_followup(truth, {768, 720}), nullptr, nullptr, p);
  expect_recovered(a, truth, -3, 0.95 * 1.5, "other sizes, 256 px working size");
}

TEST(PhotoAlign, UnrelatedImagesAreRefused) {
  cv::Mat noise(512, 512, CV_8UC3);
  cv::theRNG().state = 99;
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
  const PhotoAlignment random = align_followup(baseline(), noise, nullptr, nullptr);
  ASSERT_TRUE(random.refused);
  std::cout << "random noise: " << *random.refused << "\n";

  const cv::Mat grey(480, 640, CV_8UC3, cv::Scalar::all(128));
  const PhotoAlignment flat = align_followup(baseline(), grey, nullptr, nullptr);
  ASSERT_TRUE(flat.refused);
  std::cout << "flat grey: " << *flat.refused << "\n";
  for (const PhotoAlignment* a : {&random, &flat})
    EXPECT_TRUE(std::isnan(a->ecc) || a->ecc < 0.6) << a->ecc;
}

TEST(PhotoAlign, FortyDegreesIsRefusedNamingTheLimit) {
  const cv::Matx33d truth = followup_from_baseline(40, 1.0, {0, 0});
  const std::map<PhotoLandmark, ImagePoint> followup_points = moved(kBaselinePoints, truth);
  const PhotoAlignment a =
      align_followup(baseline(), make_followup(truth), &kBaselinePoints, &followup_points);
  ASSERT_TRUE(a.refused);
  EXPECT_NEAR(a.rotation_deg, -40, 1e-4);
  EXPECT_NE(a.refused->find("turned -40.0 degrees"), std::string::npos) << *a.refused;
  EXPECT_NE(a.refused->find("limit of 20 degrees"), std::string::npos) << *a.refused;

  // Without landmarks, ECC from the phase correlation's shift finds the turn all the same.
  const PhotoAlignment alone = align_followup(baseline(), make_followup(truth), nullptr, nullptr);
  ASSERT_TRUE(alone.refused);
  std::cout << "40 degrees, ECC alone: " << *alone.refused << "\n";
  EXPECT_NEAR(alone.rotation_deg, -40, 0.2);
  EXPECT_NE(alone.refused->find("limit of 20 degrees"), std::string::npos) << *alone.refused;
}

TEST(PhotoAlign, AFarOffScaleAndAMisplacedLandmarkAreRefused) {
  const cv::Matx33d nearer = followup_from_baseline(0, 1.6, {0, 0});
  const std::map<PhotoLandmark, ImagePoint> nearer_points = moved(kBaselinePoints, nearer);
  const PhotoAlignment a =
      align_followup(baseline(), make_followup(nearer), &kBaselinePoints, &nearer_points);
  ASSERT_TRUE(a.refused);
  EXPECT_NE(a.refused->find("0.62 times as large"), std::string::npos) << *a.refused;
  EXPECT_NE(a.refused->find("limits 0.7-1.4"), std::string::npos) << *a.refused;

  // The glabella clicked 25 px too high on the follow-up: ECC aligns the photos, and the
  // landmarks then disagree with it by name.
  const cv::Matx33d truth = followup_from_baseline(4, 1.06, {15, -9});
  std::map<PhotoLandmark, ImagePoint> clicked = moved(kBaselinePoints, truth);
  clicked[PhotoLandmark::glabella].y_px -= 25;
  const PhotoAlignment b =
      align_followup(baseline(), make_followup(truth), &kBaselinePoints, &clicked);
  ASSERT_TRUE(b.refused);
  std::cout << "misplaced glabella: " << *b.refused << ", max error " << max_error_px(b, truth)
            << " px\n";
  EXPECT_LT(max_error_px(b, truth), 1.0);
  EXPECT_NE(b.refused->find("'glabella'"), std::string::npos) << *b.refused;
}

TEST(PhotoAlign, BadInputThrows) {
  const cv::Mat grey(64, 64, CV_8UC1, cv::Scalar(0));
  const cv::Mat deep(64, 64, CV_16UC3, cv::Scalar::all(0));
  EXPECT_THROW(align_followup(cv::Mat(), baseline(), nullptr, nullptr), std::invalid_argument);
  EXPECT_THROW(align_followup(baseline(), cv::Mat(), nullptr, nullptr), std::invalid_argument);
  EXPECT_THROW(align_followup(baseline(), grey, nullptr, nullptr), std::invalid_argument);
  EXPECT_THROW(align_followup(deep, baseline(), nullptr, nullptr), std::invalid_argument);
  PhotoAlignment ok;
  EXPECT_THROW(warp_to_baseline(grey, ok, {64, 64}), std::invalid_argument);
  EXPECT_THROW(warp_to_baseline(baseline(), ok, {0, 64}), std::invalid_argument);
  PhotoAlignment refused;
  refused.refused = "no";
  EXPECT_THROW(warp_to_baseline(baseline(), refused, {512, 512}), std::invalid_argument);
}

}  // namespace
}  // namespace smp
