#include <ctime>
#include <limits>

#include <fmt/format.h>

#include "smp/jobs/job_options.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/appointments.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/holidays.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

// The clinic's day of a time: the server's local time zone, as the plans' "today", which
// the holidays are days of.
std::string local_date_of(long long unix_ms) {
  return store::iso_date(std::chrono::sys_days{local_day(static_cast<std::time_t>(unix_ms / 1000))});
}

constexpr long long kDayMs = 24LL * 3600 * 1000;
constexpr long long kLongestRangeMs = 62 * kDayMs;  // a calendar view of two months

nlohmann::json appointment_json(const store::Appointment& a, const Call& call) {
  nlohmann::json j = {{"id", a.id},
                      {"patient_id", a.patient_id},
                      {"consultation_id", a.consultation_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.consultation_id)},
                      {"kind", store::appointment_kind_name(a.kind)},
                      {"session_number", a.session_number > 0 ? nlohmann::json(a.session_number) : nlohmann::json(nullptr)},
                      {"technician_id", a.technician_id},
                      {"room_id", a.room_id},
                      {"starts_at", store::iso_time(a.starts_at_ms)},
                      {"ends_at", store::iso_time(a.ends_at_ms)},
                      {"state", store::appointment_state_name(a.state)}};
  if (call.may(Permission::view_patient_names)) j["patient_name"] = a.patient_name;
  return j;
}

}  // namespace

void add_appointment_api(Router& r) {
  r.get("/api/rooms", Permission::view_appointments, [](Call& call) {
    return call.db.transaction(store::Access::read, [&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::Room& room : store::rooms(c)) list.push_back({{"id", room.id}, {"name", room.name}});
      return Reply(200, {{"rooms", list}});
    });
  });

  r.post("/api/rooms", Permission::manage_clinic, [](Call& call) {
    JsonBody body = call.body();
    const std::string name = body.text("name");
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Room room = store::add_room(c, name);
      store::append_audit(c, call.audit(AuditAction::create, "room", room.id));
      return Reply(201, {{"room", {{"id", room.id}, {"name", room.name}}}});
    });
  });

  r.post("/api/appointments", Permission::manage_appointments, [](Call& call) {
    JsonBody body = call.body();
    store::Appointment a;
    a.patient_id = body.text("patient_id");
    a.consultation_id = body.optional_text("consultation_id");
    const std::string kind = body.text("kind");
    const std::optional<store::AppointmentKind> k = store::parse_appointment_kind(kind);
    if (!k) throw ApiError(400, "bad_request", "kind: must be consultation, session, follow_up or touch_up", "kind");
    a.kind = *k;
    a.technician_id = body.text("technician_id");
    a.room_id = body.text("room_id");
    a.starts_at_ms = body.time("starts_at");
    a.ends_at_ms = body.time("ends_at");
    if (a.kind == store::AppointmentKind::session) a.session_number = static_cast<int>(body.integer("session_number"));
    body.no_other_fields();
    if (a.kind == store::AppointmentKind::session && (a.session_number < 1 || a.session_number > 12))
      throw ApiError(400, "bad_request", "session_number: must be 1 to 12", "session_number");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::find_patient(c, a.patient_id)) throw ApiError(400, "bad_request", "patient_id: no patient " + a.patient_id, "patient_id");
      if (!a.consultation_id.empty()) {
        const std::optional<store::Consultation> k = store::find_consultation(c, a.consultation_id);
        if (!k || k->patient_id != a.patient_id)
          throw ApiError(400, "bad_request", "consultation_id: not a consultation of this patient", "consultation_id");
      }
      const std::string day = local_date_of(a.starts_at_ms);
      for (const store::Holiday& h : store::holidays(c))
        if (h.date == day)
          throw ApiError(409, "conflict", fmt::format("starts_at: the clinic is closed on {} ({})", day, h.name), "starts_at");
      const store::Appointment booked = store::book_appointment(c, a, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "appointment", booked.id));
      return Reply(201, {{"appointment", appointment_json(*store::find_appointment(c, booked.id), call)}});
    });
  });

  // The calendar: ?from=...&to=... (ISO times; default today, UTC, for one day). With
  // ?patient_id=P-... one patient's visits, from and to each optional (default: all) and
  // the range unlimited.
  r.get("/api/appointments", Permission::view_appointments, [](Call& call) {
    auto time_param = [&](const std::string& name, long long fallback) {
      if (!call.request.has_param(name)) return fallback;
      const std::optional<long long> t = store::parse_iso_time(call.request.get_param_value(name));
      if (!t) throw ApiError(400, "bad_request", name + ": must be a time like 2026-12-03T00:00:00Z", name);
      return *t;
    };
    const std::string patient = call.request.get_param_value("patient_id");
    long long from = 0, to = 0;
    if (patient.empty()) {
      const long long today = store::now_unix_ms() / kDayMs * kDayMs;
      from = time_param("from", today);
      to = time_param("to", from + kDayMs);
      if (to <= from || to - from > kLongestRangeMs)
        throw ApiError(400, "bad_request", "to: must be after from, at most 62 days", "to");
    } else {
      from = time_param("from", std::numeric_limits<long long>::min());
      to = time_param("to", std::numeric_limits<long long>::max());
      if (to <= from) throw ApiError(400, "bad_request", "to: must be after from", "to");
    }
    return call.read([&](Connection& c) {
      if (!patient.empty() && !store::find_patient(c, patient))
        throw ApiError(404, "not_found", "no patient " + patient, "patient_id");
      nlohmann::json list = nlohmann::json::array();
      for (const store::Appointment& a : store::appointments_between(c, from, to, patient))
        list.push_back(appointment_json(a, call));
      call.audit_read(AuditAction::read, "appointments", patient);
      return Reply(200, {{"appointments", list}});
    });
  });

  r.post(R"(/api/appointments/(A-[0-9A-F]{10})/cancel)", Permission::manage_appointments, [](Call& call) {
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      std::optional<store::Appointment> a = store::find_appointment(c, call.path_part(1));
      if (!a) throw ApiError(404, "not_found", "no appointment " + call.path_part(1), "id");
      if (a->state != store::AppointmentState::booked)
        throw ApiError(409, "conflict", std::string("the appointment is ") + std::string(store::appointment_state_name(a->state)), "state");
      store::set_appointment_state(c, a->id, store::AppointmentState::cancelled);
      a->state = store::AppointmentState::cancelled;
      store::append_audit(c, call.audit(AuditAction::update, "appointment", a->id));
      return Reply(200, {{"appointment", appointment_json(*a, call)}});
    });
  });
}

}  // namespace smp::server
