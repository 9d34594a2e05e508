// Rooms and appointments. Booking checks, in the same transaction, that neither the
// technician nor the room has a booked appointment overlapping the new one (both rows are
// locked first, so two servers booking at once cannot both pass the check).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

enum class AppointmentKind { consultation, session, follow_up, touch_up };
enum class AppointmentState { booked, cancelled, done };

std::string_view appointment_kind_name(AppointmentKind k);
std::optional<AppointmentKind> parse_appointment_kind(std::string_view s);
std::string_view appointment_state_name(AppointmentState s);

struct Room {
  std::string id, name;
};

Room add_room(Connection& c, const std::string& name);  // FieldError("name"), conflict
std::vector<Room> rooms(Connection& c);

struct Appointment {
  std::string id, patient_id, consultation_id;  // consultation_id may be ""
  AppointmentKind kind = AppointmentKind::session;
  int session_number = 0;  // 0: none
  std::string technician_id, room_id;
  long long starts_at_ms = 0, ends_at_ms = 0;
  AppointmentState state = AppointmentState::booked;
  std::string patient_name;  // read with it, for the roles that may see names
};

// StoreError(conflict, field "technician_id" or "room_id") naming the clashing booking's
// time; FieldError for times out of order or longer than 12 h.
Appointment book_appointment(Connection& c, Appointment a, const User& by);
std::optional<Appointment> find_appointment(Connection& c, const std::string& id);
// Booked or done appointments overlapping [from, to), by start; only one patient's if
// `patient_id` is given.
std::vector<Appointment> appointments_between(Connection& c, long long from_ms, long long to_ms,
                                              const std::string& patient_id = {});
std::vector<Appointment> appointments_of(Connection& c, const std::string& patient_id);
void set_appointment_state(Connection& c, const std::string& id, AppointmentState s);

}  // namespace smp::store
