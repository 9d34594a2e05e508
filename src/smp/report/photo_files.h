// What the patient's photos add to the outputs (docs/photo.md): the analysis of
// `smp photo analyse` (tone.json, the segmentation per view, the hair coverage as a
// painted mask), the findings in words for the report, and a follow-up aligned to its
// baseline (aligned.jpg, side-by-side.jpg, alignment.json).
#pragma once

#include <string>
#include <vector>

#include "smp/case/case_file.h"
#include "smp/io/sink.h"
#include "smp/photo/photo_alignment.h"
#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_coverage.h"
#include "smp/photo/photo_folder.h"
#include "smp/photo/photo_tone.h"

namespace smp {

// The pictures made from the photos are at most this long: 2400 px prints sharp at
// 300 dpi across 8 inches and keeps a view's states to a few MB. Photos may be loaded at
// this size (load_photo_folder).
inline constexpr int kPhotoOutputLongSidePx = 2400;

// tone.json (schema smp-studio/photo-tone/1), <view>-segmentation.png and hair-coverage.png.
void put_photo_analysis(const Case& c, const std::vector<PhotoView>& views,
                        const std::vector<PhotoAnalysis>& analyses, const PhotoTone& tone,
                        const PhotoCoverage& coverage, Sink& sink);

// What the photos measured against the case's record, in words for the report and the
// command line: skin and phototype, hair colour, the shades they call for.
std::vector<std::string> photo_findings(const Case& c, const PhotoTone& tone);

// aligned.jpg (the follow-up on the baseline's pixels), side-by-side.jpg with `caption`
// under it and alignment.json (schema smp-studio/photo-alignment/1).
void put_followup_files(const cv::Mat& baseline_bgr8, const cv::Mat& aligned_bgr8,
                        const PhotoAlignment& a, const std::string& baseline_name,
                        const std::string& followup_name, const std::string& caption, Sink& sink);

}  // namespace smp
