#include "smp/report/dots_csv.h"

#include <fmt/format.h>

namespace smp {

void write_dots_csv(const Design& d, std::ostream& out) {
  out << kDotsCsvHeader << '\n';
  fmt::memory_buffer buf;
  for (const Dot& dot : d.dots) {
    fmt::format_to(std::back_inserter(buf), "{},{},{},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.0f},{:.0f},{:.3f},{}\n", dot.id,
                   dot.session, name(dot.region), dot.chart.u_mm, dot.chart.v_mm, dot.head_mm.x, dot.head_mm.y,
                   dot.head_mm.z, dot.diameter_um, dot.depth_um, dot.shade, d.needles[dot.needle]);
    if (buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace smp
