#include "smp/report/render_outputs.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace smp {
namespace {

namespace fs = std::filesystem;

constexpr int kViewPx = 2048;  // full views at least 2048 px

void write_png(const cv::Mat& bgr, const fs::path& path) {
  // Fast PNG compression: the renders are large and written many at a time.
  if (!cv::imwrite(path.string(), bgr, {cv::IMWRITE_PNG_COMPRESSION, 1})) throw std::runtime_error(path.string() + ": cannot write");
}

// A small legend in the corner: what a person sees at 0.3 m and 1.5 m.
void legend(cv::Mat& img, const std::vector<std::string>& lines) {
  const int h = 22 * static_cast<int>(lines.size()) + 10;
  cv::rectangle(img, {0, img.rows - h}, {img.cols, img.rows}, cv::Scalar(255, 255, 255), cv::FILLED);
  for (std::size_t i = 0; i < lines.size(); ++i)
    cv::putText(img, lines[i], {8, img.rows - h + 22 * static_cast<int>(i + 1)}, cv::FONT_HERSHEY_SIMPLEX, 0.55,
                cv::Scalar(30, 30, 30), 1, cv::LINE_AA);
}

nlohmann::json distance_json(const DistanceMetric& d) {
  return {{"median", std::round(d.median * 100) / 100}, {"p90", std::round(d.p90 * 100) / 100}};
}

}  // namespace

void write_render_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                          const std::string& dir) {
  const fs::path root(dir);
  fs::create_directories(root / "closeups");
  fs::create_directories(root / "renders");
  const double px_mm = c.params.appearance.closeup_px_per_mm;
  const std::string treated = sim.treated_region(), reference = sim.reference_region();
  nlohmann::json j;
  j["schema"] = "smp-studio/metrics/1";
  j["patient"] = c.patient.id;
  j["treated_patch"] = {{"region", treated}, {"u_mm", sim.treated_centre().u_mm}, {"v_mm", sim.treated_centre().v_mm}};
  j["reference_patch"] = {{"region", reference}, {"u_mm", sim.reference_centre().u_mm}, {"v_mm", sim.reference_centre().v_mm}};
  j["closeup_mm"] = c.params.appearance.closeup_mm;
  j["closeup_mm_per_px"] = 1 / px_mm;
  nlohmann::json list = nlohmann::json::array();
  cv::Mat before_img, healed_img;
  std::vector<HeadScene> scenes;
  std::vector<double> far_medians;
  for (const TreatmentState& s : states) {
    const StateMetrics m = sim.metrics(s);
    list.push_back({{"state", s.name},
                    {"delta_e00_0.3m", distance_json(m.delta_e00_03m)},
                    {"delta_e00_1.5m", distance_json(m.delta_e00_15m)},
                    {"dot_contrast_0.3m", std::round(m.dot_contrast_03m * 100) / 100}});
    cv::Mat img = to_bgr8(render_closeup(sim.treated_patch(s), px_mm));
    legend(img, {fmt::format("{} - {} - 2 x 2 cm", treated, s.name),
                 fmt::format("dE00 vs haired reference: {:.1f} at 0.3 m, {:.1f} at 1.5 m", m.delta_e00_03m.median,
                             m.delta_e00_15m.median),
                 fmt::format("single-dot contrast at 0.3 m: {:.1f}", m.dot_contrast_03m)});
    write_png(img, root / "closeups" / (treated + "-" + s.name + ".png"));
    if (s.name == "before") before_img = img;
    if (s.name == "healed") healed_img = img;
    scenes.push_back(sim.head_scene(s));
    far_medians.push_back(m.delta_e00_15m.median);
  }
  // Model-head views, one camera at a time (what it sees of the head is shared by the
  // states): all six for before, healed and the last state; the top view (where the work
  // is) for every state.
  for (View v : kViews) {
    const HeadViewGeometry geometry(sim.head(), v, kViewPx);
    for (std::size_t i = 0; i < states.size(); ++i) {
      const std::string& state = states[i].name;
      if (v != View::top && state != "before" && state != "healed" && i + 1 != states.size()) continue;
      cv::Mat view = to_bgr8(render_head_view(scenes[i], geometry));
      legend(view, {fmt::format("{} view - {}", name(v), state),
                    fmt::format("dE00 vs haired reference at 1.5 m: {:.1f} (median)", far_medians[i])});
      write_png(view, root / "renders" / (std::string(name(v)) + "-" + state + ".png"));
    }
  }
  if (!c.scars.empty()) {
    // The honest limit: camouflaged colour, but the scar's relief under raking light.
    const TreatmentState healed = states.back().name == "healed" ? states.back()
                                                                  : TreatmentState{"healed", static_cast<int>(c.params.sessions.count), c.params.life.healed_days};
    cv::Mat raking = to_bgr8(sim.raking_closeup(healed));
    legend(raking, {treated + " - healed - raking light from the front",
                    "SMP hides the scar's colour, not its relief: it shows in low light and with very short hair"});
    write_png(raking, root / "closeups" / (treated + "-raking.png"));
  }
  cv::Mat ref = to_bgr8(render_closeup(sim.reference_patch(), px_mm));
  legend(ref, {reference + " (haired reference) - 2 x 2 cm"});
  write_png(ref, root / "closeups" / (reference + "-reference.png"));
  j["states"] = list;
  const double years = sim.touch_up_years();
  j["touch_up"] = {{"threshold_delta_e00_1.5m", c.params.appearance.touch_up_delta_e00},
                   {"years_after_healing", std::round(years * 10) / 10}};
  if (!before_img.empty() && !healed_img.empty()) {
    cv::Mat sheet;
    cv::hconcat(std::vector<cv::Mat>{before_img, healed_img, ref}, sheet);
    write_png(sheet, root / "before-after.png");
  }
  std::ofstream out(root / "metrics.json");
  out << j.dump(2) << "\n";
  if (!out) throw std::runtime_error((root / "metrics.json").string() + ": cannot write");
}

}  // namespace smp
