// The candidacy verdict as plan.json and the clinic server carry it (docs/plan-json.md
// "candidacy"): verdict, reasons, cautions, suggested goals, the earliest return.
#pragma once

#include <nlohmann/json.hpp>

#include "smp/clinic/candidacy.h"

namespace smp {

nlohmann::json candidacy_json(const CandidacyResult& r);

}  // namespace smp
