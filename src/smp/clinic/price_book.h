// The clinic's prices (docs/price-book.md): what a section of the scalp costs by its
// treated area and complexity, the full-scalp price, sessions, touch-up, sedation and tax.
// Read from a TOML file the clinic edits; examples/price-book.toml holds the defaults.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/clinic/money.h"
#include "smp/geometry/regions.h"

namespace smp {

// Clinics sell sections of the scalp, not our 9 regions.
enum class Section : int { front, top, crown, sides_and_back };
inline constexpr int kSectionCount = 4;

inline constexpr std::array<std::string_view, kSectionCount> kSectionNames{"front", "top", "crown",
                                                                           "sides_and_back"};
inline constexpr std::array<std::string_view, kSectionCount> kSectionLabels{
    "Hairline and front", "Top (mid-scalp)", "Crown (vertex)", "Sides and back"};
inline std::string_view name(Section s) { return kSectionNames[static_cast<int>(s)]; }
inline std::string_view label(Section s) { return kSectionLabels[static_cast<int>(s)]; }

// hairline zone + frontal -> front; mid-scalp -> top; vertex -> crown; temporal,
// parietal and occipital -> sides and back (the donor area, where FUT/FUE scars lie).
inline Section section_of(Region r) {
  switch (r) {
    case Region::frontal_hairline_zone:
    case Region::frontal: return Section::front;
    case Region::mid_scalp: return Section::top;
    case Region::vertex: return Section::crown;
    case Region::temporal_left:
    case Region::temporal_right:
    case Region::parietal_left:
    case Region::parietal_right:
    case Region::occipital: return Section::sides_and_back;
  }
  return Section::sides_and_back;
}

// A section's price when its treated area is at most up_to_cm2; the last tier has no
// limit and prices every larger section.
struct SectionTier {
  std::optional<double> up_to_cm2;
  Money price;
  bool operator==(const SectionTier&) const = default;
};

struct PriceBook {
  Currency currency;
  std::vector<SectionTier> section_tiers;  // up_to_cm2 strictly increasing, the last open
  Rate complex_surcharge;                  // on a section with scar tissue or scar camouflage
  // A section with less treated area (the edge of work in a neighbouring section) is
  // priced together with the largest section rather than as a section of its own.
  double min_separate_section_cm2 = 0;
  // Caps the treatment: when the section lines would add up to more, one full-scalp line
  // replaces them.
  Money full_scalp;
  int sessions_included = 3;
  Money extra_session;         // each planned session beyond sessions_included
  Money touch_up;              // one session for a returning patient, years later
  Money sedation_per_session;  // optional light sedation
  Rate tax_rate;
  bool tax_included = false;              // prices already contain the tax (VAT style)
  int valid_days = 30;                    // a quote is valid until its issue date + valid_days
  std::vector<std::string> included;      // what every quote covers besides the sessions
  std::vector<std::string> not_included;  // what the patient pays elsewhere
  bool operator==(const PriceBook&) const = default;

  // The tier for a section's treated area.
  const SectionTier& tier_for(double treated_area_cm2) const;
};

// The defaults, equal to examples/price-book.toml (a test keeps them equal).
PriceBook default_price_book();

// Bad input throws InputError naming the file, line and dotted field.
PriceBook parse_price_book(const std::string& toml_text, const std::string& source);
PriceBook load_price_book(const std::string& path);

}  // namespace smp
