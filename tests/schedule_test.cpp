#include "smp/clinic/schedule.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "smp/clinic/triage.h"
#include "smp/io/input_error.h"
#include "smp/report/schedule_ics.h"

namespace smp {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Three default-length sessions (4 h each), none sedated.
ScheduleRequest three_sessions(year_month_day start) {
  ScheduleRequest r;
  r.start = start;
  for (int k = 1; k <= 3; ++k) r.sessions.push_back({k, 4000 * k, 240, false});
  return r;
}

Schedule plan(const ScheduleRequest& r, const ScheduleParameters& sp = {}) {
  return plan_schedule(r, sp, {});
}

std::vector<year_month_day> visit_dates(const Schedule& s) {
  std::vector<year_month_day> d;
  for (const Visit& v : s.visits) d.push_back(v.date);
  return d;
}

// The message of the error (PlanError, InputError, invalid_argument) `f` throws, failing
// the test when it throws none.
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

int days_between(year_month_day a, year_month_day b) {
  return static_cast<int>((sys_days{b} - sys_days{a}).count());
}

TEST(Schedule, SkipsTheClinicsClosedDays) {
  // Session 2 would fall on Monday 17 March, a holiday: Tuesday; session 3 keeps its 21 days from it.
  ScheduleParameters sp;
  sp.closed_days = {2025y / 3 / 17};
  const Schedule s = plan(three_sessions(2025y / 3 / 3), sp);
  EXPECT_EQ(visit_dates(s), (std::vector<year_month_day>{2025y / 3 / 3, 2025y / 3 / 18, 2025y / 4 / 8}));
}

TEST(Schedule, SkipsWeekendsAndKeepsTheDefaultGaps) {
  // Saturday start: the first session is on Monday; then 14 days, then 21.
  const Schedule s = plan(three_sessions(2025y / 3 / 1));
  EXPECT_EQ(visit_dates(s),
            (std::vector<year_month_day>{2025y / 3 / 3, 2025y / 3 / 17, 2025y / 4 / 7}));
  for (const Visit& v : s.visits) {
    EXPECT_EQ(v.parts, 1);
    EXPECT_EQ(v.start_time, 9h);
    EXPECT_EQ(v.chair_time, 240min);
    EXPECT_FALSE(v.sedation);
  }
  EXPECT_EQ(s.visits[1].dots, 8000);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(Schedule, GapLandingOnAWeekendMovesToMonday) {
  ScheduleParameters sp;
  sp.first_gap_min_days = 15;  // Friday + 15 = Saturday
  const Schedule s = plan(three_sessions(2025y / 3 / 7), sp);
  EXPECT_EQ(s.visits[0].date, 2025y / 3 / 7);
  EXPECT_EQ(s.visits[1].date, 2025y / 3 / 24);
  EXPECT_EQ(s.visits[2].date, 2025y / 4 / 14);
}

TEST(Schedule, WorkingDaysAreTheClinics) {
  ScheduleParameters sp;
  sp.working_days = {std::chrono::Tuesday, std::chrono::Saturday};
  const Schedule s = plan(three_sessions(2025y / 3 / 3), sp);  // Monday
  // Tue 4 Mar; +14 = Tue 18 Mar; +21 = Tue 8 Apr.
  EXPECT_EQ(visit_dates(s),
            (std::vector<year_month_day>{2025y / 3 / 4, 2025y / 3 / 18, 2025y / 4 / 8}));
  // A gap window with no working day in it: the next working day, with a warning.
  sp.working_days = {std::chrono::Monday};
  sp.first_gap_min_days = sp.first_gap_max_days = 10;
  const Schedule mondays = plan(three_sessions(2025y / 3 / 3), sp);
  EXPECT_EQ(mondays.visits[1].date, 2025y / 3 / 17);
  ASSERT_EQ(mondays.warnings.size(), 1u);
  EXPECT_NE(
      mondays.warnings[0].find(
          "session 2 is 14 days after the previous one (more than 10): no earlier working day"),
      std::string::npos)
      << mondays.warnings[0];
  sp.working_days.clear();
  EXPECT_NE(
      error_of([&] { plan(three_sessions(2025y / 3 / 3), sp); }).find("schedule.working_days"),
      std::string::npos);
}

TEST(Schedule, FirstGapIsConfigurableFrom10To30Days) {
  ScheduleParameters sp;
  sp.first_gap_min_days = 10;
  EXPECT_EQ(plan(three_sessions(2025y / 3 / 3), sp).visits[1].date, 2025y / 3 / 13);
  AftercareParameters slow_healing;
  slow_healing.healed_max_days = 12;
  const Schedule early = plan_schedule(three_sessions(2025y / 3 / 3), sp, slow_healing);
  ASSERT_EQ(early.warnings.size(), 1u);
  EXPECT_NE(early.warnings[0].find("before it has healed (day 12)"), std::string::npos)
      << early.warnings[0];
  sp.first_gap_min_days = sp.first_gap_max_days = 30;
  EXPECT_EQ(plan(three_sessions(2025y / 3 / 3), sp).visits[1].date, 2025y / 4 / 2);
  sp.first_gap_min_days = 9;
  EXPECT_NE(error_of([&] {
              plan(three_sessions(2025y / 3 / 3), sp);
            }).find("schedule.first_gap_min_days"),
            std::string::npos);
  sp.first_gap_min_days = 14, sp.first_gap_max_days = 31;
  EXPECT_NE(error_of([&] {
              plan(three_sessions(2025y / 3 / 3), sp);
            }).find("schedule.first_gap_max_days"),
            std::string::npos);
  sp.first_gap_max_days = 12;  // below the minimum
  EXPECT_NE(error_of([&] {
              plan(three_sessions(2025y / 3 / 3), sp);
            }).find("schedule.first_gap_max_days"),
            std::string::npos);
  sp = {};
  sp.later_gap_min_days = 35;
  EXPECT_NE(error_of([&] {
              plan(three_sessions(2025y / 3 / 3), sp);
            }).find("schedule.later_gap_min_days"),
            std::string::npos);
}

TEST(Schedule, BadDatesNameTheField) {
  ScheduleRequest r = three_sessions(2025y / 2 / 30);
  EXPECT_NE(error_of([&] { plan(r); }).find("start: 2025-02-30 is not a date"), std::string::npos);
  r.start = 2025y / 3 / 3;
  r.transplant = 2025y / 13 / 1;
  EXPECT_EQ(error_of([&] { plan(r); }).rfind("transplant:", 0), 0u);
  EXPECT_EQ(parse_iso_date("2024-02-29", "start"), 2024y / 2 / 29);
  for (const char* bad : {"2025-02-29", "2025-3-1", "03/01/2025", "", "2025-03-01x"})
    EXPECT_EQ(error_of([&] { parse_iso_date(bad, "start"); }).rfind("start: '", 0), 0u) << bad;
  EXPECT_EQ(iso_date(2025y / 3 / 4), "2025-03-04");
}

TEST(Schedule, SessionOverTheMaximumIsSplitOnConsecutiveWorkingDays) {
  ScheduleRequest r = three_sessions(2025y / 3 / 7);  // Friday
  r.sessions[0].minutes = 9 * 60;
  r.sessions[0].dots = 9001;
  const Schedule s = plan(r);
  ASSERT_EQ(s.visits.size(), 4u);
  EXPECT_EQ(s.visits[0].date, 2025y / 3 / 7);
  EXPECT_EQ(s.visits[1].date, 2025y / 3 / 10);  // the next working day, Monday
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(s.visits[k].session, 1);
    EXPECT_EQ(s.visits[k].part, k + 1);
    EXPECT_EQ(s.visits[k].parts, 2);
    EXPECT_EQ(s.visits[k].chair_time, 270min);
  }
  EXPECT_EQ(s.visits[0].dots + s.visits[1].dots, 9001);
  EXPECT_EQ(s.visits[0].dots, 4501);
  // The gap counts from the last part.
  EXPECT_EQ(s.visits[2].date, 2025y / 3 / 24);
  EXPECT_EQ(s.visits[3].date, 2025y / 4 / 14);
  // Exactly the maximum is one visit; a lower maximum splits more.
  r.sessions[0].minutes = 8 * 60;
  EXPECT_EQ(plan(r).visits.size(), 3u);
  ScheduleParameters sp;
  sp.max_session_hours = 3;
  r.sessions[0].minutes = 9 * 60 + 1;
  EXPECT_EQ(plan(r, sp).visits[3].part, 4);
}

TEST(Schedule, TransplantIsNeverTheSameDayAndKeepsItsGap) {
  ScheduleRequest r = three_sessions(2025y / 3 / 3);
  r.transplant = 2025y / 3 / 17;  // the day session 2 would have been
  const Schedule s = plan(r);
  // Session 1 (14 days before) is too close as well: everything starts 30 days after.
  EXPECT_EQ(visit_dates(s),
            (std::vector<year_month_day>{2025y / 4 / 16, 2025y / 4 / 30, 2025y / 5 / 21}));
  for (const Visit& v : s.visits) EXPECT_GE(std::abs(days_between(*r.transplant, v.date)), 30);

  // A transplant before session 3: sessions 1 and 2 keep their dates, session 3 waits
  // until 30 days after it, with a warning that names the reason.
  r.transplant = 2025y / 4 / 20;
  const Schedule late = plan(r);
  EXPECT_EQ(visit_dates(late),
            (std::vector<year_month_day>{2025y / 3 / 3, 2025y / 3 / 17, 2025y / 5 / 20}));
  ASSERT_EQ(late.warnings.size(), 1u);
  EXPECT_NE(late.warnings[0].find("hair transplant on 2025-04-20"), std::string::npos)
      << late.warnings[0];

  // With the smallest gap a visit moves to the next day, never the transplant day.
  ScheduleParameters sp;
  sp.transplant_min_gap_days = 1;
  r.transplant = 2025y / 3 / 17;
  EXPECT_EQ(plan(r, sp).visits[1].date, 2025y / 3 / 18);
  sp.transplant_min_gap_days = 0;
  EXPECT_NE(error_of([&] { plan(r, sp); }).find("schedule.transplant_min_gap_days"),
            std::string::npos);
}

TEST(Schedule, SessionsThatCannotFitInTwelveMonthsAreAnError) {
  ScheduleRequest r = three_sessions(2025y / 3 / 3);
  r.transplant = 2026y / 3 / 10;
  ScheduleParameters sp;
  sp.transplant_min_gap_days = 365;  // session 1 fits a year before it, session 2 only a year after
  const std::string e = error_of([&] { plan(r, sp); });
  EXPECT_EQ(e.rfind("schedule.all_within_months:", 0), 0u) << e;
  EXPECT_NE(e.find("hair transplant on 2026-03-10"), std::string::npos) << e;
  r.start = 2025y / 3 / 20;  // session 1 within the gap too: all move after it and fit
  EXPECT_EQ(plan(r, sp).visits[0].date, 2027y / 3 / 10);
}

TEST(Schedule, SedationMarksItsSessions) {
  Design d;
  d.sessions = {{1, 3000, 0.3, 0.3, 84.5}, {2, 4000, 0.7, 0.4, 102.7}, {3, 3000, 1.0, 0.5, 84.5}};
  const ScheduleRequest r = schedule_request(d, 2025y / 3 / 3, {2});
  ASSERT_EQ(r.sessions.size(), 3u);
  EXPECT_EQ(r.sessions[1].dots, 4000);
  EXPECT_EQ(r.sessions[1].minutes, 102.7);
  const Schedule s = plan(r);
  EXPECT_EQ(s.visits[0].chair_time, 85min);  // rounded up to whole minutes
  EXPECT_FALSE(s.visits[0].sedation);
  EXPECT_TRUE(s.visits[1].sedation);
  EXPECT_FALSE(s.visits[2].sedation);
  std::vector<AftercareWindow> sedation;
  for (const auto& w : s.aftercare)
    if (w.kind == AftercareKind::sedation) sedation.push_back(w);
  ASSERT_EQ(sedation.size(), 1u);
  EXPECT_EQ(sedation[0].session, 2);
  EXPECT_EQ(sedation[0].from, 2025y / 3 / 17);
  EXPECT_EQ(sedation[0].until, 2025y / 3 / 17);  // normal routine from the next day
  EXPECT_NE(sedation[0].rule.find("do not drive"), std::string::npos);
  EXPECT_NE(error_of([&] {
              schedule_request(d, 2025y / 3 / 3, {4});
            }).find("sedation: the design has no session 4"),
            std::string::npos);
}

TEST(Schedule, LawsHoldForEveryStartDayAndSessionCount) {
  const ScheduleParameters sp;
  const AftercareParameters ap;
  for (int sessions = 2; sessions <= 4; ++sessions)
    for (int offset = 0; offset < 14; ++offset) {
      ScheduleRequest r;
      r.start = year_month_day{sys_days{2025y / 12 / 20} + std::chrono::days{offset}};
      for (int k = 1; k <= sessions; ++k) r.sessions.push_back({k, 1000, 200.0 + 150 * k, k == 2});
      const Schedule s = plan_schedule(r, sp, ap);
      SCOPED_TRACE(iso_date(r.start) + " x" + std::to_string(sessions));
      EXPECT_TRUE(s.warnings.empty());
      EXPECT_GE(sys_days{s.visits.front().date}, sys_days{r.start});
      for (size_t i = 0; i < s.visits.size(); ++i) {
        const Visit& v = s.visits[i];
        EXPECT_NE(std::chrono::weekday{sys_days{v.date}}, std::chrono::Saturday);
        EXPECT_NE(std::chrono::weekday{sys_days{v.date}}, std::chrono::Sunday);
        EXPECT_LE(v.start_time + v.chair_time, 9h + 8h);
        if (i == 0) continue;
        const Visit& prev = s.visits[i - 1];
        const int gap = days_between(prev.date, v.date);
        if (v.session == prev.session) {
          EXPECT_LE(gap, 3);  // consecutive working days
        } else {
          // Within the window, and never before the previous session has healed.
          const bool first = v.session == 2;
          EXPECT_GE(gap, first ? sp.first_gap_min_days : sp.later_gap_min_days);
          EXPECT_LE(gap, first ? sp.first_gap_max_days : sp.later_gap_max_days);
          for (const AftercareWindow& w : s.aftercare) {
            if (w.session == prev.session && w.kind == AftercareKind::healing) {
              EXPECT_GE(sys_days{v.date}, sys_days{w.until});
            }
          }
        }
      }
      EXPECT_LT(sys_days{s.visits.back().date},
                sys_days{s.visits.front().date + std::chrono::years{1}});
      // Check-ins on working days, each before the next session.
      for (const FollowUp& f : s.follow_ups) {
        EXPECT_NE(std::chrono::weekday{sys_days{f.date}}, std::chrono::Sunday);
        for (const Visit& v : s.visits) {
          if (v.session == f.session + 1) {
            EXPECT_LT(sys_days{f.date}, sys_days{v.date});
          }
        }
      }
      EXPECT_GE(sys_days{s.touch_up_recall},
                sys_days{s.visits.back().date + std::chrono::years{1}});
    }
}

TEST(Schedule, FollowUpsBeforeTheNextSession) {
  const Schedule s = plan(three_sessions(2025y / 3 / 3));
  std::vector<std::pair<int, year_month_day>> got;
  for (const FollowUp& f : s.follow_ups) got.push_back({f.day, f.date});
  // Day 30 of sessions 1 and 2 falls after the next session: checked there instead.
  EXPECT_EQ(got, (std::vector<std::pair<int, year_month_day>>{{3, 2025y / 3 / 6},
                                                              {10, 2025y / 3 / 13},
                                                              {3, 2025y / 3 / 20},
                                                              {10, 2025y / 3 / 27},
                                                              {3, 2025y / 4 / 10},
                                                              {10, 2025y / 4 / 17},
                                                              {30, 2025y / 5 / 7}}));
  EXPECT_EQ(s.follow_ups.back().session, 3);
}

TEST(Schedule, RecallNotBeforeTwelveMonthsAndFromTheSimulation) {
  ScheduleRequest r = three_sessions(2025y / 3 / 3);  // last session Monday 7 April 2025
  EXPECT_EQ(plan(r).touch_up_recall, 2026y / 4 / 7);
  r.touch_up_years = 0.5;  // the simulation says sooner: still 12 months
  EXPECT_EQ(plan(r).touch_up_recall, 2026y / 4 / 7);
  // Healed a month after the last session, then 4 years (1461 days).
  r.touch_up_years = 4;
  EXPECT_EQ(plan(r).touch_up_recall, 2029y / 5 / 7);
  r.touch_up_years = -1;
  EXPECT_EQ(error_of([&] { plan(r); }).rfind("touch_up_years:", 0), 0u);
}

TEST(Aftercare, WindowsHaveExactDates) {
  const auto w = aftercare_for(1, {2025y / 3 / 3}, false, {});
  std::map<AftercareKind, std::pair<year_month_day, year_month_day>> got;
  for (const auto& x : w) {
    EXPECT_EQ(x.session, 1);
    EXPECT_FALSE(x.rule.empty());
    got[x.kind] = {x.from, x.until};
  }
  using P = std::pair<year_month_day, year_month_day>;
  EXPECT_EQ(got.size(), 8u);
  EXPECT_EQ(got.count(AftercareKind::sedation), 0u);
  EXPECT_EQ(got[AftercareKind::no_washing],
            P(2025y / 3 / 3, 2025y / 3 / 6));  // first wash on day 4
  EXPECT_EQ(got[AftercareKind::keep_dry], P(2025y / 3 / 3, 2025y / 3 / 7));
  EXPECT_EQ(got[AftercareKind::limited_exercise], P(2025y / 3 / 3, 2025y / 3 / 10));
  EXPECT_EQ(got[AftercareKind::no_sun_sauna_swimming], P(2025y / 3 / 3, 2025y / 4 / 2));
  EXPECT_EQ(got[AftercareKind::prescribed_care], P(2025y / 3 / 7, 2025y / 3 / 13));
  EXPECT_EQ(got[AftercareKind::healing], P(2025y / 3 / 10, 2025y / 3 / 13));
  EXPECT_EQ(got[AftercareKind::true_colour], P(2025y / 4 / 2, 2025y / 4 / 2));
  EXPECT_EQ(got[AftercareKind::long_term], P(2025y / 4 / 3, 2025y / 4 / 3));
  for (const auto& x : w)
    if (x.kind == AftercareKind::long_term) {
      EXPECT_NE(x.rule.find("SPF 30-50"), std::string::npos);
      EXPECT_NE(x.rule.find("alcohol-based"), std::string::npos);
    }
}

TEST(Aftercare, SplitSessionRunsFromTheFirstDayAndCountsFromTheLast) {
  AftercareParameters p;
  p.no_wash_days = 2;
  const auto w = aftercare_for(2, {2025y / 3 / 7, 2025y / 3 / 10}, true, p);
  int sedation_days = 0;
  for (const auto& x : w) {
    if (x.kind == AftercareKind::sedation) {
      ++sedation_days;
      EXPECT_EQ(x.from, x.until);
    }
    if (x.kind == AftercareKind::no_washing) {
      EXPECT_EQ(x.from, 2025y / 3 / 7);
      EXPECT_EQ(x.until, 2025y / 3 / 12);
    }
  }
  EXPECT_EQ(sedation_days, 2);
  EXPECT_EQ(error_of([&] { aftercare_for(1, {}, false, p); }).rfind("days:", 0), 0u);
  EXPECT_EQ(error_of([&] {
              aftercare_for(1, {2025y / 3 / 10, 2025y / 3 / 7}, false, p);
            }).rfind("days:", 0),
            0u);
  p.healed_max_days = 2;
  EXPECT_EQ(error_of([&] {
              aftercare_for(1, {2025y / 3 / 10}, false, p);
            }).rfind("aftercare.healed_max_days:", 0),
            0u);
}

TEST(Triage, RednessSwellingAndItchingAreNormalThenWatchThenContact) {
  const AftercareParameters p;
  struct Case {
    Symptom s;
    int day, lasting;
    Urgency want;
  };
  for (const Case& c : std::vector<Case>{{Symptom::redness, 2, 2, Urgency::normal},
                                         {Symptom::redness, 4, 4, Urgency::normal},
                                         {Symptom::redness, 5, 1, Urgency::watch},
                                         {Symptom::redness, 8, 7, Urgency::watch},
                                         {Symptom::redness, 8, 8, Urgency::contact_clinic_now},
                                         {Symptom::swelling, 3, 3, Urgency::normal},
                                         {Symptom::swelling, 4, 1, Urgency::watch},
                                         {Symptom::swelling, 9, 8, Urgency::contact_clinic_now},
                                         {Symptom::itching, 9, 5, Urgency::normal},
                                         {Symptom::itching, 12, 2, Urgency::watch},
                                         {Symptom::itching, 16, 15, Urgency::contact_clinic_now}}) {
    const TriageResult t = triage(c.s, c.day, c.lasting, p);
    EXPECT_EQ(t.urgency, c.want) << name(c.s) << " day " << c.day << " lasting " << c.lasting
                                 << ": " << t.reason;
    EXPECT_FALSE(t.reason.empty());
  }
}

TEST(Triage, PersistentLymphNodesEscalate) {
  AftercareParameters p;
  EXPECT_EQ(triage(Symptom::swollen_lymph_nodes, 2, 1, p).urgency, Urgency::watch);
  EXPECT_EQ(triage(Symptom::swollen_lymph_nodes, 3, 3, p).urgency, Urgency::watch);
  const TriageResult t = triage(Symptom::swollen_lymph_nodes, 4, 4, p);
  EXPECT_EQ(t.urgency, Urgency::contact_clinic_now);
  EXPECT_NE(t.reason.find("4 days"), std::string::npos) << t.reason;
  p.lymph_nodes_contact_days = 1;
  EXPECT_EQ(triage(Symptom::swollen_lymph_nodes, 2, 2, p).urgency, Urgency::contact_clinic_now);
}

TEST(Triage, RashIsWatchedThenContacts) {
  const AftercareParameters p;
  EXPECT_EQ(triage(Symptom::rash, 1, 0, p).urgency, Urgency::watch);
  EXPECT_EQ(triage(Symptom::rash, 5, 3, p).urgency, Urgency::watch);
  EXPECT_EQ(triage(Symptom::rash, 5, 4, p).urgency, Urgency::contact_clinic_now);
}

TEST(Triage, FeverAndPusAlwaysContactNow) {
  const AftercareParameters p;
  for (Symptom s : {Symptom::fever, Symptom::pus})
    for (int day : {0, 1, 5, 30})
      EXPECT_EQ(triage(s, day, 0, p).urgency, Urgency::contact_clinic_now)
          << name(s) << " day " << day;
}

TEST(Triage, NamesAndBadInput) {
  for (size_t i = 0; i < kSymptomNames.size(); ++i)
    EXPECT_EQ(symptom_from_name(kSymptomNames[i]), static_cast<Symptom>(i));
  EXPECT_EQ(symptom_from_name("swollen_lymph_nodes"), Symptom::swollen_lymph_nodes);
  EXPECT_EQ(symptom_from_name("headache"), std::nullopt);
  EXPECT_EQ(name(Urgency::contact_clinic_now), "contact_clinic_now");
  const AftercareParameters p;
  EXPECT_EQ(error_of([&] { triage(Symptom::redness, -1, 0, p); }).rfind("days_since_session:", 0),
            0u);
  EXPECT_EQ(error_of([&] { triage(Symptom::redness, 1, -2, p); }).rfind("days_lasting:", 0), 0u);
}

// One event as read back by Debian's python3-icalendar, an independent parser.
struct ParsedEvent {
  std::string summary, start, end;
  int alarms = 0;
};

struct ParsedCalendar {
  std::string version, prodid;
  int errors = -1;
  std::map<std::string, ParsedEvent> events;  // by UID
};

ParsedCalendar parse_with_python(const std::string& ics, const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("smp-ics-" + name);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "schedule.ics", std::ios::binary) << ics;
  std::ofstream(dir / "read.py") << R"(import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print('CAL|' + str(cal['VERSION']) + '|' + str(cal['PRODID']) + '|' + str(sum(len(c.errors) for c in cal.walk())))
for e in cal.walk('VEVENT'):
    print('|'.join([str(e['UID']), str(e['SUMMARY']), e.decoded('DTSTART').isoformat(),
                    e.decoded('DTEND').isoformat(), str(len(e.walk('VALARM')))]))
)";
  // Debian's interpreter, where python3-icalendar is installed.
  const std::string cmd =
      "/usr/bin/python3 " + (dir / "read.py").string() + " " + (dir / "schedule.ics").string();
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << cmd << "\n" << out;
  ParsedCalendar cal;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '|');) f.push_back(x);
    if (f.size() == 4 && f[0] == "CAL") {
      cal.version = f[1], cal.prodid = f[2], cal.errors = std::stoi(f[3]);
    } else if (f.size() == 5) {
      EXPECT_EQ(cal.events.count(f[0]), 0u) << "duplicate UID " << f[0];
      cal.events[f[0]] = {f[1], f[2], f[3], std::stoi(f[4])};
    } else {
      ADD_FAILURE() << "unexpected line: " << line;
    }
  }
  return cal;
}

