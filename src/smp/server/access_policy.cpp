#include "smp/server/access_policy.h"

#include <iterator>

#include "smp/store/enum_names.h"

namespace smp::server {
namespace {

using store::Role;

struct Grant {
  Permission permission;
  bool admin, doctor, technician, front_desk;
};

// issue 12's roles: admin runs the clinic (users, settings, audit) and sees no patient;
// doctor everything clinical; technician today's patients (names, not contact);
// front desk patients' contact data, appointments and money, no medical history.
constexpr Grant kGrants[] = {
    //                                  admin  doctor technician front_desk
    {Permission::own_account,           true,  true,  true,      true},
    {Permission::view_patient_names,    false, true,  true,      true},
    {Permission::view_patient_contact,  false, true,  false,     true},
    {Permission::edit_patient_details,  false, true,  false,     true},
    {Permission::view_clinical_record,  false, true,  true,      false},
    {Permission::edit_clinical_record,  false, true,  false,     false},
    {Permission::view_appointments,     false, true,  true,      true},
    {Permission::manage_appointments,   false, true,  false,     true},
    {Permission::record_sessions,       false, true,  true,      false},
    {Permission::take_photos,           false, true,  true,      false},
    {Permission::handle_consents,       false, true,  true,      true},
    {Permission::handle_billing,        false, true,  false,     true},
    {Permission::view_price_book,       true,  true,  false,     true},
    {Permission::send_patient_links,    false, true,  false,     true},
    {Permission::view_gallery,          false, true,  true,      true},
    {Permission::acknowledge_red_flags, false, true,  false,     false},
    {Permission::trace_pigment_lots,    false, true,  false,     false},
    {Permission::manage_clinic,         true,  false, false,     false},
    {Permission::manage_users,          true,  false, false,     false},
    {Permission::review_audit,          true,  false, false,     false},
};

}  // namespace

std::string_view permission_name(Permission p) {
  static constexpr store::EnumNames<Permission, std::size(kAllPermissions)> kNames{{{
      {Permission::own_account, "own_account"},
      {Permission::view_patient_names, "view_patient_names"},
      {Permission::view_patient_contact, "view_patient_contact"},
      {Permission::edit_patient_details, "edit_patient_details"},
      {Permission::view_clinical_record, "view_clinical_record"},
      {Permission::edit_clinical_record, "edit_clinical_record"},
      {Permission::view_appointments, "view_appointments"},
      {Permission::manage_appointments, "manage_appointments"},
      {Permission::record_sessions, "record_sessions"},
      {Permission::take_photos, "take_photos"},
      {Permission::handle_consents, "handle_consents"},
      {Permission::handle_billing, "handle_billing"},
      {Permission::view_price_book, "view_price_book"},
      {Permission::send_patient_links, "send_patient_links"},
      {Permission::view_gallery, "view_gallery"},
      {Permission::acknowledge_red_flags, "acknowledge_red_flags"},
      {Permission::trace_pigment_lots, "trace_pigment_lots"},
      {Permission::manage_clinic, "manage_clinic"},
      {Permission::manage_users, "manage_users"},
      {Permission::review_audit, "review_audit"},
  }}};
  return kNames.name(p);
}

bool role_may(Role role, Permission p) {
  for (const Grant& g : kGrants)
    if (g.permission == p) switch (role) {
        case Role::admin: return g.admin;
        case Role::doctor: return g.doctor;
        case Role::technician: return g.technician;
        case Role::front_desk: return g.front_desk;
      }
  return false;
}

}  // namespace smp::server
