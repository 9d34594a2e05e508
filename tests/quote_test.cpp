#include "smp/clinic/quote.h"

#include <climits>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "smp/base/plan_error.h"
#include "smp/clinic/price_book.h"
#include "smp/report/quote_json.h"

#include "test_support.h"

namespace smp {
namespace {

using namespace std::chrono;

const Currency kUsd{"USD", 2};

// ---- Money

TEST(Money, FormatsWithGroupingAndTheCurrencyDigits) {
  EXPECT_EQ(format_money({345000}, kUsd), "USD 3,450.00");
  EXPECT_EQ(format_money({100000000}, kUsd), "USD 1,000,000.00");
  EXPECT_EQ(format_money({99}, kUsd), "USD 0.99");
  EXPECT_EQ(format_money({5}, kUsd), "USD 0.05");
  EXPECT_EQ(format_money({0}, kUsd), "USD 0.00");
  EXPECT_EQ(format_money({-500}, kUsd), "USD -5.00");
  EXPECT_EQ(format_money({450000}, {"JPY", 0}), "JPY 450,000");
  EXPECT_EQ(format_money({1234567}, {"KWD", 3}), "KWD 1,234.567");
}

TEST(Money, ParsesExactDecimals) {
  EXPECT_EQ(parse_price("3450", kUsd), Money{345000});
  EXPECT_EQ(parse_price("3450.5", kUsd), Money{345050});
  EXPECT_EQ(parse_price("3450.50", kUsd), Money{345050});
  EXPECT_EQ(parse_price("0.01", kUsd), Money{1});
  EXPECT_EQ(parse_price("450000", {"JPY", 0}), Money{450000});
  // The sum that floating point gets wrong.
  EXPECT_EQ(parse_price("0.1", kUsd) + parse_price("0.2", kUsd), parse_price("0.3", kUsd));
  EXPECT_EQ(parse_price("0.10", kUsd) * 3, Money{30});
}

TEST(Money, RefusesWhatIsNotAnExactPrice) {
  for (const char* bad :
       {"1.234", "-5", "3,450", "", ".", "1.", "12a", "1e3", "99999999999999999999"})
    EXPECT_THROW(parse_price(bad, kUsd), std::invalid_argument) << bad;
  EXPECT_THROW(parse_price("1.5", {"JPY", 0}), std::invalid_argument);
}

TEST(Money, ArithmeticOverflowThrows) {
  EXPECT_THROW(Money{INT64_MAX} + Money{1}, std::overflow_error);
  EXPECT_THROW(Money{INT64_MAX / 2} * 3, std::overflow_error);
  EXPECT_EQ(Money{500} - Money{800}, Money{-300});
}

TEST(Money, PercentagesAreExact) {
  EXPECT_EQ(parse_percent("8.875"), Rate{88750});
  EXPECT_EQ(parse_percent("20"), Rate{200000});
  EXPECT_EQ(parse_percent("0.0001"), Rate{1});
  EXPECT_THROW(parse_percent("0.00001"), std::invalid_argument);
  EXPECT_EQ(format_percent({88750}), "8.875");
  EXPECT_EQ(format_percent({200000}), "20");
  EXPECT_EQ(format_percent({0}), "0");
}

TEST(Money, PercentOfRoundsHalfUp) {
  EXPECT_EQ(percent_of({300060}, {75000}),
            Money{22505});                         // 22504.5 -> 22505 (half-even would give 22504)
  EXPECT_EQ(percent_of({100}, {5000}), Money{1});  // 0.5 -> 1
  EXPECT_EQ(percent_of({99}, {5000}), Money{0});   // 0.495 -> 0
  EXPECT_EQ(percent_of({400000}, {250000}), Money{100000});
  // VAT inside a gross price: 10,000.00 at 20% holds 1,666.666... -> 1,666.67.
  EXPECT_EQ(tax_within({1000000}, {200000}), Money{166667});
}

// ---- Price book

std::string example_book() { return testing::example_path("price-book.toml"); }

TEST(PriceBook, DefaultsEqualTheShippedExample) {
  EXPECT_TRUE(load_price_book(example_book()) == default_price_book());
}

TEST(PriceBook, DefaultsFollowTheDomain) {
  const PriceBook b = default_price_book();
  // One section USD 3,000-5,000 by area and complexity.
  EXPECT_EQ(b.section_tiers.front().price, Money{300000});
  EXPECT_EQ(
      b.section_tiers.back().price + percent_of(b.section_tiers.back().price, b.complex_surcharge),
      Money{500000});
  EXPECT_EQ(b.full_scalp, Money{1000000});
  EXPECT_EQ(b.sessions_included, 3);
  // Touch-up about 1/3 of the full scalp (within 1%).
  EXPECT_LE(std::abs((b.touch_up * 3 - b.full_scalp).minor), b.full_scalp.minor / 100);
}

TEST(PriceBook, TierSelectionAtTheBoundaries) {
  const PriceBook b = default_price_book();  // up to 60: 3,000; up to 120: 3,500; over: 4,000
  EXPECT_EQ(b.tier_for(0.1).price, Money{300000});
  EXPECT_EQ(b.tier_for(60.0).price, Money{300000});
  EXPECT_EQ(b.tier_for(60.001).price, Money{350000});
  EXPECT_EQ(b.tier_for(120.0).price, Money{350000});
  EXPECT_EQ(b.tier_for(120.001).price, Money{400000});
  EXPECT_EQ(b.tier_for(500).price, Money{400000});
}

// A complete book, one setting per line, so each bad case replaces one line.
const char* const kBook = R"([currency]
code = "USD"
minor_digits = 2
[sections]
min_separate_cm2 = 20
complex_surcharge_percent = 25
[[sections.tiers]]
up_to_cm2 = 60
price = 3000
[[sections.tiers]]
up_to_cm2 = 120
price = "3500.50"
[[sections.tiers]]
price = 4000
[full_scalp]
price = 10000
[sessions]
included = 3
extra_price = 1000
[touch_up]
price = 3300
[sedation]
price_per_session = 300
[tax]
rate_percent = "8.875"
included_in_prices = false
[quote]
valid_days = 30
included = ["consultation"]
not_included = ["aftercare products"]
)";

// `book` with its 1-based line `line` replaced by `text` (which may hold several lines).
std::string replace_line(const std::string& book, int line, const std::string& text) {
  std::istringstream in(book);
  std::string out, l;
  for (int k = 1; std::getline(in, l); ++k) out += (k == line ? text : l) + "\n";
  return out;
}

TEST(PriceBook, ReadsEveryField) {
  const PriceBook b = parse_price_book(kBook, "book.toml");
  EXPECT_EQ(b.currency, kUsd);
  ASSERT_EQ(b.section_tiers.size(), 3u);
  EXPECT_EQ(b.section_tiers[1].up_to_cm2, 120.0);
  EXPECT_EQ(b.section_tiers[1].price, Money{350050});
  EXPECT_FALSE(b.section_tiers[2].up_to_cm2);
  EXPECT_EQ(b.complex_surcharge, Rate{250000});
  EXPECT_EQ(b.min_separate_section_cm2, 20);
  EXPECT_EQ(b.extra_session, Money{100000});
  EXPECT_EQ(b.sedation_per_session, Money{30000});
  EXPECT_EQ(b.tax_rate, Rate{88750});
  EXPECT_EQ(b.valid_days, 30);
  EXPECT_EQ(b.not_included, std::vector<std::string>{"aftercare products"});
  const std::string yen_text =
      replace_line(replace_line(replace_line(kBook, 2, "code = 'JPY'"), 3, "minor_digits = 0"), 12,
                   "price = '3500'");
  const PriceBook yen = parse_price_book(yen_text, "yen.toml");
  EXPECT_EQ(yen.currency, (Currency{"JPY", 0}));
  EXPECT_EQ(yen.section_tiers[0].price, Money{3000});
  EXPECT_THROW(parse_price_book(replace_line(yen_text, 12, "price = '3500.5'"), "yen.toml"),
               InputError);
}

struct BadBook {
  int replace_line;
  const char* text;
  int line;
  const char* field;
  const char* says;
};

void PrintTo(const BadBook& b, std::ostream* os) { *os << b.field << " (" << b.text << ")"; }

class BadBooks : public ::testing::TestWithParam<BadBook> {};

TEST_P(BadBooks, ErrorNamesFileLineAndField) {
  const BadBook b = GetParam();
  const std::string text = replace_line(kBook, b.replace_line, b.text);
  testing::expect_input_error(
      testing::input_error_of([&] { parse_price_book(text, "book.toml"); }, text), "book.toml",
      b.line, b.field, b.says);
}

INSTANTIATE_TEST_SUITE_P(
    PriceBook, BadBooks,
    ::testing::Values(
        BadBook{19, "extra_price = 1000\nextra_fee = 50", 20, "sessions.extra_fee",
                "unknown field"},
        BadBook{30, "not_included = []\n[discounts]\nfriends = 10", 31, "discounts",
                "unknown field"},
        BadBook{21, "price = -3300", 21, "touch_up.price", "must not be negative"},
        BadBook{23, "price_per_session = '-300.00'", 23, "sedation.price_per_session",
                "must not be negative"},
        BadBook{2, "code = 'usd'", 2, "currency.code", "ISO 4217"},
        BadBook{2, "code = 'DOLLAR'", 2, "currency.code", "ISO 4217"},
        BadBook{3, "minor_digits = 7", 3, "currency.minor_digits", "out of range"},
        BadBook{12, "price = '3500.005'", 12, "sections.tiers[1].price", "more than 2 decimals"},
        BadBook{16, "price = 10000.50", 16, "full_scalp.price", "never floating point"},
        BadBook{16, "price = '10,000'", 16, "full_scalp.price", "plain decimal"},
        BadBook{16, "price = 3999", 16, "full_scalp.price", "largest section"},
        BadBook{11, "up_to_cm2 = 60", 11, "sections.tiers[1].up_to_cm2",
                "larger than the previous"},
        BadBook{12, "price = 2999", 12, "sections.tiers[1].price", "less than the previous"},
        BadBook{11, "", 10, "sections.tiers[1].up_to_cm2", "required"},
        BadBook{14, "up_to_cm2 = 200\nprice = 4000", 14, "sections.tiers[2].up_to_cm2",
                "last tier"},
        BadBook{6, "complex_surcharge_percent = 150", 6, "sections.complex_surcharge_percent",
                "at most 100"},
        BadBook{25, "rate_percent = '8.87501'", 25, "tax.rate_percent", "more than 4 decimals"},
        BadBook{26, "included_in_prices = 'no'", 26, "tax.included_in_prices", "true or false"},
        BadBook{18, "", 17, "sessions.included", "required"},
        BadBook{28, "valid_days = 0", 28, "quote.valid_days", "out of range"},
        BadBook{29, "included = ['consultation', 3]", 29, "quote.included[1]", "string"},
        BadBook{5, "min_separate_cm2 = ", 5, "", "value"}));

TEST(PriceBook, MissingFileIsAnInputError) {
  EXPECT_THROW(load_price_book("/nonexistent/price-book.toml"), InputError);
}

// ---- Quote

constexpr year_month_day kDate{2024y / February / 29};

SectionWork work(Section s, double cm2, bool complex = false) { return {s, cm2, complex}; }

QuoteRequest request(std::vector<SectionWork> sections, int sessions = 3, int sedated = 0) {
  return {std::move(sections), sessions, sedated, kDate};
}

TEST(Quote, OneSectionByItsTier) {
  const Quote q = make_quote(request({work(Section::front, 44.4)}), default_price_book());
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.lines[0].item, "Hairline and front");
  EXPECT_NE(q.lines[0].detail.find("44.4 cm2 treated; tier up to 60 cm2"), std::string::npos)
      << q.lines[0].detail;
  EXPECT_EQ(q.lines[0].amount, Money{300000});
  EXPECT_EQ(q.tax, Money{0});
  EXPECT_EQ(q.total, Money{300000});
  EXPECT_EQ(q.kind, QuoteKind::treatment);
}

