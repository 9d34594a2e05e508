// Consultations: a patient's visit with its case (the case file's fields as JSON text,
// checked by the layer above), every edit a new version with its author and time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

struct CaseVersion {
  long long version = 0;
  std::string case_json;
  std::string author_id;
  long long at_ms = 0;
};

struct Consultation {
  std::string id, patient_id;
  long long opened_at_ms = 0;
  std::string opened_by;
  CaseVersion current;
};

Consultation open_consultation(Connection& c, const std::string& patient_id, const std::string& case_json,
                               const User& by);

std::optional<Consultation> find_consultation(Connection& c, const std::string& id);

// A patient's consultations, newest first.
std::vector<Consultation> consultations_of(Connection& c, const std::string& patient_id);

// A new version if the case is still at `base_version`; StoreError(conflict, "version")
// if another edit came first.
CaseVersion save_case(Connection& c, const std::string& consultation_id, const std::string& case_json,
                      long long base_version, const User& by);

// Every version, oldest first.
std::vector<CaseVersion> case_history(Connection& c, const std::string& consultation_id);

}  // namespace smp::store
