// `smp serve --demo`: an empty data folder seeded as a demo clinic, the bundled examples as
// patients with made-up names, and one user per role with a one-time password (to be
// changed at first sign-in), printed once. Never without --demo; never over a clinic that
// already has users.
#pragma once

#include <string>
#include <vector>

#include "smp/store/database.h"
#include "smp/store/role.h"

namespace smp::server {

struct DemoAccount {
  std::string name;
  store::Role role;
  std::string one_time_password;
};

struct DemoClinic {
  std::vector<DemoAccount> accounts;
  int patients = 0;
};

// FieldError("--demo") if the records already hold users.
DemoClinic seed_demo_clinic(store::Database& db);

}  // namespace smp::server
