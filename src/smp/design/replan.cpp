#include "smp/design/replan.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/design/design_summary.h"

namespace smp {
namespace {

// The outline is sampled at this many azimuths (scalp_outline.cpp); a drag is looked for
// sample by sample, widened by a few for the interpolation between them.
constexpr int kOutlineSamples = 7200;
constexpr int kOutlineSampleMargin = 2;
// Targets closer than this (per cm^2; 0.05 % of 105) are the same: no re-plan for them.
constexpr float kTargetTolerancePerCm2 = 0.05f;
// Skin mm round the band within which kept dots can stand in a new dot's way: the
// first session's exclusion radius at 5 impressions per cm^2 (the treated threshold) is
// 7 mm. A sparser target's new dot may come closer than its spacing to a kept dot
// beyond, never closer than the merge distance (under 1 mm).
constexpr double kFixedReachMm = 8;
// Where a dragged hairline point may go (polar angle from the vertex): the outline keeps
// its polar angles within [0.05, pi - 0.05] (scalp_outline.cpp); 1.75 rad is 10 degrees
// below the equator, under any temporal point.
constexpr double kMinHairlinePolarRad = 0.05, kMaxHairlinePolarRad = 1.75;

double sample_azimuth(int s) { return -kPi + (s + 0.5) * 2 * kPi / kOutlineSamples; }
int sample_of(double azimuth_rad) {
  return std::clamp(static_cast<int>((azimuth_rad + kPi) / (2 * kPi) * kOutlineSamples), 0,
                    kOutlineSamples - 1);
}

int col_at(const ChartGrid& g, double u) {
  return std::clamp(static_cast<int>(std::floor((u + g.half_extent_mm) / g.cell_mm)), 0,
                    g.size() - 1);
}
int row_at(const ChartGrid& g, double v) {
  return std::clamp(static_cast<int>(std::floor((g.half_extent_mm - v) / g.cell_mm)), 0,
                    g.size() - 1);
}

// The cells of `box` (grown by one, within the grid) for which `in(chart point)` holds.
template <class In>
CellMask mask_of(const ChartGrid& g, CellRect box, In&& in) {
  CellMask m = CellMask::all_of(box.grown(1, g.size()));
  std::size_t k = 0;
  for (int row = m.box.row0; row <= m.box.row1; ++row)
    for (int col = m.box.col0; col <= m.box.col1; ++col) m.cells[k++] = in(g.center(col, row));
  return m;
}

// Where a moved hairline can change the target: the azimuths whose edge moved (or that
// went in or out of the front), from the edge back through the hairline zone.
CellMask hairline_mask(const TargetField& before, const TargetField& after, const ChartGrid& g) {
  const ScalpOutline &a = before.hairline().outline, &b = after.hairline().outline;
  const HeadModel& head = before.map().head();
  const double zone_mm =
      std::max(before.hairline().params.zone_depth_mm, after.hairline().params.zone_depth_mm);
  std::vector<char> moved(kOutlineSamples, 0);
  for (int s = 0; s < kOutlineSamples; ++s) {
    const double az = sample_azimuth(s);
    if (a.polar_limit(az) != b.polar_limit(az) || a.in_front(az) != b.in_front(az))
      for (int k = -kOutlineSampleMargin; k <= kOutlineSampleMargin; ++k)
        moved[(s + k + kOutlineSamples) % kOutlineSamples] = 1;
  }
  // Per moved sample, the polar angles from the zone's back to the farther edge.
  std::vector<double> inner(kOutlineSamples, 0), outer(kOutlineSamples, -1);
  double u0 = 1e9, u1 = -1e9, v0 = 1e9, v1 = -1e9;
  for (int s = 0; s < kOutlineSamples; ++s) {
    if (!moved[s]) continue;
    const double az = sample_azimuth(s);
    const double pa = a.polar_limit(az), pb = b.polar_limit(az), lo = std::min(pa, pb);
    // The zone's depth is skin mm along the meridian; its polar extent at the slower of
    // the speeds at the edge and half a radian above it.
    const double speed = std::min(length(head.d_polar({lo, az})),
                                  length(head.d_polar({std::max(0.0, lo - 0.5), az})));
    inner[s] = std::max(0.0, lo - (zone_mm + 1) / speed);
    outer[s] = std::max(pa, pb) + 0.01;
    for (double p : {inner[s], outer[s]})
      for (double side : {-0.5, 0.5}) {
        const ChartPoint c = before.map().chart({p, az + side * 2 * kPi / kOutlineSamples});
        u0 = std::min(u0, c.u_mm), u1 = std::max(u1, c.u_mm);
        v0 = std::min(v0, c.v_mm), v1 = std::max(v1, c.v_mm);
      }
  }
  if (u1 < u0) return {};
  const double extent = g.cell_mm;  // a cell's centre may lie that far out of the corners
  const CellRect box{col_at(g, u0 - extent), row_at(g, v1 + extent), col_at(g, u1 + extent),
                     row_at(g, v0 - extent)};
  return mask_of(g, box, [&](ChartPoint c) {
    const SurfaceAngles s = before.map().angles(c);
    const int k = sample_of(s.azimuth_rad);
    return moved[k] && s.polar_rad >= inner[k] && s.polar_rad <= outer[k];
  });
}

// The raster cells an edit may change.
CellMask cells_to_recompute(const TargetField& before, const TargetField& after,
                            const DesignEdit& edit, const ScalpRaster& raster) {
  const ChartGrid& g = raster.grid;
  const int n = g.size();
  if (std::holds_alternative<MoveHairlinePoint>(edit)) return hairline_mask(before, after, g);
  if (const auto* e = std::get_if<SetRegionGoal>(&edit)) {
    CellRect r{n, n, -1, -1};
    for (int row = 0; row < n; ++row)
      for (int col = 0; col < n; ++col)
        if (raster.region[raster.index(col, row)] == static_cast<int>(e->region))
          r = {std::min(r.col0, col), std::min(r.row0, row), std::max(r.col1, col),
               std::max(r.row1, row)};
    if (r.empty()) return {};
    return mask_of(g, r, [&](ChartPoint c) {
      return raster.region[raster.index_of(c)] == static_cast<int>(e->region);
    });
  }
  if (std::holds_alternative<SetDensity>(edit)) return CellMask::all_of({0, 0, n - 1, n - 1});
  const MaskStroke& s = std::get<PaintLoss>(edit).stroke;
  const double reach = s.radius_mm + g.cell_mm;
  const CellRect box{col_at(g, std::min(s.from.u_mm, s.to.u_mm) - reach),
                     row_at(g, std::max(s.from.v_mm, s.to.v_mm) + reach),
                     col_at(g, std::max(s.from.u_mm, s.to.u_mm) + reach),
                     row_at(g, std::min(s.from.v_mm, s.to.v_mm) - reach)};
  return mask_of(
      g, box, [&](ChartPoint c) { return chart_distance_to_segment_mm(c, s.from, s.to) < reach; });
}

// The raster's values in a rectangle before an edit: what the re-plan compares with.
struct RasterBefore {
  CellRect rect;
  std::vector<std::int8_t> region;
  std::vector<float> target_per_cm2;
  std::vector<std::uint8_t> transition, scar;

