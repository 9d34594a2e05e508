#include "smp/store/patient_links.h"

#include <charconv>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, patient_id, consultation_id, job_id, expires_at_ms, created_by, created_at_ms, revoked_at_ms "
    "FROM patient_links";

PatientLink link_of(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.text(5), r.integer(6), r.integer(7)};
}

std::optional<PatientLink> find(Connection& c, const std::string& id) {
  const Rows rows = c.query(std::string(kColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return link_of(rows[0]);
}

}  // namespace

NewPatientLink create_patient_link(Connection& c, const BlobCipher& signer, PatientLink l, int valid_days,
                                   const User& by) {
  if (valid_days < 1 || valid_days > kMaxPatientLinkDays)
    throw FieldError("valid_days", fmt::format("must be 1 to {}", kMaxPatientLinkDays));
  l.id = new_record_id("L-", 8);
  l.created_by = by.id;
  l.created_at_ms = now_unix_ms();
  // Whole seconds: the expiry is in the signed text.
  l.expires_at_ms = (l.created_at_ms / 1000 + valid_days * 86400LL) * 1000;
  c.query("INSERT INTO patient_links (id, patient_id, consultation_id, job_id, expires_at_ms, created_by, "
          "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {l.id, l.patient_id, l.consultation_id, l.job_id, std::int64_t{l.expires_at_ms}, l.created_by,
           std::int64_t{l.created_at_ms}});
  const std::string signed_part = fmt::format("{}.{}", l.id, l.expires_at_ms / 1000);
  return {l, signed_part + "." + signer.sign(signed_part)};
}

LinkLookup look_up_patient_link(Connection& c, const BlobCipher& signer, const std::string& token, long long now_ms) {
  const std::size_t dot = token.rfind('.');
  if (dot == std::string::npos || token.size() > 200) return {};
  const std::string signed_part = token.substr(0, dot);
  if (!signer.signed_by_us(signed_part, token.substr(dot + 1))) return {};
  const std::size_t first = signed_part.find('.');
  long long expires_s = 0;
  const char* end = signed_part.data() + signed_part.size();
  if (first == std::string::npos || std::from_chars(signed_part.data() + first + 1, end, expires_s).ptr != end) return {};
  if (now_ms >= expires_s * 1000) return {LinkCheck::expired, std::nullopt};
  std::optional<PatientLink> l = find(c, signed_part.substr(0, first));
  if (!l) return {};
  if (l->revoked_at_ms) return {LinkCheck::revoked, std::nullopt};
  return {LinkCheck::valid, l};
}

std::vector<PatientLink> patient_links_of(Connection& c, const std::string& patient_id) {
  std::vector<PatientLink> out;
  for (const Row& r : c.query(std::string(kColumns) + " WHERE patient_id = ? ORDER BY created_at_ms", {patient_id}))
    out.push_back(link_of(r));
  return out;
}

bool revoke_patient_link(Connection& c, const std::string& id) {
  if (!find(c, id)) return false;
  if (c.query("UPDATE patient_links SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms = 0 RETURNING id",
              {std::int64_t{now_unix_ms()}, id})
          .empty())
    throw StoreError(StoreError::Kind::conflict, "the link was revoked already", "id");
  return true;
}

}  // namespace smp::store
