#include "smp/case/case_json.h"

#include <cmath>
#include <sstream>

#include "smp/io/toml_reader.h"

namespace smp {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& field, const std::string& message) {
  throw InputError(source, 0, field, message);
}

std::string child(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

toml::date date_of(const std::string& text, const std::string& source, const std::string& field) {
  int y = 0, m = 0, d = 0;
  char extra = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
    fail(source, field, "expected a date like \"2026-12-01\"");
  return toml::date{y, m, d};
}

void put(toml::table& t, const std::string& key, const nlohmann::json& v, const std::string& source,
         const std::string& path);

void append(toml::array& a, const nlohmann::json& v, const std::string& source, const std::string& field) {
  if (v.is_object()) {
    toml::table t;
    for (const auto& [k, e] : v.items()) put(t, k, e, source, field + "." + k);
    a.push_back(std::move(t));
  } else if (v.is_array()) {
    toml::array inner;
    for (std::size_t i = 0; i < v.size(); ++i) append(inner, v[i], source, field + "[" + std::to_string(i + 1) + "]");
    a.push_back(std::move(inner));
  } else if (v.is_boolean()) {
    a.push_back(v.get<bool>());
  } else if (v.is_number_integer()) {
    a.push_back(v.get<std::int64_t>());
  } else if (v.is_number()) {
    a.push_back(v.get<double>());
  } else if (v.is_string()) {
    a.push_back(v.get<std::string>());
  } else {
    fail(source, field, "null is not a value (leave the key out)");
  }
}

void put(toml::table& t, const std::string& key, const nlohmann::json& v, const std::string& source,
         const std::string& path) {
  if (v.is_object()) {
    toml::table inner;
    for (const auto& [k, e] : v.items()) put(inner, k, e, source, child(path, k));
    t.insert_or_assign(key, std::move(inner));
  } else if (v.is_array()) {
    toml::array a;
    for (std::size_t i = 0; i < v.size(); ++i) append(a, v[i], source, path + "[" + std::to_string(i + 1) + "]");
    t.insert_or_assign(key, std::move(a));
  } else if (v.is_string() && key.ends_with("_date")) {
    t.insert_or_assign(key, date_of(v.get<std::string>(), source, path));
  } else {
    toml::array one;
    append(one, v, source, path);
    t.insert_or_assign(key, std::move(*one.get(0)));
  }
}

}  // namespace

nlohmann::json case_json_from_toml(const std::string& toml_text, const std::string& source) {
  const toml::table t = parse_toml(toml_text, source);
  std::ostringstream json;
  json << toml::json_formatter(t);
  return nlohmann::json::parse(json.str());
}

std::string case_toml_from_json(const nlohmann::json& j, const std::string& source) {
  if (!j.is_object()) fail(source, "case", "must be an object of the case file's tables");
  toml::table t;
  for (const auto& [k, v] : j.items()) put(t, k, v, source, k);
  std::ostringstream text;
  text << t;
  return text.str();
}

Case parse_case_json(const nlohmann::json& j, const std::string& source) {
  return parse_case(case_toml_from_json(j, source), source);
}

nlohmann::json with_placed_hairline_point(nlohmann::json j, const PlacedHairlinePoint& p) {
  nlohmann::json& hairline = j["hairline"];
  if (!hairline.is_object()) hairline = nlohmann::json::object();
  nlohmann::json& points = hairline["points"];
  if (!points.is_array()) points = nlohmann::json::array();
  const std::string name(smp::name(p.point));
  // 0.01 mm: far below what a finger places, and the saved case stays readable.
  const nlohmann::json entry = {{"point", name},
                                {"u_mm", std::round(p.at.u_mm * 100) / 100},
                                {"v_mm", std::round(p.at.v_mm * 100) / 100}};
  for (nlohmann::json& e : points)
    if (e.is_object() && e.value("point", "") == name) {
      e = entry;
      return j;
    }
  points.push_back(entry);
  return j;
}

nlohmann::json with_region_goal(nlohmann::json j, Region region, Goal goal) {
  nlohmann::json& goals = j["goals"];
  if (!goals.is_object()) goals = nlohmann::json::object();
  goals[std::string(name(region))] = std::string(name(goal));
  return j;
}

}  // namespace smp
