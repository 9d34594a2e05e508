#include "smp/io/toml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace smp {

std::string TomlReader::unknown_choice(const std::string* given,
                                       const std::vector<std::string_view>& names) {
  return fmt::format("{} (expected one of {})",
                     given ? "unknown value '" + *given + "'" : std::string("expected a string"),
                     fmt::join(names, ", "));
}

void fail_at(const std::string& file, const toml::node& n, const std::string& field,
             const std::string& message) {
  throw InputError(file, static_cast<int>(n.source().begin.line), field, message);
}

toml::table parse_toml(const std::string& text, const std::string& source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(source, static_cast<int>(e.source().begin.line), "",
                     std::string(e.description()));
  }
}

}  // namespace smp
