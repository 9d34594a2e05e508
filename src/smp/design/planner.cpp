#include "smp/design/planner.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/base/random.h"
#include "smp/design/blue_noise.h"

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

struct Candidate {
  FieldSample field;
  ChartPoint chart;
  Vec3 head_mm;
  double diameter_um, depth_um, shade_deviate;
};

// Candidates distributed as target density x skin area: a cell is drawn from the
// cumulative raster weights, then a uniform point inside it; points where the exact
// field has no target (off the scalp, in front of the hairline) are drawn again.
std::vector<Candidate> draw_candidates(const TargetField& field, const ScalpRaster& raster,
                                       const DesignParameters& params, std::size_t count,
                                       unsigned long long seed) {
  std::vector<double> cumulative(raster.target_per_cm2.size());
  double sum = 0;
  for (std::size_t i = 0; i < cumulative.size(); ++i)
    cumulative[i] = sum += static_cast<double>(raster.target_per_cm2[i]) * raster.skin_area_mm2[i];
  std::vector<Candidate> out;
  if (sum <= 0) return out;
  out.reserve(count);
  Random where(seed, Random::Stream::candidates), attrs(seed, Random::Stream::dot_attributes);
  const DotParameters& dp = params.dots;
  const int n = raster.grid.size();
  for (std::size_t tries = 0; out.size() < count && tries < 20 * count; ++tries) {
    const double pick = where.uniform() * sum;
    const std::size_t cell =
        std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin();
    const int col = static_cast<int>(cell % n), row = static_cast<int>(cell / n);
    const ChartPoint centre = raster.grid.center(col, row);
    const double h = raster.grid.cell_mm;
    const ChartPoint c{centre.u_mm + (where.uniform() - 0.5) * h,
                       centre.v_mm + (where.uniform() - 0.5) * h};
    const FieldSample f = field.sample(c);
    if (f.target_per_cm2 <= 0) continue;
    const double base_um = f.hairline_transition ? dp.hairline_diameter_um : dp.diameter_um;
    const double size = std::clamp(1 + dp.diameter_variation * attrs.normal(), 0.8, 1.2);
    // The hand's variation stays in the upper dermis, but a depth the clinic sets outside
    // it is kept (to show what too deep a needle does: blowout).
    const double depth =
        std::clamp(dp.depth_um + dp.depth_sd_um * attrs.normal(),
                   std::min(dp.depth_min_um, dp.depth_um), std::max(dp.depth_max_um, dp.depth_um));
    out.push_back({f, c, field.map().head_point(c), base_um * size, depth, attrs.normal()});
  }
  return out;
}

// (Expected weight of a full disk) / (expected weight of this candidate's disk), from
// the raster's candidate density: 1 inside the treated area, up to about 2 at its edge.
double edge_weight_scale(const ScalpRaster& raster, ChartPoint p, double radius_mm,
                         double oversampling) {
  const ChartGrid& g = raster.grid;
  const int col = g.col_of(p.u_mm), row = g.row_of(p.v_mm), n = g.size();
  if (col < 0 || row < 0) return 1;
  const double chart_cell_mm2 = g.cell_mm * g.cell_mm;
  const std::size_t centre = raster.index(col, row);
  if (raster.skin_area_mm2[centre] <= 0) return 1;
  const double mm_per_chart_mm = std::sqrt(raster.skin_area_mm2[centre] / chart_cell_mm2);
  const int reach = static_cast<int>(std::ceil(2 * radius_mm / mm_per_chart_mm / g.cell_mm));
  // Sum of falloff x target x area over the cells of the disk (skin distances).
  const double reach_mm = 2 * radius_mm, s = mm_per_chart_mm;
  double expected = 0;
  for (int r = std::max(0, row - reach); r <= std::min(n - 1, row + reach); ++r) {
    const double dv = (g.center(col, r).v_mm - p.v_mm) * s;
    for (int c = std::max(0, col - reach); c <= std::min(n - 1, col + reach); ++c) {
      const std::size_t k = raster.index(c, r);
      const double du = (g.center(c, r).u_mm - p.u_mm) * s, d2 = du * du + dv * dv;
      if (d2 >= reach_mm * reach_mm || raster.target_per_cm2[k] <= 0) continue;
      expected += weight_falloff(std::sqrt(d2), radius_mm) * raster.target_per_cm2[k] *
                  raster.skin_area_mm2[k];
    }
  }
  expected *= oversampling / 100;  // candidates per mm^2
  return expected > 0 ? std::clamp(full_disk_weight(oversampling) / expected, 1.0, 4.0) : 1.0;
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

  // Areas and the dot count the targets ask for.
  double expected_dots = 0;
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
    expected_dots += raster.target_per_cm2[i] * area_cm2;
  }

  // Candidates, then nested elimination: level k survivors are sessions 1..S-k+1.
  const std::size_t total = static_cast<std::size_t>(std::llround(expected_dots));
  const std::vector<double> fractions = cumulative_session_fractions(params.sessions.count);
  const int sessions = static_cast<int>(fractions.size());
  progress("candidates", 0);
  std::vector<Candidate> candidates = draw_candidates(
      field, raster, params, static_cast<std::size_t>(total * options.oversampling), seed);
  // Neighbours in space become neighbours in memory: the elimination is bound by
  // memory access, and the order is deterministic.
  const double block_mm = 4;
  auto block = [&](const Candidate& c) {
    const long row = std::lround(std::floor((grid.half_extent_mm - c.chart.v_mm) / block_mm));
    const long col = std::lround(std::floor((c.chart.u_mm + grid.half_extent_mm) / block_mm));
    return row * 100000 + col;
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const Candidate& a, const Candidate& b) { return block(a) < block(b); });
  progress("candidates", 1);
  std::vector<BlueNoiseCandidate> bn;
  bn.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    const double radius = poisson_radius_mm(c.field.target_per_cm2 / 100.0);
    bn.push_back({c.head_mm, radius, c.diameter_um / 1000.0,
                  edge_weight_scale(raster, c.chart, radius, options.oversampling)});
  }
  std::vector<std::size_t> keep;
  for (int s = sessions - 1; s >= 0; --s)
    keep.push_back(
        static_cast<std::size_t>(std::llround(fractions[s] * static_cast<double>(total))));
  progress("blue noise", 0);
  const std::vector<int> level =
      nested_sample_elimination(bn, keep, params.dots.min_gap_mm, options.stop);
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
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (level[i] == 0) continue;
    const Candidate& c = candidates[i];
    Dot dot;
    dot.session = sessions - level[i] + 1;
    dot.region = c.field.region;
    dot.chart = c.chart;
    dot.head_mm = c.head_mm;
    dot.diameter_um = c.diameter_um;
    dot.depth_um = c.depth_um;
    dot.shade = std::clamp(
        d.sessions[dot.session - 1].shade * (1 + params.dots.shade_variation * c.shade_deviate),
        0.02, 1.0);
    dot.needle = c.field.hairline_transition ? 1 : 0;
    dot.on_scar = c.field.on_scar();
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
