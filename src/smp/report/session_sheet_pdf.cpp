#include "smp/report/session_sheet_pdf.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/report/map_drawing.h"
#include "smp/report/report_pdf.h"
#include "smp/report/report_text.h"

namespace smp {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kA4WidthMm = 210, kA4HeightMm = 297;
constexpr double kMarginMm = 15, kHeaderMm = 38, kFooterMm = 20, kPadMm = 5;

struct Box {
  double u0, u1, v0, v1;  // chart mm
};

// Every session's dots, so that all sheets of a plan share one frame.
Box treated_box(const Design& d) {
  Box b{1e9, -1e9, 1e9, -1e9};
  for (const Dot& dot : d.dots)
    b.u0 = std::min(b.u0, dot.chart.u_mm), b.u1 = std::max(b.u1, dot.chart.u_mm),
    b.v0 = std::min(b.v0, dot.chart.v_mm), b.v1 = std::max(b.v1, dot.chart.v_mm);
  if (d.dots.empty()) b = {-10, 10, -10, 10};
  return {b.u0 - kPadMm, b.u1 + kPadMm, b.v0 - kPadMm, b.v1 + kPadMm};
}

std::string scale_text(double scale) {
  return scale >= 1 ? "scale 1:1" : fmt::format("scale 1:{:.1f}", 1 / scale);
}

// One sheet; page units are millimetres.
void draw_sheet(cairo_t* cr, const TreatmentPlan& plan, const SessionSheet& sheet,
                const ScalpRaster& raster, const Box& box, SheetLayout layout) {
  const Design& design = plan.design;
  cairo_scale(cr, kPtPerMm, kPtPerMm);

  // Header: who, when, what.
  std::vector<std::string> dates;
  if (plan.schedule)
    for (const Visit& v : plan.schedule->visits)
      if (v.session == sheet.session)
        dates.push_back(
            iso_date(v.date) + " " + h_mm(v.start_time) +
            (v.parts > 1 ? fmt::format(" (part {} of {}, {} dots)", v.part, v.parts, v.dots) : ""));
  const double text_w = (layout.landscape ? kA4HeightMm : kA4WidthMm) - 2 * kMarginMm;
  double y = kMarginMm;
  y += draw_text(cr,
                 fmt::format("Session {} of {} - technician's sheet", sheet.session,
                             plan.sessions.size()),
                 kMarginMm, y, text_w, 6, true) +
       1.5;
  for (const std::string& line :
       {"Patient " + plan.patient_id + "    date(s): " +
            (dates.empty() ? "not booked" : fmt::format("{}", fmt::join(dates, "; "))),
        fmt::format("Shade: {} ({:.0f}% pigment)    needle: {}", sheet.shade,
                    sheet.shade_fraction * 100, sheet.needle),
        fmt::format("{} dots    planned time {} (h:mm)", sheet.dots,
                    h_mm(std::chrono::minutes(static_cast<long>(std::lround(sheet.minutes))))),
        "Regions: " + fmt::format("{}", fmt::join(sheet.regions, ", "))})
    y += draw_text(cr, line, kMarginMm, y, text_w, 3.6) + 0.8;

  // The map: chart mm -> page mm at the sheet's scale, front at the top.
  const double s = layout.scale, x0 = kMarginMm, y0 = kMarginMm + kHeaderMm;
  const double map_w = (box.u1 - box.u0) * s, map_h = (box.v1 - box.v0) * s;
  draw_text(cr, "front", x0 + map_w / 2 - 4, y0 - 5, 20, 3.2);
  cairo_save(cr);
  cairo_translate(cr, x0, y0);
  cairo_scale(cr, s, -s);
  cairo_translate(cr, -box.u0, -box.v1);
  cairo_rectangle(cr, box.u0, box.v0, box.u1 - box.u0, box.v1 - box.v0);
  cairo_clip(cr);
  for_each_region_boundary(raster, [&](double a, double b, double c, double d) {
    cairo_move_to(cr, a, b);
    cairo_line_to(cr, c, d);
  });
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.25 / s);
  cairo_stroke(cr);
  const double min_radius = 0.12 / s;  // printable at any scale
  // Earlier sessions in light grey, for orientation: their colours drawn as a mask.
  cairo_push_group(cr);
  for (int k = 1; k < sheet.session; ++k) fill_session_dots(cr, design, k, min_radius);
  cairo_pattern_t* earlier = cairo_pop_group(cr);
  cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
  cairo_mask(cr, earlier);
  cairo_pattern_destroy(earlier);
  fill_session_dots(cr, design, sheet.session, min_radius);
  cairo_restore(cr);
  for (int r = 0; r < kRegionCount; ++r) {
    double u, v;
    if (!region_centroid(raster, r, u, v) || u < box.u0 || u > box.u1 || v < box.v0 || v > box.v1)
      continue;
    const std::string label(name(static_cast<Region>(r)));
    draw_text(cr, label, x0 + (u - box.u0) * s - label.size() * 0.8, y0 + (box.v1 - v) * s - 1.5,
              60, 3);
  }
  cairo_rectangle(cr, x0, y0, map_w, map_h);
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_set_line_width(cr, 0.2);
  cairo_stroke(cr);

