// `smp design` as a value: the case's target field and its dot-by-dot design, with the
// files docs/design-output.md describes.
#pragma once

#include <memory>
#include <string>

#include "smp/case/case_file.h"
#include "smp/design/planner.h"
#include "smp/io/sink.h"
#include "smp/jobs/job_options.h"

namespace smp {

struct DesignJobResult {
  std::unique_ptr<const TargetField> field;  // on the heap: a simulation refers to it
  PlannedDesign planned;
  OutputFiles files;  // design.json, dots.csv, scalp-map.png, dot-map.svg (none when read back)
};

// InputError for a case whose field cannot be built (an unreadable mask), PlanError for
// one that cannot be designed, Cancelled when stopped.
DesignJobResult design_job(const Case& c, const JobOptions& options = {});
// The same design without formatting its files, for the jobs that only draw it.
DesignJobResult design_without_files(const Case& c, const JobOptions& options = {});

// The dots of an earlier `smp design` folder (its dots.csv) on this case's field; the
// raster is recomputed (it is not stored). InputError naming the file when it cannot be read.
DesignJobResult design_from_folder(const Case& c, const std::string& design_dir,
                                   const JobOptions& options = {});

}  // namespace smp
