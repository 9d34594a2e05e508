#include "photo_fixtures.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include <jpeglib.h>
#include <lcms2.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <png.h>

namespace smp::testing {

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

void write_jpeg_file(const std::filesystem::path& p, const cv::Mat& rgb,
                     const std::vector<unsigned char>& exif,
                     const std::vector<unsigned char>& icc) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  ASSERT_NE(f, nullptr) << p;
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
  if (!exif.empty())
    jpeg_write_marker(&cinfo, JPEG_APP0 + 1, exif.data(), static_cast<unsigned>(exif.size()));
  if (!icc.empty()) jpeg_write_icc_profile(&cinfo, icc.data(), static_cast<unsigned>(icc.size()));
  for (int y = 0; y < rgb.rows; ++y) {
    JSAMPROW row = const_cast<JSAMPROW>(rgb.ptr(y));
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::fclose(f);
}

void write_png_file_with_profile(const std::filesystem::path& p, const cv::Mat& rgb,
                                 const std::vector<unsigned char>& icc) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  ASSERT_NE(f, nullptr) << p;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(rgb.cols), static_cast<png_uint_32>(rgb.rows), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_iCCP(png, info, "Display P3", PNG_COMPRESSION_TYPE_BASE, icc.data(),
               static_cast<png_uint_32>(icc.size()));
  png_write_info(png, info);
  for (int y = 0; y < rgb.rows; ++y) png_write_row(png, rgb.ptr(y));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
}

bool write_heic_file(const std::filesystem::path& p, const cv::Mat& rgb,
                     const std::vector<unsigned char>& icc) {
  heif_context* ctx = heif_context_alloc();
  heif_encoder* encoder = nullptr;
  if (heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &encoder).code !=
      heif_error_Ok) {
    heif_context_free(ctx);
    return false;
  }
  heif_image* image = nullptr;
  heif_image_create(rgb.cols, rgb.rows, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
  heif_image_add_plane(image, heif_channel_interleaved, rgb.cols, rgb.rows, 8);
  int stride = 0;
  uint8_t* plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(plane + static_cast<std::ptrdiff_t>(y) * stride, rgb.ptr(y),
                static_cast<std::size_t>(rgb.cols) * 3);
  if (!icc.empty()) heif_image_set_raw_color_profile(image, "prof", icc.data(), icc.size());
  heif_encoder_set_lossy_quality(encoder, 95);
  const bool ok =
      heif_context_encode_image(ctx, image, encoder, nullptr, nullptr).code == heif_error_Ok &&
      heif_context_write_to_file(ctx, p.c_str()).code == heif_error_Ok;
  heif_image_release(image);
  heif_encoder_release(encoder);
  heif_context_free(ctx);
  return ok;
}

DisplayP3::DisplayP3() {
  const cmsCIExyY white{0.3127, 0.3290, 1.0};
  const cmsCIExyYTRIPLE primaries{{0.680, 0.320, 1.0}, {0.265, 0.690, 1.0}, {0.150, 0.060, 1.0}};
  const cmsFloat64Number srgb_curve[5] = {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045};
  cmsToneCurve* curve = cmsBuildParametricToneCurve(nullptr, 4, srgb_curve);
  cmsToneCurve* curves[3] = {curve, curve, curve};
  p3_ = cmsCreateRGBProfile(&white, &primaries, curves);
  cmsFreeToneCurve(curve);
  cmsMLU* description = cmsMLUalloc(nullptr, 1);
  cmsMLUsetASCII(description, "en", "US", "Display P3");
  cmsWriteTag(p3_, cmsSigProfileDescriptionTag, description);
  cmsMLUfree(description);
  cmsUInt32Number size = 0;
  cmsSaveProfileToMem(p3_, nullptr, &size);
  icc_.resize(size);
  cmsSaveProfileToMem(p3_, icc_.data(), &size);
  srgb_ = cmsCreate_sRGBProfile();
  from_srgb_ =
      cmsCreateTransform(srgb_, TYPE_RGB_8, p3_, TYPE_RGB_8, INTENT_RELATIVE_COLORIMETRIC, 0);
}

DisplayP3::~DisplayP3() {
  cmsDeleteTransform(from_srgb_);
  cmsCloseProfile(srgb_);
  cmsCloseProfile(p3_);
}

void DisplayP3::from_srgb_rgb(cv::Mat& rgb) const {
  for (int y = 0; y < rgb.rows; ++y)
    cmsDoTransform(from_srgb_, rgb.ptr(y), rgb.ptr(y), static_cast<cmsUInt32Number>(rgb.cols));
}

const DisplayP3& display_p3() {
  static const DisplayP3 p;
  return p;
}

PhotoLandmarks clicked(const PhotoLandmarks& truth, unsigned seed) {
  PhotoLandmarks l = truth;
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> jitter(-0.5, 0.5);
  for (auto& [name, p] : l.points) p = {p.x_px + jitter(gen), p.y_px + jitter(gen)};
  return l;
}

LongHairPatient::LongHairPatient() : c(ex.c) {
  c.loss.hair_length_mm = 6;
  sim = std::make_unique<Simulation>(simulation_inputs(c), *ex.field, ex.planned);
  before = sim->head_scene({});
  for (View v : kClinicViews) {
    SyntheticPhotoSpec spec;
    spec.view = v;
    photos[v] = render_synthetic_photo(before, sim->head(), spec);
  }
}

const LongHairPatient& long_hair_patient() {
  static const LongHairPatient p;
  return p;
}

}  // namespace smp::testing
