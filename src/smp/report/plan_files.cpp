#include "smp/report/plan_files.h"

#include <chrono>
#include <future>

#include "smp/report/plan_json.h"
#include "smp/report/quote_json.h"
#include "smp/report/report_html.h"
#include "smp/report/report_pdf.h"
#include "smp/report/schedule_ics.h"
#include "smp/report/session_sheet_pdf.h"

namespace smp {

void put_plan_files(const TreatmentPlan& plan, const AftercareParameters& aftercare,
                    const ScalpRaster& raster, const OutputFiles& pictures, Sink& sink,
                    const std::stop_token& stop) {
  sink.put("plan.json", plan_json(plan));
  if (plan.quote) sink.put("quote.json", quote_json(*plan.quote));
  if (plan.touch_up_quote) sink.put("touch-up-quote.json", quote_json(*plan.touch_up_quote));
  if (plan.schedule)
    sink.put(
        "schedule.ics",
        schedule_ics(*plan.schedule,
                     plan.patient_id,  // stamped with the plan's day: the same plan, the same file
                     std::chrono::sys_seconds(std::chrono::sys_days(plan.date))));
  const ReportDocument doc = report_document(plan, aftercare);
  const ReportPictures scaled(doc, pictures, stop);
  // The reports only read the plan and the pictures: made side by side (the two PDFs
  // spend most of their time compressing the same pictures).
  auto letter = std::async(std::launch::async,
                           [&] { return report_pdf(plan, doc, scaled, Paper::us_letter, stop); });
  auto a4 = std::async(std::launch::async,
                       [&] { return report_pdf(plan, doc, scaled, Paper::a4, stop); });
  std::string html = report_html(plan, doc, scaled);
  put_session_sheets(plan, raster, sink, stop);
  sink.put("report.pdf", a4.get());
  sink.put("report-letter.pdf", letter.get());
  sink.put("report.html", std::move(html));
}

}  // namespace smp
