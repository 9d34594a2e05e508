// The target field sampled on a chart grid: region, skin area, coverage and target
// density per cell. Area integrals, the planner's densities and the scalp-map image use it.
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "smp/design/target_field.h"

namespace smp {

// Some cells of a grid: those set in `cells`, row by row over `box`.
struct CellMask {
  CellRect box;
  std::vector<std::uint8_t> cells;
  static CellMask all_of(CellRect box) {
    return {box, std::vector<std::uint8_t>(static_cast<std::size_t>(box.col1 - box.col0 + 1) *
                                               (box.row1 - box.row0 + 1),
                                           1)};
  }
  bool contains(int col, int row) const {
    return col >= box.col0 && col <= box.col1 && row >= box.row0 && row <= box.row1 &&
           cells[static_cast<std::size_t>(row - box.row0) * (box.col1 - box.col0 + 1) + (col - box.col0)];
  }
};

struct ScalpRaster {
  ChartGrid grid;
  std::vector<std::int8_t> region;   // -1 off the scalp
  std::vector<float> skin_area_mm2;  // skin area of the cell (0 off the scalp)
  std::vector<float> coverage;       // native hair
  std::vector<float> target_per_cm2;
  std::vector<std::uint8_t> scar;        // 1 on scar tissue
  std::vector<std::uint8_t> transition;  // 1 in the hairline's transition zone (fine needle)
  // Where a boundary may cross the cell (it or one of its eight neighbours differs from
  // the others), a point there asks the field itself rather than take the cell's values.
  enum Edge : std::uint8_t {
    kTreatedEdge = 1,    // treated or not: the density drops to zero
    kAttributeEdge = 2,  // region, scar or hairline transition
  };
  std::vector<std::uint8_t> edges;  // Edge bits

  // Rows are split over `threads` workers; the result does not depend on the count.
  // Throws Cancelled (base/cancellation.h) once `stop` is requested.
  static ScalpRaster compute(const TargetField& field, ChartGrid grid, int threads,
                             const std::function<void(double)>& progress = {},
                             const std::stop_token& stop = {});
  // The cells of `mask` again for a changed field (an edit), and the edge flags of the
  // cells next to them; the rest is kept. Equal to compute() wherever the field did not
  // change outside the mask.
  void recompute(const TargetField& field, const CellMask& mask);
  std::size_t index(int col, int row) const {
    return static_cast<std::size_t>(row) * grid.size() + col;
  }
  // The cell holding a chart point inside the grid.
  std::size_t index_of(ChartPoint c) const { return index(grid.col_of(c.u_mm), grid.row_of(c.v_mm)); }
};

}  // namespace smp
