// A loop over independent items on a few threads (the caller's included): each thread
// takes the next item. Whatever the thread count, each item is worked exactly once, so a
// body that writes only its own item's results gives the same results.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace smp {

// body(i) for i in [0, n); the first exception is rethrown once every thread has stopped.
template <class Body>
void parallel_for(int threads, int n, Body&& body) {
  std::atomic<int> next{0};
  std::mutex m;
  std::exception_ptr error;
  auto work = [&] {
    for (int i; (i = next++) < n;) try {
        body(i);
      } catch (...) {
        const std::lock_guard lock(m);
        if (!error) error = std::current_exception();
        next = n;  // the others stop at their next item
      }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min(threads, n); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace smp
