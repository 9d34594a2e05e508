// One impression over time: fresh (dark, with ink still in the epidermis and redness
// around it), healed at about a month (lighter, smaller core), then slowly fading under
// the patient's habits. Deep needles spread the ink (blowout).
#pragma once

#include "smp/skin/skin_parameters.h"
#include "smp/skin/skin_reflectance.h"

namespace smp {

enum class SunExposure { low, moderate, high, very_high };
enum class InkQuality { medical, standard, low };

// What the patient does, from the case file's [habits] (docs/case-file.md).
struct Habits {
  SunExposure sun = SunExposure::moderate;
  bool daily_sunscreen = false;         // SPF 30-50 on the scalp
  bool washed_in_first_3_days = false;  // seed: no washing for 3 days
  bool sauna_in_first_3_days = false;   // or steam, swimming
  bool alcohol_topicals = false;        // minoxidil solution, hairspray
  InkQuality ink = InkQuality::medical;
};

// Years for the retained pigment to halve after healing, for these habits on this tissue.
double pigment_half_life_years(const Habits& h, bool scar_tissue,
                               const ImpressionLifeParameters& p);
// Share of the dermal deposit lost at once by early washing or heat (first 3 days).
double early_aftercare_loss(const Habits& h);

struct ImpressionState {
  double visible_diameter_um = 0;
  InkDeposit deposit;
  double blood_factor = 1;  // redness around the impression
};

// The impression `days` after its session. shade: pigment fraction of the dilution;
// diameter_um, depth_um: as placed (fresh impression of the needle).
ImpressionState impression_at(double days, double shade, double diameter_um, double depth_um,
                              bool scar_tissue, const Habits& habits,
                              const ImpressionLifeParameters& p);

// Fresh diameter after blowout: grows past the onset depth.
double blowout_diameter_um(double diameter_um, double depth_um, const ImpressionLifeParameters& p);

}  // namespace smp
