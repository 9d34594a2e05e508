// Landmarks and pose: photographs of the head model at known poses (landmarks projected
// with OpenCV, +-0.5 px of seeded noise) give back the pose, the reprojection error and
// the real scale; misplaced, swapped or too few landmarks are refused with the reason.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/calib3d.hpp>
#include <sys/wait.h>

#include "smp/io/input_error.h"
#include "smp/photo/photo_landmarks.h"
#include "smp/photo/pose_fit.h"

#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

constexpr int kWidthPx = 2000, kHeightPx = 1500;
constexpr double kDistanceMm = 450;  // a phone held at arm's length

// A camera view of the head: turned (yaw, to the patient's left) and tilted forward
// (pitch: 40 degrees shows the crown, as a photo from above).
struct Shot {
  const char* name;
  double yaw_deg, pitch_deg;
};

void PrintTo(const Shot& s, std::ostream* os) { *os << s.name; }

struct TruePose {
  cv::Matx33d rotation;
  cv::Vec3d translation_mm;
};

TruePose true_pose(const Shot& s) {
  // Camera x = the patient's left, y = down, z = into the face: a straight front photo.
  const cv::Matx33d front(0, 1, 0, 0, 0, -1, -1, 0, 0);
  const double yaw = s.yaw_deg * kPi / 180, pitch = s.pitch_deg * kPi / 180;
  const cv::Matx33d turn(std::cos(yaw), -std::sin(yaw), 0, std::sin(yaw), std::cos(yaw), 0, 0, 0,
                         1);
  const cv::Matx33d tilt(std::cos(pitch), 0, std::sin(pitch), 0, 1, 0, -std::sin(pitch), 0,
                         std::cos(pitch));
  return {front * turn * tilt, {15, -40, kDistanceMm}};
}

PhotoLandmarks empty_photo() {
  PhotoLandmarks p;
  p.source = "fixture";
  p.width_px = kWidthPx;
  p.height_px = kHeightPx;
  p.focal_px = focal_px_from_35mm(PhotoPoseParameters{}.default_focal_35mm_mm, kWidthPx, kHeightPx);
  p.interpupillary_mm = PhotoPoseParameters{}.interpupillary_mm;
  return p;
}

// The landmarks that face the camera (ear canals at the edge of a front view included) of
// `head` scaled by head_scale about its centre, with its pupils interpupillary_mm apart,
// projected and jittered by up to noise_px.
PhotoLandmarks photograph(const HeadModel& head, const Shot& shot, double noise_px, unsigned seed,
                          double head_scale = 1) {
  PhotoLandmarks photo = empty_photo();
  const TruePose t = true_pose(shot);
  const cv::Vec3d camera_in_head = -(t.rotation.t() * t.translation_mm);
  std::mt19937 gen(seed);
  const auto jitter = [&] { return noise_px * (2.0 * gen() / 4294967296.0 - 1); };
  for (std::size_t i = 0; i < kPhotoLandmarkNames.size(); ++i) {
    const auto l = static_cast<PhotoLandmark>(i);
    const Vec3 m = head_scale * landmark_on_model(head, l, photo.interpupillary_mm / head_scale);
    const Vec3 n{m.x / std::pow(head.semi_axis_x_mm(), 2), m.y / std::pow(head.semi_axis_y_mm(), 2),
                 m.z / std::pow(head.semi_axis_z_mm(), 2)};
    const Vec3 to_camera = Vec3{camera_in_head[0], camera_in_head[1], camera_in_head[2]} - m;
    if (dot(n, to_camera) / (length(n) * length(to_camera)) < -0.3) continue;
    std::vector<cv::Point2d> px;
    cv::Vec3d rvec;
    cv::Rodrigues(t.rotation, rvec);
    cv::projectPoints(std::vector<cv::Point3d>{{m.x, m.y, m.z}}, rvec, t.translation_mm,
                      camera_matrix(photo), cv::noArray(), px);
    photo.points[l] = {px[0].x + jitter(), px[0].y + jitter()};
  }
  return photo;
}

double angle_between_deg(const cv::Matx33d& a, const cv::Vec3d& rodrigues_b) {
  cv::Matx33d b;
  cv::Rodrigues(rodrigues_b, b);
  const cv::Matx33d d = a.t() * b;
  const double c = (d(0, 0) + d(1, 1) + d(2, 2) - 1) / 2;
  return std::acos(std::clamp(c, -1.0, 1.0)) * 180 / kPi;
}

const HeadModel& adult_head() {
  static const HeadModel h = HeadModel::fit({57, 35, 36});
  return h;
}

const std::vector<Shot> kShots{{"front", 0, 0}, {"three_quarter", 30, 0}, {"from_above", 0, 40}};

