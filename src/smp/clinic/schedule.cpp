#include "smp/clinic/schedule.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "smp/base/plan_error.h"
#include "smp/io/input_error.h"

namespace smp {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {

[[noreturn]] void fail(std::string_view field, const std::string& message) {
  throw PlanError(std::string(field), message);
}

void check_range(std::string_view field, int value, int lo, int hi) {
  if (value < lo || value > hi)
    fail(field, "must be " + std::to_string(lo) + "-" + std::to_string(hi) + " (got " +
                    std::to_string(value) + ")");
}

void check_parameters(const ScheduleParameters& p) {
  if (!(p.max_session_hours > 0 && p.max_session_hours <= 24))
    fail("schedule.max_session_hours", "must be more than 0 and at most 24");
  check_range("schedule.session_start_hour", p.session_start_hour, 0, 23);
  if (p.session_start_hour + p.max_session_hours > 24)
    fail("schedule.max_session_hours", "a session starting at " +
                                           std::to_string(p.session_start_hour) +
                                           ":00 must end the same day");
  // The seed's flexible range for the gap between sessions.
  check_range("schedule.first_gap_min_days", p.first_gap_min_days, 10, 30);
  check_range("schedule.first_gap_max_days", p.first_gap_max_days, p.first_gap_min_days, 30);
  check_range("schedule.later_gap_min_days", p.later_gap_min_days, 10, 30);
  check_range("schedule.later_gap_max_days", p.later_gap_max_days, p.later_gap_min_days, 30);
  if (p.working_days.empty())
    fail("schedule.working_days", "the clinic needs at least one working day");
  for (const auto& w : p.working_days)
    if (!w.ok()) fail("schedule.working_days", "not a weekday");
  for (const auto& d : p.closed_days)
    if (!d.ok()) fail("schedule.closed_days", iso_date(d) + " is not a date");
  check_range("schedule.all_within_months", p.all_within_months, 1, 24);
  check_range("schedule.touch_up_min_months", p.touch_up_min_months, 0, 120);
  // At least a day: the transplant day is never a visit day.
  check_range("schedule.transplant_min_gap_days", p.transplant_min_gap_days, 1, 365);
}

void check_request(const ScheduleRequest& r) {
  if (!r.start.ok()) fail("start", iso_date(r.start) + " is not a date");
  if (r.transplant && !r.transplant->ok())
    fail("transplant", iso_date(*r.transplant) + " is not a date");
  if (r.sessions.empty()) fail("sessions", "there is no session to schedule");
  for (size_t i = 0; i < r.sessions.size(); ++i) {
    const std::string field = "sessions[" + std::to_string(i) + "]";
    if (!(r.sessions[i].minutes > 0)) fail(field + ".minutes", "must be more than 0");
    if (r.sessions[i].dots < 0) fail(field + ".dots", "must not be negative");
  }
  if (!(r.touch_up_years >= 0 && std::isfinite(r.touch_up_years)))
    fail("touch_up_years", "must be 0 or more");
}

class Calendar {
 public:
  Calendar(const ScheduleRequest& r, const ScheduleParameters& p) : r_(r), p_(p) {}

  bool working(sys_days d) const { return is_working_day(d, p_); }
  sys_days next_working(sys_days d) const {
    while (!working(d)) d += days{1};
    return d;
  }
  bool near_transplant(sys_days d) const {
    return r_.transplant &&
           std::chrono::abs(d - sys_days{*r_.transplant}) < days{p_.transplant_min_gap_days};
  }

  // The first run of `parts` consecutive working days from `earliest` that keeps clear of
  // the transplant; `moved` tells whether the transplant pushed it later.
  std::vector<sys_days> place(sys_days earliest, int parts, bool& moved) const {
    moved = false;
    for (;;) {
      std::vector<sys_days> run{next_working(earliest)};
      while (static_cast<int>(run.size()) < parts)
        run.push_back(next_working(run.back() + days{1}));
      if (std::none_of(run.begin(), run.end(), [&](sys_days d) { return near_transplant(d); }))
        return run;
      earliest = sys_days{*r_.transplant} + days{p_.transplant_min_gap_days};
      moved = true;
    }
  }

