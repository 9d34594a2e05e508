// Alopecia areata: round bald patches with a short soft edge, and diffuse thinning.
#include <cmath>
#include <random>
#include <stdexcept>

#include "smp/base/random.h"
#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

constexpr double kPatchEdgeMm = 3;  // exclamation-mark hairs thin the rim of a patch

class Areata final : public HairLossPattern {
 public:
  explicit Areata(std::vector<AlopeciaPatch> patches) : patches_(std::move(patches)) {}
  double coverage(const ScalpPoint& p) const override {
    double c = 1;
    for (const auto& patch : patches_) {
      const double d =
          std::hypot(p.chart.u_mm - patch.center.u_mm, p.chart.v_mm - patch.center.v_mm);
      c = std::min(c, smoothstep01((d - patch.diameter_mm / 2) / kPatchEdgeMm + 0.5));
    }
    return c;
  }
  std::string name() const override { return "alopecia areata"; }
  std::string description() const override {
    return std::to_string(patches_.size()) + " round bald patch" +
           (patches_.size() == 1 ? "" : "es");
  }

 private:
  std::vector<AlopeciaPatch> patches_;
};

class Diffuse final : public HairLossPattern {
 public:
  explicit Diffuse(double loss) : loss_(loss) {}
  double coverage(const ScalpPoint& p) const override {
    // Even thinning over the top; the occipital donor fringe is spared.
    return 1 - loss_ * smoothstep01((p.unit.z - 0.4) / 0.2 + 0.5);
  }
  std::string name() const override { return "diffuse thinning"; }
  std::string description() const override {
    return "even thinning over the top of the head (" + std::to_string(int(loss_ * 100 + 0.5)) +
           "% loss)";
  }

 private:
  double loss_;
};

class NoLoss final : public HairLossPattern {
 public:
  double coverage(const ScalpPoint&) const override { return 1; }
  std::string name() const override { return "none"; }
  std::string description() const override { return "no hair loss"; }
};

}  // namespace

std::unique_ptr<HairLossPattern> make_no_loss() { return std::make_unique<NoLoss>(); }

std::unique_ptr<HairLossPattern> make_areata(std::vector<AlopeciaPatch> patches) {
  for (const auto& p : patches)
    if (!(p.diameter_mm > 0 && p.diameter_mm < 200))
      throw std::invalid_argument("alopecia patch diameter must be in (0, 200) mm");
  return std::make_unique<Areata>(std::move(patches));
}

std::vector<AlopeciaPatch> random_patches(int count, double min_diameter_mm, double max_diameter_mm,
                                          unsigned long long seed) {
  Random rng(seed, Random::Stream::alopecia_patches);
  std::vector<AlopeciaPatch> out;
  for (int i = 0; i < count; ++i) {
    // On the upper scalp: chart radius 20-110 mm (polar angle about 10-65 degrees).
    const double r = 20 + 90 * std::sqrt(rng.uniform()), az = rng.uniform() * 2 * kPi;
    out.push_back({{r * std::sin(az), r * std::cos(az)},
                   min_diameter_mm + (max_diameter_mm - min_diameter_mm) * rng.uniform()});
  }
  return out;
}

std::unique_ptr<HairLossPattern> make_diffuse(double loss_fraction) {
  if (!(loss_fraction > 0 && loss_fraction <= 1))
    throw std::invalid_argument("diffuse loss must be in (0, 1]");
  return std::make_unique<Diffuse>(loss_fraction);
}

}  // namespace smp
