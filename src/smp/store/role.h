// The clinic's staff roles (docs/roles.md says what each may do; server/access_policy.h
// enforces it).
#pragma once

#include <optional>
#include <string_view>

namespace smp::store {

enum class Role { admin, doctor, technician, front_desk };

inline constexpr Role kAllRoles[] = {Role::admin, Role::doctor, Role::technician,
                                     Role::front_desk};

constexpr std::string_view role_name(Role r) {
  switch (r) {
    case Role::admin:
      return "admin";
    case Role::doctor:
      return "doctor";
    case Role::technician:
      return "technician";
    case Role::front_desk:
      return "front_desk";
  }
  return "";
}

constexpr std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles)
    if (role_name(r) == s) return r;
  return std::nullopt;
}

}  // namespace smp::store
