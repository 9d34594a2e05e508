#include "smp/skin/skin_reflectance.h"

#include <algorithm>
#include <cmath>

#include "smp/skin/tissue_optics.h"

namespace smp {
namespace {

struct Coefficients {
  double epidermis_mua, dermis_mua, dermis_s;  // cm^-1; S is the KM scattering
};

Coefficients coefficients(double l, const SkinLayers& skin, const SkinOpticsParameters& p,
                          double blood_factor) {
  const double base = baseline_skin_mua_per_cm(l);
  const double epi =
      skin.melanin_fraction * melanosome_mua_per_cm(l) + (1 - skin.melanin_fraction) * base;
  const double blood = std::min(0.2, skin.blood_fraction * blood_factor);
  const double der = blood * blood_mua_per_cm(l, p.blood_oxygen_saturation) + (1 - blood) * base;
  // Diffuse-light KM coefficients from transport ones: K = 2 mu_a, S = 3/4 mu_s'
  // (Thennadil 2008 gives this leading order).
  return {epi, der, 0.75 * dermis_mus_prime_per_cm(l, p.dermis_mus_prime_500_per_cm)};
}

}  // namespace

SkinLayers SkinLayers::for_phototype(int phototype, const SkinOpticsParameters& p) {
  return {p.melanin_fraction[std::clamp(phototype, 1, 6) - 1], p.dermis_blood_fraction};
}

double km_infinite(double k, double s) {
  const double q = k / s;
  return 1 + q - std::sqrt(q * q + 2 * q);
}

double km_layer(double rg, double k, double s, double thickness_cm) {
  const double a = 1 + k / s, b = std::sqrt(a * a - 1);
  const double x = b * s * thickness_cm;
  const double coth = x > 20 ? 1.0 : std::cosh(x) / std::sinh(std::max(x, 1e-12));
  return (1 - rg * (a - b * coth)) / (a - rg + b * coth);
}

Spectrum bare_skin_reflectance(const SkinLayers& skin, const SkinOpticsParameters& p,
                               double blood_factor) {
  return make_spectrum([&](double l) {
    const Coefficients c = coefficients(l, skin, p, blood_factor);
    const double t_epi = std::exp(-c.epidermis_mua * p.epidermis_um * 1e-4);
    return t_epi * t_epi * km_infinite(2 * c.dermis_mua, c.dermis_s);
  });
}

Spectrum inked_skin_reflectance(const SkinLayers& skin, const SkinOpticsParameters& p,
                                const InkDeposit& ink, double blood_factor) {
  const double band_cm = p.ink_layer_um * 1e-4;
  const double above_cm = std::max(20.0, ink.depth_um - p.epidermis_um - p.ink_layer_um / 2) * 1e-4;
  return make_spectrum([&](double l) {
    const Coefficients c = coefficients(l, skin, p, blood_factor);
    const double ink_mua = ink.pigment_fraction * carbon_mua_per_cm(l, p.carbon_mua_500_per_cm);
    // Ink still in the epidermis absorbs as a thin layer with nothing scattering above it.
    const double t_epi = std::exp(-c.epidermis_mua * p.epidermis_um * 1e-4 -
                                  ink.epidermal_fraction * ink_mua * band_cm);
    const double below = km_infinite(2 * c.dermis_mua, c.dermis_s);
    const double band = km_layer(below, 2 * (c.dermis_mua + (1 - ink.epidermal_fraction) * ink_mua),
                                 c.dermis_s, band_cm);
    return t_epi * t_epi * km_layer(band, 2 * c.dermis_mua, c.dermis_s, above_cm);
  });
}

}  // namespace smp
