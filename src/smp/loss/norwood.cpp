// Hamilton-Norwood male pattern hair loss (Norwood 1975), as three smooth bald zones:
// the frontal recession (M-shaped at the temples), the crown, and everything above the
// lateral and occipital fringe. Positions are in head units (x / semi-axis), measured
// forward from the ear-canal plane: the Norwood II/III limit "2 cm in front of the ear
// canal" is x = 0.21 on an adult head (semi-axis about 95 mm).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

struct NorwoodStage {
  const char* name;
  double front_mid_x;     // frontal bald zone reaches back to here on the midline
  double front_temple_x;  // ... and to here at the temples (M shape when smaller)
  double crown_radius;    // bald crown radius (head units, 0.1 = about 1 cm), 0 for none
  double top_coverage;    // remaining hair on the top between the zones (IV, V bands)
  double fringe_side_z;   // hair is kept below this height on the sides (z / semi-axis)
  double fringe_back_z;   // ... and at the back
  const char* description;
};

constexpr NorwoodStage kStages[] = {
    {"I", 9, 9, 0, 1.0, 0.55, 0.45, "no recession of the hairline"},
    {"II", 0.86, 0.45, 0, 1.0, 0.55, 0.45,
     "temporal recession, staying in front of a line 2 cm ahead of the ear canal"},
    {"IIa", 0.72, 0.42, 0, 1.0, 0.55, 0.45, "the whole frontal hairline recedes evenly"},
    {"III", 0.72, 0.15, 0, 1.0, 0.55, 0.45,
     "deep temporal recession behind the line 2 cm ahead of the ear canal"},
    {"IIIa", 0.35, 0.12, 0, 1.0, 0.55, 0.45, "recession from front to back reaching mid-scalp"},
    {"III vertex", 0.72, 0.15, 0.25, 1.0, 0.55, 0.45, "stage III recession with loss at the crown"},
    {"IV", 0.33, 0.05, 0.35, 0.85, 0.55, 0.45,
     "bald front and crown, separated by a band of moderately dense hair"},
    {"IVa", 0.02, -0.05, 0, 0.9, 0.55, 0.45, "frontal recession past the ear-canal line, no crown"},
    {"V", 0.18, -0.05, 0.40, 0.55, 0.52, 0.43,
     "front and crown larger; the band between is narrow and sparse"},
    {"Va", -0.3, -0.35, 0.30, 0.6, 0.52, 0.43, "frontal recession reaching the crown"},
    {"VI", -9, -9, 0, 0.0, 0.45, 0.38, "the band is gone: one bald area above the fringe"},
    {"VII", -9, -9, 0, 0.0, 0.30, 0.14,
     "only a narrow horseshoe fringe at the sides and back remains"},
};

constexpr double kFrontEdge = 0.10;   // soft edge of the frontal zone, in x units (about 1 cm)
constexpr double kCrownEdge = 0.12;   // thinning rim around the bald crown (about 1.2 cm)
constexpr double kFringeEdge = 0.08;  // soft upper edge of the fringe, in z units
constexpr double kTempleY = 0.55;     // lateral position of the temporal recession (y units)
constexpr double kCrownX = -0.35;     // crown whorl, behind the vertex (x units)

class Norwood final : public HairLossPattern {
 public:
  explicit Norwood(const NorwoodStage& s) : s_(s) {}

  double coverage(const ScalpPoint& p) const override {
    const Vec3 u = p.unit;
    // Fringe: the lateral and occipital hair kept below a height that falls towards the back.
    const double back = std::clamp(-u.x, 0.0, 1.0);
    const double fringe_z = s_.fringe_side_z + (s_.fringe_back_z - s_.fringe_side_z) * back;
    const double kept = 1 - smoothstep01((u.z - fringe_z) / kFringeEdge + 0.5);

    const double t = std::min(1.0, std::abs(u.y) / kTempleY);
    const double front_x = s_.front_mid_x + (s_.front_temple_x - s_.front_mid_x) * t * t;
    const double front = smoothstep01((u.x - front_x) / kFrontEdge + 0.5);

    const double crown = crown_bald(p.unit);
    const double bald = std::max({front, crown, 1 - s_.top_coverage});
    return 1 - (1 - kept) * bald;
  }
  std::string name() const override { return std::string("Norwood ") + s_.name; }
  std::string description() const override { return s_.description; }

 private:
  double crown_bald(Vec3 u) const {
    if (s_.crown_radius <= 0) return 0;
    const double d = std::hypot(u.x - kCrownX, u.y, u.z - std::sqrt(1 - kCrownX * kCrownX));
    return smoothstep01((s_.crown_radius - d) / kCrownEdge + 0.5);
  }
  NorwoodStage s_;
};

}  // namespace

std::unique_ptr<HairLossPattern> make_norwood(const std::string& stage) {
  for (const auto& s : kStages)
    if (stage == s.name) return std::make_unique<Norwood>(s);
  throw std::invalid_argument(
      "unknown Norwood stage '" + stage +
      "' (expected I, II, IIa, III, IIIa, III vertex, IV, IVa, V, Va, VI or VII)");
}

}  // namespace smp
