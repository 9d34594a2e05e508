// The API's routes, one group per file (docs/openapi.yaml describes every one).
#pragma once

#include "smp/server/router.h"
#include "smp/store/blob_cipher.h"
#include "smp/store/consultations.h"
#include "smp/store/patients.h"
#include "smp/store/photos.h"

namespace smp::server {

struct ApiSettings {
  bool secure_cookies = false;  // under TLS: the session cookie is Secure
};

void add_auth_api(Router& r, const ApiSettings& settings);  // health, login, logout, me
void add_user_api(Router& r);                               // staff accounts (admin)
void add_patient_api(Router& r);                            // patients and their details
void add_consultation_api(Router& r);                       // consultations and their cases
void add_audit_api(Router& r);                              // the audit log (admin)
void add_appointment_api(Router& r);                        // rooms and the calendar
void add_session_log_api(Router& r);                        // session logs, addenda, lot recalls
void add_follow_up_api(Router& r);                          // symptoms triaged, red flags

// What the job routes need besides the database.
struct JobServices {
  const store::BlobCipher& cipher;      // opens the stored files
  std::function<void()> wake;           // a job was queued: wake a worker
};
void add_job_api(Router& r, JobServices services);  // jobs, their progress and files

void add_consent_api(Router& r);                            // consent templates, signatures, withdrawals
void add_billing_api(Router& r, const store::BlobCipher& cipher);  // quotes, payments, invoices
void add_recall_api(Router& r);                             // the touch-up recall list
void add_calendar_feed_api(Router& r);                      // ICS feeds behind secret URLs
void add_clinic_contact_api(Router& r);                     // how patients reach the clinic
void add_price_book_api(Router& r);                         // the clinic's price book (TOML)
void add_holiday_api(Router& r);                            // the days the clinic is closed
void add_patient_link_api(Router& r, const store::BlobCipher& signer);  // the patient's link
void add_gallery_api(Router& r, const store::BlobCipher& cipher);  // consented before/after pairs
void add_photo_api(Router& r, const store::BlobCipher& cipher);  // photos, landmarks, poses
void add_photo_analysis_api(Router& r, const store::BlobCipher& cipher);  // tone and coverage from the photos
class LiveDesigns;
void add_live_design_api(Router& r, LiveDesigns& designs);  // the hairline editor's design and edits
void add_session_move_api(Router& r, const store::BlobCipher& cipher);  // a plan's session moved on the calendar

nlohmann::json user_json(const store::User& u);
// The patient, or ApiError 404 naming "id".
store::Patient existing_patient(store::Connection& c, const std::string& id);
// The consultation, or ApiError 404 naming "id".
store::Consultation existing_consultation(store::Connection& c, const std::string& id);
nlohmann::json photo_record_json(const store::Photo& p);

}  // namespace smp::server
