#include "smp/case/case_json.h"
#include "smp/clinic/triage.h"
#include "smp/io/input_error.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/follow_up_triage.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/follow_ups.h"
#include "smp/store/patients.h"

namespace smp::server {

using store::AuditAction;
using store::Connection;

nlohmann::json follow_up_json(const store::FollowUp& f) {
  nlohmann::json j = {{"id", f.id},
                      {"patient_id", f.patient_id},
                      {"consultation_id", f.consultation_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.consultation_id)},
                      {"symptom", f.symptom},
                      {"days_since_session", f.days_since_session},
                      {"days_lasting", f.days_lasting},
                      {"urgency", f.urgency},
                      {"reason", f.reason},
                      {"note", f.note},
                      {"reported_by", f.reported_by},
                      {"reported_at", store::iso_time(f.reported_at_ms)}};
  if (f.acknowledged_at_ms) {
    j["acknowledged_by"] = f.acknowledged_by;
    j["acknowledged_at"] = store::iso_time(f.acknowledged_at_ms);
  }
  return j;
}

store::FollowUp symptom_report(JsonBody& body) {
  store::FollowUp f;
  f.symptom = body.text("symptom");
  f.days_since_session = static_cast<int>(body.integer("days_since_session"));
  f.days_lasting = static_cast<int>(body.integer("days_lasting"));
  f.note = body.optional_text("note");
  if (!symptom_from_name(f.symptom))
    throw ApiError(400, "bad_request",
                   "symptom: must be redness, itching, swelling, rash, swollen_lymph_nodes, fever or pus", "symptom");
  return f;
}

store::FollowUp triage_and_store(Connection& c, store::FollowUp f, const std::string& reported_by) {
  AftercareParameters rules;
  if (!f.consultation_id.empty()) {
    const std::optional<store::Consultation> k = store::find_consultation(c, f.consultation_id);
    if (!k || k->patient_id != f.patient_id)
      throw ApiError(400, "bad_request", "consultation_id: not a consultation of this patient", "consultation_id");
    rules = parse_case_json(nlohmann::json::parse(k->current.case_json), k->id).params.aftercare;
  }
  TriageResult verdict;
  try {
    verdict = triage(*symptom_from_name(f.symptom), f.days_since_session, f.days_lasting, rules);
  } catch (const InputError& e) {
    throw ApiError(400, "bad_request", e.what(), e.field());
  }
  f.urgency = name(verdict.urgency);
  f.reason = verdict.reason;
  return store::add_follow_up(c, f, reported_by);
}

void add_follow_up_api(Router& r) {
  // A symptom reported for a patient, triaged with the consultation's aftercare rules
  // (the case's [parameters], else the defaults) exactly as `smp triage` does.
  r.post(R"(/api/patients/(P-[0-9A-F]{10})/follow-ups)", Permission::record_sessions, [](Call& call) {
    JsonBody body = call.body();
    store::FollowUp f = symptom_report(body);
    f.patient_id = call.path_part(1);
    f.consultation_id = body.optional_text("consultation_id");
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing_patient(c, f.patient_id);
      const store::FollowUp added = triage_and_store(c, f, call.user().id);
      store::append_audit(c, call.audit(AuditAction::create, "follow_up", added.id));
      return Reply(201, {{"follow_up", follow_up_json(added)}});
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/follow-ups)", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::FollowUp& f : store::follow_ups_of(c, call.path_part(1))) list.push_back(follow_up_json(f));
      call.audit_read(AuditAction::read, "follow_ups", call.path_part(1));
      return Reply(200, {{"follow_ups", list}});
    });
  });

  // The dashboard's "contact now" list, until a doctor acknowledges each.
  r.get("/api/red-flags", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::FollowUp& f : store::open_red_flags(c)) list.push_back(follow_up_json(f));
      call.audit_read(AuditAction::read, "red_flags", "");
      return Reply(200, {{"red_flags", list}});
    });
  });

  r.post(R"(/api/follow-ups/(F-[0-9A-F]{10})/acknowledge)", Permission::acknowledge_red_flags, [](Call& call) {
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::FollowUp f = store::acknowledge_red_flag(c, call.path_part(1), call.user());
      store::append_audit(c, call.audit(AuditAction::update, "follow_up", f.id));
      return Reply(200, {{"follow_up", follow_up_json(f)}});
    });
  });
}

}  // namespace smp::server
