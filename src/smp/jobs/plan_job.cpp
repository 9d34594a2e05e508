#include "smp/jobs/plan_job.h"

#include "smp/case/plan_request_from_case.h"
#include "smp/clinic/plan_treatment.h"
#include "smp/jobs/render_job.h"
#include "smp/report/plan_files.h"

namespace smp {

PlanJobResult plan_job(const Case& c, const PriceBook& book, std::chrono::year_month_day today,
                       const JobOptions& options) {
  JobProgress progress(options);
  const auto step = [&](double begin, double end) {
    JobOptions o = options;
    o.progress = progress.part(begin, end);
    return o;
  };
  PlanJobResult r;
  r.design = design_job(c, step(0, 0.2));
  RenderJobResult render = render_job(c, *r.design.field, r.design.planned, {}, step(0.2, 0.85));
  progress.report("plan", 0.85);
  r.plan = plan_treatment(plan_request(c), r.design.planned.design, std::move(render.simulation),
                          book, today);
  progress.report("reports", 0.9);
  MemorySink sink;
  put_all(r.design.files, sink, "design/");
  put_plan_files(r.plan, c.params.aftercare, r.design.planned.raster, render.files, sink,
                 options.stop);
  put_all(std::move(render.files), sink);
  r.files = sink.take();
  progress.done();
  return r;
}

}  // namespace smp
