// Reads TOML input one table at a time: types, ranges and unknown keys are checked, and
// every problem becomes an InputError with the file, line and dotted field name.
#pragma once

#include <chrono>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "smp/io/input_error.h"

namespace smp {

// Parses TOML text; a syntax error becomes an InputError at its line.
toml::table parse_toml(const std::string& text, const std::string& source);

// The one way an input error at a TOML node is made: the file, the node's line and the
// dotted field name (e.g. "scars[1].width_mm").
[[noreturn]] void fail_at(const std::string& file, const toml::node& n, const std::string& field,
                          const std::string& message);

// Reads one table, checking types, ranges and unknown keys, and turning every problem
// into a InputError with the file, line and dotted field name.
class TomlReader {
 public:
  TomlReader(const std::string& file, const toml::table& t, std::string path)
      : file_(file), t_(t), path_(std::move(path)) {}

  // At the node of `key` (the table's line without one).
  [[noreturn]] void fail(const toml::node* n, const std::string& key,
                         const std::string& msg) const {
    smp::fail_at(file_, n ? *n : t_, field(key), msg);
  }
  // At an element of an array or a table below this one, named by its whole dotted path.
  [[noreturn]] void fail_at(const toml::node& n, const std::string& dotted_field,
                            const std::string& msg) const {
    smp::fail_at(file_, n, dotted_field, msg);
  }
  // "unknown value 'x' (expected one of a, b, c)", or "expected a string" for no string.
  static std::string unknown_choice(const std::string* given,
                                    const std::vector<std::string_view>& names);
  std::string field(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  const toml::node* node(const std::string& key) {
    seen_.insert(key);
    return t_.get(key);
  }
  bool has(const std::string& key) const { return t_.contains(key); }

  double number(const std::string& key, double fallback, double lo, double hi) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    double v;
    if (auto d = n->value_exact<double>())
      v = *d;
    else if (auto i = n->value_exact<int64_t>())
      v = static_cast<double>(*i);
    else
      fail(n, key, "expected a number");
    if (!(v >= lo && v <= hi)) {
      std::ostringstream s;
      s << "value " << v << " is out of range [" << lo << ", " << hi << "]";
      fail(n, key, s.str());
    }
    return v;
  }
  int integer(const std::string& key, int fallback, int lo, int hi) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    auto i = n->value_exact<int64_t>();
    if (!i) fail(n, key, "expected an integer");
    if (*i < lo || *i > hi)
      fail(n, key,
           "value " + std::to_string(*i) + " is out of range [" + std::to_string(lo) + ", " +
               std::to_string(hi) + "]");
    return static_cast<int>(*i);
  }
  std::string text(const std::string& key, const std::string& fallback, bool required = false) {
    const toml::node* n = node(key);
    if (!n) {
      if (required) fail(nullptr, key, "is required");
      return fallback;
    }
    auto s = n->value_exact<std::string>();
    if (!s) fail(n, key, "expected a string");
    return *s;
  }
  template <class T>
  T choice(const std::string& key, T fallback,
           std::initializer_list<std::pair<const char*, T>> options) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    auto s = n->value_exact<std::string>();
    std::vector<std::string_view> names;
    for (const auto& [name, value] : options) {
      if (s && *s == name) return value;
      names.push_back(name);
    }
    fail(n, key, unknown_choice(s ? &*s : nullptr, names));
  }
  // A TOML local date (start_date = 2026-12-01).
  std::optional<std::chrono::year_month_day> date(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto d = n->value_exact<toml::date>();
    if (!d) fail(n, key, "expected a date like 2026-12-01 (unquoted)");
    const std::chrono::year_month_day ymd{std::chrono::year(d->year), std::chrono::month(d->month),
                                          std::chrono::day(d->day)};
    if (!ymd.ok()) fail(n, key, "not a calendar date");
    return ymd;
  }
  bool boolean(const std::string& key, bool fallback) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    auto b = n->value_exact<bool>();
    if (!b) fail(n, key, "expected true or false");
    return *b;
  }
  const toml::table* table(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail(n, key, "expected a table");
    return n->as_table();
  }
  const toml::array* array(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_array()) fail(n, key, "expected an array");
    return n->as_array();
  }
  // Every key must have been asked for: a misspelt key is an error, not a silent default.
  void done() const {
    for (const auto& [k, v] : t_)
      if (!seen_.count(std::string(k.str()))) fail(&v, std::string(k.str()), "unknown field");
  }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

 private:
  const std::string& file_;
  const toml::table& t_;
  std::string path_;
  std::set<std::string> seen_;
};

}  // namespace smp
