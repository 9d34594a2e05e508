// The job queue in the database: a job is queued, claimed by one server under a lease it
// renews with every progress report, and finished (its files and state in one
// transaction) only by the server that still holds the lease. A server that dies stops
// renewing; once its lease ends another server takes the job over (PostgreSQL: claimed
// with FOR UPDATE SKIP LOCKED, so two servers never run one job at once).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/blob_cipher.h"
#include "smp/store/users.h"

namespace smp::store {

enum class JobKind { design, render, plan };
enum class JobState { queued, running, done, failed, cancelled };

std::string_view job_kind_name(JobKind k);
std::string_view job_state_name(JobState s);
std::optional<JobKind> parse_job_kind(std::string_view s);

inline constexpr int kMaxJobAttempts = 3;  // a job whose servers died 3 times has failed

struct Job {
  std::string id, consultation_id;
  long long case_version = 0;
  JobKind kind = JobKind::design;
  JobState state = JobState::queued;
  std::string stage;
  double fraction = 0;
  bool cancel_requested = false;
  int attempts = 0;
  std::string error_field, error;
  std::string created_by;
  long long created_at_ms = 0, started_at_ms = 0, finished_at_ms = 0;
};

struct JobFile {
  std::string path;
  long long size_bytes = 0;
  std::string sha256;
};

Job enqueue_job(Connection& c, const std::string& consultation_id, long long case_version, JobKind kind,
                const User& by);
std::optional<Job> find_job(Connection& c, const std::string& id);
std::vector<Job> jobs_of(Connection& c, const std::string& consultation_id);

// A job of the clinic-wide list, with its consultation's patient (the name read with it,
// for the roles that may see names).
struct ListedJob {
  Job job;
  std::string patient_id, patient_name;
};
// The newest `limit` jobs in any of `states` (every state if none), newest first.
std::vector<ListedJob> jobs_in_states(Connection& c, const std::vector<JobState>& states, std::size_t limit);
std::optional<JobState> parse_job_state(std::string_view s);

// The oldest queued job, or a running one whose lease ended, now leased to `owner` for
// `lease_ms`. A job past kMaxJobAttempts is marked failed instead.
std::optional<Job> claim_job(Connection& c, const std::string& owner, long long lease_ms);

// Progress, renewing the lease. False if the lease is lost or a cancel was asked: stop.
bool report_job(Connection& c, const std::string& id, const std::string& owner, long long lease_ms,
                const std::string& stage, double fraction);

// Done with its files (sealed), if `owner` still holds it; false if not (nothing written).
bool finish_job(Connection& c, const BlobCipher& cipher, const std::string& id, const std::string& owner,
                const std::vector<std::pair<std::string, std::string>>& files);

// Failed or cancelled, if `owner` still holds it.
bool end_job(Connection& c, const std::string& id, const std::string& owner, JobState state,
             const std::string& error_field, const std::string& error);

// Asks the running server to stop (a queued job is cancelled at once). False if it ended.
bool cancel_job(Connection& c, const std::string& id);

// Every job of a dead single server (SQLite: one server per file) queued again.
int requeue_running_jobs(Connection& c);

std::vector<JobFile> job_files(Connection& c, const std::string& id);
// The file's plain bytes, or nothing if the job has no such file.
std::optional<std::string> job_file(Connection& c, const BlobCipher& cipher, const std::string& id,
                                    const std::string& path);

}  // namespace smp::store
