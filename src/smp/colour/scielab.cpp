#include "smp/colour/scielab.h"

#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "smp/colour/colour.h"

namespace smp {
namespace {

// XYZ -> opponent (O1 luminance, O2 red-green, O3 blue-yellow): cmatrix('xyz2opp') of
// Zhang and Wandell's S-CIELAB code (1996).
const cv::Matx33d kToOpponent{0.2787336, 0.7218031, -0.1065520, -0.4487736, 0.2898056,
                              0.0771569, 0.0859513, -0.5899859, 0.5011089};

struct Component {
  double weight, spread_deg;  // kernel exp(-(x^2 + y^2) / spread^2)
};
// Spread functions per opponent channel (Zhang and Wandell 1996, table 1).
const std::vector<Component> kChannels[3] = {
    {{0.921, 0.0283}, {0.105, 0.133}, {-0.108, 4.336}},
    {{0.531, 0.0392}, {0.330, 0.494}},
    {{0.488, 0.0536}, {0.371, 0.386}},
};

// One Gaussian component on one channel. A kernel much wider than the image averages
// the whole (reflected) image: use the mean directly instead of a huge kernel.
cv::Mat blur(const cv::Mat& channel, double spread_px) {
  const double sigma = spread_px / std::sqrt(2.0);
  if (3 * sigma > 2 * std::max(channel.rows, channel.cols))
    return cv::Mat(channel.size(), channel.type(), cv::Scalar(cv::mean(channel)[0]));
  if (sigma < 0.3) return channel.clone();
  cv::Mat out;
  const int half = static_cast<int>(std::ceil(3 * sigma));
  cv::GaussianBlur(channel, out, cv::Size(2 * half + 1, 2 * half + 1), sigma, sigma,
                   cv::BORDER_REFLECT);
  return out;
}

}  // namespace

double pixels_per_degree(double pixel_size_mm, double viewing_distance_m) {
  return viewing_distance_m * 1000 * std::tan(3.14159265358979323846 / 180) / pixel_size_mm;
}

cv::Mat scielab_filter_xyz(const cv::Mat& xyz_in, double ppd) {
  cv::Mat xyz;
  xyz_in.convertTo(xyz, CV_32FC3);
  cv::Mat opp;
  cv::transform(xyz, opp, cv::Matx33f(kToOpponent));
  std::vector<cv::Mat> ch;
  cv::split(opp, ch);
  for (int c = 0; c < 3; ++c) {
    double total = 0;
    for (const Component& k : kChannels[c]) total += k.weight;
    cv::Mat sum = cv::Mat::zeros(ch[c].size(), CV_32F);
    for (const Component& k : kChannels[c])
      sum += blur(ch[c], k.spread_deg * ppd) * (k.weight / total);
    ch[c] = sum;
  }
  cv::merge(ch, opp);
  cv::Mat out;
  cv::transform(opp, out, cv::Matx33f(kToOpponent.inv()));
  return out;
}

cv::Mat lab_image(const cv::Mat& xyz) {
  cv::Mat out(xyz.size(), CV_32FC3);
  for (int r = 0; r < xyz.rows; ++r)
    for (int c = 0; c < xyz.cols; ++c) {
      const cv::Vec3f v = xyz.at<cv::Vec3f>(r, c);
      const Lab l = to_lab(Xyz{v[0], v[1], v[2]});
      out.at<cv::Vec3f>(r, c) = {static_cast<float>(l.l), static_cast<float>(l.a),
                                 static_cast<float>(l.b)};
    }
  return out;
}

}  // namespace smp
