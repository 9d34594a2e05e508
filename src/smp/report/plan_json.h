// plan.json (schema: docs/plan-json.md): the whole treatment plan for other programs
// (the clinic server, the web UI): candidacy, sessions, calendar, quotes, metrics and
// the pictures' paths. Dates ISO 8601, money as in quote.json.
#pragma once

#include <string>

#include "smp/clinic/treatment_plan.h"

namespace smp {

std::string plan_json(const TreatmentPlan& plan);

}  // namespace smp
