#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "smp/base/random.h"
#include "smp/loss/scar.h"

namespace smp {
namespace {

// Skin coordinates on the back of the head around a horizontal line at a given height:
// s along the line (mm, positive to the patient's left... measured from the midline),
// t up the meridian (mm). Both scars of the donor area are described in them.
class BackCoordinates {
 public:
  BackCoordinates(const HeadModel& head, double height_mm)
      : head_(head), polar_(head.polar_at_height(height_mm)), arc_(kSamples) {
    // Cumulative arc length along the line, from the back midline (azimuth pi).
    const double step = kPi / (kSamples - 1);
    for (int i = 1; i < kSamples; ++i) {
      const double az = kPi / 2 + (i - 0.5) * step;
      arc_[i] = arc_[i - 1] + length(head.d_azimuth({polar_, az})) * step;
    }
    const double mid = arc_[kSamples / 2];
    for (double& a : arc_) a -= mid;
  }

  // (s, t) of a point; only meaningful on the back half of the head.
  std::pair<double, double> of(SurfaceAngles p) const {
    double az = p.azimuth_rad < 0 ? p.azimuth_rad + 2 * kPi : p.azimuth_rad;  // back at pi
    const double f = std::clamp((az - kPi / 2) / kPi * (kSamples - 1), 0.0, kSamples - 1.001);
    const int i = static_cast<int>(f);
    const double s = arc_[i] + (arc_[i + 1] - arc_[i]) * (f - i);
    const double t = (polar_ - p.polar_rad) * length(head_.d_polar({polar_, az}));
    return {s, t};
  }
  bool on_back(SurfaceAngles p) const { return std::cos(p.azimuth_rad) < 0; }

 private:
  static constexpr int kSamples = 1025;
  HeadModel head_;
  double polar_;
  std::vector<double> arc_;
};

constexpr double kFar = 1e9;

class FutStrip final : public Scar {
 public:
  FutStrip(const HeadModel& head, const FutStripSpec& spec)
      : spec_(spec), back_(head, spec.height_above_inion_mm) {}
  double signed_distance_mm(const ScalpPoint& p) const override {
    if (!back_.on_back(p.angles)) return kFar;
    const auto [s, t] = back_.of(p.angles);
    // A capsule: the strip's ends are rounded, as sutured strips are.
    const double r = spec_.width_mm / 2;
    return std::hypot(std::max(std::abs(s) - (spec_.length_mm / 2 - r), 0.0), t) - r;
  }
  std::string name() const override { return "FUT strip scar"; }
  std::string description() const override {
    return "linear strip scar " + fmt(spec_.length_mm / 10) + " cm long, " + fmt(spec_.width_mm) +
           " mm wide, " + fmt(spec_.height_above_inion_mm / 10) + " cm above the inion";
  }
  static std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
  }

 private:
  FutStripSpec spec_;
  BackCoordinates back_;
};

class FueScars final : public Scar {
 public:
  FueScars(const HeadModel& head, const FueScarSpec& spec, unsigned long long seed)
      : spec_(spec), back_(head, spec.height_above_inion_mm) {
    // A band 40 mm high and as wide as the area asks; punches kFuePunchSpacingMm apart.
    const double height = 40, width = spec.area_cm2 * 100 / height;
    Random rng(seed, Random::Stream::scars);
    for (int tries = 0; static_cast<int>(centres_.size()) < spec.count && tries < spec.count * 50;
         ++tries) {
      const double s = (rng.uniform() - 0.5) * width, t = (rng.uniform() - 0.5) * height;
      if (nearest(s, t) >= kFuePunchSpacingMm) add(s, t);
    }
    if (static_cast<int>(centres_.size()) < spec.count)
      throw std::invalid_argument("only " + std::to_string(centres_.size()) + " of " +
                                  std::to_string(spec.count) + " FUE scars fit in " +
                                  FutStrip::fmt(spec.area_cm2) + " cm^2");
  }
  double signed_distance_mm(const ScalpPoint& p) const override {
    if (!back_.on_back(p.angles)) return kFar;
    const auto [s, t] = back_.of(p.angles);
    return nearest(s, t) - spec_.diameter_mm / 2;
  }
  std::string name() const override { return "FUE scars"; }
  std::string description() const override {
    return std::to_string(centres_.size()) + " punctate FUE scars of " +
           FutStrip::fmt(spec_.diameter_mm) + " mm over " + FutStrip::fmt(spec_.area_cm2) +
           " cm^2 of the donor area";
  }

