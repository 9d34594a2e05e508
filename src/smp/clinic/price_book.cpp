#include "smp/clinic/price_book.h"

#include <toml++/toml.h>

#include "smp/io/toml_reader.h"

namespace smp {
namespace {

// A price book has no defaults: a missing price must not silently become ours.
void require(TomlReader& r, const std::string& key) {
  if (!r.has(key)) r.fail(nullptr, key, "is required");
}

const toml::table& required_table(TomlReader& r, const std::string& key) {
  require(r, key);
  return *r.table(key);
}

// Amounts and percentages: a TOML integer as written, or a quoted exact decimal. A TOML
// float is refused, because 0.1 has no exact binary value.
template <class Parse>
auto read_exact(TomlReader& r, const std::string& key, Parse parse) {
  require(r, key);
  const toml::node* n = r.node(key);
  std::string text;
  if (auto i = n->value_exact<int64_t>())
    text = std::to_string(*i);
  else if (auto s = n->value_exact<std::string>())
    text = *s;
  else if (n->is_floating_point())
    r.fail(n, key,
           "write decimals as a quoted string such as \"3450.50\": money is exact, never floating "
           "point");
  else
    r.fail(n, key, "expected an integer or a quoted decimal such as \"3450.50\"");
  try {
    return parse(text);
  } catch (const std::invalid_argument& e) {
    r.fail(n, key, e.what());
  }
}

Money read_price(TomlReader& r, const std::string& key, const Currency& c) {
  return read_exact(r, key, [&](const std::string& t) { return parse_price(t, c); });
}

Rate read_percent(TomlReader& r, const std::string& key) {
  const Rate rate = read_exact(r, key, [](const std::string& t) { return parse_percent(t); });
  if (rate > Rate{1'000'000}) r.fail(r.node(key), key, "must be at most 100");
  return rate;
}

std::vector<std::string> read_texts(TomlReader& r, const std::string& key) {
  require(r, key);
  std::vector<std::string> out;
  for (const toml::node& n : *r.array(key)) {
    auto s = n.value_exact<std::string>();
    if (!s || s->empty())
      r.fail_at(n, r.field(key) + "[" + std::to_string(out.size()) + "]",
                "expected a non-empty string");
    out.push_back(*s);
  }
  return out;
}

void parse_tiers(TomlReader& s, PriceBook& b) {
  require(s, "tiers");
  const toml::array& tiers = *s.array("tiers");
  if (tiers.empty()) s.fail(s.node("tiers"), "tiers", "needs at least one tier");
  for (std::size_t k = 0; k < tiers.size(); ++k) {
    const std::string path = s.field("tiers") + "[" + std::to_string(k) + "]";
    const toml::node& n = tiers[k];
    if (!n.is_table()) s.fail_at(n, path, "expected a table");
    TomlReader t(s.file(), *n.as_table(), path);
    const bool last = k + 1 == tiers.size();
    SectionTier tier;
    if (last && t.has("up_to_cm2"))
      t.fail(t.node("up_to_cm2"), "up_to_cm2",
             "must be left out in the last tier, which prices every larger section");
    if (!last) {
      require(t, "up_to_cm2");
      tier.up_to_cm2 = t.number("up_to_cm2", 0, 0.1, 1000);
      if (k > 0 && *tier.up_to_cm2 <= *b.section_tiers.back().up_to_cm2)
        t.fail(t.node("up_to_cm2"), "up_to_cm2", "must be larger than the previous tier's limit");
    }
    tier.price = read_price(t, "price", b.currency);
    if (k > 0 && tier.price < b.section_tiers.back().price)
      t.fail(t.node("price"), "price", "must not be less than the previous tier's price");
    t.done();
    b.section_tiers.push_back(tier);
  }
}

}  // namespace

const SectionTier& PriceBook::tier_for(double treated_area_cm2) const {
  for (const SectionTier& t : section_tiers)
    if (!t.up_to_cm2 || treated_area_cm2 <= *t.up_to_cm2) return t;
  return section_tiers.back();
}

PriceBook default_price_book() {
  PriceBook b;
  b.currency = {"USD", 2};
  b.section_tiers = {{60.0, {300000}}, {120.0, {350000}}, {std::nullopt, {400000}}};
  b.complex_surcharge = {250'000};
  b.min_separate_section_cm2 = 20;
  b.full_scalp = {1'000'000};
  b.sessions_included = 3;
  b.extra_session = {100'000};
  b.touch_up = {330'000};
  b.sedation_per_session = {30'000};
  b.tax_rate = {0};
  b.tax_included = false;
  b.valid_days = 30;
  b.included = {"consultation and treatment design (hairline, density and shades)",
                "written aftercare instructions"};
  b.not_included = {
      "aftercare products: the prescribed shampoo or moisturiser and sunscreen (SPF 30-50)"};
  return b;
}

PriceBook parse_price_book(const std::string& text, const std::string& source) {
  const toml::table root = parse_toml(text, source);
  TomlReader r(source, root, "");
  PriceBook b;
  {
    TomlReader t(source, required_table(r, "currency"), "currency");
    b.currency.code = t.text("code", "", true);
    if (!is_currency_code(b.currency.code))
      t.fail(t.node("code"), "code",
             "expected an ISO 4217 code of three capital letters, such as USD");
    require(t, "minor_digits");
    b.currency.minor_digits = t.integer("minor_digits", 2, 0, 4);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "sections"), "sections");
    require(t, "min_separate_cm2");
    b.min_separate_section_cm2 = t.number("min_separate_cm2", 0, 0, 500);
    b.complex_surcharge = read_percent(t, "complex_surcharge_percent");
    parse_tiers(t, b);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "full_scalp"), "full_scalp");
    b.full_scalp = read_price(t, "price", b.currency);
    if (b.full_scalp < b.section_tiers.back().price)
      t.fail(t.node("price"), "price", "must not be less than the largest section's price");
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "sessions"), "sessions");
    require(t, "included");
    b.sessions_included = t.integer("included", 3, 1, 10);
    b.extra_session = read_price(t, "extra_price", b.currency);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "touch_up"), "touch_up");
    b.touch_up = read_price(t, "price", b.currency);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "sedation"), "sedation");
    b.sedation_per_session = read_price(t, "price_per_session", b.currency);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "tax"), "tax");
    b.tax_rate = read_percent(t, "rate_percent");
    require(t, "included_in_prices");
    b.tax_included = t.boolean("included_in_prices", false);
    t.done();
  }
  {
    TomlReader t(source, required_table(r, "quote"), "quote");
    require(t, "valid_days");
    b.valid_days = t.integer("valid_days", 30, 1, 366);
    b.included = read_texts(t, "included");
    b.not_included = read_texts(t, "not_included");
    t.done();
  }
  r.done();
  return b;
}

PriceBook load_price_book(const std::string& path) {
  return parse_price_book(read_text_file(path, "price book"), path);
}

}  // namespace smp
