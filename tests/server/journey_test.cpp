// A patient's whole journey through the clinic server, as the clinic lives it: consents,
// photos, the plan job, its quote and invoices, three sessions booked and logged, the
// calendar feeds, the patient's link with a symptom triaged into a red flag, the touch-up
// recall, and the gallery pair that a withdrawn consent takes out at once.
#include <future>
#include <regex>

#include "api_fixture.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/store/clock.h"

namespace smp {
namespace {

class Journey : public Api {};
INSTANTIATE_TEST_SUITE_P(Engines, Journey, ::testing::Values(Engine::sqlite, Engine::postgresql), testing::engine_name);

constexpr long long kDayMs = 24LL * 3600 * 1000;

std::string at(long long ms) { return store::iso_time(ms / 1000 * 1000); }

nlohmann::json pad_signature() {
  nlohmann::json stroke = nlohmann::json::array();
  for (int i = 0; i <= 30; ++i) stroke.push_back({40 + 15 * i, 90 + (i % 2 ? 25 : -25)});
  return {{"width_px", 600}, {"height_px", 200}, {"strokes", {stroke}}};
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_P(Journey, APatientFromConsentToTouchUpRecall) {
  ApiClient admin = signed_in("admin"), doctor = signed_in("doctor"), tech = signed_in("tech"), desk = signed_in("desk");
  const long long now = store::now_unix_ms();
  ASSERT_EQ(admin.put("/api/clinic/contact", {{"name", "Nordic SMP Clinic"},
                                              {"address", "Storgatan 1, 111 22 Stockholm"},
                                              {"phone", "+46 8 123 456"},
                                              {"after_hours_phone", "+46 70 999 00 11"},
                                              {"email", "care@nordic-smp.example"}})
                .status,
            200);
  const std::string room = admin.post("/api/rooms", {{"name", "Room 1"}}).json["room"]["id"];
  const std::string technician = tech.get("/api/me").json["user"]["id"];
  const std::string patient = new_patient(desk, "Jonas Åberg");
  const std::string consultation =
      doctor.post("/api/patients/" + patient + "/consultations", {{"case", example_case("norwood3-soft-hairline.toml")}})
          .json["consultation"]["id"];

  // Consents signed on the tablet.
  std::map<std::string, std::string> grant;
  const Answer templates = desk.get("/api/consent-templates");
  for (const nlohmann::json& t : templates.json["templates"]) {
    if (!t["current"] || t["kind"] == "marketing") continue;
    const Answer k = desk.post("/api/patients/" + patient + "/consents",
                               {{"template_id", t["id"]}, {"typed_name", "Jonas Åberg"}, {"signature", pad_signature()}});
    ASSERT_EQ(k.status, 201) << k.body;
    grant[t["kind"]] = k.json["consent"]["id"];
  }
  ASSERT_EQ(grant.size(), 3u);

  // The "before" photo, weeks ago; the plan.
  const std::filesystem::path before = testing::fresh_dir("before"), healed = testing::fresh_dir("healed");
  for (const auto& [dir, state] : {std::pair{before, "before"}, std::pair{healed, "healed"}}) {
    std::string out;
    ASSERT_EQ(testing::run_smp({"photo", "synth", std::string(SMP_SOURCE_DIR) + "/examples/norwood3-soft-hairline.toml",
                                "--out", dir.string(), "--state", state, "--width", "800", "--height", "600"},
                               "", &out),
              0)
        << out;
  }
  const Answer baseline = tech.send("POST",
                                    "/api/consultations/" + consultation + "/photos?view=top&taken_on=" +
                                        store::iso_date_of(now - 70 * kDayMs),
                                    read_text_file((before / "top" / "photo.png").string(), "photo"), "image/png");
  ASSERT_EQ(baseline.status, 201) << baseline.body;
  const Answer plan = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", "plan"}});
  ASSERT_EQ(plan.status, 202) << plan.body;
  const std::string job = plan.json["job"]["id"];
  ASSERT_EQ(wait_for_job(doctor, job)["state"], "done");

  // Session 2 dragged on the plan's calendar: its own day allowed, the Saturday after it
  // refused in words, nothing stored; the front desk may ask, the technician may not.
  const nlohmann::json planned = nlohmann::json::parse(doctor.get("/api/jobs/" + job + "/files/plan.json").body);
  std::string second_on;
  for (const nlohmann::json& v : planned["schedule"]["visits"])
    if (v["session"] == 2 && second_on.empty()) second_on = v["date"];
  ASSERT_FALSE(second_on.empty());
  const std::string check = "/api/jobs/" + job + "/session-move-check";
  const Answer same = desk.post(check, {{"session", 2}, {"date", second_on}});
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json["allowed"], true) << same.body;
  EXPECT_EQ(same.json["visits"][0]["date"], second_on);
  std::chrono::sys_days saturday{*store::parse_date(second_on)};
  while (std::chrono::weekday{saturday} != std::chrono::Saturday) saturday += std::chrono::days{1};
  const Answer weekend = doctor.post(check, {{"session", 2}, {"date", store::iso_date(saturday)}});
  ASSERT_EQ(weekend.status, 200) << weekend.body;
  EXPECT_EQ(weekend.json["allowed"], false);
  EXPECT_NE(weekend.json["refusals"][0].get<std::string>().find("is a Saturday"), std::string::npos) << weekend.body;
  EXPECT_EQ(doctor.post(check, {{"session", 9}, {"date", second_on}}).error_field(), "session");
  EXPECT_EQ(doctor.post(check, {{"session", 2}, {"date", "2026-02-30"}}).error_field(), "date");
  EXPECT_EQ(doctor.post(check, {{"session", 2}, {"date", second_on}, {"moved", {{{"session", 1}}}}}).error_field(), "moved[0]");
  EXPECT_EQ(tech.post(check, {{"session", 2}, {"date", second_on}}).status, 403);
  // A holiday on that day closes it.
  ASSERT_EQ(admin.post("/api/clinic/holidays", {{"date", second_on}, {"name", "Clinic closed"}}).status, 201);
  const Answer closed = desk.post(check, {{"session", 2}, {"date", second_on}});
  EXPECT_EQ(closed.json["allowed"], false);
  EXPECT_EQ(closed.json["refusals"][0], second_on + " is a day the clinic is closed") << closed.body;
  ASSERT_EQ(admin.post("/api/clinic/holidays/" + second_on + "/removal", nlohmann::json::object()).status, 204);

  // Quotes from the plan, accepted, paid; invoices numbered 1 and 2, issued at once.
  const Answer quote = desk.post("/api/consultations/" + consultation + "/quotes", {{"job_id", job}});
  ASSERT_EQ(quote.status, 201) << quote.body;
  const nlohmann::json q = quote.json["quote"];
  EXPECT_EQ(q["state"], "issued");
  EXPECT_EQ(q["issued_on"], store::iso_date_of(store::now_unix_ms()));
  EXPECT_EQ(q["total"]["minor"], q["quote"]["total"]["minor"]);
  EXPECT_GT(q["total"]["minor"].get<long long>(), 0);
  EXPECT_EQ(desk.post("/api/consultations/" + consultation + "/quotes", {{"job_id", job}}).status, 409);
  const std::string qpath = "/api/quotes/" + q["id"].get<std::string>();
  EXPECT_EQ(desk.post(qpath + "/payments", {{"kind", "deposit"}, {"amount_minor", 50000}, {"method", "card"}}).status, 409)
      << "no payment before the quote is accepted";
  ASSERT_EQ(desk.post(qpath + "/decision", {{"decision", "accepted"}}).status, 200);
  EXPECT_EQ(desk.post(qpath + "/decision", {{"decision", "declined"}}).status, 409);
  const long long total = q["total"]["minor"];
  ASSERT_EQ(desk.post(qpath + "/payments", {{"kind", "deposit"}, {"amount_minor", 50000}, {"method", "card"}, {"reference", "T-881"}})
                .status,
            201);
  const Answer over = desk.post(qpath + "/payments", {{"kind", "payment"}, {"amount_minor", total}, {"method", "cash"}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.error_field(), "amount_minor");
  const Answer paid = desk.post(qpath + "/payments", {{"kind", "payment"}, {"amount_minor", total - 50000}, {"method", "bank_transfer"}});
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(paid.json["quote"]["balance"]["minor"], 0);
  EXPECT_TRUE(paid.json["quote"]["settled"]);
  const Answer touch_up = desk.post("/api/consultations/" + consultation + "/quotes", {{"job_id", job}, {"kind", "touch_up"}});
  ASSERT_EQ(touch_up.status, 201) << touch_up.body;
  const std::string tpath = "/api/quotes/" + touch_up.json["quote"]["id"].get<std::string>();
  ASSERT_EQ(desk.post(tpath + "/decision", {{"decision", "accepted"}}).status, 200);
  ApiClient desk2 = signed_in("desk");
  auto first = std::async(std::launch::async, [&] { return desk.post(qpath + "/invoice", nlohmann::json::object()); });
  auto second = std::async(std::launch::async, [&] { return desk2.post(tpath + "/invoice", nlohmann::json::object()); });
  const Answer i1 = first.get(), i2 = second.get();
  ASSERT_EQ(i1.status, 201) << i1.body;
  ASSERT_EQ(i2.status, 201) << i2.body;
  EXPECT_EQ((std::set<long long>{i1.json["invoice"]["number"], i2.json["invoice"]["number"]}), (std::set<long long>{1, 2}));
  EXPECT_EQ(i1.json["invoice"]["billed_to"], "Jonas Åberg");
  EXPECT_EQ(i1.json["invoice"]["balance"]["minor"], 0);
  EXPECT_EQ(i1.json["invoice"]["total"]["minor"], total);
  EXPECT_EQ(desk.post(qpath + "/invoice", nlohmann::json::object()).status, 409);
  EXPECT_EQ(desk.get("/api/invoices/" + std::to_string(i1.json["invoice"]["number"].get<long long>())).json["invoice"]["label"],
            i1.json["invoice"]["label"]);
  EXPECT_EQ(desk.get("/api/patients/" + patient + "/invoices").json["invoices"].size(), 2u);
  const Answer quotes = desk.get("/api/patients/" + patient + "/quotes");
  ASSERT_EQ(quotes.json["quotes"].size(), 2u);
  EXPECT_EQ(desk.get(qpath).json["quote"]["payments"].size(), 2u);
  EXPECT_EQ(tech.get(qpath).status, 403);

  // Three sessions booked and logged, weeks apart; a follow-up ahead.
  std::string last_session_on;
  for (int s = 1; s <= 3; ++s) {
    const long long start = now - (60 - 20 * (s - 1)) * kDayMs;
    const Answer a = desk.post("/api/appointments", {{"patient_id", patient},
                                                     {"consultation_id", consultation},
                                                     {"kind", "session"},
                                                     {"session_number", s},
                                                     {"technician_id", technician},
                                                     {"room_id", room},
                                                     {"starts_at", at(start)},
                                                     {"ends_at", at(start + 4 * 3600 * 1000)}});
    ASSERT_EQ(a.status, 201) << a.body;
    const Answer log = tech.post("/api/session-logs",
                                 {{"patient_id", patient},
                                  {"consultation_id", consultation},
                                  {"appointment_id", a.json["appointment"]["id"]},
                                  {"session_number", s},
                                  {"started_at", at(start + 300000)},
                                  {"ended_at", at(start + 3 * 3600 * 1000)},
                                  {"areas", {"frontal"}},
                                  {"needles", {{{"type", "3RL 0.25 mm"}, {"lot", "N-1"}}}},
                                  {"pigments", {{{"brand", "Scalp Ink"}, {"shade", "SMP-2"}, {"lot", "LOT-5"}, {"expiry", "2099-12-31"}}}},
                                  {"dilution_percent", 40 - 10 * s},
                                  {"depth_setting", "0.6 mm"},
                                  {"sedation", false},
                                  {"impressions_estimated", 1700},
                                  {"reactions", ""},
                                  {"notes", ""}});
    ASSERT_EQ(log.status, 201) << log.body;
    last_session_on = store::iso_date_of(start + 300000);
    if (s == 3) {  // the photo right after the last session
      const Answer photo = tech.send("POST",
                                     "/api/session-logs/" + log.json["session_log"]["id"].get<std::string>() +
                                         "/photos?view=back&taken_on=" + last_session_on,
                                     read_text_file((healed / "back" / "photo.png").string(), "photo"), "image/png");
      ASSERT_EQ(photo.status, 201) << photo.body;
      EXPECT_EQ(photo.json["photo"]["session_log_id"], log.json["session_log"]["id"]);
    }
  }
  ASSERT_EQ(desk.post("/api/appointments", {{"patient_id", patient},
                                            {"kind", "follow_up"},
                                            {"technician_id", technician},
                                            {"room_id", room},
                                            {"starts_at", at(now + 7 * kDayMs)},
                                            {"ends_at", at(now + 7 * kDayMs + 1800000)}})
                .status,
            201);

  // Public URLs are opened with no session, as a calendar app or the patient's phone does.
  ApiClient phone(server_->port());

  // Calendar feeds: secret URLs, no names in the clinic's, the clinic's address in the patient's.
  const Answer clinic_feed = desk.post("/api/calendar-feeds", {{"kind", "clinic"}});
  ASSERT_EQ(clinic_feed.status, 201) << clinic_feed.body;
  const Answer ics = phone.get(clinic_feed.json["path"]);
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(count_of(ics.body, "BEGIN:VEVENT"), 2) << ics.body;  // session 3 (20 days ago) and the follow-up
  EXPECT_NE(ics.body.find(patient), std::string::npos);
  EXPECT_EQ(ics.body.find("Åberg"), std::string::npos);
  EXPECT_NE(ics.body.find("Technician: tech"), std::string::npos);
  const Answer patient_feed = desk.post("/api/calendar-feeds", {{"kind", "patient"}, {"patient_id", patient}});
  const Answer mine = phone.get(patient_feed.json["path"]);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("SUMMARY:SMP follow-up at Nordic SMP Clinic"), std::string::npos) << mine.body;
  EXPECT_NE(mine.body.find("LOCATION:Storgatan 1"), std::string::npos) << mine.body;
  EXPECT_EQ(desk.get("/api/calendar-feeds").json["feeds"].size(), 2u);
  ASSERT_EQ(desk.post("/api/calendar-feeds/" + clinic_feed.json["feed"]["id"].get<std::string>() + "/revocation",
                      nlohmann::json::object())
                .status,
            204);
  EXPECT_EQ(phone.get(clinic_feed.json["path"]).status, 404);

  // The patient's link: the report, and a fever reported on day 5 becomes a red flag.
  const Answer link = desk.post("/api/patients/" + patient + "/links", {{"job_id", job}, {"valid_days", 14}});
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string path = link.json["path"];
  const Answer page = phone.get(path);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json["clinic"]["after_hours_phone"], "+46 70 999 00 11");
  EXPECT_EQ(page.json["appointments"].size(), 1u);
  EXPECT_EQ(page.body.find("Åberg"), std::string::npos);
  const Answer pdf = phone.get(path + "/files/report.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const Answer fever = phone.send("POST", path + "/symptoms",
                                  R"({"symptom": "fever", "days_since_session": 5, "days_lasting": 1})");
  ASSERT_EQ(fever.status, 201) << fever.body;
  EXPECT_TRUE(fever.json["contact_now"]);
  EXPECT_NE(fever.json["how_to_reach"].get<std::string>().find("+46 70 999 00 11"), std::string::npos);
  const Answer flags = doctor.get("/api/red-flags");
  ASSERT_EQ(flags.json["red_flags"].size(), 1u);
  EXPECT_EQ(flags.json["red_flags"][0]["patient_id"], patient);
  EXPECT_EQ(desk.get("/api/patients/" + patient + "/links").json["links"].size(), 1u);
  EXPECT_EQ(desk.get("/api/clinic/contact").json["contact"]["phone"], "+46 8 123 456");
  std::string forged = path;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_EQ(phone.get(forged).status, 404);
  std::string longer = std::regex_replace(path, std::regex(R"(\.([0-9]+)\.)"), ".9$1.");
  EXPECT_EQ(phone.get(longer).status, 404) << "an expiry moved forward breaks the signature";
  ASSERT_EQ(desk.post("/api/patient-links/" + link.json["link"]["id"].get<std::string>() + "/revocation",
                      nlohmann::json::object())
                .status,
            204);
  EXPECT_EQ(phone.get(path).status, 410);

