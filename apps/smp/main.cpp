// smp: the command-line shell over the SMP Studio library.
#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <thread>

#include "progress_bar.h"
#include "smp/case/design_from_case.h"
#include "smp/design/planner.h"
#include "smp/io/output_dir.h"
#include "smp/report/design_outputs.h"
#include "smp/report/dots_csv.h"
#include "smp/clinic/questionnaire.h"
#include "smp/clinic/triage.h"
#include "smp/photo/photo_import.h"
#include "smp/photo/pose_fit.h"
#include "smp/photo/landmark_suggestions.h"
#include "smp/photo/photo_alignment.h"
#include "smp/photo/photo_folder.h"
#include "smp/photo/synthetic_photo.h"
#include "smp/report/photo_outputs.h"
#include "smp/report/pictures.h"
#include "smp/report/plan_outputs.h"
#include "smp/report/render_outputs.h"

namespace {

constexpr int kExitBadInput = 2;

struct DesignCommand {
  std::string case_path;
  std::string out_dir;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

int run_design(const DesignCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::TargetField field = smp::target_field_for(c);
  smp::cli::ProgressBar bar;
  smp::PlannerOptions options;
  options.threads = cmd.threads;
  options.progress = [&](std::string_view stage, double f) { bar.update(stage, f); };
  const smp::PlannedDesign planned = smp::plan_design(field, c.params, c.seed, options);
  smp::OutputDir out(cmd.out_dir);
  smp::write_design_outputs(c, field, planned, out.path());
  out.commit();
  for (const std::string& w : c.shades.warnings) fmt::print(stderr, "smp: warning: {}\n", w);
  const smp::Design& d = planned.design;
  fmt::print("{}: {} dots over {:.1f} cm^2 treated ({:.1f} cm^2 scalp), {} sessions, {:.1f} h chair time\n",
             cmd.out_dir, d.dots.size(), d.treated_area_cm2, d.scalp_area_cm2, d.sessions.size(),
             d.total_minutes() / 60);
  return 0;
}

struct RenderCommand {
  std::string case_path;
  std::string out_dir;
  std::string design_dir;
  std::string photos_dir;  // overrides the case's [plan] photos
  std::vector<double> years{1, 3, 5, 10};
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

int run_render(const RenderCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::TargetField field = smp::target_field_for(c);
  smp::PlannedDesign planned;
  if (cmd.design_dir.empty()) {
    smp::PlannerOptions options;
    options.threads = cmd.threads;
    planned = smp::plan_design(field, c.params, c.seed, options);
  } else {
    // Re-use the dots of `smp design`; the raster is recomputed (it is not stored).
    const std::string csv = (std::filesystem::path(cmd.design_dir) / "dots.csv").string();
    std::ifstream in(csv);
    if (!in) throw smp::InputError(csv, 0, "", "cannot open the design's dots.csv");
    smp::read_dots_csv(in, csv, planned.design);
    planned.raster = smp::ScalpRaster::compute(field, {0.5, field.chart_half_extent_mm()}, cmd.threads);
  }
  const smp::Simulation sim(c, field, planned);
  const auto states = smp::standard_states(static_cast<int>(planned.design.sessions.size()), cmd.years, c.params.life);
  const std::string photos_dir = cmd.photos_dir.empty() ? c.plan.photos_dir : cmd.photos_dir;
  // The photos are read before anything is written: a bad folder leaves no half output.
  const std::vector<smp::PhotoView> photos = photos_dir.empty() ? std::vector<smp::PhotoView>{} : smp::load_photo_folder(photos_dir, smp::kPhotoOutputLongSidePx);
  smp::OutputDir out(cmd.out_dir);
  smp::SimulationResults results = smp::write_render_outputs(c, sim, states, out.path());
  if (!photos.empty()) smp::write_photo_outputs(c, sim, states, photos, out.path(), results);
  out.commit();
  fmt::print("{}: {} states rendered{}; metrics in metrics.json\n", cmd.out_dir, states.size(),
             photos.empty() ? "" : fmt::format(", on {} photos in photos/", photos.size()));
  return 0;
}

struct PlanCommand {
  std::string case_path;
  std::string out_dir;
  std::string price_book;  // overrides the case's [plan] price_book
  std::string date;        // the consultation day, YYYY-MM-DD (default: the case's, else today)
  std::string questionnaire;  // a [candidacy] file; replaces the case's
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

std::chrono::year_month_day local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return std::chrono::year_month_day{std::chrono::year(tm.tm_year + 1900), std::chrono::month(tm.tm_mon + 1),
                                     std::chrono::day(tm.tm_mday)};
}

int run_plan(const PlanCommand& cmd) {
  const auto started = std::chrono::steady_clock::now();
  smp::Case c = smp::load_case(cmd.case_path);
  if (!cmd.price_book.empty()) c.plan.price_book = cmd.price_book;
  if (!cmd.questionnaire.empty()) c.questionnaire = smp::load_questionnaire(cmd.questionnaire);
  const smp::PriceBook book = c.plan.price_book.empty() ? smp::default_price_book() : smp::load_price_book(c.plan.price_book);
  if (!cmd.date.empty()) c.plan.consultation_date = smp::parse_iso_date(cmd.date, "--date");
  const auto today = local_today();
  smp::cli::ProgressBar bar;
  smp::OutputDir out(cmd.out_dir);
  const smp::TreatmentPlan plan = smp::write_plan_outputs(c, book, today, out.path(), cmd.threads,
                                                          [&](std::string_view stage, double f) { bar.update(stage, f); });
  out.commit();
  for (const std::string& w : c.shades.warnings) fmt::print(stderr, "smp: warning: {}\n", w);
  if (plan.candidacy)
    fmt::print("candidacy: {}\n", smp::name(plan.candidacy->verdict));
  if (plan.schedule) {
    for (const std::string& w : plan.schedule->warnings) fmt::print(stderr, "smp: warning: {}\n", w);
    const smp::Visit& first = plan.schedule->visits.front();
    const smp::Visit& last = plan.schedule->visits.back();
    fmt::print("sessions: {} visits, {} to {}; touch-up recall {}\n", plan.schedule->visits.size(), smp::iso_date(first.date),
               smp::iso_date(last.date), smp::iso_date(plan.schedule->touch_up_recall));
  } else if (!plan.treatable) {
    fmt::print("no sessions booked: the candidacy says {}\n", smp::name(plan.candidacy->verdict));
  } else {
    fmt::print("no sessions booked: the design has no impressions\n");
  }
  if (plan.quote) fmt::print("quote: {} (valid until {})\n", smp::format_money(plan.quote->total, plan.quote->currency),
                             smp::iso_date(plan.quote->valid_until));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("report: {} ({:.1f} s)\n", (std::filesystem::path(cmd.out_dir) / "report.html").string(), seconds);
  return 0;
}

struct TriageCommand {
  std::string symptom;
  int days_since_session = 0;
  int days_lasting = 0;
  std::string case_path;  // the clinic's thresholds; defaults without
};

int run_triage(const TriageCommand& cmd) {
  const auto symptom = smp::symptom_from_name(cmd.symptom);
  if (!symptom) {
    std::string names;
    for (std::string_view n : smp::kSymptomNames) names += (names.empty() ? "" : ", ") + std::string(n);
    fmt::print(stderr, "smp: error: symptom: unknown '{}' (expected one of {})\n", cmd.symptom, names);
    return kExitBadInput;
  }
  const smp::AftercareParameters p = cmd.case_path.empty() ? smp::AftercareParameters{} : smp::load_case(cmd.case_path).params.aftercare;
  const smp::TriageResult r = smp::triage(*symptom, cmd.days_since_session, cmd.days_lasting, p);
  fmt::print("{}: {}\n", smp::name(r.urgency), r.reason);
  return 0;
}

struct PhotoImportCommand {
  std::string photo_path;
  std::string out_dir;
  smp::PhotoImportOptions options;
};

int run_photo_import(const PhotoImportCommand& cmd) {
  const smp::ImportedPhoto photo = smp::write_photo_import(cmd.photo_path, cmd.out_dir, cmd.options);
  for (const std::string& n : photo.notes) fmt::print(stderr, "smp: note: {}\n", n);
  fmt::print("{}: {} {} x {}, orientation {}, colour profile {}{}\n", cmd.out_dir, photo.format, photo.bgr8.cols, photo.bgr8.rows,
             photo.exif_orientation, photo.colour_profile.empty() ? "none" : photo.colour_profile,
             photo.converted_to_srgb ? " (converted to sRGB)" : "");
  return 0;
}

struct PhotoFitCommand {
  std::string photo_dir;
  std::string case_path;
  std::string landmarks_path;  // empty: PHOTO_DIR/landmarks.toml
  std::vector<std::string> landmark_overrides;  // NAME=X,Y, on top of the file's
};

int run_photo_fit(const PhotoFitCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const std::filesystem::path dir(cmd.photo_dir);
  const std::string landmarks = cmd.landmarks_path.empty() ? (dir / "landmarks.toml").string() : cmd.landmarks_path;
  smp::PhotoLandmarks photo = smp::load_photo_landmarks(landmarks, c.params.photo_pose);
  smp::apply_landmark_overrides(photo, cmd.landmark_overrides);
  const smp::PoseFit fit = smp::fit_head_pose(smp::HeadModel::fit(c.head, c.params.landmarks), photo, c.params.photo_pose);
  if (fit.refused) {
    fmt::print(stderr, "smp: error: {}: the pose fit is refused: {}\n", landmarks, *fit.refused);
    return kExitBadInput;
  }
  const std::string out = (dir / "pose.json").string();
  smp::write_pose_json(out, fit, photo);
  fmt::print("{}: reprojection RMS {:.2f} px over {} landmarks, {:.3f} mm per px at the head ({})\n", out, fit.rms_px,
             fit.residual_px.size(), fit.mm_per_px_at_head, fit.scale_source);
  return 0;
}

struct PhotoSuggestCommand {
  std::string photo_dir;
  std::string out_path;  // empty: PHOTO_DIR/landmarks.suggested.toml
};

int run_photo_suggest(const PhotoSuggestCommand& cmd) {
  const std::filesystem::path dir(cmd.photo_dir), photo_path = dir / "photo.png";
  const std::filesystem::path out = cmd.out_path.empty() ? dir / "landmarks.suggested.toml" : std::filesystem::path(cmd.out_path);
  // landmarks.toml holds the clinic's checked points: a suggestion never replaces them.
  if (out.filename() == "landmarks.toml" && std::filesystem::exists(out))
    throw smp::InputError(out.string(), 0, "", "exists: the checked landmarks are not overwritten (choose another --out)");
  const cv::Mat bgr = smp::read_imported_photo(dir);
  const smp::LandmarkSuggestions s = smp::suggest_landmarks(bgr, smp::ClinicalParameters{}.landmark_suggestions);
  if (s.points.empty()) {
    fmt::print(stderr, "smp: error: {}: {}\n", photo_path.string(), s.notes.empty() ? "no face found" : s.notes.front());
    return kExitBadInput;
  }
  for (const std::string& n : s.notes) fmt::print(stderr, "smp: note: {}\n", n);
  smp::write_suggested_landmarks(out, s);
  fmt::print("{}: face {} x {} px at ({}, {}), {} eyes; suggested", out.string(), s.face->width, s.face->height, s.face->x, s.face->y,
             s.eyes.size());
  for (const auto& [l, p] : s.points) fmt::print(" {} ({:.0f}, {:.0f})", smp::name(l), p.x_px, p.y_px);
  fmt::print("\ncheck every point, save the file as landmarks.toml, then run smp photo fit\n");
  return 0;
}

struct PhotoSynthCommand {
  std::string case_path;
  std::string out_dir;
  std::string state = "before";
  int width_px = 2000, height_px = 1500;
};

// The case's head photographed in the five clinic views (docs/photo.md "Synthetic
// photos"): OUT/<view>/photo.png and the true landmarks.toml, ready for smp photo fit.
int run_photo_synth(const PhotoSynthCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::TargetField field = smp::target_field_for(c);
  const smp::PlannedDesign planned = smp::plan_design(field, c.params, c.seed, {});
  const smp::Simulation sim(c, field, planned);
  const int sessions = static_cast<int>(planned.design.sessions.size());
  const auto states = smp::standard_states(sessions, {1, 3, 5, 10}, c.params.life);
  const auto state = std::find_if(states.begin(), states.end(), [&](const smp::TreatmentState& s) { return s.name == cmd.state; });
  if (state == states.end()) {
    std::string names;
    for (const smp::TreatmentState& s : states) names += (names.empty() ? "" : ", ") + s.name;
    throw smp::InputError("--state", 0, "", "unknown state '" + cmd.state + "' (expected one of " + names + ")");
  }
  smp::OutputDir out(cmd.out_dir);
  smp::write_synthetic_photos(c, sim, *state, cmd.width_px, cmd.height_px, out.path());
  out.commit();
  fmt::print("{}: front, top, left, right and back photos ({} x {}) of the {} state, with their landmarks\n", cmd.out_dir,
             cmd.width_px, cmd.height_px, cmd.state);
  return 0;
}

struct PhotoAnalyseCommand {
  std::string photos_dir;
  std::string case_path;
};

int run_photo_analyse(const PhotoAnalyseCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::HeadModel head = smp::HeadModel::fit(c.head, c.params.landmarks);
  const std::vector<smp::PhotoView> views = smp::load_photo_folder(cmd.photos_dir, smp::kPhotoOutputLongSidePx);
  const std::vector<smp::PhotoAnalysis> analyses = smp::analyse_photo_views(views, head, c.params.photo_analysis);
  const smp::PhotoTone tone = smp::write_photo_analysis(c, head, views, analyses, cmd.photos_dir);
  const smp::ShadeRecommendation shades = smp::recommend_shades(tone, static_cast<int>(c.params.sessions.count));
  fmt::print("skin L*a*b* {:.1f} {:.1f} {:.1f}: phototype {} (case: {})\n", tone.skin.l, tone.skin.a, tone.skin.b, tone.phototype,
             c.patient.phototype);
  if (tone.hair_measured)
    fmt::print("hair L*a*b* {:.1f} {:.1f} {:.1f}: {} (case: {})\n", tone.hair.l, tone.hair.a, tone.hair.b, tone.hair_colour,
               c.patient.hair_colour);
  else
    fmt::print("hair: not seen on the photos (case: {})\n", c.patient.hair_colour);
  fmt::print("shades: {}\n", smp::shade_list(shades));
  for (const std::string& w : shades.warnings) fmt::print(stderr, "smp: warning: {}\n", w);
  // Absolute: a case file resolves a relative mask path against its own folder.
  const std::filesystem::path mask = std::filesystem::absolute(std::filesystem::path(cmd.photos_dir) / "hair-coverage.png");
  // A TOML literal string ('...') takes the path as it is (backslashes, quotes).
  fmt::print("{}: tone.json, segmentation per view; hair coverage for the case file:\n"
             "  [hair_loss]\n  pattern = \"mask\"\n  file = '{}'\n",
             cmd.photos_dir, mask.string());
  return 0;
}

struct PhotoAlignCommand {
  std::string baseline_dir, followup_dir, out_dir;
};

// The points of PHOTO_DIR/landmarks.toml, if it has one, clicked on this photo's size.
std::optional<std::map<smp::PhotoLandmark, smp::ImagePoint>> landmarks_in(const std::filesystem::path& dir, const cv::Mat& photo) {
  const std::filesystem::path file = dir / "landmarks.toml";
  if (!std::filesystem::exists(file)) return std::nullopt;
  const smp::PhotoLandmarks l = smp::load_photo_landmarks(file.string());
  if (l.width_px != photo.cols || l.height_px != photo.rows)
    throw smp::InputError(file.string(), 0, "width_px",
                          fmt::format("clicked on a {} x {} photo, but photo.png is {} x {}", l.width_px, l.height_px, photo.cols, photo.rows));
  return l.points;
}

int run_photo_align(const PhotoAlignCommand& cmd) {
  const cv::Mat baseline = smp::read_imported_photo(cmd.baseline_dir), followup = smp::read_imported_photo(cmd.followup_dir);
  const auto base_points = landmarks_in(cmd.baseline_dir, baseline), follow_points = landmarks_in(cmd.followup_dir, followup);
  const smp::PhotoAlignment a = smp::align_followup(baseline, followup, base_points ? &*base_points : nullptr,
                                                    follow_points ? &*follow_points : nullptr, smp::ClinicalParameters{}.photo_alignment);
  if (a.refused) {
    fmt::print(stderr, "smp: error: {}: cannot be aligned to {}: {}\n", cmd.followup_dir, cmd.baseline_dir, *a.refused);
    return kExitBadInput;
  }
  smp::OutputDir out(cmd.out_dir);
  smp::write_followup_outputs(baseline, followup, a, cmd.baseline_dir, cmd.followup_dir, out.path());
  out.commit();
  fmt::print("{}: aligned by {} (turned {:.1f} degrees, scale {:.3f}, moved {:.0f} px{}): aligned.jpg, side-by-side.jpg\n",
             cmd.out_dir, a.method, a.rotation_deg, a.scale, a.shift_px,
             std::isfinite(a.ecc) ? fmt::format(", correlation {:.3f}", a.ecc) : "");
  return 0;
}

std::string bundled_example(const std::string& name) {
  for (const std::filesystem::path& dir : {std::filesystem::path("examples"), std::filesystem::path(SMP_SOURCE_DIR) / "examples"})
    if (std::filesystem::exists(dir / name)) return (dir / name).string();
  throw std::runtime_error("cannot find the bundled example " + name);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"SMP Studio: scalp micropigmentation design, simulation and clinic workflow"};
  app.require_subcommand(1);

