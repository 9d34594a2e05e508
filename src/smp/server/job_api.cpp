#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/consultations.h"
#include "smp/store/jobs.h"
#include "smp/store/clock.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kJobPath = R"(/api/jobs/(J-[0-9A-F]{12}))";
constexpr auto kEventPoll = std::chrono::milliseconds(250);

nlohmann::json job_json(const store::Job& j) {
  nlohmann::json out = {{"id", j.id},
                        {"consultation_id", j.consultation_id},
                        {"case_version", j.case_version},
                        {"kind", store::job_kind_name(j.kind)},
                        {"state", store::job_state_name(j.state)},
                        {"stage", j.stage},
                        {"fraction", j.fraction},
                        {"cancel_requested", j.cancel_requested},
                        {"attempts", j.attempts},
                        {"created_at", store::iso_time(j.created_at_ms)}};
  if (j.started_at_ms) out["started_at"] = store::iso_time(j.started_at_ms);
  if (j.finished_at_ms) out["finished_at"] = store::iso_time(j.finished_at_ms);
  if (j.state == store::JobState::failed)
    out["error"] = {{"field", j.error_field.empty() ? nlohmann::json(nullptr) : nlohmann::json(j.error_field)},
                    {"message", j.error}};
  return out;
}

bool finished(store::JobState s) { return s == store::JobState::done || s == store::JobState::failed || s == store::JobState::cancelled; }

store::Job existing(Connection& c, const std::string& id) {
  std::optional<store::Job> j = store::find_job(c, id);
  if (!j) throw ApiError(404, "not_found", "no job " + id, "id");
  return *j;
}

