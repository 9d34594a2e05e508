// Diffuse reflectance of the scalp, bare and with a carbon deposit in the dermis:
// an absorbing epidermis (melanin) over a scattering dermis (blood), with the ink as an
// absorbing band at the needle's depth. Layers combine by Kubelka-Munk; short
// wavelengths scatter back from the dermis above the ink before they reach it, which is
// why dermal carbon looks blue-grey (docs/skin-optics.md).
#pragma once

#include "smp/skin/skin_parameters.h"
#include "smp/skin/spectrum.h"

namespace smp {

struct SkinLayers {
  double melanin_fraction = 0.08;  // of the epidermis
  double blood_fraction = 0.01;    // of the dermis
  static SkinLayers for_phototype(int phototype, const SkinOpticsParameters& p);
};

struct InkDeposit {
  double pigment_fraction = 0;    // dilution's pigment fraction x the share still in the skin
  double depth_um = 350;          // centre of the deposit below the surface
  double epidermal_fraction = 0;  // of the deposit still in the epidermis (fresh dots)
};

// Kubelka-Munk: reflectance of an infinitely thick layer, and of a layer of given
// thickness over a background of reflectance rg (K, S in cm^-1, thickness in cm).
double km_infinite(double k, double s);
double km_layer(double rg, double k, double s, double thickness_cm);

// blood_factor scales the dermal blood (redness around fresh impressions).
Spectrum bare_skin_reflectance(const SkinLayers& skin, const SkinOpticsParameters& p,
                               double blood_factor = 1);
Spectrum inked_skin_reflectance(const SkinLayers& skin, const SkinOpticsParameters& p,
                                const InkDeposit& ink, double blood_factor = 1);

}  // namespace smp
