// The patient's skin and hair colours from the photos, the phototype they imply (ITA) and
// the named hair colour, which feed the shade recommendation. docs/photo.md "Tone and hair".
#pragma once

#include <string>
#include <vector>

#include "smp/photo/photo_analysis.h"
#include "smp/skin/pigment.h"

namespace smp {

struct PhotoTone {
  Lab skin{}, hair{};
  bool hair_measured = false;  // no photo showed hair: `hair` is the default and
  std::string hair_colour;     // hair_colour comes from the case
  int phototype = 0;           // Fitzpatrick I-VI as 1-6, from the skin (ITA)
  int skin_pixels = 0, hair_pixels = 0;
};

// The skin from the photo with the most bare skin measured, the hair from the one with
// the most hair. `case_hair_colour` is used when no photo shows hair.
// PlanError ("photos") when no photo has skin measured.
PhotoTone tone_from_photos(const std::vector<PhotoAnalysis>& photos,
                           const std::string& case_hair_colour);

// The shades for `sessions` sessions from the measured tone (skin/pigment.h).
ShadeRecommendation recommend_shades(const PhotoTone& tone, int sessions,
                                     int darkest_requested = -1);

}  // namespace smp