class PhotoPoseShots : public ::testing::TestWithParam<Shot> {};

TEST_P(PhotoPoseShots, RecoversThePoseAndTheScale) {
  const Shot shot = GetParam();
  const PhotoLandmarks photo = photograph(adult_head(), shot, 0.5, 7);
  ASSERT_GE(photo.pose_landmark_count(), 5);
  const PoseFit fit = fit_head_pose(adult_head(), photo, {});
  ASSERT_FALSE(fit.refused) << *fit.refused;
  const TruePose t = true_pose(shot);
  EXPECT_LT(angle_between_deg(t.rotation, fit.rotation_rad), 1.0);
  EXPECT_LT(cv::norm(fit.translation_mm - t.translation_mm), 0.02 * cv::norm(t.translation_mm));
  EXPECT_LT(fit.rms_px, 2.0);
  for (const auto& [l, r] : fit.residual_px) EXPECT_LT(r, 2.0) << name(l);
  EXPECT_EQ(fit.scale_source, "interpupillary distance");
  EXPECT_NEAR(fit.mm_per_px_at_head, kDistanceMm / photo.focal_px,
              0.03 * kDistanceMm / photo.focal_px);
  EXPECT_NEAR(fit.scale_ratio, 1.0, 0.03);
}

// A landmark clicked 60 px off is refused by name, whichever it is.
TEST_P(PhotoPoseShots, OneLandmarkMovedSixtyPixelsIsRefusedByName) {
  const PhotoLandmarks clean = photograph(adult_head(), GetParam(), 0.5, 11);
  for (const auto& [l, p] : clean.points) {
    if (is_pupil(l)) continue;
    PhotoLandmarks moved = clean;
    moved.points[l].x_px += 60;
    const PoseFit fit = fit_head_pose(adult_head(), moved, {});
    ASSERT_TRUE(fit.refused) << name(l) << " rms " << fit.rms_px;
    EXPECT_NE(fit.refused->find("'" + std::string(name(l)) + "'"), std::string::npos)
        << *fit.refused;
  }
}

INSTANTIATE_TEST_SUITE_P(PhotoPose, PhotoPoseShots, ::testing::ValuesIn(kShots),
                         [](const auto& info) { return std::string(info.param.name); });

// The photographed head is 6% smaller than the model: the pose alone puts it 6% too far
// away; the pupils give the true scale.
TEST(PhotoPose, ThePupilsCorrectAWronglySizedModel) {
  const PhotoLandmarks photo = photograph(adult_head(), kShots[1], 0.5, 3, 1 / 1.06);
  const PoseFit fit = fit_head_pose(adult_head(), photo, {});
  ASSERT_FALSE(fit.refused) << *fit.refused;
  const double truth = kDistanceMm / photo.focal_px;
  EXPECT_GT(fit.translation_mm[2] / photo.focal_px, 1.03 * truth);
  EXPECT_GT(fit.scale_ratio, 1.03);
  EXPECT_NEAR(fit.mm_per_px_at_head, truth, 0.03 * truth);
}

TEST(PhotoPose, ARulerAtTheHeadGivesTheScale) {
  PhotoLandmarks photo = photograph(adult_head(), kShots[0], 0.5, 5);
  photo.points.erase(PhotoLandmark::pupil_left);
  photo.points.erase(PhotoLandmark::pupil_right);
  const cv::Matx33d k = camera_matrix(photo);
  // 50 mm, level, beside the head at its centre's depth.
  const auto at = [&](double x_mm) {
    return ImagePoint{k(0, 0) * x_mm / kDistanceMm + k(0, 2), k(1, 2)};
  };
  photo.ruler = RulerReference{at(120), at(170), 50};
  const PoseFit fit = fit_head_pose(adult_head(), photo, {});
  EXPECT_EQ(fit.scale_source, "ruler");
  EXPECT_NEAR(fit.mm_per_px_at_head, kDistanceMm / photo.focal_px,
              0.03 * kDistanceMm / photo.focal_px);
  EXPECT_NEAR(fit.scale_ratio, 1.0, 0.03);
}

TEST(PhotoPose, SwappedLeftAndRightAreRefused) {
  const PhotoLandmarks photo = photograph(adult_head(), kShots[1], 0.5, 13);
  PhotoLandmarks swapped = photo;
  swapped.points.clear();
  for (const auto& [l, p] : photo.points) swapped.points[mirrored(l)] = p;
  const PoseFit fit = fit_head_pose(adult_head(), swapped, {});
  ASSERT_TRUE(fit.refused) << "rms " << fit.rms_px;
  EXPECT_NE(fit.refused->find("swapped"), std::string::npos) << *fit.refused;
}

