// report.html: the patient's treatment plan as one self-contained page (pictures
// embedded, inline CSS, no script), printable on A4 and US Letter (docs/report.md).
#pragma once

#include <string>

#include "smp/clinic/treatment_plan.h"
#include "smp/parameters.h"

namespace smp {

// Writes dir/report.html (atomically); the pictures are read from dir/<PlanImage::path>.
// std::runtime_error naming the file if a picture cannot be read or the page written.
void write_report_html(const TreatmentPlan& plan, const AftercareParameters& aftercare, const std::string& dir);

}  // namespace smp