  DesignCommand design;
  CLI::App* design_cmd = app.add_subcommand("design", "Plan the dot-by-dot design of a case");
  design_cmd->add_option("case", design.case_path, "Case file (TOML, see docs/case-file.md)")->required();
  design_cmd->add_option("--out", design.out_dir, "Output folder (replaced whole when done)")->required();
  design_cmd->add_option("--threads", design.threads, "Worker threads (the design does not depend on it)")
      ->check(CLI::Range(1, 256));

  RenderCommand render;
  CLI::App* render_cmd = app.add_subcommand("render", "Simulate how the design looks: close-ups, metrics, before/after");
  render_cmd->add_option("case", render.case_path, "Case file (TOML)")->required();
  render_cmd->add_option("--out", render.out_dir, "Output folder (replaced whole when done)")->required();
  render_cmd->add_option("--design", render.design_dir, "Re-use the dots of an `smp design` output folder");
  render_cmd->add_option("--years", render.years, "Years after healing to show, e.g. 1,3,5,10")->delimiter(',');
  render_cmd->add_option("--photos", render.photos_dir, "The patient's photo folder (docs/photo.md): every state on the photos too (default: the case's [plan] photos)");

  PlanCommand plan;
  CLI::App* plan_cmd = app.add_subcommand("plan", "The whole consultation: candidacy, design, simulation, schedule, quote, reports");
  plan_cmd->add_option("case", plan.case_path, "Case file (TOML)")->required();
  plan_cmd->add_option("--out", plan.out_dir, "Output folder (replaced whole when done)")->required();
  plan_cmd->add_option("--price-book", plan.price_book, "The clinic's price book (TOML, docs/price-book.md)");
  plan_cmd->add_option("--questionnaire", plan.questionnaire, "The consultation's [candidacy] questionnaire (TOML, docs/candidacy.md)");
  plan_cmd->add_option("--date", plan.date, "Consultation day YYYY-MM-DD (default: the case's, else today)");

