#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"

namespace smp::server {

using store::AuditAction;
using store::Connection;

void add_user_api(Router& r) {
  r.get("/api/users", Permission::manage_users, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json users = nlohmann::json::array();
      for (const store::User& u : store::all_users(c)) users.push_back(user_json(u));
      call.audit_read(AuditAction::read, "users", "");
      return Reply(200, {{"users", users}});
    });
  });

  // Who can be booked: the enabled technicians, for the calendar's names and the booking
  // form (nothing beyond id and name).
  r.get("/api/staff", Permission::view_appointments, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json staff = nlohmann::json::array();
      for (const store::User& u : store::all_users(c)) {
        if (u.disabled || u.role != store::Role::technician) continue;
        staff.push_back({{"id", u.id}, {"name", u.name}});
      }
      call.audit_read(AuditAction::read, "staff", "");
      return Reply(200, {{"staff", staff}});
    });
  });

  r.post("/api/users", Permission::manage_users, [](Call& call) {
    JsonBody body = call.body();
    const std::string name = body.text("name"), role_text = body.text("role"),
                      password = body.text("password");
    body.no_other_fields();
    const std::optional<store::Role> role = store::parse_role(role_text);
    if (!role)
      throw ApiError(400, "bad_request", "role: must be admin, doctor, technician or front_desk", "role");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::User u = store::add_user(c, name, *role, password);
      store::append_audit(c, call.audit(AuditAction::create, "user", u.id));
      return Reply(201, {{"user", user_json(u)}});
    });
  });

  r.post(R"(/api/users/([A-Za-z0-9._-]{1,64})/disable)", Permission::manage_users, [](Call& call) {
    const std::string name = call.path_part(1);
    if (name == call.user().name)
      throw ApiError(400, "bad_request", "name: you cannot disable your own account", "name");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::User u = store::disable_user(c, name);
      store::append_audit(c, call.audit(AuditAction::disable, "user", u.id));
      return Reply(200, {{"user", user_json(u)}});
    });
  });
}

}  // namespace smp::server
