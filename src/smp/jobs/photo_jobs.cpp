#include "smp/jobs/photo_jobs.h"

#include <algorithm>

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/case/simulation_from_case.h"
#include "smp/io/input_error.h"
#include "smp/jobs/design_job.h"
#include "smp/photo/photo_landmarks.h"
#include "smp/render/parallel.h"
#include "smp/render/simulation.h"
#include "smp/report/photo_files.h"
#include "smp/report/pictures.h"

namespace smp {
namespace {

// The points of DIR/landmarks.toml, if it has one, clicked on this photo's size.
std::optional<std::map<PhotoLandmark, ImagePoint>> landmarks_in(const std::filesystem::path& dir,
                                                                const cv::Mat& photo) {
  const std::filesystem::path file = dir / "landmarks.toml";
  if (!std::filesystem::exists(file)) return std::nullopt;
  const PhotoLandmarks l = load_photo_landmarks(file.string());
  if (l.width_px != photo.cols || l.height_px != photo.rows)
    throw InputError(file.string(), 0, "width_px",
                     fmt::format("clicked on a {} x {} photo, but photo.png is {} x {}", l.width_px,
                                 l.height_px, photo.cols, photo.rows));
  return l.points;
}

}  // namespace

PhotoAnalysisResult analyse_photos(const Case& c, const HeadModel& head,
                                   const std::vector<PhotoView>& views,
                                   const std::string& photos_dir, const JobOptions& options) {
  PhotoAnalysisResult r;
  r.analyses.resize(views.size());
  for_each_parallel(static_cast<int>(views.size()), [&](int i) {
    throw_if_cancelled(options.stop);
    try {
      r.analyses[i] =
          analyse_photo(views[i].bgr8, head, views[i].pose.camera, c.params.photo_analysis);
    } catch (const std::exception& e) {
      throw std::runtime_error(views[i].dir.string() + ": cannot analyse the photo: " + e.what());
    }
  });
  // One skin and one hair colour for every view (a view showing only hair, or only skin,
  // has no colour of its own to compare with), so the views' hair cover agrees.
  const bool skin_seen = std::any_of(r.analyses.begin(), r.analyses.end(),
                                     [](const PhotoAnalysis& a) { return a.skin_pixels > 0; });
  if (skin_seen) {
    const PhotoTone tone = tone_from_photos(r.analyses, "");
    for (PhotoAnalysis& a : r.analyses) measure_hair_cover(a, tone.skin, tone.hair);
  }
  try {
    r.tone = tone_from_photos(r.analyses, c.patient.hair_colour);
  } catch (const PlanError& e) {
    throw PlanError("photos", photos_dir + ": " + e.reason());
  }
  r.shades = recommend_shades(r.tone, static_cast<int>(c.params.sessions.count));
  r.coverage = coverage_from_photos(head, r.analyses, c.params.photo_analysis);
  MemorySink files;
  put_photo_analysis(c, views, r.analyses, r.tone, r.coverage, files);
  r.files = files.take();
  return r;
}

PhotoAnalysisResult analyse_posed_photos(const Case& c, std::vector<PhotoView> views, const std::string& source,
                                         const JobOptions& options) {
  for (PhotoView& v : views) limit_photo_size(v, kPhotoOutputLongSidePx);
  std::sort(views.begin(), views.end(), [](const PhotoView& a, const PhotoView& b) { return a.view < b.view; });
  return analyse_photos(c, HeadModel::fit(c.head, c.params.landmarks), views, source, options);
}

PhotoAnalysisResult photo_analysis_job(const Case& c, const std::string& photos_dir,
                                       const JobOptions& options) {
  const HeadModel head = HeadModel::fit(c.head, c.params.landmarks);
  return analyse_photos(c, head, load_photo_folder(photos_dir, kPhotoOutputLongSidePx), photos_dir,
                        options);
}

OutputFiles synthetic_photos_job(const Case& c, const SyntheticPhotosOptions& o,
                                 const JobOptions& options) {
  for (const auto& [field, px] :
       {std::pair{"--width", o.width_px}, std::pair{"--height", o.height_px}})
    if (px < kMinSyntheticPhotoPx || px > kMaxSyntheticPhotoPx)
      throw InputError(
          "", 0, field,
          fmt::format("{} px is not {} to {}", px, kMinSyntheticPhotoPx, kMaxSyntheticPhotoPx));
  const DesignJobResult design = design_without_files(c, options);
  const Simulation sim(simulation_inputs(c), *design.field, design.planned);
  const auto states = standard_states(static_cast<int>(design.planned.design.sessions.size()),
                                      kDefaultYearsShown, c.params.life);
  const auto state = std::find_if(states.begin(), states.end(),
                                  [&](const TreatmentState& s) { return s.name == o.state; });
  if (state == states.end()) {
    std::vector<std::string> names;
    for (const TreatmentState& s : states) names.push_back(s.name);
    throw InputError(
        "", 0, "--state",
        fmt::format("unknown state '{}' (expected one of {})", o.state, fmt::join(names, ", ")));
  }
  const HeadScene scene = sim.head_scene(*state);
  MemorySink sink;
  for (View v : kClinicViews) {
    throw_if_cancelled(options.stop);
    SyntheticPhotoSpec spec;
    spec.view = v;
    spec.width_px = o.width_px;
    spec.height_px = o.height_px;
    const SyntheticPhoto photo = render_synthetic_photo(scene, sim.head(), spec);
    const std::string view(name(v));
    sink.put(view + "/photo.png", png_bytes(photo.bgr8));
    sink.put(view + "/landmarks.toml",
             photo_landmarks_toml(photo.landmarks,
                                  {"synthetic photo of " + c.patient.id + ", state " + state->name +
                                   ": the true landmarks (smp photo synth)"}));
  }
  return sink.take();
}

std::filesystem::path default_suggestions_path(const std::filesystem::path& photo_dir) {
  return photo_dir / "landmarks.suggested.toml";
}

LandmarkSuggestions suggest_landmarks_job(const std::filesystem::path& photo_dir,
                                          const std::filesystem::path& out) {
  // landmarks.toml holds the clinic's checked points: a suggestion never replaces them.
  if (out.filename() == "landmarks.toml" && std::filesystem::exists(out))
    throw InputError(out.string(), 0, "",
                     "exists: the checked landmarks are not overwritten (choose another --out)");
  return suggest_landmarks(read_imported_photo(photo_dir), LandmarkSuggestionParameters{});
}

PoseFitResult pose_fit_job(const Case& c, const std::filesystem::path& photo_dir,
                           const std::string& landmarks_path,
                           const std::vector<std::string>& overrides) {
  PoseFitResult r;
  r.landmarks_file =
      landmarks_path.empty() ? (photo_dir / "landmarks.toml").string() : landmarks_path;
  r.pose_file = photo_dir / "pose.json";
  r.landmarks = load_photo_landmarks(r.landmarks_file, c.params.photo_pose);
  apply_landmark_overrides(r.landmarks, overrides);
  r.fit =
      fit_head_pose(HeadModel::fit(c.head, c.params.landmarks), r.landmarks, c.params.photo_pose);
  return r;
}

FollowupResult followup_job(const std::filesystem::path& baseline_dir,
                            const std::filesystem::path& followup_dir) {
  const cv::Mat baseline = read_imported_photo(baseline_dir),
                followup = read_imported_photo(followup_dir);
  const auto base_points = landmarks_in(baseline_dir, baseline),
             follow_points = landmarks_in(followup_dir, followup);
  return align_followup_photos(baseline, followup, base_points ? &*base_points : nullptr,
                               follow_points ? &*follow_points : nullptr, baseline_dir.string(),
                               followup_dir.string(),
                               "baseline (left) and the follow-up aligned to it (right)");
}

FollowupResult align_followup_photos(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8,
                                     const LandmarkPoints* baseline_points,
                                     const LandmarkPoints* followup_points,
                                     const std::string& baseline_name,
                                     const std::string& followup_name, const std::string& caption) {
  FollowupResult r;
  r.alignment = align_followup(baseline_bgr8, followup_bgr8, baseline_points, followup_points,
                               PhotoAlignmentParameters{});
  if (r.alignment.refused) return r;
  MemorySink sink;
  put_followup_files(baseline_bgr8,
                     warp_to_baseline(followup_bgr8, r.alignment, baseline_bgr8.size()),
                     r.alignment, baseline_name, followup_name, caption, sink);
  r.files = sink.take();
  return r;
}

UploadedPhoto import_uploaded_photo(std::string_view bytes, const std::string& file_name) {
  UploadedPhoto u;
  u.photo = import_photo_bytes(bytes, file_name);
  u.png = png_bytes(u.photo.bgr8);
  u.photo_json = photo_json(file_name, u.photo);
  return u;
}

cv::Mat decode_stored_photo(std::string_view png) {
  const cv::Mat raw(1, static_cast<int>(png.size()), CV_8UC1, const_cast<char*>(png.data()));
  cv::Mat bgr8 = cv::imdecode(raw, cv::IMREAD_COLOR);
  if (bgr8.empty()) throw std::runtime_error("a stored photo is not a PNG");
  return bgr8;
}

PoseFit fit_pose_to_landmarks(const Case& c, const PhotoLandmarks& landmarks) {
  return fit_head_pose(HeadModel::fit(c.head, c.params.landmarks), landmarks, c.params.photo_pose);
}

}  // namespace smp
