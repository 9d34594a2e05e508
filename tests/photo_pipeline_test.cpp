// The photo pipeline end to end on the acceptance fixtures: photos rendered from
// the model head (known pose, scale, skin and hair colour), saved as a phone would save
// them (JPEG turned by its EXIF orientation, PNG, HEIC; all in Display P3), imported,
// fitted and analysed: the pose, the scale and the colours come back.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_import.h"
#include "smp/photo/photo_tone.h"
#include "smp/photo/pose_fit.h"
#include "smp/photo/synthetic_photo.h"
#include "smp/render/simulation.h"
#include "smp/skin/hair_colour.h"

#include "photo_fixtures.h"
#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

// Front and top show the bare skin, left and back the fringe's hair.
constexpr View kViews[] = {View::front, View::top, View::left, View::back};

fs::path fixture_dir() {
  const fs::path d = fs::path(::testing::TempDir()) / "photo-pipeline";
  fs::create_directories(d);
  return d;
}

// ---- The containers ----

enum class Container { jpeg_exif_p3, png_p3, heic_p3 };

std::string container_name(Container c) {
  switch (c) {
    case Container::jpeg_exif_p3: return "JpegExifP3";
    case Container::png_p3: return "PngP3";
    case Container::heic_p3: return "HeicP3";
  }
  return "";
}

// EXIF orientation of the JPEG of each view: a phone held one way or the other.
int orientation_of(View v) { return v == View::front || v == View::left ? 6 : 8; }

// The upright photo saved as `c`; empty if this libheif cannot write HEIC.
fs::path save_as(Container c, View v, const cv::Mat& upright_bgr8) {
  using namespace testing;
  cv::Mat p3;
  cv::cvtColor(upright_bgr8, p3, cv::COLOR_BGR2RGB);
  display_p3().from_srgb_rgb(p3);
  const std::string stem = (fixture_dir() / std::string(name(v))).string();
  switch (c) {
    case Container::jpeg_exif_p3: {
      // Stored as the sensor saw it: orientation 6 is shown turned 90 degrees clockwise,
      // so the pixels are stored turned counter-clockwise (and 8 the other way).
      cv::Mat stored;
      const int o = orientation_of(v);
      cv::rotate(p3, stored, o == 6 ? cv::ROTATE_90_COUNTERCLOCKWISE : cv::ROTATE_90_CLOCKWISE);
      write_jpeg_file(stem + ".jpg", stored, exif_with_orientation(o), display_p3().icc());
      return stem + ".jpg";
    }
    case Container::png_p3:
      write_png_file_with_profile(stem + ".png", p3, display_p3().icc());
      return stem + ".png";
    case Container::heic_p3:
      return write_heic_file(stem + ".heic", p3, display_p3().icc()) ? fs::path(stem + ".heic")
                                                                     : fs::path();
  }
  return {};
}

double mean_abs_difference(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat d;
  cv::absdiff(a, b, d);
  const cv::Scalar m = cv::mean(d);
  return (m[0] + m[1] + m[2]) / 3;
}

class PhotoPipelineContainers : public ::testing::TestWithParam<Container> {};

