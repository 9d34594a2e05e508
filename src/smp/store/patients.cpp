#include "smp/store/patients.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr std::size_t kMaxNameLength = 200, kMaxPhoneLength = 40, kMaxEmailLength = 254;
constexpr int kOldestAgeYears = 120;
constexpr long long kMaxPageSize = 200;

// Lower-case ASCII letters, the rest as is: the same folding for stored names and queries.
std::string fold(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

bool has_control_character(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; });
}

// LIKE's wildcards in a query are matched as themselves.
std::string like_pattern(const std::string& text) {
  std::string p = "%";
  for (char ch : fold(text)) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
}

std::chrono::year_month_day birth_date_of(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw FieldError("birth_date", "must be a date YYYY-MM-DD");
  const std::optional<std::chrono::year_month_day> ymd = parse_date(s);
  if (!ymd) throw FieldError("birth_date", "'" + s + "' is not a calendar date");
  return *ymd;
}

Patient patient_of(const Row& r) {
  return {r.text(0), r.integer(1), {r.text(2), r.text(3), r.text(4), r.text(5)}, r.integer(6)};
}

constexpr const char* kSelect =
    "SELECT p.id, p.created_at_ms, i.full_name, i.birth_date, i.phone, i.email, i.version "
    "FROM patients p JOIN patient_identities i ON i.patient_id = p.id";

}  // namespace

void check_identity(const PatientIdentity& p, long long today_unix_ms) {
  if (p.full_name.empty() || p.full_name.size() > kMaxNameLength || has_control_character(p.full_name))
    throw FieldError("full_name", fmt::format("1 to {} characters, no control characters", kMaxNameLength));
  const std::chrono::year_month_day birth = birth_date_of(p.birth_date);
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(today_unix_ms)))};
  if (std::chrono::sys_days(birth) > std::chrono::sys_days(today))
    throw FieldError("birth_date", "'" + p.birth_date + "' is in the future");
  if (birth.year() < today.year() - std::chrono::years(kOldestAgeYears))
    throw FieldError("birth_date", fmt::format("'{}' is more than {} years ago", p.birth_date, kOldestAgeYears));
  if (p.phone.size() > kMaxPhoneLength ||
      !std::all_of(p.phone.begin(), p.phone.end(), [](unsigned char ch) {
        return std::isdigit(ch) || ch == '+' || ch == ' ' || ch == '-' || ch == '(' || ch == ')';
      }))
    throw FieldError("phone", fmt::format("up to {} digits, spaces and + - ( )", kMaxPhoneLength));
  const std::size_t at = p.email.find('@');
  if (!p.email.empty() &&
      (p.email.size() > kMaxEmailLength || at == 0 || at == std::string::npos ||
       at + 1 == p.email.size() || p.email.find('@', at + 1) != std::string::npos ||
       has_control_character(p.email) || p.email.find(' ') != std::string::npos))
    throw FieldError("email", "must be an address like name@example.org");
}

Patient create_patient(Connection& c, const PatientIdentity& identity, const User& by) {
  const long long now = now_unix_ms();
  check_identity(identity, now);
  const std::string id = new_record_id("P-", 5);
  c.query("INSERT INTO patients (id, created_at_ms, created_by) VALUES (?, ?, ?)",
          {id, std::int64_t{now}, by.id});
  c.query(
      "INSERT INTO patient_identities (patient_id, full_name, search_name, birth_date, phone, "
      "email, version, updated_at_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {id, identity.full_name, fold(identity.full_name), identity.birth_date, identity.phone,
       identity.email, std::int64_t{now}, by.id});
  return {id, now, identity, 1};
}

std::optional<Patient> find_patient(Connection& c, const std::string& id) {
  const Rows rows = c.query(std::string(kSelect) + " WHERE p.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return patient_of(rows[0]);
}

Patient update_identity(Connection& c, const std::string& id, const PatientIdentity& identity,
                        long long base_version, const User& by) {
  const long long now = now_unix_ms();
  check_identity(identity, now);
  const Rows updated = c.query(
      "UPDATE patient_identities SET full_name = ?, search_name = ?, birth_date = ?, phone = ?, "
      "email = ?, version = version + 1, updated_at_ms = ?, updated_by = ? WHERE patient_id = ? "
      "AND version = ? RETURNING version",
      {identity.full_name, fold(identity.full_name), identity.birth_date, identity.phone,
       identity.email, std::int64_t{now}, by.id, id, std::int64_t{base_version}});
  if (updated.empty()) {
    const std::optional<Patient> current = find_patient(c, id);
    if (!current) throw FieldError("id", "no patient " + id);
    throw StoreError(StoreError::Kind::conflict,
                     fmt::format("the patient's details are at version {}, not {}: someone "
                                 "changed them; reload and edit again",
                                 current->identity_version, base_version),
                     "version");
  }
  return {id, find_patient(c, id)->created_at_ms, identity, updated[0].integer(0)};
}

PatientPage search_patients(Connection& c, const std::string& text, long long offset,
                            long long limit) {
  if (offset < 0) throw FieldError("offset", "must be 0 or more");
  if (limit < 1 || limit > kMaxPageSize)
    throw FieldError("limit", fmt::format("must be 1 to {}", kMaxPageSize));
  if (text.size() > kMaxNameLength)
    throw FieldError("q", fmt::format("at most {} characters", kMaxNameLength));
  const std::string pattern = like_pattern(text);
  PatientPage page;
  for (const Row& r : c.query(std::string(kSelect) +
                                  " WHERE i.search_name LIKE ? ESCAPE '\\' ORDER BY "
                                  "i.search_name, p.id LIMIT ? OFFSET ?",
                              {pattern, std::int64_t{limit}, std::int64_t{offset}}))
    page.patients.push_back(patient_of(r));
  page.total = c.query("SELECT COUNT(*) FROM patient_identities WHERE search_name LIKE ? ESCAPE '\\'",
                       {pattern})
                   .at(0)
                   .integer(0);
  return page;
}

}  // namespace smp::store
