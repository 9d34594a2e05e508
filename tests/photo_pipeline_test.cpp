// The photo pipeline end to end on the acceptance fixtures: photos rendered from
// the model head (known pose, scale, skin and hair colour), saved as a phone would save
// them (JPEG turned by its EXIF orientation, PNG, HEIC; all in Display P3), imported,
// fitted and analysed: the pose, the scale and the colours come back.
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <lcms2.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <png.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <opencv2/imgproc.hpp>
#include <random>
#include <stdexcept>

#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_import.h"
#include "smp/photo/photo_tone.h"
#include "smp/photo/pose_fit.h"
#include "smp/photo/synthetic_photo.h"
#include "smp/render/simulation.h"
#include "smp/skin/hair_colour.h"
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

// ---- Fixture writers (the same libraries the import reads them with) ----

// An EXIF block ("Exif\0\0" + TIFF) holding only the orientation tag, built by libexif.
std::vector<unsigned char> exif_with_orientation(int orientation) {
  ExifData* data = exif_data_new();
  exif_data_set_byte_order(data, EXIF_BYTE_ORDER_MOTOROLA);
  ExifEntry* entry = exif_entry_new();
  exif_content_add_entry(data->ifd[EXIF_IFD_0], entry);
  exif_entry_initialize(entry, EXIF_TAG_ORIENTATION);
  exif_set_short(entry->data, EXIF_BYTE_ORDER_MOTOROLA, static_cast<ExifShort>(orientation));
  unsigned char* buffer = nullptr;
  unsigned int size = 0;
  exif_data_save_data(data, &buffer, &size);
  std::vector<unsigned char> block(buffer, buffer + size);
  std::free(buffer);
  exif_entry_unref(entry);
  exif_data_unref(data);
  return block;
}

// Quality 95, with the EXIF block (APP1) and the ICC profile (APP2).
fs::path write_jpeg(const fs::path& p, const cv::Mat& rgb, const std::vector<unsigned char>& exif,
                    const std::vector<unsigned char>& icc) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  jpeg_stdio_dest(&cinfo, f);
  cinfo.image_width = static_cast<JDIMENSION>(rgb.cols);
  cinfo.image_height = static_cast<JDIMENSION>(rgb.rows);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  jpeg_write_marker(&cinfo, JPEG_APP0 + 1, exif.data(), static_cast<unsigned>(exif.size()));
  jpeg_write_icc_profile(&cinfo, icc.data(), static_cast<unsigned>(icc.size()));
  for (int y = 0; y < rgb.rows; ++y) {
    JSAMPROW row = const_cast<JSAMPROW>(rgb.ptr(y));
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::fclose(f);
  return p;
}

// A PNG with an iCCP chunk (OpenCV's writer cannot embed a profile).
fs::path write_png(const fs::path& p, const cv::Mat& rgb, const std::vector<unsigned char>& icc) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(rgb.cols), static_cast<png_uint_32>(rgb.rows), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_iCCP(png, info, "Display P3", PNG_COMPRESSION_TYPE_BASE, icc.data(), static_cast<png_uint_32>(icc.size()));
  png_write_info(png, info);
  for (int y = 0; y < rgb.rows; ++y) png_write_row(png, rgb.ptr(y));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
  return p;
}

// A HEIC written by libheif's HEVC encoder (x265), quality 95, with `icc` as its colr/prof
// box; empty if this libheif has no HEVC encoder.
fs::path write_heic(const fs::path& p, const cv::Mat& rgb, const std::vector<unsigned char>& icc) {
  heif_context* ctx = heif_context_alloc();
  heif_encoder* encoder = nullptr;
  if (heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &encoder).code != heif_error_Ok) {
    heif_context_free(ctx);
    return {};
  }
  heif_image* image = nullptr;
  heif_image_create(rgb.cols, rgb.rows, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
  heif_image_add_plane(image, heif_channel_interleaved, rgb.cols, rgb.rows, 8);
  int stride = 0;
  uint8_t* plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(plane + static_cast<std::ptrdiff_t>(y) * stride, rgb.ptr(y), static_cast<std::size_t>(rgb.cols) * 3);
  heif_image_set_raw_color_profile(image, "prof", icc.data(), icc.size());
  heif_encoder_set_lossy_quality(encoder, 95);
  const bool ok = heif_context_encode_image(ctx, image, encoder, nullptr, nullptr).code == heif_error_Ok &&
                  heif_context_write_to_file(ctx, p.c_str()).code == heif_error_Ok;
  heif_image_release(image);
  heif_encoder_release(encoder);
  heif_context_free(ctx);
  return ok ? p : fs::path();
}

