#include "smp/photo/icc_to_srgb.h"

#include <memory>

#include <lcms2.h>

namespace smp {
namespace {

using Profile = std::unique_ptr<void, decltype(&cmsCloseProfile)>;
using Transform = std::unique_ptr<void, decltype(&cmsDeleteTransform)>;

std::string profile_description(cmsHPROFILE p) {
  char text[256] = "";
  cmsGetProfileInfoASCII(p, cmsInfoDescription, "en", "US", text, sizeof text);
  return text;
}

}  // namespace

ProfileConversion convert_to_srgb(cv::Mat& rgb8, const std::vector<std::uint8_t>& icc) {
  ProfileConversion result;
  if (icc.empty()) return result;
  const Profile source(cmsOpenProfileFromMem(icc.data(), static_cast<cmsUInt32Number>(icc.size())),
                       cmsCloseProfile);
  if (!source) {
    result.note = "the embedded colour profile cannot be read; the pixels are taken as sRGB";
    return result;
  }
  result.description = profile_description(source.get());
  if (cmsGetColorSpace(source.get()) != cmsSigRgbData) {
    result.note = "the embedded colour profile is not an RGB profile; the pixels are taken as sRGB";
    return result;
  }
  // Cameras and phones name the standard profile "sRGB IEC61966-2.1" or similar.
  if (result.description.find("sRGB") != std::string::npos) return result;

  const Profile srgb(cmsCreate_sRGBProfile(), cmsCloseProfile);
  const Transform transform(
      cmsCreateTransform(source.get(), TYPE_RGB_8, srgb.get(), TYPE_RGB_8,
                         INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION),
      cmsDeleteTransform);
  if (!transform) {
    result.note =
        "no transform from the embedded colour profile to sRGB; the pixels are taken as sRGB";
    return result;
  }
  for (int y = 0; y < rgb8.rows; ++y)
    cmsDoTransform(transform.get(), rgb8.ptr(y), rgb8.ptr(y),
                   static_cast<cmsUInt32Number>(rgb8.cols));
  result.converted = true;
  return result;
}

}  // namespace smp
