#include "smp/jobs/live_design.h"

#include <algorithm>

#include "smp/jobs/design_job.h"

namespace smp {

LiveDesign::LiveDesign(Case c, const JobOptions& options) : case_(std::move(c)) {
  DesignJobResult r = design_without_files(case_, options);
  field_ = std::make_unique<TargetField>(*r.field);
  planned_ = std::move(r.planned);
}

HairlineAssessment LiveDesign::assessment() const {
  return assess_hairline(field_->map().head(), field_->hairline(), case_.patient.age,
                         case_.params.hairline_age_rule);
}

LiveDesignChange LiveDesign::apply(const DesignEdit& edit, int threads) {
  // Which ids the design holds now: the re-planned design keeps some and adds new ones
  // above the highest, so a flag per id tells the two apart.
  int highest = 0;
  for (const Dot& d : planned_.design.dots) highest = std::max(highest, d.id);
  std::vector<char> held(static_cast<std::size_t>(highest) + 1, 0);
  for (const Dot& d : planned_.design.dots) held[static_cast<std::size_t>(d.id)] = 1;

  ReplanOptions options;
  options.threads = threads;
  options.revision = revision_ + 1;
  // replan_design checks the edit before it takes the design over: a PlanError leaves it.
  ReplannedDesign r = replan_design(*field_, std::move(planned_), edit, case_.params, case_.seed, options);

  LiveDesignChange change;
  change.revision = ++revision_;
  change.band_area_cm2 = r.band_area_cm2;
  for (const Dot& d : r.planned.design.dots) {
    const auto id = static_cast<std::size_t>(d.id);
    if (id < held.size() && held[id])
      held[id] = 2;  // still there
    else
      change.added.push_back(d);
  }
  for (std::size_t id = 0; id < held.size(); ++id)
    if (held[id] == 1) change.removed_ids.push_back(static_cast<int>(id));
  *field_ = std::move(r.field);
  planned_ = std::move(r.planned);
  return change;
}

}  // namespace smp
