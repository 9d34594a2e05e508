#include "smp/report/dot_map_svg.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>

#include <cairo-svg.h>
#include <cairo.h>

#include "smp/report/map_drawing.h"

namespace smp {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;  // 1:1 print scale
constexpr double kMarginMm = 15, kTitleMm = 14, kLegendMm = 30;

// cairo names an SVG's surfaces after a counter of every surface the process has made
// ("surface95" in a fresh `smp design`, "surface119" for the next design in the same
// process): numbered 1, 2, ... in order of appearance, the same design is the same file
// in the command line and in a long-running server.
std::string with_stable_surface_ids(const std::string& svg) {
  constexpr std::string_view kName = "surface";
  std::map<std::string, int> number;
  std::string out;
  out.reserve(svg.size());
  std::size_t at = 0;
  for (std::size_t hit; (hit = svg.find(kName, at)) != std::string::npos;) {
    std::size_t end = hit + kName.size();
    while (end < svg.size() && std::isdigit(static_cast<unsigned char>(svg[end]))) ++end;
    const bool id =
        end > hit + kName.size() && hit > 0 && (svg[hit - 1] == '"' || svg[hit - 1] == '#');
    out.append(svg, at, hit + kName.size() - at);
    if (id) {
      const auto [it, fresh] =
          number.emplace(svg.substr(hit + kName.size(), end - hit - kName.size()), 0);
      if (fresh) it->second = static_cast<int>(number.size());
      out += std::to_string(it->second);
    } else {
      out.append(svg, hit + kName.size(), end - hit - kName.size());
    }
    at = end;
  }
  out.append(svg, at);
  return out;
}

}  // namespace

std::string dot_map_svg(const Design& design, const ScalpRaster& raster, const std::string& title) {
  // The treated part of the chart: the dots' bounding box (or the whole chart if none).
  double u0 = 1e9, u1 = -1e9, v0 = 1e9, v1 = -1e9;
  for (const Dot& d : design.dots)
    u0 = std::min(u0, d.chart.u_mm), u1 = std::max(u1, d.chart.u_mm),
    v0 = std::min(v0, d.chart.v_mm), v1 = std::max(v1, d.chart.v_mm);
  if (design.dots.empty())
    u0 = v0 = -raster.grid.half_extent_mm, u1 = v1 = raster.grid.half_extent_mm;
  u0 = std::floor(u0 / 10) * 10 - kMarginMm, u1 = std::ceil(u1 / 10) * 10 + kMarginMm;
  v0 = std::floor(v0 / 10) * 10 - kMarginMm, v1 = std::ceil(v1 / 10) * 10 + kMarginMm;
  const double width_mm = std::max(u1 - u0, 190.0), height_mm = (v1 - v0) + kTitleMm + kLegendMm;

  std::string svg;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(
      append_to_string, &svg, width_mm * kPtPerMm, height_mm * kPtPerMm);
  cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPtPerMm, kPtPerMm);  // from here on, user units are millimetres
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  // Chart mm -> page mm, front at the top.
  cairo_save(cr);
  cairo_translate(cr, -u0, kTitleMm + v1);
  cairo_scale(cr, 1, -1);
  cairo_rectangle(cr, u0, v0, u1 - u0, v1 - v0);
  cairo_clip(cr);
  // A light 10 mm grid through the vertex, for finding a dot on the head with a ruler.
  for (double u = std::ceil(u0 / 10) * 10; u <= u1; u += 10)
    cairo_move_to(cr, u, v0), cairo_line_to(cr, u, v1);
  for (double v = std::ceil(v0 / 10) * 10; v <= v1; v += 10)
    cairo_move_to(cr, u0, v), cairo_line_to(cr, u1, v);
  cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
  cairo_set_line_width(cr, 0.1);
  cairo_stroke(cr);
  for_each_region_boundary(raster, [&](double a, double b, double c, double d) {
    if (std::max(a, c) < u0 || std::min(a, c) > u1 || std::max(b, d) < v0 || std::min(b, d) > v1)
      return;
    cairo_move_to(cr, a, b);
    cairo_line_to(cr, c, d);
  });
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
  for (int s = 1; s <= last_session(design); ++s) fill_session_dots(cr, design, s, 0);
  cairo_restore(cr);

  // Title, orientation, scale bar, legend (page mm).
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_font_size(cr, 5);
  cairo_move_to(cr, 5, 8);
  cairo_show_text(cr, title.c_str());
  cairo_set_font_size(cr, 3.5);
  cairo_move_to(cr, (u1 - u0) / 2 - 4, kTitleMm - 1.5);
  cairo_show_text(cr, "front");
  const double y = kTitleMm + (v1 - v0) + 5;
  cairo_rectangle(cr, 5, y, 10, 1);
  cairo_fill(cr);
  cairo_move_to(cr, 17, y + 1.2);
  cairo_show_text(cr, "10 mm at 100% print scale (chart mm: true on the skin near the vertex)");
  draw_session_legend(cr, design, 5, y + 4, 3.5);

  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check_cairo(status, "dot-map.svg");
  return with_stable_surface_ids(svg);
}

}  // namespace smp
