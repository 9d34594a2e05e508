#include "smp/server/clinic_contact.h"

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clinic_settings.h"

namespace smp::server {

std::string ClinicContact::reach_text() const {
  std::string out;
  auto add = [&](const char* what, const std::string& v) {
    if (!v.empty()) out += (out.empty() ? "" : "; ") + std::string(what) + v;
  };
  add("Phone ", phone);
  add("after hours ", after_hours_phone);
  add("e-mail ", email);
  return out.empty() ? "The clinic has not given its phone number yet: ask for it at your next visit." : out + ".";
}

nlohmann::json ClinicContact::json() const {
  return {{"name", name}, {"address", address}, {"phone", phone}, {"after_hours_phone", after_hours_phone},
          {"email", email}};
}

ClinicContact clinic_contact(store::Connection& c) {
  const std::optional<std::string> s = store::clinic_setting(c, "contact");
  if (!s) return {};
  const nlohmann::json j = nlohmann::json::parse(*s);
  return {j["name"], j["address"], j["phone"], j["after_hours_phone"], j["email"]};
}

void add_clinic_contact_api(Router& r) {
  r.get("/api/clinic/contact", Permission::own_account, [](Call& call) {
    return call.db.transaction(store::Access::read,
                               [&](store::Connection& c) { return Reply(200, {{"contact", clinic_contact(c).json()}}); });
  });

  r.put("/api/clinic/contact", Permission::manage_clinic, [](Call& call) {
    JsonBody body = call.body();
    ClinicContact k{body.text("name"), body.text("address"), body.text("phone"), body.optional_text("after_hours_phone"),
                    body.optional_text("email")};
    body.no_other_fields();
    for (const auto& [field, value] : {std::pair{"name", &k.name}, std::pair{"address", &k.address},
                                       std::pair{"phone", &k.phone}, std::pair{"after_hours_phone", &k.after_hours_phone},
                                       std::pair{"email", &k.email}})
      if (value->size() > 300) throw ApiError(400, "bad_request", std::string(field) + ": at most 300 characters", field);
    return call.db.transaction(store::Access::write, [&](store::Connection& c) {
      store::set_clinic_setting(c, "contact", k.json().dump(), call.user().id);
      store::append_audit(c, call.audit(store::AuditAction::update, "clinic_settings", "contact"));
      return Reply(200, {{"contact", k.json()}});
    });
  });
}

}  // namespace smp::server
