// The role x endpoint matrix, every cell, against a real server: each endpoint called
// without a session (401), and as each role: a role docs/roles.md does not grant the
// endpoint's permission gets 403 with one audited denial; a role it grants gets past the
// door (its answer is the handler's: a 2xx, or a 400/404/409/422 for the dummy records
// named here, never 401 or 403). Which endpoint needs which permission is written out
// here, apart from the server's code; which role holds it comes from docs/roles.md.
#include <set>

#include "api_fixture.h"
#include "roles_table.h"

namespace smp {
namespace {

class RoleMatrix : public Api {};
INSTANTIATE_TEST_SUITE_P(Engines, RoleMatrix, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         testing::engine_name);

struct Endpoint {
  std::string method, path, permission;
};

// Every route of the server behind a session (docs/openapi.yaml lists them with their
// roles). Dummy ids have the right form, so the route matches and the handler answers 404.
std::vector<Endpoint> endpoints(const std::string& patient) {
  const std::string P = "/api/patients/" + patient, C = "/api/consultations/C-0000000000",
                    J = "/api/jobs/J-000000000000", I = "/api/photos/I-0000000000", K = "/api/consents/K-0000000000",
                    Q = "/api/quotes/Q-0000000000", S = "/api/session-logs/S-0000000000",
                    G = "/api/gallery/G-00000000000000000000";
  return {
      {"GET", "/api/me", "own_account"},
      {"POST", "/api/me/password", "own_account"},
      {"GET", "/api/clinic/contact", "own_account"},
      {"GET", "/api/consent-templates", "own_account"},
      {"GET", "/api/patients?q=a", "view_patient_names"},
      {"GET", P, "view_patient_names"},
      {"POST", "/api/patients", "edit_patient_details"},
      {"PUT", P + "/details", "edit_patient_details"},
      {"GET", P + "/consultations", "view_clinical_record"},
      {"POST", P + "/consultations", "edit_clinical_record"},
      {"GET", C, "view_clinical_record"},
      {"PUT", C + "/case", "edit_clinical_record"},
      {"GET", C + "/case/versions", "view_clinical_record"},
      {"GET", C + "/candidacy", "view_clinical_record"},
      {"GET", C + "/live-design", "view_clinical_record"},
      {"POST", C + "/live-design/edits", "edit_clinical_record"},
      {"POST", C + "/jobs", "edit_clinical_record"},
      {"GET", C + "/jobs", "view_clinical_record"},
      {"GET", "/api/jobs?state=queued,running", "view_clinical_record"},
      {"GET", J, "view_clinical_record"},
      {"GET", J + "/events", "view_clinical_record"},
      {"POST", J + "/cancel", "edit_clinical_record"},
      {"GET", J + "/files/design.json", "view_clinical_record"},
      {"POST", J + "/session-move-check", "manage_appointments"},
      {"POST", C + "/photos?view=front", "take_photos"},
      {"GET", C + "/photos", "view_clinical_record"},
      {"GET", P + "/photos", "view_clinical_record"},
      {"GET", I, "view_clinical_record"},
      {"GET", I + "/image", "view_clinical_record"},
      {"GET", I + "/original", "view_clinical_record"},
      {"GET", I + "/landmark-suggestions", "view_clinical_record"},
      {"PUT", I + "/landmarks", "take_photos"},
      {"POST", S + "/photos?view=top", "record_sessions"},
      {"POST", C + "/photo-analysis", "take_photos"},
      {"GET", C + "/photo-analysis", "view_clinical_record"},
      {"GET", "/api/photo-analyses/N-0000000000/files/hair-coverage.png", "view_clinical_record"},
      {"GET", "/api/rooms", "view_appointments"},
      {"POST", "/api/rooms", "manage_clinic"},
      {"GET", "/api/appointments", "view_appointments"},
      {"POST", "/api/appointments", "manage_appointments"},
      {"POST", "/api/appointments/A-0000000000/cancel", "manage_appointments"},
      {"GET", "/api/recalls", "view_appointments"},
      {"GET", "/api/calendar-feeds", "manage_appointments"},
      {"POST", "/api/calendar-feeds", "manage_appointments"},
      {"POST", "/api/calendar-feeds/D-0000000000/revocation", "manage_appointments"},
      {"POST", "/api/session-logs", "record_sessions"},
      {"GET", S, "view_clinical_record"},
      {"PUT", S, "record_sessions"},
      {"POST", S + "/addenda", "record_sessions"},
      {"GET", P + "/session-logs", "view_clinical_record"},
      {"GET", "/api/pigment-lots/LOT-1/sessions", "trace_pigment_lots"},
      {"POST", P + "/follow-ups", "record_sessions"},
      {"GET", P + "/follow-ups", "view_clinical_record"},
      {"GET", "/api/red-flags", "view_clinical_record"},
      {"POST", "/api/follow-ups/F-0000000000/acknowledge", "acknowledge_red_flags"},
      {"GET", P + "/consents", "handle_consents"},
      {"POST", P + "/consents", "handle_consents"},
      {"GET", K, "handle_consents"},
      {"GET", K + "/signature", "handle_consents"},
      {"POST", K + "/withdrawal", "handle_consents"},
      {"POST", "/api/consent-templates", "manage_clinic"},
      {"PUT", "/api/clinic/contact", "manage_clinic"},
      {"GET", "/api/clinic/price-book", "view_price_book"},
      {"PUT", "/api/clinic/price-book", "manage_clinic"},
      {"GET", "/api/clinic/holidays", "own_account"},
      {"POST", "/api/clinic/holidays", "manage_clinic"},
      {"POST", "/api/clinic/holidays/2026-01-01/removal", "manage_clinic"},
      {"POST", C + "/quotes", "handle_billing"},
      {"GET", P + "/quotes", "handle_billing"},
      {"GET", Q, "handle_billing"},
      {"POST", Q + "/decision", "handle_billing"},
      {"POST", Q + "/payments", "handle_billing"},
      {"POST", Q + "/invoice", "handle_billing"},
      {"GET", "/api/invoices/1", "handle_billing"},
      {"GET", P + "/invoices", "handle_billing"},
      {"POST", P + "/links", "send_patient_links"},
      {"GET", P + "/links", "send_patient_links"},
      {"POST", "/api/patient-links/L-0000000000000000/revocation", "send_patient_links"},
      {"GET", "/api/gallery", "view_gallery"},
      {"GET", G, "view_gallery"},
      {"GET", G + "/side-by-side.jpg", "view_gallery"},
      {"GET", "/api/staff", "view_appointments"},
      {"GET", "/api/users", "manage_users"},
      {"POST", "/api/users", "manage_users"},
      {"POST", "/api/users/nobody/disable", "manage_users"},
      {"GET", "/api/audit", "review_audit"},
      {"GET", "/api/audit/verify", "review_audit"},
      {"POST", "/api/logout", "own_account"},  // last: it ends the caller's session
  };
}

Answer call(ApiClient& c, const Endpoint& e) {
  if (e.method == "GET") return c.get(e.path);
  return c.send(e.method, e.path, "{}");
}

TEST_P(RoleMatrix, EveryEndpointAsEveryRoleAndWithoutASession) {
  const auto table = roles_table();
  ApiClient desk = signed_in("desk");
  const std::string patient = new_patient(desk);
  const std::vector<Endpoint> all = endpoints(patient);
  const std::vector<std::pair<std::string, int>> roles = {{"admin", 0}, {"doctor", 1}, {"tech", 2}, {"desk", 3}};

  ApiClient nobody(server_->port());
  for (const Endpoint& e : all) {
    const Answer a = call(nobody, e);
    EXPECT_EQ(a.status, 401) << e.method << " " << e.path;
    EXPECT_EQ(a.json["error"]["code"], "unauthenticated") << e.method << " " << e.path;
  }
  for (const auto& [role, column] : roles) {
    ApiClient c = signed_in(role);
    for (const Endpoint& e : all) {
      const auto row = table.find(e.permission);
      ASSERT_NE(row, table.end()) << e.permission << " is not in docs/roles.md";
      const bool granted = row->second[column] == "yes";
      const long long denials = count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied'");
      const Answer a = call(c, e);
      const std::string cell = role + " " + e.method + " " + e.path + " (" + e.permission + ")";
      if (granted) {
        EXPECT_NE(a.status, 401) << cell << ": " << a.body;
        EXPECT_NE(a.status, 403) << cell << ": " << a.body;
        EXPECT_NE(a.status, 0) << cell << ": no answer";
        EXPECT_LT(a.status, 500) << cell << ": " << a.body;
      } else {
        EXPECT_EQ(a.status, 403) << cell << ": " << a.body;
        EXPECT_EQ(a.json["error"]["code"], "forbidden") << cell;
        EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied'"), denials + 1) << cell;
      }
    }
  }
}

// The web app builds each role's navigation from GET /api/me's permissions: they must be
// docs/roles.md's column for the role, no more, no less.
TEST_P(RoleMatrix, MeListsExactlyThePermissionsOfTheRole) {
  const auto table = roles_table();
  for (const auto& [role, column] : std::vector<std::pair<std::string, int>>{{"admin", 0}, {"doctor", 1}, {"tech", 2}, {"desk", 3}}) {
    ApiClient c = signed_in(role);
    const Answer me = c.get("/api/me");
    ASSERT_EQ(me.status, 200) << me.body;
    std::set<std::string> listed, expected;
    for (const auto& p : me.json["permissions"]) listed.insert(p.get<std::string>());
    for (const auto& [permission, cells] : table)
      if (cells[column] == "yes") expected.insert(permission);
    EXPECT_EQ(listed, expected) << role;
  }
}

}  // namespace
}  // namespace smp
