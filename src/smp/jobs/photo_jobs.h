// The photo pipelines as values (docs/photo.md): the analysis of a photo folder (`smp
// photo analyse`, and the photos of `smp render`), the model head photographed in the
// clinic views (`smp photo synth`), landmark suggestions (`smp photo suggest`), the pose
// fit (`smp photo fit`) and a follow-up aligned to its baseline (`smp photo align`).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/case/case_file.h"
#include "smp/io/sink.h"
#include "smp/jobs/job_options.h"
#include "smp/photo/landmark_suggestions.h"
#include "smp/photo/photo_alignment.h"
#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_coverage.h"
#include "smp/photo/photo_folder.h"
#include "smp/photo/photo_import.h"
#include "smp/photo/photo_tone.h"
#include "smp/photo/pose_fit.h"
#include "smp/photo/synthetic_photo.h"

namespace smp {

struct PhotoAnalysisResult {
  std::vector<PhotoAnalysis> analyses;  // one per view
  PhotoTone tone;
  ShadeRecommendation shades;  // for the case's sessions, from the measured tone
  PhotoCoverage coverage;
  OutputFiles files;  // tone.json, <view>-segmentation.png, hair-coverage.png
};

// Each view taken apart with its pose, the skin and hair tone, the hair coverage.
// PlanError ("photos") when no photo shows bare skin.
PhotoAnalysisResult analyse_photos(const Case& c, const HeadModel& head,
                                   const std::vector<PhotoView>& views,
                                   const std::string& photos_dir, const JobOptions& options = {});

// The photo folder's analysis, as `smp photo analyse` runs it; the files go into the
// photo folder itself.
PhotoAnalysisResult photo_analysis_job(const Case& c, const std::string& photos_dir,
                                       const JobOptions& options = {});

// The same for posed photos held in memory (the clinic server's), each at most
// kPhotoOutputLongSidePx as `smp photo analyse` takes them; `source` names them in errors.
PhotoAnalysisResult analyse_posed_photos(const Case& c, std::vector<PhotoView> views, const std::string& source,
                                         const JobOptions& options = {});

// Synthetic photos are 64 to 8000 px on a side: at least the cascades' window several
// times over, at most a 64 MP photo.
inline constexpr int kMinSyntheticPhotoPx = 64, kMaxSyntheticPhotoPx = 8000;

struct SyntheticPhotosOptions {
  std::string state = "before";  // before, session-1, ..., healed, year-N
  int width_px = SyntheticPhotoSpec{}.width_px, height_px = SyntheticPhotoSpec{}.height_px;
};

// The case's head in one state photographed in the five clinic views: <view>/photo.png
// and the true <view>/landmarks.toml (docs/photo.md "Synthetic photos"). InputError
// ("--state") for a state the case has not, ("--width", "--height") for a size out of range.
OutputFiles synthetic_photos_job(const Case& c, const SyntheticPhotosOptions& photos,
                                 const JobOptions& options = {});

// Suggested front-view landmarks for the photo folder `photo_dir` (its photo.png). The
// file they go to must not be landmarks.toml when that exists (the clinic's checked points):
// InputError naming it.
LandmarkSuggestions suggest_landmarks_job(const std::filesystem::path& photo_dir,
                                          const std::filesystem::path& out);
// Where the suggestions go by default: PHOTO_DIR/landmarks.suggested.toml.
std::filesystem::path default_suggestions_path(const std::filesystem::path& photo_dir);

struct PoseFitResult {
  PhotoLandmarks landmarks;
  PoseFit fit;
  std::string landmarks_file;
  std::filesystem::path pose_file;  // where the fit goes: PHOTO_DIR/pose.json
};
// The head model's pose on the photo of `photo_dir` from its landmarks (default
// PHOTO_DIR/landmarks.toml) plus `overrides` (NAME=X,Y); the fit's refusal is in
// `fit.refused`.
PoseFitResult pose_fit_job(const Case& c, const std::filesystem::path& photo_dir,
                           const std::string& landmarks_path,
                           const std::vector<std::string>& overrides);

struct FollowupResult {
  PhotoAlignment alignment;  // `refused` says why the photos cannot be aligned
  OutputFiles files;         // aligned.jpg, side-by-side.jpg, alignment.json (none when refused)
};
// The follow-up photo folder aligned to the baseline folder of the same view (each with
// photo.png and optionally landmarks.toml clicked on it).
FollowupResult followup_job(const std::filesystem::path& baseline_dir,
                            const std::filesystem::path& followup_dir);

// The same for two photos in memory (the clinic server's records); either map may be null.
// `caption` goes under the side-by-side picture.
using LandmarkPoints = std::map<PhotoLandmark, ImagePoint>;
FollowupResult align_followup_photos(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8,
                                     const LandmarkPoints* baseline_points,
                                     const LandmarkPoints* followup_points,
                                     const std::string& baseline_name,
                                     const std::string& followup_name, const std::string& caption);

// A photo sent to the clinic server, imported as `smp photo import` imports a file:
// InputError naming `file_name` as import_photo's. The PNG is what the clinic works on.
struct UploadedPhoto {
  ImportedPhoto photo;
  std::string png, photo_json;
};
UploadedPhoto import_uploaded_photo(std::string_view bytes, const std::string& file_name);

// A stored photo.png as pixels; std::runtime_error if the bytes are not a PNG.
cv::Mat decode_stored_photo(std::string_view png);

// The case's head posed on a photo from landmarks held in memory, as pose_fit_job does
// from a file.
PoseFit fit_pose_to_landmarks(const Case& c, const PhotoLandmarks& landmarks);

}  // namespace smp