// The file's type by its name; a report page is sandboxed (it holds its pictures inline).
std::string content_type_of(const std::string& path) {
  const std::string ext = path.substr(path.rfind('.') + 1);
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "pdf") return "application/pdf";
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "csv") return "text/csv; charset=utf-8";
  if (ext == "ics") return "text/calendar; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void add_job_api(Router& r, JobServices services) {
  r.post(R"(/api/consultations/(C-[0-9A-F]{10})/jobs)", Permission::edit_clinical_record, [services](Call& call) {
    JsonBody body = call.body();
    const std::string kind_text = body.text("kind");
    body.no_other_fields();
    const std::optional<store::JobKind> kind = store::parse_job_kind(kind_text);
    if (!kind) throw ApiError(400, "bad_request", "kind: must be design, render or plan", "kind");
    Reply reply = call.db.transaction(store::Access::write, [&](Connection& c) {
      const std::optional<store::Consultation> k = store::find_consultation(c, call.path_part(1));
      if (!k) throw ApiError(404, "not_found", "no consultation " + call.path_part(1), "id");
      const store::Job j = store::enqueue_job(c, k->id, k->current.version, *kind, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "job", j.id));
      Reply reply(202, {{"job", job_json(j)}});
      reply.headers.emplace("Location", "/api/jobs/" + j.id);
      return reply;
    });
    services.wake();
    return reply;
  });

  r.get(R"(/api/consultations/(C-[0-9A-F]{10})/jobs)", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::Job& j : store::jobs_of(c, call.path_part(1))) list.push_back(job_json(j));
      call.audit_read(AuditAction::read, "jobs", call.path_part(1));
      return Reply(200, {{"jobs", list}});
    });
  });

  // The clinic's jobs, newest first: ?state=queued,running (any of those; every state if
  // none), at most `limit`, each with its consultation's patient.
  r.get("/api/jobs", Permission::view_clinical_record, [](Call& call) {
    const long long limit = call.query_integer("limit", 100, 1, 1000);
    const std::string state_list = call.request.get_param_value("state");
    std::vector<store::JobState> states;
    for (std::string_view rest = state_list; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      const std::optional<store::JobState> s = store::parse_job_state(rest.substr(0, comma));
      if (!s) throw ApiError(400, "bad_request", "state: each must be queued, running, done, failed or cancelled", "state");
      states.push_back(*s);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return call.read([&](Connection& c) {
      nlohmann::json list = nlohmann::json::array();
      for (const store::ListedJob& l : store::jobs_in_states(c, states, static_cast<std::size_t>(limit))) {
        nlohmann::json j = job_json(l.job);
        j["patient_id"] = l.patient_id;
        if (call.may(Permission::view_patient_names)) j["patient_name"] = l.patient_name;
        list.push_back(std::move(j));
      }
      call.audit_read(AuditAction::read, "jobs", "");
      return Reply(200, {{"jobs", list}});
    });
  });

  r.get(kJobPath, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Job j = existing(c, call.path_part(1));
      nlohmann::json out = job_json(j);
      nlohmann::json files = nlohmann::json::array();
      for (const store::JobFile& f : store::job_files(c, j.id))
        files.push_back({{"path", f.path}, {"size_bytes", f.size_bytes}, {"sha256", f.sha256},
                         {"content_type", content_type_of(f.path)}});
      out["files"] = files;
      call.audit_read(AuditAction::read, "job", j.id);
      return Reply(200, {{"job", out}});
    });
  });

  // Server-sent events: "progress" with the job's JSON whenever it changed, then "end".
  r.get(std::string(kJobPath) + "/events", Permission::view_clinical_record, [](Call& call) {
    const std::string id = call.path_part(1);
    call.read([&](Connection& c) {
      existing(c, id);
      call.audit_read(AuditAction::read, "job", id);
    });
    Reply reply(200);
    reply.content_type = "text/event-stream";
    reply.headers.emplace("X-Accel-Buffering", "no");
    store::Database* db = &call.db;
    auto last = std::make_shared<std::string>();
    reply.stream = [db, id, last](std::size_t, httplib::DataSink& sink) {
      try {
        const store::Job j = db->transaction(store::Access::read, [&](Connection& c) { return existing(c, id); });
        const std::string data = job_json(j).dump();
        if (data != *last) {
          *last = data;
          const std::string event = fmt::format("event: progress\ndata: {}\n\n", data);
          if (!sink.write(event.data(), event.size())) return false;
        }
        if (finished(j.state)) {
          const std::string end = "event: end\ndata: {}\n\n";
          sink.write(end.data(), end.size());
          sink.done();
          return true;
        }
        std::this_thread::sleep_for(kEventPoll);
        return sink.is_writable();
      } catch (const std::exception& e) {
        fmt::print(stderr, "smp serve: job events {}: {}\n", id, e.what());
        return false;
      }
    };
    return reply;
  });

  r.post(std::string(kJobPath) + "/cancel", Permission::edit_clinical_record, [](Call& call) {
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      store::Job j = existing(c, call.path_part(1));
      if (!store::cancel_job(c, j.id))
        throw ApiError(409, "conflict", fmt::format("the job has ended ({})", store::job_state_name(j.state)), "state");
      store::append_audit(c, call.audit(AuditAction::update, "job", j.id));
      return Reply(202, {{"job", job_json(existing(c, j.id))}});
    });
  });

  r.get(std::string(kJobPath) + "/files/(.+)", Permission::view_clinical_record, [services](Call& call) {
    const std::string id = call.path_part(1), path = call.path_part(2);
    return call.read([&](Connection& c) {
      existing(c, id);
      std::optional<std::string> bytes = store::job_file(c, services.cipher, id, path);
      if (!bytes) throw ApiError(404, "not_found", "the job has no file " + path, "path");
      call.audit_read(AuditAction::read, "job_file", id);
      Reply reply(200);
      reply.content_type = content_type_of(path);
      reply.bytes = std::move(*bytes);
      if (path.ends_with(".html"))  // the report: its own pictures inline, no script, no network
        reply.headers.emplace("Content-Security-Policy",
                              "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return reply;
    });
  });
}

}  // namespace smp::server
