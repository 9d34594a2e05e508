#include <numeric>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "smp/case/plan_request_from_case.h"
#include "smp/report/plan_json.h"
#include "smp/skin/pigment.h"

#include "test_support.h"

namespace smp {
namespace {

using namespace std::chrono;

struct Planned {
  Case c = testing::designed_example("norwood6-buzzcut.toml").c;
  const Design& design = testing::designed_example("norwood6-buzzcut.toml").planned.design;
  TreatmentPlan plan(double touch_up_years = 4.7) const {
    SimulationResults sim;
    sim.touch_up_years = touch_up_years;
    return plan_treatment(plan_request(c), design, sim, default_price_book(),
                          2026y / November / 25);  // a Wednesday
  }
};

TEST(PlanTreatment, BooksTheSessionsAWeekAfterTheConsultation) {
  const TreatmentPlan p = Planned().plan();
  EXPECT_EQ(p.date, year_month_day(2026y / November / 25));
  ASSERT_TRUE(p.treatable);
  ASSERT_TRUE(p.schedule);
  EXPECT_EQ(p.schedule->visits.front().date, year_month_day(2026y / December / 2));
  // The example asks for light sedation in session 1 only.
  for (const Visit& v : p.schedule->visits) EXPECT_EQ(v.sedation, v.session == 1);
  // Recall: 30 days to heal plus the simulated 4.7 years, never before 12 months.
  const sys_days last = p.schedule->visits.back().date;
  const auto recall_days = (sys_days(p.schedule->touch_up_recall) - last).count();
  EXPECT_GE(recall_days, 30 + 4.7 * 365.2425 - 1);
  EXPECT_LE(recall_days, 30 + 4.7 * 365.2425 + 4);  // moved to a working day
  EXPECT_GE(sys_days(Planned().plan(0.2).schedule->touch_up_recall),
            sys_days(year_month_day(last) + months(12)));
}

TEST(PlanTreatment, SessionSheetsCarryTheDesignAndTheShades) {
  Planned f;
  const TreatmentPlan p = f.plan();
  ASSERT_EQ(p.sessions.size(), f.design.sessions.size());
  int dots = 0;
  for (const SessionSheet& s : p.sessions) {
    dots += s.dots;
    EXPECT_EQ(s.shade, kShades[f.c.shades.session_shades[s.session - 1]].name);
    EXPECT_FALSE(s.needle.empty());
    EXPECT_FALSE(s.regions.empty());
  }
  EXPECT_EQ(dots, static_cast<int>(f.design.dots.size()));
  EXPECT_EQ(p.goals.size(), static_cast<std::size_t>(std::count_if(
                                f.design.regions.begin(), f.design.regions.end(),
                                [](const RegionStats& r) { return r.treated_area_cm2 > 0; })));
}

TEST(PlanTreatment, QuoteAndTouchUpQuote) {
  const TreatmentPlan p = Planned().plan();
  ASSERT_TRUE(p.quote && p.touch_up_quote);
  EXPECT_EQ(p.quote->issued, year_month_day(2026y / November / 25));
  const Money lines = std::accumulate(p.quote->lines.begin(), p.quote->lines.end(), Money{0},
                                      [](Money m, const QuoteLine& l) { return m + l.amount; });
  EXPECT_EQ(lines.minor, p.quote->subtotal.minor);
  // The Norwood VI head costs more by sections than the full-scalp price: one full-scalp line.
  EXPECT_EQ(p.quote->lines.front().amount.minor, default_price_book().full_scalp.minor);
  EXPECT_EQ(p.touch_up_quote->issued, p.quote->issued);  // at today's prices
}

TEST(PlanTreatment, NotNowBooksNothing) {
  Planned f;
  f.c.questionnaire->active_scalp_condition = true;
  const TreatmentPlan p = f.plan();
  ASSERT_TRUE(p.candidacy);
  EXPECT_EQ(p.candidacy->verdict, Verdict::not_now);
  EXPECT_FALSE(p.treatable);
  EXPECT_FALSE(p.schedule);
  EXPECT_FALSE(p.quote);
}

TEST(PlanTreatment, StartDateAndTransplantFromTheCase) {
  Planned f;
  f.c.plan.start_date = 2027y / January / 4;         // a Monday
  f.c.plan.transplant_date = 2027y / February / 15;  // kept 30 days apart on either side
  const TreatmentPlan p = f.plan();
  EXPECT_EQ(p.schedule->visits.front().date, year_month_day(2027y / January / 4));
  for (const Visit& v : p.schedule->visits)
    EXPECT_GE(std::abs((sys_days(v.date) - sys_days(2027y / February / 15)).count()), 30);
}

// Regression: fading that never reached the threshold was reported as a touch-up at the
// search horizon (15 years), as if simulated.
TEST(PlanTreatment, FadingThatNeverReachesTheThresholdSaysSo) {
  Planned f;
  SimulationResults sim;
  sim.touch_up_years = f.c.params.schedule.touch_up_max_months / 12.0;
  sim.touch_up_reached = false;
  const TreatmentPlan p =
      plan_treatment(plan_request(f.c), f.design, sim, default_price_book(), 2026y / November / 25);
  EXPECT_FALSE(p.touch_up_reached);
  const nlohmann::json j = nlohmann::json::parse(plan_json(p));
  EXPECT_TRUE(j["simulation"]["touch_up_years_after_healing"].is_null());
  // The recall sits at the clinic's horizon: 10 years after healing.
  const sys_days last = p.schedule->visits.back().date;
  EXPECT_NEAR((sys_days(p.schedule->touch_up_recall) - last).count(), 30 + 10 * 365.2425, 4);
}

// Regression: a design without impressions still booked three 30-minute sessions.
TEST(PlanTreatment, NothingToTreatBooksNothing) {
  const Case c = testing::case_from("[patient]\nid='a'\n");  // no hair loss, no scars
  const PlannedDesign planned = plan_design(target_field_for(c), c.params, c.seed, {});
  ASSERT_TRUE(planned.design.dots.empty());
  for (const SessionPlan& s : planned.design.sessions) EXPECT_EQ(s.estimated_minutes, 0);
  const TreatmentPlan p = plan_treatment(plan_request(c), planned.design, {}, default_price_book(),
                                         2026y / November / 25);
  EXPECT_TRUE(p.treatable);
  EXPECT_FALSE(p.schedule);
  EXPECT_FALSE(p.quote);
}

}  // namespace
}  // namespace smp
