#include "smp/store/holidays.h"

#include "smp/store/clock.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"

namespace smp::store {

Holiday add_holiday(Connection& c, const std::string& date, const std::string& name, const User& by) {
  if (name.empty() || name.size() > 100) throw FieldError("name", "1 to 100 characters");
  // The unique index on the day in force refuses a race the same way (a conflict).
  if (!c.query("SELECT id FROM clinic_holidays WHERE day = ? AND removed_at_ms = 0", {date}).empty())
    throw StoreError(StoreError::Kind::conflict, date + " is a holiday already", "date");
  const Holiday h{date, name, by.id, now_unix_ms()};
  c.query("INSERT INTO clinic_holidays (id, day, name, added_by, added_at_ms) VALUES (?, ?, ?, ?, ?)",
          {new_record_id("H-", 5), h.date, h.name, h.added_by, std::int64_t{h.added_at_ms}});
  return h;
}

std::vector<Holiday> holidays(Connection& c) {
  std::vector<Holiday> out;
  for (const Row& r : c.query("SELECT day, name, added_by, added_at_ms FROM clinic_holidays WHERE removed_at_ms = 0 "
                              "ORDER BY day"))
    out.push_back({r.text(0), r.text(1), r.text(2), r.integer(3)});
  return out;
}

std::vector<std::chrono::year_month_day> closed_days(Connection& c) {
  std::vector<std::chrono::year_month_day> out;
  for (const Holiday& h : holidays(c)) out.push_back(*parse_date(h.date));  // checked when added
  return out;
}

bool remove_holiday(Connection& c, const std::string& date, const User& by) {
  return !c.query("UPDATE clinic_holidays SET removed_at_ms = ?, removed_by = ? WHERE day = ? AND removed_at_ms = 0 "
                  "RETURNING id",
                  {std::int64_t{now_unix_ms()}, by.id, date})
              .empty();
}

}  // namespace smp::store
