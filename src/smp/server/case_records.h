// Cases as the server keeps them: the case file's JSON, checked as `smp design` checks a
// file, with the patient's pseudonym as its [patient] id and no paths to files on some
// disk (the server keeps the price book, photos and masks as records); and `smp import`,
// which turns a case file into a patient with a consultation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "smp/store/consultations.h"
#include "smp/store/patients.h"

namespace smp::server {

// The case to store (patient.id set to `patient_id`); ApiError 400 naming "case.<field>".
nlohmann::json checked_case(nlohmann::json case_json, const std::string& patient_id);

struct ImportedCase {
  store::Patient patient;
  store::Consultation consultation;
  std::vector<std::string> notes;  // what became of the file's references
};

// A case file as a new patient (identity given) with one consultation opened by `by`;
// its price book, if it names one, becomes the clinic's when the clinic has none.
// InputError for the file, FieldError for the identity, one transaction.
ImportedCase import_case_file(store::Database& db, const std::filesystem::path& file,
                              const store::PatientIdentity& identity, const store::User& by,
                              const std::string& address);

}  // namespace smp::server
