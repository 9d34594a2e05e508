// The technician's session sheet (sessions/session-<N>.pdf): what to do in one session
// and its dot map to scale on A4 (docs/report.md).
#pragma once

#include <stop_token>
#include <string>

#include "smp/clinic/treatment_plan.h"
#include "smp/design/scalp_raster.h"
#include "smp/io/sink.h"

namespace smp {

// The page and scale of a dot map of width x height chart mm: 1:1 on A4 when it fits
// beside the header and the scale bar, else the orientation with the larger scale, with
// 1/scale rounded up to one decimal so that the stated "1:1.6" is exact.
struct SheetLayout {
  bool landscape = false;
  double scale = 1;  // paper mm per chart mm, at most 1
};
SheetLayout sheet_layout(double map_width_mm, double map_height_mm);

// Puts sessions/session-<N>.pdf for every session of the plan (none when it is not
// treatable). std::runtime_error naming the file on a cairo error, Cancelled once `stop`
// is requested.
void put_session_sheets(const TreatmentPlan& plan, const ScalpRaster& raster, Sink& sink,
                        const std::stop_token& stop = {});

}  // namespace smp
