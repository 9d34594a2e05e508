// report.pdf: the same content as report.html, laid out with pango on A4 or US Letter
// pages numbered "page N of M" (docs/report.md).
#pragma once

#include <functional>
#include <string>

#include "smp/clinic/treatment_plan.h"
#include "smp/parameters.h"

// cairo's own declaration, so that callers of the report need not see cairo's headers.
typedef struct _cairo cairo_t;

namespace smp {

enum class Paper { a4, us_letter };

struct PaperSize {
  double width_pt, height_pt;  // portrait, 1/72 inch
};
PaperSize paper_size(Paper p);

// Writes dir/<file_name>; the pictures are read from dir/<PlanImage::path>.
// std::runtime_error naming the file on a missing picture or a cairo error.
void write_report_pdf(const TreatmentPlan& plan, const AftercareParameters& aftercare, const std::string& dir,
                      Paper paper, const std::string& file_name = "report.pdf");

// A PDF drawn by `draw` (user units are points), written to a temporary file beside
// `path` and renamed to it only when complete; std::runtime_error naming `path` on a
// cairo error. Shared by the report and the session sheets.
void write_pdf_atomically(const std::string& path, const std::string& title, double width_pt, double height_pt,
                          const std::function<void(cairo_t*)>& draw);

// Text wrapped to `width` with its top-left at (x, y), in user units; returns its height.
double draw_text(cairo_t* cr, const std::string& text, double x, double y, double width, double size,
                 bool bold = false);

}  // namespace smp
