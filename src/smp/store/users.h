// The clinic's staff accounts: a login name, a role, an Argon2id password hash; disabled,
// never deleted (the audit log names them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/database.h"
#include "smp/store/field_error.h"
#include "smp/store/role.h"

namespace smp::store {

struct User {
  std::string id, name;
  Role role = Role::technician;
  bool disabled = false;
  bool must_change_password = false;  // a one-time password (the demo's)
};

// Throws FieldError naming "name" or "password" for a bad name or a password shorter than
// kMinPasswordLength; StoreError(conflict) for a name in use.
User add_user(Connection& c, const std::string& name, Role role, const std::string& password,
              bool must_change_password = false);

// Throws FieldError("name") for an unknown name.
User disable_user(Connection& c, const std::string& name);

void set_password(Connection& c, const std::string& user_id, const std::string& password);

std::optional<User> find_user(Connection& c, const std::string& name);
std::optional<User> user_by_id(Connection& c, const std::string& id);
// Every account, by name.
std::vector<User> all_users(Connection& c);

// The user if the password is theirs and the account is enabled.
std::optional<User> check_password(Connection& c, const std::string& name,
                                   const std::string& password);

}  // namespace smp::store
