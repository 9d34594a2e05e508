#include "smp/store/consents.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr EnumNames<ConsentKind, 4> kKinds{{{{ConsentKind::treatment, "treatment"},
                                             {ConsentKind::photos_record, "photos_record"},
                                             {ConsentKind::photos_gallery, "photos_gallery"},
                                             {ConsentKind::marketing, "marketing"}}}};
constexpr EnumNames<ConsentDecision, 2> kDecisions{
    {{{ConsentDecision::granted, "granted"}, {ConsentDecision::withdrawn, "withdrawn"}}}};

constexpr const char* kTemplateColumns = "id, kind, version, title, body, created_by, created_at_ms";

ConsentTemplate template_of(const Row& r) {
  return {r.text(0), *kKinds.parse(r.text(1)), static_cast<int>(r.integer(2)), r.text(3), r.text(4), r.text(5),
          r.integer(6)};
}

// A grant's withdrawal is found by a self-join, so a list is one query.
constexpr const char* kConsentColumns =
    "k.id, k.patient_id, k.template_id, k.kind, k.decision, COALESCE(k.withdraws, ''), k.typed_name, "
    "k.signature_json, k.note, k.signed_at_ms, k.client_address, k.user_agent, k.recorded_by, k.content_sha256, "
    "COALESCE(w.id, '')";

Consent consent_of(const Row& r) {
  Consent k;
  k.id = r.text(0);
  k.patient_id = r.text(1);
  k.template_id = r.text(2);
  k.kind = *kKinds.parse(r.text(3));
  k.decision = *kDecisions.parse(r.text(4));
  k.withdraws = r.text(5);
  k.typed_name = r.text(6);
  k.signature_json = r.text(7);
  k.note = r.text(8);
  k.signed_at_ms = r.integer(9);
  k.client_address = r.text(10);
  k.user_agent = r.text(11);
  k.recorded_by = r.text(12);
  k.content_sha256 = r.text(13);
  k.withdrawn_by = r.text(14);
  return k;
}

std::vector<Consent> consents_where(Connection& c, const std::string& where, const std::vector<SqlValue>& params) {
  std::vector<Consent> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM consents k LEFT JOIN consents w ON w.withdraws = k.id "
                                          "WHERE {} ORDER BY k.signed_at_ms, k.id",
                                          kConsentColumns, where),
                              params))
    out.push_back(consent_of(r));
  return out;
}

Consent insert(Connection& c, Consent k, const ConsentTemplate& t, const User& by) {
  if (k.typed_name.empty() || k.typed_name.size() > 200) throw FieldError("typed_name", "1 to 200 characters");
  if (k.note.size() > 2000) throw FieldError("note", "at most 2000 characters");
  k.id = new_record_id("K-", 5);
  k.template_id = t.id;
  k.kind = t.kind;
  k.signed_at_ms = now_unix_ms();
  k.recorded_by = by.id;
  k.content_sha256 = consent_content_sha256(k, t);
  c.query("INSERT INTO consents (id, patient_id, template_id, kind, decision, withdraws, typed_name, signature_json, "
          "note, signed_at_ms, client_address, user_agent, recorded_by, content_sha256) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {k.id, k.patient_id, k.template_id, std::string(kKinds.name(k.kind)), std::string(kDecisions.name(k.decision)),
           k.withdraws.empty() ? SqlValue{} : SqlValue{k.withdraws}, k.typed_name, k.signature_json, k.note,
           std::int64_t{k.signed_at_ms}, k.client_address, k.user_agent, k.recorded_by, k.content_sha256});
  return k;
}

}  // namespace

std::string_view consent_kind_name(ConsentKind k) { return kKinds.name(k); }
std::optional<ConsentKind> parse_consent_kind(std::string_view s) { return kKinds.parse(s); }
std::string_view consent_decision_name(ConsentDecision d) { return kDecisions.name(d); }

std::vector<ConsentTemplate> consent_templates(Connection& c) {
  std::vector<ConsentTemplate> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM consent_templates ORDER BY kind, version", kTemplateColumns)))
    out.push_back(template_of(r));
  return out;
}

