// Patients: the clinical record knows a pseudonymous id ("P-3F9A1C7B2E"); who the patient
// is (name, date of birth, contact) lives in its own table, read only where a role may
// (server/access_policy.h) and never carried into exports, logs or the gallery.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/field_error.h"
#include "smp/store/users.h"

namespace smp::store {

struct PatientIdentity {
  std::string full_name;
  std::string birth_date;  // YYYY-MM-DD
  std::string phone, email;
};

struct Patient {
  std::string id;
  long long created_at_ms = 0;
  PatientIdentity identity;
  long long identity_version = 0;  // an edit names the version it was made from
};

// Checks the fields (FieldError naming "full_name", "birth_date", "phone" or "email").
void check_identity(const PatientIdentity& identity, long long today_unix_ms);

Patient create_patient(Connection& c, const PatientIdentity& identity, const User& by);

std::optional<Patient> find_patient(Connection& c, const std::string& id);

// Replaces the identity if it is still at `base_version`; StoreError(conflict, field
// "version") if someone changed it since.
Patient update_identity(Connection& c, const std::string& id, const PatientIdentity& identity,
                        long long base_version, const User& by);

struct PatientPage {
  std::vector<Patient> patients;  // by name, then id
  long long total = 0;            // matches in all pages
};

// Patients whose name contains `text` (case-insensitive; empty: all), a page at a time.
PatientPage search_patients(Connection& c, const std::string& text, long long offset,
                            long long limit);

}  // namespace smp::store
