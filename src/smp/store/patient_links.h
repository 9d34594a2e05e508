// Patient links: a read-only link the clinic sends a patient, to the report and the
// aftercare calendar of one plan and the "contact the clinic" symptom form. The link
// carries its id and expiry signed with the clinic's key (a forged or altered link is
// refused before the database is asked); the row lets the clinic revoke it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/blob_cipher.h"
#include "smp/store/users.h"

namespace smp::store {

inline constexpr int kMaxPatientLinkDays = 90;

struct PatientLink {
  std::string id, patient_id, consultation_id, job_id;
  long long expires_at_ms = 0;
  std::string created_by;
  long long created_at_ms = 0, revoked_at_ms = 0;
};

struct NewPatientLink {
  PatientLink link;
  std::string token;  // "<id>.<expiry, Unix seconds>.<signature>": the URL's last part
};
NewPatientLink create_patient_link(Connection& c, const BlobCipher& signer, PatientLink l, int valid_days,
                                   const User& by);

enum class LinkCheck { valid, forged, expired, revoked };
struct LinkLookup {
  LinkCheck check = LinkCheck::forged;
  std::optional<PatientLink> link;  // when valid
};
LinkLookup look_up_patient_link(Connection& c, const BlobCipher& signer, const std::string& token, long long now_ms);
std::vector<PatientLink> patient_links_of(Connection& c, const std::string& patient_id);
// False if there is no such patient link; StoreError(conflict, "id") if it was revoked already.
bool revoke_patient_link(Connection& c, const std::string& id);

}  // namespace smp::store
