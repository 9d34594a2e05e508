// The clinic's price book and holidays through the API: read by the roles docs/roles.md
// names, changed by the admin only, the price book checked exactly as the TOML file is
// (the line and field of a mistake in the answer) and used by the next plan job.
#include <algorithm>

#include "api_fixture.h"

namespace smp {
namespace {

class ClinicSettingsApi : public Api {
 protected:
  static std::string example_book() {
    return read_text_file(std::string(SMP_SOURCE_DIR) + "/examples/price-book.toml", "price book");
  }
  // `book` with its first `from` replaced by `to` (the book must hold `from`).
  static std::string replaced(std::string book, const std::string& from, const std::string& to) {
    const std::size_t at = book.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? book : book.replace(at, from.size(), to);
  }
  static std::string edited_book(const std::string& from, const std::string& to) {
    return replaced(example_book(), from, to);
  }
  // The 1-based line of the example's first `text`.
  static int line_of(const std::string& text) {
    const std::string book = example_book();
    return 1 + static_cast<int>(std::count(book.begin(), book.begin() + book.find(text), '\n'));
  }
  static std::vector<long long> prices(const nlohmann::json& book) {
    std::vector<long long> out;
    for (const auto& item : book["items"]) out.push_back(item["price"]["minor"]);
    return out;
  }
};
INSTANTIATE_TEST_SUITE_P(Engines, ClinicSettingsApi, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         testing::engine_name);

TEST_P(ClinicSettingsApi, ThePriceBookIsReadByWhoQuotesAndChangedByTheAdminOnly) {
  ApiClient admin = signed_in("admin"), doctor = signed_in("doctor"), tech = signed_in("tech"), desk = signed_in("desk");

  // No book of its own yet: the clinic prices with the defaults, examples/price-book.toml.
  const Answer first = desk.get("/api/clinic/price-book");
  ASSERT_EQ(first.status, 200) << first.body;
  const nlohmann::json book = first.json["price_book"];
  EXPECT_TRUE(book["is_default"]);
  EXPECT_EQ(book["toml"], example_book());
  EXPECT_EQ(book["currency"], (nlohmann::json{{"code", "USD"}, {"minor_digits", 2}}));
  // Three tiers, full scalp, extra session, touch-up, sedation.
  EXPECT_EQ(prices(book), (std::vector<long long>{300000, 350000, 400000, 1000000, 100000, 330000, 30000}));
  EXPECT_EQ(book["items"][1], (nlohmann::json{{"item", "section"},
                                              {"field", "sections.tiers[1].price"},
                                              {"up_to_cm2", 120.0},
                                              {"price", {{"minor", 350000}, {"text", "USD 3,500.00"}}}}));
  EXPECT_TRUE(book["items"][2]["up_to_cm2"].is_null()) << "the last tier has no limit";
  EXPECT_EQ(book["items"][5]["field"], "touch_up.price");
  EXPECT_EQ(book["complex_surcharge_percent"], "25");
  EXPECT_EQ(book["sessions_included"], 3);
  EXPECT_EQ(book["tax"], (nlohmann::json{{"rate_percent", "0"}, {"included_in_prices", false}}));
  EXPECT_EQ(book["valid_days"], 30);
  EXPECT_EQ(admin.get("/api/clinic/price-book").status, 200);
  EXPECT_EQ(doctor.get("/api/clinic/price-book").status, 200);
  EXPECT_EQ(tech.get("/api/clinic/price-book").status, 403) << "the technician issues no quote";

  // A new touch-up price and 8.875% tax, stored and audited.
  const std::string edited =
      replaced(edited_book("price = 3300", "price = \"3450.50\""), "rate_percent = 0", "rate_percent = \"8.875\"");
  const Answer put = admin.put("/api/clinic/price-book", {{"toml", edited}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_FALSE(put.json["price_book"]["is_default"]);
  EXPECT_EQ(put.json["price_book"]["items"][5]["price"], (nlohmann::json{{"minor", 345050}, {"text", "USD 3,450.50"}}));
  EXPECT_EQ(put.json["price_book"]["tax"]["rate_percent"], "8.875");
  const Answer read = desk.get("/api/clinic/price-book");
  EXPECT_EQ(read.json["price_book"]["toml"], edited);
  EXPECT_EQ(prices(read.json["price_book"]), (std::vector<long long>{300000, 350000, 400000, 1000000, 100000, 345050, 30000}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_settings WHERE name = 'price_book'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'clinic_settings' "
                  "AND entity_id = 'price_book'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity_id = 'price_book'"), 4)
      << "every read but the refused one";

  // Refused as the file is: the line and the price book's field, and nothing stored.
  struct Bad {
    std::string toml, field, message;
  };
  for (const Bad& b : std::vector<Bad>{
           {edited_book("price = 3300", "price = \"3300.005\""), "toml.touch_up.price",
            "toml: line " + std::to_string(line_of("price = 3300")) + ": touch_up.price: '3300.005' has more than 2 decimals"},
           {edited_book("price = 3300", "price = \"-5\""), "toml.touch_up.price",
            "toml: line " + std::to_string(line_of("price = 3300")) + ": touch_up.price: a price must not be negative"},
           {edited_book("extra_price = 1000", "extra_price = 1000\nextra_fee = 5"), "toml.sessions.extra_fee",
            "toml: line " + std::to_string(line_of("extra_price = 1000") + 1) + ": sessions.extra_fee: unknown field"},
           {edited_book("price = 3500", "price = 3500.5"), "toml.sections.tiers[1].price",
            "toml: line " + std::to_string(line_of("price = 3500")) +
                ": sections.tiers[1].price: write decimals as a quoted string such as \"3450.50\": money is exact, "
                "never floating point"},
           {edited_book("[full_scalp]", "[full_scalp"), "toml", "toml: line " + std::to_string(line_of("[full_scalp]")) + ": "},
       }) {
    const Answer a = admin.put("/api/clinic/price-book", {{"toml", b.toml}});
    EXPECT_EQ(a.status, 400) << a.body;
    EXPECT_EQ(a.json["error"]["field"], b.field) << a.body;
    EXPECT_TRUE(a.json["error"]["message"].get<std::string>().starts_with(b.message)) << a.body;
  }
  EXPECT_EQ(admin.put("/api/clinic/price-book", {{"toml", 3300}}).json["error"]["field"], "toml");
  EXPECT_EQ(admin.put("/api/clinic/price-book", {{"toml", edited}, {"by", "x"}}).json["error"]["field"], "by");
  EXPECT_EQ(doctor.put("/api/clinic/price-book", {{"toml", example_book()}}).status, 403);
  EXPECT_EQ(desk.put("/api/clinic/price-book", {{"toml", example_book()}}).status, 403);
  EXPECT_EQ(desk.get("/api/clinic/price-book").json["price_book"]["toml"], edited) << "no refusal stored anything";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity_id = 'price_book'"), 1);
}

TEST_P(ClinicSettingsApi, APlanJobQueuedAfterANewPriceBookQuotesItsPrices) {
  ApiClient admin = signed_in("admin"), doctor = signed_in("doctor"), desk = signed_in("desk");
  // Euros, and every tier at its own price, so each section line shows which book priced it.
  std::string book = edited_book("code = \"USD\"", "code = \"EUR\"");
  for (const auto& [from, to] : {std::pair{"price = 3000", "price = 2111"}, std::pair{"price = 3500", "price = 2222"},
                                 std::pair{"price = 4000", "price = 2333"}})
    book = replaced(book, from, to);
  ASSERT_EQ(admin.put("/api/clinic/price-book", {{"toml", book}}).status, 200);

  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const Answer plan = doctor.post("/api/consultations/" + consultation + "/jobs", {{"kind", "plan"}});
  ASSERT_EQ(plan.status, 202) << plan.body;
  const nlohmann::json done = wait_for_job(doctor, plan.json["job"]["id"]);
  ASSERT_EQ(done["state"], "done") << done.dump();
  const nlohmann::json quote =
      nlohmann::json::parse(doctor.get("/api/jobs/" + done["id"].get<std::string>() + "/files/quote.json").body);
  EXPECT_EQ(quote["currency"], (nlohmann::json{{"code", "EUR"}, {"minor_digits", 2}}));
  int sections = 0;
  long long sum = 0;
  for (const auto& line : quote["lines"]) {
    const long long unit = line["unit_price"]["minor"];
    sum += line["amount"]["minor"].get<long long>();
    if (unit == 211100 || unit == 222200 || unit == 233300) ++sections;
    EXPECT_NE(unit, 300000) << line.dump();
    EXPECT_NE(unit, 350000) << line.dump();
    EXPECT_NE(unit, 400000) << line.dump();
    EXPECT_TRUE(line["unit_price"]["text"].get<std::string>().starts_with("EUR ")) << line.dump();
  }
  EXPECT_GE(sections, 1) << quote.dump();
  EXPECT_EQ(quote["subtotal"]["minor"], sum);
}

TEST_P(ClinicSettingsApi, HolidaysAreReadByEveryRoleAndKeptByTheAdmin) {
  ApiClient admin = signed_in("admin"), doctor = signed_in("doctor"), tech = signed_in("tech"), desk = signed_in("desk");
  for (ApiClient* c : {&admin, &doctor, &tech, &desk}) {
    const Answer a = c->get("/api/clinic/holidays");
    EXPECT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.json["holidays"], nlohmann::json::array());
  }
  const Answer christmas = admin.post("/api/clinic/holidays", {{"date", "2026-12-25"}, {"name", "Christmas Day"}});
  ASSERT_EQ(christmas.status, 201) << christmas.body;
  EXPECT_EQ(christmas.json["holiday"], (nlohmann::json{{"date", "2026-12-25"}, {"name", "Christmas Day"}}));
  ASSERT_EQ(admin.post("/api/clinic/holidays", {{"date", "2026-01-01"}, {"name", "New Year's Day"}}).status, 201);
  EXPECT_EQ(tech.get("/api/clinic/holidays").json["holidays"],
            (nlohmann::json{{{"date", "2026-01-01"}, {"name", "New Year's Day"}}, {{"date", "2026-12-25"}, {"name", "Christmas Day"}}}))
      << "by date";

  struct Bad {
    nlohmann::json body;
    int status;
    std::string field;
  };
  for (const Bad& b : std::vector<Bad>{
           {{{"date", "2026-12-25"}, {"name", "Christmas again"}}, 409, "date"},
           {{{"date", "2026-02-30"}, {"name", "No such day"}}, 400, "date"},
           {{{"date", "25.12.2026"}, {"name", "Christmas"}}, 400, "date"},
           {{{"date", "2026-12-26"}, {"name", ""}}, 400, "name"},
           {{{"date", "2026-12-26"}, {"name", std::string(101, 'x')}}, 400, "name"},
           {{{"date", "2026-12-26"}}, 400, "name"},
           {{{"date", "2026-12-26"}, {"name", "Boxing Day"}, {"closed", true}}, 400, "closed"},
       }) {
    const Answer a = admin.post("/api/clinic/holidays", b.body);
    EXPECT_EQ(a.status, b.status) << a.body;
    EXPECT_EQ(a.json["error"]["field"], b.field) << a.body;
  }
  EXPECT_EQ(doctor.post("/api/clinic/holidays", {{"date", "2026-12-26"}, {"name", "Boxing Day"}}).status, 403);
  EXPECT_EQ(desk.post("/api/clinic/holidays/2026-12-25/removal", nlohmann::json::object()).status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_holidays"), 2) << "no refusal wrote anything";

  // Removed: gone from the list, its row kept; a day that is no holiday is 404; it may be added again.
  EXPECT_EQ(admin.post("/api/clinic/holidays/2026-12-25/removal", nlohmann::json::object()).status, 204);
  EXPECT_EQ(desk.get("/api/clinic/holidays").json["holidays"].size(), 1u);
  const Answer again = admin.post("/api/clinic/holidays/2026-12-25/removal", nlohmann::json::object());
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(again.json["error"]["field"], "date");
  EXPECT_EQ(admin.post("/api/clinic/holidays", {{"date", "2026-12-25"}, {"name", "Christmas Day"}}).status, 201);
  EXPECT_EQ(desk.get("/api/clinic/holidays").json["holidays"].size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_holidays"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_holidays WHERE removed_at_ms > 0"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'holiday' AND action = 'create'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'holiday' AND action = 'update' AND entity_id = '2026-12-25'"), 1);
}

}  // namespace
}  // namespace smp
