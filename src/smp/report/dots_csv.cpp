#include "smp/report/dots_csv.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace smp {

void write_dots_csv(const Design& d, std::ostream& out) {
  out << kDotsCsvHeader << '\n';
  fmt::memory_buffer buf;
  for (const Dot& dot : d.dots) {
    fmt::format_to(std::back_inserter(buf),
                   "{},{},{},{:.3f},{:.3f},{:.3f},{:.3f},{:.3f},{:.0f},{:.0f},{:.3f},{}\n", dot.id,
                   dot.session, name(dot.region), dot.chart.u_mm, dot.chart.v_mm, dot.head_mm.x,
                   dot.head_mm.y, dot.head_mm.z, dot.diameter_um, dot.depth_um, dot.shade,
                   d.needles[dot.needle]);
    if (buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void read_dots_csv(std::istream& in, const std::string& source, Design& d) {
  std::string line;
  int n = 1;
  if (!std::getline(in, line) || line != kDotsCsvHeader)
    throw std::runtime_error(source + ":1: expected the header " + std::string(kDotsCsvHeader));
  d.dots.clear();
  d.regions.assign(kRegionCount, {});
  for (int r = 0; r < kRegionCount; ++r) d.regions[r].region = static_cast<Region>(r);
  int sessions = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::istringstream row(line);
    std::string cell[12];
    int k = 0;
    while (k < 12 && std::getline(row, cell[k], ',')) ++k;
    auto bad = [&](const std::string& what) {
      return std::runtime_error(source + ":" + std::to_string(n) + ": " + what);
    };
    if (k != 12) throw bad("expected 12 columns");
    Dot dot;
    try {
      dot.id = std::stoi(cell[0]);
      dot.session = std::stoi(cell[1]);
      dot.chart = {std::stod(cell[3]), std::stod(cell[4])};
      dot.head_mm = {std::stod(cell[5]), std::stod(cell[6]), std::stod(cell[7])};
      dot.diameter_um = std::stod(cell[8]);
      dot.depth_um = std::stod(cell[9]);
      dot.shade = std::stod(cell[10]);
    } catch (const std::exception&) {
      throw bad("a number could not be read");
    }
    const auto region = region_from_name(cell[2]);
    if (!region) throw bad("unknown region '" + cell[2] + "'");
    if (dot.session < 1 || dot.session > 4) throw bad("session must be 1-4");
    if (!(dot.diameter_um > 0 && dot.depth_um > 0 && dot.shade > 0 && dot.shade <= 1))
      throw bad("diameter, depth and shade must be positive (shade at most 1)");
    dot.region = *region;
    const auto needle = std::find(d.needles.begin(), d.needles.end(), cell[11]);
    dot.needle = static_cast<int>(needle - d.needles.begin());
    if (needle == d.needles.end()) d.needles.push_back(cell[11]);
    sessions = std::max(sessions, dot.session);
    ++d.regions[static_cast<int>(dot.region)].dots;
    d.dots.push_back(dot);
  }
  d.sessions.assign(sessions, {});
  for (int s = 0; s < sessions; ++s) d.sessions[s].index = s + 1;
  for (const Dot& dot : d.dots) ++d.sessions[dot.session - 1].dots;
}

}  // namespace smp