  RasterBefore(const ScalpRaster& r, CellRect rect) : rect(rect) {
    if (rect.empty()) return;
    for (int row = rect.row0; row <= rect.row1; ++row)
      for (int col = rect.col0; col <= rect.col1; ++col) {
        const std::size_t i = r.index(col, row);
        region.push_back(r.region[i]);
        target_per_cm2.push_back(r.target_per_cm2[i]);
        transition.push_back(r.transition[i]);
        scar.push_back(r.scar[i]);
      }
  }
  std::size_t at(int col, int row) const {
    return static_cast<std::size_t>(row - rect.row0) * (rect.col1 - rect.col0 + 1) +
           (col - rect.col0);
  }
  bool contains(int col, int row) const {
    return col >= rect.col0 && col <= rect.col1 && row >= rect.row0 && row <= rect.row1;
  }
  bool target_changed(const ScalpRaster& now, int col, int row) const {
    const std::size_t i = now.index(col, row), k = at(col, row);
    return std::abs(target_per_cm2[k] - now.target_per_cm2[i]) > kTargetTolerancePerCm2 ||
           transition[k] != now.transition[i] || scar[k] != now.scar[i];
  }
};

// Chart mm per skin mm at most over a rectangle (its corners and centre).
double largest_stretch(const ScalpMap& map, const ChartGrid& g, CellRect r) {
  constexpr double kStepMm = 0.1;
  double stretch = 1;
  const ChartPoint a = g.center(r.col0, r.row0), b = g.center(r.col1, r.row1);
  for (ChartPoint c : {a, b, ChartPoint{a.u_mm, b.v_mm}, ChartPoint{b.u_mm, a.v_mm},
                       ChartPoint{(a.u_mm + b.u_mm) / 2, (a.v_mm + b.v_mm) / 2}}) {
    const Vec3 p = map.head_point(c);
    for (ChartPoint d :
         {ChartPoint{c.u_mm + kStepMm, c.v_mm}, ChartPoint{c.u_mm, c.v_mm + kStepMm}})
      stretch = std::max(stretch, kStepMm / std::max(1e-9, length(map.head_point(d) - p)));
  }
  return stretch;
}

// Along one line of cells (every `stride`-th of `in`, from index `first`): each set cell
// in [k0, k1] sets the cells of out within `cells` of it, clipped to [lo, hi].
void grow_line(const std::vector<std::uint8_t>& in, std::vector<std::uint8_t>& out,
               std::size_t first, std::size_t stride, int k0, int k1, int lo, int hi, int cells) {
  for (int k = k0; k <= k1; ++k)
    if (in[first + k * stride])
      for (int j = std::max(lo, k - cells); j <= std::min(hi, k + cells); ++j)
        out[first + j * stride] = 1;
}

// The band: changed cells grown by `cells` (a square: the margin is at least that), rows
// first, then columns.
std::vector<std::uint8_t> grow_band(const std::vector<std::uint8_t>& changed, int n, CellRect box,
                                    int cells) {
  std::vector<std::uint8_t> rows(changed.size(), 0), band(changed.size(), 0);
  const CellRect out = box.grown(cells, n);
  for (int row = box.row0; row <= box.row1; ++row)
    grow_line(changed, rows, static_cast<std::size_t>(row) * n, 1, box.col0, box.col1, out.col0,
              out.col1, cells);
  for (int col = out.col0; col <= out.col1; ++col)
    grow_line(rows, band, col, n, box.row0, box.row1, out.row0, out.row1, cells);
  return band;
}

}  // namespace

TargetField edited_field(const TargetField& field, const DesignEdit& edit) {
  if (const auto* e = std::get_if<MoveHairlinePoint>(&edit)) {
    // The hairline's points lie above the ears: polar angles from the vertex to a little
    // past the equator (kMaxHairlinePolarRad), any azimuth.
    if (!(e->to.polar_rad >= kMinHairlinePolarRad && e->to.polar_rad <= kMaxHairlinePolarRad) ||
        !(std::abs(e->to.azimuth_rad) <= kPi))
      throw PlanError(
          "hairline." + std::string(name(e->point)),
          fmt::format("polar angle {} rad, azimuth {} rad: the point must lie at a polar "
                      "angle of {} to {} rad and an azimuth of -pi to pi",
                      e->to.polar_rad, e->to.azimuth_rad, kMinHairlinePolarRad,
                      kMaxHairlinePolarRad));
    return field.with_hairline(
        move_hairline_point(field.map().head(), field.hairline(), e->point, e->to));
  }
  if (const auto* e = std::get_if<SetRegionGoal>(&edit)) {
    Goals goals = field.goals();
    goals.per_region[static_cast<int>(e->region)] = e->goal;
    return field.with_goals(goals);
  }
  if (const auto* e = std::get_if<SetDensity>(&edit)) return field.with_density(e->density);
  try {
    return field.with_loss(
        make_painted_strokes(field.loss_pattern(), {std::get<PaintLoss>(edit).stroke}));
  } catch (const std::invalid_argument& e) {
    throw PlanError("stroke", e.what());
  }
}

ReplannedDesign replan_design(const TargetField& field, const PlannedDesign& planned,
                              const DesignEdit& edit, const DesignParameters& params,
                              unsigned long long seed, const ReplanOptions& options) {
  return replan_design(field, PlannedDesign(planned), edit, params, seed, options);
}

ReplannedDesign replan_design(const TargetField& field, PlannedDesign&& planned,
                              const DesignEdit& edit, const DesignParameters& params,
                              unsigned long long seed, const ReplanOptions& options) {
  ReplannedDesign out{edited_field(field, edit), std::move(planned), {}, 0, 0, 0, 0};
  ScalpRaster& raster = out.planned.raster;
  const ChartGrid& g = raster.grid;
  const int n = g.size();

  // The target again where the edit may change it; the changed cells among those.
  const CellMask mask = cells_to_recompute(field, out.field, edit, raster);
  const CellRect touched = mask.box.empty() ? mask.box : mask.box.grown(1, n);
  const RasterBefore before(raster, touched);
  raster.recompute(out.field, mask);
  throw_if_cancelled(options.stop);
  std::vector<std::uint8_t> changed(raster.region.size(), 0);
  CellRect box{n, n, -1, -1};
  float densest_per_cm2 = 0;
  for (int row = touched.row0; row <= touched.row1; ++row)
    for (int col = touched.col0; col <= touched.col1; ++col) {
      if (!before.target_changed(raster, col, row)) continue;
      changed[raster.index(col, row)] = 1;
      box = {std::min(box.col0, col), std::min(box.row0, row), std::max(box.col1, col),
             std::max(box.row1, row)};
      densest_per_cm2 = std::max({densest_per_cm2, before.target_per_cm2[before.at(col, row)],
                                  raster.target_per_cm2[raster.index(col, row)]});
    }

  // The band: one first-session spacing of the densest changed target around the change,
  // so that the new first-session dots find their spacing against the kept ones.
  const std::vector<double> fractions = cumulative_session_fractions(params.sessions.count);
  int band_cells = 0;
  double band_stretch = 1;
  if (!box.empty()) {
    const double density_per_mm2 = std::max(densest_per_cm2, 1.0f) / 100.0;
    const double margin_mm = relative_radius(1) / std::sqrt(fractions[0]) *
                             std::sqrt(2 / (std::sqrt(3.0) * density_per_mm2));
    band_stretch = largest_stretch(field.map(), g, box);
    band_cells = static_cast<int>(std::ceil(margin_mm * band_stretch / g.cell_mm));
    out.band = grow_band(changed, n, box, band_cells);
  } else {
    out.band.assign(changed.size(), 0);
  }
  const CellRect window = box.empty() ? box : box.grown(band_cells, n);
  for (int row = window.row0; row <= window.row1; ++row)
    for (int col = window.col0; col <= window.col1; ++col)
      if (const std::size_t i = raster.index(col, row); out.band[i])
        out.band_area_cm2 += raster.skin_area_mm2[i] / 100.0;

  // The dots outside the band stay, relabelled where their region changed; the new dots
  // come within the band's box, and the kept ones within reach of it are what they must
  // keep clear of.
  Design& d = out.planned.design;
  d.sessions = session_plans(params);
  const ChartPoint corner0 = g.center(window.col0, window.row0),
                   corner1 = g.center(window.col1, window.row1);
  const double reach_mm = kFixedReachMm * band_stretch;
  std::vector<DiskSample> fixed;
  int last_id = 0;
  std::size_t kept = 0;
  for (std::size_t k = 0; k < d.dots.size(); ++k) {
    Dot& dot = d.dots[k];
    last_id = std::max(last_id, dot.id);
    const int col = g.col_of(dot.chart.u_mm), row = g.row_of(dot.chart.v_mm);
    const std::size_t cell = raster.index(col, row);
    if (out.band[cell]) continue;
    // A boundary cell's dot took its region from the field itself: so again, if the
    // edit reached it.
    if (before.contains(col, row) && (raster.region[cell] != before.region[before.at(col, row)] ||
                                      (raster.edges[cell] & ScalpRaster::kAttributeEdge)))
      dot.region = out.field.sample(dot.chart).region;
    if (!box.empty() && dot.chart.u_mm > corner0.u_mm - reach_mm &&
        dot.chart.u_mm < corner1.u_mm + reach_mm && dot.chart.v_mm < corner0.v_mm + reach_mm &&
        dot.chart.v_mm > corner1.v_mm - reach_mm)
      fixed.push_back(
          {dot.chart, dot.head_mm, dot.session, static_cast<float>(dot.diameter_um / 1000)});
    if (kept != k) d.dots[kept] = dot;
    ++kept;
  }
  out.dots_removed = static_cast<int>(d.dots.size() - kept);
  d.dots.resize(kept);
  out.dots_kept = static_cast<int>(kept);

  // The band planned again around them; the new dots join their sessions (the kept dots
  // are in session and id order, the new ones come session by session with higher ids).
  if (!box.empty()) {
    PoissonDiskTarget target = poisson_disk_target(out.field, raster, params.dots, window);
    target.fill.resize(target.density_per_mm2.size());
    std::size_t k = 0;
    for (int row = window.row0; row <= window.row1; ++row)
      for (int col = window.col0; col <= window.col1; ++col)
        target.fill[k++] = out.band[raster.index(col, row)];
    const unsigned long long stream_seed = seed ^ (options.revision * 0x9E3779B97F4A7C15ULL);
    const std::vector<DiskSample> samples = sample_poisson_disk(
        out.field.map(), target, fractions, fixed, stream_seed, {options.threads, options.stop});
    Random attributes(stream_seed, Random::Stream::dot_attributes);
    append_dots(d, samples, out.field, raster, params.dots, attributes, last_id + 1);
    out.dots_added = static_cast<int>(samples.size());
    std::inplace_merge(d.dots.begin(), d.dots.begin() + kept, d.dots.end(),
                       [](const Dot& a, const Dot& b) { return a.session < b.session; });
  }
  summarise_design(d, raster, out.field.goals(), params);
  return out;
}

}  // namespace smp
