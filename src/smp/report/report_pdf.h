// report.pdf: the same content as report.html, laid out with pango on A4 or US Letter
// pages numbered "page N of M" (docs/report.md).
#pragma once

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>

#include "smp/clinic/treatment_plan.h"
#include "smp/report/report_pictures.h"

// cairo's own declaration, so that callers of the report need not see cairo's headers.
typedef struct _cairo cairo_t;

namespace smp {

enum class Paper { a4, us_letter };

struct PaperSize {
  double width_pt, height_pt;  // portrait, 1/72 inch
};
PaperSize paper_size(Paper p);

// The PDF of `doc` (report_document of the plan): report.pdf on A4, report-letter.pdf on
// US Letter. std::runtime_error naming the file on a missing picture or a cairo error,
// Cancelled (base/cancellation.h) once `stop` is requested.
std::string report_pdf(const TreatmentPlan& plan, const ReportDocument& doc,
                       const ReportPictures& pictures, Paper paper,
                       const std::stop_token& stop = {});

// The bytes of a PDF drawn by `draw` (user units are points), titled `title` and dated
// `date` (the plan's day, not the clock's: the same plan, the same file);
// std::runtime_error naming `name` on a cairo error, Cancelled once `stop` is requested.
// Shared by the report and the session sheets.
std::string pdf_bytes(const std::string& name, const std::string& title,
                      std::chrono::year_month_day date, double width_pt, double height_pt,
                      const std::function<void(cairo_t*)>& draw, const std::stop_token& stop = {});

// Text wrapped to `width` with its top-left at (x, y), in user units; returns its height.
double draw_text(cairo_t* cr, const std::string& text, double x, double y, double width,
                 double size, bool bold = false);

}  // namespace smp
