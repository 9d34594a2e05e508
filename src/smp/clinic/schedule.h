// The treatment calendar: session visits on working days, their aftercare, follow-up
// check-ins and the touch-up recall (docs/schedule.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/clinic/aftercare.h"
#include "smp/clinic/clinic_parameters.h"
#include "smp/design/design.h"

namespace smp {

struct SessionInput {
  int index = 1;  // 1-based, as in Design::sessions
  int dots = 0;
  double minutes = 0;     // chair time including set-up
  bool sedation = false;  // light sedation
};

struct ScheduleRequest {
  std::chrono::year_month_day start;                      // the first day the patient can come
  std::vector<SessionInput> sessions;                     // in treatment order
  std::optional<std::chrono::year_month_day> transplant;  // a hair transplant date, if any
  // Years after healing until the touch-up is due (Simulation::touch_up_years); the
  // recall is never before ScheduleParameters::touch_up_min_months. 0: not simulated.
  double touch_up_years = 0;
};

// The sessions of a design; `sedated` lists the 1-based sessions under light sedation
// (PlanError "sedation" for a session the design does not have).
ScheduleRequest schedule_request(const Design& d, std::chrono::year_month_day start,
                                 const std::vector<int>& sedated);

// One day in the chair. A session longer than the clinic's maximum is split into equal
// parts on consecutive working days.
struct Visit {
  int session = 1;
  int part = 1;  // 1..parts
  int parts = 1;
  std::chrono::year_month_day date;
  std::chrono::minutes start_time{0};  // local time of day
  std::chrono::minutes chair_time{0};
  int dots = 0;
  bool sedation = false;
};

struct FollowUp {
  int session = 1;
  int day = 0;  // days after the session's last visit
  std::chrono::year_month_day date;
  std::string what;
};

struct Schedule {
  std::vector<Visit> visits;               // in date order
  std::vector<AftercareWindow> aftercare;  // every session's windows, session by session
  std::vector<FollowUp> follow_ups;        // in date order
  std::chrono::year_month_day touch_up_recall;
  std::vector<std::string> warnings;  // a plan that works but bends a default
};

// Plans the calendar. Every date moves forward to a working day; the gap to the next
// session counts from the previous session's last visit; visits keep
// transplant_min_gap_days from a transplant on either side. PlanError whose
// message starts with the field ("schedule.first_gap_min_days: ...", "start: ...") for
// parameters out of range, a start or transplant that is not a date, or sessions that
// cannot fit within all_within_months.
Schedule plan_schedule(const ScheduleRequest& r, const ScheduleParameters& sp,
                       const AftercareParameters& ap);

// The same day of the month `n` months later; the month's last day if it has no such day.
std::chrono::year_month_day add_months(std::chrono::year_month_day d, int n);

// A day the clinic books sessions on: one of its working days, and not a closed day.
bool is_working_day(std::chrono::sys_days d, const ScheduleParameters& sp);

// "2025-03-04".
std::string iso_date(std::chrono::year_month_day d);
// A "YYYY-MM-DD" date; InputError naming `field` if it is not one.
std::chrono::year_month_day parse_iso_date(std::string_view text, std::string_view field);

}  // namespace smp
