#include "smp/store/users.h"

#include <algorithm>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxPasswordLength = 1024;  // bounds the hashing work

constexpr const char* kColumns = "id, name, role, disabled, must_change_password";

User user_of(const Row& r) {
  return {r.text(0), r.text(1), parse_role(r.text(2)).value_or(Role::technician),
          r.integer(3) != 0, r.integer(4) != 0};
}

void check_password_rules(const std::string& password) {
  if (password.size() < kMinPasswordLength)
    throw FieldError("password", fmt::format("must be at least {} characters", kMinPasswordLength));
  if (password.size() > kMaxPasswordLength)
    throw FieldError("password", fmt::format("must be at most {} characters", kMaxPasswordLength));
}

}  // namespace

User add_user(Connection& c, const std::string& name, Role role, const std::string& password,
              bool must_change_password) {
  const bool name_ok = !name.empty() && name.size() <= kMaxNameLength &&
                       std::all_of(name.begin(), name.end(), [](unsigned char ch) {
                         return std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_';
                       });
  if (!name_ok)
    throw FieldError("name", fmt::format("1 to {} letters, digits, '.', '-' or '_'", kMaxNameLength));
  check_password_rules(password);
  if (find_user(c, name)) 
    throw StoreError(StoreError::Kind::conflict, "a user '" + name + "' exists", "name");
  User u{"u-" + random_hex(8), name, role, false, must_change_password};
  c.query(
      "INSERT INTO users (id, name, role, password_hash, must_change_password, created_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {u.id, u.name, std::string(role_name(role)), hash_password(password),
       std::int64_t{must_change_password}, std::int64_t{now_unix_ms()}});
  return u;
}

User disable_user(Connection& c, const std::string& name) {
  std::optional<User> u = find_user(c, name);
  if (!u) throw FieldError("name", "no user '" + name + "'");
  c.query("UPDATE users SET disabled = 1 WHERE id = ?", {u->id});
  c.query("DELETE FROM login_sessions WHERE user_id = ?", {u->id});
  u->disabled = true;
  return *u;
}

void set_password(Connection& c, const std::string& user_id, const std::string& password) {
  check_password_rules(password);
  c.query("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?",
          {hash_password(password), user_id});
}

std::optional<User> find_user(Connection& c, const std::string& name) {
  const Rows rows = c.query(fmt::format("SELECT {} FROM users WHERE name = ?", kColumns), {name});
  if (rows.empty()) return std::nullopt;
  return user_of(rows[0]);
}

std::optional<User> user_by_id(Connection& c, const std::string& id) {
  const Rows rows = c.query(fmt::format("SELECT {} FROM users WHERE id = ?", kColumns), {id});
  if (rows.empty()) return std::nullopt;
  return user_of(rows[0]);
}

std::vector<User> all_users(Connection& c) {
  std::vector<User> users;
  for (const Row& row : c.query(fmt::format("SELECT {} FROM users ORDER BY name", kColumns))) users.push_back(user_of(row));
  return users;
}

std::optional<User> check_password(Connection& c, const std::string& name,
                                   const std::string& password) {
  const Rows rows = c.query(
      fmt::format("SELECT {}, password_hash FROM users WHERE name = ?", kColumns), {name});
  if (password.size() > kMaxPasswordLength) return std::nullopt;
  if (rows.empty()) {
    // As slow as a wrong password, so the time does not tell which names exist.
    static const std::string dummy = hash_password(random_hex(16));
    password_matches(dummy, password);
    return std::nullopt;
  }
  User u = user_of(rows[0]);
  if (u.disabled || !password_matches(rows[0].text(5), password)) return std::nullopt;
  return u;
}

}  // namespace smp::store
