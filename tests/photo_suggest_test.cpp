// Landmark suggestions: on a real front photo (examples/photos/astronaut-face.jpg, its
// landmarks hand-checked in examples/photos/README.md) the face and the eyes are found and
// the points land near the hand-checked ones; a photo without a face gives none; the
// written file reads back; --landmark points override the file's, with their errors.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sys/wait.h>

#include "smp/photo/landmark_suggestions.h"
#include "smp/photo/photo_landmarks.h"

#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

const std::string kFixture = testing::example_path("photos/astronaut-face.jpg");

// examples/photos/README.md
const std::map<PhotoLandmark, ImagePoint> kHandChecked{
    {PhotoLandmark::pupil_right, {203.5, 100.5}},
    {PhotoLandmark::pupil_left, {247.0, 103.0}},
    {PhotoLandmark::lateral_canthus_right, {192.0, 101.0}},
    {PhotoLandmark::lateral_canthus_left, {259.0, 103.5}},
    {PhotoLandmark::glabella, {226.0, 91.0}}};

double distance(const ImagePoint& a, const ImagePoint& b) {
  return std::hypot(a.x_px - b.x_px, a.y_px - b.y_px);
}

const cv::Mat& fixture() {
  static const cv::Mat m = cv::imread(kFixture, cv::IMREAD_COLOR);
  return m;
}

const LandmarkSuggestions& fixture_suggestions() {
  static const LandmarkSuggestions s = suggest_landmarks(fixture());
  return s;
}

TEST(PhotoSuggest, FindsTheLandmarksOfARealFrontPhoto) {
  ASSERT_FALSE(fixture().empty()) << kFixture;
  const LandmarkSuggestions s = suggest_landmarks(fixture());
  EXPECT_EQ(s.faces_found, 1);
  EXPECT_TRUE(s.notes.empty()) << s.notes.front();
  ASSERT_EQ(s.points.size(), 6u);
  const double ipd = distance(kHandChecked.at(PhotoLandmark::pupil_left),
                              kHandChecked.at(PhotoLandmark::pupil_right));
  for (const auto& [l, truth] : kHandChecked) {
    const double error = distance(s.points.at(l), truth);
    std::cout << name(l) << ": " << error << " px (" << 100 * error / ipd
              << "% of the interpupillary distance)\n";
    EXPECT_LT(error, (is_pupil(l) ? 0.06 : 0.10) * ipd) << name(l);
  }

  const ImagePoint pl = s.points.at(PhotoLandmark::pupil_left),
                   pr = s.points.at(PhotoLandmark::pupil_right);
  // The patient's left eye is on the image's right.
  EXPECT_GT(pl.x_px, pr.x_px);
  EXPECT_GT(s.points.at(PhotoLandmark::lateral_canthus_left).x_px, pl.x_px);
  EXPECT_LT(s.points.at(PhotoLandmark::lateral_canthus_right).x_px, pr.x_px);
  const double pupil_line_y = (pl.y_px + pr.y_px) / 2;
  EXPECT_LT(s.points.at(PhotoLandmark::glabella).y_px, pupil_line_y);
  EXPECT_LT(s.points.at(PhotoLandmark::glabella).y_px, s.points.at(PhotoLandmark::nasion).y_px);
  EXPECT_LT(s.points.at(PhotoLandmark::nasion).y_px, pupil_line_y);
  const double middle_x = (pl.x_px + pr.x_px) / 2;
  EXPECT_NEAR(s.points.at(PhotoLandmark::glabella).x_px, middle_x, 0.05 * ipd);
}

// A phone-sized photo is searched at detection_long_side_px and the points scaled back.
TEST(PhotoSuggest, ALargePhotoIsSearchedSmallAndScaledBack) {
  constexpr double kScale = 4;
  cv::Mat large;
  cv::resize(fixture(), large, {}, kScale, kScale, cv::INTER_CUBIC);
  const LandmarkSuggestions s = suggest_landmarks(large);
  ASSERT_EQ(s.points.size(), 6u);
  const double ipd = kScale * distance(kHandChecked.at(PhotoLandmark::pupil_left),
                                       kHandChecked.at(PhotoLandmark::pupil_right));
  for (const auto& [l, truth] : kHandChecked)
    EXPECT_LT(distance(s.points.at(l), {kScale * truth.x_px, kScale * truth.y_px}),
              (is_pupil(l) ? 0.06 : 0.10) * ipd)
        << name(l);
}

