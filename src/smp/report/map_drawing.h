// What the scalp-map image and the technician's dot map share: the session palette and
// the outlines of the regions.
#pragma once

#include <functional>
#include <string>

#include <cairo.h>

#include "smp/design/design.h"
#include "smp/design/scalp_raster.h"

namespace smp {

struct Rgb {
  double r, g, b;
};

// Session colours, distinguishable in print and for common colour-vision deficiencies
// (Okabe-Ito palette).
Rgb session_colour(int session);

// The last session to draw: the plan's, or a dot's if one lies beyond it.
int last_session(const Design& design);

// Calls segment(u0, v0, u1, v1) in chart mm for every boundary between cells of
// different regions (the scalp edge included), merged into straight runs.
void for_each_region_boundary(const ScalpRaster& raster,
                              const std::function<void(double, double, double, double)>& segment);

// Skin-area centroid (chart mm) of each region, for labels; false if it is empty.
bool region_centroid(const ScalpRaster& raster, int region, double& u_mm, double& v_mm);

// Fills all dots of one session as circles through a chart-mm -> device transform
// already set on cr; radius in chart mm, at least min_radius_mm.
void fill_session_dots(cairo_t* cr, const Design& design, int session, double min_radius_mm);

// Draws the legend (session colour, dots, shade, chair time) with its top-left at (x, y)
// in device units; returns its height.
double draw_session_legend(cairo_t* cr, const Design& design, double x, double y, double font_size);

// Throws std::runtime_error naming the file if cairo reports an error.
void check_cairo(cairo_status_t status, const std::string& file);

// A cairo_write_func_t that appends to the std::string at `closure`: cairo's PNG, SVG and
// PDF writers then produce bytes in memory.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

}  // namespace smp