constexpr std::chrono::sys_seconds kStamp{std::chrono::sys_days{2025y / 2 / 20}};

TEST(Ics, OpensInAnIndependentParser) {
  ScheduleRequest r = three_sessions(2025y / 3 / 7);
  r.sessions[0].minutes = 9 * 60;  // split over Friday and Monday
  r.sessions[1].sedation = true;
  const Schedule s = plan(r);
  const std::string ics = schedule_ics(s, "P-7", kStamp);
  const ParsedCalendar cal = parse_with_python(ics, "opens");
  EXPECT_EQ(cal.version, "2.0");
  EXPECT_EQ(cal.prodid, "-//SMP Studio//Treatment schedule//EN");
  EXPECT_EQ(cal.errors, 0);
  EXPECT_EQ(cal.events.size(), s.visits.size() + s.aftercare.size() + s.follow_ups.size() + 1);

  const ParsedEvent& part2 = cal.events.at("P-7-session-1-part-2@smp-studio");
  EXPECT_EQ(part2.summary, "SMP session 1, part 2 of 2");
  EXPECT_EQ(part2.start, "2025-03-10T09:00:00");  // floating local time
  EXPECT_EQ(part2.end, "2025-03-10T13:30:00");
  EXPECT_EQ(part2.alarms, 1);
  EXPECT_EQ(cal.events.at("P-7-session-2-part-1@smp-studio").start, "2025-03-24T09:00:00");

  // All-day windows end the day after their last day (DTEND is exclusive).
  const ParsedEvent& wash = cal.events.at("P-7-session-1-aftercare-no_washing-1@smp-studio");
  EXPECT_EQ(wash.summary, "Aftercare (session 1): no washing the scalp");
  EXPECT_EQ(wash.start, "2025-03-07");
  EXPECT_EQ(wash.end, "2025-03-14");
  const ParsedEvent& sedation = cal.events.at("P-7-session-2-aftercare-sedation-1@smp-studio");
  EXPECT_EQ(sedation.start, "2025-03-24");
  EXPECT_EQ(sedation.end, "2025-03-25");
  EXPECT_EQ(cal.events.at("P-7-session-1-aftercare-prescribed_care-1@smp-studio").alarms, 1);
  const ParsedEvent& check = cal.events.at("P-7-session-3-follow-up-day-30@smp-studio");
  EXPECT_EQ(check.summary, "SMP check-in: day 30 after session 3");
  EXPECT_EQ(check.start, "2025-05-14");
  const ParsedEvent& recall = cal.events.at("P-7-touch-up-recall@smp-studio");
  EXPECT_EQ(recall.summary, "SMP touch-up due");
  EXPECT_EQ(recall.start, "2026-04-14");
  EXPECT_EQ(recall.alarms, 1);
}

