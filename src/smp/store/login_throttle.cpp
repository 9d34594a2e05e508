#include "smp/store/login_throttle.h"

#include <algorithm>

#include "smp/store/clock.h"

namespace smp::store {
namespace {

std::string account(const std::string& name) { return "account:" + name; }
std::string address_of(const std::string& address) { return "address:" + address; }

// How long until fewer than `limit` failures of `subject` lie in the window.
long long wait_for(Connection& c, const std::string& subject, int limit, long long now) {
  const Rows rows = c.query(
      "SELECT at_ms FROM login_failures WHERE subject = ? AND at_ms > ? ORDER BY at_ms DESC "
      "LIMIT ?",
      {subject, std::int64_t{now - kThrottleWindowMs}, std::int64_t{limit}});
  if (static_cast<int>(rows.size()) < limit) return 0;
  return std::max(0LL, rows.back().integer(0) + kThrottleWindowMs - now);
}

}  // namespace

long long sign_in_wait_ms(Connection& c, const std::string& name, const std::string& address) {
  const long long now = now_unix_ms();
  return std::max(wait_for(c, account(name), kMaxAccountFailures, now),
                  wait_for(c, address_of(address), kMaxAddressFailures, now));
}

void record_sign_in_failure(Connection& c, const std::string& name, const std::string& address) {
  const long long now = now_unix_ms();
  c.query("DELETE FROM login_failures WHERE at_ms < ?", {std::int64_t{now - kThrottleWindowMs}});
  for (const std::string& subject : {account(name), address_of(address)})
    c.query("INSERT INTO login_failures (subject, at_ms) VALUES (?, ?)",
            {subject, std::int64_t{now}});
}

void forget_sign_in_failures(Connection& c, const std::string& name) {
  c.query("DELETE FROM login_failures WHERE subject = ?", {account(name)});
}

}  // namespace smp::store
