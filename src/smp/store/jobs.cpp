#include "smp/store/jobs.h"

#include <algorithm>

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kColumns =
    "id, consultation_id, case_version, kind, state, stage, fraction, cancel_requested, attempts, error_field, "
    "error, created_by, created_at_ms, started_at_ms, finished_at_ms";

constexpr EnumNames<JobKind, 3> kJobKinds{
    {{{JobKind::design, "design"}, {JobKind::render, "render"}, {JobKind::plan, "plan"}}}};
constexpr EnumNames<JobState, 5> kJobStates{{{{JobState::queued, "queued"},
                                              {JobState::running, "running"},
                                              {JobState::done, "done"},
                                              {JobState::failed, "failed"},
                                              {JobState::cancelled, "cancelled"}}}};

JobState parse_state(std::string_view s) {
  if (const std::optional<JobState> st = kJobStates.parse(s)) return *st;
  throw StoreError(StoreError::Kind::other, fmt::format("job state '{}' is unknown", s));
}

Job job_of(const Row& r) {
  Job j;
  j.id = r.text(0);
  j.consultation_id = r.text(1);
  j.case_version = r.integer(2);
  j.kind = parse_job_kind(r.text(3)).value_or(JobKind::design);
  j.state = parse_state(r.text(4));
  j.stage = r.text(5);
  j.fraction = r.real(6);
  j.cancel_requested = r.integer(7) != 0;
  j.attempts = static_cast<int>(r.integer(8));
  j.error_field = r.text(9);
  j.error = r.text(10);
  j.created_by = r.text(11);
  j.created_at_ms = r.integer(12);
  j.started_at_ms = r.integer(13);
  j.finished_at_ms = r.integer(14);
  return j;
}

std::string file_context(const std::string& job, const std::string& path) { return "job_file:" + job + ":" + path; }

}  // namespace

std::string_view job_kind_name(JobKind k) { return kJobKinds.name(k); }
std::string_view job_state_name(JobState s) { return kJobStates.name(s); }
std::optional<JobKind> parse_job_kind(std::string_view s) { return kJobKinds.parse(s); }

Job enqueue_job(Connection& c, const std::string& consultation_id, long long case_version, JobKind kind,
                const User& by) {
  Job j;
  j.id = new_record_id("J-", 6);
  j.consultation_id = consultation_id;
  j.case_version = case_version;
  j.kind = kind;
  j.created_by = by.id;
  j.created_at_ms = now_unix_ms();
  c.query("INSERT INTO jobs (id, consultation_id, case_version, kind, state, created_by, created_at_ms) "
          "VALUES (?, ?, ?, ?, 'queued', ?, ?)",
          {j.id, consultation_id, std::int64_t{case_version}, std::string(job_kind_name(kind)), by.id,
           std::int64_t{j.created_at_ms}});
  return j;
}

std::optional<Job> find_job(Connection& c, const std::string& id) {
  const Rows rows = c.query(fmt::format("SELECT {} FROM jobs WHERE id = ?", kColumns), {id});
  if (rows.empty()) return std::nullopt;
  return job_of(rows[0]);
}

std::vector<Job> jobs_of(Connection& c, const std::string& consultation_id) {
  std::vector<Job> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM jobs WHERE consultation_id = ? ORDER BY created_at_ms DESC, "
                                          "id",
                                          kColumns),
                              {consultation_id}))
    out.push_back(job_of(r));
  return out;
}

