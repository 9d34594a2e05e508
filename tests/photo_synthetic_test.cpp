// Synthetic clinic photos of a patient with known pose, scale, skin, hair and hair-loss
// map (the model head rendered like a phone photo, docs/photo.md "Synthetic photos"):
// the photo pipeline finds them back.
#include <random>

#include <gtest/gtest.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/colour/srgb8.h"
#include "smp/photo/design_on_photo.h"
#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_coverage.h"
#include "smp/photo/photo_folder.h"
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

// The long-haired patient's photos, each pose fitted from its clicked landmarks and each
// photo analysed with the fitted camera.
struct Patient {
  const testing::LongHairPatient& p = testing::long_hair_patient();
  const testing::DesignedExample& ex = p.ex;
  const Case& c = p.c;
  const Simulation& sim = *p.sim;
  const HeadScene& before = p.before;
  const std::map<View, SyntheticPhoto>& photos = p.photos;
  std::map<View, PoseFit> fits;
  std::vector<PhotoAnalysis> analyses;
  Patient() {
    for (View v : kClinicViews) {
      const SyntheticPhoto& photo = photos.at(v);
      const PoseFit& fit = fits[v] =
          fit_head_pose(sim.head(), testing::clicked(photo.landmarks, 3 + static_cast<unsigned>(v)),
                        c.params.photo_pose);
      analyses.push_back(
          analyse_photo(photo.bgr8, sim.head(), camera_of(fit, photo.bgr8.cols, photo.bgr8.rows)));
    }
  }
};

const Patient& patient() {
  static const Patient p;
  return p;
}

// Regression: GrabCut drew from the thread's random numbers as other work had left them,
// so the same photo analysed after other work on the thread (in a server, or the second
// view on a worker) gave another head and another segmentation.
TEST(PhotoAnalysis, TheSamePhotoGivesTheSameSegmentationWhateverRanBefore) {
  const Patient& pt = patient();
  const SyntheticPhoto& photo = pt.photos.at(View::top);
  const PoseFit& fit = pt.fits.at(View::top);
  const PinholeCamera camera = camera_of(fit, photo.bgr8.cols, photo.bgr8.rows);
  const PhotoAnalysis first = analyse_photo(photo.bgr8, pt.sim.head(), camera);
  for (int i = 0; i < 1000; ++i) cv::theRNG().next();  // other work on this thread
  analyse_photo(pt.photos.at(View::front).bgr8, pt.sim.head(),
                camera_of(pt.fits.at(View::front), photo.bgr8.cols, photo.bgr8.rows));
  const PhotoAnalysis again = analyse_photo(photo.bgr8, pt.sim.head(), camera);
  EXPECT_EQ(cv::countNonZero(first.label != again.label), 0);
  EXPECT_EQ(first.skin_pixels, again.skin_pixels);
  EXPECT_EQ(first.hair_pixels, again.hair_pixels);
}

double angle_between_deg(const cv::Matx33d& a, const cv::Vec3d& rodrigues_b) {
  cv::Matx33d b;
  cv::Rodrigues(rodrigues_b, b);
  const cv::Matx33d d = a.t() * b;
  return std::acos(std::clamp((d(0, 0) + d(1, 1) + d(2, 2) - 1) / 2, -1.0, 1.0)) * 180 / kPi;
}

class SyntheticPhotoViews : public ::testing::TestWithParam<View> {};

