// smp: the command-line shell over the SMP Studio library. It parses the command line,
// runs a job, hands its files to a folder and prints what happened; every default and
// check lives in the library, where the server finds them too.
#include <chrono>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/case/plan_request_from_case.h"
#include "smp/clinic/triage.h"
#include "smp/io/folder_sink.h"
#include "smp/jobs/demo.h"
#include "smp/jobs/design_job.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/jobs/plan_job.h"
#include "smp/jobs/render_job.h"
#include "smp/photo/photo_import.h"
#include "smp/report/photo_files.h"

#include "clinic_commands.h"
#include "exit_code.h"
#include "progress_bar.h"

namespace {

// A job's files as the output folder, whole or not at all.
void write_folder(const smp::OutputFiles& files, const std::string& dir) {
  smp::FolderSink folder(dir);
  smp::put_all(files, folder);
  folder.commit();
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) fmt::print(stderr, "smp: warning: {}\n", w);
}

struct DesignCommand {
  std::string case_path, out_dir;
  smp::JobOptions job;
};

int run_design(DesignCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  smp::cli::ProgressBar bar;
  cmd.job.progress = [&](std::string_view stage, double f) { bar.update(stage, f); };
  const smp::DesignJobResult r = smp::design_job(c, cmd.job);
  write_folder(r.files, cmd.out_dir);
  print_warnings(c.shades.warnings);
  const smp::Design& d = r.planned.design;
  fmt::print(
      "{}: {} dots over {:.1f} cm^2 treated ({:.1f} cm^2 scalp), {} sessions, {:.1f} h chair "
      "time\n",
      cmd.out_dir, d.dots.size(), d.treated_area_cm2, d.scalp_area_cm2, d.sessions.size(),
      d.total_minutes() / 60);
  return 0;
}

struct RenderCommand {
  std::string case_path, out_dir, design_dir;
  smp::RenderOptions render;
  smp::JobOptions job;
};

int run_render(const RenderCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::DesignJobResult design = cmd.design_dir.empty()
                                          ? smp::design_job(c, cmd.job)
                                          : smp::design_from_folder(c, cmd.design_dir, cmd.job);
  const smp::RenderJobResult r =
      smp::render_job(c, *design.field, design.planned, cmd.render, cmd.job);
  write_folder(r.files, cmd.out_dir);
  fmt::print("{}: {} states rendered{}; metrics in metrics.json\n", cmd.out_dir,
             r.simulation.states.size(),
             r.photo_views ? fmt::format(", on {} photos in photos/", r.photo_views) : "");
  return 0;
}

struct PlanCommand {
  std::string case_path, out_dir;
  smp::PlanOverrides overrides;
  smp::JobOptions job;
};

int run_plan(PlanCommand& cmd) {
  const auto started = std::chrono::steady_clock::now();
  smp::Case c = smp::load_case(cmd.case_path);
  smp::apply_overrides(c, cmd.overrides);
  const smp::PriceBook book = smp::price_book_for(c);
  smp::cli::ProgressBar bar;
  cmd.job.progress = [&](std::string_view stage, double f) { bar.update(stage, f); };
  const smp::PlanJobResult r = smp::plan_job(c, book, smp::local_today(), cmd.job);
  write_folder(r.files, cmd.out_dir);
  print_warnings(c.shades.warnings);
  const smp::TreatmentPlan& plan = r.plan;
  if (plan.candidacy) fmt::print("candidacy: {}\n", smp::name(plan.candidacy->verdict));
  if (plan.schedule) {
    print_warnings(plan.schedule->warnings);
    fmt::print("sessions: {} visits, {} to {}; touch-up recall {}\n", plan.schedule->visits.size(),
               smp::iso_date(plan.schedule->visits.front().date),
               smp::iso_date(plan.schedule->visits.back().date),
               smp::iso_date(plan.schedule->touch_up_recall));
  } else if (!plan.treatable) {
    fmt::print("no sessions booked: the candidacy says {}\n", smp::name(plan.candidacy->verdict));
  } else {
    fmt::print("no sessions booked: the design has no impressions\n");
  }
  if (plan.quote)
    fmt::print("quote: {} (valid until {})\n",
               smp::format_money(plan.quote->total, plan.quote->currency),
               smp::iso_date(plan.quote->valid_until));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("report: {} ({:.1f} s)\n",
             (std::filesystem::path(cmd.out_dir) / "report.html").string(), seconds);
  return 0;
}

