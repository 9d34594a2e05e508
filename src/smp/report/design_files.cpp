#include "smp/report/design_files.h"

#include <sstream>

#include "smp/report/design_json.h"
#include "smp/report/dot_map_svg.h"
#include "smp/report/dots_csv.h"
#include "smp/report/scalp_map_png.h"

namespace smp {

void put_design_files(const Case& c, const TargetField& field, const PlannedDesign& planned,
                      Sink& sink) {
  sink.put("design.json", design_json(c, field, planned.design));
  std::ostringstream csv;
  write_dots_csv(planned.design, csv);
  sink.put("dots.csv", std::move(csv).str());
  const std::string title =
      "SMP Studio design - case " + c.patient.id + " - " + field.loss().name();
  sink.put("scalp-map.png", scalp_map_png(planned.design, planned.raster, title));
  sink.put("dot-map.svg", dot_map_svg(planned.design, planned.raster, title));
}

}  // namespace smp
