// The pigment: carbon black diluted with water, in named shades, and the choice of
// shade per session from the skin and hair (domain.md "Dots, pigment and appearance").
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "smp/colour/colour.h"

namespace smp {

struct Shade {
  std::string_view name;
  double pigment_fraction;  // of the dilution; 1 = undiluted carbon black
};

// Six dilutions from the lightest to pure black.
inline constexpr std::array<Shade, 6> kShades{{{"S1 mist", 0.15},
                                               {"S2 light", 0.25},
                                               {"S3 medium", 0.35},
                                               {"S4 dark", 0.50},
                                               {"S5 deep", 0.70},
                                               {"S6 pure black", 1.00}}};

struct ShadeRecommendation {
  std::vector<int> session_shades;    // index into kShades per session, lightest first
  std::vector<std::string> reasons;   // in words, for the clinic and the patient
  std::vector<std::string> warnings;  // for example pure black on dark skin
};

// The session shades' names, lightest first: "S2 light, S3 medium, S4 dark".
std::string shade_list(const ShadeRecommendation& r);

// Fitzpatrick type from a measured skin colour by the individual typology angle
// ITA = atan((L* - 50) / b*) (Chardon et al. 1991; Del Bino et al. 2006 bands).
int phototype_from_skin_colour(Lab skin);

// darkest_requested: a shade the clinic or patient asks for (-1 for none).
ShadeRecommendation recommend_shades(int phototype, std::string_view hair_colour, int sessions,
                                     int darkest_requested = -1);

}  // namespace smp
