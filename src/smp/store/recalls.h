// The touch-up recall list: each finished plan's recall, moved by how the treatment
// actually went. The interval a plan sets from its last planned session to the touch-up
// runs from the last session performed (a session log), so a treatment that finished
// late is recalled late.
#pragma once

#include <string>
#include <vector>

#include "smp/store/database.h"

namespace smp::store {

struct PlanRecall {
  std::string job_id, patient_id, consultation_id;
  std::string last_planned_session, touch_up_recall;  // YYYY-MM-DD
};
void record_plan_recall(Connection& c, const PlanRecall& r);

struct RecallDue {
  std::string patient_id, full_name;
  std::string last_session_on;  // the last session performed
  std::string planned_recall;   // the plan's own date
  std::string due_on;           // the interval applied to the last session performed
  long long touch_up_booked_at_ms = 0;  // a booked touch-up appointment ahead, or 0
};
// Patients with at least one session performed whose touch-up falls due on or before
// `until` (YYYY-MM-DD; overdue ones included), by due date; the latest plan of each.
std::vector<RecallDue> recalls_due(Connection& c, const std::string& until, long long now_ms);

}  // namespace smp::store
