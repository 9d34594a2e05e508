// The access policy against docs/roles.md, cell by cell: the table a clinic reads is the
// table the server enforces.
#include <gtest/gtest.h>

#include "roles_table.h"
#include "smp/server/access_policy.h"

namespace smp {
namespace {

using server::Permission;
using store::Role;

TEST(AccessPolicy, EveryCellIsWhatDocsRolesMdSays) {
  const auto table = roles_table();
  EXPECT_EQ(table.size(), std::size(server::kAllPermissions)) << "a permission missing from docs/roles.md, or one too many";
  const Role roles[] = {Role::admin, Role::doctor, Role::technician, Role::front_desk};
  for (Permission p : server::kAllPermissions) {
    const auto row = table.find(std::string(server::permission_name(p)));
    ASSERT_NE(row, table.end()) << server::permission_name(p) << " is not in docs/roles.md";
    for (int r = 0; r < 4; ++r) {
      ASSERT_TRUE(row->second[r] == "yes" || row->second[r] == "-") << row->second[r];
      EXPECT_EQ(server::role_may(roles[r], p), row->second[r] == "yes")
          << store::role_name(roles[r]) << " / " << server::permission_name(p);
    }
  }
}

TEST(AccessPolicy, TheAdminSeesNoPatientAndTheFrontDeskNoClinicalRecord) {
  for (Permission p : {Permission::view_patient_names, Permission::view_patient_contact, Permission::view_clinical_record})
    EXPECT_FALSE(server::role_may(Role::admin, p)) << server::permission_name(p);
  for (Permission p : {Permission::view_clinical_record, Permission::edit_clinical_record, Permission::record_sessions})
    EXPECT_FALSE(server::role_may(Role::front_desk, p)) << server::permission_name(p);
  EXPECT_FALSE(server::role_may(Role::technician, Permission::view_patient_contact));
}

}  // namespace
}  // namespace smp
