// `smp render` as a value: the simulation of a design in every state, its metrics and
// every picture (docs/render-output.md), on the model head and on the patient's photos.
#pragma once

#include <string>
#include <vector>

#include "smp/case/case_file.h"
#include "smp/clinic/treatment_plan.h"
#include "smp/io/sink.h"
#include "smp/jobs/design_job.h"
#include "smp/jobs/job_options.h"

namespace smp {

// The years after healing a render may show: more than 0, at most a lifetime.
inline constexpr double kMaxYearsShown = 60;

struct RenderOptions {
  std::vector<double> years = kDefaultYearsShown;  // after healing, each in (0, kMaxYearsShown]
  std::string
      photos_dir;  // the patient's photo folder (docs/photo.md); "" takes the case's [plan] photos
};

struct RenderJobResult {
  SimulationResults simulation;  // states, metrics, touch-up, the pictures' kinds and paths
  OutputFiles files;             // every picture (PNG, JPEG) and metrics.json, by path
  std::size_t photo_views = 0;   // the patient's photos the states are drawn on
};

// The design of `field` (a design job's) simulated. InputError for a bad photo folder or
// a year out of range ("years"), Cancelled when stopped.
RenderJobResult render_job(const Case& c, const TargetField& field, const PlannedDesign& design,
                           const RenderOptions& render = {}, const JobOptions& options = {});

}  // namespace smp