TEST(PhotoSuggest, NoFaceGivesNoPoints) {
  const cv::Mat grey(600, 800, CV_8UC3, cv::Scalar(128, 128, 128));
  cv::Mat noise(600, 800, CV_8UC3);
  cv::setRNGSeed(5);
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
  for (const cv::Mat& m : {grey, noise}) {
    const LandmarkSuggestions s = suggest_landmarks(m);
    EXPECT_EQ(s.faces_found, 0);
    EXPECT_TRUE(s.points.empty());
    ASSERT_FALSE(s.notes.empty());
    EXPECT_NE(s.notes.front().find("no face found"), std::string::npos) << s.notes.front();
  }
}

// Without its eyes (covered) only glabella and nasion are suggested, from the face box.
TEST(PhotoSuggest, WithoutTheEyesOnlyTheMidlineIsSuggested) {
  cv::Mat covered = fixture().clone();
  // Blurred eyes (as behind fogged glasses): the face is still found, the eyes are not.
  for (const cv::Rect eye : {cv::Rect(188, 92, 24, 16), cv::Rect(236, 95, 26, 16)}) {
    cv::Mat region = covered(eye);
    cv::GaussianBlur(region, region, {0, 0}, 6);
  }
  const LandmarkSuggestions s = suggest_landmarks(covered);
  ASSERT_EQ(s.faces_found, 1);
  EXPECT_EQ(s.points.count(PhotoLandmark::pupil_left), 0u);
  EXPECT_EQ(s.points.count(PhotoLandmark::lateral_canthus_left), 0u);
  ASSERT_EQ(s.points.count(PhotoLandmark::glabella), 1u);
  // From the face box alone: within a fifth of the interpupillary distance (43.6 px).
  EXPECT_LT(
      distance(s.points.at(PhotoLandmark::glabella), kHandChecked.at(PhotoLandmark::glabella)),
      0.2 * 43.6);
  ASSERT_FALSE(s.notes.empty());
  EXPECT_NE(s.notes.back().find("canthi not suggested"), std::string::npos) << s.notes.back();
}

TEST(PhotoSuggest, AMissingCascadeNamesThePathAndThePackage) {
  LandmarkSuggestionParameters p;
  p.cascade_dir = "/nonexistent/haarcascades";
  try {
    suggest_landmarks(fixture(), p);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/haarcascades/" + p.face_cascade),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("opencv-data"), std::string::npos) << e.what();
  }
}

TEST(PhotoSuggest, TheWrittenFileReadsBack) {
  const LandmarkSuggestions& s = fixture_suggestions();
  const fs::path path = fs::path(::testing::TempDir()) / "landmarks.suggested.toml";
  write_suggested_landmarks(path, s);
  const PhotoLandmarks read = load_photo_landmarks(path.string());
  EXPECT_EQ(read.width_px, 512);
  EXPECT_EQ(read.height_px, 512);
  EXPECT_EQ(read.view, View::front);
  ASSERT_EQ(read.points.size(), s.points.size());
  for (const auto& [l, p] : s.points) {
    EXPECT_NEAR(read.points.at(l).x_px, p.x_px, 0.05) << name(l);  // written to 0.1 px
    EXPECT_NEAR(read.points.at(l).y_px, p.y_px, 0.05) << name(l);
  }
  const std::string text = landmarks_toml(s);
  EXPECT_EQ(text.rfind("# suggested by smp photo suggest: check every point, move what is wrong, "
                       "delete what is not visible\n",
                       0),
            0u);
  EXPECT_NE(text.find("# not given (add those that are visible): vertex, ear_canal_left"),
            std::string::npos)
      << text;
}

PhotoLandmarks photo_2000_by_1500() {
  PhotoLandmarks p;
  p.source = "fixture";
  p.width_px = 2000;
  p.height_px = 1500;
  p.points[PhotoLandmark::glabella] = {1000, 500};
  p.points[PhotoLandmark::nasion] = {1000, 540};
  return p;
}

