#include "smp/jobs/render_job.h"

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/case/simulation_from_case.h"
#include "smp/io/input_error.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/photo/design_on_photo.h"
#include "smp/render/parallel.h"
#include "smp/render/simulation.h"
#include "smp/report/metrics_json.h"
#include "smp/report/photo_files.h"
#include "smp/report/pictures.h"

namespace smp {
namespace {

constexpr int kViewPx = 2048;      // full views at least 2048 px
constexpr int kSheetCellPx = 800;  // the photo comparison sheet: each view this wide

cv::Mat fit_width(const cv::Mat& img, int width) {
  cv::Mat out;
  cv::resize(
      img, out,
      {width, static_cast<int>(std::lround(img.rows * static_cast<double>(width) / img.cols))}, 0,
      0, cv::INTER_AREA);
  return out;
}

// Every state on every photographed view, before/after pairs and the comparison sheet,
// plus the photos' analysis under photos/.
void render_on_photos(const Case& c, const Simulation& sim,
                      const std::vector<TreatmentState>& states,
                      const std::vector<HeadScene>& scenes, const std::vector<PhotoView>& views,
                      const std::string& photos_dir, const JobOptions& options,
                      JobProgress& progress, SimulationResults& results, Sink& sink) {
  PrefixSink photos(sink, "photos/");
  PhotoAnalysisResult analysis = analyse_photos(c, sim.head(), views, photos_dir, options);
  put_all(analysis.files, photos);
  results.photo_findings = photo_findings(c, analysis.tone);
  const TreatmentState* before = find_state(states, TreatmentState::Kind::before);
  const TreatmentState* healed = find_state(states, TreatmentState::Kind::healed);
  std::vector<cv::Mat> sheet_rows;
  for (std::size_t v = 0; v < views.size(); ++v) {
    progress.report("photos", 0.95 + 0.05 * v / views.size());
    const PhotoView& view = views[v];
    const std::string view_name(name(view.view));
    const double s = std::min(1.0, static_cast<double>(kPhotoOutputLongSidePx) /
                                       std::max(view.bgr8.cols, view.bgr8.rows));
    const PinholeCamera camera = view.pose.camera.scaled(s);
    cv::Mat photo;
    cv::resize(view.bgr8, photo, {camera.width_px, camera.height_px}, 0, 0, cv::INTER_AREA);
    const DesignOnPhoto stage(sim.head(), camera, photo, analysis.analyses[v]);
    std::vector<cv::Mat> drawn(states.size());
    for (std::size_t i = 0; i < states.size(); ++i) {
      throw_if_cancelled(options.stop);
      drawn[i] =
          states[i].kind == TreatmentState::Kind::before ? photo.clone() : stage.render(scenes[i]);
      cv::Mat labelled = drawn[i].clone();
      legend(labelled, {fmt::format("{} photo - {}", view_name, states[i].name)});
      const std::string path = view_name + "-" + states[i].name + ".jpg";
      photos.put(path, jpeg_bytes(labelled));
      results.images.push_back({PlanImage::Kind::photo, view.view, states[i], "photos/" + path});
    }
    if (!before || !healed) continue;
    const cv::Mat& before_photo = drawn[before - states.data()];
    const cv::Mat& healed_photo = drawn[healed - states.data()];
    cv::Mat pair;
    cv::hconcat(before_photo, healed_photo, pair);
    legend(pair, {fmt::format("{} photo - before (left) and healed (right)", view_name)});
    const std::string path = view_name + "-before-after.jpg";
    photos.put(path, jpeg_bytes(pair));
    results.images.push_back(
        {PlanImage::Kind::photo_before_after, view.view, std::nullopt, "photos/" + path});
    cv::Mat row;
    cv::hconcat(fit_width(before_photo, kSheetCellPx), fit_width(healed_photo, kSheetCellPx), row);
    legend(row, {fmt::format("{}: before | healed", view_name)});
    sheet_rows.push_back(fit_width(row, 2 * kSheetCellPx));
  }
  if (!sheet_rows.empty()) {
    cv::Mat sheet;
    cv::vconcat(sheet_rows, sheet);
    photos.put("comparison.jpg", jpeg_bytes(sheet));
    results.images.push_back(
        {PlanImage::Kind::photo_comparison, std::nullopt, std::nullopt, "photos/comparison.jpg"});
  }
}

}  // namespace

RenderJobResult render_job(const Case& c, const TargetField& field, const PlannedDesign& design,
                           const RenderOptions& render, const JobOptions& options) {
  JobProgress progress(options);
  for (double y : render.years)
    if (!(y > 0 && y <= kMaxYearsShown))
      throw InputError("", 0, "years",
                       fmt::format("{} is not more than 0 and at most {}", y, kMaxYearsShown));
  const std::string photos_dir = render.photos_dir.empty() ? c.plan.photos_dir : render.photos_dir;
  // The photos are read first: a bad folder stops the job before any rendering.
  const std::vector<PhotoView> photos = photos_dir.empty()
                                            ? std::vector<PhotoView>{}
                                            : load_photo_folder(photos_dir, kPhotoOutputLongSidePx);
  progress.report("simulation", 0);
  const Simulation sim(simulation_inputs(c), field, design, options.stop);
  const std::vector<TreatmentState> states =
      standard_states(static_cast<int>(design.design.sessions.size()), render.years, c.params.life);

  const double px_mm = c.params.appearance.closeup_px_per_mm;
  const std::string treated = sim.treated_region(), reference = sim.reference_region();
  const int n = static_cast<int>(states.size());
  MemorySink sink;
  RenderJobResult result;
  SimulationResults& summary = result.simulation;
  summary.states = states;
  summary.metrics.resize(n);
  using Kind = PlanImage::Kind;
  // Records the picture's kind and puts its bytes.
  const auto picture = [&](Kind kind, std::optional<TreatmentState> state, std::string path,
                           const cv::Mat& img) {
    summary.images.push_back({kind, std::nullopt, std::move(state), path});
    sink.put(path, png_bytes(img));
  };
  std::vector<cv::Mat> closeups(n);
  std::vector<HeadScene> scenes(n);
  // Per state, states in parallel: the metrics, the treated close-up and the head scene.
  std::atomic<int> states_done{0};
  for_each_parallel(n, [&](int i) {
    throw_if_cancelled(options.stop);
    const TreatmentState& s = states[i];
    const StateMetrics m = summary.metrics[i] = sim.metrics(s);
    cv::Mat img = to_bgr8(render_closeup(sim.treated_patch(s), px_mm, options.stop));
    legend(img, {fmt::format("{} - {} - 2 x 2 cm", treated, s.name),
                 fmt::format("dE00 vs haired reference: {:.1f} at 0.3 m, {:.1f} at 1.5 m",
                             m.delta_e00_03m.median, m.delta_e00_15m.median),
                 fmt::format("single-dot contrast at 0.3 m: {:.1f}", m.dot_contrast_03m)});
    closeups[i] = img;
    scenes[i] = sim.head_scene(s);
    progress.report("simulation", 0.2 * ++states_done / n);
  });
  for (int i = 0; i < n; ++i)
    picture(Kind::closeup, states[i], "closeups/" + treated + "-" + states[i].name + ".png",
            closeups[i]);
  // Model-head views, one camera at a time (what it sees of the head is shared by the
  // states): all six for before, healed and the last state; the top view (where the work
  // is) for every state.
  const int view_count = static_cast<int>(std::size(kViews));
  for (int vi = 0; vi < view_count; ++vi) {
    const View v = kViews[vi];
    progress.report("head views", 0.2 + 0.6 * vi / view_count);
    const HeadViewGeometry geometry(sim.head(), v, kViewPx, options.stop);
    std::vector<int> shown;
    for (int i = 0; i < n; ++i)
      if (v == View::top || states[i].kind == TreatmentState::Kind::before ||
          states[i].kind == TreatmentState::Kind::healed || i + 1 == n)
        shown.push_back(i);
    // Each picture encoded as soon as it is drawn: twelve 2048 px top views held at once
    // were 150 MB of the peak.
    for (const int i : shown) {
      throw_if_cancelled(options.stop);
      cv::Mat view = to_bgr8(render_head_view(scenes[i], geometry, options.stop));
      legend(view, {fmt::format("{} view - {}", name(v), states[i].name),
                    fmt::format("dE00 vs haired reference at 1.5 m: {:.1f} (median)",
                                summary.metrics[i].delta_e00_15m.median)});
      const std::string path = "renders/" + std::string(name(v)) + "-" + states[i].name + ".png";
      summary.images.push_back({Kind::head_view, v, states[i], path});
      sink.put(path, png_bytes(view));
    }
  }
  progress.report("close-ups", 0.8);
  if (!c.scars.empty()) {
    // The honest limit: camouflaged colour, but the scar's relief under raking light.
    const TreatmentState healed =
        states.back().kind == TreatmentState::Kind::healed
            ? states.back()
            : healed_state(static_cast<int>(c.params.sessions.count), c.params.life);
    cv::Mat raking = to_bgr8(sim.raking_closeup(healed));
    legend(raking, {treated + " - healed - raking light from the front",
                    "SMP hides the scar's colour, not its relief: it shows in low light and with "
                    "very short hair"});
    picture(Kind::raking_closeup, healed, "closeups/" + treated + "-raking.png", raking);
  }
  throw_if_cancelled(options.stop);
  cv::Mat ref = to_bgr8(render_closeup(sim.reference_patch(), px_mm, options.stop));
  legend(ref, {reference + " (haired reference) - 2 x 2 cm"});
  picture(Kind::reference_closeup, std::nullopt, "closeups/" + reference + "-reference.png", ref);
  progress.report("touch-up", 0.85);
  const double horizon = c.params.schedule.touch_up_max_months / 12.0;
  summary.touch_up_horizon_years = horizon;
  summary.touch_up_years = sim.touch_up_years(horizon);
  summary.touch_up_reached = summary.touch_up_years < horizon;
  const TreatmentState* before = find_state(states, TreatmentState::Kind::before);
  const TreatmentState* healed = find_state(states, TreatmentState::Kind::healed);
  if (before && healed) {
    cv::Mat sheet;
    cv::hconcat(std::vector<cv::Mat>{closeups[before - states.data()],
                                     closeups[healed - states.data()], ref},
                sheet);
    picture(Kind::before_after, std::nullopt, "before-after.png", sheet);
  }
  sink.put("metrics.json", metrics_json(c, sim, summary));
  if (!photos.empty())
    render_on_photos(c, sim, states, scenes, photos, photos_dir, options, progress, summary, sink);
  result.photo_views = photos.size();
  result.files = sink.take();
  progress.done();
  return result;
}

}  // namespace smp
