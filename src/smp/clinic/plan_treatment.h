// Gathers the consultation into a treatment plan: candidacy, the design's sessions with
// their shades, the calendar with aftercare, the quote and the touch-up recall. Pure
// computation: the pictures and metrics come from the simulation already run.
#pragma once

#include <chrono>

#include "smp/case/case_file.h"
#include "smp/clinic/price_book.h"
#include "smp/clinic/treatment_plan.h"

namespace smp {

// std::invalid_argument naming the field when the calendar cannot be planned (for
// example the sessions do not fit within 12 months).
TreatmentPlan plan_treatment(const Case& c, const Design& design, SimulationResults simulation, const PriceBook& book,
                             std::chrono::year_month_day today);

}  // namespace smp
