// The API end to end: a real `smp serve` on a loopback port, on SQLite and on PostgreSQL,
// driven over HTTP as the web app will. Staff are added with `smp user add`.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "api_fixture.h"
#include "smp/case/case_json.h"
#include "smp/io/input_error.h"
#include "smp/store/audit_log.h"
#include "smp/store/migrations.h"
#include "store_support.h"

namespace smp {
namespace {

INSTANTIATE_TEST_SUITE_P(Engines, Api, ::testing::Values(Engine::sqlite, Engine::postgresql), testing::engine_name);

TEST_P(Api, HealthNeedsNoSignInAndEveryAnswerCarriesTheSecurityHeaders) {
  ApiClient anyone(server_->port());
  const Answer a = anyone.get("/api/health");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.json["status"], "ok");
  EXPECT_EQ(a.json["schema_version"], store::latest_schema_version());
  EXPECT_EQ(a.json["engine"], GetParam() == Engine::sqlite ? "sqlite" : "postgresql");
  for (const Answer& r : {a, anyone.get("/api/patients"), anyone.get("/api/no-such-thing")}) {
    EXPECT_EQ(r.header("Content-Security-Policy"),
              "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
  }
  const Answer missing = anyone.get("/api/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["error"]["code"], "not_found");
}

TEST_P(Api, SignInSetsAnHttpOnlyStrictCookieAndFailuresAreAudited) {
  ApiClient c(server_->port());
  const Answer wrong = c.sign_in("doctor", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.header("Set-Cookie"), "");
  EXPECT_EQ(c.sign_in("nobody", kPassword).status, 401);
  const Answer ok = c.sign_in("doctor", kPassword);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json["user"]["role"], "doctor");
  EXPECT_EQ(ok.json["csrf_token"].get<std::string>().size(), 64u);
  const std::string cookie = ok.header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("smp_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP on loopback
  EXPECT_EQ(c.get("/api/me").json["user"]["name"], "doctor");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND outcome = 'failed'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND outcome = 'ok'"), 1);
  // Signed out, the cookie no longer opens anything.
  EXPECT_EQ(c.post("/api/logout", nlohmann::json::object()).status, 204);
  EXPECT_EQ(c.get("/api/me").status, 401);
}

TEST_P(Api, AUserChangesTheirOwnPassword) {
  ApiClient tech = signed_in("tech");
  const Answer wrong = tech.post("/api/me/password", {{"current_password", "not it at all"}, {"new_password", "another long password"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.error_field(), "current_password");
  const Answer shorter = tech.post("/api/me/password", {{"current_password", kPassword}, {"new_password", "too short"}});
  EXPECT_EQ(shorter.status, 400);
  EXPECT_EQ(shorter.error_field(), "new_password");
  EXPECT_EQ(tech.post("/api/me/password", {{"current_password", kPassword}, {"new_password", "another long password"}}).status, 204);
  EXPECT_EQ(ApiClient(server_->port()).sign_in("tech", kPassword).status, 401);
  EXPECT_EQ(ApiClient(server_->port()).sign_in("tech", "another long password").status, 200);
}

TEST_P(Api, SignInIsRefusedForFifteenMinutesAfterFiveFailures) {
  ApiClient c(server_->port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.sign_in("desk", "wrong password " + std::to_string(i)).status, 401);
  const Answer locked = c.sign_in("desk", kPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(locked.json["error"]["message"].get<std::string>().find("try again in"), std::string::npos);
  // Another account from the same address is not locked by these five.
  EXPECT_EQ(c.sign_in("tech", kPassword).status, 200);
}

TEST_P(Api, EveryEndpointButHealthAndSignInNeedsASession) {
  ApiClient anyone(server_->port());
  for (const char* path : {"/api/me", "/api/patients", "/api/patients/P-0123456789", "/api/users", "/api/audit",
                           "/api/audit/verify"}) {
    const Answer a = anyone.get(path);
    EXPECT_EQ(a.status, 401) << path;
    EXPECT_EQ(a.json["error"]["code"], "unauthenticated") << path;
  }
  EXPECT_EQ(anyone.post("/api/patients", {{"full_name", "X"}, {"birth_date", "1980-01-01"}}).status, 401);
  // A made-up cookie is no session either.
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"), 0);
}

TEST_P(Api, AChangeWithoutTheCsrfTokenIsRefusedAndWritesNothing) {
  ApiClient desk = signed_in("desk");
  desk.forget_csrf();
  const Answer a = desk.post("/api/patients", {{"full_name", "Ann Lee"}, {"birth_date", "1980-01-01"}});
  EXPECT_EQ(a.status, 403);
  EXPECT_EQ(a.error_field(), "X-CSRF-Token");
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"), 0);
}

// Every role against every endpoint: the expected cell written out here (docs/roles.md),
// not read from the server's own table. Denied: 403 and an audit row.
TEST_P(Api, EveryRoleMayDoExactlyWhatDocsRolesSays) {
  ApiClient desk_for_setup = signed_in("desk");
  struct Endpoint {
    std::string method, path;
    nlohmann::json body;
    std::set<std::string> allowed;
  };
  const std::string patient = new_patient(desk_for_setup);
  int fresh = 0;
  auto endpoints = [&] {
    ++fresh;
    return std::vector<Endpoint>{
        {"GET", "/api/me", nullptr, {"admin", "doctor", "tech", "desk"}},
        {"GET", "/api/patients?q=jon", nullptr, {"doctor", "tech", "desk"}},
        {"POST", "/api/patients", {{"full_name", "Ann Lee"}, {"birth_date", "1980-01-01"}}, {"doctor", "desk"}},
        {"GET", "/api/patients/" + patient, nullptr, {"doctor", "tech", "desk"}},
        {"GET", "/api/patients/" + patient + "/consultations", nullptr, {"doctor", "tech"}},
        {"POST", "/api/patients/" + patient + "/consultations", {{"case", example_case("norwood3-soft-hairline.toml")}},
         {"doctor"}},
        {"GET", "/api/users", nullptr, {"admin"}},
        {"POST", "/api/users", {{"name", "new" + std::to_string(fresh)}, {"role", "technician"}, {"password", kPassword}},
         {"admin"}},
        {"GET", "/api/audit", nullptr, {"admin"}},
        {"GET", "/api/audit/verify", nullptr, {"admin"}},
    };
  };
  for (const std::string role : {"admin", "doctor", "tech", "desk"}) {
    ApiClient c = signed_in(role);
    for (const Endpoint& e : endpoints()) {
      const long long denials = count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied'");
      const Answer a = e.method == "GET" ? c.get(e.path) : c.post(e.path, e.body);
      const bool allowed = e.allowed.contains(role);
      if (allowed) {
        EXPECT_GE(a.status, 200) << role << " " << e.method << " " << e.path << ": " << a.body;
        EXPECT_LT(a.status, 300) << role << " " << e.method << " " << e.path << ": " << a.body;
      } else {
        EXPECT_EQ(a.status, 403) << role << " " << e.method << " " << e.path;
        EXPECT_EQ(a.json["error"]["code"], "forbidden") << role << " " << e.path;
        EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied'"), denials + 1)
            << role << " " << e.path << ": the denial is audited";
      }
    }
  }
  // Editing details (with its version), by role.
  for (const std::string role : {"admin", "doctor", "tech", "desk"}) {
    ApiClient c = signed_in(role);
    const Answer current = signed_in("desk").get("/api/patients/" + patient);
    const Answer a = c.put("/api/patients/" + patient + "/details",
                           {{"version", current.json["patient"]["version"]},
                            {"full_name", "Jonas Åberg"},
                            {"birth_date", "1979-04-02"},
                            {"phone", "+46 70 123 45 67"},
                            {"email", "jonas@example.org"}});
    EXPECT_EQ(a.status, role == "doctor" || role == "desk" ? 200 : 403) << role << ": " << a.body;
  }
}

TEST_P(Api, APatientIsRegisteredFoundReadAndEditedWithVersions) {
  ApiClient desk = signed_in("desk");
  const std::string id = new_patient(desk);
  EXPECT_TRUE(id.starts_with("P-"));
  // Found as you type, in any case.
  const Answer found = desk.get("/api/patients?q=%C3%85BERG&limit=10");  // "ÅBERG": Å is not folded
  EXPECT_EQ(found.status, 200);
  const Answer found_lower = desk.get("/api/patients?q=berg");
  ASSERT_EQ(found_lower.json["total"], 1);
  EXPECT_EQ(found_lower.json["patients"][0]["id"], id);
  EXPECT_EQ(found_lower.json["patients"][0]["phone"], "+46 70 123 45 67");
  // The technician sees who it is, not how to reach them.
  ApiClient tech = signed_in("tech");
  const Answer seen = tech.get("/api/patients/" + id);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json["patient"]["full_name"], "Jonas Åberg");
  EXPECT_FALSE(seen.json["patient"].contains("phone"));
  EXPECT_FALSE(seen.json["patient"].contains("email"));
  // The doctor edits version 1; the front desk's edit, also made from version 1, is stale.
  ApiClient doctor = signed_in("doctor");
  nlohmann::json edit = {{"version", 1},
                         {"full_name", "Jonas Åberg"},
                         {"birth_date", "1979-04-02"},
                         {"phone", "+46 70 765 43 21"},
                         {"email", "jonas@example.org"}};
  const Answer v2 = doctor.put("/api/patients/" + id + "/details", edit);
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(v2.json["patient"]["version"], 2);
  edit["phone"] = "+46 70 000 00 00";
  const Answer stale = desk.put("/api/patients/" + id + "/details", edit);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_field(), "version");
  EXPECT_EQ(desk.get("/api/patients/" + id).json["patient"]["phone"], "+46 70 765 43 21");
  EXPECT_EQ(desk.get("/api/patients/P-0000000000").status, 404);
  // Every read is in the audit log, by pseudonym; no name anywhere in it or in the server's log.
  // Two reads of the record (the technician's, the front desk's after the conflict).
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity_id = '" + id + "'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'search' AND entity_id = ''"), 2);
  const std::string log = server_->log();
  for (const char* name : {"Jonas", "berg", "BERG", "jonas@"}) {
    EXPECT_EQ(log.find(name), std::string::npos) << name << " in the server's log";
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM audit_log WHERE user_id || role || action || entity || "
                                "entity_id || address || outcome LIKE '%") +
                    name + "%'"),
              0)
        << name << " in the audit log";
  }
}

TEST_P(Api, AConsultationKeepsEveryVersionOfItsCaseAndRefusesAStaleEdit) {
  ApiClient desk = signed_in("desk");
  const std::string patient = new_patient(desk);
  ApiClient doctor = signed_in("doctor");
  const Answer opened = doctor.post("/api/patients/" + patient + "/consultations", {{"case", example_case("norwood6-buzzcut.toml")}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = opened.json["consultation"]["id"];
  EXPECT_EQ(opened.header("Location"), "/api/consultations/" + id);
  nlohmann::json c = opened.json["consultation"]["case"];
  EXPECT_EQ(c["patient"]["id"], patient);  // the record's pseudonym, whatever the file said
  EXPECT_EQ(c["hair_loss"]["stage"], "VI");
  EXPECT_EQ(opened.json["consultation"]["case_version"], 1);
  // Two clinicians edit version 1: the first wins, the second gets 409 and changes nothing.
  c["hairline"]["mid_frontal_cm"] = 7.5;
  const Answer v2 = doctor.put("/api/consultations/" + id + "/case", {{"version", 1}, {"case", c}});
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(v2.json["consultation"]["case_version"], 2);
  c["hairline"]["mid_frontal_cm"] = 9.0;
  const Answer stale = doctor.put("/api/consultations/" + id + "/case", {{"version", 1}, {"case", c}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_field(), "version");
  // A bad value is named by its field in the case; a file path is refused.
  nlohmann::json bad = c;
  bad["hair_loss"]["stage"] = "XI";
  const Answer refused = doctor.put("/api/consultations/" + id + "/case", {{"version", 2}, {"case", bad}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_field(), "case.hair_loss.stage") << refused.body;
  bad = c;
  bad["plan"]["price_book"] = "../../etc/passwd";
  EXPECT_EQ(doctor.put("/api/consultations/" + id + "/case", {{"version", 2}, {"case", bad}}).error_field(),
            "case.plan.price_book");
  // The technician reads, the front desk does not; neither edits.
  ApiClient tech = signed_in("tech");
  const Answer read = tech.get("/api/consultations/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json["consultation"]["case"]["hairline"]["mid_frontal_cm"], 7.5);
  EXPECT_EQ(desk.get("/api/consultations/" + id).status, 403);
  EXPECT_EQ(tech.put("/api/consultations/" + id + "/case", {{"version", 2}, {"case", c}}).status, 403);
  const Answer history = doctor.get("/api/consultations/" + id + "/case/versions");
  ASSERT_EQ(history.json["versions"].size(), 2u);
  EXPECT_EQ(history.json["versions"][0]["case"]["hairline"]["mid_frontal_cm"], 8.0);
  EXPECT_EQ(history.json["versions"][1]["case"]["hairline"]["mid_frontal_cm"], 7.5);
  EXPECT_EQ(history.json["versions"][1]["saved_by"], opened.json["consultation"]["saved_by"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_versions"), 2);
}

// The hairline editor's API: the design as the screen draws it, a drag answered with the
// dots that changed, the dropped point saved as a new case version.
TEST_P(Api, TheLiveDesignFollowsADraggedHairlineAndSavesItsPoint) {
  ApiClient desk = signed_in("desk"), doctor = signed_in("doctor"), tech = signed_in("tech");
  const std::string id = norwood6_consultation(desk, doctor);
  ASSERT_FALSE(id.empty());
  const std::string path = "/api/consultations/" + id + "/live-design";
  const Answer first = doctor.get(path);
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 300);
  // To a browser, gzipped by the server itself (not Brotli-11 by cpp-httplib: 2.7 s for
  // this body), to about a third.
  EXPECT_EQ(first.header("Content-Type"), "application/json; charset=utf-8");
  const Answer zipped = doctor.get_as_browser(path);
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_LT(zipped.body.size(), first.body.size() / 2);
  EXPECT_GT(zipped.body.size(), 1000u);
  const nlohmann::json& d = first.json;
  EXPECT_EQ(d["revision"], 0);
  EXPECT_EQ(d["case_version"], 1);
  const long long dots = d["dots"]["count"];
  EXPECT_GT(dots, 20000);  // Norwood VI, buzz cut: ~32k impressions
  for (const char* column : {"id", "session", "u_mm", "v_mm"})
    EXPECT_EQ(d["dots"][column].size(), static_cast<std::size_t>(dots)) << column;
  const nlohmann::json& a = d["hairline"]["assessment"];
  EXPECT_NEAR(a["mid_frontal_above_glabella_cm"].get<double>(), 8.0, 0.02);
  EXPECT_EQ(a["patient_age"], 47);
  EXPECT_EQ(a["minimum_for_age_cm"], 8.0);
  EXPECT_EQ(a["too_low_for_age"], false);
  EXPECT_EQ(d["hairline"]["edge"].size(), 361u);
  EXPECT_EQ(d["guides"]["mid_frontal_heights"].size(), 3u);
  EXPECT_GT(d["guides"]["lateral_epicanthal_lines"]["left"].size(), 20u);
  const double u = d["hairline"]["points"]["mid_frontal"][0], v = d["hairline"]["points"]["mid_frontal"][1];
  // The technician sees the design; the front desk does not.
  EXPECT_EQ(tech.get(path).status, 200);
  EXPECT_EQ(desk.get(path).status, 403);

  // Dragged 10 mm down the forehead (chart v grows towards the face): dots go and come in
  // the band, the line is flagged too low for a 47-year-old, nothing is saved yet.
  const nlohmann::json lower = {{"kind", "move_hairline_point"}, {"point", "mid_frontal"}, {"u_mm", u}, {"v_mm", v + 10}};
  const Answer moved = doctor.post(path + "/edits", {{"revision", 0}, {"edit", lower}});
  ASSERT_EQ(moved.status, 200) << moved.body.substr(0, 300);
  EXPECT_EQ(moved.json["revision"], 1);
  EXPECT_EQ(moved.json["saved"], false);
  EXPECT_EQ(moved.json["case_version"], 1);
  const long long removed = moved.json["removed"].size(), added = moved.json["added"]["count"];
  EXPECT_GT(added, 100);
  EXPECT_EQ(moved.json["dot_count"], dots - removed + added);
  EXPECT_GT(moved.json["band_area_cm2"].get<double>(), 1.0);
  EXPECT_LT(moved.json["hairline"]["assessment"]["mid_frontal_above_glabella_cm"].get<double>(), 7.2);
  EXPECT_EQ(moved.json["hairline"]["assessment"]["too_low_for_age"], true);
  EXPECT_NEAR(moved.json["hairline"]["points"]["mid_frontal"][1].get<double>(), v + 10, 0.011);
  // A screen that missed an edit is told to load the design again.
  const Answer stale = doctor.post(path + "/edits", {{"revision", 0}, {"edit", lower}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_field(), "revision");
  // Bad edits are named by their field; a point off the scalp cannot be planned.
  nlohmann::json bad = lower;
  bad["point"] = "widows_peak";
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}}).error_field(), "edit.point");
  bad = lower, bad["u_mm"] = 900;
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}}).error_field(), "edit.u_mm");
  bad = lower, bad["kind"] = "erase";
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}}).error_field(), "edit.kind");
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", lower}, {"save", true}}).error_field(), "version");
  bad = lower, bad["point"] = "temporal_left", bad["u_mm"] = 0, bad["v_mm"] = 1;
  const Answer off = doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}});
  EXPECT_EQ(off.status, 422) << off.body;
  EXPECT_EQ(off.error_field(), "hairline.temporal_left");
  EXPECT_EQ(tech.post(path + "/edits", {{"revision", 1}, {"edit", lower}}).status, 403);

  // Dropped: saved as version 2 with the placed point, the kept design at that version.
  const Answer dropped = doctor.post(path + "/edits", {{"revision", 1}, {"edit", lower}, {"save", true}, {"version", 1}});
  ASSERT_EQ(dropped.status, 200) << dropped.body.substr(0, 300);
  EXPECT_EQ(dropped.json["case_version"], 2);
  EXPECT_EQ(dropped.json["revision"], 2);
  const nlohmann::json saved = doctor.get("/api/consultations/" + id).json["consultation"];
  EXPECT_EQ(saved["case_version"], 2);
  ASSERT_EQ(saved["case"]["hairline"]["points"].size(), 1u);
  EXPECT_EQ(saved["case"]["hairline"]["points"][0]["point"], "mid_frontal");
  EXPECT_NEAR(saved["case"]["hairline"]["points"][0]["v_mm"].get<double>(), v + 10, 0.006);
  const Answer again = doctor.get(path);
  EXPECT_EQ(again.json["revision"], 2);  // the kept design, not a new one
  EXPECT_EQ(again.json["case_version"], 2);
  // A preview never dropped is not what a reload shows: the design comes from the case.
  nlohmann::json further = lower;
  further["v_mm"] = v + 14;
  ASSERT_EQ(doctor.post(path + "/edits", {{"revision", 2}, {"edit", further}}).status, 200);
  const Answer reloaded = doctor.get(path);
  EXPECT_EQ(reloaded.json["revision"], 0);
  EXPECT_NEAR(reloaded.json["hairline"]["points"]["mid_frontal"][1].get<double>(), v + 10, 0.011);
  // A save from an old case version is refused and the design is built again from the case.
  const Answer conflict = doctor.post(path + "/edits", {{"revision", 0}, {"edit", lower}, {"save", true}, {"version", 1}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_versions"), 2);
  const Answer rebuilt = doctor.get(path);
  EXPECT_EQ(rebuilt.json["revision"], 0);
  EXPECT_NEAR(rebuilt.json["hairline"]["points"]["mid_frontal"][1].get<double>(), v + 10, 0.011);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'live_design' AND entity_id = '" + id + "'"), 4);
}

// The goals step: the regions with their outlines and numbers; a clicked goal planned
// again at once and saved in the case's [goals].
TEST_P(Api, TheLiveDesignSetsARegionsGoalAndSavesIt) {
  ApiClient desk = signed_in("desk"), doctor = signed_in("doctor");
  const std::string id = norwood6_consultation(desk, doctor);
  ASSERT_FALSE(id.empty());
  const std::string path = "/api/consultations/" + id + "/live-design";
  const Answer first = doctor.get(path);
  ASSERT_EQ(first.status, 200);
  const nlohmann::json& regions = first.json["regions"];
  ASSERT_EQ(regions.size(), 9u);
  long long dots = 0, vertex_dots = -1;
  for (const nlohmann::json& r : regions) {
    SCOPED_TRACE(r["region"].get<std::string>());
    EXPECT_EQ(r["goal"], "buzz_cut");  // the Norwood VI example's default
    EXPECT_GE(r["outline_mm"].size(), 1u);
    EXPECT_GE(r["outline_mm"][0].size(), 3u);
    EXPECT_GT(r["area_cm2"].get<double>(), 0);
    dots += r["dots"].get<long long>();
    if (r["region"] == "vertex") vertex_dots = r["dots"];
  }
  EXPECT_EQ(dots, first.json["dots"]["count"].get<long long>());
  EXPECT_GT(vertex_dots, 3000);
  EXPECT_EQ(first.json["density"]["final_density_per_cm2"], 105);  // the defaults
  EXPECT_EQ(first.json["density"]["dot_diameter_um"], 250);

  // The crown left out: its dots go, the others stay (but for the band along its border,
  // planned again), version 2 holds the goal.
  const nlohmann::json none = {{"kind", "set_region_goal"}, {"region", "vertex"}, {"goal", "none"}};
  const Answer set = doctor.post(path + "/edits", {{"revision", 0}, {"edit", none}, {"save", true}, {"version", 1}});
  ASSERT_EQ(set.status, 200) << set.body.substr(0, 300);
  EXPECT_EQ(set.json["case_version"], 2);
  EXPECT_NEAR(set.json["dot_count"].get<double>(), dots - vertex_dots, 0.02 * vertex_dots);
  for (const nlohmann::json& r : set.json["regions"])
    if (r["region"] == "vertex") {
      EXPECT_EQ(r["goal"], "none");
      EXPECT_EQ(r["dots"], 0);
    }
  const nlohmann::json saved = doctor.get("/api/consultations/" + id).json["consultation"]["case"];
  EXPECT_EQ(saved["goals"]["vertex"], "none");
  // Unknown names are refused at their field.
  nlohmann::json bad = none;
  bad["region"] = "forehead";
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}}).error_field(), "edit.region");
  bad = none, bad["goal"] = "long_hair";
  EXPECT_EQ(doctor.post(path + "/edits", {{"revision", 1}, {"edit", bad}}).error_field(), "edit.goal");
}

