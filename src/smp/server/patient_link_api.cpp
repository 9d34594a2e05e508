#include <fmt/format.h>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/clinic_contact.h"
#include "smp/server/follow_up_triage.h"
#include "smp/store/appointments.h"
#include "smp/store/clock.h"
#include "smp/store/jobs.h"
#include "smp/store/patient_links.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kLinkPath = R"(/link/(L-[0-9A-F]{16}\.[0-9]{1,12}\.[0-9a-f]{64}))";

// What a link opens of its plan's files: the report (A4 and US Letter) and the calendar.
struct LinkFile {
  const char* path;
  const char* content_type;
};
constexpr LinkFile kLinkFiles[] = {{"report.pdf", "application/pdf"},
                                   {"report-letter.pdf", "application/pdf"},
                                   {"schedule.ics", "text/calendar; charset=utf-8"}};

nlohmann::json link_json(const store::PatientLink& l) {
  return {{"id", l.id},
          {"patient_id", l.patient_id},
          {"consultation_id", l.consultation_id},
          {"job_id", l.job_id},
          {"expires_at", store::iso_time(l.expires_at_ms)},
          {"created_by", l.created_by},
          {"created_at", store::iso_time(l.created_at_ms)},
          {"revoked", l.revoked_at_ms != 0}};
}

// The link's record, or 404 (forged: nothing tells whether such a link ever existed) or
// 410 (expired, revoked).
store::PatientLink valid_link(Connection& c, const store::BlobCipher& signer, const std::string& token) {
  const store::LinkLookup found = store::look_up_patient_link(c, signer, token, store::now_unix_ms());
  switch (found.check) {
    case store::LinkCheck::valid: return *found.link;
    case store::LinkCheck::expired:
      throw ApiError(410, "expired", "this link has expired: ask the clinic for a new one", "token");
    case store::LinkCheck::revoked:
      throw ApiError(410, "revoked", "this link was withdrawn by the clinic: ask the clinic for a new one", "token");
    case store::LinkCheck::forged: break;
  }
  throw ApiError(404, "not_found", "no such link", "token");
}

// What is done through a link is audited as the patient's, with the link's id.
store::AuditEvent link_event(const Call& call, AuditAction action, const std::string& entity,
                             const store::PatientLink& l) {
  store::AuditEvent e = call.audit(action, entity, l.id);
  e.role = "patient link";
  return e;
}

}  // namespace

