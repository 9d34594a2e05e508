// Photo import: every format brings back the same upright sRGB patches, and bad files
// are refused with an error naming the file. The fixtures are written here, with the same
// libraries the import reads them with (libjpeg, libpng via OpenCV, libheif, libexif, lcms2).
#include "smp/photo/photo_import.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <png.h>
#include <sys/wait.h>

#include "smp/colour/colour.h"
#include "smp/io/input_error.h"
#include "smp/photo/exif_orientation.h"
#include "smp/photo/pixel_limit.h"

#include "photo_fixtures.h"
#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

using Rgb = cv::Vec3b;
using testing::exif_with_orientation;

// The upright test photo: 200 x 120, grey, with patches that tell every rotation and
// mirror apart (red top left, green top right, a skin tone bottom left).
constexpr int kWidth = 200, kHeight = 120;
struct Patch {
  cv::Rect where;
  Rgb rgb;
};
const std::vector<Patch> kPatches{{{10, 10, 40, 40}, {255, 0, 0}},
                                  {{150, 10, 40, 40}, {0, 255, 0}},
                                  {{10, 70, 40, 40}, {200, 150, 120}},
                                  {{90, 70, 40, 40}, {128, 128, 128}}};

cv::Mat upright_rgb() {
  cv::Mat m(kHeight, kWidth, CV_8UC3, cv::Scalar(128, 128, 128));
  for (const Patch& p : kPatches) m(p.where).setTo(cv::Scalar(p.rgb[0], p.rgb[1], p.rgb[2]));
  return m;
}

// The mean colour inside a patch (6 pixels in from its edges: JPEG blurs them).
Rgb mean_rgb(const cv::Mat& rgb, cv::Rect r) {
  const cv::Scalar s = cv::mean(rgb(cv::Rect(r.x + 6, r.y + 6, r.width - 12, r.height - 12)));
  return Rgb(cv::saturate_cast<uchar>(s[0]), cv::saturate_cast<uchar>(s[1]),
             cv::saturate_cast<uchar>(s[2]));
}

void expect_patches(const ImportedPhoto& photo, int tolerance) {
  ASSERT_EQ(photo.bgr8.type(), CV_8UC3);
  ASSERT_EQ(photo.bgr8.cols, kWidth);
  ASSERT_EQ(photo.bgr8.rows, kHeight);
  cv::Mat rgb;
  cv::cvtColor(photo.bgr8, rgb, cv::COLOR_BGR2RGB);
  for (const Patch& p : kPatches) {
    const Rgb got = mean_rgb(rgb, p.where);
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(got[c], p.rgb[c], tolerance) << "patch at " << p.where << " channel " << c;
    EXPECT_LT(delta_e00(lab_from_srgb8(got[0], got[1], got[2]),
                        lab_from_srgb8(p.rgb[0], p.rgb[1], p.rgb[2])),
              3.0)
        << p.where;
  }
}

fs::path fixture_dir() {
  const fs::path d = fs::path(::testing::TempDir()) / "photo-import";
  fs::create_directories(d);
  return d;
}

std::string read_bytes(const fs::path& p) { return testing::read_file(p); }

fs::path write_bytes(const std::string& name, const std::string& bytes) {
  const fs::path p = fixture_dir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// The first `fraction` of a file, as a new file.
fs::path truncated(const fs::path& whole, const std::string& name, double fraction) {
  const std::string bytes = read_bytes(whole);
  return write_bytes(name, bytes.substr(0, static_cast<std::size_t>(bytes.size() * fraction)));
}

fs::path write_png(const std::string& name, const cv::Mat& rgb) {
  const fs::path p = fixture_dir() / name;
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  EXPECT_TRUE(cv::imwrite(p.string(), bgr));
  return p;
}

fs::path write_jpeg(const std::string& name, const cv::Mat& rgb,
                    const std::vector<unsigned char>& exif = {},
                    const std::vector<unsigned char>& icc = {}) {
  const fs::path p = fixture_dir() / name;
  testing::write_jpeg_file(p, rgb, exif, icc);
  return p;
}

// The test photo's sRGB pixels re-encoded in Display P3, and the profile's bytes.
std::pair<cv::Mat, std::vector<unsigned char>> upright_in_display_p3() {
  cv::Mat p3_pixels = upright_rgb();
  testing::display_p3().from_srgb_rgb(p3_pixels);
  return {p3_pixels, testing::display_p3().icc()};
}

// Empty if this libheif has no HEVC encoder.
fs::path write_heic(const std::string& name, const cv::Mat& rgb,
                    const std::vector<unsigned char>& icc = {}) {
  const fs::path p = fixture_dir() / name;
  return testing::write_heic_file(p, rgb, icc) ? p : fs::path();
}

fs::path write_png_with_profile(const std::string& name, const cv::Mat& rgb,
                                const std::vector<unsigned char>& icc) {
  const fs::path p = fixture_dir() / name;
  testing::write_png_file_with_profile(p, rgb, icc);
  return p;
}

// A PNG whose header claims `width` x `height`, with a token IDAT and no real pixels:
// libpng writes the signature and IHDR (with its CRC), the chunks are written raw.
fs::path write_png_header_only(const std::string& name, png_uint_32 width, png_uint_32 height) {
  const fs::path p = fixture_dir() / name;
  std::FILE* f = std::fopen(p.c_str(), "wb");
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, f);
  png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  const png_byte idat[4] = {0x78, 0x9C, 0x03, 0x00};
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), idat, sizeof idat);
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
  return p;
}

