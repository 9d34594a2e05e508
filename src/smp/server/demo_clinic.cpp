#include "smp/server/demo_clinic.h"

#include <chrono>

#include <fmt/format.h>

#include "smp/jobs/demo.h"
#include "smp/server/case_records.h"
#include "smp/server/clinic_contact.h"
#include "smp/store/appointments.h"
#include "smp/store/clinic_settings.h"
#include "smp/store/audit_log.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"
#include "smp/store/users.h"

namespace smp::server {
namespace {

// The examples' patients, with made-up names; birth years agree with the cases' ages.
struct DemoPatient {
  const char* example;
  const char* full_name;
  int age;
  const char* month_day;
};
constexpr DemoPatient kPatients[] = {
    {"norwood6-buzzcut.toml", "Marcus Webb (demo)", 47, "03-14"},
    {"norwood3-soft-hairline.toml", "Daniel Okafor (demo)", 33, "07-02"},
    {"ludwig2-density.toml", "Helen Fischer (demo)", 52, "11-23"},
    {"alopecia-areata.toml", "Tomás Herrera (demo)", 29, "01-30"},
    {"fue-scars.toml", "Arjun Mehta (demo)", 38, "05-17"},
    {"fut-scar-camouflage.toml", "Lukas Novak (demo)", 41, "09-08"},
};

constexpr std::pair<const char*, store::Role> kAccounts[] = {
    {"admin", store::Role::admin},
    {"doctor", store::Role::doctor},
    {"technician", store::Role::technician},
    {"frontdesk", store::Role::front_desk},
};

}  // namespace

DemoClinic seed_demo_clinic(store::Database& db) {
  DemoClinic demo;
  struct Staff {
    store::User doctor, technician;
    std::vector<store::Room> rooms;
  };
  const Staff staff = db.transaction(store::Access::write, [&](store::Connection& c) {
    if (c.query("SELECT COUNT(*) FROM users").at(0).integer(0) > 0)
      throw store::FieldError("--demo", "the data folder already holds a clinic: seed an empty one");
    std::optional<store::User> doctor, technician;
    for (const auto& [name, role] : kAccounts) {
      // 24 hex digits: 96 random bits, to be replaced at first sign-in.
      const std::string password = store::random_hex(12);
      const store::User u = store::add_user(c, name, role, password, /*must_change_password=*/true);
      store::append_audit(c, {"", "", store::AuditAction::create, "user", u.id, "command line", {}});
      demo.accounts.push_back({name, role, password});
      if (role == store::Role::doctor) doctor = u;
      if (role == store::Role::technician) technician = u;
    }
    // A made-up clinic to reach (the patient's feed and link show it) and its two rooms.
    store::set_clinic_setting(c, "contact",
                              ClinicContact{"SMP Studio Demo Clinic", "1 Example Street, Springfield (demo)",
                                            "+1 555 0100", "+1 555 0199", "care@demo-clinic.example"}
                                  .json()
                                  .dump(),
                              "command line");
    Staff staff{*doctor, *technician, {}};
    for (const char* room : {"Room 1", "Room 2"}) staff.rooms.push_back(store::add_room(c, room));
    return staff;
  });
  const store::User& doctor = staff.doctor;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const int year = static_cast<int>(std::chrono::year_month_day(today).year());
  std::vector<ImportedCase> imported;
  for (const DemoPatient& p : kPatients) {
    const store::PatientIdentity identity{p.full_name, fmt::format("{}-{}", year - p.age - 1, p.month_day), "", ""};
    imported.push_back(import_case_file(db, bundled_example(p.example), identity, doctor, "command line"));
    ++demo.patients;
  }
  // A day to open the app on: today's bookings (UTC) for the technician.
  const long long today_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(today.time_since_epoch()).count();
  constexpr long long kHourMs = 3'600'000;
  struct DemoBooking {
    int patient;
    store::AppointmentKind kind;
    int session_number;
    int room;
    double from_h, to_h;
  };
  constexpr DemoBooking kToday[] = {
      {0, store::AppointmentKind::session, 1, 0, 9, 12},
      {1, store::AppointmentKind::consultation, 0, 1, 12.5, 13.5},
      {4, store::AppointmentKind::touch_up, 0, 0, 14, 16},
      {2, store::AppointmentKind::follow_up, 0, 1, 16.25, 16.75},
  };
  db.transaction(store::Access::write, [&](store::Connection& c) {
    for (const DemoBooking& b : kToday) {
      store::Appointment a;
      a.patient_id = imported[b.patient].patient.id;
      a.consultation_id = imported[b.patient].consultation.id;
      a.kind = b.kind;
      a.session_number = b.session_number;
      a.technician_id = staff.technician.id;
      a.room_id = staff.rooms[b.room].id;
      a.starts_at_ms = today_ms + static_cast<long long>(b.from_h * kHourMs);
      a.ends_at_ms = today_ms + static_cast<long long>(b.to_h * kHourMs);
      const store::Appointment booked = store::book_appointment(c, a, doctor);
      store::append_audit(c, {"", "", store::AuditAction::create, "appointment", booked.id, "command line", {}});
    }
  });
  return demo;
}

}  // namespace smp::server