// Display P3 as phones embed it: the P3 primaries, the D65 white, the sRGB transfer curve.
struct DisplayP3 {
  std::vector<unsigned char> icc;
  cmsHPROFILE p3 = nullptr, srgb = nullptr;
  cmsHTRANSFORM from_srgb = nullptr;

  DisplayP3() {
    const cmsCIExyY white{0.3127, 0.3290, 1.0};
    const cmsCIExyYTRIPLE primaries{{0.680, 0.320, 1.0}, {0.265, 0.690, 1.0}, {0.150, 0.060, 1.0}};
    const cmsFloat64Number srgb_curve[5] = {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045};
    cmsToneCurve* curve = cmsBuildParametricToneCurve(nullptr, 4, srgb_curve);
    cmsToneCurve* curves[3] = {curve, curve, curve};
    p3 = cmsCreateRGBProfile(&white, &primaries, curves);
    cmsFreeToneCurve(curve);
    cmsMLU* description = cmsMLUalloc(nullptr, 1);
    cmsMLUsetASCII(description, "en", "US", "Display P3");
    cmsWriteTag(p3, cmsSigProfileDescriptionTag, description);
    cmsMLUfree(description);
    cmsUInt32Number size = 0;
    cmsSaveProfileToMem(p3, nullptr, &size);
    icc.resize(size);
    cmsSaveProfileToMem(p3, icc.data(), &size);
    srgb = cmsCreate_sRGBProfile();
    from_srgb = cmsCreateTransform(srgb, TYPE_RGB_8, p3, TYPE_RGB_8, INTENT_RELATIVE_COLORIMETRIC, 0);
  }
  ~DisplayP3() {
    cmsDeleteTransform(from_srgb);
    cmsCloseProfile(srgb);
    cmsCloseProfile(p3);
  }
  DisplayP3(const DisplayP3&) = delete;
  DisplayP3& operator=(const DisplayP3&) = delete;

  // An sRGB photo (OpenCV's BGR) re-encoded in Display P3, R G B order for the writers.
  cv::Mat rgb_from_srgb_bgr(const cv::Mat& bgr8) const {
    cv::Mat rgb;
    cv::cvtColor(bgr8, rgb, cv::COLOR_BGR2RGB);
    for (int y = 0; y < rgb.rows; ++y) cmsDoTransform(from_srgb, rgb.ptr(y), rgb.ptr(y), static_cast<cmsUInt32Number>(rgb.cols));
    return rgb;
  }
};

// ---- The patient ----

// The clicked landmarks: the true ones jittered by up to 0.5 px (seeded).
PhotoLandmarks clicked(const PhotoLandmarks& truth, unsigned seed) {
  PhotoLandmarks l = truth;
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> jitter(-0.5, 0.5);
  for (auto& [name, p] : l.points) p = {p.x_px + jitter(gen), p.y_px + jitter(gen)};
  return l;
}

// The Norwood VI example with its hair grown to 6 mm so that the fringe shows, before
// the treatment, photographed 2000 x 1500 in the views above.
struct Patient {
  const testing::DesignedExample& ex = testing::designed_example("norwood6-buzzcut.toml");
  Case c = [&] {
    Case copy = ex.c;
    copy.loss.hair_length_mm = 6;
    return copy;
  }();
  Simulation sim{c, *ex.field, ex.planned};
  HeadScene before = sim.head_scene({"before", 0, 0});
  std::map<View, SyntheticPhoto> photos;
  Patient() {
    for (View v : kViews) {
      SyntheticPhotoSpec spec;
      spec.view = v;
      photos[v] = render_synthetic_photo(before, sim.head(), spec);
    }
  }
};

const Patient& patient() {
  static const Patient p;
  return p;
}

