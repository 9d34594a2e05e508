// Turns a target field into a dot-by-dot design layered over the sessions.
#pragma once

#include <functional>
#include <stop_token>
#include <string_view>

#include "smp/design/design.h"
#include "smp/design/design_parameters.h"
#include "smp/base/random.h"
#include "smp/design/poisson_disk.h"
#include "smp/design/scalp_raster.h"

namespace smp {

struct PlannerOptions {
  int threads = 1;             // the design does not depend on it
  // Raster for areas, the sampler's densities, the scalp-map pictures and the native hair
  // of the simulation: 1 mm is 4x faster, but draws the outline in visible steps.
  double chart_cell_mm = 0.5;
  std::function<void(std::string_view stage, double fraction)> progress;
  std::stop_token stop;  // requested: plan_design throws Cancelled between its steps
};

struct PlannedDesign {
  Design design;
  ScalpRaster raster;
};

PlannedDesign plan_design(const TargetField& field, const DesignParameters& params,
                          unsigned long long seed, const PlannerOptions& options = {});

// The planner's steps that re-planning shares.
// The sampler's view of the raster: densities per skin mm^2, the largest impression per
// cell, and exact evaluation where a boundary crosses a cell; over `window` (empty: all).
PoissonDiskTarget poisson_disk_target(const TargetField& field, const ScalpRaster& raster,
                                      const DotParameters& dp, CellRect window = {});
// The samples as impressions of d.sessions, ids from first_id in the samples' order, the
// hand's variation (size, depth, shade) drawn from `attributes` in that order.
void append_dots(Design& d, const std::vector<DiskSample>& samples, const TargetField& field,
                 const ScalpRaster& raster, const DotParameters& dp, Random& attributes,
                 int first_id);

}  // namespace smp
