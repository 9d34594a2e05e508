// The pictures as the patient's report embeds them: each picture a figure of the report
// shows, scaled once to at most kReportPicturePx wide as PNG and shared by report.html and
// both PDFs (decoding a 2048 px render and encoding the smaller one is most of a report's
// time). Built by the plan job and passed to the writers: no cache outlives a plan.
#pragma once

#include <map>
#include <stop_token>
#include <string>

#include "smp/io/sink.h"
#include "smp/report/report_text.h"

namespace smp {

// Views are rendered at 2048 px; a page shows two side by side.
inline constexpr int kReportPicturePx = 1000;

class ReportPictures {
 public:
  // Every figure of `doc`, from the encoded pictures in `files` (PNG or JPEG), scaled on
  // the worker threads; std::runtime_error naming a picture that is missing or unreadable,
  // Cancelled (base/cancellation.h) once `stop` is requested.
  ReportPictures(const ReportDocument& doc, const OutputFiles& files,
                 const std::stop_token& stop = {});
  // The PNG bytes of the figure at `path`; std::runtime_error naming it if it is not one.
  const std::string& png(const std::string& path) const;

 private:
  std::map<std::string, std::string> png_;
};

// One picture scaled for the report: PNG bytes at most kReportPicturePx wide.
std::string report_picture_png(const std::string& encoded, const std::string& name);

}  // namespace smp
