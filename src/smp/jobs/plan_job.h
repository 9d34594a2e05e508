// `smp plan` as a value: the whole consultation of a case (candidacy, design,
// simulation, schedule, quote) with every file of its plan folder: the design under
// design/, the simulation (renders/, closeups/, metrics.json, before-after.png, photos/),
// plan.json, quote.json, touch-up-quote.json, schedule.ics, report.html, report.pdf (A4),
// report-letter.pdf (US Letter) and the technician's sessions/session-N.pdf.
#pragma once

#include <chrono>
#include <optional>

#include "smp/case/case_file.h"
#include "smp/clinic/price_book.h"
#include "smp/clinic/treatment_plan.h"
#include "smp/io/sink.h"
#include "smp/jobs/design_job.h"
#include "smp/jobs/job_options.h"

namespace smp {

struct PlanJobResult {
  DesignJobResult design;
  TreatmentPlan
      plan;  // candidacy, sessions, schedule, quote, states, metrics, pictures' kinds and paths
  OutputFiles files;  // every file of the plan folder, by path
};

// The consultation day is the case's, else `today`. InputError for a bad input file
// (mask, photos), PlanError for a case that cannot be planned (the sessions do not fit
// in a year), Cancelled when stopped.
PlanJobResult plan_job(const Case& c, const PriceBook& book, std::chrono::year_month_day today,
                       const JobOptions& options = {});

}  // namespace smp
