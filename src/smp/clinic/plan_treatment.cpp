#include "smp/clinic/plan_treatment.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "smp/skin/pigment.h"

namespace smp {
namespace {

std::string goal_words(Goal g) {
  switch (g) {
    case Goal::buzz_cut: return "the look of a fresh buzz cut";
    case Goal::density: return "more density under the existing hair";
    case Goal::scar_camouflage: return "camouflage of the scar";
    default: return std::string(name(g));
  }
}

std::vector<SessionSheet> session_sheets(const PlanRequest& c, const Design& d) {
  std::vector<SessionSheet> sheets;
  for (const SessionPlan& s : d.sessions) {
    SessionSheet sheet;
    sheet.session = s.index;
    const std::size_t k = static_cast<std::size_t>(s.index - 1);
    if (k < c.shades.session_shades.size())
      sheet.shade = std::string(kShades[c.shades.session_shades[k]].name);
    sheet.shade_fraction = s.shade;
    sheet.dots = s.dots;
    sheet.minutes = s.estimated_minutes;
    std::set<int> needles;
    std::set<Region> regions;
    for (const Dot& dot : d.dots)
      if (dot.session == s.index) needles.insert(dot.needle), regions.insert(dot.region);
    for (int n : needles)
      if (n >= 0 && n < static_cast<int>(d.needles.size()))
        sheet.needle += (sheet.needle.empty() ? "" : " + ") + d.needles[n];
    for (Region r : regions) sheet.regions.emplace_back(name(r));
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace

TreatmentPlan plan_treatment(const PlanRequest& c, Design design_in, SimulationResults sim,
                             const PriceBook& book, std::chrono::year_month_day today) {
  using namespace std::chrono;
  TreatmentPlan plan;
  plan.patient_id = c.patient_id;
  plan.case_file = c.case_file;
  plan.date = c.consultation_date.value_or(today);
  plan.design = std::move(design_in);
  const Design& design = plan.design;
  for (const RegionStats& r : design.regions)
    if (r.treated_area_cm2 > 0)
      plan.goals.push_back(fmt::format("{}: {} ({:.0f} cm2, {:.0f} dots/cm2)", name(r.region),
                                       goal_words(r.goal), r.treated_area_cm2,
                                       r.target_density_per_cm2));
  if (c.questionnaire) {
    plan.candidacy = assess_candidacy(*c.questionnaire, c.params.candidacy);
    plan.treatable = plan.candidacy->verdict == Verdict::candidate ||
                     plan.candidacy->verdict == Verdict::candidate_with_cautions;
  }
  plan.sessions = session_sheets(c, design);
  plan.shade_reasons = c.shades.reasons;
  plan.shade_warnings = c.shades.warnings;
  plan.states = std::move(sim.states);
  plan.metrics = std::move(sim.metrics);
  plan.touch_up_years = sim.touch_up_years;
  plan.touch_up_reached = sim.touch_up_reached;
  plan.touch_up_threshold_delta_e00 = c.touch_up_delta_e00;
  plan.images = std::move(sim.images);
  plan.photo_findings = std::move(sim.photo_findings);
  plan.has_scars = c.has_scars;
  plan.buzz_cut_look = std::any_of(
      design.regions.begin(), design.regions.end(),
      [](const RegionStats& r) { return r.goal == Goal::buzz_cut && r.treated_area_cm2 > 0; });
  plan.hair_length_mm = c.hair_length_mm;
  // No calendar or price until the patient may be treated, nor for a design with nothing to do.
  if (!plan.treatable || design.dots.empty()) return plan;

  // A week to think it over, order the pigment and send the aftercare kit.
  const year_month_day start = c.start_date.value_or(year_month_day{sys_days(plan.date) + days(7)});
  ScheduleRequest request = schedule_request(design, start, c.sedated_sessions);
  request.transplant = c.transplant_date;
  request.touch_up_years = plan.touch_up_years;
  plan.schedule = plan_schedule(request, c.params.schedule, c.params.aftercare);
  // Sedation is priced per visit-day session actually booked (an empty session has none).
  const int sedated =
      static_cast<int>(std::count_if(request.sessions.begin(), request.sessions.end(),
                                     [](const SessionInput& s) { return s.sedation; }));
  plan.quote = make_quote(quote_request(design, plan.date, sedated), book);
  // Quoted today at today's prices; the recall date is in the schedule.
  plan.touch_up_quote = make_touch_up_quote(book, plan.date, false);
  return plan;
}

}  // namespace smp
