// Calendar feeds: a secret URL a calendar app subscribes to (the clinic's appointments,
// or one patient's). The token is shown once when the feed is made; only its SHA-256 is
// kept, so a copy of the database opens no feed. Revoking a feed ends it at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

enum class FeedKind { clinic, patient };
std::string_view feed_kind_name(FeedKind k);
std::optional<FeedKind> parse_feed_kind(std::string_view s);

struct CalendarFeed {
  std::string id;
  FeedKind kind = FeedKind::clinic;
  std::string patient_id;  // a patient feed's
  std::string created_by;
  long long created_at_ms = 0, revoked_at_ms = 0;
};

struct NewFeed {
  CalendarFeed feed;
  std::string token;  // 256 random bits as hex: shown once, in the feed's URL
};
NewFeed create_calendar_feed(Connection& c, FeedKind kind, const std::string& patient_id, const User& by);
// The live feed of a token; nothing for an unknown or revoked one.
std::optional<CalendarFeed> feed_of_token(Connection& c, const std::string& token);
std::vector<CalendarFeed> calendar_feeds(Connection& c);
// False if there is no such calendar feed; StoreError(conflict, "id") if it was revoked already.
bool revoke_calendar_feed(Connection& c, const std::string& id);

}  // namespace smp::store
