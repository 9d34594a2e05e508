#include "smp/report/quote_json.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace smp {
namespace {

nlohmann::json money_json(Money m, const Currency& c) {
  return {{"minor", m.minor}, {"text", format_money(m, c)}};
}

std::string iso_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace

std::string quote_json(const Quote& q) {
  using nlohmann::json;
  json lines = json::array();
  for (const QuoteLine& l : q.lines)
    lines.push_back({{"item", l.item},
                     {"detail", l.detail},
                     {"quantity", l.quantity},
                     {"unit_price", money_json(l.unit, q.currency)},
                     {"amount", money_json(l.amount, q.currency)}});
  json j;
  j["schema"] = "smp-studio/quote/1";
  j["kind"] = q.kind == QuoteKind::treatment ? "treatment" : "touch_up";
  j["currency"] = {{"code", q.currency.code}, {"minor_digits", q.currency.minor_digits}};
  j["issued"] = iso_date(q.issued);
  j["valid_until"] = iso_date(q.valid_until);
  j["lines"] = lines;
  j["subtotal"] = money_json(q.subtotal, q.currency);
  j["tax"] = {{"rate_percent", format_percent(q.tax_rate)},
              {"rate_per_million", q.tax_rate.per_million},
              {"included_in_prices", q.tax_included},
              {"amount", money_json(q.tax, q.currency)}};
  j["total"] = money_json(q.total, q.currency);
  j["included"] = q.included;
  j["not_included"] = q.not_included;
  return j.dump(2) + "\n";
}

}  // namespace smp