TEST(Quote, ComplexSectionHasItsOwnSurchargeLine) {
  const Quote q =
      make_quote(request({work(Section::sides_and_back, 130, true)}), default_price_book());
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_EQ(q.lines[0].amount, Money{400000});
  EXPECT_EQ(q.lines[1].item, "Scar work: Sides and back");
  EXPECT_NE(q.lines[1].detail.find("25% of USD 4,000.00"), std::string::npos) << q.lines[1].detail;
  EXPECT_EQ(q.lines[1].amount, Money{100000});
  EXPECT_EQ(q.total, Money{500000});  // the top of the USD 3,000-5,000 range
}

TEST(Quote, SmallSectionsArePricedWithTheLargest) {
  // A Norwood III hairline: the edge of the work spills into the top and the sides.
  const Quote q = make_quote(request({work(Section::front, 44.4), work(Section::top, 11.9),
                                      work(Section::sides_and_back, 12.4, true)}),
                             default_price_book());
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_EQ(q.lines[0].item, "Hairline and front");
  EXPECT_NE(q.lines[0].detail.find(
                "68.7 cm2 treated, including Top (mid-scalp) 11.9 cm2, Sides and back 12.4 cm2"),
            std::string::npos)
      << q.lines[0].detail;
  EXPECT_EQ(q.lines[0].amount, Money{350000});  // 68.7 cm2: the second tier
  EXPECT_EQ(q.lines[1].amount, Money{87500});   // the scar came with the sides
  // Every section small (alopecia areata patches): one section, the largest.
  const Quote patches = make_quote(
      request({work(Section::front, 3.4), work(Section::top, 11.3), work(Section::crown, 14.8)}),
      default_price_book());
  ASSERT_EQ(patches.lines.size(), 1u);
  EXPECT_EQ(patches.lines[0].item, "Crown (vertex)");
  EXPECT_EQ(patches.total, Money{300000});
}

