#include "smp/store/clinic_settings.h"

#include "smp/store/clock.h"

namespace smp::store {

std::optional<std::string> clinic_setting(Connection& c, const std::string& name) {
  const Rows rows = c.query("SELECT value FROM clinic_settings WHERE name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

void set_clinic_setting(Connection& c, const std::string& name, const std::string& value, const std::string& by) {
  c.query(
      "INSERT INTO clinic_settings (name, value, updated_at_ms, updated_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms, "
      "updated_by = excluded.updated_by",
      {name, value, std::int64_t{now_unix_ms()}, by});
}

}  // namespace smp::store
