// The scar family: a linear FUT strip, FUE punctate scars, and burn or trauma areas.
// Every scar answers the same questions: the skin distance to its edge (negative
// inside), its name and a description. Scar tissue carries no hair.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "smp/geometry/scalp_point.h"

namespace smp {

class Scar {
 public:
  virtual ~Scar() = default;
  virtual double signed_distance_mm(const ScalpPoint& p) const = 0;
  virtual std::string name() const = 0;
  virtual std::string description() const = 0;
};

// A strip-harvest (FUT) scar: a horizontal band across the occipital donor area,
// centred on the midline. Default measures are typical of strip scars.
struct FutStripSpec {
  double length_mm = 200;
  double width_mm = 3;
  double height_above_inion_mm = 20;
};

// Punches are at least this far apart (centre to centre), so an area holds at most
// max_fue_scars of them: 0.12 per mm^2, below the 0.17 at which random placement jams
// (random sequential adsorption of 2 mm discs covers at most 54.7%).
inline constexpr double kFuePunchSpacingMm = 2.0;
inline int max_fue_scars(double area_cm2) { return static_cast<int>(area_cm2 * 100 * 0.12); }

// Punctate scars left by follicular unit excision, spread over a band of the donor area.
struct FueScarSpec {
  int count = 600;
  double diameter_mm = 0.9;
  double area_cm2 = 80;
  double height_above_inion_mm = 25;
};

std::unique_ptr<Scar> make_fut_strip(const HeadModel& head, const FutStripSpec& spec);
std::unique_ptr<Scar> make_fue_scars(const HeadModel& head, const FueScarSpec& spec,
                                     unsigned long long seed);
// A burn or trauma area: a polygon on the scalp map (chart mm), at least 3 vertices.
std::unique_ptr<Scar> make_scar_area(std::vector<ChartPoint> polygon, std::string label);

}  // namespace smp
