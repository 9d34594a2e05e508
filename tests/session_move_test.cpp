// A planned session moved by hand (clinic/session_move.h): the schedule's rules asked of
// the new day, each broken rule said.
#include "smp/clinic/session_move.h"

#include <gtest/gtest.h>

#include "smp/base/plan_error.h"

namespace smp {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

// Monday 3 March 2025, then 14 and 21 days: 3, 17 March and 7 April (all Mondays).
std::vector<Visit> three_mondays() {
  ScheduleRequest r;
  r.start = 2025y / 3 / 3;
  for (int k = 1; k <= 3; ++k) r.sessions.push_back({k, 4000 * k, 240, false});
  return plan_schedule(r, {}, {}).visits;
}

constexpr year_month_day kToday = 2025y / 3 / 1;

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

TEST(SessionMove, AWorkingDayInsideTheGapsIsAllowed) {
  const std::vector<Visit> v = three_mondays();
  ASSERT_EQ(v.size(), 3u);
  ASSERT_EQ(v[1].date, 2025y / 3 / 17);
  // Session 3 on Wednesday 9 April: 23 days after session 2 (21-28).
  const SessionMove m = check_session_move(v, 3, 2025y / 4 / 9, kToday, std::nullopt, {});
  EXPECT_TRUE(m.allowed()) << m.refusals.front();
  EXPECT_TRUE(m.warnings.empty());
  ASSERT_EQ(m.visits.size(), 1u);
  EXPECT_EQ(m.visits[0].date, 2025y / 4 / 9);
  EXPECT_EQ(m.visits[0].session, 3);
  // Session 2 has one day only: 14 after session 1 and 21 before session 3.
  EXPECT_FALSE(check_session_move(v, 2, 2025y / 3 / 18, kToday, std::nullopt, {}).allowed());
}

TEST(SessionMove, RefusesAWeekendTheGapsAndThePast) {
  const std::vector<Visit> v = three_mondays();
  const SessionMove saturday = check_session_move(v, 2, 2025y / 3 / 22, kToday, std::nullopt, {});
  EXPECT_FALSE(saturday.allowed());
  EXPECT_TRUE(mentions(saturday.refusals, "2025-03-22 is a Saturday")) << saturday.refusals.front();
  // 10 days after session 1: the first gap is at least 14.
  const SessionMove early = check_session_move(v, 2, 2025y / 3 / 13, kToday, std::nullopt, {});
  EXPECT_TRUE(mentions(early.refusals, "session 2 would be 10 days after session 1 (2025-03-03); at least 14 days"));
  // Session 2 on 31 March leaves 7 days before session 3 (at least 21); 28 after session 1
  // is longer than the usual 21: said, not refused.
  const SessionMove late = check_session_move(v, 2, 2025y / 3 / 31, kToday, std::nullopt, {});
  EXPECT_TRUE(mentions(late.refusals, "session 3 would be 7 days after session 2 (2025-03-31); at least 21 days"));
  EXPECT_TRUE(mentions(late.warnings, "session 2 would be 28 days after session 1, more than the usual 21"));
  const SessionMove past = check_session_move(v, 1, 2025y / 2 / 24, kToday, std::nullopt, {});
  EXPECT_TRUE(mentions(past.refusals, "2025-02-24 is in the past"));
}

TEST(SessionMove, RefusesADayTheClinicIsClosed) {
  const std::vector<Visit> v = three_mondays();
  ScheduleParameters sp;
  sp.closed_days = {2025y / 4 / 9};
  const SessionMove m = check_session_move(v, 3, 2025y / 4 / 9, kToday, std::nullopt, sp);
  EXPECT_TRUE(mentions(m.refusals, "2025-04-09 is a day the clinic is closed"));
  EXPECT_TRUE(check_session_move(v, 3, 2025y / 4 / 10, kToday, std::nullopt, sp).allowed());
}

TEST(SessionMove, KeepsTheTransplantGapAndTheYear) {
  const std::vector<Visit> v = three_mondays();
  const SessionMove near = check_session_move(v, 3, 2025y / 4 / 8, kToday, 2025y / 5 / 1, {});
  EXPECT_TRUE(mentions(near.refusals, "2025-04-08 is within 30 days of the hair transplant on 2025-05-01"));
  // Session 3 a year and more after session 1.
  const SessionMove year = check_session_move(v, 3, 2026y / 3 / 3, kToday, std::nullopt, {});
  EXPECT_TRUE(mentions(year.refusals, "the sessions would run from 2025-03-03 to 2026-03-03, not within 12 months"));
  EXPECT_THROW(check_session_move(v, 4, 2025y / 4 / 8, kToday, std::nullopt, {}), PlanError);
}

TEST(SessionMove, ASplitSessionsPartsFollowOnWorkingDays) {
  ScheduleRequest r;
  r.start = 2025y / 3 / 3;
  r.sessions = {{1, 4000, 240, false}, {2, 20000, 700, false}};  // 11.7 h: two parts of 8 h at most
  const std::vector<Visit> v = plan_schedule(r, {}, {}).visits;
  // From Friday 21 March: the parts on Friday and Monday.
  const SessionMove m = check_session_move(v, 2, 2025y / 3 / 21, kToday, std::nullopt, {});
  ASSERT_EQ(m.visits.size(), 2u);
  EXPECT_EQ(m.visits[0].date, 2025y / 3 / 21);
  EXPECT_EQ(m.visits[1].date, 2025y / 3 / 24);
  EXPECT_EQ(m.visits[1].part, 2);
}

}  // namespace
}  // namespace smp
