#include "smp/store/audit_group_commit.h"

namespace smp::store {

void AuditGroupCommit::append(const std::vector<AuditEvent>& events) {
  if (events.empty()) return;
  std::unique_lock lock(m_);
  queued_.insert(queued_.end(), events.begin(), events.end());
  const std::uint64_t ticket = ++last_queued_;
  while (last_committed_ < ticket) {
    if (writing_) {
      done_.wait(lock);
      continue;
    }
    writing_ = true;
    std::vector<AuditEvent> batch = std::move(queued_);
    queued_.clear();
    const std::uint64_t first = last_committed_ + 1, last = last_queued_;
    lock.unlock();
    std::exception_ptr error;
    try {
      db_.transaction(Access::write, [&](Connection& c) {
        for (const AuditEvent& e : batch) append_audit(c, e);
      });
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    writing_ = false;
    last_committed_ = last;
    if (error) {
      failed_.push_back({first, last, error});
      if (failed_.size() > 256) failed_.pop_front();
    }
    done_.notify_all();
  }
  for (const FailedBatch& f : failed_)
    if (ticket >= f.first && ticket <= f.last) std::rethrow_exception(f.error);
}

}  // namespace smp::store
