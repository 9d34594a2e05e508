// Reflectance spectra sampled every 10 nm from 400 to 700 nm, and their colour.
#pragma once

#include <array>
#include <cstddef>

#include "smp/colour/colour.h"

namespace smp {

inline constexpr std::size_t kSpectrumSamples = 31;
inline constexpr double kFirstWavelengthNm = 400, kWavelengthStepNm = 10;
inline constexpr double wavelength_nm(std::size_t i) {
  return kFirstWavelengthNm + kWavelengthStepNm * i;
}

using Spectrum = std::array<double, kSpectrumSamples>;

// Builds a spectrum from a function of wavelength (nm).
template <class F>
Spectrum make_spectrum(F f) {
  Spectrum s{};
  for (std::size_t i = 0; i < kSpectrumSamples; ++i) s[i] = f(wavelength_nm(i));
  return s;
}

// CIE 1931 2-degree colour of a reflectance under daylight (D65), Y of a perfect white = 1.
// Colour-matching functions: the multi-lobe fit of Wyman, Sloan and Shirley (2013);
// illuminant: a 6504 K blackbody, adapted to the D65 white point (Bradford).
Xyz reflectance_to_xyz(const Spectrum& reflectance);

}  // namespace smp