struct TriageCommand {
  std::string symptom, case_path;  // the case: the clinic's thresholds (the defaults without)
  int days_since_session = 0, days_lasting = 0;
};

int run_triage(const TriageCommand& cmd) {
  const smp::Symptom symptom = smp::symptom_named(cmd.symptom);
  const smp::AftercareParameters p = cmd.case_path.empty()
                                         ? smp::AftercareParameters{}
                                         : smp::load_case(cmd.case_path).params.aftercare;
  const smp::TriageResult r = smp::triage(symptom, cmd.days_since_session, cmd.days_lasting, p);
  fmt::print("{}: {}\n", smp::name(r.urgency), r.reason);
  return 0;
}

struct PhotoImportCommand {
  std::string photo_path, out_dir;
  smp::PhotoImportOptions options;
};

int run_photo_import(const PhotoImportCommand& cmd) {
  const smp::ImportedPhoto photo =
      smp::write_photo_import(cmd.photo_path, cmd.out_dir, cmd.options);
  for (const std::string& n : photo.notes) fmt::print(stderr, "smp: note: {}\n", n);
  fmt::print("{}: {} {} x {}, orientation {}, colour profile {}{}\n", cmd.out_dir, photo.format,
             photo.bgr8.cols, photo.bgr8.rows, photo.exif_orientation,
             photo.colour_profile.empty() ? "none" : photo.colour_profile,
             photo.converted_to_srgb ? " (converted to sRGB)" : "");
  return 0;
}

struct PhotoFitCommand {
  std::string photo_dir, case_path;
  std::string landmarks_path;                   // "" : PHOTO_DIR/landmarks.toml
  std::vector<std::string> landmark_overrides;  // NAME=X,Y, on top of the file's
};

int run_photo_fit(const PhotoFitCommand& cmd) {
  const smp::PoseFitResult r = smp::pose_fit_job(smp::load_case(cmd.case_path), cmd.photo_dir,
                                                 cmd.landmarks_path, cmd.landmark_overrides);
  if (r.fit.refused) {
    fmt::print(stderr, "smp: error: {}: the pose fit is refused: {}\n", r.landmarks_file,
               *r.fit.refused);
    return smp::cli::kExitBadInput;
  }
  smp::write_pose_json(r.pose_file.string(), r.fit, r.landmarks);
  fmt::print(
      "{}: reprojection RMS {:.2f} px over {} landmarks, {:.3f} mm per px at the head ({})\n",
      r.pose_file.string(), r.fit.rms_px, r.fit.residual_px.size(), r.fit.mm_per_px_at_head,
      r.fit.scale_source);
  return 0;
}

struct PhotoSuggestCommand {
  std::string photo_dir, out_path;  // out: "" is PHOTO_DIR/landmarks.suggested.toml
};

int run_photo_suggest(const PhotoSuggestCommand& cmd) {
  const std::filesystem::path out = cmd.out_path.empty()
                                        ? smp::default_suggestions_path(cmd.photo_dir)
                                        : std::filesystem::path(cmd.out_path);
  const smp::LandmarkSuggestions s = smp::suggest_landmarks_job(cmd.photo_dir, out);
  if (s.points.empty()) {
    fmt::print(stderr, "smp: error: {}: {}\n",
               (std::filesystem::path(cmd.photo_dir) / "photo.png").string(),
               s.notes.empty() ? "no face found" : s.notes.front());
    return smp::cli::kExitBadInput;
  }
  for (const std::string& n : s.notes) fmt::print(stderr, "smp: note: {}\n", n);
  smp::write_suggested_landmarks(out, s);
  fmt::print("{}: face {} x {} px at ({}, {}), {} eyes; suggested", out.string(), s.face->width,
             s.face->height, s.face->x, s.face->y, s.eyes.size());
  for (const auto& [l, p] : s.points)
    fmt::print(" {} ({:.0f}, {:.0f})", smp::name(l), p.x_px, p.y_px);
  fmt::print("\ncheck every point, save the file as landmarks.toml, then run smp photo fit\n");
  return 0;
}

