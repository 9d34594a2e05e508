// The audit log: who did what to which record, when and from where, never a patient's
// name. Appended inside the transaction of the change (or of the read) it records, so a
// change and its audit row land together or not at all. Each row's hash covers the one
// before it; `verify_audit` recomputes the chain and names every row that was edited,
// deleted or inserted since.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/store/database.h"

namespace smp::store {

enum class AuditAction { read, search, create, update, disable, sign_in, sign_out, denied, backup };
enum class AuditOutcome { ok, refused, failed };

std::string_view audit_action_name(AuditAction a);
std::optional<AuditAction> parse_audit_action(std::string_view s);
std::string_view audit_outcome_name(AuditOutcome o);

struct AuditEvent {
  std::string user_id;  // "" before sign-in
  std::string role;     // "" before sign-in
  AuditAction action = AuditAction::read;
  std::string entity;     // "patient", "user", "session", ... or an API path for a denial
  std::string entity_id;  // a pseudonymous id, never a name
  std::string address;    // the client's address
  AuditOutcome outcome = AuditOutcome::ok;
};

struct AuditRow {
  long long seq = 0, at_ms = 0;
  std::string user_id, role, action, entity, entity_id, address, outcome;
};

// Appends within the caller's write transaction.
void append_audit(Connection& c, const AuditEvent& e);

// Appends in a transaction of its own (a denial, a failed sign-in: nothing else to write).
void append_audit(Database& db, const AuditEvent& e);

// Which rows to read; every filter given must hold.
struct AuditFilter {
  std::string entity_id;            // "": any record
  std::optional<std::string> user;  // a user's id or sign-in name; "": rows of no signed-in user
  std::optional<AuditAction> action;
  std::optional<long long> from_ms, to_ms;  // at in [from, to)
  std::optional<long long> before_seq;      // rows older than this one (the next page)
  std::size_t limit = 100;
};

struct AuditPage {
  std::vector<AuditRow> rows;  // the newest `limit` rows that match, newest first
  long long total = 0;         // how many match in all (older than before_seq, if given)
};

AuditPage find_audit(Connection& c, const AuditFilter& f);

struct AuditCheck {
  long long rows = 0;
  std::vector<std::string> problems;  // "row 17: its hash does not match its fields", ...
  bool ok() const { return problems.empty(); }
};

AuditCheck verify_audit(Database& db);

}  // namespace smp::store
