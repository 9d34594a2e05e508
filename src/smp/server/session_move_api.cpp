// A plan's session moved to another day on the plan's calendar (the web app drags it):
// the schedule's rules asked of the new day (clinic/session_move.h) with the clinic's
// holidays as closed days, answered in words before anything is booked. Nothing is stored.
#include <fmt/format.h>

#include "smp/case/case_json.h"
#include "smp/clinic/session_move.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"
#include "smp/store/holidays.h"
#include "smp/store/jobs.h"

namespace smp::server {
namespace {

using nlohmann::json;
using store::Connection;

std::chrono::year_month_day date_field(const std::string& text, const std::string& field) {
  const std::optional<std::chrono::year_month_day> d = store::parse_date(text);
  if (!d) throw bad_request(field, "'" + text + "' is not a date (YYYY-MM-DD)");
  return *d;
}

// The plan's visits as plan.json has them (docs/plan-json.md "schedule.visits").
std::vector<Visit> planned_visits(const json& plan) {
  std::vector<Visit> visits;
  for (const json& v : plan["schedule"]["visits"]) {
    Visit visit;
    visit.session = v["session"], visit.part = v["part"], visit.parts = v["parts"];
    visit.date = *store::parse_date(v["date"].get<std::string>());
    const std::string start = v["start"];
    visit.start_time = std::chrono::minutes{std::stoi(start.substr(0, 2)) * 60 + std::stoi(start.substr(3, 2))};
    visit.chair_time = std::chrono::minutes{v["chair_minutes"].get<int>()};
    visit.dots = v["dots"], visit.sedation = v["sedation"];
    visits.push_back(visit);
  }
  return visits;
}

json visit_json(const Visit& v) {
  return {{"session", v.session},
          {"part", v.part},
          {"parts", v.parts},
          {"date", iso_date(v.date)},
          {"start", fmt::format("{:02}:{:02}", v.start_time.count() / 60, v.start_time.count() % 60)},
          {"chair_minutes", v.chair_time.count()}};
}

}  // namespace

void add_session_move_api(Router& r, const store::BlobCipher& cipher) {
  // {"session", "date", "moved": [{"session", "date"}] (sessions moved on the screen before)}
  r.post(R"(/api/jobs/(J-[0-9A-F]{12})/session-move-check)", Permission::manage_appointments, [&cipher](Call& call) {
    JsonBody body = call.body();
    const long long session = body.integer("session");
    const std::string date = body.text("date");
    const json moved = body.given("moved") ? body.array("moved") : json::array();
    body.no_other_fields();
    const std::chrono::year_month_day day = date_field(date, "date");
    return call.read([&](Connection& c) {
      const std::optional<store::Job> job = store::find_job(c, call.path_part(1));
      if (!job) throw ApiError(404, "not_found", "no job " + call.path_part(1), "id");
      if (job->kind != store::JobKind::plan || job->state != store::JobState::done)
        throw ApiError(422, "no_schedule", "only a finished plan job has a calendar", "id");
      const std::optional<std::string> file = store::job_file(c, cipher, job->id, "plan.json");
      const json plan = file ? json::parse(*file) : json();
      if (!file || plan["schedule"].is_null())
        throw ApiError(422, "no_schedule", "the plan has no sessions (the verdict does not allow treatment now)", "id");
      // The rules of the case the plan was made from: its [clinic] schedule and transplant.
      Case planned;
      for (const store::CaseVersion& v : store::case_history(c, job->consultation_id))
        if (v.version == job->case_version) planned = parse_case_json(json::parse(v.case_json), job->consultation_id);
      ScheduleParameters sp = planned.params.schedule;
      const std::vector<std::chrono::year_month_day> closed = store::closed_days(c);
      sp.closed_days.insert(sp.closed_days.end(), closed.begin(), closed.end());
      const std::chrono::year_month_day today = *store::parse_date(store::iso_date_of(store::now_unix_ms()));

      std::vector<Visit> visits = planned_visits(plan);
      const auto move = [&](int s, std::chrono::year_month_day d) {
        SessionMove m = check_session_move(visits, s, d, today, planned.plan.transplant_date, sp);
        std::erase_if(visits, [&](const Visit& v) { return v.session == s; });
        visits.insert(visits.end(), m.visits.begin(), m.visits.end());
        std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
          return std::chrono::sys_days{a.date} < std::chrono::sys_days{b.date};
        });
        return m;
      };
      const auto session_field = [&](long long s, const std::string& field) {
        if (std::none_of(visits.begin(), visits.end(), [&](const Visit& v) { return v.session == s; }))
          throw bad_request(field, fmt::format("the plan has no session {}", s));
        return static_cast<int>(s);
      };
      for (std::size_t i = 0; i < moved.size(); ++i) {
        const std::string field = fmt::format("moved[{}]", i);
        if (!moved[i].is_object() || !moved[i]["session"].is_number_integer() || !moved[i]["date"].is_string())
          throw bad_request(field, "must be {\"session\": integer, \"date\": \"YYYY-MM-DD\"}");
        move(session_field(moved[i]["session"], field + ".session"),
             date_field(moved[i]["date"], field + ".date"));
      }
      const SessionMove m = move(session_field(session, "session"), day);
      call.audit_read(store::AuditAction::read, "job", job->id);
      json answer_visits = json::array();
      for (const Visit& v : m.visits) answer_visits.push_back(visit_json(v));
      return Reply(200, {{"allowed", m.allowed()},
                         {"refusals", m.refusals},
                         {"warnings", m.warnings},
                         {"visits", answer_visits}});
    });
  });
}

}  // namespace smp::server
