// The target field sampled on a chart grid: region, skin area, coverage and target
// density per cell. Area integrals, candidate sampling and the scalp-map image use it.
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "smp/design/target_field.h"

namespace smp {

struct ScalpRaster {
  ChartGrid grid;
  std::vector<std::int8_t> region;   // -1 off the scalp
  std::vector<float> skin_area_mm2;  // skin area of the cell (0 off the scalp)
  std::vector<float> coverage;       // native hair
  std::vector<float> target_per_cm2;
  std::vector<std::uint8_t> scar;  // 1 on scar tissue

  // Rows are split over `threads` workers; the result does not depend on the count.
  // Throws Cancelled (base/cancellation.h) once `stop` is requested.
  static ScalpRaster compute(const TargetField& field, ChartGrid grid, int threads,
                             const std::function<void(double)>& progress = {},
                             const std::stop_token& stop = {});
  std::size_t index(int col, int row) const {
    return static_cast<std::size_t>(row) * grid.size() + col;
  }
};

}  // namespace smp
