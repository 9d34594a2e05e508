#include "smp/geometry/scalp_outline.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

constexpr int kSamples = 7200;  // 0.05 degree: finer than any hairline micro-irregularity

double wrap(double az) {
  while (az < -kPi) az += 2 * kPi;
  while (az >= kPi) az -= 2 * kPi;
  return az;
}

}  // namespace

ScalpOutline ScalpOutline::through(const HeadModel& head, std::vector<SurfaceAngles> control,
                                   const std::function<double(double)>& offset_mm,
                                   double front_half_width_rad) {
  std::sort(control.begin(), control.end(),
            [](SurfaceAngles a, SurfaceAngles b) { return a.azimuth_rad < b.azimuth_rad; });
  const int n = static_cast<int>(control.size());
  auto at = [&](int i) {  // periodic access; azimuths unwrapped by whole turns
    const int k = ((i % n) + n) % n;
    const double turns = std::floor(static_cast<double>(i) / n);
    return SurfaceAngles{control[k].polar_rad, control[k].azimuth_rad + turns * 2 * kPi};
  };
  ScalpOutline out;
  out.front_half_width_rad_ = front_half_width_rad;
  out.polar_.resize(kSamples);
  for (int s = 0; s < kSamples; ++s) {
    const double az = -kPi + (s + 0.5) * 2 * kPi / kSamples;
    // Find the segment [i, i+1] holding az (with periodic wrap).
    int i = -1;
    while (at(i + 1).azimuth_rad <= az) ++i;
    while (at(i).azimuth_rad > az) --i;
    const SurfaceAngles p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2);
    // Catmull-Rom on a non-uniform parameter (the azimuth), in Hermite form.
    const double h = p2.azimuth_rad - p1.azimuth_rad, t = (az - p1.azimuth_rad) / h;
    const double m1 = (p2.polar_rad - p0.polar_rad) / (p2.azimuth_rad - p0.azimuth_rad) * h;
    const double m2 = (p3.polar_rad - p1.polar_rad) / (p3.azimuth_rad - p1.azimuth_rad) * h;
    const double t2 = t * t, t3 = t2 * t;
    double polar = (2 * t3 - 3 * t2 + 1) * p1.polar_rad + (t3 - 2 * t2 + t) * m1 +
                   (-2 * t3 + 3 * t2) * p2.polar_rad + (t3 - t2) * m2;
    const SurfaceAngles here{polar, az};
    polar += offset_mm(az) / length(head.d_polar(here));
    out.polar_[s] = std::clamp(polar, 0.05, kPi - 0.05);
  }
  return out;
}

double ScalpOutline::polar_limit(double azimuth_rad) const {
  const double f = (wrap(azimuth_rad) + kPi) / (2 * kPi) * kSamples - 0.5;
  const double fl = std::floor(f);
  const int i0 = (static_cast<int>(fl) + kSamples) % kSamples, i1 = (i0 + 1) % kSamples;
  const double t = f - fl;
  return polar_[i0] * (1 - t) + polar_[i1] * t;
}

double ScalpOutline::depth_mm(const HeadModel& head, SurfaceAngles s, const AngleTrig& t) const {
  return (polar_limit(s.azimuth_rad) - s.polar_rad) * length(head.d_polar_from(t));
}

bool ScalpOutline::in_front(double azimuth_rad) const {
  return std::abs(wrap(azimuth_rad)) < front_half_width_rad_;
}

}  // namespace smp