TEST(PhotoSuggest, LandmarkOverridesReplaceAndAdd) {
  PhotoLandmarks p = photo_2000_by_1500();
  apply_landmark_overrides(p, {"glabella=1512,1480.5", "vertex=1000.25,0", "pupil_left=1100,600",
                               "pupil_right=900,600"});
  EXPECT_DOUBLE_EQ(p.points.at(PhotoLandmark::glabella).x_px, 1512);
  EXPECT_DOUBLE_EQ(p.points.at(PhotoLandmark::glabella).y_px, 1480.5);
  EXPECT_DOUBLE_EQ(p.points.at(PhotoLandmark::vertex).x_px, 1000.25);
  EXPECT_DOUBLE_EQ(p.points.at(PhotoLandmark::nasion).y_px, 540);
  EXPECT_EQ(p.points.size(), 5u);
}

TEST(PhotoSuggest, LandmarkOverrideErrorsNameTheOptionAndTheValue) {
  const std::vector<std::pair<std::string, std::string>> bad{
      {"chin=10,10", "unknown landmark 'chin'"},
      {"glabella=15x,10", "expected two numbers"},
      {"glabella=10,", "expected two numbers"},
      {"glabella=nan,10", "expected two numbers"},
      {"glabella", "expected NAME=X,Y"},
      {"glabella=10;20", "expected NAME=X,Y"},
      {"glabella=2001,10", "outside the 2000 x 1500 image"},
      {"glabella=10,-1", "outside the 2000 x 1500 image"},
      {"pupil_left=10,10", "both pupils or neither"},
  };
  for (const auto& [value, says] : bad) {
    PhotoLandmarks p = photo_2000_by_1500();
    try {
      apply_landmark_overrides(p, {value});
      ADD_FAILURE() << value << ": no error";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("--landmark", 0), 0u) << what;
      if (value.rfind("pupil", 0) != 0) {
        EXPECT_NE(what.find("'" + value + "'"), std::string::npos) << what;
      }
      EXPECT_NE(what.find(says), std::string::npos) << value << ": " << what;
    }
  }
}

struct CliRun {
  int exit_code;
  std::string out, err;
};

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun smp_cli(const std::string& args) {
  const fs::path out = fs::path(::testing::TempDir()) / "suggest-stdout.txt",
                 err = fs::path(::testing::TempDir()) / "suggest-stderr.txt";
  const int status = std::system(
      (std::string(SMP_CLI) + " " + args + " > " + out.string() + " 2> " + err.string()).c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
}

// smp photo import, then suggest: landmarks.suggested.toml that smp photo fit accepts as
// landmarks.toml; a --landmark on top; landmarks.toml is never overwritten; no face: exit 2.
TEST(PhotoSuggest, CliSuggestsOnAnImportedPhoto) {
  const fs::path root = fs::path(::testing::TempDir()) / "photo-suggest";
  fs::remove_all(root);
  const fs::path dir = root / "astronaut";
  ASSERT_EQ(smp_cli("photo import " + kFixture + " --out " + dir.string()).exit_code, 0);
  const CliRun r = smp_cli("photo suggest " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pupil_left"), std::string::npos) << r.out;
  const fs::path suggested = dir / "landmarks.suggested.toml";
  const PhotoLandmarks read = load_photo_landmarks(suggested.string());
  for (const auto& [l, p] : fixture_suggestions().points)
    EXPECT_NEAR(read.points.at(l).x_px, p.x_px, 0.05) << name(l);

  fs::copy_file(suggested, dir / "landmarks.toml");
  const std::string fit =
      "photo fit " + dir.string() + " --case " + testing::example_path("norwood6-buzzcut.toml");
  const CliRun f = smp_cli(fit + " --landmark glabella=226,91");
  EXPECT_EQ(f.exit_code, 0) << f.err;
  EXPECT_TRUE(fs::exists(dir / "pose.json"));
  const CliRun bad = smp_cli(fit + " --landmark glabella=226,600");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--landmark 'glabella=226,600'"), std::string::npos) << bad.err;

  const std::string checked = read_text(dir / "landmarks.toml");
  const CliRun refused =
      smp_cli("photo suggest " + dir.string() + " --out " + (dir / "landmarks.toml").string());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not overwritten"), std::string::npos) << refused.err;
  EXPECT_EQ(read_text(dir / "landmarks.toml"), checked);

  const fs::path empty = root / "grey";
  fs::create_directories(empty);
  cv::imwrite((empty / "photo.png").string(),
              cv::Mat(480, 640, CV_8UC3, cv::Scalar(128, 128, 128)));
  const CliRun none = smp_cli("photo suggest " + empty.string());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no face found"), std::string::npos) << none.err;
  EXPECT_FALSE(fs::exists(empty / "landmarks.suggested.toml"));
}

}  // namespace
}  // namespace smp
