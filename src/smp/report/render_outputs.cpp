#include "smp/report/render_outputs.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "smp/io/atomic_file.h"
#include "smp/report/pictures.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

constexpr int kViewPx = 2048;  // full views at least 2048 px

nlohmann::json distance_json(const DistanceMetric& d) {
  return {{"median", std::round(d.median * 100) / 100}, {"p90", std::round(d.p90 * 100) / 100}};
}

}  // namespace

SimulationResults write_render_outputs(const Case& c, const Simulation& sim, const std::vector<TreatmentState>& states,
                                   const std::string& dir) {
  const fs::path root(dir);
  fs::create_directories(root / "closeups");
  fs::create_directories(root / "renders");
  const double px_mm = c.params.appearance.closeup_px_per_mm;
  const std::string treated = sim.treated_region(), reference = sim.reference_region();
  const int n = static_cast<int>(states.size());
  SimulationResults summary;
  summary.states = states;
  summary.metrics.resize(n);
  using Kind = PlanImage::Kind;
  const auto image = [&](Kind kind, std::string view, std::string state, std::string path) {
    summary.images.push_back({kind, std::move(view), std::move(state), std::move(path)});
    return root / summary.images.back().path;
  };
  std::vector<cv::Mat> closeups(n);
  std::vector<HeadScene> scenes(n);
  // Per state, states in parallel: the metrics, the treated close-up and the head scene.
  for_each_parallel(n, [&](int i) {
    const TreatmentState& s = states[i];
    const StateMetrics m = summary.metrics[i] = sim.metrics(s);
    cv::Mat img = to_bgr8(render_closeup(sim.treated_patch(s), px_mm));
    legend(img, {fmt::format("{} - {} - 2 x 2 cm", treated, s.name),
                 fmt::format("dE00 vs haired reference: {:.1f} at 0.3 m, {:.1f} at 1.5 m", m.delta_e00_03m.median,
                             m.delta_e00_15m.median),
                 fmt::format("single-dot contrast at 0.3 m: {:.1f}", m.dot_contrast_03m)});
    closeups[i] = img;
    scenes[i] = sim.head_scene(s);
  });
  for (int i = 0; i < n; ++i)
    write_png(closeups[i], image(Kind::closeup, "", states[i].name, "closeups/" + treated + "-" + states[i].name + ".png"));
  // Model-head views, one camera at a time (what it sees of the head is shared by the
  // states): all six for before, healed and the last state; the top view (where the work
  // is) for every state.
  for (View v : kViews) {
    const HeadViewGeometry geometry(sim.head(), v, kViewPx);
    std::vector<int> shown;
    for (int i = 0; i < n; ++i)
      if (v == View::top || states[i].name == "before" || states[i].name == "healed" || i + 1 == n) shown.push_back(i);
    std::vector<cv::Mat> views(shown.size());
    for (std::size_t k = 0; k < shown.size(); ++k) {
      const int i = shown[k];
      views[k] = to_bgr8(render_head_view(scenes[i], geometry));
      legend(views[k], {fmt::format("{} view - {}", name(v), states[i].name),
                        fmt::format("dE00 vs haired reference at 1.5 m: {:.1f} (median)", summary.metrics[i].delta_e00_15m.median)});
    }
    std::vector<fs::path> paths;
    for (int i : shown)
      paths.push_back(image(Kind::head_view, std::string(name(v)), states[i].name,
                            "renders/" + std::string(name(v)) + "-" + states[i].name + ".png"));
    for_each_parallel(static_cast<int>(shown.size()), [&](int k) { write_png(views[k], paths[k]); });
  }
  if (!c.scars.empty()) {
    // The honest limit: camouflaged colour, but the scar's relief under raking light.
    const TreatmentState healed = states.back().name == "healed" ? states.back()
                                                                  : TreatmentState{"healed", static_cast<int>(c.params.sessions.count), c.params.life.healed_days};
    cv::Mat raking = to_bgr8(sim.raking_closeup(healed));
    legend(raking, {treated + " - healed - raking light from the front",
                    "SMP hides the scar's colour, not its relief: it shows in low light and with very short hair"});
    write_png(raking, image(Kind::raking_closeup, "", "healed", "closeups/" + treated + "-raking.png"));
  }
  cv::Mat ref = to_bgr8(render_closeup(sim.reference_patch(), px_mm));
  legend(ref, {reference + " (haired reference) - 2 x 2 cm"});
  write_png(ref, image(Kind::reference_closeup, "", "", "closeups/" + reference + "-reference.png"));
  const double horizon = c.params.schedule.touch_up_max_months / 12.0;
  summary.touch_up_years = sim.touch_up_years(horizon);
  summary.touch_up_reached = summary.touch_up_years < horizon;
  const auto before = std::find_if(states.begin(), states.end(), [](const TreatmentState& s) { return s.name == "before"; });
  const auto healed = std::find_if(states.begin(), states.end(), [](const TreatmentState& s) { return s.name == "healed"; });
  if (before != states.end() && healed != states.end()) {
    cv::Mat sheet;
    cv::hconcat(std::vector<cv::Mat>{closeups[before - states.begin()], closeups[healed - states.begin()], ref}, sheet);
    write_png(sheet, image(Kind::before_after, "", "", "before-after.png"));
  }

  nlohmann::json j;
  j["schema"] = "smp-studio/metrics/1";
  j["patient"] = c.patient.id;
  j["treated_patch"] = {{"region", treated}, {"u_mm", sim.treated_centre().u_mm}, {"v_mm", sim.treated_centre().v_mm}};
  j["reference_patch"] = {{"region", reference}, {"u_mm", sim.reference_centre().u_mm}, {"v_mm", sim.reference_centre().v_mm}};
  j["closeup_mm"] = c.params.appearance.closeup_mm;
  j["closeup_mm_per_px"] = 1 / px_mm;
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    const StateMetrics& m = summary.metrics[i];
    list.push_back({{"state", states[i].name},
                    {"delta_e00_0.3m", distance_json(m.delta_e00_03m)},
                    {"delta_e00_1.5m", distance_json(m.delta_e00_15m)},
                    {"dot_contrast_0.3m", std::round(m.dot_contrast_03m * 100) / 100}});
  }
  j["states"] = list;
  j["touch_up"] = {{"threshold_delta_e00_1.5m", c.params.appearance.touch_up_delta_e00},
                   {"years_after_healing", summary.touch_up_reached ? nlohmann::json(std::round(summary.touch_up_years * 10) / 10)
                                                                    : nlohmann::json(nullptr)},
                   {"horizon_years", horizon}};
  write_file_atomically(root / "metrics.json", j.dump(2) + "\n");
  return summary;
}

}  // namespace smp
