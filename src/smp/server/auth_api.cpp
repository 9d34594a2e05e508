#include <fmt/format.h>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/login_throttle.h"
#include "smp/store/migrations.h"

namespace smp::server {

using store::AuditAction;
using store::AuditOutcome;
using store::Connection;

nlohmann::json user_json(const store::User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"role", store::role_name(u.role)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password}};
}

void add_auth_api(Router& r, const ApiSettings& settings) {
  r.get("/api/health", Public{}, [](Call& call) {
    const int version = store::schema_version(call.db);
    const char* engine = call.db.engine() == store::Engine::sqlite ? "sqlite" : "postgresql";
    return Reply(200, {{"status", "ok"}, {"schema_version", version}, {"engine", engine}});
  });

  r.post("/api/login", Public{}, [settings](Call& call) {
    JsonBody body = call.body();
    const std::string name = body.text("name"), password = body.text("password");
    body.no_other_fields();
    struct Outcome {
      long long wait_ms = 0;
      std::optional<store::LoginSession> session;
    };
    const Outcome o = call.db.transaction(store::Access::write, [&](Connection& c) {
      Outcome o;
      store::AuditEvent e = call.audit(AuditAction::sign_in, "user", "");
      if ((o.wait_ms = store::sign_in_wait_ms(c, name, call.address)) > 0) {
        e.outcome = AuditOutcome::refused;
        store::append_audit(c, e);
        return o;
      }
      const std::optional<store::User> user = store::check_password(c, name, password);
      if (!user) {
        store::record_sign_in_failure(c, name, call.address);
        if (const std::optional<store::User> known = store::find_user(c, name)) e.entity_id = known->id;
        e.outcome = AuditOutcome::failed;
        store::append_audit(c, e);
        return o;
      }
      store::forget_sign_in_failures(c, name);
      o.session = store::open_session(c, *user);
      e.user_id = user->id;
      e.role = store::role_name(user->role);
      e.entity_id = user->id;
      store::append_audit(c, e);
      return o;
    });
    if (o.wait_ms > 0)
      throw ApiError(429, "throttled", fmt::format("too many failed sign-ins: try again in {} s", (o.wait_ms + 999) / 1000));
    if (!o.session) throw ApiError(401, "unauthenticated", "wrong name or password, or the account is disabled");
    Reply reply(200, {{"user", user_json(o.session->user)}, {"csrf_token", o.session->csrf_token}});
    reply.headers.emplace("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie,
                                                    o.session->token, settings.secure_cookies ? "; Secure" : ""));
    return reply;
  });

  r.post("/api/logout", Permission::own_account, [](Call& call) {
    call.db.transaction(store::Access::write, [&](Connection& c) {
      store::close_session(c, session_token(call.request));
      store::append_audit(c, call.audit(AuditAction::sign_out, "user", call.user().id));
    });
    Reply reply(204);
    reply.headers.emplace("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", kSessionCookie));
    return reply;
  });

  // The permissions come from the access policy itself, so the web app's navigation shows
  // each role exactly what the server will let it do.
  r.get("/api/me", Permission::own_account, [](Call& call) {
    nlohmann::json permissions = nlohmann::json::array();
    for (Permission p : kAllPermissions)
      if (call.may(p)) permissions.push_back(permission_name(p));
    return Reply(200, {{"user", user_json(call.user())},
                       {"csrf_token", call.session->csrf_token},
                       {"permissions", permissions}});
  });

  r.post("/api/me/password", Permission::own_account, [](Call& call) {
    JsonBody body = call.body();
    const std::string current = body.text("current_password"), next = body.text("new_password");
    body.no_other_fields();
    call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::check_password(c, call.user().name, current))
        throw ApiError(400, "bad_request", "current_password: is not your password", "current_password");
      try {
        store::set_password(c, call.user().id, next);
      } catch (const store::FieldError& e) {
        throw ApiError(400, "bad_request", "new_password: " + std::string(e.what()).substr(e.field().size() + 2),
                       "new_password");
      }
      store::append_audit(c, call.audit(AuditAction::update, "password", call.user().id));
    });
    return Reply(204);
  });
}

}  // namespace smp::server
