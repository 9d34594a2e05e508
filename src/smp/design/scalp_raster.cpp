#include "smp/design/scalp_raster.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "smp/base/cancellation.h"
#include "smp/base/parallel_for.h"

namespace smp {
namespace {

constexpr int kRowsPerTask = 16;

// The chart radius beyond which no azimuth is scalp.
double outline_reach_mm(const TargetField& field) {
  double max_polar = 0;
  for (int i = 0; i < 720; ++i)
    max_polar = std::max(max_polar, field.hairline().outline.polar_limit(-kPi + i * kPi / 360));
  return (max_polar + 0.01) * ScalpMap::kChartMmPerRadian;
}

void compute_cells(ScalpRaster& r, const TargetField& field, int col0, int col1, int row0,
                   int row1, double reach_mm) {
  const ChartGrid& g = r.grid;
  const double chart_cell_mm2 = g.cell_mm * g.cell_mm;
  for (int row = row0; row <= row1; ++row)
    for (int col = col0; col <= col1; ++col) {
      const std::size_t i = r.index(col, row);
      r.region[i] = -1, r.skin_area_mm2[i] = 0, r.coverage[i] = 1, r.target_per_cm2[i] = 0;
      r.scar[i] = 0, r.transition[i] = 0;
      const ChartPoint c = g.center(col, row);
      if (c.u_mm * c.u_mm + c.v_mm * c.v_mm > reach_mm * reach_mm) continue;
      const ScalpPoint p = ScalpPoint::at(field.map(), c);
      const FieldSample f = field.sample_point(p);
      if (!f.on_scalp) continue;
      r.region[i] = static_cast<std::int8_t>(f.region);
      r.skin_area_mm2[i] =
          static_cast<float>(field.map().area_scale(p.angles, p.trig) * chart_cell_mm2);
      r.coverage[i] = static_cast<float>(f.coverage);
      r.target_per_cm2[i] = static_cast<float>(f.target_per_cm2);
      r.scar[i] = f.on_scar();
      r.transition[i] = f.hairline_transition;
    }
}

void mark_boundaries(ScalpRaster& r, int col0, int col1, int row0, int row1) {
  const int n = r.grid.size();
  auto attributes = [&](std::size_t i) {
    return r.scar[i] | (r.transition[i] << 1) | ((r.region[i] + 1) << 2);
  };
  for (int row = std::max(0, row0); row <= std::min(n - 1, row1); ++row)
    for (int col = std::max(0, col0); col <= std::min(n - 1, col1); ++col) {
      const std::size_t i = r.index(col, row);
      const bool treated = r.target_per_cm2[i] > 0;
      const int a = attributes(i);
      std::uint8_t e = 0;
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          const int rr = row + dr, cc = col + dc;
          if (rr < 0 || cc < 0 || rr >= n || cc >= n) continue;
          const std::size_t k = r.index(cc, rr);
          if ((r.target_per_cm2[k] > 0) != treated) e |= ScalpRaster::kTreatedEdge;
          if (attributes(k) != a) e |= ScalpRaster::kAttributeEdge;
        }
      r.edges[i] = e;
    }
}

}  // namespace

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
  r.transition.assign(cells, 0);
  r.edges.assign(cells, 0);
  const double reach_mm = outline_reach_mm(field);
  const int tasks = (n + kRowsPerTask - 1) / kRowsPerTask;
  std::atomic<int> done{0};
  const std::thread::id caller = std::this_thread::get_id();
  parallel_for(threads, tasks, [&](int t) {
    throw_if_cancelled(stop);
    const int row0 = t * kRowsPerTask, row1 = std::min(n - 1, row0 + kRowsPerTask - 1);
    compute_cells(r, field, 0, n - 1, row0, row1, reach_mm);
    const int finished = ++done;
    // Progress goes to the caller's thread only.
    if (progress && std::this_thread::get_id() == caller)
      progress(static_cast<double>(finished) / tasks);
  });
  mark_boundaries(r, 0, n - 1, 0, n - 1);
  if (progress) progress(1.0);
  return r;
}

void ScalpRaster::recompute(const TargetField& field, int col0, int col1, int row0, int row1) {
  const int n = grid.size();
  col0 = std::max(0, col0), row0 = std::max(0, row0);
  col1 = std::min(n - 1, col1), row1 = std::min(n - 1, row1);
  compute_cells(*this, field, col0, col1, row0, row1, outline_reach_mm(field));
  mark_boundaries(*this, col0 - 1, col1 + 1, row0 - 1, row1 + 1);
}

}  // namespace smp