// Clicks scattered by up to 15 px: within the default limits, over a 0.2% RMS limit.
TEST(PhotoPose, TheRmsLimitRefusesScatteredClicks) {
  const PhotoLandmarks photo = photograph(adult_head(), kShots[2], 15, 29);
  EXPECT_FALSE(fit_head_pose(adult_head(), photo, {}).refused);
  PhotoPoseParameters strict;
  strict.max_rms_fraction_of_diagonal = 0.002;
  const PoseFit fit = fit_head_pose(adult_head(), photo, strict);
  ASSERT_TRUE(fit.refused) << "rms " << fit.rms_px;
  EXPECT_GT(fit.rms_px, 5.0);
  EXPECT_NE(fit.refused->find("reprojection RMS"), std::string::npos) << *fit.refused;
  EXPECT_NE(fit.refused->find("the worst landmark '"), std::string::npos) << *fit.refused;
}

TEST(PhotoPose, FewerThanFourLandmarksCannotBeFitted) {
  PhotoLandmarks photo = photograph(adult_head(), kShots[0], 0.5, 17);
  while (photo.pose_landmark_count() >= kMinPoseLandmarks)
    for (auto it = photo.points.begin(); it != photo.points.end(); ++it)
      if (!is_pupil(it->first)) {
        photo.points.erase(it);
        break;
      }
  EXPECT_THROW(fit_head_pose(adult_head(), photo, {}), InputError);
}

// The sidecar file: what the clinic writes next to the photo.
std::string sidecar(const PhotoLandmarks& photo, const std::string& extra_top = "") {
  std::ostringstream s;
  s.precision(10);
  s << "width_px = " << photo.width_px << "\nheight_px = " << photo.height_px
    << "\nview = \"front\"\n"
    << extra_top << "[landmarks]\n";
  for (const auto& [l, p] : photo.points)
    s << name(l) << " = [" << p.x_px << ", " << p.y_px << "]\n";
  return s.str();
}

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path p = fs::path(::testing::TempDir()) / name;
  std::ofstream(p) << text;
  return p;
}

TEST(PhotoLandmarks, ReadsTheSidecarFile) {
  const PhotoLandmarks photo = photograph(adult_head(), kShots[0], 0.5, 19);
  const PhotoLandmarks read = load_photo_landmarks(
      write_file("landmarks-ok.toml", sidecar(photo, "interpupillary_mm = 61\n")).string());
  EXPECT_EQ(read.width_px, kWidthPx);
  EXPECT_EQ(read.view, View::front);
  EXPECT_DOUBLE_EQ(read.interpupillary_mm, 61);
  // 26 mm equivalent on a 2500 px diagonal: 26 / 43.27 * 2500.
  EXPECT_NEAR(read.focal_px, 1502.3, 0.1);
  ASSERT_EQ(read.points.size(), photo.points.size());
  for (const auto& [l, p] : photo.points)
    EXPECT_NEAR(read.points.at(l).x_px, p.x_px, 1e-6) << name(l);
  const PhotoLandmarks given = load_photo_landmarks(
      write_file("landmarks-f.toml", sidecar(photo, "focal_px = 1800\n")).string());
  EXPECT_DOUBLE_EQ(given.focal_px, 1800);
}

struct BadSidecar {
  const char* name;
  std::string text;
  int line;
  std::string field, message;
};

TEST(PhotoLandmarks, ErrorsNameTheLineAndTheField) {
  const std::string head =
      "width_px = 2000\nheight_px = 1500\n[landmarks]\n";  // landmarks from line 4
  const std::string four =
      "glabella = [1000, 500]\nnasion = [1000, 540]\nvertex = [1000, 100]\nlateral_canthus_left = "
      "[1100, 600]\n";
  const std::vector<BadSidecar> cases{
      {"unknown", head + four + "chin = [1000, 900]\n", 8, "landmarks.chin", "unknown landmark"},
      {"outside", head + "glabella = [2100, 500]\n" + four.substr(four.find('\n') + 1), 4,
       "landmarks.glabella", "outside the 2000 x 1500 image"},
      {"not_a_point", head + four + "inion = [3]\n", 8, "landmarks.inion", "expected [x_px, y_px]"},
      {"three", head + four.substr(0, four.rfind("lateral")), 3, "landmarks",
       "solvePnP needs at least 4"},
      {"one_pupil", head + four + "pupil_left = [1080, 600]\n", 3, "landmarks", "both pupils"},
      {"no_width", "height_px = 1500\n[landmarks]\n" + four, 0, "width_px", "is required"},
      {"ruler", head + four + "[ruler]\nstart = [10, 10]\nend = [15, 10]\nlength_mm = 50\n", 10,
       "ruler.end", "less than 20 px"},
      {"typo", "focal_mm = 26\n" + head + four, 1, "focal_mm", "unknown field"},
  };
  for (const BadSidecar& b : cases) {
    const fs::path p = write_file(std::string("landmarks-") + b.name + ".toml", b.text);
    try {
      load_photo_landmarks(p.string());
      ADD_FAILURE() << b.name << ": no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), p.string()) << b.name;
      if (b.line > 0) {
        EXPECT_EQ(e.line(), b.line) << b.name << ": " << e.what();
      }
      EXPECT_EQ(e.field(), b.field) << b.name << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos)
          << b.name << ": " << e.what();
    }
  }
}