 private:
  const ScheduleRequest& r_;
  const ScheduleParameters& p_;
};

}  // namespace

year_month_day add_months(year_month_day d, int n) {
  const year_month_day r = d + std::chrono::months{n};
  return r.ok() ? r : year_month_day{r.year() / r.month() / std::chrono::last};
}

bool is_working_day(sys_days d, const ScheduleParameters& sp) {
  return std::find(sp.working_days.begin(), sp.working_days.end(), std::chrono::weekday{d}) != sp.working_days.end() &&
         std::find(sp.closed_days.begin(), sp.closed_days.end(), year_month_day{d}) == sp.closed_days.end();
}

ScheduleRequest schedule_request(const Design& d, year_month_day start,
                                 const std::vector<int>& sedated) {
  ScheduleRequest r;
  r.start = start;
  for (const SessionPlan& s : d.sessions)
    if (s.dots > 0)
      r.sessions.push_back({s.index, s.dots, s.estimated_minutes, false});  // no visit for nothing
  for (int k : sedated) {
    if (k < 1 || k > static_cast<int>(d.sessions.size()))
      fail("sedation", "the design has no session " + std::to_string(k) + " (it has " +
                           std::to_string(d.sessions.size()) + ")");
    auto it = std::find_if(r.sessions.begin(), r.sessions.end(),
                           [&](const SessionInput& s) { return s.index == k; });
    if (it != r.sessions.end()) it->sedation = true;
  }
  return r;
}

Schedule plan_schedule(const ScheduleRequest& r, const ScheduleParameters& sp,
                       const AftercareParameters& ap) {
  check_parameters(sp);
  check_request(r);
  const Calendar cal(r, sp);
  const double max_minutes = sp.max_session_hours * 60;
  Schedule out;
  std::vector<std::vector<sys_days>> session_days;
  sys_days earliest{r.start};
  for (size_t i = 0; i < r.sessions.size(); ++i) {
    const SessionInput& s = r.sessions[i];
    const int parts = static_cast<int>(std::ceil(s.minutes / max_minutes - 1e-9));
    bool moved = false;
    const std::vector<sys_days> run = cal.place(earliest, parts, moved);
    if (i > 0) {
      const sys_days previous = session_days.back().back();
      const int gap = static_cast<int>((run.front() - previous).count());
      const int max_gap = i == 1 ? sp.first_gap_max_days : sp.later_gap_max_days;
      if (gap > max_gap)
        out.warnings.push_back(
            "session " + std::to_string(s.index) + " is " + std::to_string(gap) +
            " days after the previous one (more than " + std::to_string(max_gap) + "): " +
            (moved ? "kept " + std::to_string(sp.transplant_min_gap_days) +
                         " days from the hair transplant on " + iso_date(*r.transplant)
                   : std::string("no earlier working day")));
      if (gap < ap.healed_max_days)
        out.warnings.push_back("session " + std::to_string(s.index) + " is " + std::to_string(gap) +
                               " days after the previous one, before it has healed (day " +
                               std::to_string(ap.healed_max_days) + ")");
    }
    const int chair = static_cast<int>(std::ceil(s.minutes / parts));
    for (int k = 0; k < parts; ++k)
      out.visits.push_back({s.index, k + 1, parts, year_month_day{run[k]},
                            std::chrono::hours{sp.session_start_hour}, std::chrono::minutes{chair},
                            s.dots / parts + (k < s.dots % parts ? 1 : 0), s.sedation});
    session_days.push_back(run);
    const int min_gap = i == 0 ? sp.first_gap_min_days : sp.later_gap_min_days;
    earliest = run.back() + days{min_gap};
  }

  const year_month_day first{session_days.front().front()}, last{session_days.back().back()};
  const year_month_day limit = add_months(first, sp.all_within_months);
  if (sys_days{last} >= sys_days{limit})
    fail(
        "schedule.all_within_months",
        "the " + std::to_string(r.sessions.size()) + " sessions run from " + iso_date(first) +
            " to " + iso_date(last) + ", not within " + std::to_string(sp.all_within_months) +
            " months" +
            (r.transplant ? " (the hair transplant on " + iso_date(*r.transplant) + " needs " +
                                std::to_string(sp.transplant_min_gap_days) + " days on either side)"
                          : std::string()));

  for (size_t i = 0; i < r.sessions.size(); ++i) {
    std::vector<year_month_day> treated(session_days[i].begin(), session_days[i].end());
    for (AftercareWindow& w :
         aftercare_for(r.sessions[i].index, treated, r.sessions[i].sedation, ap))
      out.aftercare.push_back(std::move(w));
    // A check-in that would fall on or after the next session happens at that session.
    const sys_days after = session_days[i].back();
    for (const FollowUpCheck& f : ap.follow_ups) {
      const sys_days date = cal.next_working(after + days{f.day});
      if (i + 1 < r.sessions.size() && date >= session_days[i + 1].front()) continue;
      out.follow_ups.push_back({r.sessions[i].index, f.day, year_month_day{date}, f.what});
    }
  }
  std::stable_sort(
      out.follow_ups.begin(), out.follow_ups.end(),
      [](const FollowUp& a, const FollowUp& b) { return sys_days{a.date} < sys_days{b.date}; });

  // The simulation counts its years from the healed result, a month after the last visit.
  const sys_days simulated =
      sys_days{last} + days{ap.true_colour_days} + days{std::lround(r.touch_up_years * 365.2425)};
  out.touch_up_recall = year_month_day{
      cal.next_working(std::max(simulated, sys_days{add_months(last, sp.touch_up_min_months)}))};
  return out;
}

std::string iso_date(year_month_day d) {
  char s[32];
  std::snprintf(s, sizeof s, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return s;
}

year_month_day parse_iso_date(std::string_view text, std::string_view field) {
  auto digits = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int y = shaped ? digits(0, 4) : -1, m = shaped ? digits(5, 2) : -1,
            d = shaped ? digits(8, 2) : -1;
  const year_month_day date{std::chrono::year{y}, std::chrono::month(static_cast<unsigned>(m)),
                            std::chrono::day(static_cast<unsigned>(d))};
  if (y < 0 || m < 0 || d < 0 || !date.ok())
    throw InputError("", 0, std::string(field),
                     "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD)");
  return date;
}

}  // namespace smp