TEST(Quote, SeparateSectionsAtTheThreshold) {
  const Quote q = make_quote(request({work(Section::front, 40), work(Section::crown, 20)}),
                             default_price_book());
  ASSERT_EQ(q.lines.size(), 2u);  // 20 cm2 is not under min_separate_cm2 = 20
  EXPECT_EQ(q.total, Money{600000});
}

TEST(Quote, FullScalpCapsTheSections) {
  const std::vector<SectionWork> nw6{work(Section::front, 60.5), work(Section::top, 77.9),
                                     work(Section::crown, 89.5), work(Section::sides_and_back, 96)};
  const Quote q = make_quote(request(nw6), default_price_book());
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.lines[0].item, "Full scalp");
  EXPECT_NE(
      q.lines[0].detail.find("323.9 cm2 treated; priced by section it would be USD 14,000.00"),
      std::string::npos)
      << q.lines[0].detail;
  EXPECT_EQ(q.total, Money{1000000});

  // The rule at its boundary: equal keeps the section lines, one cent less replaces them.
  PriceBook b = default_price_book();
  const auto three =
      request({work(Section::front, 40), work(Section::top, 40), work(Section::crown, 40)});
  b.full_scalp = {900000};
  EXPECT_EQ(make_quote(three, b).lines.size(), 3u);
  b.full_scalp = {899999};
  ASSERT_EQ(make_quote(three, b).lines.size(), 1u);
  EXPECT_EQ(make_quote(three, b).total, Money{899999});
}