std::optional<ConsentTemplate> find_consent_template(Connection& c, const std::string& id) {
  const Rows rows = c.query(fmt::format("SELECT {} FROM consent_templates WHERE id = ?", kTemplateColumns), {id});
  if (rows.empty()) return std::nullopt;
  return template_of(rows[0]);
}

ConsentTemplate add_consent_template(Connection& c, ConsentKind kind, const std::string& title,
                                     const std::string& body, const User& by) {
  if (title.empty() || title.size() > 200) throw FieldError("title", "1 to 200 characters");
  if (body.size() < 20 || body.size() > 50000) throw FieldError("body", "20 to 50000 characters");
  const std::string kind_name(kKinds.name(kind));
  const Rows last = c.query("SELECT COALESCE(MAX(version), 0) FROM consent_templates WHERE kind = ?", {kind_name});
  ConsentTemplate t{"", kind, static_cast<int>(last.at(0).integer(0)) + 1, title, body, by.id, now_unix_ms()};
  t.id = fmt::format("T-{}-{}", kind_name, t.version);
  c.query("INSERT INTO consent_templates (id, kind, version, title, body, created_by, created_at_ms) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {t.id, kind_name, std::int64_t{t.version}, t.title, t.body, t.created_by, std::int64_t{t.created_at_ms}});
  return t;
}

std::string consent_content_sha256(const Consent& k, const ConsentTemplate& t) {
  // Length-prefixed fields: no two different records hash the same text.
  std::string all;
  for (const std::string& field :
       {t.id, t.title, t.body, k.patient_id, std::string(kDecisions.name(k.decision)), k.withdraws, k.typed_name,
        k.signature_json, k.note, std::to_string(k.signed_at_ms), k.client_address, k.user_agent, k.recorded_by})
    all += std::to_string(field.size()) + ":" + field + ";";
  return sha256_hex(all);
}

Consent sign_consent(Connection& c, Consent k, const User& by) {
  const std::optional<ConsentTemplate> t = find_consent_template(c, k.template_id);
  if (!t) throw FieldError("template_id", "no consent template " + k.template_id);
  k.decision = ConsentDecision::granted;
  k.withdraws.clear();
  return insert(c, std::move(k), *t, by);
}

Consent withdraw_consent(Connection& c, const std::string& grant_id, Consent withdrawal, const User& by) {
  const std::optional<Consent> grant = find_consent(c, grant_id);
  if (!grant) throw FieldError("id", "no consent " + grant_id);
  if (grant->decision != ConsentDecision::granted)
    throw StoreError(StoreError::Kind::conflict, "this record is a withdrawal, not a consent", "id");
  if (!grant->withdrawn_by.empty())
    throw StoreError(StoreError::Kind::conflict, "the consent was withdrawn already (" + grant->withdrawn_by + ")", "id");
  withdrawal.patient_id = grant->patient_id;
  withdrawal.decision = ConsentDecision::withdrawn;
  withdrawal.withdraws = grant_id;
  // The UNIQUE withdraws column refuses a second withdrawal racing this one.
  return insert(c, std::move(withdrawal), *find_consent_template(c, grant->template_id), by);
}

std::optional<Consent> find_consent(Connection& c, const std::string& id) {
  std::vector<Consent> found = consents_where(c, "k.id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<Consent> consents_of(Connection& c, const std::string& patient_id) {
  return consents_where(c, "k.patient_id = ?", {patient_id});
}

bool has_consent(Connection& c, const std::string& patient_id, ConsentKind kind) {
  return !c.query("SELECT k.id FROM consents k LEFT JOIN consents w ON w.withdraws = k.id "
                  "WHERE k.patient_id = ? AND k.kind = ? AND k.decision = 'granted' AND w.id IS NULL LIMIT 1",
                  {patient_id, std::string(kKinds.name(kind))})
              .empty();
}

}  // namespace smp::store
