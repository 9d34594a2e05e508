// The server's one door: every route is declared with the permission it needs, and the
// router, before any handler runs, finds the session (401 without one), checks the CSRF
// token of a change (403), asks the access policy (403, audited), and after it maps
// whatever the handler threw to one JSON error answer (cpp-httplib's handlers stay thin).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "smp/server/access_policy.h"
#include "smp/server/json_body.h"
#include "smp/store/audit_group_commit.h"
#include "smp/store/audit_log.h"
#include "smp/store/login_sessions.h"

namespace smp::server {

// A route anyone may call (health, sign-in).
struct Public {};
using Requirement = std::variant<Public, Permission>;

// What a handler is given.
struct Call {
  const httplib::Request& request;
  store::Database& db;
  store::AuditGroupCommit& reads_audit;
  std::optional<store::LoginSession> session;  // always set on a non-public route
  std::string address;                         // the client's
  std::vector<store::AuditEvent> reads;        // audit_read's, written by read()

  const store::User& user() const { return session->user; }
  bool may(Permission p) const { return session && role_may(session->user.role, p); }
  // An audit event of this call's user and address.
  store::AuditEvent audit(store::AuditAction action, std::string entity, std::string entity_id) const;
  // f(Connection&) in a read transaction; the reads it noted with audit_read are then
  // appended with other requests' in one commit (store/audit_group_commit.h), before the
  // answer leaves: nothing is answered unaudited.
  template <class F>
  auto read(F&& f) {
    if constexpr (std::is_void_v<decltype(f(std::declval<store::Connection&>()))>) {
      db.transaction(store::Access::read, std::forward<F>(f));
      flush_reads();
    } else {
      auto result = db.transaction(store::Access::read, std::forward<F>(f));
      flush_reads();
      return result;
    }
  }
  void flush_reads() {
    reads_audit.append(reads);
    reads.clear();
  }
  void audit_read(store::AuditAction action, std::string entity, std::string entity_id) {
    reads.push_back(audit(action, std::move(entity), std::move(entity_id)));
  }
  void audit_read(store::AuditEvent e) { reads.push_back(std::move(e)); }
  JsonBody body() const;
  std::string path_part(std::size_t i) const { return request.matches[static_cast<int>(i)]; }
  // A query parameter as an integer in [lo, hi] (ApiError 400 naming it), or `fallback`.
  long long query_integer(const std::string& name, long long fallback, long long lo, long long hi) const;
};

struct Reply {
  Reply(int status, nlohmann::json body = nullptr) : status(status), body(std::move(body)) {}
  int status;
  nlohmann::json body;  // null: no body (204), or `bytes`, or `stream`
  httplib::Headers headers;
  std::string content_type;  // of `bytes` or `stream`
  std::string bytes;
  httplib::ContentProviderWithoutLength stream;  // written as it comes (server-sent events)
};

using Handler = std::function<Reply(Call&)>;

class Router {
 public:
  Router(httplib::Server& server, store::Database& db) : server_(server), db_(db), reads_audit_(db) {}
  void get(const std::string& pattern, Requirement need, Handler h);
  void post(const std::string& pattern, Requirement need, Handler h);
  void put(const std::string& pattern, Requirement need, Handler h);

 private:
  httplib::Server::Handler wrap(const std::string& pattern, bool changes, Requirement need, Handler h);
  httplib::Server& server_;
  store::Database& db_;
  store::AuditGroupCommit reads_audit_;
};

// The session cookie's value in a request ("" if none).
std::string session_token(const httplib::Request& request);
inline constexpr const char* kSessionCookie = "smp_session";

// The JSON of an error answer.
nlohmann::json error_body(const std::string& code, const std::string& message, const std::string& field);

}  // namespace smp::server