// Runs `f` and returns the InputError's message; fails the test if none is thrown.
template <class F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return "";
}

TEST(PhotoImport, PngRoundTripsThePatchesExactly) {
  const fs::path p = write_png("patches.png", upright_rgb());
  const ImportedPhoto photo = import_photo(p.string());
  EXPECT_EQ(photo.format, "PNG");
  EXPECT_EQ(photo.exif_orientation, 1);
  EXPECT_TRUE(photo.colour_profile.empty());
  EXPECT_FALSE(photo.converted_to_srgb);
  EXPECT_TRUE(photo.notes.empty());
  expect_patches(photo, 0);
}

TEST(PhotoImport, SixteenBitPngComesDownToEightBits) {
  cv::Mat rgb16;
  upright_rgb().convertTo(rgb16, CV_16UC3, 257);
  const ImportedPhoto photo = import_photo(write_png("patches16.png", rgb16).string());
  expect_patches(photo, 0);
  ASSERT_EQ(photo.notes.size(), 1u);
  EXPECT_EQ(photo.notes[0], "16 bits per channel reduced to 8");
}

TEST(PhotoImport, JpegRoundTripsThePatchesWithinSixCodeValues) {
  const ImportedPhoto photo = import_photo(write_jpeg("patches.jpg", upright_rgb()).string());
  EXPECT_EQ(photo.format, "JPEG");
  EXPECT_EQ(photo.exif_orientation, 1);
  expect_patches(photo, 6);
}

