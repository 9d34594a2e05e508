// From a case to what the treatment plan needs (clinic/plan_treatment.h), and the
// clinic's price book the case names.
#pragma once

#include <string>

#include "smp/case/case_file.h"
#include "smp/clinic/plan_treatment.h"
#include "smp/clinic/price_book.h"

namespace smp {

PlanRequest plan_request(const Case& c);

// The case's [plan] price_book, or the default book when it names none. InputError
// (file, line, field) for a bad book.
PriceBook price_book_for(const Case& c);

// What `smp plan` may change of a case from its command line: another price book, the
// consultation's questionnaire and day ("" keeps the case's).
struct PlanOverrides {
  std::string price_book;     // a price book file (docs/price-book.md)
  std::string questionnaire;  // a [candidacy] file (docs/candidacy.md); replaces the case's
  std::string date;           // the consultation day, YYYY-MM-DD
};
// InputError naming the file or "--date" when an override cannot be read.
void apply_overrides(Case& c, const PlanOverrides& overrides);

}  // namespace smp
