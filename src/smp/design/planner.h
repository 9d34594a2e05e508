// Turns a target field into a dot-by-dot design layered over the sessions.
#pragma once

#include <functional>
#include <stop_token>
#include <string_view>

#include "smp/design/design.h"
#include "smp/design/design_parameters.h"
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

}  // namespace smp
