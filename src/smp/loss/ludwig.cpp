// Female pattern hair loss: Ludwig I-III (diffuse thinning of the crown and top with the
// frontal hairline kept; Ludwig 1977) and Olsen's frontal-accentuated "Christmas tree"
// pattern (a centre part that widens towards the front; Olsen 1999).
#include <cmath>
#include <stdexcept>

#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

constexpr double kKeptHairlineX = 0.70;  // hair kept in front of this (about 1.5 cm band)

// Weight that keeps the frontal hairline band and the occipital fringe out of a
// female pattern.
double top_of_head(Vec3 u) {
  const double front_kept = 1 - smoothstep01((u.x - kKeptHairlineX) / 0.08 + 0.5);
  const double above_fringe = smoothstep01((u.z - 0.5) / 0.15 + 0.5);
  return front_kept * above_fringe;
}

class Ludwig final : public HairLossPattern {
 public:
  Ludwig(std::string stage, double loss, double radius)
      : stage_(std::move(stage)), loss_(loss), radius_(radius) {}
  double coverage(const ScalpPoint& p) const override {
    const Vec3 u = p.unit;
    // An oval over the mid-scalp and crown: evenly thin in its middle, fading out at its rim.
    const double d = std::hypot((u.x - 0.05) / radius_, u.y / (0.85 * radius_));
    return 1 - loss_ * (1 - smoothstep01((d - 0.35) / 0.65)) * top_of_head(u);
  }
  std::string name() const override { return "Ludwig " + stage_; }
  std::string description() const override {
    return "diffuse thinning of the top and crown, frontal hairline kept (" +
           std::to_string(static_cast<int>(loss_ * 100 + 0.5)) + "% loss at the centre)";
  }

 private:
  std::string stage_;
  double loss_, radius_;
};

class Olsen final : public HairLossPattern {
 public:
  explicit Olsen(double severity) : severity_(severity) {}
  double coverage(const ScalpPoint& p) const override {
    const Vec3 u = p.unit;
    // The part widens from the crown (x = -0.3) to the front.
    const double along = (u.x + 0.3) / 1.0;
    if (along <= 0) return 1;
    const double half_width = 0.08 + 0.30 * std::min(1.0, along);
    const double across = std::exp(-std::pow(u.y / half_width, 2));
    return 1 - severity_ * std::min(1.0, along * 1.5) * across * top_of_head(u);
  }
  std::string name() const override { return "Olsen frontal accentuation"; }
  std::string description() const override {
    return "a centre part widening towards the front (Christmas-tree pattern)";
  }

 private:
  double severity_;
};

}  // namespace

std::unique_ptr<HairLossPattern> make_ludwig(const std::string& stage) {
  if (stage == "I") return std::make_unique<Ludwig>(stage, 0.35, 0.7);
  if (stage == "II") return std::make_unique<Ludwig>(stage, 0.60, 0.85);
  if (stage == "III") return std::make_unique<Ludwig>(stage, 0.90, 1.0);
  throw std::invalid_argument("unknown Ludwig stage '" + stage + "' (expected I, II or III)");
}

std::unique_ptr<HairLossPattern> make_olsen(double severity) {
  if (!(severity > 0 && severity <= 1))
    throw std::invalid_argument("Olsen severity must be in (0, 1]");
  return std::make_unique<Olsen>(severity);
}

}  // namespace smp