TEST_P(Api, TheCandidacyVerdictFollowsTheSavedQuestionnaire) {
  ApiClient desk = signed_in("desk"), doctor = signed_in("doctor");
  const std::string patient = new_patient(desk);
  const Answer opened =
      doctor.post("/api/patients/" + patient + "/consultations", {{"case", example_case("norwood6-buzzcut.toml")}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string path = "/api/consultations/" + opened.json["consultation"]["id"].get<std::string>();
  const Answer first = doctor.get(path + "/candidacy");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["candidacy"]["verdict"], "candidate");
  EXPECT_EQ(first.json["candidacy"]["suggested_goals"], nlohmann::json::array({"buzz_cut"}));
  // A known pigment allergy: refer to an allergist, with the reason in words.
  nlohmann::json c = opened.json["consultation"]["case"];
  c["candidacy"]["pigment_allergy"] = true;
  ASSERT_EQ(doctor.put(path + "/case", {{"version", 1}, {"case", c}}).status, 200);
  const Answer allergy = doctor.get(path + "/candidacy");
  EXPECT_EQ(allergy.json["case_version"], 2);
  EXPECT_EQ(allergy.json["candidacy"]["verdict"], "refer");
  EXPECT_NE(allergy.json["candidacy"]["reasons"][0].get<std::string>().find("patch-test"), std::string::npos);
  // Chemotherapy still going on: not now, and when to come back.
  c["candidacy"] = {{"causes", {"chemotherapy"}}, {"chemotherapy_ongoing", true}};
  ASSERT_EQ(doctor.put(path + "/case", {{"version", 2}, {"case", c}}).status, 200);
  const Answer chemo = doctor.get(path + "/candidacy");
  EXPECT_EQ(chemo.json["candidacy"]["verdict"], "not_now");
  EXPECT_TRUE(chemo.json["candidacy"]["come_back_after_months"].is_number_integer());
  EXPECT_EQ(desk.get(path + "/candidacy").status, 403);
  c.erase("candidacy");
  ASSERT_EQ(doctor.put(path + "/case", {{"version", 3}, {"case", c}}).status, 200);
  EXPECT_EQ(doctor.get(path + "/candidacy").status, 422);
}

TEST_P(Api, ImportTurnsACaseFileIntoAPatientWithAConsultation) {
  std::vector<std::string> args = {"import", std::string(SMP_SOURCE_DIR) + "/examples/norwood6-buzzcut.toml",
                                   "--full-name", "Marcus Webb", "--birth-date", "1979-03-14", "--by", "doctor"};
  args.insert(args.end(), store_args_.begin(), store_args_.end());
  std::string out;
  ASSERT_EQ(testing::run_smp(args, "", &out), 0) << out;
  EXPECT_NE(out.find("its price book is now the clinic's"), std::string::npos) << out;
  ApiClient doctor = signed_in("doctor");
  const Answer found = doctor.get("/api/patients?q=webb");
  ASSERT_EQ(found.json["total"], 1) << found.body;
  const std::string patient = found.json["patients"][0]["id"];
  const Answer list = doctor.get("/api/patients/" + patient + "/consultations");
  ASSERT_EQ(list.json["consultations"].size(), 1u);
  const Answer k = doctor.get("/api/consultations/" + list.json["consultations"][0]["id"].get<std::string>());
  EXPECT_EQ(k.json["consultation"]["case"]["hair_loss"]["stage"], "VI");
  EXPECT_FALSE(k.json["consultation"]["case"]["plan"].contains("price_book"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_settings WHERE name = 'price_book'"), 1);
  // A broken case file is refused at its line and writes nothing.
  const std::filesystem::path broken = testing::fresh_dir("import") / "broken.toml";
  { std::ofstream(broken) << "[patient]\nid = \"OLD-7\"\nage = 40\n[hair_loss]\npattern = \"norwood\"\nstage = \"XI\"\n"; }
  args[1] = broken.string();
  EXPECT_EQ(testing::run_smp(args, "", &out), 2);
  EXPECT_NE(out.find("broken.toml:6: hair_loss.stage"), std::string::npos) << out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"), 1);
}

TEST_P(Api, ADesignJobStreamsItsProgressAndStoresItsFilesSealed) {
  ApiClient doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const Answer queued = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", "design"}});
  ASSERT_EQ(queued.status, 202) << queued.body;
  const std::string job = queued.json["job"]["id"];
  EXPECT_EQ(queued.json["job"]["state"], "queued");
  EXPECT_EQ(queued.json["job"]["case_version"], 1);
  // The event stream: progress events with rising fractions, then the end.
  const Answer events = doctor.get("/api/jobs/" + job + "/events");
  EXPECT_EQ(events.status, 200);
  EXPECT_EQ(events.header("Content-Type"), "text/event-stream");
  double last = -1;
  int progress_events = 0;
  std::istringstream lines(events.body);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("data: {\"")) {
      const nlohmann::json j = nlohmann::json::parse(line.substr(6));
      EXPECT_GE(j["fraction"].get<double>(), last);
      last = j["fraction"];
      ++progress_events;
    }
  // A fast machine can finish the design between two polls (250 ms): then the stream holds
  // only the finished job; it always ends on it.
  EXPECT_GE(progress_events, 1) << events.body;
  EXPECT_EQ(last, 1.0) << events.body;
  EXPECT_NE(events.body.find("event: end"), std::string::npos);
  const nlohmann::json done = wait_for_job(doctor, job);
  ASSERT_EQ(done["state"], "done") << done.dump();
  EXPECT_EQ(done["fraction"], 1.0);
  const Answer listed = doctor.get("/api/consultations/" + consultation + "/jobs");
  ASSERT_EQ(listed.json["jobs"].size(), 1u);
  EXPECT_EQ(listed.json["jobs"][0]["id"], job);
  std::set<std::string> paths;
  for (const auto& f : done["files"]) paths.insert(f["path"]);
  for (const char* p : {"design.json", "dots.csv", "scalp-map.png", "dot-map.svg"}) EXPECT_TRUE(paths.contains(p)) << p;
  const Answer png = doctor.get("/api/jobs/" + job + "/files/scalp-map.png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.header("Content-Type"), "image/png");
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  const Answer design = doctor.get("/api/jobs/" + job + "/files/design.json");
  EXPECT_GT(nlohmann::json::parse(design.body)["dots_total"].get<int>(), 1000);
  EXPECT_EQ(doctor.get("/api/jobs/" + job + "/files/../clinic.db").status, 404);
  EXPECT_EQ(desk.get("/api/jobs/" + job + "/files/scalp-map.png").status, 403);
  // At rest the bytes are sealed: no PNG signature, no dot list in the database. The
  // whole 8-byte signature, not "PNG": three given bytes turn up by chance in a few
  // runs in a hundred across these files' ciphertext (a CI run failed so).
  const std::string png_signature = png.body.substr(0, 8);
  const auto db = open_store();
  db->transaction(store::Access::read, [&](store::Connection& c) {
    const store::Rows rows = c.query("SELECT path, sealed FROM job_files WHERE job_id = ?", {job});
    ASSERT_FALSE(rows.empty());
    for (const store::Row& r : rows) {
      EXPECT_EQ(r.blob(1).find(png_signature), std::string::npos) << r.text(0);
      EXPECT_EQ(r.blob(1).find("\"dots\""), std::string::npos) << r.text(0);
    }
  });
}

TEST_P(Api, ACancelledJobStopsAndStoresNothing) {
  ApiClient doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood6-buzzcut.toml"));
  const std::string job = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", "plan"}}).json["job"]["id"];
  for (int i = 0; i < 600 && doctor.get("/api/jobs/" + job).json["job"]["state"] == "queued"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(doctor.post("/api/jobs/" + job + "/cancel", nlohmann::json::object()).status, 202);
  const nlohmann::json ended = wait_for_job(doctor, job);
  EXPECT_EQ(ended["state"], "cancelled") << ended.dump();
  EXPECT_LT(ended["fraction"].get<double>(), 1.0);
  EXPECT_EQ(ended["files"].size(), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_files"), 0);
  EXPECT_EQ(doctor.post("/api/jobs/" + job + "/cancel", nlohmann::json::object()).status, 409);
}

TEST_P(Api, AJobWhoseServerWasKilledIsRunAgainAfterARestart) {
  ApiClient doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string job = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", "design"}}).json["job"]["id"];
  for (int i = 0; i < 600 && doctor.get("/api/jobs/" + job).json["job"]["state"] != "running"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server_->kill_hard();
  server_ = std::make_unique<ServerProcess>(server_args_);
  ApiClient again = signed_in("doctor");
  if (GetParam() == Engine::postgresql)  // another server takes over once the lease ends
    open_store()->transaction(store::Access::write, [&](store::Connection& c) {
      c.query("UPDATE jobs SET lease_until_ms = 0 WHERE id = ?", {job});
    });
  const nlohmann::json done = wait_for_job(again, job);
  EXPECT_EQ(done["state"], "done") << done.dump();
  EXPECT_EQ(done["attempts"], 2);
  EXPECT_GE(done["files"].size(), 4u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_files WHERE job_id = '" + job + "'"),
            static_cast<long long>(done["files"].size()));
}

// A clinic chain: two servers on one PostgreSQL share the records and the job queue (one
// SQLite file has one server).
class Chain : public Api {};
INSTANTIATE_TEST_SUITE_P(Engines, Chain, ::testing::Values(Engine::postgresql), testing::engine_name);

TEST_P(Chain, TwoServersOnOneDatabaseRunEachJobOnceAndRefuseAStaleEdit) {
  ServerProcess second(server_args_);
  ApiClient doctor_a = signed_in("doctor"), desk = signed_in("desk");
  ApiClient doctor_b(second.port());
  ASSERT_EQ(doctor_b.sign_in("doctor", kPassword).status, 200);
  const std::string consultation = open_consultation(doctor_a, desk, example_case("norwood3-soft-hairline.toml"));
  std::vector<std::string> jobs;
  for (int i = 0; i < 4; ++i)
    jobs.push_back((i % 2 ? doctor_b : doctor_a)
                       .post("/api/consultations/" + consultation + "/jobs", {{"kind", "design"}})
                       .json["job"]["id"]);
  for (const std::string& job : jobs) {
    const nlohmann::json done = wait_for_job(doctor_b, job);
    EXPECT_EQ(done["state"], "done") << done.dump();
    EXPECT_EQ(done["attempts"], 1) << job << " ran more than once";
  }
  EXPECT_EQ(count("SELECT COUNT(DISTINCT lease_owner) FROM jobs"), 2) << "both servers' workers took jobs";
  nlohmann::json c = doctor_a.get("/api/consultations/" + consultation).json["consultation"]["case"];
  c["hairline"]["mid_frontal_cm"] = 7.0;
  EXPECT_EQ(doctor_a.put("/api/consultations/" + consultation + "/case", {{"version", 1}, {"case", c}}).status, 200);
  c["hairline"]["mid_frontal_cm"] = 9.0;
  const Answer stale = doctor_b.put("/api/consultations/" + consultation + "/case", {{"version", 1}, {"case", c}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(doctor_b.get("/api/consultations/" + consultation).json["consultation"]["case"]["hairline"]["mid_frontal_cm"],
            7.0);
}

TEST_P(Api, ATechnicianOrARoomIsNeverBookedTwiceAtOnce) {
  ApiClient admin = signed_in("admin"), tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const Day d = clinic_day(admin, tech, doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const Answer second_room = admin.post("/api/rooms", {{"name", "Room 2"}});
  EXPECT_EQ(admin.post("/api/rooms", {{"name", "Room 2"}}).status, 409);
  EXPECT_EQ(desk.get("/api/rooms").json["rooms"].size(), 2u);
  auto book = [&](ApiClient& who, const std::string& room, const std::string& from, const std::string& to) {
    return who.post("/api/appointments", {{"patient_id", d.patient},
                                          {"consultation_id", d.consultation},
                                          {"kind", "session"},
                                          {"session_number", 1},
                                          {"technician_id", d.technician},
                                          {"room_id", room},
                                          {"starts_at", from},
                                          {"ends_at", to}});
  };
  const Answer first = book(desk, d.room, "2027-03-01T09:00:00+01:00", "2027-03-01T13:00:00+01:00");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json["appointment"]["starts_at"], "2027-03-01T08:00:00.000Z");
  EXPECT_EQ(first.json["appointment"]["patient_name"], "Job Test");
  // The same technician at 12:00 in another room, and another room's booking at 12:00 for
  // this room: both refused, each naming what clashes.
  const std::string other_room = second_room.json["room"]["id"];
  const Answer busy_technician = book(desk, other_room, "2027-03-01T12:00:00+01:00", "2027-03-01T14:00:00+01:00");
  EXPECT_EQ(busy_technician.status, 409);
  EXPECT_EQ(busy_technician.error_field(), "technician_id");
  EXPECT_NE(busy_technician.json["error"]["message"].get<std::string>().find("2027-03-01T08:00:00.000Z"), std::string::npos);
  // Back to back is fine; a cancelled booking frees its time.
  EXPECT_EQ(book(desk, d.room, "2027-03-01T13:00:00+01:00", "2027-03-01T14:00:00+01:00").status, 201);
  const std::string id = first.json["appointment"]["id"];
  EXPECT_EQ(desk.post("/api/appointments/" + id + "/cancel", nlohmann::json::object()).status, 200);
  EXPECT_EQ(desk.post("/api/appointments/" + id + "/cancel", nlohmann::json::object()).status, 409);
  EXPECT_EQ(book(doctor, d.room, "2027-03-01T10:00:00+01:00", "2027-03-01T12:00:00+01:00").status, 201);
  // Bad times, a technician who books: refused.
  EXPECT_EQ(book(desk, d.room, "2027-03-02T10:00:00", "2027-03-02T12:00:00+01:00").error_field(), "starts_at");
  EXPECT_EQ(book(desk, d.room, "2027-03-02T12:00:00Z", "2027-03-02T10:00:00Z").error_field(), "ends_at");
  EXPECT_EQ(book(tech, d.room, "2027-03-03T10:00:00Z", "2027-03-03T11:00:00Z").status, 403);
  // A day the clinic is closed: refused at the start, naming the holiday.
  ASSERT_EQ(admin.post("/api/clinic/holidays", {{"date", "2027-03-04"}, {"name", "Clinic closed"}}).status, 201);
  const Answer holiday = book(desk, d.room, "2027-03-04T12:00:00Z", "2027-03-04T13:00:00Z");
  EXPECT_EQ(holiday.status, 409);
  EXPECT_EQ(holiday.error_field(), "starts_at");
  EXPECT_NE(holiday.json["error"]["message"].get<std::string>().find("closed on 2027-03-04 (Clinic closed)"), std::string::npos)
      << holiday.body;
  const Answer day = tech.get("/api/appointments?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z");
  ASSERT_EQ(day.status, 200);
  ASSERT_EQ(day.json["appointments"].size(), 2u);  // the cancelled one is not on the calendar
  EXPECT_EQ(day.json["appointments"][0]["starts_at"], "2027-03-01T09:00:00.000Z");
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments"), 3);
}

// One patient's visits, however far ahead (the booking card): no 62-day limit, from and to
// each optional, cancelled ones and other patients' left out.
TEST_P(Api, APatientsVisitsAreListedWithoutTheCalendarsRangeLimit) {
  ApiClient admin = signed_in("admin"), tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const Day d = clinic_day(admin, tech, doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string other = new_patient(desk, "Ann Lee");
  auto book = [&](const std::string& patient, const std::string& from, const std::string& to) {
    const Answer a = desk.post("/api/appointments", {{"patient_id", patient},
                                                     {"kind", "follow_up"},
                                                     {"technician_id", d.technician},
                                                     {"room_id", d.room},
                                                     {"starts_at", from},
                                                     {"ends_at", to}});
    EXPECT_EQ(a.status, 201) << a.body;
    return a.json["appointment"]["id"].get<std::string>();
  };
  const std::string march = book(d.patient, "2027-03-01T09:00:00Z", "2027-03-01T10:00:00Z");
  const std::string june = book(d.patient, "2027-06-01T09:00:00Z", "2027-06-01T10:00:00Z");  // 3 months on
  const std::string april = book(d.patient, "2027-04-01T09:00:00Z", "2027-04-01T10:00:00Z");
  EXPECT_EQ(desk.post("/api/appointments/" + april + "/cancel", nlohmann::json::object()).status, 200);
  book(other, "2027-03-01T11:00:00Z", "2027-03-01T12:00:00Z");
  const std::string mine = "/api/appointments?patient_id=" + d.patient;
  auto ids = [](const Answer& a) {
    std::vector<std::string> out;
    for (const auto& x : a.json["appointments"]) out.push_back(x["id"]);
    return out;
  };
  const Answer all = desk.get(mine);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids(all), (std::vector<std::string>{march, june}));
  EXPECT_EQ(all.json["appointments"][1]["starts_at"], "2027-06-01T09:00:00.000Z");
  EXPECT_EQ(all.json["appointments"][1]["patient_name"], "Job Test");
  EXPECT_EQ(ids(tech.get(mine)), (std::vector<std::string>{march, june}));
  EXPECT_EQ(ids(desk.get(mine + "&from=2027-04-01T00:00:00Z")), std::vector<std::string>{june});
  EXPECT_EQ(ids(desk.get(mine + "&to=2027-04-01T00:00:00Z")), std::vector<std::string>{march});
  const std::string year = "from=2027-01-01T00:00:00Z&to=2028-01-01T00:00:00Z";
  EXPECT_EQ(ids(desk.get(mine + "&" + year)), (std::vector<std::string>{march, june}));
  EXPECT_EQ(desk.get("/api/appointments?" + year).error_field(), "to");  // the calendar keeps its limit
  EXPECT_EQ(desk.get("/api/appointments?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z").json["appointments"].size(), 2u);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'appointments' AND entity_id = '" + d.patient + "'"), 5);
  // Refused: a patient who is not there, bad or reversed times, the admin.
  const Answer nobody = desk.get("/api/appointments?patient_id=P-0000000000");
  EXPECT_EQ(nobody.status, 404);
  EXPECT_EQ(nobody.error_field(), "patient_id");
  EXPECT_EQ(desk.get(mine + "&from=2027-04-01").error_field(), "from");
  const Answer reversed = desk.get(mine + "&from=2027-04-01T00:00:00Z&to=2027-03-01T00:00:00Z");
  EXPECT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.error_field(), "to");
  EXPECT_EQ(admin.get(mine).status, 403);
}

// The clinic's jobs in one list (Today's "Running now"): by state, newest first, each with
// its consultation's patient; the front desk may not read it.
TEST_P(Api, TheClinicsJobsAreListedByStateNewestFirstWithTheirPatients) {
  ApiClient doctor = signed_in("doctor"), desk = signed_in("desk"), tech = signed_in("tech");
  const std::string quick = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string slow = open_consultation(doctor, desk, example_case("norwood6-buzzcut.toml"));
  const std::string quick_patient = doctor.get("/api/consultations/" + quick).json["consultation"]["patient_id"];
  const std::string slow_patient = doctor.get("/api/consultations/" + slow).json["consultation"]["patient_id"];
  auto queue = [&](const std::string& consultation, const std::string& kind) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // each created in a later millisecond
    const Answer a = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", kind}});
    EXPECT_EQ(a.status, 202) << a.body;
    return a.json["job"]["id"].get<std::string>();
  };
  const std::string done = queue(quick, "design");
  ASSERT_EQ(wait_for_job(doctor, done)["state"], "done");
  // One worker: the plan runs (for many seconds) while the two jobs after it wait.
  const std::string running = queue(slow, "plan");
  for (int i = 0; i < 600 && doctor.get("/api/jobs/" + running).json["job"]["state"] == "queued"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string second = queue(quick, "design"), third = queue(quick, "render");
  auto ids = [](const Answer& a) {
    std::vector<std::string> out;
    for (const auto& j : a.json["jobs"]) out.push_back(j["id"]);
    return out;
  };
  const Answer live = tech.get("/api/jobs?state=queued,running");
  ASSERT_EQ(live.status, 200) << live.body;
  ASSERT_EQ(ids(live), (std::vector<std::string>{third, second, running})) << live.body;
  const nlohmann::json& jobs = live.json["jobs"];
  EXPECT_EQ(jobs[0]["state"], "queued");
  EXPECT_EQ(jobs[1]["state"], "queued");
  EXPECT_EQ(jobs[2]["state"], "running");
  EXPECT_EQ(jobs[0]["kind"], "render");
  EXPECT_EQ(jobs[0]["consultation_id"], quick);
  EXPECT_EQ(jobs[0]["patient_id"], quick_patient);
  EXPECT_EQ(jobs[2]["consultation_id"], slow);
  EXPECT_EQ(jobs[2]["patient_id"], slow_patient);
  EXPECT_EQ(jobs[2]["patient_name"], "Job Test");
  EXPECT_EQ(ids(doctor.get("/api/jobs?state=done")), std::vector<std::string>{done});
  EXPECT_EQ(ids(doctor.get("/api/jobs")), (std::vector<std::string>{third, second, running, done}));
  EXPECT_EQ(ids(doctor.get("/api/jobs?limit=2")), (std::vector<std::string>{third, second}));
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity = 'jobs' AND entity_id = ''"), 4);
  const Answer bad_state = doctor.get("/api/jobs?state=queued,finished");
  EXPECT_EQ(bad_state.status, 400);
  EXPECT_EQ(bad_state.error_field(), "state");
  EXPECT_EQ(doctor.get("/api/jobs?limit=0").error_field(), "limit");
  EXPECT_EQ(desk.get("/api/jobs?state=queued,running").status, 403);
  // Cancelled, they leave the list of live jobs.
  for (const std::string& j : {third, second, running})
    EXPECT_EQ(doctor.post("/api/jobs/" + j + "/cancel", nlohmann::json::object()).status, 202) << j;
  EXPECT_EQ(wait_for_job(doctor, running)["state"], "cancelled");
  EXPECT_EQ(doctor.get("/api/jobs?state=queued,running").json["jobs"].size(), 0u);
  EXPECT_EQ(ids(doctor.get("/api/jobs?state=cancelled")), (std::vector<std::string>{third, second, running}));
}

// The audit review's filters, in the store's SQL: the user by id or sign-in name (or none:
// the command line), the action, UTC days or times, a record, and pages of older rows
// (`before` a row's seq) with how many match in all.
TEST_P(Api, TheAuditLogIsFilteredByUserActionTimeAndRecordAndPagedByTheServer) {
  ApiClient admin = signed_in("admin"), doctor = signed_in("doctor");
  const std::string admin_id = admin.get("/api/me").json["user"]["id"];
  std::vector<std::string> made;
  for (const char* name : {"extra1", "extra2", "extra3"}) {
    const Answer a = admin.post("/api/users", {{"name", name}, {"role", "technician"}, {"password", kPassword}});
    ASSERT_EQ(a.status, 201) << a.body;
    made.push_back(a.json["user"]["id"]);
  }
  auto about = [](const Answer& a) {
    std::vector<std::string> out;
    for (const auto& e : a.json["entries"]) out.push_back(e["entity_id"]);
    return out;
  };
  const std::vector<std::string> newest_first = {made[2], made[1], made[0]};
  const Answer by_name = admin.get("/api/audit?user=admin&action=create");
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  EXPECT_EQ(about(by_name), newest_first);
  EXPECT_EQ(by_name.json["total"], 3);
  for (const auto& e : by_name.json["entries"]) EXPECT_EQ(e["user_id"], admin_id);
  const Answer by_id = admin.get("/api/audit?user=" + admin_id + "&action=create");
  EXPECT_EQ(by_id.json["entries"], by_name.json["entries"]);
  // No signed-in user: the fixture's four `smp user add`.
  const Answer command_line = admin.get("/api/audit?user=&action=create");
  ASSERT_EQ(command_line.json["entries"].size(), 4u) << command_line.body;
  EXPECT_EQ(command_line.json["total"], 4);
  for (const auto& e : command_line.json["entries"]) EXPECT_EQ(e["address"], "command line");
  EXPECT_EQ(admin.get("/api/audit?user=nobody").json["total"], 0);
  // Pages: the newest two of three, then the one older than the second.
  const Answer first = admin.get("/api/audit?user=admin&action=create&limit=2");
  EXPECT_EQ(about(first), (std::vector<std::string>{made[2], made[1]}));
  EXPECT_EQ(first.json["total"], 3);
  const std::string before = std::to_string(first.json["entries"][1]["seq"].get<long long>());
  const Answer next = admin.get("/api/audit?user=admin&action=create&limit=2&before=" + before);
  EXPECT_EQ(about(next), std::vector<std::string>{made[0]});
  EXPECT_EQ(next.json["total"], 1);
  // Days (UTC, `to` the whole day) and times (`to` exclusive).
  const std::string newest_at = by_name.json["entries"][0]["at"], today = newest_at.substr(0, 10);
  EXPECT_EQ(about(admin.get("/api/audit?user=admin&action=create&from=" + today + "&to=" + today)), newest_first);
  EXPECT_EQ(admin.get("/api/audit?action=create&to=2000-01-01").json["total"], 0);
  EXPECT_EQ(admin.get("/api/audit?action=create&from=2100-01-01").json["total"], 0);
  EXPECT_EQ(about(admin.get("/api/audit?user=admin&action=create&from=" + newest_at)), std::vector<std::string>{made[2]});
  EXPECT_EQ(about(admin.get("/api/audit?user=admin&action=create&to=" + newest_at)),
            (std::vector<std::string>{made[1], made[0]}));
  // A record, alone and with the others.
  const Answer record = admin.get("/api/audit?entity_id=" + made[0]);
  ASSERT_EQ(record.json["entries"].size(), 1u) << record.body;
  EXPECT_EQ(record.json["entries"][0]["action"], "create");
  EXPECT_EQ(admin.get("/api/audit?entity_id=" + made[0] + "&action=disable").json["total"], 0);
  // Refusals name the parameter; the doctor may not read the log.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"action=shout", "action"}, {"from=yesterday", "from"}, {"to=2027-13-01", "to"},
           {"from=2027-01-02&to=2027-01-01", "to"}, {"before=0", "before"}, {"limit=1001", "limit"}}) {
    const Answer a = admin.get("/api/audit?" + query);
    EXPECT_EQ(a.status, 400) << query;
    EXPECT_EQ(a.error_field(), field) << query;
  }
  EXPECT_EQ(doctor.get("/api/audit?user=admin").status, 403);
}

TEST_P(Api, ASessionLogIsEditableForADayThenOnlyAddendaAndItsPigmentLotIsTraceable) {
  ApiClient admin = signed_in("admin"), tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const Day d = clinic_day(admin, tech, doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string appointment = desk.post("/api/appointments", {{"patient_id", d.patient},
                                                                   {"kind", "session"},
                                                                   {"session_number", 1},
                                                                   {"technician_id", d.technician},
                                                                   {"room_id", d.room},
                                                                   {"starts_at", "2026-12-01T09:00:00Z"},
                                                                   {"ends_at", "2026-12-01T13:00:00Z"}})
                                      .json["appointment"]["id"];
  nlohmann::json log = {{"patient_id", d.patient},
                        {"consultation_id", d.consultation},
                        {"appointment_id", appointment},
                        {"session_number", 1},
                        {"started_at", "2026-12-01T09:05:00Z"},
                        {"ended_at", "2026-12-01T12:40:00Z"},
                        {"areas", {"frontal", "mid_scalp"}},
                        {"needles", {{{"type", "1RL 0.30 mm"}, {"lot", "N-2231"}}}},
                        {"pigments", {{{"brand", "Scalp Ink"}, {"shade", "SMP-3"}, {"lot", "LOT-77"}, {"expiry", "2027-06-30"}}}},
                        {"dilution_percent", 30},
                        {"depth_setting", "0.8 mm"},
                        {"sedation", false},
                        {"impressions_estimated", 9200},
                        {"reactions", "mild redness"},
                        {"notes", ""}};
  nlohmann::json expired = log;
  expired["pigments"][0]["expiry"] = "2026-11-30";
  const Answer refused = tech.post("/api/session-logs", expired);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_field(), "pigments[1].expiry") << refused.body;
  nlohmann::json no_lot = log;
  no_lot["needles"][0].erase("lot");
  EXPECT_EQ(tech.post("/api/session-logs", no_lot).error_field(), "needles[1].lot");
  const Answer written = tech.post("/api/session-logs", log);
  ASSERT_EQ(written.status, 201) << written.body;
  const std::string id = written.json["session_log"]["id"];
  EXPECT_EQ(written.json["session_log"]["locked"], false);
  EXPECT_EQ(written.json["session_log"]["impressions_estimated"], 9200);
  EXPECT_EQ(desk.get("/api/appointments?from=2026-12-01T00:00:00Z").json["appointments"][0]["state"], "done");
  // Within 24 h: edited from its version; a stale edit is refused.
  nlohmann::json edit = log;
  edit.erase("patient_id");
  edit.erase("consultation_id");
  edit.erase("appointment_id");
  edit.erase("session_number");
  edit["version"] = 1;
  edit["impressions_estimated"] = 9400;
  EXPECT_EQ(tech.put("/api/session-logs/" + id, edit).status, 200);
  EXPECT_EQ(tech.put("/api/session-logs/" + id, edit).error_field(), "version");
  // A day later it is locked: only addenda, each audited.
  open_store()->transaction(store::Access::write, [&](store::Connection& c) {
    c.query("UPDATE session_logs SET created_at_ms = created_at_ms - 86400001 WHERE id = ?", {id});
  });
  edit["version"] = 2;
  const Answer locked = tech.put("/api/session-logs/" + id, edit);
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.error_field(), "locked");
  const Answer addendum = tech.post("/api/session-logs/" + id + "/addenda", {{"text", "Day 3: redness gone."}});
  ASSERT_EQ(addendum.status, 201);
  EXPECT_EQ(addendum.json["session_log"]["addenda"][0]["text"], "Day 3: redness gone.");
  EXPECT_EQ(addendum.json["session_log"]["impressions_estimated"], 9400);
  EXPECT_EQ(addendum.json["session_log"]["locked"], true);
  // The lot recall finds this patient; the front desk may not read session logs.
  const Answer recall = doctor.get("/api/pigment-lots/LOT-77/sessions");
  ASSERT_EQ(recall.json["sessions"].size(), 1u);
  EXPECT_EQ(recall.json["sessions"][0]["patient_id"], d.patient);
  EXPECT_EQ(doctor.get("/api/pigment-lots/LOT-78/sessions").json["sessions"].size(), 0u);
  EXPECT_EQ(tech.get("/api/pigment-lots/LOT-77/sessions").status, 403);
  EXPECT_EQ(desk.get("/api/session-logs/" + id).status, 403);
  EXPECT_EQ(doctor.get("/api/session-logs/" + id).json["session_log"]["addenda"].size(), 1u);
  EXPECT_EQ(doctor.get("/api/patients/" + d.patient + "/session-logs").json["session_logs"].size(), 1u);
}

TEST_P(Api, AContactNowFollowUpStaysARedFlagUntilADoctorAcknowledgesIt) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood6-buzzcut.toml"));
  const std::string patient = doctor.get("/api/consultations/" + consultation).json["consultation"]["patient_id"];
  const Answer fever = tech.post("/api/patients/" + patient + "/follow-ups",
                                 {{"consultation_id", consultation}, {"symptom", "fever"}, {"days_since_session", 3},
                                  {"days_lasting", 1}, {"note", "38.6 C by phone"}});
  ASSERT_EQ(fever.status, 201) << fever.body;
  EXPECT_EQ(fever.json["follow_up"]["urgency"], "contact_clinic_now");
  const Answer redness = tech.post("/api/patients/" + patient + "/follow-ups",
                                   {{"symptom", "redness"}, {"days_since_session", 1}, {"days_lasting", 1}});
  EXPECT_EQ(redness.json["follow_up"]["urgency"], "normal");
  EXPECT_EQ(tech.post("/api/patients/" + patient + "/follow-ups",
                      {{"symptom", "sneezing"}, {"days_since_session", 1}, {"days_lasting", 1}})
                .error_field(),
            "symptom");
  EXPECT_EQ(tech.post("/api/patients/" + patient + "/follow-ups",
                      {{"symptom", "rash"}, {"days_since_session", 2}, {"days_lasting", 5}})
                .status,
            400);
  Answer flags = tech.get("/api/red-flags");
  ASSERT_EQ(flags.json["red_flags"].size(), 1u);
  const std::string id = flags.json["red_flags"][0]["id"];
  EXPECT_EQ(tech.post("/api/follow-ups/" + id + "/acknowledge", nlohmann::json::object()).status, 403);
  EXPECT_EQ(doctor.post("/api/follow-ups/" + id + "/acknowledge", nlohmann::json::object()).status, 200);
  EXPECT_EQ(doctor.post("/api/follow-ups/" + id + "/acknowledge", nlohmann::json::object()).status, 409);
  EXPECT_EQ(tech.get("/api/red-flags").json["red_flags"].size(), 0u);
  const Answer history = doctor.get("/api/patients/" + patient + "/follow-ups");
  ASSERT_EQ(history.json["follow_ups"].size(), 2u);
  EXPECT_TRUE(history.json["follow_ups"][0].contains("acknowledged_at"));
}

TEST_P(Chain, BookingsRacingOnTwoServersLeaveTheTechnicianBookedOnce) {
  ServerProcess second(server_args_);
  ApiClient admin = signed_in("admin"), tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const Day d = clinic_day(admin, tech, doctor, desk, example_case("norwood3-soft-hairline.toml"));
  std::vector<std::string> rooms = {d.room};
  for (int i = 2; i <= 8; ++i) rooms.push_back(admin.post("/api/rooms", {{"name", "Room " + std::to_string(i)}}).json["room"]["id"]);
  std::atomic<int> booked{0}, refused{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i)
    racers.emplace_back([&, i] {
      ApiClient c(i % 2 ? second.port() : server_->port());
      if (c.sign_in("desk", kPassword).status != 200) return;
      const Answer a = c.post("/api/appointments", {{"patient_id", d.patient},
                                                    {"kind", "follow_up"},
                                                    {"technician_id", d.technician},
                                                    {"room_id", rooms[i]},
                                                    {"starts_at", "2027-04-01T09:00:00Z"},
                                                    {"ends_at", "2027-04-01T09:30:00Z"}});
      (a.status == 201 ? booked : refused) += a.status == 201 || a.status == 409;
    });
  for (std::thread& t : racers) t.join();
  EXPECT_EQ(booked, 1);
  EXPECT_EQ(refused, 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE state = 'booked'"), 1);
}

TEST_P(Api, BadRequestsGetAClearFourHundredNamingTheFieldAndWriteNothing) {
  ApiClient desk = signed_in("desk");
  struct Case {
    std::string body, type;
    int status;
    std::string field;
  };
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::vector<Case> cases = {
      {"{\"full_name\": \"Ann\", ", "application/json", 400, "body"},
      {"[1, 2]", "application/json", 400, "body"},
      {R"({"full_name": 7, "birth_date": "1980-01-01"})", "application/json", 400, "full_name"},
      {R"({"birth_date": "1980-01-01"})", "application/json", 400, "full_name"},
      {R"({"full_name": "Ann", "birth_date": "1980-01-01", "shoe_size": 9})", "application/json", 400, "shoe_size"},
      {R"({"full_name": "Ann", "birth_date": "01.01.1980"})", "application/json", 400, "birth_date"},
      {R"({"full_name": "Ann", "birth_date": "1980-01-01"})", "text/plain", 415, "body"},
      {"{\"a\": " + deep + "}", "application/json", 400, "body"},
      {"{\"full_name\": \"" + std::string(1 << 20, 'a') + "\", \"birth_date\": \"1980-01-01\"}", "application/json",
       413, "body"},
  };
  for (const Case& c : cases) {
    const Answer a = desk.send("POST", "/api/patients", c.body, c.type);
    EXPECT_EQ(a.status, c.status) << c.body.substr(0, 80) << ": " << a.body.substr(0, 200);
    EXPECT_EQ(a.error_field(), c.field) << c.body.substr(0, 80);
    EXPECT_FALSE(a.json["error"]["message"].get<std::string>().empty());
  }
  // Over the server's 50 MB body limit: refused before it is read whole.
  const Answer huge = desk.send("POST", "/api/patients", std::string((50u << 20) + 1, ' '));
  EXPECT_EQ(huge.status, 413);
  const Answer bad_limit = desk.get("/api/patients?limit=5000");
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(bad_limit.error_field(), "limit");
  EXPECT_EQ(desk.get("/api/patients?offset=-1").error_field(), "offset");
  EXPECT_EQ(desk.get("/api/patients/..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"), 0);
}

TEST_P(Api, ADisabledUsersSessionEndsAtOnce) {
  ApiClient tech = signed_in("tech");
  EXPECT_EQ(tech.get("/api/me").status, 200);
  ApiClient admin = signed_in("admin");
  EXPECT_EQ(admin.post("/api/users/tech/disable", nlohmann::json::object()).status, 200);
  EXPECT_EQ(tech.get("/api/me").status, 401);
  EXPECT_EQ(ApiClient(server_->port()).sign_in("tech", kPassword).status, 401);
  EXPECT_EQ(admin.post("/api/users/admin/disable", nlohmann::json::object()).error_field(), "name");
}

TEST_P(Api, EveryChangeAnsweredBeforeAKillIsThereAfterARestart) {
  ApiClient desk = signed_in("desk");
  std::atomic<bool> stop{false};
  std::vector<std::string> answered;
  std::thread writer([&] {
    ApiClient c = signed_in("desk");
    for (int i = 0; !stop && i < 2000; ++i) {
      const Answer a = c.post("/api/patients", {{"full_name", "Crash Test " + std::to_string(i)},
                                                {"birth_date", "1980-01-01"}});
      if (a.status != 201) break;  // the server is gone
      answered.push_back(a.json["patient"]["id"]);
    }
  });
  while (answered.size() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->kill_hard();
  stop = true;
  writer.join();
  server_ = std::make_unique<ServerProcess>(server_args_);
  ApiClient after = signed_in("desk");
  for (const std::string& id : answered) EXPECT_EQ(after.get("/api/patients/" + id).status, 200) << id;
  EXPECT_GE(count("SELECT COUNT(*) FROM patients"), static_cast<long long>(answered.size()));
  // Nothing half-written: every patient has its details and its audit row.
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients p LEFT JOIN patient_identities i ON i.patient_id = p.id WHERE "
                  "i.patient_id IS NULL"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"),
            count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'patient'"));
  const auto db = open_store();
  EXPECT_TRUE(store::verify_audit(*db).ok());
  if (GetParam() == Engine::sqlite)
    db->transaction(store::Access::read, [](store::Connection& c) {
      EXPECT_EQ(c.query("PRAGMA integrity_check").at(0).text(0), "ok");
    });
}

TEST(ServeCli, DemoSeedsAClinicWhoseOneTimePasswordsMustBeChanged) {
  const std::filesystem::path dir = testing::fresh_dir("demo");
  std::map<std::string, std::string> passwords;
  {
    ServerProcess server({"--data", dir.string(), "--demo"});
    std::istringstream lines(server.banner());
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string name, role, password;
      if (words >> name >> role >> password && password.size() == 24) passwords[name] = password;
    }
    ASSERT_EQ(passwords.size(), 4u) << server.banner();
    EXPECT_NE(server.banner().find("6 patients"), std::string::npos) << server.banner();
    ApiClient doctor(server.port());
    ASSERT_EQ(doctor.sign_in("doctor", passwords["doctor"]).status, 200);
    // Nothing but the password change until it is changed.
    const Answer blocked = doctor.get("/api/patients");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.json["error"]["code"], "password_change_required");
    EXPECT_EQ(doctor.post("/api/me/password", {{"current_password", passwords["doctor"]}, {"new_password", kPassword}}).status,
              204);
    const Answer patients = doctor.get("/api/patients");
    ASSERT_EQ(patients.status, 200);
    EXPECT_EQ(patients.json["total"], 6);
    const std::string first = patients.json["patients"][0]["id"];
    const Answer consultations = doctor.get("/api/patients/" + first + "/consultations");
    EXPECT_EQ(consultations.json["consultations"].size(), 1u);
  }
  // Never over a clinic that has users; never without --demo.
  std::string out;
  EXPECT_EQ(testing::run_smp({"serve", "--data", dir.string(), "--demo", "--listen", "127.0.0.1:0"}, "", &out), 2);
  EXPECT_NE(out.find("--demo: the data folder already holds a clinic"), std::string::npos) << out;
  const std::filesystem::path empty = testing::fresh_dir("no-demo");
  ServerProcess plain({"--data", empty.string()});
  EXPECT_EQ(plain.banner(), "");
  EXPECT_EQ(ApiClient(plain.port()).sign_in("doctor", passwords["doctor"]).status, 401);
}

TEST(ServeCli, ServesHttpsWithASecureCookieAndHsts) {
  const std::filesystem::path dir = testing::fresh_dir("tls");
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout " + key +
                         " -out " + cert + " > /dev/null 2>&1")
                            .c_str()),
            0);
  const std::string data = (dir / "clinic").string();
  ASSERT_EQ(testing::run_smp({"user", "add", "--data", data, "--name", "desk", "--role", "front_desk"},
                             std::string(kPassword) + "\n"),
            0);
  std::string out;
  EXPECT_EQ(testing::run_smp({"serve", "--data", data, "--listen", "127.0.0.1:0", "--tls-cert", cert}, "", &out), 2);
  EXPECT_NE(out.find("--tls-key: give both --tls-cert and --tls-key"), std::string::npos) << out;
  ServerProcess server({"--data", data, "--tls-cert", cert, "--tls-key", key}, {}, "https://127.0.0.1:");
  httplib::SSLClient https("127.0.0.1", server.port());
  https.set_ca_cert_path(cert.c_str());
  https.enable_server_certificate_verification(true);
  const httplib::Result r = https.Post("/api/login", R"({"name": "desk", "password": "a long enough password"})",
                                       "application/json");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  EXPECT_EQ(r->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  // Plain HTTP on the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", server.port());
  EXPECT_FALSE(plain.Get("/api/health"));
}

TEST(ServeCli, RefusesPlainHttpOffLoopbackAndANewerDatabase) {
  const std::filesystem::path dir = testing::fresh_dir("serve-cli");
  std::string out;
  EXPECT_EQ(testing::run_smp({"serve", "--data", dir.string(), "--listen", "0.0.0.0:0"}, "", &out), 2);
  EXPECT_NE(out.find("--listen: 0.0.0.0 is not a loopback address"), std::string::npos) << out;
  EXPECT_NE(out.find("--insecure-listen"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"serve", "--data", dir.string(), "--listen", "127.0.0.1:99999"}, "", &out), 2);
  EXPECT_NE(out.find("--listen: port '99999'"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"serve", "--listen", "127.0.0.1:0"}, "", &out), 2);
  EXPECT_NE(out.find("--data"), std::string::npos) << out;
  {
    auto db = store::Database::open(store::StoreLocation::data_dir(dir));
    store::migrate(*db);
    db->transaction(store::Access::write, [](store::Connection& c) { c.query("UPDATE schema_version SET version = 999"); });
  }
  EXPECT_EQ(testing::run_smp({"serve", "--data", dir.string(), "--listen", "127.0.0.1:0"}, "", &out), 2);
  EXPECT_NE(out.find("schema version 999, newer than this smp knows"), std::string::npos) << out;
}

