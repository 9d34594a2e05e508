#include "smp/store/recalls.h"

#include <algorithm>
#include <chrono>

#include "smp/store/clock.h"

namespace smp::store {
namespace {

using std::chrono::sys_days;

sys_days day(const std::string& text) { return sys_days(*parse_date(text)); }

}  // namespace

void record_plan_recall(Connection& c, const PlanRecall& r) {
  c.query("INSERT INTO plan_recalls (job_id, patient_id, consultation_id, last_planned_session, touch_up_recall, "
          "planned_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
          {r.job_id, r.patient_id, r.consultation_id, r.last_planned_session, r.touch_up_recall,
           std::int64_t{now_unix_ms()}});
}

std::vector<RecallDue> recalls_due(Connection& c, const std::string& until, long long now_ms) {
  // One query: each patient's latest plan with their last session and next booked touch-up.
  const Rows rows = c.query(
      "SELECT r.patient_id, i.full_name, r.last_planned_session, r.touch_up_recall, "
      "(SELECT MAX(s.started_at_ms) FROM session_logs s WHERE s.patient_id = r.patient_id), "
      "(SELECT MIN(a.starts_at_ms) FROM appointments a WHERE a.patient_id = r.patient_id AND a.kind = 'touch_up' "
      " AND a.state = 'booked' AND a.starts_at_ms > ?) "
      "FROM plan_recalls r JOIN patient_identities i ON i.patient_id = r.patient_id "
      "WHERE r.planned_at_ms = (SELECT MAX(r2.planned_at_ms) FROM plan_recalls r2 WHERE r2.patient_id = r.patient_id)",
      {std::int64_t{now_ms}});
  std::vector<RecallDue> out;
  for (const Row& r : rows) {
    const std::optional<std::int64_t> last_session = r.optional_integer(4);
    if (!last_session) continue;  // no session performed: nothing to touch up
    RecallDue d;
    d.patient_id = r.text(0);
    d.full_name = r.text(1);
    d.planned_recall = r.text(3);
    d.last_session_on = iso_date_of(*last_session);
    d.due_on = iso_date(day(d.last_session_on) + (day(d.planned_recall) - day(r.text(2))));
    d.touch_up_booked_at_ms = r.optional_integer(5).value_or(0);
    if (d.due_on <= until) out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const RecallDue& a, const RecallDue& b) {
    return a.due_on != b.due_on ? a.due_on < b.due_on : a.patient_id < b.patient_id;
  });
  return out;
}

}  // namespace smp::store
