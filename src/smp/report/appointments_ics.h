// A calendar feed of booked appointments as iCalendar (RFC 5545), written with libical:
// what a clinic's or a patient's calendar app subscribes to. Times are instants (UTC);
// a cancelled appointment stays in the feed as STATUS:CANCELLED so the app removes it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace smp {

struct CalendarEntry {
  std::string uid;  // stable per appointment: a re-read feed updates the same event
  std::string summary, description, location;
  std::chrono::sys_seconds start, end;
};

// `name` is the calendar's name in the app (X-WR-CALNAME); `stamp` the DTSTAMP.
std::string appointments_ics(const std::string& name, const std::vector<CalendarEntry>& entries,
                             std::chrono::sys_seconds stamp);

}  // namespace smp
