#include "smp/case/case_json.h"
#include "smp/clinic/candidacy.h"
#include "smp/report/candidacy_json.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/case_records.h"
#include "smp/store/clock.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kConsultationPath = R"(/api/consultations/(C-[0-9A-F]{10}))";
const char* kPatientConsultations = R"(/api/patients/(P-[0-9A-F]{10})/consultations)";

nlohmann::json consultation_json(const store::Consultation& c, bool with_case) {
  nlohmann::json j = {{"id", c.id},
                      {"patient_id", c.patient_id},
                      {"opened_at", store::iso_time(c.opened_at_ms)},
                      {"case_version", c.current.version},
                      {"saved_at", store::iso_time(c.current.at_ms)},
                      {"saved_by", c.current.author_id}};
  if (with_case) j["case"] = nlohmann::json::parse(c.current.case_json);
  return j;
}

// The body's "case" object, whole (and the version it was edited from).
nlohmann::json case_of(JsonBody& body, long long* version) {
  if (version) *version = body.integer("version");
  nlohmann::json j = body.object("case");
  body.no_other_fields();
  return j;
}

}  // namespace

store::Consultation existing_consultation(Connection& c, const std::string& id) {
  std::optional<store::Consultation> found = store::find_consultation(c, id);
  if (!found) throw ApiError(404, "not_found", "no consultation " + id, "id");
  return *found;
}

void add_consultation_api(Router& r) {
  r.get(kPatientConsultations, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::string patient = call.path_part(1);
      existing_patient(c, patient);
      nlohmann::json list = nlohmann::json::array();
      for (const store::Consultation& k : store::consultations_of(c, patient)) list.push_back(consultation_json(k, false));
      call.audit_read(AuditAction::read, "consultations", patient);
      return Reply(200, {{"consultations", list}});
    });
  });

  r.post(kPatientConsultations, Permission::edit_clinical_record, [](Call& call) {
    JsonBody body = call.body();
    const nlohmann::json given = case_of(body, nullptr);
    const std::string patient = call.path_part(1);
    const nlohmann::json checked = checked_case(given, patient);
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing_patient(c, patient);
      const store::Consultation k = store::open_consultation(c, patient, checked.dump(), call.user());
      store::append_audit(c, call.audit(AuditAction::create, "consultation", k.id));
      Reply reply(201, {{"consultation", consultation_json(k, true)}});
      reply.headers.emplace("Location", "/api/consultations/" + k.id);
      return reply;
    });
  });

  r.get(kConsultationPath, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Consultation k = existing_consultation(c, call.path_part(1));
      call.audit_read(AuditAction::read, "consultation", k.id);
      return Reply(200, {{"consultation", consultation_json(k, true)}});
    });
  });

  r.put(std::string(kConsultationPath) + "/case", Permission::edit_clinical_record, [](Call& call) {
    JsonBody body = call.body();
    long long version = 0;
    const nlohmann::json given = case_of(body, &version);
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      store::Consultation k = existing_consultation(c, call.path_part(1));
      const nlohmann::json checked = checked_case(given, k.patient_id);
      k.current = store::save_case(c, k.id, checked.dump(), version, call.user());
      store::append_audit(c, call.audit(AuditAction::update, "consultation", k.id));
      return Reply(200, {{"consultation", consultation_json(k, true)}});
    });
  });

  r.get(std::string(kConsultationPath) + "/case/versions", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Consultation k = existing_consultation(c, call.path_part(1));
      nlohmann::json list = nlohmann::json::array();
      for (const store::CaseVersion& v : store::case_history(c, k.id))
        list.push_back({{"version", v.version},
                        {"saved_at", store::iso_time(v.at_ms)},
                        {"saved_by", v.author_id},
                        {"case", nlohmann::json::parse(v.case_json)}});
      call.audit_read(AuditAction::read, "consultation", k.id);
      return Reply(200, {{"versions", list}});
    });
  });

  // The candidacy verdict of the case as it stands (its [candidacy] questionnaire), with
  // its reasons and cautions: what the consultation screen shows as answers change.
  r.get(std::string(kConsultationPath) + "/candidacy", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Consultation k = existing_consultation(c, call.path_part(1));
      const Case parsed = parse_case_json(nlohmann::json::parse(k.current.case_json), k.id);
      if (!parsed.questionnaire)
        throw ApiError(422, "no_questionnaire", "the case has no [candidacy] questionnaire yet", "case.candidacy");
      call.audit_read(AuditAction::read, "candidacy", k.id);
      return Reply(200, {{"case_version", k.current.version},
                         {"candidacy", candidacy_json(assess_candidacy(*parsed.questionnaire, parsed.params.candidacy))}});
    });
  });
}

}  // namespace smp::server
