#include "smp/store/clock.h"

#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace smp::store {

long long now_unix_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_time(long long unix_ms) {
  const std::chrono::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds(unix_ms)};
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", std::chrono::floor<std::chrono::seconds>(t),
                     ((unix_ms % 1000) + 1000) % 1000);
}

std::optional<long long> parse_iso_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)
  int y, mo, d, h, mi, sec, n = 0;
  const std::string t(text);
  if (t.size() < 20 || std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
      n != 19)
    return std::nullopt;
  std::size_t at = 19;
  int ms = 0;
  if (t[at] == '.') {
    std::size_t digits = 0;
    for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at, ++digits)
      if (digits < 3) ms = ms * 10 + (t[at] - '0');
    if (digits == 0) return std::nullopt;
    for (std::size_t k = digits; k < 3; ++k) ms *= 10;
  }
  int offset_min = 0;
  if (at < t.size() && t[at] == 'Z' && at + 1 == t.size()) {
  } else if (at + 6 == t.size() && (t[at] == '+' || t[at] == '-') && t[at + 3] == ':') {
    int oh = 0, om = 0;
    if (std::sscanf(t.c_str() + at + 1, "%2d:%2d", &oh, &om) != 2 || oh > 14 || om > 59) return std::nullopt;
    offset_min = (t[at] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(ymd).time_since_epoch();
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(days).count() + h * 3600LL + mi * 60LL +
                            sec - offset_min * 60LL;
  return seconds * 1000 + ms;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  char extra = 0;
  const std::string t(text);
  if (t.size() != 10 || std::sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string iso_date(std::chrono::sys_days day) {
  return iso_date_of(std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count());
}

std::string iso_date_of(long long unix_ms) { return iso_time(unix_ms).substr(0, 10); }

}  // namespace smp::store
