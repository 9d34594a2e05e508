// A mutex that lets its waiters in the order they came (a ticket lock). SQLite's writers
// queue on one: with std::mutex, under 200 clients, some waited seconds while later
// arrivals went first (bench/server-load.sh: p99 1.9 s, max 6.7 s).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace smp::store {

class FifoMutex {
 public:
  void lock() {
    std::unique_lock guard(m_);
    const std::uint64_t ticket = next_++;
    turn_.wait(guard, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      std::lock_guard guard(m_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable turn_;
  std::uint64_t next_ = 0, serving_ = 0;
};

}  // namespace smp::store
