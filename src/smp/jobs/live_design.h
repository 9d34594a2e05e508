// A design the clinician edits live (the consultation's hairline editor): planned once
// from the case, then changed edit by edit by re-planning only the changed band
// (design/replan.h). Each edit answers with what changed, the dots gone and the dots
// new, so a screen repaints that and keeps the rest. Not thread-safe: one edit at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "smp/case/case_file.h"
#include "smp/design/hairline_assessment.h"
#include "smp/design/replan.h"
#include "smp/jobs/job_options.h"

namespace smp {

struct LiveDesignChange {
  std::uint64_t revision = 0;   // of the design after the edit (the first design is 0)
  std::vector<int> removed_ids;  // dots gone
  std::vector<Dot> added;        // dots new (ids never used before in this design)
  double band_area_cm2 = 0;      // skin planned again
};

class LiveDesign {
 public:
  // The case's design, as `smp design` makes it (InputError, PlanError, Cancelled as
  // design_job's).
  LiveDesign(Case c, const JobOptions& options);

  const Case& source() const { return case_; }
  const TargetField& field() const { return *field_; }
  const Design& design() const { return planned_.design; }
  const ScalpRaster& raster() const { return planned_.raster; }
  std::uint64_t revision() const { return revision_; }
  HairlineAssessment assessment() const;

  // PlanError naming the edit's field for a value out of range: nothing changes then.
  // After any other exception the design is gone; the caller drops it.
  LiveDesignChange apply(const DesignEdit& edit, int threads = 1);

 private:
  Case case_;
  std::unique_ptr<TargetField> field_;
  PlannedDesign planned_;
  std::uint64_t revision_ = 0;
};

}  // namespace smp
