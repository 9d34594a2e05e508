// The candidacy questionnaire (docs/candidacy.md): why the patient lost hair, the medical
// flags that call for a wait or a doctor, and what the patient expects. Every time is a
// count of months before the consultation, so an assessment is a pure function of it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

// Causes of hair loss; a patient may have several (androgenetic plus transplant scars).
enum class HairLossCause {
  androgenetic,     // male pattern: hairline and vertex
  female_thinning,  // diffuse thinning in women (Ludwig, Olsen)
  alopecia_areata,  // autoimmune patches
  chemotherapy,
  transplant_scars,  // FUT strip or FUE scars, or a donor area with no hair left
  trauma_scars,
  burn_scars,
};

// What the patient hopes to see.
enum class Expectation {
  buzz_cut,  // the shaved-head look on bald areas
  density,   // less scalp showing between the hair that is left
  scar_cover,
  long_hair,  // the look of a full head of longer hair: beyond what SMP can give
};

std::string_view name(HairLossCause c);
std::string_view name(Expectation e);

struct Questionnaire {
  std::vector<HairLossCause> causes;        // non-empty, no repeats, in the file's order
  std::optional<int> areata_stable_months;  // since the last new patch (alopecia areata only)
  bool chemotherapy_ongoing = false;
  std::optional<int> chemotherapy_finished_months;  // since the last cycle (when not ongoing)
  std::optional<int> transplant_months;             // since the last hair transplant, if any
  bool transplant_planned = false;
  // Medical flags.
  bool active_scalp_condition = false;  // scalp disease or infection being treated or untreated
  bool keloid_tendency = false;
  bool pigment_allergy = false;  // known allergy to tattoo ink or pigment
  bool blood_thinners = false;
  bool pregnant_or_breastfeeding = false;
  std::vector<Expectation> expectations;  // no repeats; may be empty
};

// The names a questionnaire file uses, in the enums' order.
inline constexpr std::array<std::string_view, 7> kHairLossCauseNames{
    "androgenetic",     "female_thinning", "alopecia_areata", "chemotherapy",
    "transplant_scars", "trauma_scars",    "burn_scars"};
inline constexpr std::array<std::string_view, 4> kExpectationNames{"buzz_cut", "density",
                                                                   "scar_cover", "long_hair"};

bool has_cause(const Questionnaire& q, HairLossCause c);

}  // namespace smp
