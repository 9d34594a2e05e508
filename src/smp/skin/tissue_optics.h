// Absorption and scattering spectra of the skin's components (cm^-1, wavelength in nm).
// Sources: omlc.org (Jacques 1998 "Skin optics"; Prahl's haemoglobin tabulation),
// domain.md for the dermis scattering and melanosome absorption.
#pragma once

namespace smp {

// Melanosome absorption: 1.70e12 * lambda^-3.48 (omlc.org melanin spectra).
double melanosome_mua_per_cm(double lambda_nm);
// Baseline absorption of bloodless skin: 0.244 + 85.3 exp(-(lambda - 154) / 66.2) (Jacques 1998).
double baseline_skin_mua_per_cm(double lambda_nm);
// Whole blood (150 g/L haemoglobin) at the given oxygen saturation, from Prahl's molar
// extinction coefficients of HbO2 and Hb at 10 nm steps (linear between them).
double blood_mua_per_cm(double lambda_nm, double oxygen_saturation);
// Dermis reduced scattering: mu_s'(500) * (0.62 (lambda/500)^-4 + 0.38 (lambda/500)^-1)
// (Rayleigh plus Mie; domain.md, MCmatlab skin example).
double dermis_mus_prime_per_cm(double lambda_nm, double mus_prime_500_per_cm);
// Carbon black: flat-ish, mu_a proportional to 1/lambda (Angstrom exponent 1).
double carbon_mua_per_cm(double lambda_nm, double mua_500_per_cm);

}  // namespace smp
