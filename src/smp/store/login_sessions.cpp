#include "smp/store/login_sessions.h"

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

// The idle clock is renewed at most once a minute: not a write for every request.
constexpr long long kTouchEveryMs = 60 * 1000;

}  // namespace

LoginSession open_session(Connection& c, const User& user) {
  LoginSession s{random_hex(32), random_hex(32), user};
  const long long now = now_unix_ms();
  c.query(
      "INSERT INTO login_sessions (token_hash, user_id, csrf_token, created_at_ms, "
      "last_seen_at_ms) VALUES (?, ?, ?, ?, ?)",
      {sha256_hex(s.token), user.id, s.csrf_token, std::int64_t{now}, std::int64_t{now}});
  return s;
}

std::optional<LoginSession> find_session(Connection& c, std::string_view token) {
  if (token.size() != 64) return std::nullopt;
  const std::string hash = sha256_hex(token);
  const Rows rows = c.query(
      "SELECT s.user_id, s.csrf_token, s.last_seen_at_ms FROM login_sessions s WHERE "
      "s.token_hash = ?",
      {hash});
  if (rows.empty()) return std::nullopt;
  const long long now = now_unix_ms(), last = rows[0].integer(2);
  std::optional<User> user = user_by_id(c, rows[0].text(0));
  if (now - last > kIdleTimeoutMs || !user || user->disabled) {
    c.query("DELETE FROM login_sessions WHERE token_hash = ?", {hash});
    return std::nullopt;
  }
  if (now - last > kTouchEveryMs)
    c.query("UPDATE login_sessions SET last_seen_at_ms = ? WHERE token_hash = ?",
            {std::int64_t{now}, hash});
  return LoginSession{"", rows[0].text(1), *user};
}

void close_session(Connection& c, std::string_view token) {
  c.query("DELETE FROM login_sessions WHERE token_hash = ?", {sha256_hex(token)});
}

}  // namespace smp::store
