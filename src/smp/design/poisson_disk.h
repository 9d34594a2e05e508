// Nested, variable-density Poisson-disk sampling on the scalp by dart throwing
// (Bridson 2007, with the candidates on the rim of the exclusion disk as in Roberts 2019),
// level by level: level 1 is a Poisson-disk set of the first session's density, each later
// level adds the points that bring it to its own density, never closer to any earlier point
// than its own spacing. So every level is blue noise on its own and later sessions fall
// between the dots of earlier ones. Distances are skin distances (3D, on the head), not
// chart distances: the chart stretches up to about twice towards its rim.
//
// The chart is cut into square tiles worked in four passes (a 2 x 2 colouring); tiles of
// one pass are farther apart than any exclusion disk reaches, so they are independent and
// run on any number of threads, each with its own random stream: same seed, same points.
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "smp/geometry/scalp_map.h"

namespace smp {

// The target the sampler fills, cell by cell on a chart raster: the cells of `window`
// (empty: the whole grid), row by row; nothing outside it.
struct PoissonDiskTarget {
  ChartGrid grid;
  CellRect window;
  std::vector<float> density_per_mm2;  // of the last level, per mm^2 of skin (0: no points)
  std::vector<float> skin_area_mm2;    // of the cell
  std::vector<float> diameter_mm;      // the largest impression a point in the cell can have
  // Cells a boundary crosses (the target's support, a region, a scar): a point there asks
  // `density_at` for the exact value instead of taking the cell's.
  std::vector<std::uint8_t> exact;
  std::function<double(ChartPoint)> density_at;
  // Cells new points may go in (empty: all). Re-planning fills only the changed band.
  std::vector<std::uint8_t> fill;
  // Count groups (the planner's regions; -1: none, empty: no counting): each group's
  // points at every level are its cells' density x area x the level's fraction, rounded.
  std::vector<std::int8_t> group;
  double min_gap_mm = 0.25;  // impressions: centres at least mean diameter + gap apart
};

struct DiskSample {
  ChartPoint chart;
  Vec3 head_mm;
  int level = 1;  // the first level that holds it (1-based)
  float diameter_mm = 0;
};

struct PoissonDiskOptions {
  int threads = 1;  // the points do not depend on it
  std::stop_token stop;
};

// Spacing at each level relative to the hexagonal spacing of the level's density,
// sqrt(2 / (sqrt(3) D)): set (bench/spacing-quality.py) a little closer than the level's
// density needs, so that the
// fill holds a few percent more and trimming to the exact count removes only the most
// crowded points. A count group the fill leaves short is topped up at 0.9 of the spacing.
double relative_radius(int level);

// Fills the target's cells at the cumulative fractions of the last level's density (for
// example 0.3, 0.7, 1), around the `fixed` points (kept as they are, with their levels).
// Returns the new points, in a deterministic order. Throws Cancelled once `stop` is requested.
std::vector<DiskSample> sample_poisson_disk(const ScalpMap& map, const PoissonDiskTarget& target,
                                            const std::vector<double>& cumulative_fractions,
                                            const std::vector<DiskSample>& fixed,
                                            unsigned long long seed,
                                            const PoissonDiskOptions& options = {});

}  // namespace smp
