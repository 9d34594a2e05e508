// What the patient's photos add to `smp render` and `smp plan` (docs/photo.md "The design
// on the photo"): every state on every photographed view, before/after pairs, a
// comparison sheet of all views; and what `smp photo analyse` writes: the skin and hair
// tone (tone.json), the segmentation per view and the hair coverage as a painted mask.
#pragma once

#include <string>
#include <vector>

#include "smp/clinic/treatment_plan.h"
#include "smp/photo/photo_alignment.h"
#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_folder.h"
#include "smp/photo/photo_tone.h"

namespace smp {

// The pictures made from the photos are at most this long: 2400 px prints sharp at
// 300 dpi across 8 inches and keeps a view's states to a few MB. Photos may be loaded at
// this size (load_photo_folder).
inline constexpr int kPhotoOutputLongSidePx = 2400;

// Each view's photo taken apart with its pose.
std::vector<PhotoAnalysis> analyse_photo_views(const std::vector<PhotoView>& views, const HeadModel& head,
                                               const PhotoAnalysisParameters& p);

// tone.json (schema smp-studio/photo-tone/1), <view>-segmentation.png and
// hair-coverage.png in `dir`; returns the tone.
PhotoTone write_photo_analysis(const Case& c, const HeadModel& head, const std::vector<PhotoView>& views,
                               const std::vector<PhotoAnalysis>& analyses, const std::string& dir);

// What the photos measured against the case's record, in words for the report and the
// command line: skin and phototype, hair colour, the shades they call for.
std::vector<std::string> photo_findings(const Case& c, const PhotoTone& tone);

// photos/<view>-<state>.jpg, photos/<view>-before-after.jpg, photos/comparison.jpg and
// the analysis (above) under `dir`/photos; the pictures are added to `results.images`.
void write_photo_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                         const std::vector<PhotoView>& views, const std::string& dir, SimulationResults& results);

// The case's head in `state`, photographed in the five clinic views: <view>/photo.png and
// the true <view>/landmarks.toml under `dir` (docs/photo.md "Synthetic photos").
void write_synthetic_photos(const Case& c, const Simulation& sim, const TreatmentState& state, int width_px, int height_px,
                            const std::string& dir);

// A follow-up aligned to its baseline: aligned.jpg (on the baseline's pixels),
// side-by-side.jpg and alignment.json (schema smp-studio/photo-alignment/1) in `dir`.
void write_followup_outputs(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8, const PhotoAlignment& a,
                            const std::string& baseline_name, const std::string& followup_name, const std::string& dir);

}  // namespace smp