TEST(Quote, SessionsBeyondTheIncludedAreExtraLines) {
  const PriceBook b = default_price_book();
  const auto front = std::vector{work(Section::front, 44.4)};
  EXPECT_EQ(make_quote(request(front, 3), b).lines.size(), 1u);
  EXPECT_EQ(make_quote(request(front, 2), b).total, Money{300000});  // fewer sessions: same price
  const Quote four = make_quote(request(front, 4), b);
  ASSERT_EQ(four.lines.size(), 2u);
  EXPECT_EQ(four.lines[1].item, "Extra session");
  EXPECT_EQ(four.lines[1].quantity, 1);
  EXPECT_EQ(four.total, Money{400000});
  const Quote five = make_quote(request(front, 5), b);
  EXPECT_EQ(five.lines[1].quantity, 2);
  EXPECT_EQ(five.lines[1].amount, Money{200000});
  EXPECT_EQ(five.not_included[0], "each session beyond 5: USD 1,000.00");
}

TEST(Quote, SedationIsItsOwnLine) {
  const PriceBook b = default_price_book();
  const Quote q = make_quote(request({work(Section::front, 44.4)}, 3, 2), b);
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_EQ(q.lines[1].item, "Light sedation");
  EXPECT_EQ(q.lines[1].quantity, 2);
  EXPECT_EQ(q.lines[1].unit, Money{30000});
  EXPECT_EQ(q.total, Money{360000});
  EXPECT_NE(std::find(q.not_included.begin(), q.not_included.end(),
                      "light sedation: USD 300.00 per session"),
            q.not_included.end());
  const Quote all = make_quote(request({work(Section::front, 44.4)}, 3, 3), b);
  EXPECT_EQ(std::find(all.not_included.begin(), all.not_included.end(),
                      "light sedation: USD 300.00 per session"),
            all.not_included.end());
  EXPECT_THROW(make_quote(request({work(Section::front, 44.4)}, 3, 4), b), PlanError);
  EXPECT_THROW(make_quote(request({}), b), PlanError);
}

