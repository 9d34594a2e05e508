// Is the patient a candidate for SMP now? Rules over the questionnaire (docs/candidacy.md):
// every rule that fires gives a verdict and a reason in plain words, and the most severe
// verdict wins.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/clinic/clinic_parameters.h"
#include "smp/clinic/questionnaire.h"
#include "smp/design/goals.h"

namespace smp {

// In order of severity: a later value overrides an earlier one.
enum class Verdict { candidate, candidate_with_cautions, not_now, refer };

std::string_view name(Verdict v);

struct CandidacyResult {
  Verdict verdict = Verdict::candidate;
  // One per rule that fired, most severe first, in words for the patient.
  std::vector<std::string> reasons;
  // What the clinic does about each caution (test patch, doctor's advice), kept whatever
  // the verdict: they still apply when the patient comes back.
  std::vector<std::string> cautions;
  // For not_now: the earliest return, in months from the consultation, when a rule can
  // tell (the longest of their waits); the reasons say what must happen first.
  std::optional<int> come_back_after_months;
  // The plan once the verdict allows it: the goals the expectations ask for (or, with no
  // usable expectation, the causes'), plus scar camouflage for any scar.
  std::vector<Goal> suggested_goals;
};

CandidacyResult assess_candidacy(const Questionnaire& q, const CandidacyParameters& p);

}  // namespace smp