 private:
  static constexpr double kBinMm = 4;
  static long long key(int i, int j) {
    return (static_cast<long long>(i) << 32) ^ static_cast<unsigned>(j);
  }
  void add(double s, double t) {
    bins_[key(int(std::floor(s / kBinMm)), int(std::floor(t / kBinMm)))].push_back(centres_.size());
    centres_.push_back({s, t});
  }
  // Distance to the nearest punch centre within 8 mm (kFar beyond).
  double nearest(double s, double t) const {
    const int bi = int(std::floor(s / kBinMm)), bj = int(std::floor(t / kBinMm));
    double best = kFar;
    for (int i = bi - 2; i <= bi + 2; ++i)
      for (int j = bj - 2; j <= bj + 2; ++j) {
        const auto it = bins_.find(key(i, j));
        if (it == bins_.end()) continue;
        for (size_t k : it->second)
          best = std::min(best, std::hypot(centres_[k].first - s, centres_[k].second - t));
      }
    return best;
  }
  FueScarSpec spec_;
  BackCoordinates back_;
  std::vector<std::pair<double, double>> centres_;
  std::unordered_map<long long, std::vector<size_t>> bins_;
};

class ScarArea final : public Scar {
 public:
  ScarArea(std::vector<ChartPoint> polygon, std::string label)
      : poly_(std::move(polygon)), label_(std::move(label)) {}
  double signed_distance_mm(const ScalpPoint& p) const override {
    // Distance to the nearest edge (chart mm), negative inside (even-odd rule).
    const double x = p.chart.u_mm, y = p.chart.v_mm;
    double best = kFar;
    bool inside = false;
    for (size_t i = 0, j = poly_.size() - 1; i < poly_.size(); j = i++) {
      const ChartPoint a = poly_[j], b = poly_[i];
      if ((b.v_mm > y) != (a.v_mm > y) &&
          x < (a.u_mm - b.u_mm) * (y - b.v_mm) / (a.v_mm - b.v_mm) + b.u_mm)
        inside = !inside;
      const double ex = b.u_mm - a.u_mm, ey = b.v_mm - a.v_mm;
      const double t = std::clamp(
          ((x - a.u_mm) * ex + (y - a.v_mm) * ey) / (ex * ex + ey * ey + 1e-12), 0.0, 1.0);
      best = std::min(best, std::hypot(x - a.u_mm - t * ex, y - a.v_mm - t * ey));
    }
    return inside ? -best : best;
  }
  std::string name() const override { return "scar area"; }
  std::string description() const override { return label_; }

 private:
  std::vector<ChartPoint> poly_;
  std::string label_;
};

}  // namespace

std::unique_ptr<Scar> make_fut_strip(const HeadModel& head, const FutStripSpec& spec) {
  if (!(spec.length_mm >= 5 && spec.length_mm <= 400))
    throw std::invalid_argument("FUT strip length must be 0.5-40 cm");
  if (!(spec.width_mm >= 0.2 && spec.width_mm <= 30))
    throw std::invalid_argument("FUT strip width must be 0.2-30 mm");
  return std::make_unique<FutStrip>(head, spec);
}

std::unique_ptr<Scar> make_fue_scars(const HeadModel& head, const FueScarSpec& spec,
                                     unsigned long long seed) {
  if (!(spec.count > 0 && spec.count <= max_fue_scars(spec.area_cm2)))
    throw std::invalid_argument("FUE scar count must be 1-" +
                                std::to_string(max_fue_scars(spec.area_cm2)) + " in " +
                                FutStrip::fmt(spec.area_cm2) + " cm^2");
  if (!(spec.diameter_mm >= 0.3 && spec.diameter_mm <= 3))
    throw std::invalid_argument("FUE scar diameter must be 0.3-3 mm");
  if (!(spec.area_cm2 >= 1 && spec.area_cm2 <= 300))
    throw std::invalid_argument("FUE scar area must be 1-300 cm^2");
  return std::make_unique<FueScars>(head, spec, seed);
}

std::unique_ptr<Scar> make_scar_area(std::vector<ChartPoint> polygon, std::string label) {
  if (polygon.size() < 3)
    throw std::invalid_argument("a scar area needs at least 3 polygon points");
  return std::make_unique<ScarArea>(std::move(polygon), std::move(label));
}

}  // namespace smp
