#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

// Contact data only for the roles that may see it.
nlohmann::json patient_json(const store::Patient& p, const Call& call) {
  nlohmann::json j = {{"id", p.id},
                      {"full_name", p.identity.full_name},
                      {"birth_date", p.identity.birth_date},
                      {"version", p.identity_version}};
  if (call.may(Permission::view_patient_contact)) {
    j["phone"] = p.identity.phone;
    j["email"] = p.identity.email;
  }
  return j;
}

store::PatientIdentity identity_of(JsonBody& body) {
  store::PatientIdentity id;
  id.full_name = body.text("full_name");
  id.birth_date = body.text("birth_date");
  id.phone = body.optional_text("phone");
  id.email = body.optional_text("email");
  return id;
}

const char* kPatientPath = R"(/api/patients/(P-[0-9A-F]{10}))";


}  // namespace

store::Patient existing_patient(Connection& c, const std::string& id) {
  std::optional<store::Patient> p = store::find_patient(c, id);
  if (!p) throw ApiError(404, "not_found", "no patient " + id, "id");
  return *p;
}

void add_patient_api(Router& r) {
  r.get("/api/patients", Permission::view_patient_names, [](Call& call) {
    const std::string q = call.request.get_param_value("q");
    const long long offset = call.query_integer("offset", 0, 0, 1'000'000'000);
    const long long limit = call.query_integer("limit", 50, 1, 200);
    return call.read([&](Connection& c) {
      const store::PatientPage page = store::search_patients(c, q, offset, limit);
      nlohmann::json list = nlohmann::json::array();
      for (const store::Patient& p : page.patients) list.push_back(patient_json(p, call));
      // The search text is a name: not in the audit row.
      call.audit_read(AuditAction::search, "patients", "");
      return Reply(200, {{"patients", list}, {"total", page.total}, {"offset", offset}, {"limit", limit}});
    });
  });

  r.post("/api/patients", Permission::edit_patient_details, [](Call& call) {
    JsonBody body = call.body();
    const store::PatientIdentity identity = identity_of(body);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Patient p = store::create_patient(c, identity, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "patient", p.id));
      Reply reply(201, {{"patient", patient_json(p, call)}});
      reply.headers.emplace("Location", "/api/patients/" + p.id);
      return reply;
    });
  });

  r.get(kPatientPath, Permission::view_patient_names, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Patient p = existing_patient(c, call.path_part(1));
      call.audit_read(AuditAction::read, "patient", p.id);
      return Reply(200, {{"patient", patient_json(p, call)}});
    });
  });

  r.put(std::string(kPatientPath) + "/details", Permission::edit_patient_details, [](Call& call) {
    JsonBody body = call.body();
    const long long version = body.integer("version");
    const store::PatientIdentity identity = identity_of(body);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing_patient(c, call.path_part(1));
      const store::Patient p = store::update_identity(c, call.path_part(1), identity, version, call.user());
      store::append_audit(c, call.audit(AuditAction::update, "patient", p.id));
      return Reply(200, {{"patient", patient_json(p, call)}});
    });
  });
}

}  // namespace smp::server
