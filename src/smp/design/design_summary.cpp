#include "smp/design/design_summary.h"

#include <fmt/format.h>

#include "smp/base/plan_error.h"

namespace smp {

std::vector<SessionPlan> session_plans(const DesignParameters& params) {
  const int sessions = static_cast<int>(cumulative_session_fractions(params.sessions.count).size());
  if (static_cast<int>(params.sessions.shades.size()) != sessions)
    throw PlanError("sessions.shades",
                    fmt::format("one shade per session is needed ({} sessions, {} shades)",
                                sessions, params.sessions.shades.size()));
  std::vector<SessionPlan> plans(sessions);
  for (int s = 0; s < sessions; ++s) {
    plans[s].index = s + 1;
    plans[s].shade = params.sessions.shades[s];
  }
  return plans;
}

void summarise_design(Design& d, const ScalpRaster& raster, const Goals& goals,
                      const DesignParameters& params) {
  const int sessions = static_cast<int>(d.sessions.size());
  d.scalp_area_cm2 = d.treated_area_cm2 = d.bald_area_cm2 = 0;
  d.regions.assign(kRegionCount, {});
  std::vector<double> target_integral(kRegionCount, 0), coverage_integral(kRegionCount, 0);
  for (int r = 0; r < kRegionCount; ++r) {
    d.regions[r].region = static_cast<Region>(r);
    d.regions[r].goal = goals.at(static_cast<Region>(r));
    d.regions[r].dots_per_session.assign(sessions, 0);
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

  for (SessionPlan& s : d.sessions) s.dots = 0;
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
}

}  // namespace smp