  // The recall: the plan's interval from its last planned session, from the last session
  // actually performed.
  const nlohmann::json schedule = nlohmann::json::parse(doctor.get("/api/jobs/" + job + "/files/plan.json").body)["schedule"];
  using std::chrono::sys_days;
  const auto day = [](const std::string& d) { return sys_days(*store::parse_date(d)); };
  const std::string expected_due = store::iso_date(
      day(last_session_on) + (day(schedule["touch_up_recall"]) - day(schedule["visits"].back()["date"])));
  const Answer recalls = desk.get("/api/recalls?within_months=240");
  ASSERT_EQ(recalls.status, 200) << recalls.body;
  ASSERT_EQ(recalls.json["recalls"].size(), 1u) << recalls.body;
  EXPECT_EQ(recalls.json["recalls"][0]["due_on"], expected_due);
  EXPECT_EQ(recalls.json["recalls"][0]["last_session_on"], last_session_on);
  EXPECT_EQ(recalls.json["recalls"][0]["patient_name"], "Jonas Åberg");
  EXPECT_EQ(desk.get("/api/recalls?within_months=1").json["recalls"].size(), 0u);

  // The gallery: the healed top photo paired with the baseline, until the consent is withdrawn.
  const Answer after = tech.send("POST", "/api/consultations/" + consultation + "/photos?view=top",
                                 read_text_file((healed / "top" / "photo.png").string(), "photo"), "image/png");
  ASSERT_EQ(after.status, 201) << after.body;
  const Answer gallery = desk.get("/api/gallery");
  ASSERT_EQ(gallery.json["pairs"].size(), 1u) << gallery.body;
  const nlohmann::json pair = gallery.json["pairs"][0];
  EXPECT_EQ(pair["clinic"], "Nordic SMP Clinic");
  EXPECT_EQ(pair["days_between"], 70);
  EXPECT_EQ(gallery.body.find(patient), std::string::npos);
  EXPECT_EQ(gallery.body.find(baseline.json["photo"]["id"].get<std::string>()), std::string::npos);
  const std::string gpath = "/api/gallery/" + pair["id"].get<std::string>();
  const Answer provenance = desk.get(gpath);
  ASSERT_EQ(provenance.status, 200) << provenance.body;
  EXPECT_TRUE(provenance.json["pair"]["unedited"]["before"]);
  EXPECT_TRUE(provenance.json["pair"]["unedited"]["after"]);
  EXPECT_TRUE(provenance.json["pair"]["alignment"]["refused"].is_null()) << provenance.body;
  const Answer picture = desk.get(gpath + "/side-by-side.jpg");
  ASSERT_EQ(picture.status, 200) << picture.body;
  const cv::Mat side = decode_stored_photo(picture.body);  // imdecode reads JPEG too
  EXPECT_EQ(side.cols, 1600);
  EXPECT_GE(side.rows, 600);
  ASSERT_EQ(desk.post("/api/consents/" + grant["photos_gallery"] + "/withdrawal",
                      {{"in_person", true}, {"typed_name", "Jonas Åberg"}, {"signature", pad_signature()}})
                .status,
            201);
  EXPECT_EQ(desk.get("/api/gallery").json["pairs"].size(), 0u);
  EXPECT_EQ(desk.get(gpath + "/side-by-side.jpg").status, 404);
}

}  // namespace
}  // namespace smp