struct PhotoSynthCommand {
  std::string case_path, out_dir;
  smp::SyntheticPhotosOptions photos;
};

int run_photo_synth(const PhotoSynthCommand& cmd) {
  write_folder(smp::synthetic_photos_job(smp::load_case(cmd.case_path), cmd.photos), cmd.out_dir);
  fmt::print(
      "{}: front, top, left, right and back photos ({} x {}) of the {} state, with their "
      "landmarks\n",
      cmd.out_dir, cmd.photos.width_px, cmd.photos.height_px, cmd.photos.state);
  return 0;
}

struct PhotoAnalyseCommand {
  std::string photos_dir, case_path;
};

int run_photo_analyse(const PhotoAnalyseCommand& cmd) {
  const smp::Case c = smp::load_case(cmd.case_path);
  const smp::PhotoAnalysisResult r = smp::photo_analysis_job(c, cmd.photos_dir);
  // Into the photo folder itself, each file whole (the folder holds the clinic's photos).
  smp::write_into_folder(r.files, cmd.photos_dir);
  const smp::PhotoTone& tone = r.tone;
  fmt::print("skin L*a*b* {:.1f} {:.1f} {:.1f}: phototype {} (case: {})\n", tone.skin.l,
             tone.skin.a, tone.skin.b, tone.phototype, c.patient.phototype);
  if (tone.hair_measured)
    fmt::print("hair L*a*b* {:.1f} {:.1f} {:.1f}: {} (case: {})\n", tone.hair.l, tone.hair.a,
               tone.hair.b, tone.hair_colour, c.patient.hair_colour);
  else
    fmt::print("hair: not seen on the photos (case: {})\n", c.patient.hair_colour);
  fmt::print("shades: {}\n", smp::shade_list(r.shades));
  print_warnings(r.shades.warnings);
  // Absolute: a case file resolves a relative mask path against its own folder.
  const std::filesystem::path mask =
      std::filesystem::absolute(std::filesystem::path(cmd.photos_dir) / "hair-coverage.png");
  // A TOML literal string ('...') takes the path as it is (backslashes, quotes).
  fmt::print(
      "{}: tone.json, segmentation per view; hair coverage for the case file:\n"
      "  [hair_loss]\n  pattern = \"mask\"\n  file = '{}'\n",
      cmd.photos_dir, mask.string());
  return 0;
}

struct PhotoAlignCommand {
  std::string baseline_dir, followup_dir, out_dir;
};

int run_photo_align(const PhotoAlignCommand& cmd) {
  const smp::FollowupResult r = smp::followup_job(cmd.baseline_dir, cmd.followup_dir);
  const smp::PhotoAlignment& a = r.alignment;
  if (a.refused) {
    fmt::print(stderr, "smp: error: {}: cannot be aligned to {}: {}\n", cmd.followup_dir,
               cmd.baseline_dir, *a.refused);
    return smp::cli::kExitBadInput;
  }
  write_folder(r.files, cmd.out_dir);
  fmt::print(
      "{}: aligned by {} (turned {:.1f} degrees, scale {:.3f}, moved {:.0f} px{}): aligned.jpg, "
      "side-by-side.jpg\n",
      cmd.out_dir, a.method, a.rotation_deg, a.scale, a.shift_px,
      std::isfinite(a.ecc) ? fmt::format(", correlation {:.3f}", a.ecc) : "");
  return 0;
}

