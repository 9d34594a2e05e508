#include "smp/store/consultations.h"

#include <algorithm>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.patient_id, c.opened_at_ms, c.opened_by, v.version, v.case_json, v.author, v.at_ms "
    "FROM consultations c JOIN case_versions v ON v.consultation_id = c.id AND v.version = c.case_version";

Consultation consultation_of(const Row& r) {
  return {r.text(0), r.text(1), r.integer(2), r.text(3), {r.integer(4), r.text(5), r.text(6), r.integer(7)}};
}

}  // namespace

Consultation open_consultation(Connection& c, const std::string& patient_id, const std::string& case_json,
                               const User& by) {
  const std::string id = new_record_id("C-", 5);
  const long long now = now_unix_ms();
  c.query("INSERT INTO consultations (id, patient_id, opened_at_ms, opened_by, case_version) VALUES (?, ?, ?, ?, 1)",
          {id, patient_id, std::int64_t{now}, by.id});
  c.query("INSERT INTO case_versions (consultation_id, version, case_json, author, at_ms) VALUES (?, 1, ?, ?, ?)",
          {id, case_json, by.id, std::int64_t{now}});
  return {id, patient_id, now, by.id, {1, case_json, by.id, now}};
}

std::optional<Consultation> find_consultation(Connection& c, const std::string& id) {
  const Rows rows = c.query(std::string(kSelect) + " WHERE c.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return consultation_of(rows[0]);
}

std::vector<Consultation> consultations_of(Connection& c, const std::string& patient_id) {
  std::vector<Consultation> out;
  for (const Row& r : c.query(std::string(kSelect) + " WHERE c.patient_id = ? ORDER BY c.opened_at_ms DESC, c.id",
                              {patient_id}))
    out.push_back(consultation_of(r));
  return out;
}

CaseVersion save_case(Connection& c, const std::string& consultation_id, const std::string& case_json,
                      long long base_version, const User& by) {
  // The row lock of this update orders two concurrent edits (PostgreSQL); SQLite's write
  // transaction already does.
  const Rows moved = c.query(
      "UPDATE consultations SET case_version = case_version + 1 WHERE id = ? AND case_version = ? "
      "RETURNING case_version",
      {consultation_id, std::int64_t{base_version}});
  if (moved.empty()) {
    const std::optional<Consultation> now = find_consultation(c, consultation_id);
    if (!now) throw StoreError(StoreError::Kind::other, "no consultation " + consultation_id);
    throw StoreError(StoreError::Kind::conflict,
                     fmt::format("the case is at version {}, not {}: someone saved it since; reload and edit again",
                                 now->current.version, base_version),
                     "version");
  }
  const CaseVersion v{moved[0].integer(0), case_json, by.id, now_unix_ms()};
  c.query("INSERT INTO case_versions (consultation_id, version, case_json, author, at_ms) VALUES (?, ?, ?, ?, ?)",
          {consultation_id, std::int64_t{v.version}, case_json, by.id, std::int64_t{v.at_ms}});
  return v;
}

std::vector<CaseVersion> case_history(Connection& c, const std::string& consultation_id) {
  std::vector<CaseVersion> out;
  for (const Row& r : c.query("SELECT version, case_json, author, at_ms FROM case_versions WHERE consultation_id = ? "
                              "ORDER BY version",
                              {consultation_id}))
    out.push_back({r.integer(0), r.text(1), r.text(2), r.integer(3)});
  return out;
}

}  // namespace smp::store
