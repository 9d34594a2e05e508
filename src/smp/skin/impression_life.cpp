#include "smp/skin/impression_life.h"

#include <algorithm>
#include <cmath>

namespace smp {

double pigment_half_life_years(const Habits& h, bool scar_tissue,
                               const ImpressionLifeParameters& p) {
  // Multipliers of the typical half-life. UV breaks carbon-laden macrophages down
  // fastest (clinics: sun is the main cause of fading); alcohol-based topicals and
  // non-medical ink speed fading; scar tissue holds pigment less well (domain.md).
  static constexpr double kSun[] = {1.6, 1.0, 0.65, 0.45};
  static constexpr double kInk[] = {1.0, 0.8, 0.6};
  double f = kSun[static_cast<int>(h.sun)] * kInk[static_cast<int>(h.ink)];
  if (h.daily_sunscreen) f *= 1.5;
  if (h.alcohol_topicals) f *= 0.7;
  if (scar_tissue) f *= 0.7;
  return p.half_life_years * f;
}

double early_aftercare_loss(const Habits& h) {
  return 1 - (h.washed_in_first_3_days ? 0.85 : 1.0) * (h.sauna_in_first_3_days ? 0.9 : 1.0);
}

double blowout_diameter_um(double diameter_um, double depth_um, const ImpressionLifeParameters& p) {
  return diameter_um *
         (1 + p.blowout_growth_per_100um * std::max(0.0, depth_um - p.blowout_onset_um) / 100);
}

ImpressionState impression_at(double days, double shade, double diameter_um, double depth_um,
                              bool scar_tissue, const Habits& habits,
                              const ImpressionLifeParameters& p) {
  ImpressionState s;
  const double fresh_d = blowout_diameter_um(diameter_um, depth_um, p);
  const double healed_d = fresh_d * std::sqrt(p.healed_area_fraction);
  // Healing progress 0 (fresh) .. 1 (healed), smooth over the healing period.
  const double t = std::clamp(days / p.healed_days, 0.0, 1.0);
  const double heal = t * t * (3 - 2 * t);
  s.visible_diameter_um = fresh_d + (healed_d - fresh_d) * heal;
  const double retained_at_healing = p.healed_retention * (1 - early_aftercare_loss(habits));
  double retained = 1 + (retained_at_healing - 1) * heal;
  if (days > p.healed_days) {
    const double years = (days - p.healed_days) / 365.25;
    retained *= std::pow(0.5, years / pigment_half_life_years(habits, scar_tissue, p));
  }
  s.deposit = {shade * retained, depth_um, p.fresh_epidermal_fraction * (1 - heal)};
  s.blood_factor = 1 + (p.fresh_erythema_blood_factor - 1) * std::exp(-days / p.erythema_days);
  return s;
}

}  // namespace smp