TEST(ServeCli, UserAddReadsThePasswordFromStandardInputAndChecksIt) {
  const std::filesystem::path dir = testing::fresh_dir("user-cli");
  std::string out;
  EXPECT_EQ(testing::run_smp({"user", "add", "--data", dir.string(), "--name", "a", "--role", "admin"}, "short\n", &out), 2);
  EXPECT_NE(out.find("password: must be at least 12 characters"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"user", "add", "--data", dir.string(), "--name", "a", "--role", "boss"}, "", &out), 2);
  EXPECT_NE(out.find("--role: must be admin, doctor, technician or front_desk"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"user", "add", "--data", dir.string(), "--name", "a", "--role", "admin"},
                             std::string(kPassword) + "\n", &out),
            0)
      << out;
  EXPECT_EQ(testing::run_smp({"user", "add", "--data", dir.string(), "--name", "a", "--role", "doctor"},
                             std::string(kPassword) + "\n", &out),
            2);
  EXPECT_NE(out.find("exists"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"user", "disable", "--data", dir.string(), "--name", "zed"}, "", &out), 2);
  EXPECT_NE(out.find("name: no user 'zed'"), std::string::npos) << out;
}

TEST(ServeCli, BackupOfARunningServerRestoresAndAuditVerifyFindsTampering) {
  const std::filesystem::path dir = testing::fresh_dir("backup-cli");
  const std::string data = (dir / "clinic").string();
  ASSERT_EQ(testing::run_smp({"user", "add", "--data", data, "--name", "desk", "--role", "front_desk"},
                             std::string(kPassword) + "\n"),
            0);
  ServerProcess server({"--data", data});
  ApiClient desk(server.port());
  ASSERT_EQ(desk.sign_in("desk", kPassword).status, 200);
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(desk.post("/api/patients", {{"full_name", "Backup " + std::to_string(i)}, {"birth_date", "1980-01-01"}})
                  .status,
              201);
  std::string out;
  ASSERT_EQ(testing::run_smp({"backup", "--data", data, "--to", (dir / "copy.db").string()}, "", &out), 0) << out;
  const std::string restored = (dir / "restored").string();
  ASSERT_EQ(testing::run_smp({"restore", "--data", restored, "--from", (dir / "copy.db").string()}, "", &out), 0) << out;
  EXPECT_NE(out.find("chain intact"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"restore", "--data", restored, "--from", (dir / "copy.db").string()}, "", &out), 2);
  EXPECT_NE(out.find("--replace"), std::string::npos) << out;
  EXPECT_EQ(testing::run_smp({"audit", "verify", "--data", restored}, "", &out), 0) << out;
  {
    auto db = store::Database::open(store::StoreLocation::data_dir(restored));
    db->transaction(store::Access::read, [](store::Connection& c) {
      EXPECT_EQ(c.query("SELECT COUNT(*) FROM patients").at(0).integer(0), 10);
    });
    db->transaction(store::Access::write, [](store::Connection& c) {
      c.execute_script("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
      c.query("UPDATE audit_log SET user_id = 'u-someone-else' WHERE seq = 3");
      c.query("DELETE FROM audit_log WHERE seq = 5");
    });
  }
  EXPECT_EQ(testing::run_smp({"audit", "verify", "--data", restored}, "", &out), 3) << out;
  EXPECT_NE(out.find("row 3: its fields do not match its hash"), std::string::npos) << out;
  EXPECT_NE(out.find("rows 5 to 5 are missing"), std::string::npos) << out;
}

}  // namespace
}  // namespace smp
