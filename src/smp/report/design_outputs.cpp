#include "smp/report/design_outputs.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "smp/report/design_json.h"
#include "smp/report/dot_map_svg.h"
#include "smp/report/dots_csv.h"
#include "smp/report/scalp_map_png.h"

namespace smp {

void write_design_outputs(const Case& c, const TargetField& field, const PlannedDesign& planned,
                          const std::string& dir) {
  const auto path = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
  {
    std::ofstream out(path("design.json"));
    out << design_json(c, field, planned.design);
    if (!out) throw std::runtime_error(path("design.json") + ": cannot write");
  }
  {
    std::ofstream out(path("dots.csv"));
    write_dots_csv(planned.design, out);
    if (!out) throw std::runtime_error(path("dots.csv") + ": cannot write");
  }
  const std::string title = "SMP Studio design - case " + c.patient.id + " - " + field.loss().name();
  write_scalp_map_png(planned.design, planned.raster, title, path("scalp-map.png"));
  write_dot_map_svg(planned.design, planned.raster, title, path("dot-map.svg"));
}

}  // namespace smp
