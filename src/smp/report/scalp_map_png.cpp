#include "smp/report/scalp_map_png.h"

#include <algorithm>
#include <bit>
#include <cstdint>

#include <cairo.h>
#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "smp/report/map_drawing.h"
#include "smp/report/pictures.h"

namespace smp {
namespace {

constexpr double kPxPerMm = 3;  // resolves 1 mm spacing; about 1300 px for a head
constexpr double kMarginPx = 30, kTitlePx = 50, kLegendPx = 120;
constexpr Rgb kSkin{232 / 255.0, 196 / 255.0, 170 / 255.0},
    kHair{70 / 255.0, 55 / 255.0, 45 / 255.0}, kScar{245 / 255.0, 225 / 255.0, 215 / 255.0};

// The raster as an image, one pixel per cell: skin to hair by native coverage.
cairo_surface_t* coverage_image(const ScalpRaster& raster) {
  const int n = raster.grid.size();
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, n, n);
  cairo_surface_flush(img);
  unsigned char* data = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  for (int row = 0; row < n; ++row) {
    auto* px = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(row) * stride);
    for (int col = 0; col < n; ++col) {
      const std::size_t i = raster.index(col, row);
      if (raster.region[i] < 0) {
        px[col] = 0xffffffffu;
        continue;
      }
      const double c = raster.coverage[i];
      const Rgb m = raster.scar[i]
                        ? kScar
                        : Rgb{kSkin.r + (kHair.r - kSkin.r) * c, kSkin.g + (kHair.g - kSkin.g) * c,
                              kSkin.b + (kHair.b - kSkin.b) * c};
      px[col] = 0xff000000u | (std::uint32_t(m.r * 255) << 16) | (std::uint32_t(m.g * 255) << 8) |
                std::uint32_t(m.b * 255);
    }
  }
  cairo_surface_mark_dirty(img);
  return img;
}

struct Box {
  double u0, u1, v0, v1;
};

// The scalp's bounding box on the chart, with a 5 mm border.
Box scalp_box(const ScalpRaster& raster) {
  Box b{1e9, -1e9, 1e9, -1e9};
  const int n = raster.grid.size();
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col)
      if (raster.region[raster.index(col, row)] >= 0) {
        const ChartPoint c = raster.grid.center(col, row);
        b = {std::min(b.u0, c.u_mm), std::max(b.u1, c.u_mm), std::min(b.v0, c.v_mm),
             std::max(b.v1, c.v_mm)};
      }
  if (b.u0 > b.u1)
    return {-raster.grid.half_extent_mm, raster.grid.half_extent_mm, -raster.grid.half_extent_mm,
            raster.grid.half_extent_mm};
  return {b.u0 - 5, b.u1 + 5, b.v0 - 5, b.v1 + 5};
}

// Shows text ending at x_right; returns where it starts.
double show_text_right(cairo_t* cr, double x_right, double y, const std::string& text) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  cairo_move_to(cr, x_right - ext.x_advance, y);
  cairo_show_text(cr, text.c_str());
  return x_right - ext.x_advance;
}

}  // namespace

std::string scalp_map_png(const Design& design, const ScalpRaster& raster,
                          const std::string& title) {
  const ChartGrid& g = raster.grid;
  const double px_mm = std::max(kPxPerMm, 1 / g.cell_mm);  // never less than a pixel per cell
  // Crop to the scalp: chart box [u0, u1] x [v0, v1] in mm.
  const Box box = scalp_box(raster);
  const double map_w = (box.u1 - box.u0) * px_mm, map_h = (box.v1 - box.v0) * px_mm;
  const int width = static_cast<int>(std::max(map_w, 900.0) + 2 * kMarginPx),
            height = static_cast<int>(map_h + kTitlePx + kLegendPx);
  const double left = kMarginPx + (width - 2 * kMarginPx - map_w) / 2;  // centre narrow maps
  // Chart mm -> image px.
  auto px_u = [&](double u) { return left + (u - box.u0) * px_mm; };
  auto px_v = [&](double v) { return kTitlePx + (box.v1 - v) * px_mm; };
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  // Native hair over the scalp, scaled from cells to pixels.
  cairo_surface_t* img = coverage_image(raster);
  cairo_save(cr);
  cairo_translate(cr, px_u(-g.half_extent_mm), px_v(g.half_extent_mm));
  cairo_scale(cr, g.cell_mm * px_mm, g.cell_mm * px_mm);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(img);

  // Chart mm -> pixels: v grows to the front, which is up.
  cairo_save(cr);
  cairo_translate(cr, px_u(0), px_v(0));
  cairo_scale(cr, px_mm, -px_mm);
  for (int s = 1; s <= last_session(design); ++s) fill_session_dots(cr, design, s, 0.6 / px_mm);
  for_each_region_boundary(raster, [&](double u0, double v0, double u1, double v1) {
    cairo_move_to(cr, u0, v0);
    cairo_line_to(cr, u1, v1);
  });
  cairo_restore(cr);
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);

  // Region names at their centroids.
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 13);
  for (int r = 0; r < kRegionCount; ++r) {
    double u, v;
    if (!region_centroid(raster, r, u, v)) continue;
    const std::string label(name(static_cast<Region>(r)));
    cairo_text_extents_t ext;
    cairo_text_extents(cr, label.c_str(), &ext);
    const double x = px_u(u) - ext.width / 2, y = px_v(v);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
    cairo_rectangle(cr, x - 2, y - ext.height - 2, ext.width + 4, ext.height + 5);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, label.c_str());
  }

  // Title, orientation, scale bar and legend.
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_font_size(cr, 20);
  cairo_move_to(cr, kMarginPx, 30);
  cairo_show_text(cr, title.c_str());
  cairo_set_font_size(cr, 14);
  cairo_move_to(cr, px_u(0) - 15, kTitlePx - 5);
  cairo_show_text(cr, "front");
  const double legend_y = kTitlePx + map_h + 10;
  draw_session_legend(cr, design, kMarginPx, legend_y, 14);
  // Scale bar and totals flush right, whatever the length of the numbers.
  const double right = width - kMarginPx, bar_y = legend_y + 20;
  const double label_x = show_text_right(cr, right, bar_y + 6, "10 mm (chart scale)");
  cairo_rectangle(cr, label_x - 8 - 10 * px_mm, bar_y, 10 * px_mm, 5);
  cairo_fill(cr);
  show_text_right(cr, right, bar_y + 40,
                  fmt::format("{} dots, {:.0f} cm2 treated of {:.0f} cm2 scalp", design.dots.size(),
                              design.treated_area_cm2, design.scalp_area_cm2));

  cairo_destroy(cr);
  // Encoded by png_bytes rather than cairo's writer (zlib's default level and every row
  // filter: 260 of the 1,500 ms of `smp design` for Norwood VI). RGB24 is one 32-bit
  // word per pixel, blue in the lowest byte: BGRX in memory on this little-endian target.
  static_assert(std::endian::native == std::endian::little, "cairo RGB24 read as BGRX");
  cairo_surface_flush(surface);
  check_cairo(cairo_surface_status(surface), "scalp-map.png");
  const cv::Mat bgrx(height, width, CV_8UC4, cairo_image_surface_get_data(surface),
                     static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
  cv::Mat bgr;
  cv::cvtColor(bgrx, bgr, cv::COLOR_BGRA2BGR);
  cairo_surface_destroy(surface);
  return png_bytes(bgr);
}

}  // namespace smp
