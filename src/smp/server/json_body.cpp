#include "smp/server/json_body.h"

#include <fmt/format.h>

#include "smp/server/api_error.h"
#include "smp/store/clock.h"

namespace smp::server {
namespace {

constexpr std::size_t kMaxFieldBytes = 64 * 1024;

}  // namespace

JsonBody::JsonBody(const std::string& content_type, const std::string& body) {
  if (!content_type.starts_with("application/json"))
    throw ApiError(415, "unsupported_media_type", "the body must be application/json", "body");
  if (body.size() > kMaxJsonBytes)
    throw ApiError(413, "too_large", fmt::format("the body is over {} bytes", kMaxJsonBytes), "body");
  try {
    json_ = nlohmann::json::parse(body, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
      if (depth > kMaxJsonDepth)
        throw ApiError(400, "bad_request", fmt::format("body: nested deeper than {} levels", kMaxJsonDepth), "body");
      return true;
    });
  } catch (const nlohmann::json::parse_error& e) {
    throw bad_request("body", fmt::format("not valid JSON (at byte {})", e.byte));
  }
  if (!json_.is_object()) throw bad_request("body", "must be a JSON object");
}

const nlohmann::json* JsonBody::find(const std::string& field, bool required) {
  asked_.insert(field);
  const auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) {
    if (required) throw bad_request(field, "is required");
    return nullptr;
  }
  return &*it;
}

std::string JsonBody::text(const std::string& field) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_string()) throw bad_request(field, "must be a string");
  if (v->get_ref<const std::string&>().size() > kMaxFieldBytes)
    throw bad_request(field, fmt::format("is over {} bytes", kMaxFieldBytes));
  return v->get<std::string>();
}

std::string JsonBody::optional_text(const std::string& field, const std::string& fallback) {
  if (!find(field, false)) return fallback;
  return text(field);
}

long long JsonBody::integer(const std::string& field) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_number_integer()) throw bad_request(field, "must be an integer");
  return v->get<long long>();
}

nlohmann::json JsonBody::object(const std::string& field) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_object()) throw bad_request(field, "must be an object");
  return *v;
}

nlohmann::json JsonBody::array(const std::string& field) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_array()) throw bad_request(field, "must be an array");
  return *v;
}

bool JsonBody::boolean(const std::string& field) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_boolean()) throw bad_request(field, "must be true or false");
  return v->get<bool>();
}

double JsonBody::number(const std::string& field, double lo, double hi) {
  const nlohmann::json* v = find(field, true);
  if (!v->is_number()) throw bad_request(field, "must be a number");
  const double d = v->get<double>();
  if (!(d >= lo && d <= hi)) throw bad_request(field, fmt::format("must be from {} to {}", lo, hi));
  return d;
}

bool JsonBody::given(const std::string& field) { return find(field, false) != nullptr; }

std::optional<long long> JsonBody::optional_integer(const std::string& field) {
  if (!find(field, false)) return std::nullopt;
  return integer(field);
}

std::optional<double> JsonBody::optional_number(const std::string& field, double lo, double hi) {
  if (!find(field, false)) return std::nullopt;
  return number(field, lo, hi);
}

long long JsonBody::time(const std::string& field) {
  const std::string t = text(field);
  const std::optional<long long> ms = store::parse_iso_time(t);
  if (!ms) throw bad_request(field, "must be a time like 2026-12-03T09:30:00+01:00 (with its zone)");
  return *ms;
}

void JsonBody::no_other_fields() const {
  for (const auto& [key, value] : json_.items())
    if (!asked_.contains(key)) throw bad_request(key, "is not a field of this request");
}

}  // namespace smp::server
