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

SessionLookup look_up_session(Connection& c, std::string_view token) {
  using State = SessionLookup::State;
  SessionLookup out;
  if (token.size() != 64) return out;
  const Rows rows = c.query("SELECT user_id, csrf_token, last_seen_at_ms FROM login_sessions WHERE token_hash = ?",
                            {sha256_hex(token)});
  if (rows.empty()) return out;
  const long long now = now_unix_ms(), last = rows[0].integer(2);
  std::optional<User> user = user_by_id(c, rows[0].text(0));
  if (now - last > kIdleTimeoutMs || !user || user->disabled) {
    out.state = State::ended;
    return out;
  }
  out.state = now - last > kTouchEveryMs ? State::live_to_renew : State::live;
  out.session = {"", rows[0].text(1), *user};
  return out;
}

void settle_session(Connection& c, std::string_view token, SessionLookup::State state) {
  if (state == SessionLookup::State::ended)
    c.query("DELETE FROM login_sessions WHERE token_hash = ?", {sha256_hex(token)});
  else if (state == SessionLookup::State::live_to_renew)
    c.query("UPDATE login_sessions SET last_seen_at_ms = ? WHERE token_hash = ?",
            {std::int64_t{now_unix_ms()}, sha256_hex(token)});
}

std::optional<LoginSession> find_session(Connection& c, std::string_view token) {
  SessionLookup found = look_up_session(c, token);
  settle_session(c, token, found.state);
  if (found.state != SessionLookup::State::live && found.state != SessionLookup::State::live_to_renew)
    return std::nullopt;
  return found.session;
}

void close_session(Connection& c, std::string_view token) {
  c.query("DELETE FROM login_sessions WHERE token_hash = ?", {sha256_hex(token)});
}

}  // namespace smp::store