const DisplayP3& display_p3() {
  static const DisplayP3 p;
  return p;
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
  const cv::Mat p3 = display_p3().rgb_from_srgb_bgr(upright_bgr8);
  const std::string stem = (fixture_dir() / std::string(name(v))).string();
  switch (c) {
    case Container::jpeg_exif_p3: {
      // Stored as the sensor saw it: orientation 6 is shown turned 90 degrees clockwise,
      // so the pixels are stored turned counter-clockwise (and 8 the other way).
      cv::Mat stored;
      const int o = orientation_of(v);
      cv::rotate(p3, stored, o == 6 ? cv::ROTATE_90_COUNTERCLOCKWISE : cv::ROTATE_90_CLOCKWISE);
      return write_jpeg(stem + ".jpg", stored, exif_with_orientation(o), display_p3().icc);
    }
    case Container::png_p3: return write_png(stem + ".png", p3, display_p3().icc);
    case Container::heic_p3: return write_heic(stem + ".heic", p3, display_p3().icc);
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
  const Patient& pt = patient();
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
    PhotoLandmarks landmarks = clicked(truth.landmarks, 11 + static_cast<unsigned>(v));
    landmarks.width_px = imported.bgr8.cols;
    landmarks.height_px = imported.bgr8.rows;
    const PoseFit fit = fit_head_pose(pt.sim.head(), landmarks, pt.c.params.photo_pose);
    ASSERT_FALSE(fit.refused) << *fit.refused;
    EXPECT_LT(fit.rms_px, 2.0);
    const double true_mm_per_px = truth.camera.translation_mm[2] / truth.camera.focal_px;
    const double scale_error = fit.mm_per_px_at_head / true_mm_per_px - 1;
    EXPECT_LT(std::abs(scale_error), 0.03);

    analyses.push_back(analyse_photo(imported.bgr8, pt.sim.head(), camera_of(fit, imported.bgr8.cols, imported.bgr8.rows)));
    std::cout << container_name(container) << " " << name(v) << ": pixels off by " << pixel_error << " on average, pose RMS "
              << fit.rms_px << " px, mm per px " << fit.mm_per_px_at_head << " (true " << true_mm_per_px << ", "
              << 100 * scale_error << "%), skin " << analyses.back().skin_pixels << " px, hair " << analyses.back().hair_pixels
              << " px\n";
  }

  const PhotoTone tone = tone_from_photos(analyses, pt.c.patient.hair_colour);
  const Lab skin = to_lab(pt.before.skin), hair = hair_lab(pt.c.patient.hair_colour);
  const double skin_de = delta_e00(tone.skin, skin), hair_de = delta_e00(tone.hair, hair);
  std::cout << container_name(container) << ": skin L*a*b* " << tone.skin.l << " " << tone.skin.a << " " << tone.skin.b
            << " (true " << skin.l << " " << skin.a << " " << skin.b << ", dE00 " << skin_de << "); hair " << tone.hair.l << " "
            << tone.hair.a << " " << tone.hair.b << " (true " << hair.l << " " << hair.a << " " << hair.b << ", dE00 " << hair_de
            << ")\n";
  EXPECT_LT(skin_de, 3);
  ASSERT_TRUE(tone.hair_measured);
  EXPECT_LT(hair_de, 3);
  EXPECT_EQ(tone.phototype, pt.c.patient.phototype);
  EXPECT_EQ(tone.hair_colour, pt.c.patient.hair_colour);
}

INSTANTIATE_TEST_SUITE_P(PhotoPipeline, PhotoPipelineContainers,
                         ::testing::Values(Container::jpeg_exif_p3, Container::png_p3, Container::heic_p3),
                         [](const auto& info) { return container_name(info.param); });

// A pose fitted on one photo does not fit another: a smaller copy, or the photo as stored
// before its EXIF orientation was applied, is refused instead of being analysed askew.
TEST(PhotoPipeline, APhotoOfAnotherSizeThanThePoseIsRefused) {
  const Patient& pt = patient();
  const SyntheticPhoto& photo = pt.photos.at(View::top);
  const PinholeCamera camera = camera_of(fit_head_pose(pt.sim.head(), photo.landmarks, pt.c.params.photo_pose), 2000, 1500);
  cv::Mat half, sideways;
  cv::resize(photo.bgr8, half, {1000, 750}, 0, 0, cv::INTER_AREA);
  cv::rotate(photo.bgr8, sideways, cv::ROTATE_90_CLOCKWISE);
  EXPECT_THROW(analyse_photo(half, pt.sim.head(), camera), std::invalid_argument);
  EXPECT_THROW(analyse_photo(sideways, pt.sim.head(), camera), std::invalid_argument);
  // The same camera scaled with the photo is accepted.
  EXPECT_NO_THROW(analyse_photo(half, pt.sim.head(), camera.scaled(0.5)));
}

}  // namespace
}  // namespace smp
