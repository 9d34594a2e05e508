// A request's JSON body, read strictly: application/json, at most 1 MB, at most 32 levels
// deep, every field of the asked type, no field the endpoint does not know (400 naming it).
#pragma once

#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace smp::server {

inline constexpr std::size_t kMaxJsonBytes = 1 << 20;
inline constexpr int kMaxJsonDepth = 32;

class JsonBody {
 public:
  // ApiError 415 (not JSON), 413 (too large) or 400 (malformed, not an object).
  JsonBody(const std::string& content_type, const std::string& body);

  std::string text(const std::string& field);  // required
  std::string optional_text(const std::string& field, const std::string& fallback = "");
  long long integer(const std::string& field);  // required
  std::optional<long long> optional_integer(const std::string& field);
  bool given(const std::string& field);  // present and not null, of any type
  nlohmann::json object(const std::string& field);  // required, whole
  nlohmann::json array(const std::string& field);   // required, whole
  bool boolean(const std::string& field);           // required
  double number(const std::string& field, double lo, double hi);  // required, in [lo, hi]
  std::optional<double> optional_number(const std::string& field, double lo, double hi);
  // A required ISO 8601 time with its zone, as Unix milliseconds.
  long long time(const std::string& field);
  // ApiError 400 naming the first field no accessor asked for.
  void no_other_fields() const;

 private:
  const nlohmann::json* find(const std::string& field, bool required);
  nlohmann::json json_;
  std::set<std::string> asked_;
};

}  // namespace smp::server
