#include "smp/skin/spectrum.h"

#include <cmath>

namespace smp {
namespace {

// Piecewise Gaussian of Wyman, Sloan and Shirley (2013).
double lobe(double x, double mu, double s1, double s2) {
  const double t = (x - mu) / (x < mu ? s1 : s2);
  return std::exp(-0.5 * t * t);
}

struct Weights {
  Spectrum x, y, z;
  double adapt[3][3];
};

const Weights& weights() {
  static const Weights w = [] {
    Weights out{};
    double white[3] = {0, 0, 0};
    for (std::size_t i = 0; i < kSpectrumSamples; ++i) {
      const double l = wavelength_nm(i);
      const double xb = 1.056 * lobe(l, 599.8, 37.9, 31.0) + 0.362 * lobe(l, 442.0, 16.0, 26.7) -
                        0.065 * lobe(l, 501.1, 20.4, 26.2);
      const double yb = 0.821 * lobe(l, 568.8, 46.9, 40.5) + 0.286 * lobe(l, 530.9, 16.3, 31.1);
      const double zb = 1.217 * lobe(l, 437.0, 11.8, 36.0) + 0.681 * lobe(l, 459.0, 26.0, 13.8);
      // Planck's law at 6504 K (relative; constants cancel in the normalisation).
      const double m = l * 1e-9;
      const double e = 1.0 / (std::pow(m, 5) * (std::exp(1.4388e-2 / (m * 6504.0)) - 1));
      out.x[i] = e * xb, out.y[i] = e * yb, out.z[i] = e * zb;
      white[0] += out.x[i], white[1] += out.y[i], white[2] += out.z[i];
    }
    for (std::size_t i = 0; i < kSpectrumSamples; ++i)
      out.x[i] /= white[1], out.y[i] /= white[1], out.z[i] /= white[1];
    // Bradford adaptation from the blackbody white to D65 (0.95047, 1, 1.08883).
    static constexpr double B[3][3] = {
        {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
    static constexpr double Bi[3][3] = {{0.9869929, -0.1470543, 0.1599627},
                                        {0.4323053, 0.5183603, 0.0492912},
                                        {-0.0085287, 0.0400428, 0.9684867}};
    const double src[3] = {white[0] / white[1], 1.0, white[2] / white[1]},
                 dst[3] = {0.95047, 1.0, 1.08883};
    double cs[3], cd[3];
    for (int r = 0; r < 3; ++r) {
      cs[r] = B[r][0] * src[0] + B[r][1] * src[1] + B[r][2] * src[2];
      cd[r] = B[r][0] * dst[0] + B[r][1] * dst[1] + B[r][2] * dst[2];
    }
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        double v = 0;
        for (int k = 0; k < 3; ++k) v += Bi[r][k] * (cd[k] / cs[k]) * B[k][c];
        out.adapt[r][c] = v;
      }
    return out;
  }();
  return w;
}

}  // namespace

Xyz reflectance_to_xyz(const Spectrum& r) {
  const Weights& w = weights();
  double v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < kSpectrumSamples; ++i)
    v[0] += r[i] * w.x[i], v[1] += r[i] * w.y[i], v[2] += r[i] * w.z[i];
  return {w.adapt[0][0] * v[0] + w.adapt[0][1] * v[1] + w.adapt[0][2] * v[2],
          w.adapt[1][0] * v[0] + w.adapt[1][1] * v[1] + w.adapt[1][2] * v[2],
          w.adapt[2][0] * v[0] + w.adapt[2][1] * v[1] + w.adapt[2][2] * v[2]};
}

}  // namespace smp