TEST(Quote, TaxIsRoundedHalfUpOnceOnTheSubtotal) {
  PriceBook b = default_price_book();
  b.tax_rate = {75000};  // 7.5%
  b.section_tiers = {{std::nullopt, {300060}}};
  const Quote one = make_quote(request({work(Section::front, 44.4)}), b);
  EXPECT_EQ(one.tax, Money{22505});  // 22,504.5 cents
  EXPECT_EQ(one.total, Money{322565});
  // Per line the halves would round up twice (22,505 + 2); on the subtotal once.
  b.sedation_per_session = {20};
  const Quote two = make_quote(request({work(Section::front, 44.4)}, 3, 1), b);
  EXPECT_EQ(two.subtotal, Money{300080});
  EXPECT_EQ(two.tax, Money{22506});
  EXPECT_EQ(two.total, Money{322586});
}

TEST(Quote, TaxIncludedInThePrices) {
  PriceBook b = default_price_book();
  b.tax_rate = {200000};
  b.tax_included = true;
  const Quote q =
      make_quote(request({work(Section::front, 60.5), work(Section::top, 77.9),
                          work(Section::crown, 89.5), work(Section::sides_and_back, 96)}),
                 b);
  EXPECT_EQ(q.subtotal, Money{1000000});
  EXPECT_EQ(q.tax, Money{166667});
  EXPECT_EQ(q.total, Money{1000000});
}

