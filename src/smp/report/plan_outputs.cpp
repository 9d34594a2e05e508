#include "smp/report/plan_outputs.h"

#include <filesystem>
#include <future>
#include <stdexcept>

#include "smp/case/design_from_case.h"
#include "smp/clinic/plan_treatment.h"
#include "smp/design/planner.h"
#include "smp/io/atomic_file.h"
#include "smp/report/design_outputs.h"
#include "smp/report/plan_json.h"
#include "smp/report/quote_json.h"
#include "smp/report/photo_outputs.h"
#include "smp/report/render_outputs.h"
#include "smp/report/report_html.h"
#include "smp/report/report_pdf.h"
#include "smp/report/schedule_ics.h"
#include "smp/report/session_sheet_pdf.h"

namespace smp {

TreatmentPlan write_plan_outputs(const Case& c, const PriceBook& book, std::chrono::year_month_day today,
                                 const std::string& dir, int threads, const PlanProgress& progress) {
  namespace fs = std::filesystem;
  const auto report = [&](std::string_view stage, double f) {
    if (progress) progress(stage, f);
  };
  const fs::path root(dir);
  const TargetField field = target_field_for(c);
  PlannerOptions options;
  options.threads = threads;
  options.progress = [&](std::string_view stage, double f) { report(stage, 0.2 * f); };
  const PlannedDesign planned = plan_design(field, c.params, c.seed, options);
  fs::create_directories(root / "design");
  write_design_outputs(c, field, planned, (root / "design").string());

  report("simulation", 0.2);
  const Simulation sim(c, field, planned);
  const auto states = standard_states(static_cast<int>(planned.design.sessions.size()), {1, 3, 5, 10}, c.params.life);
  SimulationResults results = write_render_outputs(c, sim, states, dir);
  if (!c.plan.photos_dir.empty()) write_photo_outputs(c, sim, states, load_photo_folder(c.plan.photos_dir, kPhotoOutputLongSidePx), dir, results);

  report("plan", 0.85);
  TreatmentPlan plan = plan_treatment(c, planned.design, std::move(results), book, today);
  write_file_atomically(root / "plan.json", plan_json(plan));
  if (plan.quote) write_file_atomically(root / "quote.json", quote_json(*plan.quote));
  if (plan.touch_up_quote) write_file_atomically(root / "touch-up-quote.json", quote_json(*plan.touch_up_quote));
  if (plan.schedule)
    write_file_atomically(root / "schedule.ics",
               schedule_ics(*plan.schedule, plan.patient_id,  // stamped with the plan's day: the same plan, the same file
                            std::chrono::sys_seconds(std::chrono::sys_days(plan.date))));

  report("reports", 0.9);
  // The reports only read the plan and the pictures: written side by side (the two
  // PDFs spend most of their time compressing the same pictures).
  auto letter = std::async(std::launch::async, [&] {
    write_report_pdf(plan, c.params.aftercare, dir, Paper::us_letter, "report-letter.pdf");
  });
  auto a4 = std::async(std::launch::async, [&] { write_report_pdf(plan, c.params.aftercare, dir, Paper::a4, "report.pdf"); });
  write_report_html(plan, c.params.aftercare, dir);
  write_session_sheets(plan, planned.raster, dir);
  a4.get();
  letter.get();
  report("done", 1);
  plan.design = nullptr;
  return plan;
}

}  // namespace smp