void add_patient_link_api(Router& r, const store::BlobCipher& signer) {
  r.post(R"(/api/patients/(P-[0-9A-F]{10})/links)", Permission::send_patient_links, [&signer](Call& call) {
    JsonBody body = call.body();
    store::PatientLink l;
    l.patient_id = call.path_part(1);
    l.job_id = body.text("job_id");
    const long long days = body.optional_integer("valid_days").value_or(30);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing_patient(c, l.patient_id);
      const std::optional<store::Job> job = store::find_job(c, l.job_id);
      if (!job || job->kind != store::JobKind::plan || job->state != store::JobState::done)
        throw ApiError(400, "bad_request", "job_id: a link opens a finished plan job", "job_id");
      l.consultation_id = job->consultation_id;
      if (c.query("SELECT id FROM consultations WHERE id = ? AND patient_id = ?", {l.consultation_id, l.patient_id})
              .empty())
        throw ApiError(400, "bad_request", "job_id: the plan is another patient's", "job_id");
      const store::NewPatientLink made =
          store::create_patient_link(c, signer, l, static_cast<int>(std::clamp(days, 0LL, 1000LL)), call.user());
      store::append_audit(c, call.audit(AuditAction::create, "patient_link", made.link.id));
      return Reply(201, {{"link", link_json(made.link)}, {"path", "/link/" + made.token}});
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/links)", Permission::send_patient_links, [](Call& call) {
    return call.db.transaction(store::Access::read, [&](Connection& c) {
      existing_patient(c, call.path_part(1));
      nlohmann::json list = nlohmann::json::array();
      for (const store::PatientLink& l : store::patient_links_of(c, call.path_part(1))) list.push_back(link_json(l));
      return Reply(200, {{"links", list}});
    });
  });

  r.post(R"(/api/patient-links/(L-[0-9A-F]{16})/revocation)", Permission::send_patient_links, [](Call& call) {
    call.body().no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      if (!store::revoke_patient_link(c, call.path_part(1)))
        throw ApiError(404, "not_found", "no patient link " + call.path_part(1), "id");
      store::append_audit(c, call.audit(AuditAction::update, "patient_link", call.path_part(1)));
      return Reply(204);
    });
  });

  // What the patient's page shows: how to reach the clinic, the coming appointments, the
  // plan's files and the symptoms the form takes. No name: the link may be forwarded.
  r.get(kLinkPath, Public{}, [&signer](Call& call) {
    return call.read([&](Connection& c) {
      const store::PatientLink l = valid_link(c, signer, call.path_part(1));
      const long long now = store::now_unix_ms();
      nlohmann::json appointments = nlohmann::json::array();
      for (const store::Appointment& a : store::appointments_of(c, l.patient_id))
        if (a.state == store::AppointmentState::booked && a.ends_at_ms > now)
          appointments.push_back({{"kind", store::appointment_kind_name(a.kind)},
                                  {"session_number", a.session_number ? nlohmann::json(a.session_number) : nlohmann::json(nullptr)},
                                  {"starts_at", store::iso_time(a.starts_at_ms)},
                                  {"ends_at", store::iso_time(a.ends_at_ms)}});
      nlohmann::json files = nlohmann::json::array();
      for (const LinkFile& f : kLinkFiles) files.push_back(f.path);
      call.audit_read(link_event(call, AuditAction::read, "patient_link", l));
      return Reply(200, {{"patient_id", l.patient_id},
                         {"expires_at", store::iso_time(l.expires_at_ms)},
                         {"clinic", clinic_contact(c).json()},
                         {"appointments", appointments},
                         {"files", files},
                         {"symptoms", {"redness", "itching", "swelling", "rash", "swollen_lymph_nodes", "fever", "pus"}}});
    });
  });

  r.get(std::string(kLinkPath) + R"(/files/(report\.pdf|report-letter\.pdf|schedule\.ics))", Public{},
        [&signer](Call& call) {
          return call.read([&](Connection& c) {
            const store::PatientLink l = valid_link(c, signer, call.path_part(1));
            const std::string path = call.path_part(2);
            std::optional<std::string> bytes = store::job_file(c, signer, l.job_id, path);
            if (!bytes) throw ApiError(404, "not_found", "the plan has no " + path, "path");
            call.audit_read(link_event(call, AuditAction::read, "report", l));
            Reply reply(200);
            for (const LinkFile& f : kLinkFiles)
              if (path == f.path) reply.content_type = f.content_type;
            reply.bytes = std::move(*bytes);
            reply.headers.emplace("Cache-Control", "private, no-store");
            return reply;
          });
        });

  // The "contact the clinic" form: the symptom triaged with the plan's rules; a "contact
  // now" answer shows on the clinic's red-flag list at once.
  r.post(std::string(kLinkPath) + "/symptoms", Public{}, [&signer](Call& call) {
    JsonBody body = call.body();
    store::FollowUp f = symptom_report(body);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::PatientLink l = valid_link(c, signer, call.path_part(1));
      f.patient_id = l.patient_id;
      f.consultation_id = l.consultation_id;
      const store::FollowUp added = triage_and_store(c, f, "patient link " + l.id);
      store::append_audit(c, link_event(call, AuditAction::create, "follow_up", l));
      const ClinicContact contact = clinic_contact(c);
      return Reply(201, {{"urgency", added.urgency},
                         {"reason", added.reason},
                         {"contact_now", added.urgency == "contact_clinic_now"},
                         {"clinic", contact.json()},
                         {"how_to_reach", contact.reach_text()}});
    });
  });
}

}  // namespace smp::server
