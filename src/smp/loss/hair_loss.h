// The hair-loss family: every pattern answers the same questions (native hair coverage
// at a point, 0 bald .. 1 full; its name; a description for the patient).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "smp/geometry/scalp_point.h"

namespace smp {

class HairLossPattern {
 public:
  virtual ~HairLossPattern() = default;
  virtual double coverage(const ScalpPoint& p) const = 0;
  virtual std::string name() const = 0;
  virtual std::string description() const = 0;
};

// The families of hair-loss maps a case can name (docs/case-file.md [hair_loss] pattern).
enum class LossPattern { none, norwood, ludwig, olsen, areata, diffuse, mask };
inline constexpr std::array<std::string_view, 7> kLossPatternNames{
    "none", "norwood", "ludwig", "olsen", "areata", "diffuse", "mask"};
inline std::string_view name(LossPattern p) { return kLossPatternNames[static_cast<int>(p)]; }

// Hamilton-Norwood stages, in order of progression.
inline const std::vector<std::string>& norwood_stages() {
  static const std::vector<std::string> s{"I",  "II",  "IIa", "III", "IIIa", "III vertex",
                                          "IV", "IVa", "V",   "Va",  "VI",   "VII"};
  return s;
}
inline const std::vector<std::string>& ludwig_stages() {
  static const std::vector<std::string> s{"I", "II", "III"};
  return s;
}

// Each factory throws std::invalid_argument naming the bad value.
std::unique_ptr<HairLossPattern> make_norwood(const std::string& stage);
std::unique_ptr<HairLossPattern> make_ludwig(const std::string& stage);
std::unique_ptr<HairLossPattern> make_olsen(double severity);

struct AlopeciaPatch {
  ChartPoint center;
  double diameter_mm = 0;
};
std::unique_ptr<HairLossPattern> make_areata(std::vector<AlopeciaPatch> patches);
// Random patches placed on the upper scalp (seeded).
std::vector<AlopeciaPatch> random_patches(int count, double min_diameter_mm, double max_diameter_mm,
                                          unsigned long long seed);

std::unique_ptr<HairLossPattern> make_diffuse(double loss_fraction);
// Full native hair everywhere (a scar-only case).
std::unique_ptr<HairLossPattern> make_no_loss();

// A painted mask image over the scalp map: white full hair, black bald. The image's
// width and height span the chart square [-half_extent_mm, half_extent_mm]^2.
// Throws std::runtime_error naming the file if it cannot be read.
std::unique_ptr<HairLossPattern> make_painted_mask(const std::string& path, double half_extent_mm);

// One stroke of the clinic's brush on the scalp map: the native hair coverage painted
// along the segment from `from` to `to`, full within 70 % of the radius and blended into
// what was there over the rest (a soft brush, so an edit leaves no step).
struct MaskStroke {
  ChartPoint from, to;
  double radius_mm = 5;  // on the scalp map (chart mm)
  double coverage = 0;   // painted: 0 bald .. 1 full hair
};
// `base` with the strokes painted over it, later strokes over earlier ones. Throws
// std::invalid_argument naming a radius or coverage out of range.
std::unique_ptr<HairLossPattern> make_painted_strokes(std::shared_ptr<const HairLossPattern> base,
                                                      std::vector<MaskStroke> strokes);

// Smooth 0..1 ramp used for the soft edges of every pattern.
inline double smoothstep01(double t) {
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  return t * t * (3 - 2 * t);
}

}  // namespace smp