TEST(PhotoImport, ExifOrientationsTurnTheStoredPixelsUpright) {
  // Stored as a camera held otherwise would store them: the inverse of each orientation.
  const cv::Mat upright = upright_rgb();
  struct Case {
    int orientation;
    std::function<cv::Mat(const cv::Mat&)> stored;
  };
  const std::vector<Case> cases{
      {3,
       [](const cv::Mat& m) {
         cv::Mat s;
         cv::rotate(m, s, cv::ROTATE_180);
         return s;
       }},
      {6,
       [](const cv::Mat& m) {
         cv::Mat s;
         cv::rotate(m, s, cv::ROTATE_90_COUNTERCLOCKWISE);
         return s;
       }},
      {8,
       [](const cv::Mat& m) {
         cv::Mat s;
         cv::rotate(m, s, cv::ROTATE_90_CLOCKWISE);
         return s;
       }},
      {2,
       [](const cv::Mat& m) {
         cv::Mat s;
         cv::flip(m, s, 1);
         return s;
       }},
      {5,
       [](const cv::Mat& m) {
         cv::Mat s;
         cv::transpose(m, s);
         return s;
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("orientation " + std::to_string(c.orientation));
    const cv::Mat stored = c.stored(upright);
    const fs::path p = write_jpeg("orientation" + std::to_string(c.orientation) + ".jpg", stored,
                                  exif_with_orientation(c.orientation));
    const ImportedPhoto photo = import_photo(p.string());
    EXPECT_EQ(photo.exif_orientation, c.orientation);
    EXPECT_EQ(photo.original_width, stored.cols);
    EXPECT_EQ(photo.original_height, stored.rows);
    expect_patches(photo, 6);
  }
}

TEST(PhotoImport, OrientationsUndoThemselvesOrEachOther) {
  const cv::Mat m = upright_rgb();
  // Orientation k applied to its own result k more times cycles back for the involutions
  // (2, 3, 4, 5, 7); 6 and 8 undo each other.
  for (int k : {2, 3, 4, 5, 7}) {
    const cv::Mat twice = apply_exif_orientation(apply_exif_orientation(m, k), k);
    EXPECT_EQ(cv::norm(twice, m, cv::NORM_INF), 0) << k;
  }
  EXPECT_EQ(cv::norm(apply_exif_orientation(apply_exif_orientation(m, 6), 8), m, cv::NORM_INF), 0);
  EXPECT_EQ(apply_exif_orientation(m, 6).cols, kHeight);
  EXPECT_EQ(cv::norm(apply_exif_orientation(m, 1), m, cv::NORM_INF), 0);
}

TEST(PhotoImport, DisplayP3ProfileIsConvertedBackToSrgbInEveryFormat) {
  const auto [p3_pixels, icc] = upright_in_display_p3();
  // The stored red is visibly not sRGB red, so only the conversion can bring it back.
  const Rgb stored_red = p3_pixels.at<Rgb>(20, 20);
  EXPECT_LT(stored_red[0], 240);
  EXPECT_GT(stored_red[1], 40);
  // Tolerances: the codec's loss plus rounding to 8-bit P3 and back, which the matrix
  // between the two spaces amplifies to a few code values next to the sRGB primaries.
  std::vector<std::pair<fs::path, int>> files{
      {write_jpeg("p3.jpg", p3_pixels, {}, icc), 6},
      {write_png_with_profile("p3.png", p3_pixels, icc), 4}};
  const fs::path heic = write_heic("p3.heic", p3_pixels, icc);
  if (!heic.empty()) files.emplace_back(heic, 8);
  for (const auto& [path, tolerance] : files) {
    SCOPED_TRACE(path.string());
    const ImportedPhoto photo = import_photo(path.string());
    EXPECT_EQ(photo.colour_profile, "Display P3");
    EXPECT_TRUE(photo.converted_to_srgb);
    EXPECT_TRUE(photo.notes.empty());
    expect_patches(photo, tolerance);
  }
}

TEST(PhotoImport, HeicRoundTripsThePatches) {
  const fs::path p = write_heic("patches.heic", upright_rgb());
  if (p.empty()) GTEST_SKIP() << "this libheif has no HEVC encoder to write the fixture";
  const ImportedPhoto photo = import_photo(p.string());
  EXPECT_EQ(photo.format, "HEIC");
  EXPECT_EQ(photo.original_width, kWidth);
  expect_patches(photo, 8);
}

TEST(PhotoImport, TruncatedFilesAreInputErrorsNamingTheFile) {
  std::vector<fs::path> cut{
      truncated(write_jpeg("whole.jpg", upright_rgb()), "cut.jpg", 0.6),
      truncated(write_png("whole.png", upright_rgb()), "cut.png", 0.6),
      truncated(write_png("whole-end.png", upright_rgb()), "cut-end.png", 0.99)};
  const fs::path heic = write_heic("whole.heic", upright_rgb());
  if (!heic.empty()) cut.push_back(truncated(heic, "cut.heic", 0.6));
  for (const fs::path& p : cut) {
    const std::string message = input_error_of([&] { import_photo(p.string()); });
    EXPECT_NE(message.find(p.string()), std::string::npos) << message;
    EXPECT_NE(message.find("cannot read the"), std::string::npos) << message;
  }
}

TEST(PhotoImport, RandomBytesAndEmptyFilesAreUnsupported) {
  std::mt19937 rng(5);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  for (const fs::path& p : {write_bytes("noise.jpg", noise), write_bytes("empty.png", "")}) {
    const std::string message = input_error_of([&] { import_photo(p.string()); });
    EXPECT_NE(message.find(p.string() + ":0: unsupported format"), std::string::npos) << message;
  }
  EXPECT_NE(input_error_of([] {
              import_photo((fixture_dir() / "missing.jpg").string());
            }).find("cannot open the photo"),
            std::string::npos);
}

TEST(PhotoImport, PngNamedJpgIsReadAsPngWithANote) {
  const fs::path png = write_png("liar.png", upright_rgb());
  const fs::path liar = fixture_dir() / "liar.jpg";
  fs::copy_file(png, liar, fs::copy_options::overwrite_existing);
  const ImportedPhoto photo = import_photo(liar.string());
  EXPECT_EQ(photo.format, "PNG");
  ASSERT_EQ(photo.notes.size(), 1u);
  EXPECT_EQ(photo.notes[0], "extension .jpg but the content is PNG; read as PNG");
  expect_patches(photo, 0);
}

TEST(PhotoImport, ImagesOverThePixelLimitAreRefusedNamingTheLimit) {
  const fs::path p = write_png("square.png", cv::Mat(200, 200, CV_8UC3, cv::Scalar(1, 2, 3)));
  PhotoImportOptions small;
  small.max_megapixels = 0.01;
  const std::string message = input_error_of([&] { import_photo(p.string(), small); });
  EXPECT_NE(message.find(p.string()), std::string::npos) << message;
  EXPECT_NE(message.find("200 x 200 pixels (0.04 MP), over the limit of 0.01 MP"),
            std::string::npos)
      << message;
  small.max_megapixels = 0.04;
  EXPECT_EQ(import_photo(p.string(), small).bgr8.total(), 40000u);

  // A bomb: a header claiming 10 gigapixels, caught by the default 50 MP before decoding.
  const fs::path bomb = write_png_header_only("bomb.png", 100000, 100000);
  EXPECT_LT(fs::file_size(bomb), 100u);
  const std::string bomb_message = input_error_of([&] { import_photo(bomb.string()); });
  EXPECT_NE(bomb_message.find("100000 x 100000 pixels (10000.00 MP), over the limit of 50 MP"),
            std::string::npos)
      << bomb_message;
}

TEST(PhotoImport, ZeroSizeImagesAreRefused) {
  EXPECT_NE(input_error_of([] {
              check_pixel_limit("a.heic", 0, 480, 50);
            }).find("a.heic:0: the image is 0 x 480 pixels: it has no pixels"),
            std::string::npos);
  // A JPEG whose frame header (SOF0) claims a height of 0.
  std::string bytes = read_bytes(write_jpeg("tall.jpg", upright_rgb()));
  const std::size_t sof = bytes.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  bytes[sof + 5] = 0;
  bytes[sof + 6] = 0;
  const fs::path p = write_bytes("zero-height.jpg", bytes);
  const std::string message = input_error_of([&] { import_photo(p.string()); });
  EXPECT_NE(message.find(p.string()), std::string::npos) << message;
  EXPECT_NE(message.find("Empty JPEG image"), std::string::npos) << message;
}

int run_cli(const std::string& args, std::string* err) {
  const std::string err_file = (fixture_dir() / "stderr.txt").string();
  const int status =
      std::system((std::string(SMP_CLI) + " " + args + " > /dev/null 2> " + err_file).c_str());
  *err = read_bytes(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(PhotoCli, ImportWritesTheUprightPngAndItsJson) {
  const cv::Mat stored = apply_exif_orientation(upright_rgb(), 8);  // 8 undoes 6
  const fs::path src = write_jpeg("cli.jpg", stored, exif_with_orientation(6));
  const fs::path out = fixture_dir() / "cli-out";
  fs::remove_all(out);
  std::string err;
  ASSERT_EQ(run_cli("photo import " + src.string() + " --out " + out.string(), &err), 0) << err;

  const cv::Mat png = cv::imread((out / "photo.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_EQ(png.type(), CV_8UC3);
  EXPECT_EQ(png.cols, kWidth);
  EXPECT_EQ(png.rows, kHeight);
  const cv::Vec3b top_left_bgr = png.at<cv::Vec3b>(30, 30);
  EXPECT_GT(top_left_bgr[2], 240);  // red, upright
  EXPECT_LT(top_left_bgr[1], 15);

  const nlohmann::json j = nlohmann::json::parse(read_bytes(out / "photo.json"));
  EXPECT_EQ(j["schema"], "smp-studio/photo/1");
  EXPECT_EQ(j["source"]["file"], "cli.jpg");
  EXPECT_EQ(j["source"]["format"], "JPEG");
  EXPECT_EQ(j["source"]["original_size"]["width"], kHeight);
  EXPECT_EQ(j["source"]["original_size"]["height"], kWidth);
  EXPECT_EQ(j["orientation"]["exif_orientation"], 6);
  EXPECT_EQ(j["orientation"]["applied"], "rotated 90 degrees clockwise");
  EXPECT_EQ(j["colour_profile"]["found"], false);
  EXPECT_EQ(j["output"]["size"]["width"], kWidth);
  EXPECT_EQ(j["output"]["bits_per_channel"], 8);
  EXPECT_TRUE(j["notes"].empty());
}

TEST(PhotoCli, BadPhotoExitsTwoAndLeavesNoOutputFolder) {
  const fs::path src = truncated(write_jpeg("cli-whole.jpg", upright_rgb()), "cli-cut.jpg", 0.5);
  const fs::path out = fixture_dir() / "cli-bad-out";
  fs::remove_all(out);
  std::string err;
  EXPECT_EQ(run_cli("photo import " + src.string() + " --out " + out.string(), &err), 2);
  EXPECT_NE(err.find(src.string()), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(fixture_dir()))
    EXPECT_EQ(entry.path().filename().string().find(".cli-bad-out"), std::string::npos)
        << entry.path();

  const fs::path ok = write_png("cli-limit.png", upright_rgb());
  EXPECT_EQ(
      run_cli("photo import " + ok.string() + " --out " + out.string() + " --max-megapixels 0.02",
              &err),
      2);
  EXPECT_NE(err.find("over the limit of 0.02 MP"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace smp
