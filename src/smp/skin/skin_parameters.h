// The skin's numbers: optics of skin and pigment, and the life of an impression
// (docs/skin-optics.md). Sources: docs/domain.md and docs/parameters.md (the index of every number,
// its default, range and source).
#pragma once

namespace smp {

// Skin and pigment optics (docs/skin-optics.md). Spectral, 400-700 nm.
struct SkinOpticsParameters {
  double epidermis_um = 60;  // domain.md; MCmatlab skin example
  // Melanosome volume fraction of the epidermis per Fitzpatrick type I..VI: light skin
  // 1.3-6.3%, moderately pigmented 11-16%, dark 18-43% (Jacques 1998, omlc.org).
  double melanin_fraction[6] = {0.02, 0.04, 0.08, 0.13, 0.22, 0.43};
  double dermis_blood_fraction = 0.01;        // 0.2-7% (Jacques 1998); 1% typical scalp
  double blood_oxygen_saturation = 0.75;      // mixed arterial/venous
  double dermis_mus_prime_500_per_cm = 42.4;  // domain.md: mu_s'(500 nm) of the dermis
  // Carbon black absorption per unit pigment fraction of the dilution, at 500 nm, as
  // deposited in the dermis; falls as 1/lambda (Angstrom exponent 1 of black carbon).
  // Calibrated with the haired reference: the healed Norwood VI buzz cut on type III
  // skin matches a buzz-cut reference within Delta E00 3 at 1.5 m (tests/simulation_test).
  double carbon_mua_500_per_cm = 800;
  double ink_layer_um = 150;  // the band of dermis holding the deposit
};

// The life of an impression: fresh, healed, blowout, fading (docs/skin-optics.md).
struct ImpressionLifeParameters {
  double healed_area_fraction = 0.5;  // visible core shrinks about 50% in area (clinics)
  double healed_retention =
      0.55;  // dermal pigment kept after healing: 2-3 shades lighter (elkasmp.com.au)
  double fresh_epidermal_fraction =
      0.4;  // of the deposit in the epidermis while fresh (shed in healing)
  double fresh_erythema_blood_factor = 3;  // blood around fresh dots (redness, first days)
  double erythema_days = 4;
  double healed_days = 30;        // true colour at about one month (seed)
  double blowout_onset_um = 450;  // below the upper dermis the ink spreads
  double blowout_growth_per_100um =
      0.75;  // diameter grows 75% per 100 um deeper (about 1 mm at 900 um)
  // Fading after healing: retained pigment halves in this many years with typical habits.
  // Calibrated so that typical habits reach the touch-up threshold in 3-5 years, heavy
  // sun plus topicals sooner, careful patients up to about 10 (seed; clinics).
  double half_life_years = 4.0;
};

struct SkinParameters {
  SkinOpticsParameters skin;
  ImpressionLifeParameters life;
};

}  // namespace smp
