#include "smp/design/hairline.h"

#include <algorithm>
#include <cmath>

#include "smp/base/random.h"
#include "smp/loss/hair_loss.h"

namespace smp {
namespace {

// The surface point with the given x and z (mm) on the patient's right (side = +1) or
// left (side = -1).
SurfaceAngles at_xz(const HeadModel& h, double x, double z, int side) {
  const double a = h.semi_axis_x_mm(), b = h.semi_axis_y_mm(), c = h.semi_axis_z_mm();
  const double y = b * std::sqrt(std::max(0.0, 1 - x * x / (a * a) - z * z / (c * c)));
  return h.angles_of({x, -side * y, z});
}

// The surface point with the given x and y (mm), above the equator.
SurfaceAngles at_xy(const HeadModel& h, double x, double y) {
  const double a = h.semi_axis_x_mm(), b = h.semi_axis_y_mm(), c = h.semi_axis_z_mm();
  const double z = c * std::sqrt(std::max(0.0, 1 - x * x / (a * a) - y * y / (b * b)));
  return h.angles_of({x, y, z});
}

// Smooth 1D value noise with knots every `spacing`, values in [-1, 1].
class ValueNoise {
 public:
  ValueNoise(Random& rng, double spacing, double span) : spacing_(spacing) {
    const int n = static_cast<int>(span / spacing) + 4;
    for (int i = 0; i < n; ++i) knots_.push_back(2 * rng.uniform() - 1);
  }
  double operator()(double t) const {  // t in [0, span]
    const double f = t / spacing_ + 1;
    const int i = std::clamp(static_cast<int>(f), 1, static_cast<int>(knots_.size()) - 3);
    const double u = f - i;
    const double p0 = knots_[i - 1], p1 = knots_[i], p2 = knots_[i + 1], p3 = knots_[i + 2];
    return 0.5 * ((2 * p1) + (-p0 + p2) * u + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u * u +
                  (-p0 + 3 * p1 - 3 * p2 + p3) * u * u * u);
  }

 private:
  double spacing_;
  std::vector<double> knots_;
};

// The outline through the named points and the margin's points round the ears and the
// nape, with the hairline's irregularity.
void draw_outline(const HeadModel& head, HairlineDesign& d) {
  const HairlineParameters& p = d.params;
  const ScalpMarginParameters& margin = d.margin;
  const Landmarks& L = head.landmarks();
  const double ear_z = L.ear_canal_right.z, inion_z = L.inion.z, ear_x = L.ear_canal_right.x;
  std::vector<SurfaceAngles> control{d.mid_frontal, d.frontotemporal_left, d.frontotemporal_right,
                                     d.temporal_left, d.temporal_right};
  for (int side : {+1, -1}) {
    control.push_back(at_xz(head, ear_x + 12, ear_z - margin.sideburn_below_canal_mm, side));
    control.push_back(at_xz(head, ear_x - 5, ear_z + margin.over_ear_above_canal_mm, side));
    control.push_back(at_xz(head, ear_x - 35, ear_z - margin.behind_ear_below_canal_mm, side));
    const double nape_corner_z = inion_z - 0.5 * margin.nape_below_inion_mm;
    control.push_back(at_xz(head, -0.8 * head.semi_axis_x_mm(), nape_corner_z, side));
  }
  control.push_back({head.polar_at_height(inion_z - margin.nape_below_inion_mm), kPi});

  // Irregularity along the hairline, fading out at the temporal points. Knot spacing in
  // azimuth from a typical 80 mm horizontal radius at the hairline.
  const double half_width = d.irregularity_half_width_rad;
  Random rng(d.irregularity_seed, Random::Stream::hairline);
  const double span = 2 * half_width;
  const ValueNoise macro(rng, 20.0 / 80.0, span), micro(rng, 3.0 / 80.0, span);
  auto offset = [&](double az) {
    if (std::abs(az) >= half_width) return 0.0;
    const double t = az + half_width;
    const double taper = smoothstep01((half_width - std::abs(az)) / 0.15);
    return taper * (p.macro_irregularity_mm * macro(t) + p.micro_irregularity_mm * micro(t));
  };
  // The hairline ends at the temporal points, wherever they have been dragged.
  const double front_half_width =
      std::max(std::abs(d.temporal_right.azimuth_rad), std::abs(d.temporal_left.azimuth_rad));
  d.outline = ScalpOutline::through(head, control, offset, front_half_width);
}

}  // namespace

double HairlineDesign::transition_factor(double depth_mm) const {
  if (depth_mm >= params.transition_mm) return 1;
  const double s = params.transition_start_fraction;
  return s + (1 - s) * smoothstep01(std::max(0.0, depth_mm) / params.transition_mm);
}

HairlineDesign design_hairline(const HeadModel& head, HairlineStyle style,
                               const HairlineParameters& p, const ScalpMarginParameters& margin,
                               const LandmarkParameters& lm, unsigned long long seed) {
  HairlineDesign d;
  d.style = style;
  d.params = p;
  const Landmarks& L = head.landmarks();
  const double ear_z = L.ear_canal_right.z;

  d.mid_frontal = {head.midline_polar_at_arc_mm(lm.glabella_above_nasion_mm +
                                                p.mid_frontal_above_glabella_cm * 10),
                   0};
  const double mid_x = head.point(d.mid_frontal).x;
  // Frontotemporal points on the lateral epicanthal lines, behind the mid-frontal point.
  d.frontotemporal_right =
      at_xy(head, mid_x - p.frontotemporal_recession_mm, L.lateral_canthus_right.y);
  d.frontotemporal_left =
      at_xy(head, mid_x - p.frontotemporal_recession_mm, L.lateral_canthus_left.y);
  // Temporal peaks, about 2.5 cm in front of the ear canal.
  const double ear_x = L.ear_canal_right.x;
  d.temporal_right = at_xz(head, ear_x + 25, ear_z + p.temporal_point_above_canal_mm, +1);
  d.temporal_left = at_xz(head, ear_x + 25, ear_z + p.temporal_point_above_canal_mm, -1);

  d.irregularity_half_width_rad = std::abs(d.temporal_right.azimuth_rad);
  d.irregularity_seed = seed;
  d.margin = margin;
  draw_outline(head, d);
  return d;
}

std::optional<HairlinePoint> hairline_point_from_name(std::string_view n) {
  for (std::size_t i = 0; i < kHairlinePointNames.size(); ++i)
    if (kHairlinePointNames[i] == n) return static_cast<HairlinePoint>(i);
  return std::nullopt;
}

SurfaceAngles& point(HairlineDesign& d, HairlinePoint p) {
  switch (p) {
    case HairlinePoint::mid_frontal: return d.mid_frontal;
    case HairlinePoint::frontotemporal_left: return d.frontotemporal_left;
    case HairlinePoint::frontotemporal_right: return d.frontotemporal_right;
    case HairlinePoint::temporal_left: return d.temporal_left;
    case HairlinePoint::temporal_right: return d.temporal_right;
  }
  return d.mid_frontal;
}

HairlineDesign move_hairline_point(const HeadModel& head, const HairlineDesign& d, HairlinePoint p,
                                   SurfaceAngles to) {
  HairlineDesign moved = d;
  point(moved, p) = to;
  draw_outline(head, moved);
  return moved;
}

}  // namespace smp
