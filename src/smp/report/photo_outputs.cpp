#include "smp/report/photo_outputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/io/atomic_file.h"
#include "smp/photo/design_on_photo.h"
#include "smp/photo/photo_coverage.h"
#include "smp/photo/synthetic_photo.h"
#include "smp/report/pictures.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

// The comparison sheet: each view this wide.
constexpr int kSheetCellPx = 800;

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

cv::Mat fit_width(const cv::Mat& img, int width) {
  cv::Mat out;
  cv::resize(img, out, {width, static_cast<int>(std::lround(img.rows * static_cast<double>(width) / img.cols))}, 0, 0, cv::INTER_AREA);
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
  out.push_back(fmt::format("Skin: L* {:.0f}, a* {:.0f}, b* {:.0f}, phototype {}", tone.skin.l, tone.skin.a, tone.skin.b,
                            against(kRoman[tone.phototype], kRoman[c.patient.phototype])));
  if (tone.hair_measured) out.push_back("Hair colour: " + against(tone.hair_colour, c.patient.hair_colour));
  out.push_back("Shades these colours call for, session by session: " +
                shade_list(recommend_shades(tone, static_cast<int>(c.params.sessions.count))));
  return out;
}

std::vector<PhotoAnalysis> analyse_photo_views(const std::vector<PhotoView>& views, const HeadModel& head,
                                               const PhotoAnalysisParameters& p) {
  std::vector<PhotoAnalysis> out(views.size());
  for_each_parallel(static_cast<int>(views.size()), [&](int i) {
    try {
      out[i] = analyse_photo(views[i].bgr8, head, views[i].pose.camera, p);
    } catch (const std::exception& e) {
      throw std::runtime_error(views[i].dir.string() + ": cannot analyse the photo: " + e.what());
    }
  });
  // One skin and one hair colour for every view (a view showing only hair, or only skin,
  // has no colour of its own to compare with), so the views' hair cover agrees.
  const bool skin_seen = std::any_of(out.begin(), out.end(), [](const PhotoAnalysis& a) { return a.skin_pixels > 0; });
  if (skin_seen) {
    const PhotoTone tone = tone_from_photos(out, "");
    for (PhotoAnalysis& a : out) measure_hair_cover(a, tone.skin, tone.hair);
  }
  return out;
}

PhotoTone write_photo_analysis(const Case& c, const HeadModel& head, const std::vector<PhotoView>& views,
                               const std::vector<PhotoAnalysis>& analyses, const std::string& dir) {
  const fs::path root(dir);
  fs::create_directories(root);
  PhotoTone tone;
  try {
    tone = tone_from_photos(analyses, c.patient.hair_colour);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(dir + ": " + e.what());
  }
  const ShadeRecommendation shades = recommend_shades(tone, static_cast<int>(c.params.sessions.count));
  const PhotoCoverage coverage = coverage_from_photos(head, analyses, c.params.photo_analysis);
  // The painted mask's convention: 8-bit grey, 255 full hair, 0 bald.
  cv::Mat mask;
  coverage.coverage.convertTo(mask, CV_8U, 255);
  write_png(mask, root / "hair-coverage.png");
  nlohmann::ordered_json per_view = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < views.size(); ++i) {
    write_png(segmentation_picture(analyses[i]), root / (views[i].view + "-segmentation.png"));
    per_view.push_back({{"view", views[i].view},
                        {"folder", views[i].dir.filename().string()},
                        {"skin_pixels", analyses[i].skin_pixels},
                        {"hair_pixels", analyses[i].hair_pixels},
                        {"segmentation", views[i].view + "-segmentation.png"}});
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
      {"hair_coverage", {{"mask", "hair-coverage.png"},
                         {"half_extent_mm", coverage.grid.half_extent_mm},
                         {"full_hair_hides", std::round(coverage.full_hair_cover * 1000) / 1000},
                         {"seen_fraction", std::round(1000.0 * seen / coverage.seen.total()) / 1000}}},
      {"views", per_view}};
  write_file_atomically(root / "tone.json", j.dump(2) + "\n");
  return tone;
}

