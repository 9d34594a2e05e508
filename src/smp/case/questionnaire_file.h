// The candidacy questionnaire read from TOML (docs/candidacy.md): a [candidacy] table of a
// case file, or a file of its own holding only that table.
#pragma once

#include <string>

#include <toml++/impl/forward_declarations.h>  // toml::table only: the parser stays in the .cpp

#include "smp/clinic/questionnaire.h"

namespace smp {

// Reads one [candidacy] table; `path` is its dotted name ("candidacy" in a case file).
// Throws InputError with file, line and field for unknown keys, unknown values, numbers
// out of range, repeats and keys that contradict the causes.
Questionnaire parse_questionnaire(const toml::table& t, const std::string& file,
                                  const std::string& path);

// A standalone questionnaire file holds the same [candidacy] table as a case file, and
// nothing else, so the table can move between the two unchanged.
Questionnaire parse_questionnaire_text(const std::string& text, const std::string& source);
Questionnaire load_questionnaire(const std::string& path);

}  // namespace smp
