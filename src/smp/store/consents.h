// Consents: the clinic's versioned templates and what each patient signed, with a typed
// name and a drawn signature, when, from which address and browser, and the SHA-256 of
// the whole (the template's text included), so a consent is provable years later. A
// signed consent never changes; a withdrawal is a new record that ends its grant at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

enum class ConsentKind { treatment, photos_record, photos_gallery, marketing };
std::string_view consent_kind_name(ConsentKind k);
std::optional<ConsentKind> parse_consent_kind(std::string_view s);

enum class ConsentDecision { granted, withdrawn };
std::string_view consent_decision_name(ConsentDecision d);

struct ConsentTemplate {
  std::string id;  // "T-<kind>-<version>"
  ConsentKind kind = ConsentKind::treatment;
  int version = 1;
  std::string title, body, created_by;
  long long created_at_ms = 0;
};

// Every version, by kind then version.
std::vector<ConsentTemplate> consent_templates(Connection& c);
std::optional<ConsentTemplate> find_consent_template(Connection& c, const std::string& id);
// The next version of the kind's text.
ConsentTemplate add_consent_template(Connection& c, ConsentKind kind, const std::string& title,
                                     const std::string& body, const User& by);

struct Consent {
  std::string id, patient_id, template_id;
  ConsentKind kind = ConsentKind::treatment;
  ConsentDecision decision = ConsentDecision::granted;
  std::string withdraws;  // a withdrawal: the grant it ends
  std::string typed_name, signature_json, note;
  long long signed_at_ms = 0;
  std::string client_address, user_agent, recorded_by;
  std::string content_sha256;
  std::string withdrawn_by;  // a grant: the withdrawal that ended it ("" while in force)
};

// The SHA-256 of what was signed: the template's title and text and every field of the
// record but its id (recomputed on a read, it proves nothing was changed).
std::string consent_content_sha256(const Consent& k, const ConsentTemplate& t);

// A grant of `k.template_id` (id, kind, time and hash set here).
Consent sign_consent(Connection& c, Consent k, const User& by);
// A withdrawal of grant `grant_id`: StoreError(conflict, "id") if it is already withdrawn
// or is itself a withdrawal.
Consent withdraw_consent(Connection& c, const std::string& grant_id, Consent withdrawal, const User& by);

std::optional<Consent> find_consent(Connection& c, const std::string& id);
// A patient's consents and withdrawals, oldest first.
std::vector<Consent> consents_of(Connection& c, const std::string& patient_id);
// Whether the patient holds a grant of the kind that no withdrawal has ended.
bool has_consent(Connection& c, const std::string& patient_id, ConsentKind kind);

}  // namespace smp::store
