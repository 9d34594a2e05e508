// What every job takes besides its inputs (docs/architecture.md "Jobs"): worker threads,
// a progress callback and a cancellation token. A job returns its whole result in memory
// (the files as encoded bytes with their paths); a sink writes it (io/sink.h).
#pragma once

#include <chrono>
#include <ctime>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>

namespace smp {

// (stage, fraction of the whole job): fractions rise monotonically from 0 to 1. Called
// from the job's threads, one call at a time.
using JobProgressCallback = std::function<void(std::string_view stage, double fraction)>;

// The machine's cores (at least 1): the default of every job and command.
int default_thread_count();

// Worker threads a job accepts: 1 to this many.
inline constexpr int kMaxJobThreads = 256;

struct JobOptions {
  int threads = default_thread_count();  // the results do not depend on it
  JobProgressCallback progress;
  // Requested from another thread: the job throws Cancelled (base/cancellation.h) within
  // 0.5 s and returns nothing.
  std::stop_token stop;
};

// The job's progress: each step reports its own fraction into its part of the whole;
// the fractions passed on never go back, and every report looks at the stop token first.
class JobProgress {
 public:
  // InputError ("threads") when options.threads is outside 1..kMaxJobThreads.
  explicit JobProgress(const JobOptions& options);
  // Reports `stage` at `fraction` of the whole job; throws Cancelled when stopped.
  void report(std::string_view stage, double fraction);
  // A callback for a step that fills [begin, end] of the whole job with its own 0..1.
  std::function<void(std::string_view, double)> part(double begin, double end);
  // The job is done: fraction 1.
  void done() { report("done", 1); }
  const std::stop_token& stop() const { return options_.stop; }

 private:
  const JobOptions& options_;
  std::mutex m_;
  double last_ = 0;
};

// The day of a time in the local time zone; today's is the default consultation day.
std::chrono::year_month_day local_day(std::time_t t);
std::chrono::year_month_day local_today();

}  // namespace smp
