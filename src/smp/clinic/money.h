// Money as an integer count of minor units (cents), and rates as integer parts per
// million: every price, surcharge and tax is exact, never floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smp {

struct Currency {
  std::string code = "USD";  // ISO 4217: three capital letters
  int minor_digits = 2;      // digits after the point: USD 2, JPY 0, KWD 3
  bool operator==(const Currency&) const = default;
};

inline bool is_currency_code(std::string_view code) {
  if (code.size() != 3) return false;
  for (char ch : code)
    if (ch < 'A' || ch > 'Z') return false;
  return true;
}

namespace money_detail {

inline int64_t checked_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("money amount overflows");
  return r;
}
inline int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("money amount overflows");
  return r;
}
// a * num / den rounded half away from zero (half-up for the non-negative amounts of a
// quote); den > 0.
inline int64_t mul_div_round(int64_t a, int64_t num, int64_t den) {
  const int64_t p = checked_mul(a, num);
  int64_t q = p / den;
  const int64_t rest = p % den;  // same sign as p
  if (2 * (rest < 0 ? -rest : rest) >= den) q += p < 0 ? -1 : 1;
  return q;
}

// "3450.5" -> 345050 with decimals = 2: digits with at most one point, no sign, no
// grouping, at most `decimals` digits after the point.
inline int64_t parse_scaled(std::string_view text, int decimals, std::string_view what) {
  if (!text.empty() && text[0] == '-')
    throw std::invalid_argument(std::string(what) + " must not be negative");
  int64_t v = 0;
  int digits = 0, after_point = -1;
  for (char ch : text) {
    if (ch == '.' && after_point < 0) {
      after_point = 0;
    } else if (ch >= '0' && ch <= '9') {
      if (after_point >= 0 && ++after_point > decimals)
        throw std::invalid_argument("'" + std::string(text) + "' has more than " +
                                    std::to_string(decimals) + " decimal" +
                                    (decimals == 1 ? "" : "s"));
      if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, ch - '0', &v))
        throw std::invalid_argument("'" + std::string(text) + "' is too large");
      ++digits;
    } else {
      throw std::invalid_argument("'" + std::string(text) +
                                  "' is not a plain decimal number such as 3450.00");
    }
  }
  if (digits == 0 || after_point == 0)
    throw std::invalid_argument("'" + std::string(text) +
                                "' is not a plain decimal number such as 3450.00");
  for (int k = after_point < 0 ? 0 : after_point; k < decimals; ++k)
    if (__builtin_mul_overflow(v, 10, &v))
      throw std::invalid_argument("'" + std::string(text) + "' is too large");
  return v;
}

// 345050, 2 -> "3,450.50"
inline std::string format_scaled(int64_t v, int decimals, bool group) {
  const bool negative = v < 0;
  std::string digits = std::to_string(v);
  if (negative) digits.erase(0, 1);
  if (static_cast<int>(digits.size()) <= decimals)
    digits.insert(0, decimals + 1 - digits.size(), '0');
  const std::string whole = digits.substr(0, digits.size() - decimals);
  std::string out;
  for (std::size_t k = 0; k < whole.size(); ++k) {
    if (group && k > 0 && (whole.size() - k) % 3 == 0) out += ',';
    out += whole[k];
  }
  if (decimals > 0) out += "." + digits.substr(digits.size() - decimals);
  return (negative ? "-" : "") + out;
}

}  // namespace money_detail

// An amount in minor units of the quote's currency.
struct Money {
  int64_t minor = 0;
  auto operator<=>(const Money&) const = default;
  Money& operator+=(Money b) {
    minor = money_detail::checked_add(minor, b.minor);
    return *this;
  }
};
inline Money operator+(Money a, Money b) { return a += b; }
inline Money operator-(Money a, Money b) { return {money_detail::checked_add(a.minor, -b.minor)}; }
inline Money operator*(Money a, int64_t quantity) {
  return {money_detail::checked_mul(a.minor, quantity)};
}

// A price as written by a clinic: "3450", "3450.5" or "3450.50" (no sign, no grouping,
// no more decimals than the currency has). Throws std::invalid_argument.
inline Money parse_price(std::string_view text, const Currency& c) {
  return {money_detail::parse_scaled(text, c.minor_digits, "a price")};
}

// "USD 3,450.00", "JPY 450,000", "USD -5.00"
inline std::string format_money(Money m, const Currency& c) {
  return c.code + " " + money_detail::format_scaled(m.minor, c.minor_digits, true);
}

// A percentage, exact to 1/10000 of a percent (8.875% sales tax = 88750 per million).
struct Rate {
  int64_t per_million = 0;
  auto operator<=>(const Rate&) const = default;
};

// "8.875" (percent, at most 4 decimals) -> 88750 per million. Throws std::invalid_argument.
inline Rate parse_percent(std::string_view text) {
  return {money_detail::parse_scaled(text, 4, "a percentage")};
}

// 88750 per million -> "8.875" (no trailing zeros, no percent sign)
inline std::string format_percent(Rate r) {
  std::string s = money_detail::format_scaled(r.per_million, 4, false);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// The rate applied to an amount, rounded half-up to a minor unit.
inline Money percent_of(Money m, Rate r) {
  return {money_detail::mul_div_round(m.minor, r.per_million, 1'000'000)};
}

// The tax contained in a tax-inclusive amount: m * r / (1 + r), rounded half-up.
inline Money tax_within(Money gross, Rate r) {
  return {money_detail::mul_div_round(gross.minor, r.per_million,
                                      money_detail::checked_add(1'000'000, r.per_million))};
}

}  // namespace smp