  // Scale bar: 10 chart mm at the map's scale, so it is exact whatever the scale.
  const double bar_y = y0 + map_h + 5;
  cairo_rectangle(cr, x0, bar_y, 10 * s, 1.2);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_fill(cr);
  draw_text(cr, "10 mm", x0 + 10 * s + 2, bar_y - 1, 30, 3.2);
  draw_text(cr,
            scale_text(s) +
                ": print at 100% (no fit to page); chart mm are true on the skin near the vertex",
            x0, bar_y + 3.5, text_w, 3.2);
  const Rgb c = session_colour(sheet.session);
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  cairo_arc(cr, x0 + 1, bar_y + 10.5, 1, 0, 2 * M_PI);
  cairo_fill(cr);
  draw_text(cr,
            fmt::format("this session's {} dots", sheet.dots) +
                (sheet.session > 1 ? "; grey: earlier sessions" : ""),
            x0 + 3.5, bar_y + 8.7, text_w, 3.2);
}

}  // namespace

SheetLayout sheet_layout(double map_width_mm, double map_height_mm) {
  auto fit = [&](double page_w, double page_h) {
    const double w = page_w - 2 * kMarginMm, h = page_h - 2 * kMarginMm - kHeaderMm - kFooterMm;
    return std::min({1.0, w / map_width_mm, h / map_height_mm});
  };
  const double portrait = fit(kA4WidthMm, kA4HeightMm), landscape = fit(kA4HeightMm, kA4WidthMm);
  SheetLayout l{landscape > portrait, std::max(portrait, landscape)};
  if (l.scale < 1) l.scale = 1 / (std::ceil(10 / l.scale - 1e-9) / 10);
  return l;
}

void put_session_sheets(const TreatmentPlan& plan, const ScalpRaster& raster, Sink& sink,
                        const std::stop_token& stop) {
  if (!plan.schedule || plan.sessions.empty())
    return;  // nothing booked (not now, refer, nothing to treat)
  const Box box = treated_box(plan.design);
  const SheetLayout layout = sheet_layout(box.u1 - box.u0, box.v1 - box.v0);
  const double w = (layout.landscape ? kA4HeightMm : kA4WidthMm) * kPtPerMm;
  const double h = (layout.landscape ? kA4WidthMm : kA4HeightMm) * kPtPerMm;
  for (const SessionSheet& sheet : plan.sessions) {
    const std::string name = fmt::format("sessions/session-{}.pdf", sheet.session);
    sink.put(name,
             pdf_bytes(
                 name, fmt::format("Session {} - {}", sheet.session, plan.patient_id), plan.date, w,
                 h, [&](cairo_t* cr) { draw_sheet(cr, plan, sheet, raster, box, layout); }, stop));
  }
}

}  // namespace smp
