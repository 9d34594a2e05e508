// What the technician records of each session performed: times, the record itself (areas,
// needles, pigments with brand, lot and expiry, dilution, depth, sedation, impressions,
// reactions, notes: JSON checked by the server), and the pigment lots it used. Editable
// for 24 hours after it was written; after that it is locked and changes are addenda.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

inline constexpr long long kSessionLogEditableMs = 24LL * 3600 * 1000;

struct PigmentUse {
  std::string brand, lot, shade, expiry;  // expiry YYYY-MM-DD
};

struct Addendum {
  int seq = 0;
  std::string text, author_id;
  long long at_ms = 0;
};

struct SessionLog {
  std::string id, patient_id, consultation_id, appointment_id;  // the last two may be ""
  int session_number = 1;
  std::string technician_id;
  long long started_at_ms = 0, ended_at_ms = 0;
  std::string record_json;
  std::vector<PigmentUse> pigments;
  long long version = 1;
  long long created_at_ms = 0;
  std::vector<Addendum> addenda;
  bool locked(long long now_ms) const { return now_ms - created_at_ms > kSessionLogEditableMs; }
};

SessionLog add_session_log(Connection& c, SessionLog log, const User& by);
std::optional<SessionLog> find_session_log(Connection& c, const std::string& id);
std::vector<SessionLog> session_logs_of(Connection& c, const std::string& patient_id);

// The record replaced if it is still at `base_version` and not locked: StoreError(conflict)
// with field "version" or "locked".
SessionLog update_session_log(Connection& c, const std::string& id, const std::string& record_json,
                              const std::vector<PigmentUse>& pigments, long long started_at_ms,
                              long long ended_at_ms, long long base_version);

Addendum add_addendum(Connection& c, const std::string& session_log_id, const std::string& text, const User& by);

struct LotUse {
  std::string patient_id, session_log_id;
  long long started_at_ms = 0;
  PigmentUse pigment;
};
// Every session that used pigment lot `lot` (a recall), by date.
std::vector<LotUse> sessions_with_lot(Connection& c, const std::string& lot);

}  // namespace smp::store
