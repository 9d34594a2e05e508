// Who may do what: the one table the server checks every request against (docs/roles.md
// is the same table in words; tests/server/access_policy_test.cpp checks every cell).
#pragma once

#include <string_view>

#include "smp/store/role.h"

namespace smp::server {

enum class Permission {
  own_account,          // one's own sign-in, password and profile: every role
  view_patient_names,   // find a patient, read name and date of birth
  view_patient_contact, // phone and e-mail
  edit_patient_details, // register a patient, change name, birth date or contact
  view_clinical_record, // consultations, cases, designs, plans, photos
  edit_clinical_record, // open a consultation, edit its case
  view_appointments,    // the clinic's calendar
  manage_appointments,  // book and cancel
  record_sessions,      // write session logs and addenda, report follow-ups
  take_photos,          // upload clinic photos, place their landmarks
  handle_consents,      // read a patient's consents, record a signature or a withdrawal
  handle_billing,       // quotes, payments, invoices
  view_price_book,      // the clinic's prices: who runs the clinic and who issues quotes
  send_patient_links,   // make and revoke a patient's read-only link to their plan
  view_gallery,         // consented before/after pairs, no identifying data
  acknowledge_red_flags,// a doctor has seen a "contact now"
  trace_pigment_lots,   // which patients a pigment lot touched (a recall)
  manage_clinic,        // rooms, the clinic's settings
  manage_users,         // staff accounts
  review_audit,         // read and verify the audit log
};

inline constexpr Permission kAllPermissions[] = {
    Permission::own_account,          Permission::view_patient_names,
    Permission::view_patient_contact, Permission::edit_patient_details,
    Permission::view_clinical_record, Permission::edit_clinical_record,
    Permission::view_appointments,    Permission::manage_appointments,
    Permission::record_sessions,      Permission::take_photos,
    Permission::handle_consents,      Permission::handle_billing,
    Permission::view_price_book,
    Permission::send_patient_links,   Permission::view_gallery,
    Permission::acknowledge_red_flags,
    Permission::trace_pigment_lots,   Permission::manage_clinic,
    Permission::manage_users,         Permission::review_audit};

std::string_view permission_name(Permission p);

bool role_may(store::Role role, Permission p);

}  // namespace smp::server
