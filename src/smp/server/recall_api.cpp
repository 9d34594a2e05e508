#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"
#include "smp/store/recalls.h"

namespace smp::server {

void add_recall_api(Router& r) {
  // Patients due for a touch-up within N months (overdue ones first), for the front desk
  // to call; each with the touch-up already booked, if any.
  r.get("/api/recalls", Permission::view_appointments, [](Call& call) {
    const long long months = call.query_integer("within_months", 3, 0, 240);
    const long long now = store::now_unix_ms();
    const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now)))};
    const std::chrono::year_month_day until_ym = today + std::chrono::months(months);
    const std::string until = store::iso_date(std::chrono::sys_days(
        until_ym.ok() ? until_ym : std::chrono::year_month_day(until_ym.year() / until_ym.month() / std::chrono::last)));
    return call.read([&](store::Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::RecallDue& d : store::recalls_due(c, until, now)) {
        nlohmann::json j = {{"patient_id", d.patient_id},
                            {"last_session_on", d.last_session_on},
                            {"planned_recall", d.planned_recall},
                            {"due_on", d.due_on},
                            {"overdue", d.due_on < store::iso_date_of(now)},
                            {"touch_up_booked_at", d.touch_up_booked_at_ms ? nlohmann::json(store::iso_time(d.touch_up_booked_at_ms))
                                                                          : nlohmann::json(nullptr)}};
        if (call.may(Permission::view_patient_names)) j["patient_name"] = d.full_name;
        list.push_back(j);
      }
      call.audit_read(store::AuditAction::read, "recalls", "");
      return Reply(200, {{"until", until}, {"recalls", list}});
    });
  });
}

}  // namespace smp::server
