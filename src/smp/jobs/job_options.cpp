#include "smp/jobs/job_options.h"

#include <algorithm>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/io/input_error.h"

namespace smp {

int default_thread_count() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

JobProgress::JobProgress(const JobOptions& options) : options_(options) {
  if (options.threads < 1 || options.threads > kMaxJobThreads)
    throw InputError("", 0, "threads",
                     fmt::format("{} is not 1 to {}", options.threads, kMaxJobThreads));
}

void JobProgress::report(std::string_view stage, double fraction) {
  throw_if_cancelled(options_.stop);
  const std::lock_guard lock(m_);
  last_ = std::clamp(fraction, last_, 1.0);
  if (options_.progress) options_.progress(stage, last_);
}

std::function<void(std::string_view, double)> JobProgress::part(double begin, double end) {
  return [this, begin, end](std::string_view stage, double f) {
    report(stage, begin + (end - begin) * std::clamp(f, 0.0, 1.0));
  };
}

std::chrono::year_month_day local_today() { return local_day(std::time(nullptr)); }

std::chrono::year_month_day local_day(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return std::chrono::year_month_day{std::chrono::year(tm.tm_year + 1900),
                                     std::chrono::month(tm.tm_mon + 1),
                                     std::chrono::day(tm.tm_mday)};
}

}  // namespace smp
