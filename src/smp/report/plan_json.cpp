#include "smp/report/plan_json.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "smp/report/candidacy_json.h"
#include "smp/report/quote_json.h"

namespace smp {
namespace {

using nlohmann::json;

// To 1/per units: dividing by an integer keeps 4.77 from printing as 4.7700000000000005.
double rounded(double v, double per) { return std::round(v * per) / per; }

json schedule_json(const Schedule& s) {
  json visits = json::array(), aftercare = json::array(), follow_ups = json::array();
  for (const Visit& v : s.visits)
    visits.push_back({{"session", v.session},
                      {"part", v.part},
                      {"parts", v.parts},
                      {"date", iso_date(v.date)},
                      {"start", fmt::format("{:02}:{:02}", v.start_time.count() / 60,
                                            v.start_time.count() % 60)},
                      {"chair_minutes", v.chair_time.count()},
                      {"dots", v.dots},
                      {"sedation", v.sedation}});
  for (const AftercareWindow& w : s.aftercare)
    aftercare.push_back({{"session", w.session},
                         {"kind", name(w.kind)},
                         {"rule", w.rule},
                         {"from", iso_date(w.from)},
                         {"until", iso_date(w.until)}});
  for (const FollowUp& f : s.follow_ups)
    follow_ups.push_back(
        {{"session", f.session}, {"day", f.day}, {"date", iso_date(f.date)}, {"what", f.what}});
  return {{"visits", visits},
          {"aftercare", aftercare},
          {"follow_ups", follow_ups},
          {"touch_up_recall", iso_date(s.touch_up_recall)},
          {"warnings", s.warnings}};
}

json simulation_json(const TreatmentPlan& p) {
  json states = json::array();
  for (std::size_t i = 0; i < p.states.size() && i < p.metrics.size(); ++i) {
    const StateMetrics& m = p.metrics[i];
    states.push_back({{"state", p.states[i].name},
                      {"delta_e00_0.3m_median", rounded(m.delta_e00_03m.median, 100)},
                      {"delta_e00_1.5m_median", rounded(m.delta_e00_15m.median, 100)},
                      {"dot_contrast_0.3m", rounded(m.dot_contrast_03m, 100)}});
  }
  json images = json::array();
  static constexpr const char* kKinds[] = {
      "head_view",    "closeup", "reference_closeup",  "raking_closeup",
      "before_after", "photo",   "photo_before_after", "photo_comparison"};
  for (const PlanImage& i : p.images)
    images.push_back({{"kind", kKinds[static_cast<int>(i.kind)]},
                      {"view", i.view ? std::string(name(*i.view)) : ""},
                      {"state", i.state ? i.state->name : ""},
                      {"path", i.path}});
  return {{"states", states},
          {"touch_up_years_after_healing",
           p.touch_up_reached ? json(rounded(p.touch_up_years, 10)) : json(nullptr)},
          {"touch_up_threshold_delta_e00_1.5m", p.touch_up_threshold_delta_e00},
          {"images", images}};
}

}  // namespace

std::string plan_json(const TreatmentPlan& p) {
  json j;
  j["schema"] = "smp-studio/plan/1";
  j["patient"] = p.patient_id;
  j["case_file"] = p.case_file;
  j["date"] = iso_date(p.date);
  j["candidacy"] = p.candidacy ? candidacy_json(*p.candidacy) : json(nullptr);
  j["treatable"] = p.treatable;
  j["goals"] = p.goals;
  j["design"] = {{"scalp_area_cm2", rounded(p.design.scalp_area_cm2, 10)},
                 {"treated_area_cm2", rounded(p.design.treated_area_cm2, 10)},
                 {"dots", p.design.dots.size()},
                 {"chair_minutes", static_cast<long>(std::ceil(p.design.total_minutes()))}};
  json sessions = json::array();
  for (const SessionSheet& s : p.sessions)
    sessions.push_back(
        {{"session", s.session},
         {"shade", s.shade},
         {"shade_fraction", s.shade_fraction},
         {"needle", s.needle},
         {"dots", s.dots},
         {"chair_minutes",
          static_cast<long>(std::ceil(s.minutes))},  // as the visits: whole minutes, rounded up
         {"regions", s.regions}});
  j["sessions"] = sessions;
  j["shade"] = {{"reasons", p.shade_reasons}, {"warnings", p.shade_warnings}};
  j["schedule"] = p.schedule ? schedule_json(*p.schedule) : json(nullptr);
  j["quote"] = p.quote ? json::parse(quote_json(*p.quote)) : json(nullptr);
  j["touch_up_quote"] =
      p.touch_up_quote ? json::parse(quote_json(*p.touch_up_quote)) : json(nullptr);
  j["simulation"] = simulation_json(p);
  return j.dump(2) + "\n";
}

}  // namespace smp