// Each view saved, imported, fitted from its landmarks and analysed on the imported
// pixels; the tone over the views.
TEST_P(PhotoPipelineContainers, ThePoseTheScaleAndTheColoursComeBack) {
  const testing::LongHairPatient& pt = testing::long_hair_patient();
  const Container container = GetParam();
  std::vector<PhotoAnalysis> analyses;
  for (View v : kViews) {
    SCOPED_TRACE(std::string(name(v)));
    const SyntheticPhoto& truth = pt.photos.at(v);
    ASSERT_EQ(truth.bgr8.cols, 2000);
    ASSERT_EQ(truth.bgr8.rows, 1500);
    const fs::path file = save_as(container, v, truth.bgr8);
    if (file.empty()) GTEST_SKIP() << "this libheif has no HEVC encoder to write the fixture";

    // Import: upright, sRGB again, the same pixels within the codec's loss.
    const ImportedPhoto imported = import_photo(file.string());
    ASSERT_EQ(imported.bgr8.type(), CV_8UC3);
    ASSERT_EQ(imported.bgr8.cols, 2000);
    ASSERT_EQ(imported.bgr8.rows, 1500);
    EXPECT_EQ(imported.colour_profile, "Display P3");
    EXPECT_TRUE(imported.converted_to_srgb);
    EXPECT_TRUE(imported.notes.empty());
    if (container == Container::jpeg_exif_p3) {
      EXPECT_EQ(imported.format, "JPEG");
      EXPECT_EQ(imported.exif_orientation, orientation_of(v));
      EXPECT_EQ(imported.original_width, 1500);
      EXPECT_EQ(imported.original_height, 2000);
    } else {
      EXPECT_EQ(imported.format, container == Container::png_p3 ? "PNG" : "HEIC");
      EXPECT_EQ(imported.exif_orientation, 1);
    }
    const double pixel_error = mean_abs_difference(imported.bgr8, truth.bgr8);
    EXPECT_LT(pixel_error, 2.0);  // a photo turned the wrong way differs by tens of levels

    // The pose from the clicked landmarks, on the imported photo's size.
    PhotoLandmarks landmarks = testing::clicked(truth.landmarks, 11 + static_cast<unsigned>(v));
    landmarks.width_px = imported.bgr8.cols;
    landmarks.height_px = imported.bgr8.rows;
    const PoseFit fit = fit_head_pose(pt.sim->head(), landmarks, pt.c.params.photo_pose);
    ASSERT_FALSE(fit.refused) << *fit.refused;
    EXPECT_LT(fit.rms_px, 2.0);
    const double true_mm_per_px = truth.camera.translation_mm[2] / truth.camera.focal_px;
    const double scale_error = fit.mm_per_px_at_head / true_mm_per_px - 1;
    EXPECT_LT(std::abs(scale_error), 0.03);

    analyses.push_back(analyse_photo(imported.bgr8, pt.sim->head(),
                                     camera_of(fit, imported.bgr8.cols, imported.bgr8.rows)));
    std::cout << container_name(container) << " " << name(v) << ": pixels off by " << pixel_error
              << " on average, pose RMS " << fit.rms_px << " px, mm per px "
              << fit.mm_per_px_at_head << " (true " << true_mm_per_px << ", " << 100 * scale_error
              << "%), skin " << analyses.back().skin_pixels << " px, hair "
              << analyses.back().hair_pixels << " px\n";
  }

  const PhotoTone tone = tone_from_photos(analyses, pt.c.patient.hair_colour);
  const Lab skin = to_lab(pt.before.skin), hair = hair_lab(pt.c.patient.hair_colour);
  const double skin_de = delta_e00(tone.skin, skin), hair_de = delta_e00(tone.hair, hair);
  std::cout << container_name(container) << ": skin L*a*b* " << tone.skin.l << " " << tone.skin.a
            << " " << tone.skin.b << " (true " << skin.l << " " << skin.a << " " << skin.b
            << ", dE00 " << skin_de << "); hair " << tone.hair.l << " " << tone.hair.a << " "
            << tone.hair.b << " (true " << hair.l << " " << hair.a << " " << hair.b << ", dE00 "
            << hair_de << ")\n";
  EXPECT_LT(skin_de, 3);
  ASSERT_TRUE(tone.hair_measured);
  EXPECT_LT(hair_de, 3);
  EXPECT_EQ(tone.phototype, pt.c.patient.phototype);
  EXPECT_EQ(tone.hair_colour, pt.c.patient.hair_colour);
}

INSTANTIATE_TEST_SUITE_P(PhotoPipeline, PhotoPipelineContainers,
                         ::testing::Values(Container::jpeg_exif_p3, Container::png_p3,
                                           Container::heic_p3),
                         [](const auto& info) { return container_name(info.param); });

// A pose fitted on one photo does not fit another: a smaller copy, or the photo as stored
// before its EXIF orientation was applied, is refused instead of being analysed askew.
TEST(PhotoPipeline, APhotoOfAnotherSizeThanThePoseIsRefused) {
  const testing::LongHairPatient& pt = testing::long_hair_patient();
  const SyntheticPhoto& photo = pt.photos.at(View::top);
  const PinholeCamera camera =
      camera_of(fit_head_pose(pt.sim->head(), photo.landmarks, pt.c.params.photo_pose), 2000, 1500);
  cv::Mat half, sideways;
  cv::resize(photo.bgr8, half, {1000, 750}, 0, 0, cv::INTER_AREA);
  cv::rotate(photo.bgr8, sideways, cv::ROTATE_90_CLOCKWISE);
  EXPECT_THROW(analyse_photo(half, pt.sim->head(), camera), std::invalid_argument);
  EXPECT_THROW(analyse_photo(sideways, pt.sim->head(), camera), std::invalid_argument);
  // The same camera scaled with the photo is accepted.
  EXPECT_NO_THROW(analyse_photo(half, pt.sim->head(), camera.scaled(0.5)));
}

}  // namespace
}  // namespace smp
