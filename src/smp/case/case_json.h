// A case file as JSON, the form the clinic server stores and the API carries: the same
// tables and keys as the TOML (docs/case-file.md), arrays of tables as arrays of
// objects, and TOML dates as "YYYY-MM-DD" strings in the keys named *_date.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "smp/case/case_file.h"

namespace smp {

// InputError (file, line, field) for TOML that does not parse.
nlohmann::json case_json_from_toml(const std::string& toml_text, const std::string& source);

// The TOML text of a JSON case; InputError naming the field of a value TOML cannot hold
// (null, an array of arrays and objects mixed).
std::string case_toml_from_json(const nlohmann::json& j, const std::string& source);

// The case with one hairline point placed by hand (its [[hairline.points]] entry set,
// added or replaced; docs/case-file.md): how the hairline editor saves a drag.
nlohmann::json with_placed_hairline_point(nlohmann::json j, const PlacedHairlinePoint& p);

// The case with one region's goal set (its [goals] key): how the goals step saves a click.
nlohmann::json with_region_goal(nlohmann::json j, Region region, Goal goal);

// Parsed and checked as a case file is (InputError naming the field).
Case parse_case_json(const nlohmann::json& j, const std::string& source);

}  // namespace smp