// No hidden fees: for every kind of quote and tax setting, the total is the lines plus tax.
TEST(Quote, TotalIsTheSumOfTheLinesPlusTax) {
  std::vector<Quote> quotes;
  for (const auto& [rate, included] :
       std::vector<std::pair<int64_t, bool>>{{0, false}, {88750, false}, {200000, true}}) {
    PriceBook b = default_price_book();
    b.tax_rate = {rate};
    b.tax_included = included;
    quotes.push_back(
        make_quote(request({work(Section::front, 44.4), work(Section::crown, 70, true)}, 4, 2), b));
    quotes.push_back(make_quote(
        request({work(Section::front, 99), work(Section::top, 99), work(Section::crown, 99)}, 3, 1),
        b));
    quotes.push_back(make_touch_up_quote(b, kDate, true));
  }
  for (const Quote& q : quotes) {
    Money lines;
    for (const QuoteLine& l : q.lines) {
      EXPECT_EQ(l.amount, l.unit * l.quantity) << l.item;
      EXPECT_GT(l.amount, Money{}) << l.item;
      lines += l.amount;
    }
    EXPECT_EQ(q.subtotal, lines);
    EXPECT_EQ(q.total, q.tax_included ? q.subtotal : q.subtotal + q.tax);
    EXPECT_EQ(q.tax > Money{}, q.tax_rate > Rate{});
  }
}

TEST(Quote, ValidUntilCountsCalendarDays) {
  PriceBook b = default_price_book();  // 30 days
  auto until = [&](year_month_day d) { return make_touch_up_quote(b, d, false).valid_until; };
  EXPECT_EQ(until(2024y / January / 31), 2024y / March / 1);  // leap year: February has 29 days
  EXPECT_EQ(until(2023y / January / 31), 2023y / March / 2);
  EXPECT_EQ(until(2024y / February / 29), 2024y / March / 30);
  EXPECT_EQ(until(2023y / December / 15), 2024y / January / 14);
  b.valid_days = 366;
  EXPECT_EQ(until(2024y / February / 29), 2025y / March / 1);
  EXPECT_EQ(make_touch_up_quote(b, 2024y / February / 29, false).issued, 2024y / February / 29);
  EXPECT_THROW(make_touch_up_quote(b, 2023y / February / 29, false), PlanError);
}

TEST(Quote, TouchUpForAReturningPatient) {
  const PriceBook b = default_price_book();
  const Quote q = make_touch_up_quote(b, kDate, false);
  EXPECT_EQ(q.kind, QuoteKind::touch_up);
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.lines[0].item, "Touch-up session");
  EXPECT_EQ(q.total, Money{330000});
  EXPECT_EQ(q.included.front(), "one touch-up session");
  const Quote sedated = make_touch_up_quote(b, kDate, true);
  ASSERT_EQ(sedated.lines.size(), 2u);
  EXPECT_EQ(sedated.total, Money{360000});
}

TEST(Quote, ListsWhatIsAndIsNotIncluded) {
  const PriceBook b = default_price_book();
  const Quote q = make_quote(request({work(Section::front, 44.4)}, 3, 0), b);
  const std::vector<std::string> included{"up to 3 sessions (3 planned)", b.included[0],
                                          b.included[1]};
  EXPECT_EQ(q.included, included);
  const std::vector<std::string> not_included{
      "each session beyond 3: USD 1,000.00", "light sedation: USD 300.00 per session",
      "a touch-up session in later years: USD 3,300.00 at today's prices", b.not_included[0]};
  EXPECT_EQ(q.not_included, not_included);
}

TEST(Quote, RequestFromADesign) {
  Design d;
  auto region = [&](Region r, Goal g, double treated_cm2) {
    d.regions.push_back({r, g, 50, treated_cm2, 80, 80, 0, 0, {}});
  };
  region(Region::frontal_hairline_zone, Goal::buzz_cut, 30);
  region(Region::frontal, Goal::buzz_cut, 10.5);
  region(Region::mid_scalp, Goal::buzz_cut, 0);
  region(Region::vertex, Goal::buzz_cut, 25);
  region(Region::occipital, Goal::scar_camouflage, 20);
  region(Region::temporal_left, Goal::buzz_cut, 4);
  d.sessions.resize(5);
  for (int s = 0; s < 4; ++s) d.sessions[s].dots = 100;  // the fifth has nothing to do: not priced
  Dot on_scar;
  on_scar.region = Region::vertex;
  on_scar.on_scar = true;
  d.dots = {Dot{}, on_scar};
  const QuoteRequest r = quote_request(d, kDate, 2);
  ASSERT_EQ(r.sections.size(), 3u);  // no top: nothing treated there
  EXPECT_EQ(r.sections[0].section, Section::front);
  EXPECT_DOUBLE_EQ(r.sections[0].treated_area_cm2, 40.5);
  EXPECT_FALSE(r.sections[0].complex);
  EXPECT_EQ(r.sections[1].section, Section::crown);
  EXPECT_TRUE(r.sections[1].complex);  // a dot on a scar
  EXPECT_EQ(r.sections[2].section, Section::sides_and_back);
  EXPECT_DOUBLE_EQ(r.sections[2].treated_area_cm2, 24);
  EXPECT_TRUE(r.sections[2].complex);  // scar camouflage
  EXPECT_EQ(r.sessions, 4);
  EXPECT_EQ(r.sedated_sessions, 2);
  EXPECT_EQ(r.date, kDate);
}

