#include <fmt/format.h>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/appointments.h"
#include "smp/store/clock.h"
#include "smp/store/patients.h"
#include "smp/store/session_logs.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kLogPath = R"(/api/session-logs/(S-[0-9A-F]{10}))";

std::string text_in(const nlohmann::json& o, const std::string& key, const std::string& field, std::size_t max = 200) {
  if (!o.is_object() || !o.contains(key) || !o[key].is_string() || o[key].get<std::string>().empty())
    throw bad_request(field + "." + key, "is required (text)");
  if (o[key].get<std::string>().size() > max) throw bad_request(field + "." + key, fmt::format("at most {} characters", max));
  return o[key];
}

// The record as the technician gives it, checked field by field; the pigments apart (the
// recall index). A pigment past its expiry on the session's day is refused.
struct Record {
  nlohmann::json json;
  std::vector<store::PigmentUse> pigments;
  long long started_at_ms = 0, ended_at_ms = 0;
};

Record record_of(JsonBody& body) {
  Record r;
  r.started_at_ms = body.time("started_at");
  r.ended_at_ms = body.time("ended_at");
  const nlohmann::json areas = body.array("areas");
  for (std::size_t i = 0; i < areas.size(); ++i)
    if (!areas[i].is_string() || areas[i].get<std::string>().empty())
      throw bad_request(fmt::format("areas[{}]", i + 1), "must be a region's name");
  if (areas.empty()) throw bad_request("areas", "name at least one area worked");
  nlohmann::json needles = nlohmann::json::array();
  const nlohmann::json given_needles = body.array("needles");
  for (std::size_t i = 0; i < given_needles.size(); ++i) {
    const std::string f = fmt::format("needles[{}]", i + 1);
    needles.push_back({{"type", text_in(given_needles[i], "type", f)}, {"lot", text_in(given_needles[i], "lot", f)}});
  }
  if (needles.empty()) throw bad_request("needles", "name the needles used (type and lot)");
  const nlohmann::json given_pigments = body.array("pigments");
  const std::string session_day = store::iso_date_of(r.started_at_ms);
  for (std::size_t i = 0; i < given_pigments.size(); ++i) {
    const std::string f = fmt::format("pigments[{}]", i + 1);
    store::PigmentUse p{text_in(given_pigments[i], "brand", f), text_in(given_pigments[i], "lot", f),
                        text_in(given_pigments[i], "shade", f), text_in(given_pigments[i], "expiry", f)};
    if (!store::parse_date(p.expiry)) throw bad_request(f + ".expiry", "must be a date YYYY-MM-DD");
    if (p.expiry < session_day) throw bad_request(f + ".expiry", "the pigment expired on " + p.expiry + ", before the session");
    r.pigments.push_back(p);
  }
  if (r.pigments.empty()) throw bad_request("pigments", "name the pigments used (brand, shade, lot, expiry)");
  r.json = {{"areas", areas},
            {"needles", needles},
            {"dilution_percent", body.number("dilution_percent", 0, 100)},
            {"depth_setting", body.text("depth_setting")},
            {"sedation", body.boolean("sedation")},
            {"impressions_estimated", body.integer("impressions_estimated")},
            {"reactions", body.optional_text("reactions")},
            {"notes", body.optional_text("notes")}};
  if (r.json["impressions_estimated"].get<long long>() < 0 || r.json["impressions_estimated"].get<long long>() > 200000)
    throw bad_request("impressions_estimated", "must be 0 to 200000");
  return r;
}

nlohmann::json log_json(const store::SessionLog& s) {
  nlohmann::json pigments = nlohmann::json::array();
  for (const store::PigmentUse& p : s.pigments)
    pigments.push_back({{"brand", p.brand}, {"shade", p.shade}, {"lot", p.lot}, {"expiry", p.expiry}});
  nlohmann::json addenda = nlohmann::json::array();
  for (const store::Addendum& a : s.addenda)
    addenda.push_back({{"seq", a.seq}, {"text", a.text}, {"author_id", a.author_id}, {"at", store::iso_time(a.at_ms)}});
  nlohmann::json j = nlohmann::json::parse(s.record_json);
  j.update({{"id", s.id},
            {"patient_id", s.patient_id},
            {"consultation_id", s.consultation_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.consultation_id)},
            {"appointment_id", s.appointment_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.appointment_id)},
            {"session_number", s.session_number},
            {"technician_id", s.technician_id},
            {"started_at", store::iso_time(s.started_at_ms)},
            {"ended_at", store::iso_time(s.ended_at_ms)},
            {"pigments", pigments},
            {"version", s.version},
            {"written_at", store::iso_time(s.created_at_ms)},
            {"locked", s.locked(store::now_unix_ms())},
            {"addenda", addenda}});
  return j;
}

