// A planned session moved by hand to another day (the plan's calendar in the web app: a
// session dragged to a day and dropped). The schedule's rules (docs/schedule.md) asked of
// the new day against the sessions before and after it, each broken rule in words.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "smp/clinic/schedule.h"

namespace smp {

struct SessionMove {
  // A rule the new day breaks: the session is not moved there.
  std::vector<std::string> refusals;
  // A default the new day bends (a gap longer than usual): it may be booked, said.
  std::vector<std::string> warnings;
  // The session's visits from the new day: a split session's parts on consecutive
  // working days, as the schedule lays them.
  std::vector<Visit> visits;
  bool allowed() const { return refusals.empty(); }
};

// `visits`: the plan's schedule (Schedule::visits, in date order; other moves already
// made in it). `today`: no session in the past. Throws PlanError("session") for a
// session the schedule does not have.
SessionMove check_session_move(const std::vector<Visit>& visits, int session, std::chrono::year_month_day day,
                               std::chrono::year_month_day today,
                               std::optional<std::chrono::year_month_day> transplant, const ScheduleParameters& sp);

}  // namespace smp