// Designed examples: a Norwood III hairline is one section; a FUT scar is scar work.
TEST(Quote, FromDesignedExamples) {
  const PriceBook b = default_price_book();
  const Quote nw3 = make_quote(
      quote_request(testing::designed_example("norwood3-soft-hairline.toml").planned.design, kDate,
                    0),
      b);
  ASSERT_EQ(nw3.lines.size(), 1u);
  EXPECT_EQ(nw3.lines[0].item, "Hairline and front");
  const Quote fut = make_quote(
      quote_request(testing::designed_example("fut-scar-camouflage.toml").planned.design, kDate, 0),
      b);
  ASSERT_EQ(fut.lines.size(), 2u);
  EXPECT_EQ(fut.lines[0].item, "Sides and back");
  EXPECT_EQ(fut.lines[1].item, "Scar work: Sides and back");
}

TEST(Quote, EveryRegionBelongsToTheSectionOfItsName) {
  for (int i = 0; i < kRegionCount; ++i) {
    const Region r = static_cast<Region>(i);
    const std::string_view s = name(section_of(r));
    const std::string_view n = name(r);
    const bool front = n.starts_with("frontal"), top = n == "mid_scalp", crown = n == "vertex";
    EXPECT_EQ(s, front ? "front" : top ? "top" : crown ? "crown" : "sides_and_back") << n;
  }
}

TEST(Quote, JsonHasMinorUnitsTextAndIsoDates) {
  PriceBook b = default_price_book();
  b.tax_rate = {88750};
  const Quote q = make_quote(request({work(Section::front, 44.4)}, 4, 1), b);
  const auto j = nlohmann::json::parse(quote_json(q));
  EXPECT_EQ(j["schema"], "smp-studio/quote/1");
  EXPECT_EQ(j["kind"], "treatment");
  EXPECT_EQ(j["currency"]["code"], "USD");
  EXPECT_EQ(j["issued"], "2024-02-29");
  EXPECT_EQ(j["valid_until"], "2024-03-30");
  ASSERT_EQ(j["lines"].size(), 3u);
  EXPECT_EQ(j["lines"][0]["amount"]["minor"], 300000);
  EXPECT_EQ(j["lines"][0]["amount"]["text"], "USD 3,000.00");
  EXPECT_EQ(j["lines"][2]["quantity"], 1);
  EXPECT_EQ(j["subtotal"]["minor"], 430000);
  EXPECT_EQ(j["tax"]["rate_percent"], "8.875");
  EXPECT_EQ(j["tax"]["amount"]["minor"], 38163);  // 38,162.5 cents, half-up
  EXPECT_EQ(j["tax"]["included_in_prices"], false);
  EXPECT_EQ(j["total"]["minor"], 468163);
  EXPECT_EQ(j["total"]["text"], "USD 4,681.63");
  EXPECT_EQ(j["included"].size(), q.included.size());
  EXPECT_EQ(j["not_included"].size(), q.not_included.size());
}

}  // namespace
}  // namespace smp
