// The clinic's price book (docs/price-book.md) as the API reads and stores it: the TOML
// text, checked as `smp plan --price-book` checks the file, kept as the clinic setting
// "price_book" that every plan job queued afterwards prices its quote with.
#include <tuple>

#include <fmt/format.h>

#include "smp/clinic/price_book.h"
#include "smp/io/input_error.h"
#include "smp/jobs/demo.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clinic_settings.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

constexpr const char* kSetting = "price_book";

nlohmann::json money_json(Money m, const Currency& c) { return {{"minor", m.minor}, {"text", format_money(m, c)}}; }

// The text and what it says: every price with the TOML field it is written at, so a
// screen can list them beside the text.
nlohmann::json price_book_json(const std::string& toml, const PriceBook& b, bool is_default) {
  const Currency& c = b.currency;
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t k = 0; k < b.section_tiers.size(); ++k) {
    const SectionTier& tier = b.section_tiers[k];
    items.push_back({{"item", "section"},
                     {"field", fmt::format("sections.tiers[{}].price", k)},
                     {"up_to_cm2", tier.up_to_cm2 ? nlohmann::json(*tier.up_to_cm2) : nlohmann::json(nullptr)},
                     {"price", money_json(tier.price, c)}});
  }
  for (const auto& [item, field, price] : {std::tuple{"full_scalp", "full_scalp.price", b.full_scalp},
                                           std::tuple{"extra_session", "sessions.extra_price", b.extra_session},
                                           std::tuple{"touch_up", "touch_up.price", b.touch_up},
                                           std::tuple{"sedation_per_session", "sedation.price_per_session",
                                                      b.sedation_per_session}})
    items.push_back({{"item", item}, {"field", field}, {"price", money_json(price, c)}});
  return {{"toml", toml},
          {"is_default", is_default},
          {"currency", {{"code", c.code}, {"minor_digits", c.minor_digits}}},
          {"items", items},
          {"complex_surcharge_percent", format_percent(b.complex_surcharge)},
          {"min_separate_cm2", b.min_separate_section_cm2},
          {"sessions_included", b.sessions_included},
          {"tax", {{"rate_percent", format_percent(b.tax_rate)}, {"included_in_prices", b.tax_included}}},
          {"valid_days", b.valid_days},
          {"included", b.included},
          {"not_included", b.not_included}};
}

// The file's own check; its InputError becomes a 400 naming the price book's field under
// "toml" and the line in the message ("toml: line 21: touch_up.price: ...").
PriceBook checked_price_book(const std::string& toml) {
  try {
    return parse_price_book(toml, "price book");
  } catch (const InputError& e) {
    const std::string line = e.line() > 0 ? fmt::format("line {}: ", e.line()) : "";
    const std::string field = e.field().empty() ? "" : e.field() + ": ";
    throw ApiError(400, "bad_request", fmt::format("toml: {}{}{}", line, field, e.message()),
                   e.field().empty() ? "toml" : "toml." + e.field());
  }
}

}  // namespace

void add_price_book_api(Router& r) {
  r.get("/api/clinic/price-book", Permission::view_price_book, [](Call& call) {
    const std::optional<std::string> stored = call.read([&](Connection& c) {
      call.audit_read(AuditAction::read, "clinic_settings", kSetting);
      return store::clinic_setting(c, kSetting);
    });
    // Without one of its own the clinic prices with the defaults, which the bundled
    // examples/price-book.toml writes out (a test keeps the two equal).
    if (!stored) {
      const std::string toml = read_text_file(bundled_example("price-book.toml"), "price book");
      return Reply(200, {{"price_book", price_book_json(toml, default_price_book(), true)}});
    }
    return Reply(200, {{"price_book", price_book_json(*stored, checked_price_book(*stored), false)}});
  });

  r.put("/api/clinic/price-book", Permission::manage_clinic, [](Call& call) {
    JsonBody body = call.body();
    const std::string toml = body.text("toml");
    body.no_other_fields();
    const PriceBook book = checked_price_book(toml);
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      store::set_clinic_setting(c, kSetting, toml, call.user().id);
      store::append_audit(c, call.audit(AuditAction::update, "clinic_settings", kSetting));
      return Reply(200, {{"price_book", price_book_json(toml, book, false)}});
    });
  });
}

}  // namespace smp::server
