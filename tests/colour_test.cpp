#include "smp/colour/colour.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "smp/colour/scielab.h"
#include "smp/colour/srgb8.h"

namespace smp {
namespace {

struct Pair {
  Lab a, b;
  double de00;
};

// Sharma, Wu and Dalal (2005), Table 1: the 34 published CIEDE2000 test pairs.
const Pair kSharma[] = {
    {{50.0000, 2.6772, -79.7751}, {50.0000, 0.0000, -82.7485}, 2.0425},
    {{50.0000, 3.1571, -77.2803}, {50.0000, 0.0000, -82.7485}, 2.8615},
    {{50.0000, 2.8361, -74.0200}, {50.0000, 0.0000, -82.7485}, 3.4412},
    {{50.0000, -1.3802, -84.2814}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, -1.1848, -84.8006}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, -0.9009, -85.5211}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, 0.0000, 0.0000}, {50.0000, -1.0000, 2.0000}, 2.3669},
    {{50.0000, -1.0000, 2.0000}, {50.0000, 0.0000, 0.0000}, 2.3669},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0009}, 7.1792},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0010}, 7.1792},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0011}, 7.2195},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0012}, 7.2195},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0009, -2.4900}, 4.8045},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0010, -2.4900}, 4.8045},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0011, -2.4900}, 4.7461},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 0.0000, -2.5000}, 4.3065},
    {{50.0000, 2.5000, 0.0000}, {73.0000, 25.0000, -18.0000}, 27.1492},
    {{50.0000, 2.5000, 0.0000}, {61.0000, -5.0000, 29.0000}, 22.8977},
    {{50.0000, 2.5000, 0.0000}, {56.0000, -27.0000, -3.0000}, 31.9030},
    {{50.0000, 2.5000, 0.0000}, {58.0000, 24.0000, 15.0000}, 19.4535},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.1736, 0.5854}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.2972, 0.0000}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 1.8634, 0.5757}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.2592, 0.3350}, 1.0000},
    {{60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}, 1.2644},
    {{63.0109, -31.0961, -5.8663}, {62.8187, -29.7946, -4.0864}, 1.2630},
    {{61.2901, 3.7196, -5.3901}, {61.4292, 2.2480, -4.9620}, 1.8731},
    {{35.0831, -44.1164, 3.7933}, {35.0232, -40.0716, 1.5901}, 1.8645},
    {{22.7233, 20.0904, -46.6940}, {23.0331, 14.9730, -42.5619}, 2.0373},
    {{36.4612, 47.8580, 18.3852}, {36.2715, 50.5065, 21.2231}, 1.4146},
    {{90.8027, -2.0831, 1.4410}, {91.1528, -1.6435, 0.0447}, 1.4441},
    {{90.9257, -0.5406, -0.9208}, {88.6381, -0.8985, -0.7239}, 1.5381},
    {{6.7747, -0.2908, -2.4247}, {5.8714, -0.0985, -2.2286}, 0.6377},
    {{2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}, 0.9082},
};

TEST(Ciede2000, MatchesSharmaWuDalalTestData) {
  int i = 1;
  for (const Pair& p : kSharma) {
    EXPECT_NEAR(delta_e00(p.a, p.b), p.de00, 5e-5) << "pair " << i;
    EXPECT_NEAR(delta_e00(p.b, p.a), p.de00, 5e-5) << "pair " << i << " reversed";
    ++i;
  }
}

TEST(Ciede2000, IsZeroOnlyForEqualColours) {
  EXPECT_EQ(delta_e00({50, 10, -10}, {50, 10, -10}), 0.0);
  EXPECT_GT(delta_e00({50, 10, -10}, {50.5, 10, -10}), 0.3);
}

TEST(Colour, SrgbLabRoundTripsAndKnownValues) {
  const Lab white = to_lab(kD65White);
  EXPECT_NEAR(white.l, 100, 1e-9);
  EXPECT_NEAR(white.a, 0, 1e-9);
  EXPECT_NEAR(white.b, 0, 1e-9);
  const Lab red = lab_from_srgb8(255, 0, 0);
  EXPECT_NEAR(red.l, 53.24, 0.02);
  EXPECT_NEAR(red.a, 80.09, 0.05);
  EXPECT_NEAR(red.b, 67.20, 0.05);
  for (int r : {0, 17, 128, 200, 255})
    for (int g : {0, 90, 255})
      for (int b : {3, 140, 255}) {
        const auto back = srgb8_from_lab(lab_from_srgb8(r, g, b));
        EXPECT_EQ(back[0], r);
        EXPECT_EQ(back[1], g);
        EXPECT_EQ(back[2], b);
      }
  for (double v = 0; v <= 1; v += 0.01) EXPECT_NEAR(linear_to_srgb(srgb_to_linear(v)), v, 1e-12);
}

