// The files of a treatment plan besides its design and pictures (docs/plan-json.md,
// docs/report.md): plan.json, quote.json, touch-up-quote.json, schedule.ics, report.html,
// report.pdf (A4), report-letter.pdf (US Letter) and the technician's sessions/session-N.pdf.
#pragma once

#include <stop_token>

#include "smp/clinic/clinic_parameters.h"
#include "smp/clinic/treatment_plan.h"
#include "smp/design/scalp_raster.h"
#include "smp/io/sink.h"

namespace smp {

// `pictures` holds the plan's pictures by PlanImage::path (the render job's files): the
// report embeds them. Cancelled (base/cancellation.h) once `stop` is requested.
void put_plan_files(const TreatmentPlan& plan, const AftercareParameters& aftercare,
                    const ScalpRaster& raster, const OutputFiles& pictures, Sink& sink,
                    const std::stop_token& stop = {});

}  // namespace smp
