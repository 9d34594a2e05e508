// Crash safety: the server killed with SIGKILL while photos are uploaded, consents signed
// and invoices issued, all at once. After a restart every change that was answered 2xx is
// there and whole (a photo opens and matches its hash, a consent is intact, invoice numbers
// run without a gap), nothing half-written is left, the audit chain verifies and SQLite's
// integrity check is ok.
#include <atomic>
#include <thread>

#include "api_fixture.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/store/audit_log.h"
#include "smp/store/billing.h"
#include "smp/store/consultations.h"
#include "smp/store/jobs.h"
#include "smp/store/secrets.h"

namespace smp {
namespace {

class Crash : public Api {};
INSTANTIATE_TEST_SUITE_P(Engines, Crash, ::testing::Values(Engine::sqlite, Engine::postgresql), testing::engine_name);

nlohmann::json signature() {
  nlohmann::json stroke = nlohmann::json::array();
  for (int i = 0; i <= 20; ++i) stroke.push_back({30 + 20 * i, 100 + (i % 2 ? 30 : -30)});
  return {{"width_px", 600}, {"height_px", 200}, {"strokes", {stroke}}};
}

TEST_P(Crash, AKillDuringUploadsSignaturesAndInvoicesLosesNothingAnswered) {
  ApiClient desk = signed_in("desk"), doctor = signed_in("doctor");
  const std::string patient = new_patient(desk, "Crash Patient");
  const std::string consultation =
      doctor.post("/api/patients/" + patient + "/consultations", {{"case", example_case("norwood3-soft-hairline.toml")}})
          .json["consultation"]["id"];
  // Accepted quotes waiting for their invoices, made through the store (a plan job per
  // quote would take minutes).
  constexpr int kQuotes = 400;
  std::vector<std::string> quotes;
  open_store()->transaction(store::Access::write, [&](store::Connection& c) {
    const store::User by = *store::find_user(c, "desk");
    const long long version = store::find_consultation(c, consultation)->current.version;
    for (int i = 0; i < kQuotes; ++i) {
      store::Quote q;
      q.patient_id = patient;
      q.consultation_id = consultation;
      q.job_id = store::enqueue_job(c, consultation, version, store::JobKind::plan, by).id;
      q.kind = "treatment";
      q.currency = "USD";
      q.total_minor = 350000;
      q.quote_json = R"({"schema": "smp-studio/quote/1", "kind": "treatment", "issued": "2026-12-01",
        "valid_until": "2099-12-31", "currency": {"code": "USD", "minor_digits": 2},
        "lines": [{"item": "Hairline and front", "detail": "", "quantity": 1,
                   "unit_price": {"minor": 350000, "text": "USD 3,500.00"}, "amount": {"minor": 350000, "text": "USD 3,500.00"}}],
        "subtotal": {"minor": 350000, "text": "USD 3,500.00"},
        "tax": {"amount": {"minor": 0, "text": "USD 0.00"}, "included_in_prices": false, "rate_per_million": 0, "rate_percent": "0"},
        "total": {"minor": 350000, "text": "USD 3,500.00"}, "included": [], "not_included": []})";
      q.issued_on = "2026-12-01";
      q.valid_until = "2099-12-31";
      quotes.push_back(store::issue_quote(c, q, by).id);
      store::decide_quote(c, quotes.back(), store::QuoteState::accepted, "2026-12-01", by);
    }
    c.query("UPDATE jobs SET state = 'cancelled'");  // nothing for the server to run
  });
  const std::string photo = read_text_file(std::string(SMP_SOURCE_DIR) + "/examples/photos/astronaut-face.jpg", "photo");
  const std::string templates = desk.get("/api/consent-templates").json["templates"][0]["id"];

  std::atomic<bool> stop{false};
  std::vector<std::string> photos, consents;
  std::vector<long long> invoices;
  std::thread uploader([&] {
    ApiClient c = signed_in("tech");
    for (int i = 0; !stop && i < 2000; ++i) {
      const Answer a = c.send("POST", "/api/consultations/" + consultation + "/photos?view=front", photo, "image/jpeg");
      if (a.status != 201) break;  // the server is gone
      photos.push_back(a.json["photo"]["id"]);
    }
  });
  std::thread signer([&] {
    ApiClient c = signed_in("desk");
    for (int i = 0; !stop && i < 2000; ++i) {
      const Answer a = c.post("/api/patients/" + patient + "/consents",
                              {{"template_id", templates}, {"typed_name", "Crash Patient"}, {"signature", signature()}});
      if (a.status != 201) break;
      consents.push_back(a.json["consent"]["id"]);
    }
  });
  std::thread biller([&] {
    ApiClient c = signed_in("desk");
    for (const std::string& q : quotes) {
      if (stop) break;
      const Answer a = c.post("/api/quotes/" + q + "/invoice", nlohmann::json::object());
      if (a.status != 201) break;
      invoices.push_back(a.json["invoice"]["number"]);
    }
  });
  while (photos.size() < 10 || consents.size() < 10 || invoices.size() < 10)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->kill_hard();
  stop = true;
  uploader.join();
  signer.join();
  biller.join();
  ASSERT_LT(invoices.size(), quotes.size()) << "the kill came after the last invoice: nothing was interrupted";

  server_ = std::make_unique<ServerProcess>(server_args_);
  ApiClient tech = signed_in("tech"), after = signed_in("desk");
  for (const std::string& id : photos) {
    const Answer p = tech.get("/api/photos/" + id + "/original");
    ASSERT_EQ(p.status, 200) << id;
    EXPECT_EQ(p.body, photo) << id;
    EXPECT_EQ(decode_stored_photo(tech.get("/api/photos/" + id + "/image").body).cols, 512) << id;
  }
  for (const std::string& id : consents) {
    const Answer k = after.get("/api/consents/" + id);
    ASSERT_EQ(k.status, 200) << id;
    EXPECT_TRUE(k.json["consent"]["intact"]) << id;
  }
  for (long long n : invoices) EXPECT_EQ(after.get("/api/invoices/" + std::to_string(n)).status, 200) << n;
  // Numbers without a gap, one per invoice, the counter where the last one left it.
  const long long issued = count("SELECT COUNT(*) FROM invoices");
  EXPECT_GE(issued, static_cast<long long>(invoices.size()));
  EXPECT_EQ(count("SELECT COALESCE(MAX(number), 0) FROM invoices"), issued);
  EXPECT_EQ(count("SELECT last_number FROM invoice_counter"), issued);
  // Nothing without its audit row (a change and its audit row commit together).
  EXPECT_EQ(count("SELECT COUNT(*) FROM photos"), count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'photo'"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM consents"), count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'consent'"));
  EXPECT_EQ(issued, count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'invoice'"));
  // The next invoice takes the next number.
  const Answer next = after.post("/api/quotes/" + quotes[static_cast<std::size_t>(issued)] + "/invoice", nlohmann::json::object());
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_EQ(next.json["invoice"]["number"], issued + 1);
  const auto db = open_store();
  EXPECT_TRUE(store::verify_audit(*db).ok());
  if (GetParam() == Engine::sqlite)
    db->transaction(store::Access::read, [](store::Connection& c) {
      EXPECT_EQ(c.query("PRAGMA integrity_check").at(0).text(0), "ok");
    });
}

}  // namespace
}  // namespace smp
