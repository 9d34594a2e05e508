// The clinic's holidays: read by every role (the calendar's people and the admin), kept
// by the admin. A removal keeps the row (store/holidays.h).
#include "smp/clinic/schedule.h"
#include "smp/io/input_error.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/holidays.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

nlohmann::json holidays_json(Connection& c) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::Holiday& h : store::holidays(c)) list.push_back({{"date", h.date}, {"name", h.name}});
  return list;
}

}  // namespace

void add_holiday_api(Router& r) {
  r.get("/api/clinic/holidays", Permission::own_account, [](Call& call) {
    return call.read([&](Connection& c) {
      call.audit_read(AuditAction::read, "holidays", "");
      return Reply(200, {{"holidays", holidays_json(c)}});
    });
  });

  r.post("/api/clinic/holidays", Permission::manage_clinic, [](Call& call) {
    JsonBody body = call.body();
    const std::string date = body.text("date"), name = body.text("name");
    body.no_other_fields();
    try {
      parse_iso_date(date, "date");
    } catch (const InputError& e) {
      throw bad_request("date", e.message());
    }
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Holiday h = store::add_holiday(c, date, name, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "holiday", h.date));
      return Reply(201, {{"holiday", {{"date", h.date}, {"name", h.name}}}});
    });
  });

  r.post(R"(/api/clinic/holidays/([0-9]{4}-[0-9]{2}-[0-9]{2})/removal)", Permission::manage_clinic, [](Call& call) {
    call.body().no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::remove_holiday(c, call.path_part(1), call.user()))
        throw ApiError(404, "not_found", call.path_part(1) + " is no holiday", "date");
      store::append_audit(c, call.audit(AuditAction::update, "holiday", call.path_part(1)));
      return Reply(204);
    });
  });
}

}  // namespace smp::server
