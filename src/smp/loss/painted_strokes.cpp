// Brush strokes painted over a hair-loss map (the consultation's loss brush).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

// Brush hardness: full paint within this fraction of the radius (a soft round brush).
constexpr double kHardFraction = 0.7;

class PaintedStrokes final : public HairLossPattern {
 public:
  PaintedStrokes(std::shared_ptr<const HairLossPattern> base, std::vector<MaskStroke> strokes)
      : base_(std::move(base)), strokes_(std::move(strokes)) {}

  double coverage(const ScalpPoint& p) const override {
    double c = base_->coverage(p);
    for (const MaskStroke& s : strokes_) {
      const double d = chart_distance_to_segment_mm(p.chart, s.from, s.to);
      if (d >= s.radius_mm) continue;
      const double w = 1 - smoothstep01((d / s.radius_mm - kHardFraction) / (1 - kHardFraction));
      c += w * (s.coverage - c);
    }
    return c;
  }
  std::string name() const override { return base_->name(); }
  const std::shared_ptr<const HairLossPattern>& base() const { return base_; }
  const std::vector<MaskStroke>& strokes() const { return strokes_; }
  std::string description() const override {
    return fmt::format("{}, with {} brush stroke{} painted over it", base_->description(),
                       strokes_.size(), strokes_.size() == 1 ? "" : "s");
  }

 private:
  std::shared_ptr<const HairLossPattern> base_;
  std::vector<MaskStroke> strokes_;
};

}  // namespace

std::unique_ptr<HairLossPattern> make_painted_strokes(std::shared_ptr<const HairLossPattern> base,
                                                      std::vector<MaskStroke> strokes) {
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    const MaskStroke& s = strokes[i];
    // 0.5 mm: the raster cell; 100 mm: a quarter of the chart.
    if (!(s.radius_mm >= 0.5 && s.radius_mm <= 100))
      throw std::invalid_argument(
          fmt::format("stroke {}: radius_mm {} is out of range [0.5, 100]", i + 1, s.radius_mm));
    if (!(s.coverage >= 0 && s.coverage <= 1))
      throw std::invalid_argument(
          fmt::format("stroke {}: coverage {} is out of range [0, 1]", i + 1, s.coverage));
  }
  // Strokes over strokes: one layer, so a long brush session costs no chain of patterns.
  if (const auto* painted = dynamic_cast<const PaintedStrokes*>(base.get())) {
    std::vector<MaskStroke> all = painted->strokes();
    all.insert(all.end(), strokes.begin(), strokes.end());
    return std::make_unique<PaintedStrokes>(painted->base(), std::move(all));
  }
  return std::make_unique<PaintedStrokes>(std::move(base), std::move(strokes));
}

}  // namespace smp
