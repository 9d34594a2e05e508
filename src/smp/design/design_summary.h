// The counts the clinic works from: areas and densities per region, impressions and
// chair time per session. Shared by the planner and re-planning.
#pragma once

#include "smp/design/design.h"
#include "smp/design/design_parameters.h"
#include "smp/design/scalp_raster.h"

namespace smp {

// The sessions of a design, lightest shade first, before any dot is counted. Throws
// PlanError naming sessions.count or sessions.shades.
std::vector<SessionPlan> session_plans(const DesignParameters& params);

// d.regions and the counts of d.sessions (from session_plans) from the raster and d.dots.
void summarise_design(Design& d, const ScalpRaster& raster, const Goals& goals,
                      const DesignParameters& params);

}  // namespace smp
