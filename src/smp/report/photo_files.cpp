#include "smp/report/photo_files.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/report/pictures.h"

namespace smp {
namespace {

nlohmann::json lab_json(Lab c) {
  const auto r = [](double v) { return std::round(v * 100) / 100; };
  return {r(c.l), r(c.a), r(c.b)};
}

cv::Mat segmentation_picture(const PhotoAnalysis& a) {
  // Background dark grey, skin as a light tan, hair dark brown.
  static const cv::Vec3b colours[] = {{60, 60, 60}, {150, 190, 230}, {20, 45, 80}};
  cv::Mat out(a.label.size(), CV_8UC3);
  for (int r = 0; r < out.rows; ++r)
    for (int c = 0; c < out.cols; ++c) out.at<cv::Vec3b>(r, c) = colours[a.label.at<uchar>(r, c)];
  return out;
}

}  // namespace

std::vector<std::string> photo_findings(const Case& c, const PhotoTone& tone) {
  static const char* kRoman[] = {"", "I", "II", "III", "IV", "V", "VI"};
  // " (as recorded)", or what the case records instead.
  const auto against = [](const std::string& measured, const std::string& recorded) {
    return measured + (measured == recorded ? " (as recorded)" : " (recorded: " + recorded + ")");
  };
  std::vector<std::string> out;
  out.push_back(fmt::format("Skin: L* {:.0f}, a* {:.0f}, b* {:.0f}, phototype {}", tone.skin.l,
                            tone.skin.a, tone.skin.b,
                            against(kRoman[tone.phototype], kRoman[c.patient.phototype])));
  if (tone.hair_measured)
    out.push_back("Hair colour: " + against(tone.hair_colour, c.patient.hair_colour));
  out.push_back("Shades these colours call for, session by session: " +
                shade_list(recommend_shades(tone, static_cast<int>(c.params.sessions.count))));
  return out;
}

void put_photo_analysis(const Case& c, const std::vector<PhotoView>& views,
                        const std::vector<PhotoAnalysis>& analyses, const PhotoTone& tone,
                        const PhotoCoverage& coverage, Sink& sink) {
  const ShadeRecommendation shades =
      recommend_shades(tone, static_cast<int>(c.params.sessions.count));
  // The painted mask's convention: 8-bit grey, 255 full hair, 0 bald.
  cv::Mat mask;
  coverage.coverage.convertTo(mask, CV_8U, 255);
  sink.put("hair-coverage.png", png_bytes(mask));
  nlohmann::ordered_json per_view = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string view(name(views[i].view));
    sink.put(view + "-segmentation.png", png_bytes(segmentation_picture(analyses[i])));
    per_view.push_back({{"view", view},
                        {"folder", views[i].dir.filename().string()},
                        {"skin_pixels", analyses[i].skin_pixels},
                        {"hair_pixels", analyses[i].hair_pixels},
                        {"segmentation", view + "-segmentation.png"}});
  }
  nlohmann::ordered_json shade_names = nlohmann::ordered_json::array();
  for (int s : shades.session_shades) shade_names.push_back(std::string(kShades[s].name));
  const int seen = cv::countNonZero(coverage.seen);
  const nlohmann::ordered_json j = {
      {"schema", "smp-studio/photo-tone/1"},
      {"patient", c.patient.id},
      {"skin_lab", lab_json(tone.skin)},
      {"phototype", tone.phototype},
      {"case_phototype", c.patient.phototype},
      {"hair_measured", tone.hair_measured},
      {"hair_lab", lab_json(tone.hair)},
      {"hair_colour", tone.hair_colour},
      {"case_hair_colour", c.patient.hair_colour},
      {"shades", shade_names},
      {"shade_reasons", shades.reasons},
      {"shade_warnings", shades.warnings},
      {"hair_coverage",
       {{"mask", "hair-coverage.png"},
        {"half_extent_mm", coverage.grid.half_extent_mm},
        {"full_hair_hides", std::round(coverage.full_hair_cover * 1000) / 1000},
        {"seen_fraction", std::round(1000.0 * seen / coverage.seen.total()) / 1000}}},
      {"views", per_view}};
  sink.put("tone.json", j.dump(2) + "\n");
}

void put_followup_files(const cv::Mat& baseline_bgr8, const cv::Mat& aligned,
                        const PhotoAlignment& a, const std::string& baseline_name,
                        const std::string& followup_name, const std::string& caption, Sink& sink) {
  sink.put("aligned.jpg", jpeg_bytes(aligned));
  cv::Mat pair;
  cv::hconcat(baseline_bgr8, aligned, pair);
  legend(pair, {caption});
  sink.put("side-by-side.jpg", jpeg_bytes(pair));
  const cv::Matx23d& m = a.baseline_from_followup;
  const nlohmann::ordered_json j = {
      {"schema", "smp-studio/photo-alignment/1"},
      {"baseline", baseline_name},
      {"followup", followup_name},
      {"method", a.method},
      {"baseline_from_followup", {{m(0, 0), m(0, 1), m(0, 2)}, {m(1, 0), m(1, 1), m(1, 2)}}},
      {"rotation_deg", a.rotation_deg},
      {"scale", a.scale},
      {"shift_px", a.shift_px},
      {"ecc",
       std::isfinite(a.ecc) ? nlohmann::ordered_json(a.ecc) : nlohmann::ordered_json(nullptr)}};
  sink.put("alignment.json", j.dump(2) + "\n");
}

}  // namespace smp
