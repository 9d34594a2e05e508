#include "smp/store/audit_log.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

// Every field with its length, so no two rows hash the same text.
std::string row_hash(std::string_view prev_hash, long long seq, long long at_ms,
                     const std::string& user_id, const std::string& role, std::string_view action,
                     const std::string& entity, const std::string& entity_id,
                     const std::string& address, std::string_view outcome) {
  std::string text = fmt::format("{}|{}|{}", prev_hash, seq, at_ms);
  for (std::string_view f : {std::string_view(user_id), std::string_view(role), action,
                             std::string_view(entity), std::string_view(entity_id),
                             std::string_view(address), outcome})
    text += fmt::format("|{}:{}", f.size(), f);
  return sha256_hex(text);
}

}  // namespace

constexpr EnumNames<AuditAction, 9> kActions{{{{AuditAction::read, "read"},
                                               {AuditAction::search, "search"},
                                               {AuditAction::create, "create"},
                                               {AuditAction::update, "update"},
                                               {AuditAction::disable, "disable"},
                                               {AuditAction::sign_in, "sign_in"},
                                               {AuditAction::sign_out, "sign_out"},
                                               {AuditAction::denied, "denied"},
                                               {AuditAction::backup, "backup"}}}};
constexpr EnumNames<AuditOutcome, 3> kOutcomes{
    {{{AuditOutcome::ok, "ok"}, {AuditOutcome::refused, "refused"}, {AuditOutcome::failed, "failed"}}}};

std::string_view audit_action_name(AuditAction a) { return kActions.name(a); }
std::string_view audit_outcome_name(AuditOutcome o) { return kOutcomes.name(o); }
std::optional<AuditAction> parse_audit_action(std::string_view s) { return kActions.parse(s); }

void append_audit(Connection& c, const AuditEvent& e) {
  // Taking the head's row lock serialises appends (PostgreSQL); SQLite's write
  // transaction already does.
  const Rows head =
      c.query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  const long long seq = head.at(0).integer(0);
  const std::string prev = head.at(0).text(1);
  const long long at_ms = now_unix_ms();
  const std::string_view action = audit_action_name(e.action), outcome = audit_outcome_name(e.outcome);
  const std::string hash =
      row_hash(prev, seq, at_ms, e.user_id, e.role, action, e.entity, e.entity_id, e.address, outcome);
  c.query(
      "INSERT INTO audit_log (seq, at_ms, user_id, role, action, entity, entity_id, address, "
      "outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::int64_t{seq}, std::int64_t{at_ms}, e.user_id, e.role, std::string(action), e.entity,
       e.entity_id, e.address, std::string(outcome), prev, hash});
  c.query("UPDATE audit_head SET hash = ? WHERE id = 1", {hash});
}

void append_audit(Database& db, const AuditEvent& e) {
  db.transaction(Access::write, [&](Connection& c) { append_audit(c, e); });
}

AuditPage find_audit(Connection& c, const AuditFilter& f) {
  std::string where;
  std::vector<SqlValue> params;
  auto holds = [&](std::string_view condition, std::initializer_list<SqlValue> values) {
    where += fmt::format("{} {}", where.empty() ? "WHERE" : " AND", condition);
    params.insert(params.end(), values);
  };
  if (!f.entity_id.empty()) holds("entity_id = ?", {f.entity_id});
  // The log keeps the user's id; a name is looked up (names are unique, never reused).
  if (f.user) holds("(user_id = ? OR user_id IN (SELECT id FROM users WHERE name = ?))", {*f.user, *f.user});
  if (f.action) holds("action = ?", {std::string(audit_action_name(*f.action))});
  if (f.from_ms) holds("at_ms >= ?", {std::int64_t{*f.from_ms}});
  if (f.to_ms) holds("at_ms < ?", {std::int64_t{*f.to_ms}});
  if (f.before_seq) holds("seq < ?", {std::int64_t{*f.before_seq}});
  AuditPage page;
  page.total = c.query("SELECT COUNT(*) FROM audit_log " + where, params).at(0).integer(0);
  params.emplace_back(static_cast<std::int64_t>(f.limit));
  for (const Row& r : c.query(fmt::format("SELECT seq, at_ms, user_id, role, action, entity, entity_id, address, "
                                          "outcome FROM audit_log {} ORDER BY seq DESC LIMIT ?",
                                          where),
                              params))
    page.rows.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                         r.text(7), r.text(8)});
  return page;
}

AuditCheck verify_audit(Database& db) {
  return db.transaction(Access::read, [](Connection& c) {
    AuditCheck check;
    std::string prev(64, '0');
    long long expected_seq = 1;
    for (const Row& r : c.query(
             "SELECT seq, at_ms, user_id, role, action, entity, entity_id, address, outcome, "
             "prev_hash, hash FROM audit_log ORDER BY seq")) {
      const long long seq = r.integer(0);
      ++check.rows;
      if (seq != expected_seq)
        check.problems.push_back(seq > expected_seq
                                     ? fmt::format("rows {} to {} are missing", expected_seq, seq - 1)
                                     : fmt::format("row {} is out of order", seq));
      if (r.text(9) != prev)
        check.problems.push_back(fmt::format("row {}: it does not follow the row before it", seq));
      const std::string hash = row_hash(r.text(9), seq, r.integer(1), r.text(2), r.text(3),
                                        r.text(4), r.text(5), r.text(6), r.text(7), r.text(8));
      if (hash != r.text(10))
        check.problems.push_back(fmt::format("row {}: its fields do not match its hash", seq));
      prev = r.text(10);
      expected_seq = seq + 1;
    }
    const Rows head = c.query("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (head.empty()) {
      check.problems.push_back("the audit head is missing");
    } else if (head[0].integer(0) != expected_seq - 1 || head[0].text(1) != prev) {
      check.problems.push_back(
          head[0].integer(0) > expected_seq - 1
              ? fmt::format("rows {} to {} are missing at the end", expected_seq, head[0].integer(0))
              : "the last row does not match the audit head");
    }
    return check;
  });
}

}  // namespace smp::store
