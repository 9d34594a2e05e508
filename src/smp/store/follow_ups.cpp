#include "smp/store/follow_ups.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kColumns =
    "id, patient_id, COALESCE(consultation_id, ''), symptom, days_since_session, days_lasting, urgency, reason, note, "
    "reported_by, reported_at_ms, acknowledged_by, acknowledged_at_ms";

FollowUp follow_up_of(const Row& r) {
  return {r.text(0),  r.text(1),          r.text(2),
          r.text(3),  static_cast<int>(r.integer(4)), static_cast<int>(r.integer(5)),
          r.text(6),  r.text(7),          r.text(8),
          r.text(9),  r.integer(10),      r.text(11),
          r.integer(12)};
}

std::vector<FollowUp> all(Connection& c, const std::string& where, const std::vector<SqlValue>& params) {
  std::vector<FollowUp> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM follow_ups WHERE {} ORDER BY reported_at_ms, id", kColumns, where),
                              params))
    out.push_back(follow_up_of(r));
  return out;
}

}  // namespace

FollowUp add_follow_up(Connection& c, FollowUp f, const std::string& reported_by) {
  if (f.note.size() > 10000) throw FieldError("note", "at most 10000 characters");
  f.id = new_record_id("F-", 5);
  f.reported_by = reported_by;
  f.reported_at_ms = now_unix_ms();
  c.query("INSERT INTO follow_ups (id, patient_id, consultation_id, symptom, days_since_session, days_lasting, urgency, "
          "reason, note, reported_by, reported_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {f.id, f.patient_id, f.consultation_id.empty() ? SqlValue{} : SqlValue{f.consultation_id}, f.symptom,
           std::int64_t{f.days_since_session}, std::int64_t{f.days_lasting}, f.urgency, f.reason, f.note, f.reported_by,
           std::int64_t{f.reported_at_ms}});
  return f;
}

std::optional<FollowUp> find_follow_up(Connection& c, const std::string& id) {
  std::vector<FollowUp> found = all(c, "id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<FollowUp> follow_ups_of(Connection& c, const std::string& patient_id) {
  return all(c, "patient_id = ?", {patient_id});
}

std::vector<FollowUp> open_red_flags(Connection& c) {
  return all(c, "urgency = 'contact_clinic_now' AND acknowledged_at_ms = 0", {});
}

FollowUp acknowledge_red_flag(Connection& c, const std::string& id, const User& doctor) {
  std::optional<FollowUp> f = find_follow_up(c, id);
  if (!f) throw FieldError("id", "no follow-up " + id);
  if (f->urgency != "contact_clinic_now") throw FieldError("id", "the follow-up is not a red flag (" + f->urgency + ")");
  const long long now = now_unix_ms();
  if (c.query("UPDATE follow_ups SET acknowledged_by = ?, acknowledged_at_ms = ? WHERE id = ? AND acknowledged_at_ms = 0 "
              "RETURNING id",
              {doctor.id, std::int64_t{now}, id})
          .empty())
    throw StoreError(StoreError::Kind::conflict, "the red flag was acknowledged already", "acknowledged");
  f->acknowledged_by = doctor.id;
  f->acknowledged_at_ms = now;
  return *f;
}

}  // namespace smp::store
