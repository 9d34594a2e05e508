#include "smp/clinic/session_move.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "smp/base/plan_error.h"

namespace smp {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {

constexpr std::array<const char*, 7> kWeekdayNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

// The first and last day of a session's visits.
struct Span {
  sys_days first, last;
};

std::optional<Span> span_of(const std::vector<Visit>& visits, int session) {
  std::optional<Span> s;
  for (const Visit& v : visits) {
    if (v.session != session) continue;
    const sys_days d{v.date};
    if (!s) s = Span{d, d};
    s->first = std::min(s->first, d), s->last = std::max(s->last, d);
  }
  return s;
}

}  // namespace

SessionMove check_session_move(const std::vector<Visit>& visits, int session, year_month_day day,
                               year_month_day today, std::optional<year_month_day> transplant,
                               const ScheduleParameters& sp) {
  std::vector<Visit> parts;
  for (const Visit& v : visits)
    if (v.session == session) parts.push_back(v);
  if (parts.empty()) throw PlanError("session", fmt::format("the plan has no session {}", session));
  SessionMove out;
  if (!day.ok()) {
    out.refusals.push_back(fmt::format("{} is not a date", iso_date(day)));
    return out;
  }
  const sys_days first{day};
  if (first < sys_days{today}) out.refusals.push_back(fmt::format("{} is in the past", iso_date(day)));
  if (std::find(sp.closed_days.begin(), sp.closed_days.end(), day) != sp.closed_days.end())
    out.refusals.push_back(fmt::format("{} is a day the clinic is closed", iso_date(day)));
  else if (!is_working_day(first, sp))
    out.refusals.push_back(fmt::format("{} is a {}, not a day the clinic books sessions on",
                                       iso_date(day), kWeekdayNames[std::chrono::weekday{first}.c_encoding()]));
  // The parts on consecutive working days from the new day, as plan_schedule lays them.
  sys_days d = first;
  for (Visit v : parts) {
    while (!is_working_day(d, sp)) d += days{1};
    v.date = year_month_day{d};
    out.visits.push_back(v);
    d += days{1};
  }
  const Span moved{sys_days{out.visits.front().date}, sys_days{out.visits.back().date}};

  // The gap from the session before (its last visit) and to the session after.
  const auto gap_rule = [&](int later, const Span& before, const Span& after) {
    const int gap = static_cast<int>((after.first - before.last).count());
    const bool first_gap = later == 2;
    const int min = first_gap ? sp.first_gap_min_days : sp.later_gap_min_days;
    const int max = first_gap ? sp.first_gap_max_days : sp.later_gap_max_days;
    if (gap < min)
      out.refusals.push_back(fmt::format("session {} would be {} days after session {} ({}); at least {} days: "
                                         "the skin must heal and the dots settle first",
                                         later, gap, later - 1, iso_date(year_month_day{before.last}), min));
    else if (gap > max)
      out.warnings.push_back(fmt::format("session {} would be {} days after session {}, more than the usual {}",
                                         later, gap, later - 1, max));
  };
  if (const std::optional<Span> before = span_of(visits, session - 1)) gap_rule(session, *before, moved);
  if (const std::optional<Span> after = span_of(visits, session + 1)) gap_rule(session + 1, moved, *after);

  if (transplant)
    for (const Visit& v : out.visits)
      if (std::chrono::abs(sys_days{v.date} - sys_days{*transplant}) < days{sp.transplant_min_gap_days}) {
        out.refusals.push_back(fmt::format("{} is within {} days of the hair transplant on {}", iso_date(v.date),
                                           sp.transplant_min_gap_days, iso_date(*transplant)));
        break;
      }

  // Every session within all_within_months of the first visit.
  sys_days start = moved.first, end = moved.last;
  for (const Visit& v : visits)
    if (v.session != session) start = std::min(start, sys_days{v.date}), end = std::max(end, sys_days{v.date});
  if (end >= sys_days{add_months(year_month_day{start}, sp.all_within_months)})
    out.refusals.push_back(fmt::format("the sessions would run from {} to {}, not within {} months",
                                       iso_date(year_month_day{start}), iso_date(year_month_day{end}),
                                       sp.all_within_months));
  return out;
}

}  // namespace smp
