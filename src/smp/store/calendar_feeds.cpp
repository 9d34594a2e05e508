#include "smp/store/calendar_feeds.h"

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr EnumNames<FeedKind, 2> kKinds{{{{FeedKind::clinic, "clinic"}, {FeedKind::patient, "patient"}}}};
constexpr const char* kColumns =
    "SELECT id, kind, COALESCE(patient_id, ''), created_by, created_at_ms, revoked_at_ms FROM calendar_feeds";

CalendarFeed feed_of(const Row& r) {
  return {r.text(0), *kKinds.parse(r.text(1)), r.text(2), r.text(3), r.integer(4), r.integer(5)};
}

}  // namespace

std::string_view feed_kind_name(FeedKind k) { return kKinds.name(k); }
std::optional<FeedKind> parse_feed_kind(std::string_view s) { return kKinds.parse(s); }

NewFeed create_calendar_feed(Connection& c, FeedKind kind, const std::string& patient_id, const User& by) {
  NewFeed n;
  n.token = random_hex(32);
  n.feed = {new_record_id("D-", 5), kind, kind == FeedKind::patient ? patient_id : "", by.id, now_unix_ms(), 0};
  c.query("INSERT INTO calendar_feeds (id, token_sha256, kind, patient_id, created_by, created_at_ms) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {n.feed.id, sha256_hex(n.token), std::string(kKinds.name(kind)),
           n.feed.patient_id.empty() ? SqlValue{} : SqlValue{n.feed.patient_id}, by.id,
           std::int64_t{n.feed.created_at_ms}});
  return n;
}

std::optional<CalendarFeed> feed_of_token(Connection& c, const std::string& token) {
  const Rows rows =
      c.query(std::string(kColumns) + " WHERE token_sha256 = ? AND revoked_at_ms = 0", {sha256_hex(token)});
  if (rows.empty()) return std::nullopt;
  return feed_of(rows[0]);
}

std::vector<CalendarFeed> calendar_feeds(Connection& c) {
  std::vector<CalendarFeed> out;
  for (const Row& r : c.query(std::string(kColumns) + " ORDER BY created_at_ms, id")) out.push_back(feed_of(r));
  return out;
}

bool revoke_calendar_feed(Connection& c, const std::string& id) {
  if (c.query(std::string(kColumns) + " WHERE id = ?", {id}).empty()) return false;
  if (c.query("UPDATE calendar_feeds SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms = 0 RETURNING id",
              {std::int64_t{now_unix_ms()}, id})
          .empty())
    throw StoreError(StoreError::Kind::conflict, "the feed was revoked already", "id");
  return true;
}

}  // namespace smp::store
