// Follow-ups: a symptom a patient reports after a session, triaged by the layer above
// with the aftercare rules (clinic/triage.h) and kept with its verdict. A "contact the
// clinic now" stays on the clinic's list of red flags until a doctor acknowledges it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

struct FollowUp {
  std::string id, patient_id, consultation_id;  // consultation_id may be ""
  std::string symptom;
  int days_since_session = 0, days_lasting = 0;
  std::string urgency, reason, note;  // urgency: normal, watch, contact_clinic_now
  std::string reported_by;
  long long reported_at_ms = 0;
  std::string acknowledged_by;
  long long acknowledged_at_ms = 0;
};

// `reported_by`: a user's id, or "patient link L-..." for what a patient reported.
FollowUp add_follow_up(Connection& c, FollowUp f, const std::string& reported_by);
std::optional<FollowUp> find_follow_up(Connection& c, const std::string& id);
std::vector<FollowUp> follow_ups_of(Connection& c, const std::string& patient_id);
// "contact_clinic_now" verdicts no doctor has acknowledged, oldest first.
std::vector<FollowUp> open_red_flags(Connection& c);
// StoreError(conflict, "acknowledged") if it was already; FieldError if it is no red flag.
FollowUp acknowledge_red_flag(Connection& c, const std::string& id, const User& doctor);

}  // namespace smp::store