void add_threads(CLI::App* cmd, smp::JobOptions& job) {
  cmd->add_option("--threads", job.threads, "Worker threads (the results do not depend on it)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"SMP Studio: scalp micropigmentation design, simulation and clinic workflow"};
  app.require_subcommand(1);

  DesignCommand design;
  CLI::App* design_cmd = app.add_subcommand("design", "Plan the dot-by-dot design of a case");
  design_cmd->add_option("case", design.case_path, "Case file (TOML, see docs/case-file.md)")
      ->required();
  design_cmd->add_option("--out", design.out_dir, "Output folder (replaced whole when done)")
      ->required();
  add_threads(design_cmd, design.job);

  RenderCommand render;
  CLI::App* render_cmd = app.add_subcommand(
      "render", "Simulate how the design looks: close-ups, metrics, before/after");
  render_cmd->add_option("case", render.case_path, "Case file (TOML)")->required();
  render_cmd->add_option("--out", render.out_dir, "Output folder (replaced whole when done)")
      ->required();
  render_cmd->add_option("--design", render.design_dir,
                         "Re-use the dots of an `smp design` output folder");
  render_cmd
      ->add_option("--years", render.render.years, "Years after healing to show, e.g. 1,3,5,10")
      ->delimiter(',');
  render_cmd->add_option("--photos", render.render.photos_dir,
                         "The patient's photo folder (docs/photo.md): every state on the photos "
                         "too (default: the case's [plan] photos)");
  add_threads(render_cmd, render.job);

  PlanCommand plan;
  CLI::App* plan_cmd = app.add_subcommand(
      "plan", "The whole consultation: candidacy, design, simulation, schedule, quote, reports");
  plan_cmd->add_option("case", plan.case_path, "Case file (TOML)")->required();
  plan_cmd->add_option("--out", plan.out_dir, "Output folder (replaced whole when done)")
      ->required();
  plan_cmd->add_option("--price-book", plan.overrides.price_book,
                       "The clinic's price book (TOML, docs/price-book.md)");
  plan_cmd->add_option("--questionnaire", plan.overrides.questionnaire,
                       "The consultation's [candidacy] questionnaire (TOML, docs/candidacy.md)");
  plan_cmd->add_option("--date", plan.overrides.date,
                       "Consultation day YYYY-MM-DD (default: the case's, else today)");
  add_threads(plan_cmd, plan.job);

  TriageCommand triage;
  CLI::App* triage_cmd = app.add_subcommand(
      "triage",
      "What a symptom reported after a session means: normal, watch, or contact the clinic now");
  triage_cmd
      ->add_option("symptom", triage.symptom,
                   fmt::format("{}", fmt::join(smp::kSymptomNames, ", ")))
      ->required();
  triage_cmd
      ->add_option("--day", triage.days_since_session,
                   "Days since the session (0: the session day)")
      ->required();
  triage_cmd->add_option("--lasting", triage.days_lasting, "Days the symptom has lasted so far")
      ->capture_default_str();
  triage_cmd->add_option("--case", triage.case_path, "Case file whose [clinic] thresholds apply");

  PlanCommand demo;
  demo.out_dir = smp::kDemoOutDir;
  CLI::App* demo_cmd =
      app.add_subcommand("demo", "Run the main job (smp plan) on the bundled Norwood VI example");
  demo_cmd->add_option("--out", demo.out_dir, "Output folder")->capture_default_str();

  CLI::App* photo_cmd = app.add_subcommand("photo", "Clinic photos");
  photo_cmd->require_subcommand(1);
  PhotoImportCommand photo_import;
  CLI::App* photo_import_cmd = photo_cmd->add_subcommand(
      "import", "Import a JPEG, PNG or HEIC: upright, sRGB, 8-bit photo.png + photo.json");
  photo_import_cmd
      ->add_option("photo", photo_import.photo_path,
                   "Photo file (JPEG, PNG or HEIC, told by its content)")
      ->required();
  photo_import_cmd
      ->add_option("--out", photo_import.out_dir, "Output folder (replaced whole when done)")
      ->required();
  photo_import_cmd
      ->add_option("--max-megapixels", photo_import.options.max_megapixels,
                   "Refuse larger images (decompression bombs)")
      ->capture_default_str();
  PhotoFitCommand photo_fit;
  CLI::App* photo_fit_cmd = photo_cmd->add_subcommand(
      "fit", "Fit the head model's pose to a photo's landmarks: pose.json");
  photo_fit_cmd
      ->add_option("photo_dir", photo_fit.photo_dir,
                   "Photo folder (from photo import); pose.json is written here")
      ->required();
  photo_fit_cmd
      ->add_option("--case", photo_fit.case_path,
                   "Case file whose [head] measurements size the model")
      ->required();
  photo_fit_cmd->add_option(
      "--landmarks", photo_fit.landmarks_path,
      "Landmarks file (TOML, docs/photo.md; default PHOTO_DIR/landmarks.toml)");
  photo_fit_cmd
      ->add_option(
          "--landmark", photo_fit.landmark_overrides,
          "A point on top of the file's, NAME=X,Y in px (repeatable), e.g. glabella=1512,1480")
      ->allow_extra_args(false);
  PhotoSuggestCommand photo_suggest;
  CLI::App* photo_suggest_cmd = photo_cmd->add_subcommand(
      "suggest", "Suggest front-view landmarks (face and eyes): a landmarks file to check");
  photo_suggest_cmd
      ->add_option("photo_dir", photo_suggest.photo_dir,
                   "Photo folder (from photo import): reads photo.png")
      ->required();
  photo_suggest_cmd->add_option(
      "--out", photo_suggest.out_path,
      "Landmarks file to write (default PHOTO_DIR/landmarks.suggested.toml)");
  PhotoSynthCommand photo_synth;
  CLI::App* photo_synth_cmd = photo_cmd->add_subcommand(
      "synth", "Photograph the case's model head in the five clinic views (test and demo photos)");
  photo_synth_cmd->add_option("case", photo_synth.case_path, "Case file")->required();
  photo_synth_cmd
      ->add_option("--out", photo_synth.out_dir,
                   "Output folder, one sub-folder per view (replaced whole when done)")
      ->required();
  photo_synth_cmd
      ->add_option("--state", photo_synth.photos.state,
                   "The state photographed: before, session-1, ..., healed, year-N")
      ->capture_default_str();
  photo_synth_cmd->add_option("--width", photo_synth.photos.width_px, "Photo width in px")
      ->capture_default_str();
  photo_synth_cmd->add_option("--height", photo_synth.photos.height_px, "Photo height in px")
      ->capture_default_str();
  PhotoAnalyseCommand photo_analyse;
  CLI::App* photo_analyse_cmd = photo_cmd->add_subcommand(
      "analyse", "Skin and hair tone, segmentation and hair coverage from the fitted photos");
  photo_analyse_cmd
      ->add_option(
          "photos_dir", photo_analyse.photos_dir,
          "The patient's photo folder (a sub-folder per view with photo.png and pose.json)")
      ->required();
  photo_analyse_cmd
      ->add_option("--case", photo_analyse.case_path, "Case file (head size, patient, sessions)")
      ->required();
  PhotoAlignCommand photo_align;
  CLI::App* photo_align_cmd = photo_cmd->add_subcommand(
      "align", "Align a follow-up photo to the baseline photo of the same view");
  photo_align_cmd
      ->add_option("baseline_dir", photo_align.baseline_dir,
                   "Baseline photo folder (photo.png, optional landmarks.toml)")
      ->required();
  photo_align_cmd
      ->add_option("followup_dir", photo_align.followup_dir,
                   "Follow-up photo folder (photo.png, optional landmarks.toml)")
      ->required();
  photo_align_cmd
      ->add_option("--out", photo_align.out_dir, "Output folder (replaced whole when done)")
      ->required();

  const std::function<int()> run_clinic_command = smp::cli::add_clinic_commands(app);

  CLI11_PARSE(app, argc, argv);
  return smp::cli::run_mapping_errors([&] {
    if (const int code = run_clinic_command(); code >= 0) return code;
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
    demo.case_path = smp::bundled_example(smp::kDemoCase);
    return run_plan(demo);
  });
}
