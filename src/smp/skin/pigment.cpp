#include "smp/skin/pigment.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace smp {
namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

constexpr const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI"};

}  // namespace

int phototype_from_skin_colour(Lab skin) {
  const double ita = std::atan2(skin.l - 50, skin.b) * 180 / 3.14159265358979;
  if (ita > 55) return 1;
  if (ita > 41) return 2;
  if (ita > 28) return 3;
  if (ita > 10) return 4;
  if (ita > -30) return 5;
  return 6;
}

std::string shade_list(const ShadeRecommendation& r) {
  std::vector<std::string_view> names;
  for (int s : r.session_shades) names.push_back(kShades[s].name);
  return fmt::format("{}", fmt::join(names, ", "));
}

ShadeRecommendation recommend_shades(int phototype, std::string_view hair_colour, int sessions,
                                     int darkest_requested) {
  ShadeRecommendation r;
  phototype = std::clamp(phototype, 1, 6);
  // The darkest (last-session) shade by skin type: enough contrast to read as hair on
  // this skin, never pure black (domain.md: pure black on dark skin turns blue-green).
  static constexpr int kDarkestByType[] = {2, 3, 3, 4, 4, 4};
  int darkest = kDarkestByType[phototype - 1];
  r.reasons.push_back(std::string("Fitzpatrick type ") + kRoman[phototype - 1] +
                      ": darkest dilution " + std::string(kShades[darkest].name) +
                      (phototype <= 2 ? " (a lighter dilution suits fair skin)" : ""));
  if (contains_any(hair_colour, {"blond", "grey", "gray", "white", "red", "light"})) {
    darkest = std::max(1, darkest - 1);
    r.reasons.push_back(
        "light or grey hair: one step lighter, so the dots match the shade of the hair's shadow");
  } else if (contains_any(hair_colour, {"black"}) && phototype <= 4) {
    darkest = std::min(4, darkest + 1);
    r.reasons.push_back("black hair: one step darker for the contrast of black stubble");
  }
  if (darkest_requested >= 0) {
    darkest = std::clamp(darkest_requested, 0, static_cast<int>(kShades.size()) - 1);
    r.reasons.push_back("requested darkest shade " + std::string(kShades[darkest].name));
  }
  if (darkest == static_cast<int>(kShades.size()) - 1 && phototype >= 5)
    r.warnings.push_back("pure black on Fitzpatrick type " + std::string(kRoman[phototype - 1]) +
                         " skin risks a blue-green cast as it heals; use S5 deep or lighter");
  else if (darkest >= 4 && phototype <= 2)
    r.warnings.push_back("a very dark dilution on fair skin looks like tattoo dots, not stubble");
  // Lightest first, one step darker per session (clinics).
  for (int s = 0; s < sessions; ++s)
    r.session_shades.push_back(std::max(0, darkest - (sessions - 1 - s)));
  r.reasons.push_back(
      "sessions go from the lightest to the darkest shade, so later dots add depth without a harsh "
      "edge");
  return r;
}

}  // namespace smp
