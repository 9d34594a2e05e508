#include "smp/store/appointments.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr long long kLongestAppointmentMs = 12LL * 3600 * 1000;  // a sedated full-scalp day
constexpr EnumNames<AppointmentKind, 4> kKinds{{{{AppointmentKind::consultation, "consultation"},
                                                 {AppointmentKind::session, "session"},
                                                 {AppointmentKind::follow_up, "follow_up"},
                                                 {AppointmentKind::touch_up, "touch_up"}}}};
constexpr EnumNames<AppointmentState, 3> kStates{{{{AppointmentState::booked, "booked"},
                                                   {AppointmentState::cancelled, "cancelled"},
                                                   {AppointmentState::done, "done"}}}};

// The patient's name comes with each row (one query for a day's calendar, not one per
// appointment); the API shows it only to the roles that may see names.
constexpr const char* kColumns =
    "a.id, a.patient_id, COALESCE(a.consultation_id, ''), a.kind, COALESCE(a.session_number, 0), a.technician_id, "
    "a.room_id, a.starts_at_ms, a.ends_at_ms, a.state, COALESCE(i.full_name, '')";
constexpr const char* kFrom = "appointments a LEFT JOIN patient_identities i ON i.patient_id = a.patient_id";

Appointment appointment_of(const Row& r) {
  Appointment a;
  a.id = r.text(0);
  a.patient_id = r.text(1);
  a.consultation_id = r.text(2);
  a.kind = parse_appointment_kind(r.text(3)).value_or(AppointmentKind::session);
  a.session_number = static_cast<int>(r.integer(4));
  a.technician_id = r.text(5);
  a.room_id = r.text(6);
  a.starts_at_ms = r.integer(7);
  a.ends_at_ms = r.integer(8);
  a.state = kStates.parse(r.text(9)).value_or(AppointmentState::cancelled);
  a.patient_name = r.text(10);
  return a;
}

}  // namespace

std::string_view appointment_kind_name(AppointmentKind k) { return kKinds.name(k); }
std::optional<AppointmentKind> parse_appointment_kind(std::string_view s) { return kKinds.parse(s); }
std::string_view appointment_state_name(AppointmentState s) { return kStates.name(s); }

Room add_room(Connection& c, const std::string& name) {
  if (name.empty() || name.size() > 60) throw FieldError("name", "1 to 60 characters");
  if (!c.query("SELECT id FROM rooms WHERE name = ?", {name}).empty())
    throw StoreError(StoreError::Kind::conflict, "a room '" + name + "' exists", "name");
  const Room r{new_record_id("R-", 4), name};
  c.query("INSERT INTO rooms (id, name) VALUES (?, ?)", {r.id, r.name});
  return r;
}

std::vector<Room> rooms(Connection& c) {
  std::vector<Room> out;
  for (const Row& r : c.query("SELECT id, name FROM rooms ORDER BY name")) out.push_back({r.text(0), r.text(1)});
  return out;
}

Appointment book_appointment(Connection& c, Appointment a, const User& by) {
  if (a.ends_at_ms <= a.starts_at_ms) throw FieldError("ends_at", "must be after starts_at");
  if (a.ends_at_ms - a.starts_at_ms > kLongestAppointmentMs) throw FieldError("ends_at", "at most 12 hours after starts_at");
  // Row locks on the technician and the room order two bookings of either (PostgreSQL's
  // READ COMMITTED would let both see no clash); SQLite's write transaction already does.
  if (c.query("UPDATE users SET id = id WHERE id = ? AND role = 'technician' AND disabled = 0 RETURNING id",
              {a.technician_id})
          .empty())
    throw FieldError("technician_id", "no enabled technician " + a.technician_id);
  if (c.query("UPDATE rooms SET id = id WHERE id = ? RETURNING id", {a.room_id}).empty())
    throw FieldError("room_id", "no room " + a.room_id);
  struct Resource {
    const char* column;  // also the request's field
    const std::string& id;
    const char* what;
  };
  for (const Resource& r : {Resource{"technician_id", a.technician_id, "technician"}, Resource{"room_id", a.room_id, "room"}}) {
    const Rows clash = c.query(
        fmt::format("SELECT starts_at_ms, ends_at_ms FROM appointments WHERE {} = ? AND state = 'booked' AND "
                    "starts_at_ms < ? AND ends_at_ms > ? LIMIT 1",
                    r.column),
        {r.id, std::int64_t{a.ends_at_ms}, std::int64_t{a.starts_at_ms}});
    if (!clash.empty())
      throw StoreError(StoreError::Kind::conflict,
                       fmt::format("the {} is booked from {} to {}", r.what, iso_time(clash[0].integer(0)),
                                   iso_time(clash[0].integer(1))),
                       r.column);
  }
  a.id = new_record_id("A-", 5);
  a.state = AppointmentState::booked;
  c.query("INSERT INTO appointments (id, patient_id, consultation_id, kind, session_number, technician_id, room_id, "
          "starts_at_ms, ends_at_ms, state, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)",
          {a.id, a.patient_id, a.consultation_id.empty() ? SqlValue{} : SqlValue{a.consultation_id},
           std::string(appointment_kind_name(a.kind)),
           a.session_number > 0 ? SqlValue{std::int64_t{a.session_number}} : SqlValue{}, a.technician_id, a.room_id,
           std::int64_t{a.starts_at_ms}, std::int64_t{a.ends_at_ms}, by.id, std::int64_t{now_unix_ms()}});
  return a;
}

std::optional<Appointment> find_appointment(Connection& c, const std::string& id) {
  const Rows rows = c.query(fmt::format("SELECT {} FROM {} WHERE a.id = ?", kColumns, kFrom), {id});
  if (rows.empty()) return std::nullopt;
  return appointment_of(rows[0]);
}

std::vector<Appointment> appointments_between(Connection& c, long long from_ms, long long to_ms,
                                              const std::string& patient_id) {
  std::vector<SqlValue> params = {std::int64_t{to_ms}, std::int64_t{from_ms}};
  if (!patient_id.empty()) params.emplace_back(patient_id);
  std::vector<Appointment> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM {} WHERE a.state <> 'cancelled' AND a.starts_at_ms < ? "
                                          "AND a.ends_at_ms > ? {}ORDER BY a.starts_at_ms, a.id",
                                          kColumns, kFrom, patient_id.empty() ? "" : "AND a.patient_id = ? "),
                              params))
    out.push_back(appointment_of(r));
  return out;
}

std::vector<Appointment> appointments_of(Connection& c, const std::string& patient_id) {
  std::vector<Appointment> out;
  for (const Row& r :
       c.query(fmt::format("SELECT {} FROM {} WHERE a.patient_id = ? ORDER BY a.starts_at_ms, a.id", kColumns, kFrom),
               {patient_id}))
    out.push_back(appointment_of(r));
  return out;
}

void set_appointment_state(Connection& c, const std::string& id, AppointmentState s) {
  c.query("UPDATE appointments SET state = ? WHERE id = ?", {std::string(appointment_state_name(s)), id});
}

}  // namespace smp::store