TEST_P(SyntheticPhotoViews, ThePoseAndTheScaleComeBack) {
  const SyntheticPhoto& photo = patient().photos.at(GetParam());
  const PoseFit& fit = patient().fits.at(GetParam());
  EXPECT_EQ(photo.bgr8.cols, 2000);
  EXPECT_EQ(photo.bgr8.rows, 1500);
  EXPECT_GE(photo.landmarks.pose_landmark_count(), kMinPoseLandmarks);
  ASSERT_FALSE(fit.refused) << *fit.refused;
  EXPECT_LT(fit.rms_px, 2.0);
  for (const auto& [l, r] : fit.residual_px) EXPECT_LT(r, 2.0) << name(l);
  EXPECT_LT(angle_between_deg(photo.camera.rotation, fit.rotation_rad), 1.0);
  // The scale at the head: the true camera's distance over its focal length.
  const double true_mm_per_px = photo.camera.translation_mm[2] / photo.camera.focal_px;
  std::cout << name(GetParam()) << ": " << fit.residual_px.size() << " landmarks, RMS "
            << fit.rms_px << " px, scale off by "
            << 100 * (fit.mm_per_px_at_head / true_mm_per_px - 1) << "% (" << fit.scale_source
            << ")\n";
  EXPECT_NEAR(fit.mm_per_px_at_head, true_mm_per_px, 0.03 * true_mm_per_px);
}

INSTANTIATE_TEST_SUITE_P(SyntheticPhoto, SyntheticPhotoViews, ::testing::ValuesIn(kClinicViews),
                         [](const auto& info) { return std::string(name(info.param)); });

TEST(SyntheticPhoto, TheSkinAndHairColoursComeBack) {
  const PhotoTone tone = tone_from_photos(patient().analyses, "white");
  const Lab skin = to_lab(patient().before.skin), hair = hair_lab(patient().c.patient.hair_colour);
  std::cout << "skin dE00 " << delta_e00(tone.skin, skin) << ", hair dE00 "
            << delta_e00(tone.hair, hair) << "\n";
  EXPECT_LT(delta_e00(tone.skin, skin), 3)
      << tone.skin.l << " " << tone.skin.a << " " << tone.skin.b;
  ASSERT_TRUE(tone.hair_measured);
  EXPECT_LT(delta_e00(tone.hair, hair), 3)
      << tone.hair.l << " " << tone.hair.a << " " << tone.hair.b;
  EXPECT_EQ(tone.phototype, patient().c.patient.phototype);
  EXPECT_EQ(tone.hair_colour, patient().c.patient.hair_colour);
  EXPECT_EQ(recommend_shades(tone, 3).session_shades,
            recommend_shades(patient().c.patient.phototype, patient().c.patient.hair_colour, 3)
                .session_shades);
}

// Bald cells (coverage under 0.5) of the photos' map against the case's own loss map:
// over the scalp cells the photos see, and over the whole scalp (the rest filled in).
TEST(SyntheticPhoto, TheHairLossMapComesBack) {
  const PhotoCoverage cov = coverage_from_photos(patient().sim.head(), patient().analyses);
  struct Overlap {
    int both = 0, either = 0, cells = 0;
    double iou() const { return static_cast<double>(both) / either; }
  } seen, scalp;
  for (int row = 0; row < cov.grid.size(); ++row)
    for (int col = 0; col < cov.grid.size(); ++col) {
      const FieldSample truth = patient().ex.field->sample(cov.grid.center(col, row));
      if (!truth.on_scalp) continue;
      const bool bald = truth.coverage < 0.5, found = cov.coverage.at<float>(row, col) < 0.5;
      for (Overlap* o : {&scalp, cov.seen.at<uchar>(row, col) ? &seen : nullptr}) {
        if (!o) continue;
        ++o->cells;
        o->both += bald && found;
        o->either += bald || found;
      }
    }
  std::cout << "IoU " << seen.iou() << " on the " << 100.0 * seen.cells / scalp.cells
            << "% of the scalp seen, " << scalp.iou() << " on all of it; full hair hides "
            << cov.full_hair_cover << " of the skin\n";
  EXPECT_GT(seen.iou(), 0.85);
  EXPECT_GT(scalp.iou(), 0.85);
  EXPECT_GT(static_cast<double>(seen.cells) / scalp.cells, 0.75);
}

