// What a reported symptom after a session means: normal, watch it, or contact the clinic
// now (domain.md "Aftercare and side effects"; thresholds in AftercareParameters).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "smp/clinic/clinic_parameters.h"

namespace smp {

enum class Symptom { redness, itching, swelling, rash, swollen_lymph_nodes, fever, pus };
enum class Urgency { normal, watch, contact_clinic_now };

inline constexpr std::array<std::string_view, 7> kSymptomNames{
    "redness", "itching", "swelling", "rash", "swollen_lymph_nodes", "fever", "pus"};
inline constexpr std::array<std::string_view, 3> kUrgencyNames{"normal", "watch",
                                                               "contact_clinic_now"};
inline std::string_view name(Symptom s) { return kSymptomNames[static_cast<int>(s)]; }
inline std::string_view name(Urgency u) { return kUrgencyNames[static_cast<int>(u)]; }
inline std::optional<Symptom> symptom_from_name(std::string_view n) {
  for (size_t i = 0; i < kSymptomNames.size(); ++i)
    if (kSymptomNames[i] == n) return static_cast<Symptom>(i);
  return std::nullopt;
}

// The symptom of this name; InputError ("symptom") naming the names it may have.
Symptom symptom_named(std::string_view n);

struct TriageResult {
  Urgency urgency = Urgency::normal;
  std::string reason;  // for the patient and the clinic, in words
};

// A symptom seen `days_since_session` days after the (last) treatment day (day 0) that
// has lasted `days_lasting` days so far (0: noticed today). InputError naming
// the field when either is negative or the symptom outlasts the days since the session.
TriageResult triage(Symptom s, int days_since_session, int days_lasting,
                    const AftercareParameters& p);

}  // namespace smp
