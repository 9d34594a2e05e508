#include "smp/server/api_routes.h"
#include "smp/store/clock.h"

namespace smp::server {

using store::AuditAction;
using store::Connection;

void add_audit_api(Router& r) {
  r.get("/api/audit", Permission::review_audit, [](Call& call) {
    const long long limit = call.query_integer("limit", 100, 1, 1000);
    const std::string entity_id = call.request.get_param_value("entity_id");
    return call.read([&](Connection& c) {
      nlohmann::json rows = nlohmann::json::array();
      for (const store::AuditRow& a : store::recent_audit(c, static_cast<std::size_t>(limit), entity_id))
        rows.push_back({{"seq", a.seq},
                        {"at", store::iso_time(a.at_ms)},
                        {"user_id", a.user_id},
                        {"role", a.role},
                        {"action", a.action},
                        {"entity", a.entity},
                        {"entity_id", a.entity_id},
                        {"address", a.address},
                        {"outcome", a.outcome}});
      call.audit_read(AuditAction::read, "audit", entity_id);
      return Reply(200, {{"entries", rows}});
    });
  });

  r.get("/api/audit/verify", Permission::review_audit, [](Call& call) {
    const store::AuditCheck check = store::verify_audit(call.db);
    store::append_audit(call.db, call.audit(AuditAction::read, "audit", "verify"));
    return Reply(200, {{"ok", check.ok()}, {"rows", check.rows}, {"problems", check.problems}});
  });
}

}  // namespace smp::server
