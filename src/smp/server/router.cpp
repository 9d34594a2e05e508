#include "smp/server/router.h"

#include <charconv>

#include <fmt/format.h>

#include "smp/base/plan_error.h"
#include "smp/server/answer_body.h"
#include "smp/server/api_error.h"
#include "smp/store/field_error.h"

namespace smp::server {
namespace {

void answer(const httplib::Request& req, httplib::Response& res, Reply r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (r.stream)
    res.set_chunked_content_provider(r.content_type, r.stream);
  else if (!r.content_type.empty())
    set_body(req, res, std::move(r.bytes), r.content_type);
  else if (!r.body.is_null())
    set_body(req, res, r.body.dump(), "application/json");
}

void answer_error(httplib::Response& res, int status, const std::string& code,
                  const std::string& message, const std::string& field = {}) {
  res.status = status;
  res.set_content(error_body(code, message, field).dump(), uncompressed_type("application/json"));
}

}  // namespace

nlohmann::json error_body(const std::string& code, const std::string& message, const std::string& field) {
  nlohmann::json e = {{"code", code}, {"message", message}};
  e["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
  return {{"error", e}};
}

std::string session_token(const httplib::Request& request) {
  const std::string cookies = request.get_header_value("Cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  for (std::size_t at = 0; at < cookies.size();) {
    std::size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string_view part(cookies.data() + at, end - at);
    while (part.starts_with(' ')) part.remove_prefix(1);
    if (part.starts_with(key)) return std::string(part.substr(key.size()));
    at = end + 1;
  }
  return "";
}

store::AuditEvent Call::audit(store::AuditAction action, std::string entity, std::string entity_id) const {
  store::AuditEvent e;
  if (session) {
    e.user_id = session->user.id;
    e.role = std::string(store::role_name(session->user.role));
  }
  e.action = action;
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.address = address;
  return e;
}

JsonBody Call::body() const { return JsonBody(request.get_header_value("Content-Type"), request.body); }

long long Call::query_integer(const std::string& name, long long fallback, long long lo, long long hi) const {
  if (!request.has_param(name)) return fallback;
  const std::string v = request.get_param_value(name);
  long long n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi)
    throw ApiError(400, "bad_request", fmt::format("{}: must be an integer from {} to {}", name, lo, hi), name);
  return n;
}

httplib::Server::Handler Router::wrap(const std::string& pattern, bool changes, Requirement need, Handler h) {
  return [this, pattern, changes, need, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    Call call{req, db_, reads_audit_, std::nullopt, req.remote_addr, {}};
    try {
      if (const Permission* p = std::get_if<Permission>(&need)) {
        const std::string token = session_token(req);
        // Read first; a write only to renew the idle clock (once a minute) or end a session.
        if (!token.empty()) {
          using State = store::SessionLookup::State;
          const store::SessionLookup found = db_.transaction(
              store::Access::read, [&](store::Connection& c) { return store::look_up_session(c, token); });
          if (found.state == State::ended || found.state == State::live_to_renew)
            db_.transaction(store::Access::write,
                            [&](store::Connection& c) { store::settle_session(c, token, found.state); });
          if (found.state == State::live || found.state == State::live_to_renew) call.session = found.session;
        }
        if (!call.session) throw ApiError(401, "unauthenticated", "sign in first");
        if (changes && req.get_header_value("X-CSRF-Token") != call.session->csrf_token)
          throw ApiError(403, "csrf", "the request's X-CSRF-Token is missing or wrong", "X-CSRF-Token");
        // A one-time password (the demo's) opens only the way to change it.
        if (call.session->user.must_change_password && *p != Permission::own_account)
          throw ApiError(403, "password_change_required", "change your one-time password first (POST /api/me/password)");
        if (!role_may(call.session->user.role, *p)) {
          store::append_audit(db_, call.audit(store::AuditAction::denied, pattern, ""));
          throw ApiError(403, "forbidden",
                         fmt::format("the {} role may not {}", store::role_name(call.session->user.role),
                                     permission_name(*p)));
        }
      }
      answer(req, res, h(call));
    } catch (const ApiError& e) {
      answer_error(res, e.status(), e.code(), e.what(), e.field());
    } catch (const store::FieldError& e) {
      answer_error(res, 400, "bad_request", e.what(), e.field());
    } catch (const PlanError& e) {
      answer_error(res, 422, "cannot_plan", e.what(), e.field());
    } catch (const store::StoreError& e) {
      using Kind = store::StoreError::Kind;
      if (e.kind() == Kind::conflict) answer_error(res, 409, "conflict", e.what(), e.field());
      else if (e.kind() == Kind::busy) answer_error(res, 503, "busy", "the records are busy; try again");
      else {
        fmt::print(stderr, "smp serve: {} {}: {}\n", req.method, pattern, e.what());
        answer_error(res, 500, "internal", "an internal error; the server's log has its cause");
      }
    } catch (const std::exception& e) {
      fmt::print(stderr, "smp serve: {} {}: {}\n", req.method, pattern, e.what());
      answer_error(res, 500, "internal", "an internal error; the server's log has its cause");
    }
  };
}

void Router::get(const std::string& pattern, Requirement need, Handler h) {
  server_.Get(pattern, wrap(pattern, false, need, std::move(h)));
}
void Router::post(const std::string& pattern, Requirement need, Handler h) {
  server_.Post(pattern, wrap(pattern, true, need, std::move(h)));
}
void Router::put(const std::string& pattern, Requirement need, Handler h) {
  server_.Put(pattern, wrap(pattern, true, need, std::move(h)));
}

}  // namespace smp::server
