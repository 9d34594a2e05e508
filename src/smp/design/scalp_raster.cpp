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

// The cells of `rect` (those of `mask` only, if given), all off the scalp before; cells
// beyond reach_mm from the vertex stay off it.
void compute_cells(ScalpRaster& r, const TargetField& field, CellRect rect, double reach_mm,
                   const CellMask* mask = nullptr) {
  const ChartGrid& g = r.grid;
  const double chart_cell_mm2 = g.cell_mm * g.cell_mm;
  for (int row = rect.row0; row <= rect.row1; ++row)
    for (int col = rect.col0; col <= rect.col1; ++col) {
      if (mask && !mask->contains(col, row)) continue;
      const ChartPoint c = g.center(col, row);
      if (c.u_mm * c.u_mm + c.v_mm * c.v_mm > reach_mm * reach_mm) continue;
      const ScalpPoint p = ScalpPoint::at(field.map(), c);
      const FieldSample f = field.sample_point(p);
      if (!f.on_scalp) continue;
      const std::size_t i = r.index(col, row);
      r.region[i] = static_cast<std::int8_t>(f.region);
      r.skin_area_mm2[i] =
          static_cast<float>(field.map().area_scale(p.angles, p.trig) * chart_cell_mm2);
      r.coverage[i] = static_cast<float>(f.coverage);
      r.target_per_cm2[i] = static_cast<float>(f.target_per_cm2);
      r.scar[i] = f.on_scar();
      r.transition[i] = f.hairline_transition;
    }
}

void clear_cells(ScalpRaster& r, const CellMask& mask) {
  for (int row = mask.box.row0; row <= mask.box.row1; ++row)
    for (int col = mask.box.col0; col <= mask.box.col1; ++col) {
      if (!mask.contains(col, row)) continue;
      const std::size_t i = r.index(col, row);
      r.region[i] = -1;
      r.skin_area_mm2[i] = 0;
      r.coverage[i] = 1;
      r.target_per_cm2[i] = 0;
      r.scar[i] = r.transition[i] = 0;
    }
}

// The edge flags of the cells of `rect`.
void mark_boundaries(ScalpRaster& r, CellRect rect) {
  const int n = r.grid.size();
  auto attributes = [&](std::size_t i) {
    return r.scar[i] | (r.transition[i] << 1) | ((r.region[i] + 1) << 2);
  };
  for (int row = rect.row0; row <= rect.row1; ++row)
    for (int col = rect.col0; col <= rect.col1; ++col) {
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
  const double reach_mm = field.scalp_chart_radius_mm() + 1;  // 1 mm: the sampled outline
  const int tasks = (n + kRowsPerTask - 1) / kRowsPerTask;
  std::atomic<int> done{0};
  const std::thread::id caller = std::this_thread::get_id();
  parallel_for(threads, tasks, [&](int t) {
    throw_if_cancelled(stop);
    const int row0 = t * kRowsPerTask, row1 = std::min(n - 1, row0 + kRowsPerTask - 1);
    compute_cells(r, field, {0, row0, n - 1, row1}, reach_mm);
    const int finished = ++done;
    // Progress goes to the caller's thread only.
    if (progress && std::this_thread::get_id() == caller)
      progress(static_cast<double>(finished) / tasks);
  });
  mark_boundaries(r, {0, 0, n - 1, n - 1});
  if (progress) progress(1.0);
  return r;
}

void ScalpRaster::recompute(const TargetField& field, const CellMask& mask) {
  if (mask.box.empty()) return;
  clear_cells(*this, mask);
  compute_cells(*this, field, mask.box, field.scalp_chart_radius_mm() + 1, &mask);
  mark_boundaries(*this, mask.box.grown(1, grid.size()));
}

}  // namespace smp
