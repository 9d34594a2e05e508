// report.html: the patient's treatment plan as one self-contained page (pictures
// embedded, inline CSS, no script), printable on A4 and US Letter (docs/report.md).
#pragma once

#include <string>

#include "smp/clinic/treatment_plan.h"
#include "smp/report/report_pictures.h"
#include "smp/report/report_text.h"

namespace smp {

// The page for `doc` (report_document of the plan); std::runtime_error naming a picture
// the document shows but `pictures` lacks.
std::string report_html(const TreatmentPlan& plan, const ReportDocument& doc,
                        const ReportPictures& pictures);

}  // namespace smp
