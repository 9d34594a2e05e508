// Signed-in browsers. The cookie carries a 256-bit random token; the database keeps only
// its SHA-256, so a copy of the database signs no one in. A session ends after 30 min
// without a request (issue 12), at sign-out, or when its user is disabled.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "smp/store/users.h"

namespace smp::store {

inline constexpr long long kIdleTimeoutMs = 30LL * 60 * 1000;

struct LoginSession {
  std::string token;       // only known to the browser (empty when read back)
  std::string csrf_token;  // sent back in X-CSRF-Token with every change
  User user;
};

LoginSession open_session(Connection& c, const User& user);

// What a token's session is, by reading only (most requests need no write).
struct SessionLookup {
  enum class State { live, live_to_renew, ended, unknown } state = State::unknown;
  LoginSession session;  // when live
};
SessionLookup look_up_session(Connection& c, std::string_view token);
// Renews the idle clock (live_to_renew), or deletes an ended session.
void settle_session(Connection& c, std::string_view token, SessionLookup::State state);

// The live session of a token (its idle time renewed), or nothing: unknown, expired
// (then deleted) or its user disabled. Both of the above in one transaction.
std::optional<LoginSession> find_session(Connection& c, std::string_view token);

void close_session(Connection& c, std::string_view token);

}  // namespace smp::store
