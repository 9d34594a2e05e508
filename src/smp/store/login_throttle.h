// Throttled sign-in: after 5 failures for one account, or 20 from one address, within
// 15 minutes, sign-in is refused until the oldest of them is 15 minutes old (OWASP
// Authentication Cheat Sheet: lock out per account and per source, for a limited time).
#pragma once

#include <string>

#include "smp/store/database.h"

namespace smp::store {

inline constexpr int kMaxAccountFailures = 5;
inline constexpr int kMaxAddressFailures = 20;
inline constexpr long long kThrottleWindowMs = 15LL * 60 * 1000;

// Milliseconds until a sign-in may be tried again (0: now).
long long sign_in_wait_ms(Connection& c, const std::string& name, const std::string& address);

void record_sign_in_failure(Connection& c, const std::string& name, const std::string& address);

// A good sign-in forgets the account's failures (not the address's).
void forget_sign_in_failures(Connection& c, const std::string& name);

}  // namespace smp::store
