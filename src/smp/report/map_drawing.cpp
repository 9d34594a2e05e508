#include "smp/report/map_drawing.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace smp {

Rgb session_colour(int session) {
  static const Rgb palette[] = {
      {0.00, 0.45, 0.70}, {0.90, 0.62, 0.00}, {0.00, 0.62, 0.45}, {0.80, 0.47, 0.65}};
  return palette[((session - 1) % 4 + 4) % 4];
}

int last_session(const Design& design) {
  int last = static_cast<int>(design.sessions.size());
  for (const Dot& d : design.dots) last = std::max(last, d.session);
  return last;
}

void for_each_region_boundary(const ScalpRaster& raster,
                              const std::function<void(double, double, double, double)>& segment) {
  const ChartGrid& g = raster.grid;
  const int n = g.size();
  const double h = g.cell_mm, e = g.half_extent_mm;
  auto region = [&](int col, int row) {
    return col < 0 || row < 0 || col >= n || row >= n
               ? -1
               : static_cast<int>(raster.region[raster.index(col, row)]);
  };
  // Horizontal edges (between row-1 and row), merged along each row.
  for (int row = 0; row <= n; ++row) {
    int run = -1;
    for (int col = 0; col <= n; ++col) {
      const bool edge = col < n && region(col, row - 1) != region(col, row);
      if (edge && run < 0) run = col;
      if (!edge && run >= 0) {
        segment(-e + run * h, e - row * h, -e + col * h, e - row * h);
        run = -1;
      }
    }
  }
  // Vertical edges (between col-1 and col), merged along each column.
  for (int col = 0; col <= n; ++col) {
    int run = -1;
    for (int row = 0; row <= n; ++row) {
      const bool edge = row < n && region(col - 1, row) != region(col, row);
      if (edge && run < 0) run = row;
      if (!edge && run >= 0) {
        segment(-e + col * h, e - run * h, -e + col * h, e - row * h);
        run = -1;
      }
    }
  }
}

bool region_centroid(const ScalpRaster& raster, int region, double& u_mm, double& v_mm) {
  const int n = raster.grid.size();
  double su = 0, sv = 0, sa = 0;
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      const std::size_t i = raster.index(col, row);
      if (raster.region[i] != region) continue;
      const ChartPoint c = raster.grid.center(col, row);
      su += c.u_mm * raster.skin_area_mm2[i], sv += c.v_mm * raster.skin_area_mm2[i],
          sa += raster.skin_area_mm2[i];
    }
  if (sa <= 0) return false;
  u_mm = su / sa, v_mm = sv / sa;
  return true;
}

void fill_session_dots(cairo_t* cr, const Design& design, int session, double min_radius_mm) {
  const Rgb c = session_colour(session);
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  for (const Dot& d : design.dots) {
    if (d.session != session) continue;
    cairo_new_sub_path(cr);
    // Chart v grows to the front, device y downwards: the transform flips it.
    cairo_arc(cr, d.chart.u_mm, d.chart.v_mm, std::max(d.diameter_um / 2000.0, min_radius_mm), 0,
              6.283185307179586);
  }
  cairo_fill(cr);
}

double draw_session_legend(cairo_t* cr, const Design& design, double x, double y,
                           double font_size) {
  cairo_set_font_size(cr, font_size);
  const double line = font_size * 1.5;
  double yy = y + font_size;
  for (const SessionPlan& s : design.sessions) {
    const Rgb c = session_colour(s.index);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_arc(cr, x + font_size * 0.5, yy - font_size * 0.35, font_size * 0.4, 0,
              6.283185307179586);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, x + font_size * 1.3, yy);
    const std::string text =
        fmt::format("session {}: {} dots, shade {:.0f}% pigment, about {:.1f} h", s.index, s.dots,
                    s.shade * 100, s.estimated_minutes / 60);
    cairo_show_text(cr, text.c_str());
    yy += line;
  }
  return yy - y;
}

void check_cairo(cairo_status_t status, const std::string& file) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(file + ": cannot write (" + cairo_status_to_string(status) + ")");
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace smp
