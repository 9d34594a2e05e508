#include "smp/design/scalp_raster.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "smp/base/cancellation.h"

namespace smp {

ScalpRaster ScalpRaster::compute(const TargetField& field, ChartGrid grid, int threads,
                                 const std::function<void(double)>& progress,
                                 const std::stop_token& stop) {
  ScalpRaster r;
  r.grid = grid;
  const int n = grid.size();
  const std::size_t cells = static_cast<std::size_t>(n) * n;
  r.region.assign(cells, -1);
  r.skin_area_mm2.assign(cells, 0);
  r.coverage.assign(cells, 1);
  r.target_per_cm2.assign(cells, 0);
  r.scar.assign(cells, 0);
  const double chart_cell_mm2 = grid.cell_mm * grid.cell_mm;
  std::atomic<int> next_row{0}, done_rows{0};
  auto work = [&](bool report) {
    for (int row; !stop.stop_requested() && (row = next_row++) < n;) {
      for (int col = 0; col < n; ++col) {
        const ChartPoint c = grid.center(col, row);
        const FieldSample f = field.sample(c);
        if (!f.on_scalp) continue;
        const std::size_t i = r.index(col, row);
        r.region[i] = static_cast<std::int8_t>(f.region);
        r.skin_area_mm2[i] = static_cast<float>(field.map().area_scale(c) * chart_cell_mm2);
        r.coverage[i] = static_cast<float>(f.coverage);
        r.target_per_cm2[i] = static_cast<float>(f.target_per_cm2);
        r.scar[i] = f.on_scar();
      }
      ++done_rows;
      if (report && progress && row % 16 == 0) progress(static_cast<double>(done_rows) / n);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(work, false);
  work(true);  // the calling thread works too, and reports progress
  for (auto& t : pool) t.join();
  throw_if_cancelled(stop);  // after the workers are joined: nothing partial escapes
  if (progress) progress(1.0);
  return r;
}

}  // namespace smp
