#include "smp/clinic/triage.h"

#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/io/input_error.h"

namespace smp {

namespace {

std::string days_text(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// Redness, swelling and itching: part of healing at first, worth watching later, and a
// possible infection or allergy once they last.
TriageResult healing_reaction(std::string_view what, int day, int lasting, int normal_days,
                              int contact_days) {
  const std::string w(what);
  if (lasting > contact_days)
    return {Urgency::contact_clinic_now,
            w + " for " + days_text(lasting) + " (more than " + days_text(contact_days) +
                "): it may be an infection or an allergic reaction; contact the clinic now."};
  if (day <= normal_days)
    return {Urgency::normal, w + " on day " + std::to_string(day) +
                                 " is a normal part of healing (up to day " +
                                 std::to_string(normal_days) + ")."};
  return {Urgency::watch,
          w + " after day " + std::to_string(normal_days) +
              " is more than usual: watch it, and contact the clinic if it lasts more than " +
              days_text(contact_days) + " or gets worse."};
}

}  // namespace

TriageResult triage(Symptom s, int days_since_session, int days_lasting,
                    const AftercareParameters& p) {
  if (days_since_session < 0) throw InputError("", 0, "days_since_session", "must not be negative");
  if (days_lasting < 0) throw InputError("", 0, "days_lasting", "must not be negative");
  if (days_lasting > days_since_session + 1)
    throw InputError("", 0, "days_lasting",
                     "cannot be more than the days since the session (plus the session day)");
  const int day = days_since_session, lasting = days_lasting;
  switch (s) {
    case Symptom::redness:
      return healing_reaction("Redness", day, lasting, p.redness_normal_days,
                              p.redness_contact_days);
    case Symptom::swelling:
      return healing_reaction("Swelling", day, lasting, p.swelling_normal_days,
                              p.swelling_contact_days);
    case Symptom::itching:
      return healing_reaction("Itching", day, lasting, p.itching_normal_days,
                              p.itching_contact_days);
    case Symptom::rash:
      if (lasting > p.rash_contact_days)
        return {Urgency::contact_clinic_now,
                "A rash for " + days_text(lasting) + " (more than " +
                    days_text(p.rash_contact_days) +
                    ") may be an allergic reaction to the pigment: contact the clinic now."};
      return {
          Urgency::watch,
          "A rash may be a mild allergic reaction to the pigment: watch it, and contact the clinic "
          "if it spreads or lasts more than " +
              days_text(p.rash_contact_days) + "."};
    case Symptom::swollen_lymph_nodes:
      if (lasting > p.lymph_nodes_contact_days)
        return {Urgency::contact_clinic_now,
                "Swollen lymph nodes for " + days_text(lasting) + " (more than " +
                    days_text(p.lymph_nodes_contact_days) +
                    ") may mean an infection: contact the clinic now."};
      return {
          Urgency::watch,
          "Swollen lymph nodes at the skull base or neck can occur after a session: watch them, "
          "and contact the clinic if they last more than " +
              days_text(p.lymph_nodes_contact_days) + "."};
    case Symptom::fever:
      return {Urgency::contact_clinic_now,
              "Fever after a session may mean an infection: contact the clinic now."};
    case Symptom::pus:
      return {Urgency::contact_clinic_now, "Pus means an infection: contact the clinic now."};
  }
  throw std::logic_error("triage: a symptom without a rule");
}

Symptom symptom_named(std::string_view n) {
  if (const auto s = symptom_from_name(n)) return *s;
  throw InputError(
      "", 0, "symptom",
      fmt::format("unknown '{}' (expected one of {})", n, fmt::join(kSymptomNames, ", ")));
}

}  // namespace smp