store::SessionLog existing(Connection& c, const std::string& id) {
  std::optional<store::SessionLog> s = store::find_session_log(c, id);
  if (!s) throw ApiError(404, "not_found", "no session log " + id, "id");
  return *s;
}

}  // namespace

void add_session_log_api(Router& r) {
  r.post("/api/session-logs", Permission::record_sessions, [](Call& call) {
    JsonBody body = call.body();
    store::SessionLog s;
    s.patient_id = body.text("patient_id");
    s.consultation_id = body.optional_text("consultation_id");
    s.appointment_id = body.optional_text("appointment_id");
    s.session_number = static_cast<int>(body.integer("session_number"));
    const Record record = record_of(body);
    body.no_other_fields();
    if (s.session_number < 1 || s.session_number > 12) throw bad_request("session_number", "must be 1 to 12");
    s.started_at_ms = record.started_at_ms;
    s.ended_at_ms = record.ended_at_ms;
    s.record_json = record.json.dump();
    s.pigments = record.pigments;
    s.technician_id = call.user().id;
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::find_patient(c, s.patient_id)) throw bad_request("patient_id", "no patient " + s.patient_id);
      if (!s.appointment_id.empty()) {
        const std::optional<store::Appointment> a = store::find_appointment(c, s.appointment_id);
        if (!a || a->patient_id != s.patient_id) throw bad_request("appointment_id", "not an appointment of this patient");
        store::set_appointment_state(c, a->id, store::AppointmentState::done);
      }
      const store::SessionLog added = store::add_session_log(c, s, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "session_log", added.id));
      return Reply(201, {{"session_log", log_json(added)}});
    });
  });

  r.get(kLogPath, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::SessionLog s = existing(c, call.path_part(1));
      call.audit_read(AuditAction::read, "session_log", s.id);
      return Reply(200, {{"session_log", log_json(s)}});
    });
  });

  r.put(kLogPath, Permission::record_sessions, [](Call& call) {
    JsonBody body = call.body();
    const long long version = body.integer("version");
    const Record record = record_of(body);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing(c, call.path_part(1));
      const store::SessionLog s = store::update_session_log(c, call.path_part(1), record.json.dump(), record.pigments,
                                                            record.started_at_ms, record.ended_at_ms, version);
      store::append_audit(c, call.audit(AuditAction::update, "session_log", s.id));
      return Reply(200, {{"session_log", log_json(s)}});
    });
  });

  r.post(std::string(kLogPath) + "/addenda", Permission::record_sessions, [](Call& call) {
    JsonBody body = call.body();
    const std::string text = body.text("text");
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing(c, call.path_part(1));
      store::add_addendum(c, call.path_part(1), text, call.user());
      store::append_audit(c, call.audit(AuditAction::update, "session_log", call.path_part(1)));
      return Reply(201, {{"session_log", log_json(existing(c, call.path_part(1)))}});
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/session-logs)", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::SessionLog& s : store::session_logs_of(c, call.path_part(1))) list.push_back(log_json(s));
      call.audit_read(AuditAction::read, "session_logs", call.path_part(1));
      return Reply(200, {{"session_logs", list}});
    });
  });

  // A recall: every session that used the lot, by date.
  r.get(R"(/api/pigment-lots/([^/]{1,200})/sessions)", Permission::trace_pigment_lots, [](Call& call) {
    const std::string lot = call.path_part(1);
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::LotUse& u : store::sessions_with_lot(c, lot))
        list.push_back({{"patient_id", u.patient_id},
                        {"session_log_id", u.session_log_id},
                        {"started_at", store::iso_time(u.started_at_ms)},
                        {"brand", u.pigment.brand},
                        {"shade", u.pigment.shade},
                        {"expiry", u.pigment.expiry}});
      call.audit_read(AuditAction::search, "pigment_lot", "");
      return Reply(200, {{"lot", lot}, {"sessions", list}});
    });
  });
}

}  // namespace smp::server
