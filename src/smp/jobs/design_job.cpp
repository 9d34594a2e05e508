#include "smp/jobs/design_job.h"

#include <filesystem>
#include <fstream>

#include "smp/case/design_from_case.h"
#include "smp/io/input_error.h"
#include "smp/report/design_files.h"
#include "smp/report/dots_csv.h"

namespace smp {

namespace {

DesignJobResult designed(const Case& c, const JobOptions& options, JobProgress& progress) {
  DesignJobResult r;
  r.field = std::make_unique<const TargetField>(target_field_for(c));
  PlannerOptions planner;
  planner.threads = options.threads;
  planner.stop = options.stop;
  planner.progress = progress.part(0, 0.9);
  r.planned = plan_design(*r.field, c.params, c.seed, planner);
  return r;
}

}  // namespace

DesignJobResult design_job(const Case& c, const JobOptions& options) {
  JobProgress progress(options);
  DesignJobResult r = designed(c, options, progress);
  MemorySink files;
  put_design_files(c, *r.field, r.planned, files);
  r.files = files.take();
  progress.done();
  return r;
}

DesignJobResult design_without_files(const Case& c, const JobOptions& options) {
  JobProgress progress(options);
  DesignJobResult r = designed(c, options, progress);
  progress.done();
  return r;
}

DesignJobResult design_from_folder(const Case& c, const std::string& design_dir,
                                   const JobOptions& options) {
  DesignJobResult r;
  r.field = std::make_unique<const TargetField>(target_field_for(c));
  const std::string csv = (std::filesystem::path(design_dir) / "dots.csv").string();
  std::ifstream in(csv);
  if (!in) throw InputError(csv, 0, "", "cannot open the design's dots.csv");
  read_dots_csv(in, csv, r.planned.design);
  r.planned.raster = ScalpRaster::compute(
      *r.field, {PlannerOptions{}.chart_cell_mm, r.field->chart_half_extent_mm()}, options.threads,
      {}, options.stop);
  return r;
}

}  // namespace smp
