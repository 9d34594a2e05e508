#include "smp/design/planner.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/base/random.h"
#include "smp/design/poisson_disk.h"

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

// The sampler's view of the raster: densities per skin mm^2, the largest impression per
// cell, and exact evaluation where a boundary (the treated area, a region, a scar, the
// hairline's fine needle) crosses a cell or its neighbours.
PoissonDiskTarget poisson_disk_target(const TargetField& field, const ScalpRaster& raster,
                                      const DotParameters& dp) {
  PoissonDiskTarget t;
  t.grid = raster.grid;
  const std::size_t cells = raster.target_per_cm2.size();
  t.density_per_mm2.resize(cells);
  t.diameter_mm.resize(cells);
  t.exact.assign(cells, 0);
  t.skin_area_mm2 = raster.skin_area_mm2;
  t.group = raster.region;
  const double largest_um = std::max(dp.diameter_um, dp.hairline_diameter_um);
  for (std::size_t i = 0; i < cells; ++i) {
    t.density_per_mm2[i] = raster.target_per_cm2[i] / 100.0f;
    t.diameter_mm[i] = static_cast<float>(
        kLargestDotScale *
        ((raster.edges[i] & ScalpRaster::kAttributeEdge) ? largest_um
                                                         : needle_diameter_um(dp, raster.transition[i])) /
        1000);
    t.exact[i] = raster.edges[i] & ScalpRaster::kTreatedEdge;
  }
  t.density_at = [&field](ChartPoint c) { return field.sample(c).target_per_cm2 / 100; };
  t.min_gap_mm = dp.min_gap_mm;
  return t;
}

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

  // Areas and targets.
  d.regions.resize(kRegionCount);
  std::vector<double> target_integral(kRegionCount, 0), coverage_integral(kRegionCount, 0);
  for (int r = 0; r < kRegionCount; ++r) {
    d.regions[r].region = static_cast<Region>(r);
    d.regions[r].goal = field.goals().at(static_cast<Region>(r));
  }
  for (std::size_t i = 0; i < raster.region.size(); ++i) {
    if (raster.region[i] < 0) continue;
    RegionStats& rs = d.regions[raster.region[i]];
    const double area_cm2 = raster.skin_area_mm2[i] / 100.0;
    rs.area_cm2 += area_cm2;
    coverage_integral[raster.region[i]] += raster.coverage[i] * area_cm2;
    d.bald_area_cm2 += (1 - raster.coverage[i]) * area_cm2;
    if (raster.target_per_cm2[i] >= params.density.treated_threshold_per_cm2)
      rs.treated_area_cm2 += area_cm2;
    target_integral[raster.region[i]] += raster.target_per_cm2[i] * area_cm2;
  }

  // The dots, session by session: each session a Poisson-disk set of its cumulative
  // density, filling the gaps of the earlier ones.
  const std::vector<double> fractions = cumulative_session_fractions(params.sessions.count);
  const int sessions = static_cast<int>(fractions.size());
  progress("blue noise", 0);
  const PoissonDiskTarget target = poisson_disk_target(field, raster, params.dots);
  const std::vector<DiskSample> samples =
      sample_poisson_disk(field.map(), target, fractions, {}, seed, {options.threads, options.stop});
  progress("blue noise", 1);

  // Sessions: lightest shade first, darker later.
  d.sessions.resize(sessions);
  if (static_cast<int>(params.sessions.shades.size()) != sessions)
    throw PlanError("sessions.shades",
                    fmt::format("one shade per session is needed ({} sessions, {} shades)",
                                sessions, params.sessions.shades.size()));
  for (int s = 0; s < sessions; ++s) {
    d.sessions[s].index = s + 1;
    d.sessions[s].shade = params.sessions.shades[s];
  }
  Random attributes(seed, Random::Stream::dot_attributes);
  for (const DiskSample& sample : samples) {
    Dot dot = dot_at(field, raster, sample, params.dots, attributes);
    dot.shade = std::clamp(d.sessions[dot.session - 1].shade * (1 + params.dots.shade_variation *
                                                                        attributes.normal()),
                           0.02, 1.0);
    d.dots.push_back(dot);
  }
  std::stable_sort(d.dots.begin(), d.dots.end(),
                   [](const Dot& a, const Dot& b) { return a.session < b.session; });
  for (std::size_t i = 0; i < d.dots.size(); ++i) d.dots[i].id = static_cast<int>(i) + 1;

  // Counts per region and session.
  for (auto& rs : d.regions) rs.dots_per_session.assign(sessions, 0);
  for (const Dot& dot : d.dots) {
    RegionStats& rs = d.regions[static_cast<int>(dot.region)];
    ++rs.dots;
    ++rs.dots_per_session[dot.session - 1];
    ++d.sessions[dot.session - 1].dots;
  }
  for (int r = 0; r < kRegionCount; ++r) {
    RegionStats& rs = d.regions[r];
    d.scalp_area_cm2 += rs.area_cm2;
    d.treated_area_cm2 += rs.treated_area_cm2;
    rs.mean_coverage = rs.area_cm2 > 0 ? coverage_integral[r] / rs.area_cm2 : 0;
    if (rs.treated_area_cm2 > 0) {
      rs.target_density_per_cm2 = target_integral[r] / rs.treated_area_cm2;
      rs.achieved_density_per_cm2 = rs.dots / rs.treated_area_cm2;
    }
  }
  int cumulative = 0;
  for (SessionPlan& s : d.sessions) {
    cumulative += s.dots;
    s.cumulative_fraction = d.dots.empty() ? 0 : static_cast<double>(cumulative) / d.dots.size();
    // A session with nothing to do is no appointment: no set-up time.
    s.estimated_minutes =
        s.dots ? s.dots / params.sessions.impressions_per_minute + params.sessions.setup_minutes
               : 0;
  }
  return out;
}

}  // namespace smp
