#include "smp/store/session_logs.h"

#include <map>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kColumns =
    "id, patient_id, COALESCE(consultation_id, ''), COALESCE(appointment_id, ''), session_number, technician_id, "
    "started_at_ms, ended_at_ms, record_json, version, created_at_ms";

// The logs chosen by `where` (on session_logs, with `params`), each with its pigments and
// addenda: three queries however many logs (not two more per log).
std::vector<SessionLog> logs_where(Connection& c, const std::string& where, const std::vector<SqlValue>& params) {
  std::vector<SessionLog> out;
  std::map<std::string, std::size_t> at;
  for (const Row& r :
       c.query(fmt::format("SELECT {} FROM session_logs WHERE {} ORDER BY started_at_ms, id", kColumns, where), params)) {
    SessionLog s;
    s.id = r.text(0);
    s.patient_id = r.text(1);
    s.consultation_id = r.text(2);
    s.appointment_id = r.text(3);
    s.session_number = static_cast<int>(r.integer(4));
    s.technician_id = r.text(5);
    s.started_at_ms = r.integer(6);
    s.ended_at_ms = r.integer(7);
    s.record_json = r.text(8);
    s.version = r.integer(9);
    s.created_at_ms = r.integer(10);
    at[s.id] = out.size();
    out.push_back(std::move(s));
  }
  if (out.empty()) return out;
  const std::string of = fmt::format("session_log_id IN (SELECT id FROM session_logs WHERE {})", where);
  for (const Row& p : c.query(
           fmt::format("SELECT session_log_id, brand, lot, shade, expiry FROM pigment_uses WHERE {} ORDER BY lot", of),
           params))
    out[at.at(p.text(0))].pigments.push_back({p.text(1), p.text(2), p.text(3), p.text(4)});
  for (const Row& a : c.query(fmt::format("SELECT session_log_id, seq, text, author, at_ms FROM session_log_addenda "
                                          "WHERE {} ORDER BY seq",
                                          of),
                              params))
    out[at.at(a.text(0))].addenda.push_back({static_cast<int>(a.integer(1)), a.text(2), a.text(3), a.integer(4)});
  return out;
}

void put_pigments(Connection& c, const std::string& id, const std::vector<PigmentUse>& pigments) {
  c.query("DELETE FROM pigment_uses WHERE session_log_id = ?", {id});
  for (const PigmentUse& p : pigments)
    c.query("INSERT INTO pigment_uses (session_log_id, brand, lot, shade, expiry) VALUES (?, ?, ?, ?, ?)",
            {id, p.brand, p.lot, p.shade, p.expiry});
}

void check_times(long long started, long long ended) {
  if (ended <= started) throw FieldError("ended_at", "must be after started_at");
  if (ended - started > 12LL * 3600 * 1000) throw FieldError("ended_at", "at most 12 hours after started_at");
}

}  // namespace

SessionLog add_session_log(Connection& c, SessionLog s, const User& by) {
  check_times(s.started_at_ms, s.ended_at_ms);
  s.id = new_record_id("S-", 5);
  s.version = 1;
  s.created_at_ms = now_unix_ms();
  c.query("INSERT INTO session_logs (id, patient_id, consultation_id, appointment_id, session_number, technician_id, "
          "started_at_ms, ended_at_ms, record_json, version, created_by, created_at_ms, updated_at_ms) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
          {s.id, s.patient_id, s.consultation_id.empty() ? SqlValue{} : SqlValue{s.consultation_id},
           s.appointment_id.empty() ? SqlValue{} : SqlValue{s.appointment_id}, std::int64_t{s.session_number},
           s.technician_id, std::int64_t{s.started_at_ms}, std::int64_t{s.ended_at_ms}, s.record_json, by.id,
           std::int64_t{s.created_at_ms}, std::int64_t{s.created_at_ms}});
  put_pigments(c, s.id, s.pigments);
  return s;
}

std::optional<SessionLog> find_session_log(Connection& c, const std::string& id) {
  std::vector<SessionLog> found = logs_where(c, "id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<SessionLog> session_logs_of(Connection& c, const std::string& patient_id) {
  return logs_where(c, "patient_id = ?", {patient_id});
}

SessionLog update_session_log(Connection& c, const std::string& id, const std::string& record_json,
                              const std::vector<PigmentUse>& pigments, long long started_at_ms,
                              long long ended_at_ms, long long base_version) {
  check_times(started_at_ms, ended_at_ms);
  std::optional<SessionLog> s = find_session_log(c, id);
  if (!s) throw FieldError("id", "no session log " + id);
  const long long now = now_unix_ms();
  if (s->locked(now))
    throw StoreError(StoreError::Kind::conflict,
                     "the session log was written more than 24 hours ago and is locked: add an addendum", "locked");
  if (c.query("UPDATE session_logs SET record_json = ?, started_at_ms = ?, ended_at_ms = ?, version = version + 1, "
              "updated_at_ms = ? WHERE id = ? AND version = ? RETURNING version",
              {record_json, std::int64_t{started_at_ms}, std::int64_t{ended_at_ms}, std::int64_t{now}, id,
               std::int64_t{base_version}})
          .empty())
    throw StoreError(StoreError::Kind::conflict,
                     fmt::format("the session log is at version {}, not {}: reload and edit again", s->version,
                                 base_version),
                     "version");
  put_pigments(c, id, pigments);
  return *find_session_log(c, id);
}

Addendum add_addendum(Connection& c, const std::string& session_log_id, const std::string& text, const User& by) {
  if (text.empty() || text.size() > 10000) throw FieldError("text", "1 to 10000 characters");
  if (!find_session_log(c, session_log_id)) throw FieldError("id", "no session log " + session_log_id);
  // Numbered in the transaction; the primary key refuses a second writer of the same number.
  const int seq = static_cast<int>(
      c.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM session_log_addenda WHERE session_log_id = ?", {session_log_id})
          .at(0)
          .integer(0));
  const Addendum a{seq, text, by.id, now_unix_ms()};
  c.query("INSERT INTO session_log_addenda (session_log_id, seq, text, author, at_ms) VALUES (?, ?, ?, ?, ?)",
          {session_log_id, std::int64_t{seq}, text, by.id, std::int64_t{a.at_ms}});
  return a;
}

std::vector<LotUse> sessions_with_lot(Connection& c, const std::string& lot) {
  std::vector<LotUse> out;
  for (const Row& r : c.query("SELECT s.patient_id, s.id, s.started_at_ms, u.brand, u.lot, u.shade, u.expiry FROM "
                              "pigment_uses u JOIN session_logs s ON s.id = u.session_log_id WHERE u.lot = ? ORDER BY "
                              "s.started_at_ms, s.id",
                              {lot}))
    out.push_back({r.text(0), r.text(1), r.integer(2), {r.text(3), r.text(4), r.text(5), r.text(6)}});
  return out;
}

}  // namespace smp::store