TEST(Ics, ReproducibleAndUidsSurviveMovedDates) {
  const Schedule a = plan(three_sessions(2025y / 3 / 3));
  const Schedule b = plan(three_sessions(2025y / 3 / 10));
  EXPECT_EQ(schedule_ics(a, "P-7", kStamp), schedule_ics(a, "P-7", kStamp));
  const ParsedCalendar ca = parse_with_python(schedule_ics(a, "P-7", kStamp), "a");
  const ParsedCalendar cb = parse_with_python(schedule_ics(b, "P-7", kStamp), "b");
  std::set<std::string> ua, ub;
  for (const auto& [uid, e] : ca.events) ua.insert(uid);
  for (const auto& [uid, e] : cb.events) ub.insert(uid);
  EXPECT_EQ(ua, ub);
  EXPECT_NE(ca.events.at("P-7-session-1-part-1@smp-studio").start,
            cb.events.at("P-7-session-1-part-1@smp-studio").start);
  EXPECT_EQ(error_of([&] { schedule_ics(a, "", kStamp); }).rfind("patient_id:", 0), 0u);
}

// Regression: "lasted 9 days, two days after the session" was triaged instead of refused.
TEST(Triage, ASymptomCannotHaveLastedLongerThanSinceTheSession) {
  const AftercareParameters p;
  EXPECT_THROW(triage(Symptom::redness, 2, 9, p), InputError);
  EXPECT_NO_THROW(triage(Symptom::redness, 2, 3, p));  // noticed on the session day, day 2 now
}

}  // namespace
}  // namespace smp
