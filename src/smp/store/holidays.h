// The clinic's holidays: days it is closed, each with a name ("New Year's Day"). Adding a
// day that is a holiday already is a conflict; a removed holiday keeps its row with who
// removed it and when, and its day may be added again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

struct Holiday {
  std::string date;  // YYYY-MM-DD, checked by the caller
  std::string name;
  std::string added_by;
  long long added_at_ms = 0;
};

// FieldError("name") for an empty name or one over 100 characters; StoreError(conflict,
// "date") when the day is a holiday already.
Holiday add_holiday(Connection& c, const std::string& date, const std::string& name, const User& by);
// The holidays in force, by date.
std::vector<Holiday> holidays(Connection& c);
// The days of the holidays in force, by date: the schedule's closed days.
std::vector<std::chrono::year_month_day> closed_days(Connection& c);
// False if the day is no holiday.
bool remove_holiday(Connection& c, const std::string& date, const User& by);

}  // namespace smp::store
