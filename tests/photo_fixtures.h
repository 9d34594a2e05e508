// Shared photo fixtures: files written the way phones and cameras write them (JPEG with
// EXIF and ICC, PNG with iCCP, HEIC with a colour profile, Display P3), with the same
// libraries the import reads them with; and the long-haired Norwood VI patient
// photographed in the five clinic views.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/photo/synthetic_photo.h"
#include "smp/render/simulation.h"

#include "test_support.h"

namespace smp::testing {

// An EXIF block ("Exif\0\0" + TIFF) holding only the orientation tag, built by libexif.
std::vector<unsigned char> exif_with_orientation(int orientation);

// RGB-ordered pixels. JPEG at quality 95 with the EXIF block (APP1) and the ICC profile
// (APP2), each left out when empty.
void write_jpeg_file(const std::filesystem::path& p, const cv::Mat& rgb,
                     const std::vector<unsigned char>& exif = {},
                     const std::vector<unsigned char>& icc = {});
// A PNG with an iCCP chunk named "Display P3" (OpenCV's writer cannot embed a profile).
void write_png_file_with_profile(const std::filesystem::path& p, const cv::Mat& rgb,
                                 const std::vector<unsigned char>& icc);
// A HEIC by libheif's HEVC encoder (x265), quality 95, `icc` as its colr/prof box when
// given; false if this libheif has no HEVC encoder.
bool write_heic_file(const std::filesystem::path& p, const cv::Mat& rgb,
                     const std::vector<unsigned char>& icc = {});

// Display P3 as phones embed it: the P3 primaries, the D65 white, the sRGB transfer curve.
class DisplayP3 {
 public:
  DisplayP3();
  ~DisplayP3();
  DisplayP3(const DisplayP3&) = delete;
  DisplayP3& operator=(const DisplayP3&) = delete;

  const std::vector<unsigned char>& icc() const { return icc_; }
  // sRGB pixels (R G B order) re-encoded in Display P3, in place.
  void from_srgb_rgb(cv::Mat& rgb) const;

 private:
  std::vector<unsigned char> icc_;
  void* p3_ = nullptr;    // lcms2's cmsHPROFILE and cmsHTRANSFORM (opaque pointers),
  void* srgb_ = nullptr;  // kept out of the header
  void* from_srgb_ = nullptr;
};
const DisplayP3& display_p3();

// The clicked landmarks: the true ones jittered by up to 0.5 px (seeded).
PhotoLandmarks clicked(const PhotoLandmarks& truth, unsigned seed);

// The Norwood VI example with its hair grown to 6 mm (the longest the renderer draws as
// stubble) so that the fringe shows, before the treatment, photographed 2000 x 1500 in
// the five clinic views.
struct LongHairPatient {
  const DesignedExample& ex = designed_example("norwood6-buzzcut.toml");
  Case c;
  std::unique_ptr<Simulation> sim;
  HeadScene before;
  std::map<View, SyntheticPhoto> photos;
  LongHairPatient();
};
const LongHairPatient& long_hair_patient();

}  // namespace smp::testing
