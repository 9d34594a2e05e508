// What the patient does, and does not do, after each session: dated windows of rules
// (domain.md "Aftercare and side effects").
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "smp/clinic/clinic_parameters.h"

namespace smp {

enum class AftercareKind {
  sedation,  // the treatment day after light sedation
  no_washing,
  keep_dry,
  no_sun_sauna_swimming,
  limited_exercise,
  prescribed_care,  // the prescribed shampoo or moisturiser
  healing,          // healed somewhere in this window
  true_colour,
  long_term,  // from then on: sun protection, no alcohol-based topicals
};

inline constexpr std::array<std::string_view, 9> kAftercareKindNames{
    "sedation",         "no_washing",      "keep_dry", "no_sun_sauna_swimming",
    "limited_exercise", "prescribed_care", "healing",  "true_colour",
    "long_term"};
inline std::string_view name(AftercareKind k) { return kAftercareKindNames[static_cast<int>(k)]; }

struct AftercareWindow {
  int session = 1;
  AftercareKind kind = AftercareKind::no_washing;
  std::string rule;                   // for the patient, in words
  std::chrono::year_month_day from;   // inclusive
  std::chrono::year_month_day until;  // inclusive
};

// The aftercare of one session treated on `days` (one day, or consecutive working days
// when it was split): every rule runs from the first day and counts its days from the
// last; a sedated session adds a sedation window on each treatment day.
// PlanError ("days") when `days` is empty or not ascending.
std::vector<AftercareWindow> aftercare_for(int session,
                                           const std::vector<std::chrono::year_month_day>& days,
                                           bool sedation, const AftercareParameters& p);

}  // namespace smp
