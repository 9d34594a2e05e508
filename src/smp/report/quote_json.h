// quote.json (schema: docs/quote-json.md): money as integer minor units plus the
// formatted text, dates in ISO 8601.
#pragma once

#include <string>

#include "smp/clinic/quote.h"

namespace smp {

std::string quote_json(const Quote& q);

}  // namespace smp
