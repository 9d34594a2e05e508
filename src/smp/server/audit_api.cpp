#include <limits>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

constexpr long long kDayMs = 24LL * 3600 * 1000;

// A bound of ?from= or ?to=: a time with its zone, or a UTC day (YYYY-MM-DD) whose start
// opens `from` and whose end closes `to`, so from=D&to=D is the whole day D.
std::optional<long long> instant_param(const Call& call, const std::string& name, bool day_end) {
  if (!call.request.has_param(name)) return std::nullopt;
  const std::string text = call.request.get_param_value(name);
  if (const std::optional<long long> t = store::parse_iso_time(text)) return t;
  if (const std::optional<std::chrono::year_month_day> d = store::parse_date(text)) {
    const long long start = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::sys_days(*d).time_since_epoch()).count();
    return day_end ? start + kDayMs : start;
  }
  throw ApiError(400, "bad_request", name + ": must be a date like 2026-12-03 or a time like 2026-12-03T08:00:00Z",
                 name);
}

}  // namespace

void add_audit_api(Router& r) {
  r.get("/api/audit", Permission::review_audit, [](Call& call) {
    store::AuditFilter f;
    f.limit = static_cast<std::size_t>(call.query_integer("limit", 100, 1, 1000));
    if (call.request.has_param("before"))
      f.before_seq = call.query_integer("before", 0, 1, std::numeric_limits<long long>::max());
    f.entity_id = call.request.get_param_value("entity_id");
    if (call.request.has_param("user")) f.user = call.request.get_param_value("user");
    if (call.request.has_param("action")) {
      f.action = store::parse_audit_action(call.request.get_param_value("action"));
      if (!f.action)
        throw ApiError(400, "bad_request",
                       "action: must be read, search, create, update, disable, sign_in, sign_out, denied or backup",
                       "action");
    }
    f.from_ms = instant_param(call, "from", false);
    f.to_ms = instant_param(call, "to", true);
    if (f.from_ms && f.to_ms && *f.to_ms <= *f.from_ms)
      throw ApiError(400, "bad_request", "to: must be after from", "to");
    return call.read([&](Connection& c) {
      const store::AuditPage page = store::find_audit(c, f);
      nlohmann::json rows = nlohmann::json::array();
      for (const store::AuditRow& a : page.rows)
        rows.push_back({{"seq", a.seq},
                        {"at", store::iso_time(a.at_ms)},
                        {"user_id", a.user_id},
                        {"role", a.role},
                        {"action", a.action},
                        {"entity", a.entity},
                        {"entity_id", a.entity_id},
                        {"address", a.address},
                        {"outcome", a.outcome}});
      call.audit_read(AuditAction::read, "audit", f.entity_id);
      return Reply(200, {{"entries", rows}, {"total", page.total}});
    });
  });

  r.get("/api/audit/verify", Permission::review_audit, [](Call& call) {
    const store::AuditCheck check = store::verify_audit(call.db);
    store::append_audit(call.db, call.audit(AuditAction::read, "audit", "verify"));
    return Reply(200, {{"ok", check.ok()}, {"rows", check.rows}, {"problems", check.problems}});
  });
}

}  // namespace smp::server
