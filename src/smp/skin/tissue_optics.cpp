#include "smp/skin/tissue_optics.h"

#include <algorithm>
#include <cmath>

namespace smp {

double melanosome_mua_per_cm(double l) { return 1.70e12 * std::pow(l, -3.48); }

double baseline_skin_mua_per_cm(double l) { return 0.244 + 85.3 * std::exp(-(l - 154) / 66.2); }

double blood_mua_per_cm(double l, double so2) {
  // Molar extinction (cm^-1 / M), 400-700 nm every 10 nm (Prahl, omlc.org/spectra/hemoglobin).
  static constexpr double hbo2[] = {
      266232,  466840,  480360,  246072, 102580, 62816,   44480, 33209.2, 26629.2, 23684.4, 20932.8,
      20035.2, 24202.4, 39956.8, 53236,  43016,  32613.2, 44496, 50104,   14400.8, 3200,    1506,
      942,     610,     442,     368,    319.6,  294,     277.6, 276,     290};
  static constexpr double hb[] = {223296,  303956,  407560, 528600, 413280,  103292,  23388.8,
                                  16156.4, 14550,   16684,  20862,  25773.6, 31589.6, 39036.4,
                                  46592,   53412,   53788,  45072,  37020,   28324.4, 14677.2,
                                  9443.6,  6509.6,  5148.8, 4345.2, 3750.12, 3226.56, 2795.12,
                                  2407.92, 2051.96, 1794.28};
  const double f = std::clamp((l - 400) / 10, 0.0, 30.0);
  const int i = std::min(static_cast<int>(f), 29);
  const double t = f - i;
  const double e_oxy = hbo2[i] * (1 - t) + hbo2[i + 1] * t,
               e_deoxy = hb[i] * (1 - t) + hb[i + 1] * t;
  // 150 g/L of haemoglobin (64500 g/mol); mu_a = ln(10) * epsilon * molarity.
  constexpr double molar = 150.0 / 64500.0;
  return 2.303 * molar * (so2 * e_oxy + (1 - so2) * e_deoxy);
}

double dermis_mus_prime_per_cm(double l, double mus500) {
  const double x = l / 500.0;
  return mus500 * (0.62 * std::pow(x, -4.0) + 0.38 / x);
}

double carbon_mua_per_cm(double l, double mua500) { return mua500 * 500.0 / l; }

}  // namespace smp
