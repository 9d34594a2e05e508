#include "smp/server/access_policy.h"

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
    {Permission::acknowledge_red_flags, false, true,  false,     false},
    {Permission::trace_pigment_lots,    false, true,  false,     false},
    {Permission::manage_clinic,         true,  false, false,     false},
    {Permission::manage_users,          true,  false, false,     false},
    {Permission::review_audit,          true,  false, false,     false},
};

}  // namespace

std::string_view permission_name(Permission p) {
  switch (p) {
    case Permission::own_account: return "own_account";
    case Permission::view_patient_names: return "view_patient_names";
    case Permission::view_patient_contact: return "view_patient_contact";
    case Permission::edit_patient_details: return "edit_patient_details";
    case Permission::view_clinical_record: return "view_clinical_record";
    case Permission::edit_clinical_record: return "edit_clinical_record";
    case Permission::view_appointments: return "view_appointments";
    case Permission::manage_appointments: return "manage_appointments";
    case Permission::record_sessions: return "record_sessions";
    case Permission::acknowledge_red_flags: return "acknowledge_red_flags";
    case Permission::trace_pigment_lots: return "trace_pigment_lots";
    case Permission::manage_clinic: return "manage_clinic";
    case Permission::manage_users: return "manage_users";
    case Permission::review_audit: return "review_audit";
  }
  return "";
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