  TriageCommand triage;
  CLI::App* triage_cmd = app.add_subcommand("triage", "What a symptom reported after a session means: normal, watch, or contact the clinic now");
  triage_cmd->add_option("symptom", triage.symptom, "redness, itching, swelling, rash, swollen_lymph_nodes, fever, pus")->required();
  triage_cmd->add_option("--day", triage.days_since_session, "Days since the session (0: the session day)")->required();
  triage_cmd->add_option("--lasting", triage.days_lasting, "Days the symptom has lasted so far")->capture_default_str();
  triage_cmd->add_option("--case", triage.case_path, "Case file whose [clinic] thresholds apply");

  PlanCommand demo;
  demo.out_dir = "out/demo";
  CLI::App* demo_cmd = app.add_subcommand("demo", "Run the main job (smp plan) on the bundled Norwood VI example");
  demo_cmd->add_option("--out", demo.out_dir, "Output folder")->capture_default_str();

  PhotoImportCommand photo_import;
  CLI::App* photo_cmd = app.add_subcommand("photo", "Clinic photos");
  photo_cmd->require_subcommand(1);
  CLI::App* photo_import_cmd = photo_cmd->add_subcommand("import", "Import a JPEG, PNG or HEIC: upright, sRGB, 8-bit photo.png + photo.json");
  photo_import_cmd->add_option("photo", photo_import.photo_path, "Photo file (JPEG, PNG or HEIC, told by its content)")->required();
  photo_import_cmd->add_option("--out", photo_import.out_dir, "Output folder (replaced whole when done)")->required();
  photo_import_cmd->add_option("--max-megapixels", photo_import.options.max_megapixels, "Refuse larger images (decompression bombs)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  PhotoFitCommand photo_fit;
  CLI::App* photo_fit_cmd = photo_cmd->add_subcommand("fit", "Fit the head model's pose to a photo's landmarks: pose.json");
  photo_fit_cmd->add_option("photo_dir", photo_fit.photo_dir, "Photo folder (from photo import); pose.json is written here")->required();
  photo_fit_cmd->add_option("--case", photo_fit.case_path, "Case file whose [head] measurements size the model")->required();
  photo_fit_cmd->add_option("--landmarks", photo_fit.landmarks_path, "Landmarks file (TOML, docs/photo.md; default PHOTO_DIR/landmarks.toml)");
  photo_fit_cmd->add_option("--landmark", photo_fit.landmark_overrides, "A point on top of the file's, NAME=X,Y in px (repeatable), e.g. glabella=1512,1480")
      ->allow_extra_args(false);
  PhotoSuggestCommand photo_suggest;
  CLI::App* photo_suggest_cmd = photo_cmd->add_subcommand("suggest", "Suggest front-view landmarks (face and eyes): a landmarks file to check");
  photo_suggest_cmd->add_option("photo_dir", photo_suggest.photo_dir, "Photo folder (from photo import): reads photo.png")->required();
  photo_suggest_cmd->add_option("--out", photo_suggest.out_path, "Landmarks file to write (default PHOTO_DIR/landmarks.suggested.toml)");

  PhotoSynthCommand photo_synth;
  CLI::App* photo_synth_cmd = photo_cmd->add_subcommand("synth", "Photograph the case's model head in the five clinic views (test and demo photos)");
  photo_synth_cmd->add_option("case", photo_synth.case_path, "Case file")->required();
  photo_synth_cmd->add_option("--out", photo_synth.out_dir, "Output folder, one sub-folder per view (replaced whole when done)")->required();
  photo_synth_cmd->add_option("--state", photo_synth.state, "The state photographed: before, session-1, ..., healed, year-N")->capture_default_str();
  photo_synth_cmd->add_option("--width", photo_synth.width_px, "Photo width in px")->capture_default_str()->check(CLI::Range(64, 8000));
  photo_synth_cmd->add_option("--height", photo_synth.height_px, "Photo height in px")->capture_default_str()->check(CLI::Range(64, 8000));
  PhotoAnalyseCommand photo_analyse;
  CLI::App* photo_analyse_cmd = photo_cmd->add_subcommand("analyse", "Skin and hair tone, segmentation and hair coverage from the fitted photos");
  photo_analyse_cmd->add_option("photos_dir", photo_analyse.photos_dir, "The patient's photo folder (a sub-folder per view with photo.png and pose.json)")->required();
  photo_analyse_cmd->add_option("--case", photo_analyse.case_path, "Case file (head size, patient, sessions)")->required();
  PhotoAlignCommand photo_align;
  CLI::App* photo_align_cmd = photo_cmd->add_subcommand("align", "Align a follow-up photo to the baseline photo of the same view");
  photo_align_cmd->add_option("baseline_dir", photo_align.baseline_dir, "Baseline photo folder (photo.png, optional landmarks.toml)")->required();
  photo_align_cmd->add_option("followup_dir", photo_align.followup_dir, "Follow-up photo folder (photo.png, optional landmarks.toml)")->required();
  photo_align_cmd->add_option("--out", photo_align.out_dir, "Output folder (replaced whole when done)")->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (*design_cmd) return run_design(design);
    if (*render_cmd) return run_render(render);
    if (*plan_cmd) return run_plan(plan);
    if (*triage_cmd) return run_triage(triage);
    if (*photo_import_cmd) return run_photo_import(photo_import);
    if (*photo_fit_cmd) return run_photo_fit(photo_fit);
    if (*photo_suggest_cmd) return run_photo_suggest(photo_suggest);
    if (*photo_synth_cmd) return run_photo_synth(photo_synth);
    if (*photo_analyse_cmd) return run_photo_analyse(photo_analyse);
    if (*photo_align_cmd) return run_photo_align(photo_align);
    if (*demo_cmd) {
      demo.case_path = bundled_example("norwood6-buzzcut.toml");
      return run_plan(demo);
    }
  } catch (const smp::InputError& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {  // a plan the calendar or the price book cannot make
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return 1;
  }
  return 0;
}
