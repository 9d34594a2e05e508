#include "smp/skin/hair_colour.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace smp {
namespace {

struct NamedHair {
  std::string_view name;
  Lab shaft;
};

// CIELAB of the shaft in measured-hair literature ranges (colorimetry of natural hair
// swatches, D65). "brown" and "gray" are matched by name only: the nearest colour of a
// measurement is one of the others.
constexpr NamedHair kHair[] = {{"black", {16, 0.5, 1}},       {"dark brown", {22, 4, 8}},
                               {"medium brown", {32, 7, 14}}, {"light brown", {42, 8, 18}},
                               {"brown", {28, 6, 12}},        {"blond", {62, 5, 25}},
                               {"red", {38, 22, 28}},         {"grey", {62, 0, 3}},
                               {"gray", {62, 0, 3}},          {"white", {82, 0, 4}}};

}  // namespace

Lab hair_lab(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const NamedHair& h : kHair)
    if (lower.find(h.name) != std::string::npos) return h.shaft;
  return {22, 4, 8};
}

std::string nearest_hair_colour(Lab measured) {
  const NamedHair* best = nullptr;
  double best_de = 0;
  for (const NamedHair& h : kHair) {
    if (h.name == "brown" || h.name == "gray") continue;
    const double de = delta_e00(measured, h.shaft);
    if (!best || de < best_de) best = &h, best_de = de;
  }
  return std::string(best->name);
}

}  // namespace smp
