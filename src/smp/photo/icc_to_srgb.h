// Embedded ICC colour profiles (Display P3, Adobe RGB, ...) converted to sRGB with
// Little CMS, so every imported photo means the same colours.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace smp {

struct ProfileConversion {
  std::string description;  // the profile's description ("Display P3"); empty if no profile
  bool converted = false;   // the pixels were transformed to sRGB
  std::string note;         // why a profile present was not used; empty otherwise
};

// Transforms `rgb8` (8-bit R G B) in place from the `icc` profile to sRGB, relative
// colorimetric with black point compensation: colours inside the sRGB gamut keep their
// appearance, colours outside it are clipped. Nothing to do for no profile or an sRGB one.
ProfileConversion convert_to_srgb(cv::Mat& rgb8, const std::vector<std::uint8_t>& icc);

}  // namespace smp
