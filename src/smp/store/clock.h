// Time as the records keep it: Unix milliseconds (UTC) in the database, ISO 8601 in the
// API ("2026-12-02T07:21:08.123Z"; given with a Z or an offset such as +01:00).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace smp::store {

long long now_unix_ms();
std::string iso_time(long long unix_ms);
// Nothing for text that is not a date and time with seconds and a zone.
std::optional<long long> parse_iso_time(std::string_view text);
// A calendar date YYYY-MM-DD (birth dates, pigment expiry), or nothing.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
// YYYY-MM-DD of a day, and of the UTC day an instant falls on.
std::string iso_date(std::chrono::sys_days day);
std::string iso_date_of(long long unix_ms);

}  // namespace smp::store