// The healed treatment drawn onto the "before" photo (fitted pose, the photo's own hair
// hiding it) against the same state rendered from the model head with the true camera:
// the same darkening, pixel for pixel, within the hair's sampling.
class DesignOnSyntheticPhoto : public ::testing::TestWithParam<View> {};

TEST_P(DesignOnSyntheticPhoto, TheHealedStateMatchesItsRender) {
  const Patient& p = patient();
  const View view = GetParam();
  const SyntheticPhoto& before = p.photos.at(view);
  const int sessions = static_cast<int>(p.ex.planned.design.sessions.size());
  const HeadScene healed = p.sim.head_scene(healed_state(sessions, p.c.params.life));
  SyntheticPhotoSpec spec;
  spec.view = view;
  const cv::Mat truth = render_synthetic_photo(healed, p.sim.head(), spec).bgr8;
  const std::size_t k = static_cast<std::size_t>(
      std::find(std::begin(kClinicViews), std::end(kClinicViews), view) - std::begin(kClinicViews));
  const DesignOnPhoto stage(p.sim.head(), camera_of(p.fits.at(view), 2000, 1500), before.bgr8,
                            p.analyses[k]);
  const cv::Mat drawn = stage.render(healed);
  ASSERT_EQ(drawn.size(), before.bgr8.size());

  // Luminance (linear) at the scale of a few impressions: the treatment's darkening.
  const auto luminance = [](const cv::Mat& bgr8) {
    cv::Mat lin = linear_from_srgb8(bgr8), y;
    cv::transform(lin, y, cv::Matx13f(0.0722f, 0.7152f, 0.2126f));
    cv::GaussianBlur(y, y, {0, 0}, 4);
    return y;
  };
  const cv::Mat y0 = luminance(before.bgr8), y_truth = luminance(truth), y_drawn = luminance(drawn);
  const cv::Mat treated = (y0 - y_truth) > 0.01f;
  ASSERT_GT(cv::countNonZero(treated), 50000);
  const double true_darkening = cv::mean(y0 - y_truth, treated)[0],
               drawn_darkening = cv::mean(y0 - y_drawn, treated)[0];
  cv::Mat error;
  cv::absdiff(y_drawn, y_truth, error);
  const double mean_error = cv::mean(error, treated)[0];
  std::cout << "treated " << cv::countNonZero(treated) << " px: darkening " << true_darkening
            << " rendered, " << drawn_darkening << " on the photo; mean difference " << mean_error
            << "\n";
  EXPECT_NEAR(drawn_darkening, true_darkening, 0.03 * true_darkening);
  EXPECT_LT(mean_error, 0.05 * true_darkening);
  // Off the head the photo is untouched.
  const cv::Mat off_head = p.analyses[k].head == 0;
  cv::Mat off_full;
  cv::resize(off_head, off_full, drawn.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(off_full, off_full, cv::Mat::ones(9, 9, CV_8U));
  cv::Mat changed, any;
  cv::absdiff(drawn, before.bgr8, changed);
  cv::transform(changed, any, cv::Matx13f(1, 1, 1));
  EXPECT_EQ(cv::countNonZero(any & off_full), 0);
}

// The top view shows the bald crown; the back view the fringe, whose hair hides the
// impressions under it.
INSTANTIATE_TEST_SUITE_P(SyntheticPhoto, DesignOnSyntheticPhoto,
                         ::testing::Values(View::top, View::back),
                         [](const auto& info) { return std::string(name(info.param)); });

// A photo showing only hair (the head painted the shaft's colour under the model's
// light): all of it is hair, covered, not bare skin (regression: it read as bald).
TEST(SyntheticPhoto, APhotoOfOnlyHairIsAllCovered) {
  const Patient& p = patient();
  const SyntheticPhoto& top = p.photos.at(View::top);
  const HeadViewGeometry model(p.sim.head(), top.camera);
  cv::Mat hair_only = top.bgr8.clone();
  const LinearRgb shaft = to_linear_rgb(to_xyz(hair_lab(p.c.patient.hair_colour)));
  for (int r = 0; r < hair_only.rows; ++r)
    for (int c = 0; c < hair_only.cols; ++c)
      if (model.part.at<uchar>(r, c) == HeadViewGeometry::skin) {
        const double lit = model.shade.at<float>(r, c);
        hair_only.at<cv::Vec3b>(r, c) = {srgb8_from_linear(shaft.b * lit),
                                         srgb8_from_linear(shaft.g * lit),
                                         srgb8_from_linear(shaft.r * lit)};
      }
  const PhotoAnalysis a = analyse_photo(hair_only, p.sim.head(), top.camera);
  EXPECT_EQ(a.skin_pixels, 0) << a.skin.l << " " << a.skin.a << " " << a.skin.b;
  EXPECT_GT(a.hair_pixels, 10000);
  EXPECT_LT(delta_e00(a.hair, hair_lab(p.c.patient.hair_colour)), 3);
  EXPECT_NEAR(cv::mean(a.hair_cover, a.cover_weight > 0)[0], 1.0, 1e-6);
  EXPECT_EQ(cv::countNonZero(a.label == 2), cv::countNonZero(a.cover_weight > 0));
}

// A close-up filling the frame leaves GrabCut no background: the model's silhouette is
// the head (regression: OpenCV's assertion on empty samples).
TEST(SyntheticPhoto, AClosedUpHeadFillingTheFrameIsAnalysed) {
  const Patient& p = patient();
  SyntheticPhotoSpec spec;
  spec.view = View::top;
  spec.width_px = 800;
  spec.height_px = 600;
  spec.distance_mm = 125;  // 25-45 mm above the scalp: nothing but scalp in the frame
  const SyntheticPhoto close = render_synthetic_photo(p.before, p.sim.head(), spec);
  const PhotoAnalysis a = analyse_photo(close.bgr8, p.sim.head(), close.camera);
  EXPECT_EQ(cv::countNonZero(a.head), static_cast<int>(a.head.total()));
  EXPECT_GT(a.skin_pixels, 10000);
  EXPECT_LT(delta_e00(a.skin, to_lab(p.before.skin)), 3);
}

// A photo folder loaded at a smaller size: the photo and its camera scaled alike, so a
// landmark projects onto the same spot of the smaller photo.
TEST(SyntheticPhoto, APhotoFolderLoadsAtASmallerSize) {
  const Patient& p = patient();
  const fs::path dir = fs::path(::testing::TempDir()) / "photo-folder-small" / "top";
  fs::create_directories(dir);
  const SyntheticPhoto& top = p.photos.at(View::top);
  ASSERT_TRUE(cv::imwrite((dir / "photo.png").string(), top.bgr8));
  PhotoLandmarks landmarks = top.landmarks;
  write_pose_json((dir / "pose.json").string(), p.fits.at(View::top), landmarks);
  const std::vector<PhotoView> views = load_photo_folder(dir.parent_path().string(), 1000);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].view, View::top);
  EXPECT_EQ(views[0].bgr8.cols, 1000);
  EXPECT_EQ(views[0].bgr8.rows, 750);
  EXPECT_EQ(views[0].pose.camera.width_px, 1000);
  EXPECT_NEAR(views[0].pose.camera.focal_px, p.fits.at(View::top).focal_px / 2, 1e-9);
  const Vec3 vertex = landmark_on_model(p.sim.head(), PhotoLandmark::vertex, 63);
  double x, y, depth;
  views[0].pose.camera.project(vertex, x, y, depth);
  const ImagePoint full = top.landmarks.points.at(PhotoLandmark::vertex);
  EXPECT_NEAR(x, full.x_px / 2, 0.5);
  EXPECT_NEAR(y, full.y_px / 2, 0.5);
  EXPECT_EQ(load_photo_folder(dir.parent_path().string())[0].bgr8.cols, 2000);
}

}  // namespace
}  // namespace smp
