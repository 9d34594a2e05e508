// Consents through the API: the template's text signed with a typed name and a drawn
// signature, provable (hash of all of it), immutable, withdrawn by a new record.
#include "api_fixture.h"

namespace smp {
namespace {

class ConsentApi : public Api {
 protected:
  // A signature pad's strokes: a wavy line across most of a 600 x 200 pad.
  static nlohmann::json signature() {
    nlohmann::json stroke = nlohmann::json::array();
    for (int i = 0; i <= 40; ++i) stroke.push_back({50 + 12 * i, 100 + 30 * std::sin(i * 0.7)});
    return {{"width_px", 600}, {"height_px", 200}, {"strokes", {stroke, {{300, 60}, {310, 150}}}}};
  }
  nlohmann::json current_template(ApiClient& c, const std::string& kind) {
    const Answer all = c.get("/api/consent-templates");
    for (const nlohmann::json& t : all.json["templates"])
      if (t["kind"] == kind && t["current"]) return t;
    ADD_FAILURE() << "no current " << kind << " template: " << all.body;
    return {};
  }
};
INSTANTIATE_TEST_SUITE_P(Engines, ConsentApi, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         testing::engine_name);

TEST_P(ConsentApi, TheTreatmentTextDisclosesWhatAPatientMustKnow) {
  ApiClient desk = signed_in("desk");
  const std::string body = current_template(desk, "treatment")["body"];
  for (const char* must : {"permanent", "laser", "fade", "bluish", "keep thinning", "shaved", "ages", "38 degrees C",
                           "severe allergic reaction", "lymph nodes"})
    EXPECT_NE(body.find(must), std::string::npos) << must;
  std::set<std::string> kinds;
  const Answer all = desk.get("/api/consent-templates");
  for (const nlohmann::json& t : all.json["templates"]) kinds.insert(t["kind"]);
  EXPECT_EQ(kinds, (std::set<std::string>{"treatment", "photos_record", "photos_gallery", "marketing"}));
}

TEST_P(ConsentApi, ASignedConsentIsProvableImmutableAndWithdrawnByANewRecord) {
  ApiClient desk = signed_in("desk"), doctor = signed_in("doctor"), admin = signed_in("admin");
  const std::string patient = new_patient(desk, "Jonas  Åberg");
  const std::string path = "/api/patients/" + patient + "/consents";
  const nlohmann::json gallery = current_template(desk, "photos_gallery");

  // Refused, and nothing written: another name, no real signature, a pen off the pad.
  nlohmann::json tap = signature();
  tap["strokes"] = {{{10, 10}, {12, 11}}};
  nlohmann::json off = signature();
  off["strokes"][0][3] = {700, 10};
  struct Bad {
    nlohmann::json body;
    std::string field;
  };
  for (const Bad& b : std::vector<Bad>{
           {{{"template_id", gallery["id"]}, {"typed_name", "Jon Aberg"}, {"signature", signature()}}, "typed_name"},
           {{{"template_id", gallery["id"]}, {"typed_name", "Jonas Åberg"}, {"signature", tap}}, "signature"},
           {{{"template_id", gallery["id"]}, {"typed_name", "Jonas Åberg"}, {"signature", off}}, "signature.strokes[1][4]"},
           {{{"template_id", "T-gallery-9"}, {"typed_name", "Jonas Åberg"}, {"signature", signature()}}, "template_id"},
           {{{"template_id", gallery["id"]}, {"typed_name", "Jonas Åberg"}}, "signature"},
       }) {
    const Answer a = desk.post(path, b.body);
    EXPECT_EQ(a.status, 400) << a.body;
    EXPECT_EQ(a.error_field(), b.field) << a.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM consents"), 0);

  // Signed: the name typed as the patient likes (case and spacing aside), the pad's strokes.
  const Answer k = desk.post(path, {{"template_id", gallery["id"]}, {"typed_name", "jonas åberg"}, {"signature", signature()}});
  ASSERT_EQ(k.status, 201) << k.body;
  const nlohmann::json grant = k.json["consent"];
  EXPECT_EQ(grant["decision"], "granted");
  EXPECT_TRUE(grant["in_force"]);
  EXPECT_TRUE(grant["intact"]);
  EXPECT_EQ(grant["client_address"], "127.0.0.1");
  EXPECT_FALSE(grant["user_agent"].get<std::string>().empty());
  EXPECT_EQ(grant["body"], gallery["body"]);
  EXPECT_EQ(grant["content_sha256"].get<std::string>().size(), 64u);
  const Answer svg = doctor.get("/api/consents/" + grant["id"].get<std::string>() + "/signature");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.header("Content-Type"), "image/svg+xml; charset=utf-8");  // answer_body.h
  EXPECT_NE(svg.body.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.body.find("50.0,100.0"), std::string::npos);

  // Immutable in the database itself: the engine refuses an update and a delete.
  for (const std::string sql : {"UPDATE consents SET typed_name = 'someone else'", "DELETE FROM consents",
                                "UPDATE consent_templates SET body = 'nothing to see'"})
    EXPECT_THROW(open_store()->transaction(store::Access::write, [&](store::Connection& c) { c.query(sql); }),
                 store::StoreError)
        << sql;

  // A new version of the text does not touch what was signed.
  const Answer v2 = admin.post("/api/consent-templates",
                               {{"kind", "photos_gallery"}, {"title", "Gallery pictures"}, {"body", "A new, longer text of the gallery consent."}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json["template"]["version"], 2);
  EXPECT_EQ(current_template(desk, "photos_gallery")["version"], 2);
  EXPECT_EQ(desk.post("/api/consent-templates", {{"kind", "marketing"}, {"title", "x"}, {"body", "y"}}).status, 403);
  const Answer again = doctor.get("/api/consents/" + grant["id"].get<std::string>());
  EXPECT_EQ(again.json["consent"]["body"], gallery["body"]);
  EXPECT_TRUE(again.json["consent"]["intact"]);

  // Withdrawn in writing: a new record; the grant is no longer in force; once only.
  const std::string withdraw = "/api/consents/" + grant["id"].get<std::string>() + "/withdrawal";
  EXPECT_EQ(desk.post(withdraw, {{"in_person", false}, {"typed_name", "Jonas Åberg"}}).error_field(), "note");
  const Answer w = desk.post(withdraw, {{"in_person", false}, {"typed_name", "Jonas Åberg"}, {"note", "e-mail of 2026-12-01"}});
  ASSERT_EQ(w.status, 201) << w.body;
  EXPECT_EQ(w.json["consent"]["decision"], "withdrawn");
  EXPECT_EQ(w.json["consent"]["withdraws"], grant["id"]);
  EXPECT_FALSE(w.json["consent"]["signed"]);
  EXPECT_EQ(desk.post(withdraw, {{"in_person", true}, {"typed_name", "Jonas Åberg"}, {"signature", signature()}}).status,
            409);
  const Answer list = desk.get(path);
  ASSERT_EQ(list.json["consents"].size(), 2u);
  EXPECT_FALSE(list.json["consents"][0]["in_force"]);
  EXPECT_EQ(list.json["consents"][0]["withdrawn_by"], w.json["consent"]["id"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'consent_withdrawal'"), 1);
  EXPECT_EQ(admin.get(path).status, 403);
}

}  // namespace
}  // namespace smp
