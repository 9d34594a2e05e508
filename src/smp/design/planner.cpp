#include "smp/design/planner.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/design/design_summary.h"

namespace smp {

std::vector<double> cumulative_session_fractions(int sessions) {
  switch (sessions) {
    case 2: return {0.5, 1.0};
    case 3: return {0.3, 0.7, 1.0};
    case 4: return {0.2, 0.45, 0.7, 1.0};
    default:
      throw PlanError("sessions.count", fmt::format("{} sessions: must be 2, 3 or 4", sessions));
  }
}

namespace {

// Largest fresh impression relative to the needle's: the hand's size variation is clamped
// to +-20 % (diameter_variation is its standard deviation).
constexpr double kLargestDotScale = 1.2;

double needle_diameter_um(const DotParameters& dp, bool hairline_transition) {
  return hairline_transition ? dp.hairline_diameter_um : dp.diameter_um;
}

}  // namespace

// The sampler's view of the raster: densities per skin mm^2, the largest impression per
// cell, and exact evaluation where a boundary (the treated area, a region, a scar, the
// hairline's fine needle) crosses a cell or its neighbours.
PoissonDiskTarget poisson_disk_target(const TargetField& field, const ScalpRaster& raster,
                                      const DotParameters& dp, CellRect window) {
  PoissonDiskTarget t;
  t.grid = raster.grid;
  const int n = raster.grid.size();
  t.window = window.empty() ? CellRect{0, 0, n - 1, n - 1} : window;
  const std::size_t cells = static_cast<std::size_t>(t.window.col1 - t.window.col0 + 1) *
                            (t.window.row1 - t.window.row0 + 1);
  t.density_per_mm2.resize(cells);
  t.diameter_mm.resize(cells);
  t.exact.resize(cells);
  t.skin_area_mm2.resize(cells);
  t.group.resize(cells);
  const double largest_um = std::max(dp.diameter_um, dp.hairline_diameter_um);
  std::size_t k = 0;
  for (int row = t.window.row0; row <= t.window.row1; ++row)
    for (int col = t.window.col0; col <= t.window.col1; ++col, ++k) {
      const std::size_t i = raster.index(col, row);
      t.density_per_mm2[k] = raster.target_per_cm2[i] / 100.0f;
      t.diameter_mm[k] = static_cast<float>(
          kLargestDotScale *
          ((raster.edges[i] & ScalpRaster::kAttributeEdge) ? largest_um
                                                           : needle_diameter_um(dp, raster.transition[i])) /
          1000);
      t.exact[k] = raster.edges[i] & ScalpRaster::kTreatedEdge;
      t.skin_area_mm2[k] = raster.skin_area_mm2[i];
      t.group[k] = raster.region[i];
    }
  t.density_at = [&field](ChartPoint c) { return field.sample(c).target_per_cm2 / 100; };
  t.min_gap_mm = dp.min_gap_mm;
  return t;
}

namespace {

// A sample as an impression: where it is, and what the hand gives it.
Dot dot_at(const TargetField& field, const ScalpRaster& raster, const DiskSample& s,
           const DotParameters& dp, Random& attributes) {
  Dot dot;
  dot.session = s.level;
  dot.chart = s.chart;
  dot.head_mm = s.head_mm;
  const std::size_t cell = raster.index_of(s.chart);
  bool transition = raster.transition[cell];
  dot.region = static_cast<Region>(raster.region[cell]);
  dot.on_scar = raster.scar[cell];
  if (raster.edges[cell] & ScalpRaster::kAttributeEdge) {
    const FieldSample f = field.sample(s.chart);
    transition = f.hairline_transition;
    dot.region = f.region;
    dot.on_scar = f.on_scar();
  }
  const double size =
      std::clamp(1 + dp.diameter_variation * attributes.normal(), 2 - kLargestDotScale, kLargestDotScale);
  dot.diameter_um = needle_diameter_um(dp, transition) * size;
  // The hand's variation stays in the upper dermis, but a depth the clinic sets outside
  // it is kept (to show what too deep a needle does: blowout).
  dot.depth_um =
      std::clamp(dp.depth_um + dp.depth_sd_um * attributes.normal(),
                 std::min(dp.depth_min_um, dp.depth_um), std::max(dp.depth_max_um, dp.depth_um));
  dot.needle = transition ? 1 : 0;
  return dot;
}

}  // namespace

void append_dots(Design& d, const std::vector<DiskSample>& samples, const TargetField& field,
                 const ScalpRaster& raster, const DotParameters& dp, Random& attributes,
                 int first_id) {
  for (const DiskSample& sample : samples) {
    Dot dot = dot_at(field, raster, sample, dp, attributes);
    dot.shade = std::clamp(
        d.sessions[dot.session - 1].shade * (1 + dp.shade_variation * attributes.normal()), 0.02, 1.0);
    dot.id = first_id++;
    d.dots.push_back(dot);
  }
}

PlannedDesign plan_design(const TargetField& field, const DesignParameters& params,
                          unsigned long long seed, const PlannerOptions& options) {
  auto progress = [&](std::string_view stage, double f) {
    throw_if_cancelled(options.stop);
    if (options.progress) options.progress(stage, f);
  };
  PlannedDesign out;
  ChartGrid grid{options.chart_cell_mm, field.chart_half_extent_mm()};
  out.raster = ScalpRaster::compute(
      field, grid, options.threads, [&](double f) { progress("scalp map", f); }, options.stop);
  const ScalpRaster& raster = out.raster;
  Design& d = out.design;
  d.needles = {params.dots.needle, params.dots.hairline_needle};

  d.sessions = session_plans(params);

  // The dots, session by session: each session a Poisson-disk set of its cumulative
  // density, filling the gaps of the earlier ones. The samples come level by level, so
  // ids in their order run session by session.
  progress("blue noise", 0);
  const PoissonDiskTarget target = poisson_disk_target(field, raster, params.dots);
  const std::vector<DiskSample> samples =
      sample_poisson_disk(field.map(), target, cumulative_session_fractions(params.sessions.count),
                          {}, seed, {options.threads, options.stop});
  progress("blue noise", 1);
  Random attributes(seed, Random::Stream::dot_attributes);
  append_dots(d, samples, field, raster, params.dots, attributes, 1);
  summarise_design(d, raster, field.goals(), params);
  return out;
}

}  // namespace smp
