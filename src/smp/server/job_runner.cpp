#include "smp/server/job_runner.h"

#include <unistd.h>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/case/case_json.h"
#include "smp/clinic/price_book.h"
#include "smp/jobs/design_job.h"
#include "smp/jobs/plan_job.h"
#include "smp/jobs/render_job.h"
#include "smp/store/clinic_settings.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/holidays.h"
#include "smp/store/recalls.h"
#include "smp/store/secrets.h"

namespace smp::server {

using store::Access;
using store::Connection;

std::vector<std::pair<std::string, std::string>> run_clinic_job(const store::Job& job, const std::string& case_json,
                                                                const ClinicJobSettings& clinic,
                                                                int threads, const std::function<void(std::string_view, double)>& progress,
                                                                std::stop_token stop) {
  const std::string source = fmt::format("consultation {} version {}", job.consultation_id, job.case_version);
  Case c = parse_case_json(nlohmann::json::parse(case_json), source);
  c.params.schedule.closed_days.insert(c.params.schedule.closed_days.end(), clinic.closed_days.begin(),
                                       clinic.closed_days.end());
  JobOptions options;
  if (threads > 0) options.threads = threads;
  options.progress = progress;
  options.stop = stop;
  OutputFiles files;
  switch (job.kind) {
    case store::JobKind::design:
      files = design_job(c, options).files;
      break;
    case store::JobKind::render: {
      const DesignJobResult d = design_job(c, options);
      files = render_job(c, *d.field, d.planned, {}, options).files;
      break;
    }
    case store::JobKind::plan: {
      const PriceBook book =
          clinic.price_book_toml ? parse_price_book(*clinic.price_book_toml, "the clinic's price book") : default_price_book();
      files = plan_job(c, book, local_today(), options).files;
      break;
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(files.size());
  for (auto& [path, bytes] : files) out.emplace_back(path, std::move(bytes));
  return out;
}

namespace {

// The touch-up recall a finished plan sets: its last planned session and recall date
// (plan.json's schedule), for the recall list.
store::PlanRecall plan_recall(Connection& c, const store::Job& job,
                              const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, bytes] : files)
    if (path == "plan.json") {
      const nlohmann::json schedule = nlohmann::json::parse(bytes)["schedule"];
      return {job.id, store::find_consultation(c, job.consultation_id)->patient_id, job.consultation_id,
              schedule["visits"].back()["date"], schedule["touch_up_recall"]};
    }
  throw std::runtime_error("a plan job made no plan.json");
}

}  // namespace

JobRunner::JobRunner(store::Database& db, const store::BlobCipher& cipher, JobRunnerOptions options)
    : db_(db), cipher_(cipher), options_(options) {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  owner_ = fmt::format("{}:{}:{}", host, getpid(), store::random_hex(4));
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this](std::stop_token s) { work(s); });
}

JobRunner::~JobRunner() {
  for (std::jthread& w : workers_) w.request_stop();
  wake_.notify_all();
}

void JobRunner::wake() {
  {
    std::lock_guard lock(m_);
    ++wakes_;
  }
  wake_.notify_one();
}

void JobRunner::work(std::stop_token stop) {
  while (!stop.stop_requested()) {
    std::optional<store::Job> job;
    try {
      job = db_.transaction(Access::write,
                            [&](Connection& c) { return store::claim_job(c, owner_, options_.lease_ms); });
    } catch (const std::exception& e) {
      fmt::print(stderr, "smp serve: jobs: {}\n", e.what());
    }
    if (job) {
      run(*job, stop);
      continue;
    }
    std::unique_lock lock(m_);
    wake_.wait_for(lock, stop, std::chrono::milliseconds(options_.idle_poll_ms), [this] { return wakes_ > 0; });
    wakes_ = 0;
  }
}

void JobRunner::run(const store::Job& job, std::stop_token server_stop) {
  std::stop_source cancel;
  std::stop_callback on_server_stop(server_stop, [&] { cancel.request_stop(); });
  auto last_report = std::chrono::steady_clock::now() - std::chrono::hours(1);
  auto progress = [&](std::string_view stage, double fraction) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report < std::chrono::milliseconds(options_.report_every_ms)) return;
    last_report = now;
    const bool go_on = db_.transaction(Access::write, [&](Connection& c) {
      return store::report_job(c, job.id, owner_, options_.lease_ms, std::string(stage), fraction);
    });
    if (!go_on) cancel.request_stop();
  };
  auto end = [&](store::JobState state, const std::string& field, const std::string& error) {
    db_.transaction(Access::write, [&](Connection& c) { store::end_job(c, job.id, owner_, state, field, error); });
  };
  try {
    const auto [case_json, clinic] = db_.transaction(Access::read, [&](Connection& c) {
      const store::Rows rows = c.query("SELECT case_json FROM case_versions WHERE consultation_id = ? AND version = ?",
                                       {job.consultation_id, std::int64_t{job.case_version}});
      if (rows.empty()) throw std::runtime_error("the job's case version is gone");
      return std::pair{rows[0].text(0), ClinicJobSettings{store::clinic_setting(c, "price_book"), store::closed_days(c)}};
    });
    const auto files = run_clinic_job(job, case_json, clinic, options_.threads_per_job, progress, cancel.get_token());
    db_.transaction(Access::write, [&](Connection& c) {
      if (store::finish_job(c, cipher_, job.id, owner_, files) && job.kind == store::JobKind::plan)
        store::record_plan_recall(c, plan_recall(c, job, files));
    });
  } catch (const Cancelled&) {
    // Stopped by the server's own shutdown: left running, for the next server to take over.
    if (!server_stop.stop_requested()) end(store::JobState::cancelled, "", "cancelled");
  } catch (const InputError& e) {
    end(store::JobState::failed, e.field(), e.message());
  } catch (const PlanError& e) {
    end(store::JobState::failed, e.field(), e.reason());
  } catch (const std::exception& e) {
    fmt::print(stderr, "smp serve: job {}: {}\n", job.id, e.what());
    end(store::JobState::failed, "", "an internal error; the server's log has its cause");
  }
}

}  // namespace smp::server
