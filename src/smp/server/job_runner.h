// The server's job workers: each claims the oldest queued job from the database (any
// server's, on PostgreSQL), runs the same pipeline as the command line (design, render
// or plan of the stored case version), reports its progress into the job's row at most
// twice a second (renewing its lease) and stores the files and the end state in one
// transaction. A cancel asked through the API reaches the job at its next report.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <optional>
#include <stop_token>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "smp/store/blob_cipher.h"
#include "smp/store/database.h"
#include "smp/store/jobs.h"

namespace smp::server {

struct JobRunnerOptions {
  int workers = 1;                // jobs at once in this server (each uses threads_per_job)
  int threads_per_job = 0;        // 0: the machine's cores
  long long lease_ms = 30'000;    // another server takes over a job not reported for this long
  long long report_every_ms = 500;
  long long idle_poll_ms = 1000;  // how often an idle worker looks for other servers' jobs
};

// What a job takes from the clinic's settings besides the case.
struct ClinicJobSettings {
  std::optional<std::string> price_book_toml;  // none: the default book
  std::vector<std::chrono::year_month_day> closed_days;  // the clinic's holidays: no session on them
};

// A job's files: the same as the command's folder would hold, by path.
std::vector<std::pair<std::string, std::string>> run_clinic_job(const store::Job& job, const std::string& case_json,
                                                                const ClinicJobSettings& clinic,
                                                                int threads, const std::function<void(std::string_view, double)>& progress,
                                                                std::stop_token stop);

class JobRunner {
 public:
  JobRunner(store::Database& db, const store::BlobCipher& cipher, JobRunnerOptions options);
  ~JobRunner();  // stops the workers; a running job is left to be taken over
  void wake();   // a job was queued here
  const std::string& owner() const { return owner_; }

 private:
  void work(std::stop_token stop);
  void run(const store::Job& job, std::stop_token server_stop);

  store::Database& db_;
  const store::BlobCipher& cipher_;
  JobRunnerOptions options_;
  std::string owner_;
  std::mutex m_;
  std::condition_variable_any wake_;
  int wakes_ = 0;  // jobs queued here since a worker last looked
  std::vector<std::jthread> workers_;
};

}  // namespace smp::server
