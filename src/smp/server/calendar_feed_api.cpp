#include <map>

#include <fmt/format.h>

#include "smp/report/appointments_ics.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/clinic_contact.h"
#include "smp/store/appointments.h"
#include "smp/store/calendar_feeds.h"
#include "smp/store/clock.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

constexpr long long kDayMs = 24LL * 3600 * 1000;
// What a feed shows: a month back (what was done) and a year ahead (a treatment's
// sessions all fall within 12 months, domain.md).
constexpr long long kFeedPastMs = 31 * kDayMs, kFeedAheadMs = 366 * kDayMs;

std::string what(const store::Appointment& a) {
  switch (a.kind) {
    case store::AppointmentKind::consultation: return "SMP consultation";
    case store::AppointmentKind::session: return fmt::format("SMP session {}", a.session_number);
    case store::AppointmentKind::follow_up: return "SMP follow-up";
    case store::AppointmentKind::touch_up: return "SMP touch-up";
  }
  return "SMP appointment";
}

std::chrono::sys_seconds seconds(long long ms) { return std::chrono::sys_seconds(std::chrono::seconds(ms / 1000)); }

// The clinic's feed: every booking with the patient's pseudonym (never a name: a calendar
// app is not the record), the technician and the room.
std::string clinic_feed(Connection& c, long long now) {
  std::map<std::string, std::string> technicians, rooms;
  for (const store::Row& r : c.query("SELECT id, name FROM users")) technicians[r.text(0)] = r.text(1);
  for (const store::Room& room : store::rooms(c)) rooms[room.id] = room.name;
  std::vector<CalendarEntry> entries;
  for (const store::Appointment& a : store::appointments_between(c, now - kFeedPastMs, now + kFeedAheadMs))
    entries.push_back({a.id + "@smp-studio", what(a) + " - " + a.patient_id,
                       fmt::format("Patient {}. Technician: {}. Room: {}.", a.patient_id, technicians[a.technician_id],
                                   rooms[a.room_id]),
                       rooms[a.room_id], seconds(a.starts_at_ms), seconds(a.ends_at_ms)});
  return appointments_ics("SMP Studio: the clinic's appointments", entries, seconds(now));
}

// A patient's feed: their own appointments, where the clinic is and how to reach it.
std::string patient_feed(Connection& c, const std::string& patient_id, long long now) {
  const ClinicContact contact = clinic_contact(c);
  std::vector<CalendarEntry> entries;
  for (const store::Appointment& a : store::appointments_of(c, patient_id)) {
    if (a.state == store::AppointmentState::cancelled || a.ends_at_ms < now - kFeedPastMs) continue;
    entries.push_back({a.id + "@smp-studio", what(a) + (contact.name.empty() ? "" : " at " + contact.name),
                       contact.reach_text(), contact.address, seconds(a.starts_at_ms), seconds(a.ends_at_ms)});
  }
  return appointments_ics(contact.name.empty() ? "My SMP appointments" : "My SMP appointments at " + contact.name,
                          entries, seconds(now));
}

nlohmann::json feed_json(const store::CalendarFeed& f) {
  return {{"id", f.id},
          {"kind", store::feed_kind_name(f.kind)},
          {"patient_id", f.patient_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.patient_id)},
          {"created_by", f.created_by},
          {"created_at", store::iso_time(f.created_at_ms)},
          {"revoked", f.revoked_at_ms != 0}};
}

}  // namespace

void add_calendar_feed_api(Router& r) {
  // A feed's URL, shown once: the token is its only key.
  r.post("/api/calendar-feeds", Permission::manage_appointments, [](Call& call) {
    JsonBody body = call.body();
    const std::optional<store::FeedKind> kind = store::parse_feed_kind(body.text("kind"));
    const std::string patient_id = body.optional_text("patient_id");
    body.no_other_fields();
    if (!kind) throw ApiError(400, "bad_request", "kind: must be clinic or patient", "kind");
    if ((*kind == store::FeedKind::patient) == patient_id.empty())
      throw ApiError(400, "bad_request", "patient_id: a patient feed names its patient, the clinic's none", "patient_id");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!patient_id.empty() && !store::find_patient(c, patient_id))
        throw ApiError(400, "bad_request", "patient_id: no patient " + patient_id, "patient_id");
      const store::NewFeed f = store::create_calendar_feed(c, *kind, patient_id, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "calendar_feed", f.feed.id));
      return Reply(201, {{"feed", feed_json(f.feed)}, {"path", "/feeds/" + f.token + ".ics"}});
    });
  });

  r.get("/api/calendar-feeds", Permission::manage_appointments, [](Call& call) {
    return call.db.transaction(store::Access::read, [&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::CalendarFeed& f : store::calendar_feeds(c)) list.push_back(feed_json(f));
      return Reply(200, {{"feeds", list}});
    });
  });

  r.post(R"(/api/calendar-feeds/(D-[0-9A-F]{10})/revocation)", Permission::manage_appointments, [](Call& call) {
    call.body().no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::revoke_calendar_feed(c, call.path_part(1)))
        throw ApiError(404, "not_found", "no calendar feed " + call.path_part(1), "id");
      store::append_audit(c, call.audit(AuditAction::update, "calendar_feed", call.path_part(1)));
      return Reply(204);
    });
  });

  // The feed itself: no session (a calendar app has none), the token is the key; each read
  // audited with the feed's id.
  r.get(R"(/feeds/([0-9a-f]{64})\.ics)", Public{}, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::optional<store::CalendarFeed> f = store::feed_of_token(c, call.path_part(1));
      if (!f) throw ApiError(404, "not_found", "no such calendar feed (it may have been revoked)", "token");
      const long long now = store::now_unix_ms();
      Reply reply(200);
      reply.content_type = "text/calendar; charset=utf-8";
      reply.bytes = f->kind == store::FeedKind::clinic ? clinic_feed(c, now) : patient_feed(c, f->patient_id, now);
      reply.headers.emplace("Cache-Control", "private, no-store");
      store::AuditEvent e = call.audit(AuditAction::read, "calendar_feed", f->id);
      e.role = "calendar feed";
      call.audit_read(e);
      return reply;
    });
  });
}

}  // namespace smp::server