// XYZ -> opponent, Zhang and Wandell's cmatrix('xyz2opp') (SCIELAB-1996 code), rounded.
const cv::Matx33d kOpp{0.2787, 0.7218, -0.1066, -0.4488, 0.2898, 0.0772, 0.0860, -0.5900, 0.5011};

cv::Mat checker(int n, int cell) {
  cv::Mat m(n, n, CV_64FC3);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      m.at<cv::Vec3d>(r, c) =
          ((r / cell + c / cell) % 2) ? cv::Vec3d(0.95047, 1.0, 1.08883) : cv::Vec3d(0, 0, 0);
  return m;
}

double max_de_from_mean(const cv::Mat& xyz) {
  const cv::Scalar m = cv::mean(xyz);
  const Lab mean_lab = to_lab(Xyz{m[0], m[1], m[2]});
  double worst = 0;
  cv::Mat d;
  xyz.convertTo(d, CV_64FC3);
  for (int r = 0; r < d.rows; ++r)
    for (int c = 0; c < d.cols; ++c) {
      const cv::Vec3d v = d.at<cv::Vec3d>(r, c);
      worst = std::max(worst, delta_e00(to_lab(Xyz{v[0], v[1], v[2]}), mean_lab));
    }
  return worst;
}

TEST(Scielab, UniformImageIsUnchanged) {
  const cv::Mat flat(48, 64, CV_64FC3, cv::Scalar(0.3, 0.32, 0.25));
  for (double d : {0.3, 1.5}) {
    cv::Mat f, diff;
    scielab_filter_xyz(flat, pixels_per_degree(0.05, d)).convertTo(f, CV_64FC3);
    cv::absdiff(f, flat, diff);
    double mx = 0;
    cv::minMaxLoc(diff.reshape(1), nullptr, &mx);
    EXPECT_LT(mx, 1e-6) << d << " m";
  }
}

TEST(Scielab, FineCheckerboardBlursWithDistance) {
  const cv::Mat img = checker(128, 1);  // 0.05 mm pixels
  const cv::Mat near = scielab_filter_xyz(img, pixels_per_degree(0.05, 0.3));
  const cv::Mat far = scielab_filter_xyz(img, pixels_per_degree(0.05, 1.5));
  EXPECT_LT(max_de_from_mean(far), 1.0);
  cv::Scalar mn, sn, mf, sf;
  cv::meanStdDev(near.reshape(1, near.rows * near.cols).col(1), mn, sn);
  cv::meanStdDev(far.reshape(1, far.rows * far.cols).col(1), mf, sf);
  EXPECT_GT(sn[0], sf[0]);
}

TEST(Scielab, PreservesOpponentMeans) {
  cv::Mat img = checker(96, 3);
  cv::Mat noise(img.size(), CV_64FC3);
  cv::randu(noise, 0.0, 0.3);
  img = img * 0.6 + noise;
  cv::Mat f, oi, of;
  scielab_filter_xyz(img, pixels_per_degree(0.05, 0.3)).convertTo(f, CV_64FC3);
  cv::transform(img, oi, kOpp);
  cv::transform(f, of, kOpp);
  const cv::Scalar a = cv::mean(oi), b = cv::mean(of);
  for (int c = 0; c < 3; ++c)
    EXPECT_NEAR(b[c], a[c], 0.01 * std::max(std::abs(a[c]), 1e-3)) << "channel " << c;
}

TEST(Scielab, HugeSpreadsStayFinite) {
  // 4.336 deg at 1.5 m with 0.05 mm pixels is ~2300 px: wider than this image.
  const cv::Mat f = scielab_filter_xyz(checker(16, 2), pixels_per_degree(0.05, 1.5));
  EXPECT_TRUE(cv::checkRange(f));
}

TEST(Scielab, PixelsPerDegree) { EXPECT_NEAR(pixels_per_degree(0.05, 0.3), 104.7, 0.1); }

// The image tables: exact at the ends, within half a code value of the formula, and a
// NaN (0/0 in a ratio of colours) is black instead of an index out of the table.
TEST(Srgb8, TablesMatchTheCurveAndSurviveNan) {
  EXPECT_EQ(srgb8_from_linear(std::nan("")), 0);
  EXPECT_EQ(srgb8_from_linear(-1), 0);
  EXPECT_EQ(srgb8_from_linear(2), 255);
  EXPECT_FLOAT_EQ(linear_from_srgb8(0), 0);
  EXPECT_FLOAT_EQ(linear_from_srgb8(255), 1);
  for (int v = 0; v < 256; ++v)
    EXPECT_EQ(srgb8_from_linear(linear_from_srgb8(static_cast<std::uint8_t>(v))), v) << v;
}

}  // namespace
}  // namespace smp