// smp photo fit: pose.json for a good fit; exit 2, the reason and no pose.json for a refused one.
TEST(PhotoPose, CliWritesPoseJsonAndRefusesAPoorFit) {
  const std::string case_path = testing::example_path("norwood6-buzzcut.toml");
  const Case c = load_case(case_path);
  const HeadModel head = HeadModel::fit(c.head, c.params.landmarks);
  const fs::path dir = fs::path(::testing::TempDir()) / "photo-fit";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const PhotoLandmarks photo = photograph(head, kShots[1], 0.5, 23);
  std::ofstream(dir / "landmarks.toml") << sidecar(photo);
  const std::string err_file = (dir.parent_path() / "photo-fit-stderr.txt").string();
  const auto run = [&](const std::string& extra) {
    const int status = std::system((std::string(SMP_CLI) + " photo fit " + dir.string() +
                                    " --case " + case_path + extra + " > /dev/null 2> " + err_file)
                                       .c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  ASSERT_EQ(run(""), 0);
  std::ifstream in(dir / "pose.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["schema"], "smp-studio/photo-pose/1");
  EXPECT_LT(j["reprojection"]["rms_px"].get<double>(), 2.0);
  EXPECT_NEAR(j["translation_mm"][2].get<double>(), kDistanceMm, 0.02 * kDistanceMm);
  EXPECT_EQ(j["reprojection"]["residuals_px"].size(),
            static_cast<std::size_t>(photo.pose_landmark_count()));
  fs::remove(dir / "pose.json");

  PhotoLandmarks moved = photo;
  moved.points[PhotoLandmark::glabella].y_px += 60;
  std::ofstream(dir / "moved.toml") << sidecar(moved);
  EXPECT_EQ(run(" --landmarks " + (dir / "moved.toml").string()), 2);
  std::ifstream err(err_file);
  std::stringstream e;
  e << err.rdbuf();
  EXPECT_NE(e.str().find("'glabella'"), std::string::npos) << e.str();
  EXPECT_FALSE(fs::exists(dir / "pose.json"));
  EXPECT_FALSE(fs::exists(dir / "pose.json.partial"));
}

// pose.json read back: the camera it was written with; bad files name the field (the view
// names output files, so only the clinic's views pass).
TEST(PhotoPose, PoseJsonReadsBackAndNamesItsBadFields) {
  PhotoLandmarks photo = photograph(adult_head(), kShots[0], 0.5, 29);
  photo.view = View::front;
  const PoseFit fit = fit_head_pose(adult_head(), photo, {});
  const fs::path path = fs::path(::testing::TempDir()) / "pose-read.json";
  const std::string good = pose_json(fit, photo);
  std::ofstream(path) << good;
  const PhotoPose pose = load_pose_json(path.string());
  EXPECT_EQ(pose.view, View::front);
  EXPECT_EQ(pose.camera.width_px, kWidthPx);
  EXPECT_EQ(pose.camera.height_px, kHeightPx);
  EXPECT_DOUBLE_EQ(pose.camera.focal_px, fit.focal_px);
  EXPECT_NEAR(cv::norm(pose.camera.translation_mm - fit.translation_mm), 0, 1e-9);
  EXPECT_NEAR(pose.rms_px, fit.rms_px, 1e-9);

  const std::vector<std::tuple<std::string, std::string, std::string>> bad{
      {"\"view\": \"front\"", "\"view\": \"../../x\"", "view"},
      {"\"view\": \"front\"", "\"view\": 5", "view"},
      {"\"width_px\": 2000", "\"width_px\": 1999.5", "camera.width_px"},
      {"\"width_px\": 2000", "\"width_px\": 3e9", "camera.width_px"},
      {"\"schema\": \"smp-studio/photo-pose/1\"", "\"schema\": \"other\"", "schema"},
      {"\"translation_mm\": [", "\"translation_mm\": [\"a\", ", "translation_mm"},
  };
  for (const auto& [from, to, field] : bad) {
    std::string text = good;
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(path) << text;
    try {
      load_pose_json(path.string());
      ADD_FAILURE() << to << ": no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), path.string());
      EXPECT_EQ(e.field(), field) << to << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace smp
