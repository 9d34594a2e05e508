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
  // Raster for areas and the sampler's densities: 1 mm keeps region areas within 0.1 %
  // of a 0.25 mm raster at a sixteenth of the cells.
  double chart_cell_mm = 1.0;
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
