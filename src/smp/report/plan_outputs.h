// Everything `smp plan` writes for one case, into one folder: the design (design/), the
// simulation (renders/, closeups/, metrics.json, before-after.png), plan.json,
// quote.json, touch-up-quote.json, schedule.ics, report.html, report.pdf (A4),
// report-letter.pdf (US Letter) and the technician's sessions/session-N.pdf.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "smp/case/case_file.h"
#include "smp/clinic/price_book.h"
#include "smp/clinic/treatment_plan.h"

namespace smp {

// Progress: the stage's name and its fraction done.
using PlanProgress = std::function<void(std::string_view stage, double fraction)>;

// Returns the plan with `design` cleared (the design lives only during the call).
TreatmentPlan write_plan_outputs(const Case& c, const PriceBook& book, std::chrono::year_month_day today,
                                 const std::string& dir, int threads, const PlanProgress& progress = {});

}  // namespace smp
