// Reads' audit rows committed together: every read of a record is audited before it is
// answered, and with a transaction (and an fsync) of its own each, 200 clients reading at
// once queued on SQLite's single writer. Here a caller whose rows are not yet written
// becomes the writer for everything queued so far, appends it in one transaction, and
// wakes the callers it carried (group commit); each returns once its own rows are
// committed, or throws what the commit threw.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

#include "smp/store/audit_log.h"

namespace smp::store {

class AuditGroupCommit {
 public:
  explicit AuditGroupCommit(Database& db) : db_(db) {}
  // Blocks until `events` (in order) are in the audit log.
  void append(const std::vector<AuditEvent>& events);

 private:
  struct FailedBatch {
    std::uint64_t first, last;
    std::exception_ptr error;
  };
  Database& db_;
  std::mutex m_;
  std::condition_variable done_;
  std::vector<AuditEvent> queued_;
  std::uint64_t last_queued_ = 0, last_committed_ = 0;  // each caller's ticket
  bool writing_ = false;
  std::deque<FailedBatch> failed_;  // the latest few, for their callers to find
};

}  // namespace smp::store