void write_photo_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                         const std::vector<PhotoView>& views, const std::string& dir, SimulationResults& results) {
  const fs::path root = fs::path(dir) / "photos";
  const std::vector<PhotoAnalysis> analyses = analyse_photo_views(views, sim.head(), c.params.photo_analysis);
  const PhotoTone tone = write_photo_analysis(c, sim.head(), views, analyses, root.string());
  results.photo_findings = photo_findings(c, tone);

  std::vector<HeadScene> scenes(states.size());
  for_each_parallel(static_cast<int>(states.size()), [&](int i) { scenes[i] = sim.head_scene(states[i]); });
  const auto before = std::find_if(states.begin(), states.end(), [](const TreatmentState& s) { return s.name == "before"; });
  const auto healed = std::find_if(states.begin(), states.end(), [](const TreatmentState& s) { return s.name == "healed"; });
  std::vector<cv::Mat> sheet_rows;
  for (std::size_t v = 0; v < views.size(); ++v) {
    const PhotoView& view = views[v];
    const double s = std::min(1.0, static_cast<double>(kPhotoOutputLongSidePx) / std::max(view.bgr8.cols, view.bgr8.rows));
    const PinholeCamera camera = view.pose.camera.scaled(s);
    cv::Mat photo;
    cv::resize(view.bgr8, photo, {camera.width_px, camera.height_px}, 0, 0, cv::INTER_AREA);
    const DesignOnPhoto stage(sim.head(), camera, photo, analyses[v]);
    std::vector<cv::Mat> drawn(states.size());
    for (std::size_t i = 0; i < states.size(); ++i) {
      drawn[i] = states[i].name == "before" ? photo.clone() : stage.render(scenes[i]);
      cv::Mat labelled = drawn[i].clone();
      legend(labelled, {fmt::format("{} photo - {}", view.view, states[i].name)});
      const std::string path = "photos/" + view.view + "-" + states[i].name + ".jpg";
      write_jpeg(labelled, fs::path(dir) / path);
      results.images.push_back({PlanImage::Kind::photo, view.view, states[i].name, path});
    }
    if (before == states.end() || healed == states.end()) continue;
    cv::Mat pair;
    cv::hconcat(drawn[before - states.begin()], drawn[healed - states.begin()], pair);
    legend(pair, {fmt::format("{} photo - before (left) and healed (right)", view.view)});
    const std::string path = "photos/" + view.view + "-before-after.jpg";
    write_jpeg(pair, fs::path(dir) / path);
    results.images.push_back({PlanImage::Kind::photo_before_after, view.view, "", path});
    cv::Mat row;
    cv::hconcat(fit_width(drawn[before - states.begin()], kSheetCellPx), fit_width(drawn[healed - states.begin()], kSheetCellPx), row);
    legend(row, {fmt::format("{}: before | healed", view.view)});
    sheet_rows.push_back(fit_width(row, 2 * kSheetCellPx));
  }
  if (!sheet_rows.empty()) {
    cv::Mat sheet;
    cv::vconcat(sheet_rows, sheet);
    write_jpeg(sheet, root / "comparison.jpg");
    results.images.push_back({PlanImage::Kind::photo_comparison, "", "", "photos/comparison.jpg"});
  }
}

void write_synthetic_photos(const Case& c, const Simulation& sim, const TreatmentState& state, int width_px, int height_px,
                            const std::string& dir) {
  const HeadScene scene = sim.head_scene(state);
  for (View v : kClinicViews) {
    SyntheticPhotoSpec spec;
    spec.view = v;
    spec.width_px = width_px;
    spec.height_px = height_px;
    const SyntheticPhoto photo = render_synthetic_photo(scene, sim.head(), spec);
    const fs::path view_dir = fs::path(dir) / std::string(name(v));
    fs::create_directories(view_dir);
    write_png(photo.bgr8, view_dir / "photo.png");
    write_file_atomically(view_dir / "landmarks.toml",
                          photo_landmarks_toml(photo.landmarks, {"synthetic photo of " + c.patient.id + ", state " + state.name +
                                                                 ": the true landmarks (smp photo synth)"}));
  }
}

void write_followup_outputs(const cv::Mat& baseline_bgr8, const cv::Mat& followup_bgr8, const PhotoAlignment& a,
                            const std::string& baseline_name, const std::string& followup_name, const std::string& dir) {
  const fs::path root(dir);
  const cv::Mat aligned = warp_to_baseline(followup_bgr8, a, baseline_bgr8.size());
  write_jpeg(aligned, root / "aligned.jpg");
  cv::Mat pair;
  cv::hconcat(baseline_bgr8, aligned, pair);
  legend(pair, {"baseline (left) and the follow-up aligned to it (right)"});
  write_jpeg(pair, root / "side-by-side.jpg");
  const cv::Matx23d& m = a.baseline_from_followup;
  const nlohmann::ordered_json j = {{"schema", "smp-studio/photo-alignment/1"},
                                    {"baseline", baseline_name},
                                    {"followup", followup_name},
                                    {"method", a.method},
                                    {"baseline_from_followup", {{m(0, 0), m(0, 1), m(0, 2)}, {m(1, 0), m(1, 1), m(1, 2)}}},
                                    {"rotation_deg", a.rotation_deg},
                                    {"scale", a.scale},
                                    {"shift_px", a.shift_px},
                                    {"ecc", std::isfinite(a.ecc) ? nlohmann::ordered_json(a.ecc) : nlohmann::ordered_json(nullptr)}};
  write_file_atomically(root / "alignment.json", j.dump(2) + "\n");
}

}  // namespace smp
