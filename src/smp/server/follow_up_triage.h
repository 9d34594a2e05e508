// A symptom a patient reports, triaged with the consultation's aftercare rules exactly as
// `smp triage` does, and stored: reported by staff (POST /api/patients/{id}/follow-ups) or
// by the patient through their link (POST /link/{token}/symptoms).
#pragma once

#include <nlohmann/json.hpp>

#include "smp/server/json_body.h"
#include "smp/store/follow_ups.h"

namespace smp::server {

// The body's symptom, days_since_session, days_lasting and note; 400 naming the field.
store::FollowUp symptom_report(JsonBody& body);
// Triaged (400 for days the rules refuse) and stored with `reported_by` (a user's id, or
// "patient link L-...").
store::FollowUp triage_and_store(store::Connection& c, store::FollowUp f, const std::string& reported_by);
nlohmann::json follow_up_json(const store::FollowUp& f);

}  // namespace smp::server
