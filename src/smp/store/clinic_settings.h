// The clinic's settings, by name (docs/server.md lists them): the price book's TOML text
// ("price_book"), ... Each change is one row replaced, with who and when.
#pragma once

#include <optional>
#include <string>

#include "smp/store/database.h"

namespace smp::store {

std::optional<std::string> clinic_setting(Connection& c, const std::string& name);
void set_clinic_setting(Connection& c, const std::string& name, const std::string& value,
                        const std::string& by);

}  // namespace smp::store
