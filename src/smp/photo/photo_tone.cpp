#include "smp/photo/photo_tone.h"

#include <algorithm>
#include <stdexcept>

#include "smp/base/plan_error.h"
#include "smp/skin/hair_colour.h"

namespace smp {

PhotoTone tone_from_photos(const std::vector<PhotoAnalysis>& photos,
                           const std::string& case_hair_colour) {
  const auto most = [&](auto member) {
    return std::max_element(
        photos.begin(), photos.end(),
        [&](const PhotoAnalysis& a, const PhotoAnalysis& b) { return a.*member < b.*member; });
  };
  if (photos.empty() || most(&PhotoAnalysis::skin_pixels)->skin_pixels == 0)
    throw PlanError(
        "photos",
        "no bare skin measured on the photos (the pose may be wrong, or the head fully haired)");
  PhotoTone t;
  const PhotoAnalysis& skin = *most(&PhotoAnalysis::skin_pixels);
  t.skin = skin.skin;
  t.skin_pixels = skin.skin_pixels;
  t.phototype = phototype_from_skin_colour(t.skin);
  const PhotoAnalysis& hair = *most(&PhotoAnalysis::hair_pixels);
  t.hair_measured = hair.hair_pixels > 0;
  t.hair_pixels = hair.hair_pixels;
  t.hair = t.hair_measured ? hair.hair : hair_lab(case_hair_colour);
  t.hair_colour = t.hair_measured ? nearest_hair_colour(t.hair) : case_hair_colour;
  return t;
}

ShadeRecommendation recommend_shades(const PhotoTone& tone, int sessions, int darkest_requested) {
  return recommend_shades(tone.phototype, tone.hair_colour, sessions, darkest_requested);
}

}  // namespace smp