std::vector<ListedJob> jobs_in_states(Connection& c, const std::vector<JobState>& states, std::size_t limit) {
  // The job's own columns qualified, as consultations and identities have an id too.
  std::string columns;
  for (std::string_view rest = kColumns; !rest.empty();) {
    const std::size_t comma = rest.find(", ");
    columns += fmt::format("{}j.{}", columns.empty() ? "" : ", ", rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  std::vector<SqlValue> params;
  std::string in;
  for (JobState s : states) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(std::string(job_state_name(s)));
  }
  params.emplace_back(static_cast<std::int64_t>(limit));
  std::vector<ListedJob> out;
  for (const Row& r : c.query(fmt::format("SELECT {}, k.patient_id, COALESCE(i.full_name, '') FROM jobs j "
                                          "JOIN consultations k ON k.id = j.consultation_id "
                                          "LEFT JOIN patient_identities i ON i.patient_id = k.patient_id {} "
                                          "ORDER BY j.created_at_ms DESC, j.id LIMIT ?",
                                          columns, in.empty() ? "" : "WHERE j.state IN (" + in + ")"),
                              params))
    out.push_back({job_of(r), r.text(15), r.text(16)});
  return out;
}

std::optional<JobState> parse_job_state(std::string_view s) { return kJobStates.parse(s); }

std::optional<Job> claim_job(Connection& c, const std::string& owner, long long lease_ms) {
  const long long now = now_unix_ms();
  // Jobs whose servers died too often end here rather than kill the next one too.
  c.query("UPDATE jobs SET state = 'failed', error = ?, finished_at_ms = ? WHERE state = 'running' AND "
          "lease_until_ms < ? AND attempts >= ?",
          {fmt::format("the servers running it stopped {} times", kMaxJobAttempts), std::int64_t{now},
           std::int64_t{now}, std::int64_t{kMaxJobAttempts}});
  const bool postgresql = c.engine() == Engine::postgresql;
  const std::string pick = fmt::format(
      "SELECT id FROM jobs WHERE (state = 'queued' OR (state = 'running' AND lease_until_ms < ?)) AND "
      "cancel_requested = 0 ORDER BY created_at_ms, id LIMIT 1{}",
      postgresql ? " FOR UPDATE SKIP LOCKED" : "");
  const Rows rows = c.query(
      fmt::format("UPDATE jobs SET state = 'running', lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1, "
                  "started_at_ms = ?, stage = 'starting', fraction = 0 WHERE id = ({}) RETURNING {}",
                  pick, kColumns),
      {owner, std::int64_t{now + lease_ms}, std::int64_t{now}, std::int64_t{now}});
  if (rows.empty()) return std::nullopt;
  return job_of(rows[0]);
}

bool report_job(Connection& c, const std::string& id, const std::string& owner, long long lease_ms,
                const std::string& stage, double fraction) {
  const Rows rows = c.query(
      "UPDATE jobs SET stage = ?, fraction = ?, lease_until_ms = ? WHERE id = ? AND lease_owner = ? AND state = "
      "'running' RETURNING cancel_requested",
      {stage, fraction, std::int64_t{now_unix_ms() + lease_ms}, id, owner});
  return !rows.empty() && rows[0].integer(0) == 0;
}

bool finish_job(Connection& c, const BlobCipher& cipher, const std::string& id, const std::string& owner,
                const std::vector<std::pair<std::string, std::string>>& files) {
  const Rows held = c.query(
      "UPDATE jobs SET state = 'done', stage = 'done', fraction = 1, finished_at_ms = ? WHERE id = ? AND "
      "lease_owner = ? AND state = 'running' RETURNING id",
      {std::int64_t{now_unix_ms()}, id, owner});
  if (held.empty()) return false;
  for (const auto& [path, bytes] : files)
    c.query("INSERT INTO job_files (job_id, path, size_bytes, sha256, sealed) VALUES (?, ?, ?, ?, ?)",
            {id, path, static_cast<std::int64_t>(bytes.size()), sha256_hex(bytes),
             Blob{cipher.seal(bytes, file_context(id, path))}});
  return true;
}

bool end_job(Connection& c, const std::string& id, const std::string& owner, JobState state,
             const std::string& error_field, const std::string& error) {
  return !c.query("UPDATE jobs SET state = ?, error_field = ?, error = ?, finished_at_ms = ? WHERE id = ? AND "
                  "lease_owner = ? AND state = 'running' RETURNING id",
                  {std::string(job_state_name(state)), error_field, error, std::int64_t{now_unix_ms()}, id, owner})
              .empty();
}

bool cancel_job(Connection& c, const std::string& id) {
  const long long now = now_unix_ms();
  if (!c.query("UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at_ms = ? WHERE id = ? AND "
               "state = 'queued' RETURNING id",
               {std::int64_t{now}, id})
           .empty())
    return true;
  return !c.query("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running' RETURNING id", {id}).empty();
}

int requeue_running_jobs(Connection& c) {
  c.query("UPDATE jobs SET state = 'cancelled', finished_at_ms = ? WHERE state = 'running' AND cancel_requested = 1",
          {std::int64_t{now_unix_ms()}});
  return static_cast<int>(
      c.query("UPDATE jobs SET state = 'queued', lease_owner = '', lease_until_ms = 0 WHERE state = 'running' AND "
              "cancel_requested = 0 RETURNING id")
          .size());
}

std::vector<JobFile> job_files(Connection& c, const std::string& id) {
  std::vector<JobFile> out;
  for (const Row& r : c.query("SELECT path, size_bytes, sha256 FROM job_files WHERE job_id = ? ORDER BY path", {id}))
    out.push_back({r.text(0), r.integer(1), r.text(2)});
  return out;
}

std::optional<std::string> job_file(Connection& c, const BlobCipher& cipher, const std::string& id,
                                    const std::string& path) {
  const Rows rows = c.query("SELECT sealed FROM job_files WHERE job_id = ? AND path = ?", {id, path});
  if (rows.empty()) return std::nullopt;
  return cipher.open(rows[0].blob(0), file_context(id, path));
}

}  // namespace smp::store
