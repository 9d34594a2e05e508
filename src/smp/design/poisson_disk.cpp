#include "smp/design/poisson_disk.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "smp/base/cancellation.h"
#include "smp/base/parallel_for.h"
#include "smp/base/random.h"

namespace smp {
namespace {

constexpr double kTileMm = 32;  // chart mm; wider than any exclusion disk reaches
// Tries on the rim of an active point's disk before it retires. Roberts (2019) puts them
// evenly round the rim just outside the exclusion radius: fewer tries than Bridson's 30
// random ones in the annulus, and a denser, more even fill. 16 fill 12 % more of the
// area than 8 (bench/spacing-quality.py), which the final spacing needs.
constexpr int kTries = 16;
constexpr double kRimWidth = 0.08;  // tries at 1.00-1.08 of the exclusion radius
// Chart distances are skin distances times up to 1 / (smallest stretch of the chart).
// The stretch is taken at the active point; over one disk it changes by less than this.
constexpr double kStretchMargin = 1.15;
constexpr double kJacobianStepMm = 0.05;
// Tries this close to their active point take their head point from its tangent plane
// (off the skin by at most 3^2 / (2 x 60 mm), the head's tightest curvature: 0.08 mm, and
// 5 um at a 0.75 mm spacing) and its chart stretch; farther tries, in sparse areas, are
// placed on the head exactly and read the grid with the tile's largest stretch.
constexpr double kTangentPlaneReachMm = 3;

// Tries may ask for up to this much more room than their active point (a falling
// density); beyond it they read the grid.
constexpr double kGatherSlack = 1.3;
// Spacing of a top-up fill relative to the level's.
constexpr double kTopUpSpacing = 0.9;
// Relaxation of the final set (after the last level's trim): a few Gauss-Seidel sweeps in
// which every new point steps away from its neighbours within kRelaxReach spacings, with
// weight (1 - d / reach)^2, by kRelaxStep spacings per unit of push and at most
// kRelaxMaxStep; a step that would break an exclusion radius, the no-merge rule or leave
// the point's count group is not taken. Set by bench/spacing-quality.py: the shortest and
// mean neighbour distances of dart throwing rise towards a relaxed pattern's without the
// lattice that full relaxation (Lloyd) grows.
constexpr int kRelaxSweeps = 3;
constexpr double kRelaxReach = 1.25;
constexpr double kRelaxStep = 0.3;
constexpr double kRelaxMaxStep = 0.15;
// Then a last sweep parts the few pairs still closer than kRelaxFloor spacings (points
// boxed in by their neighbours): the closer of each steps straight away from the other.
constexpr double kRelaxFloor = 0.68;

// The crowding weight (1 - d / 2r)^8 of Yuksel (2015) at distance d, given 2r.
double falloff(double d, double two_r) {
  const double t = 1 - d / two_r;
  if (t <= 0) return 0;
  const double t2 = t * t, t4 = t2 * t2;
  return t4 * t4;
}

// Hexagonal spacing of a density: the distance of neighbours in a triangular lattice.
double hex_spacing_mm(double density_per_mm2) {
  return density_per_mm2 > 0 ? std::sqrt(2 / (std::sqrt(3.0) * density_per_mm2)) : 0;
}

// The tangent plane at a point: an orthonormal frame on the skin, the chart offset per
// skin mm along each of its axes (the inverse of the chart's Jacobian in that frame), and
// the largest chart mm per skin mm. A try at skin distance d in direction a lies at
// chart offset d * inv * (cos a, sin a) and, to within d^2 / (2 x the head's radius of
// curvature) (3 um for a 0.75 mm spacing), at head point p + d (cos a t1 + sin a t2).
struct ChartFrame {
  Vec3 t1, t2;
  double inv[3];  // upper triangular 2 x 2: [[inv0, inv1], [0, inv2]]
  double stretch;
};

ChartFrame chart_frame(const ScalpMap& map, ChartPoint c, Vec3 p) {
  const Vec3 pu = (1 / kJacobianStepMm) * (map.head_point({c.u_mm + kJacobianStepMm, c.v_mm}) - p);
  const Vec3 pv = (1 / kJacobianStepMm) * (map.head_point({c.u_mm, c.v_mm + kJacobianStepMm}) - p);
  // J = Q L with L = [[a, b], [0, d]] upper triangular (Gram-Schmidt on pu, pv).
  const double a = length(pu), b = dot(pv, pu) / a;
  const double d = std::sqrt(std::max(dot(pv, pv) - b * b, 1e-12));
  ChartFrame f;
  f.t1 = (1 / a) * pu;
  f.t2 = (1 / d) * (pv - b * f.t1);
  f.inv[0] = 1 / a;
  f.inv[1] = -b / (a * d);
  f.inv[2] = 1 / d;
  // Smallest singular value of L from the eigenvalues of L^T L.
  const double tr = a * a + b * b + d * d, det = a * a * d * d;
  const double smallest =
      std::sqrt(std::max((tr - std::sqrt(std::max(tr * tr - 4 * det, 0.0))) / 2, 1e-12));
  f.stretch = 1 / smallest;
  return f;
}

struct Node {
  float x, y, z, diameter_mm;
  float u_mm, v_mm;   // on the chart, for the neighbour cells
  float spacing_mm;   // of the target where it lies
  std::int32_t next;  // the next node of the same cell in this tile, -1 at the end
  std::int8_t level;  // 0: trimmed away
  std::int8_t group;  // the target's count group where it lies (-1: none)
};

float distance_mm(const Node& a, const Node& b) {
  const float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

struct Active {
  ChartPoint chart;
  Vec3 head_mm;
  double spacing_mm;
  ChartFrame frame;
};

class Sampler {
 public:
  Sampler(const ScalpMap& map, const PoissonDiskTarget& t, const std::vector<double>& fractions,
          unsigned long long seed)
      : map_(map), t_(t), fractions_(fractions), seed_(seed) {
    tiles_per_side_ = static_cast<int>(std::ceil(t.grid.half_extent_mm / kTileMm)) * 2;
    half_extent_mm_ = tiles_per_side_ * kTileMm / 2;
    tiles_.resize(static_cast<std::size_t>(tiles_per_side_) * tiles_per_side_);
    spacing_.resize(t.density_per_mm2.size());
    for (std::size_t i = 0; i < spacing_.size(); ++i)
      if ((spacing_[i] = static_cast<float>(hex_spacing_mm(t.density_per_mm2[i]))) > 0)
        smallest_spacing_mm_ = std::min(smallest_spacing_mm_, spacing_[i]);
    for (float d : t.diameter_mm) max_diameter_mm_ = std::max(max_diameter_mm_, d);
    window_ = t.window.empty() ? CellRect{0, 0, t.grid.size() - 1, t.grid.size() - 1} : t.window;
    window_cols_ = window_.col1 - window_.col0 + 1;
    window_rows_ = window_.row1 - window_.row0 + 1;
    inv_raster_mm_ = 1 / t.grid.cell_mm;
    for (std::int8_t g : t.group) groups_ = std::max(groups_, g + 1);
    expected_.assign(groups_, 0);
    for (std::size_t i = 0; i < t.group.size(); ++i)
      if (t.group[i] >= 0 && (t.fill.empty() || t.fill[i]))
        expected_[t.group[i]] += static_cast<double>(t.density_per_mm2[i]) * t.skin_area_mm2[i];
    for (std::size_t l = 0; l < fractions.size(); ++l)
      radius_factor_.push_back(relative_radius(static_cast<int>(l) + 1) / std::sqrt(fractions[l]));
  }

  void add_fixed(const DiskSample& s) {
    Tile& t = tiles_[tile_of(s.chart)];
    t.nodes.push_back(node_of(s, 0));
    ++t.fixed;
  }

  // Level `level` (1-based) in four passes of independent tiles.
  void fill_level(int level, const PoissonDiskOptions& o) {
    index_for_level(level);
    fill_passes(level, o);
    std::vector<long> surplus = trim_level(level);
    // A group the fill left short (small patches, steep edges) is filled again at a
    // slightly closer spacing, then trimmed to its count.
    top_up_.assign(groups_, 0);
    bool short_of_points = false;
    for (int g = 0; g < groups_; ++g) short_of_points |= (top_up_[g] = surplus[g] < 0);
    if (!short_of_points) return;
    const double kept = radius_factor_[level - 1];
    radius_factor_[level - 1] *= kTopUpSpacing;
    fill_passes(level, o);
    radius_factor_[level - 1] = kept;
    trim_level(level);
    top_up_.clear();
  }

  void fill_passes(int level, const PoissonDiskOptions& o) {
    for_each_pass(o, [&](int tile) { fill_tile(tile, level); });
  }

  // f(tile) for every tile, in four passes of independent tiles (a 2 x 2 colouring).
  template <class F>
  void for_each_pass(const PoissonDiskOptions& o, F&& f) {
    for (int pass = 0; pass < 4; ++pass) {
      std::vector<int> tiles;
      for (int ty = pass / 2; ty < tiles_per_side_; ty += 2)
        for (int tx = pass % 2; tx < tiles_per_side_; tx += 2)
          tiles.push_back(ty * tiles_per_side_ + tx);
      parallel_for(o.threads, static_cast<int>(tiles.size()), [&](int k) {
        throw_if_cancelled(o.stop);
        f(tiles[k]);
      });
    }
  }

  // Each count group keeps exactly its share of the level's cumulative count: the fill
  // places a few percent more (relative_radius), and the most crowded of the level's new
  // points go, one by one, by the crowding weight of Yuksel (2015): the sum of
  // (1 - d / 2r)^8 over the neighbours within 2r.
  // Returns each group's surplus left (negative: short).
  std::vector<long> trim_level(int level) {
    if (groups_ == 0) return {};
    const double f = fractions_[level - 1];
    std::vector<long> surplus(groups_, 0);
    for (int g = 0; g < groups_; ++g) surplus[g] = -std::lround(f * expected_[g]);
    for (const Tile& t : tiles_)
      for (std::size_t k = t.fixed; k < t.nodes.size(); ++k)
        if (t.nodes[k].level != 0 && t.nodes[k].group >= 0) ++surplus[t.nodes[k].group];
    auto radius = [&](const Node& n) { return 2 * radius_factor_[level - 1] * n.spacing_mm; };
    struct Entry {
      float weight;
      int tile;
      std::int32_t k;
      bool operator<(const Entry& o) const {
        return weight < o.weight ||
               (weight == o.weight && (tile < o.tile || (tile == o.tile && k < o.k)));
      }
    };
    std::vector<std::vector<Entry>> heaps(groups_);
    for (int ti = 0; ti < static_cast<int>(tiles_.size()); ++ti) {
      Tile& t = tiles_[ti];
      t.weight.assign(t.nodes.size(), 0);
      for (std::size_t k = t.fixed; k < t.nodes.size(); ++k) {
        const Node& n = t.nodes[k];
        if (n.level != level || n.group < 0 || surplus[n.group] <= 0) continue;
        const double r2 = radius(n);
        double w = 0;
        for_each_node({n.u_mm, n.v_mm},
                      std::min(r2 * t.stretch * kStretchMargin, kTileMm - cell_mm_),
                      [&](const Node& m, int, std::int32_t) {
                        if (m.level == 0 || &m == &n) return true;
                        if (const double d = distance_mm(m, n); d < r2) w += falloff(d, r2);
                        return true;
                      });
        t.weight[k] = static_cast<float>(w);
        heaps[n.group].push_back({t.weight[k], ti, static_cast<std::int32_t>(k)});
      }
    }
    for (int g = 0; g < groups_; ++g) {
      std::vector<Entry>& heap = heaps[g];
      std::make_heap(heap.begin(), heap.end());
      while (surplus[g] > 0 && !heap.empty()) {
        std::pop_heap(heap.begin(), heap.end());
        Entry e = heap.back();
        heap.pop_back();
        Tile& t = tiles_[e.tile];
        if (t.weight[e.k] < e.weight) {  // lowered since it was queued
          e.weight = t.weight[e.k];
          heap.push_back(e);
          std::push_heap(heap.begin(), heap.end());
          continue;
        }
        Node& gone = t.nodes[e.k];
        gone.level = 0;
        --surplus[g];
        // Neighbours with a wider disk than the removed point's reach it from farther.
        const double reach = kGatherSlack * radius(gone);
        for_each_node({gone.u_mm, gone.v_mm},
                      std::min(reach * t.stretch * kStretchMargin, kTileMm - cell_mm_),
                      [&](const Node& m, int tile, std::int32_t k) {
                        if (m.level != level) return true;
                        const double r2 = radius(m);
                        if (const double d = distance_mm(m, gone); d < r2)
                          tiles_[tile].weight[k] -= static_cast<float>(falloff(d, r2));
                        return true;
                      });
      }
    }
    return surplus;
  }

  // The final set relaxed (kRelaxSweeps), point by point in tile order: the same points on
  // any thread count.
  void relax(const PoissonDiskOptions& o) {
    const int levels = static_cast<int>(radius_factor_.size());
    for (int sweep = 0; sweep <= kRelaxSweeps; ++sweep) {
      index_for_level(levels);
      const bool parting = sweep == kRelaxSweeps;
      for_each_pass(o, [&](int tile) {
        Neighbourhood near;
        for (std::size_t k = tiles_[tile].fixed; k < tiles_[tile].nodes.size(); ++k)
          parting ? part_node(tile, k, near) : relax_node(tile, k, near);
      });
    }
  }

  // The new points, level by level and tile by tile: the same order on any thread count.
  std::vector<DiskSample> take_new() {
    std::vector<DiskSample> out;
    for (std::size_t l = 1; l <= fractions_.size(); ++l)
      for (const Tile& tile : tiles_)
        for (std::size_t k = 0; k < tile.added.size(); ++k)
          if (tile.added[k].level == static_cast<int>(l) && tile.nodes[tile.fixed + k].level != 0)
            out.push_back(tile.added[k]);
    return out;
  }

 private:
  struct Tile {
    std::vector<Node> nodes;
    std::vector<DiskSample> added;
    std::size_t fixed = 0;      // nodes[0, fixed) are the fixed points, then added[k - fixed]
    std::vector<float> weight;  // crowding of the nodes, while trimming
    bool scanned = false, live = false;  // live: holds target cells to fill
    double stretch = 1;                  // the largest chart mm per skin mm in it
  };

  int tile_of(ChartPoint c) const {
    constexpr double kPerTile = 1 / kTileMm;
    const int tx =
        std::clamp(static_cast<int>((c.u_mm + half_extent_mm_) * kPerTile), 0, tiles_per_side_ - 1);
    const int ty =
        std::clamp(static_cast<int>((half_extent_mm_ - c.v_mm) * kPerTile), 0, tiles_per_side_ - 1);
    return ty * tiles_per_side_ + tx;
  }
  int cell_col(double u) const {
    return std::clamp(static_cast<int>((u + half_extent_mm_) * inv_cell_mm_), 0,
                      cells_per_side_ - 1);
  }
  int cell_row(double v) const {
    return std::clamp(static_cast<int>((half_extent_mm_ - v) * inv_cell_mm_), 0,
                      cells_per_side_ - 1);
  }
  std::size_t cell_of(double u, double v) const {
    return static_cast<std::size_t>(cell_row(v)) * cells_per_side_ + cell_col(u);
  }

  // Neighbour cells about as wide as the level's smallest exclusion radius: a query then
  // reads a few cells of about one point each, at every level.
  void index_for_level(int level) {
    const double radius = radius_factor_[level - 1] * std::min(smallest_spacing_mm_, 8.0f);
    cells_per_tile_ = std::clamp(static_cast<int>(kTileMm / std::max(radius, 0.25)), 1, 128);
    cell_mm_ = kTileMm / cells_per_tile_;
    inv_cell_mm_ = 1 / cell_mm_;
    cells_per_side_ = tiles_per_side_ * cells_per_tile_;
    head_.assign(static_cast<std::size_t>(cells_per_side_) * cells_per_side_, -1);
    tile_of_cell_.resize(cells_per_side_);
    for (int i = 0; i < cells_per_side_; ++i) tile_of_cell_[i] = i / cells_per_tile_;
    for (Tile& t : tiles_)
      for (std::size_t k = 0; k < t.nodes.size(); ++k) link(t, k);
  }
  void link(Tile& t, std::size_t k) {
    const std::size_t cell = cell_of(t.nodes[k].u_mm, t.nodes[k].v_mm);
    t.nodes[k].next = head_[cell];
    head_[cell] = static_cast<std::int32_t>(k);
  }

  Node node_of(const DiskSample& s, double spacing_mm) const {
    std::int8_t group = -1;
    if (const std::size_t cell = raster_cell(s.chart); cell != kOutside && !t_.group.empty())
      group = t_.group[cell];
    return {static_cast<float>(s.head_mm.x),   static_cast<float>(s.head_mm.y),
            static_cast<float>(s.head_mm.z),   s.diameter_mm,
            static_cast<float>(s.chart.u_mm),  static_cast<float>(s.chart.v_mm),
            static_cast<float>(spacing_mm),    -1,
            static_cast<std::int8_t>(s.level), group};
  }
  void insert(int tile, const DiskSample& s, double spacing_mm) {
    Tile& t = tiles_[tile];
    t.nodes.push_back(node_of(s, spacing_mm));
    link(t, t.nodes.size() - 1);
  }
  static constexpr std::size_t kOutside = ~std::size_t{0};
  std::size_t raster_cell(ChartPoint q) const {
    const double fc = (q.u_mm + t_.grid.half_extent_mm) * inv_raster_mm_ - window_.col0,
                 fr = (t_.grid.half_extent_mm - q.v_mm) * inv_raster_mm_ - window_.row0;
    if (fc < 0 || fr < 0 || fc >= window_cols_ || fr >= window_rows_) return kOutside;
    return static_cast<std::size_t>(fr) * window_cols_ + static_cast<std::size_t>(fc);
  }

  struct Placed {
    DiskSample sample;
    double spacing_mm;
  };
  // The points within radius_mm of a centre, gathered once for all the tries around one
  // active point: each try then reads a short array instead of the grid.
  struct Neighbourhood {
    Vec3 centre;
    double radius_mm = 0;
    struct Near {
      Node node;
      float d2;  // from the centre
    };
    std::vector<Near> nodes;
  };
  using Near = Neighbourhood::Near;
  void gather(Neighbourhood& n, ChartPoint c, Vec3 centre, double radius_mm, double stretch) const {
    // The grid is read no farther than the tiles reach: beyond, the gathered points
    // cover only what that reach holds (a try from a sparse point into a denser area).
    const double reach = std::min(radius_mm * stretch * kStretchMargin, kTileMm - cell_mm_);
    radius_mm = std::min(radius_mm, reach / (stretch * kStretchMargin));
    n.centre = centre;
    n.radius_mm = radius_mm;
    n.nodes.clear();
    const float r2 = static_cast<float>(radius_mm * radius_mm);
    for_each_node(c, reach, [&](const Node& node, int, std::int32_t) {
      const float dx = node.x - static_cast<float>(centre.x),
                  dy = node.y - static_cast<float>(centre.y),
                  dz = node.z - static_cast<float>(centre.z);
      if (const float d2 = dx * dx + dy * dy + dz * dz; d2 <= r2) n.nodes.push_back({node, d2});
      return true;
    });
    // Nearest first: a try that fails, fails on one of the active point's nearest.
    std::sort(n.nodes.begin(), n.nodes.end(),
              [](const Near& a, const Near& b) { return a.d2 < b.d2; });
  }

  // f(node) for the nodes of the cells within chart distance `reach` of c, while f is true.
  template <class F>
  bool for_each_node(ChartPoint c, double reach, F&& f) const {
    const int c0 = cell_col(c.u_mm - reach), c1 = cell_col(c.u_mm + reach);
    const int r0 = cell_row(c.v_mm + reach), r1 = cell_row(c.v_mm - reach);
    for (int r = r0; r <= r1; ++r) {
      const int tile_row = tile_of_cell_[r] * tiles_per_side_;
      for (int col = c0; col <= c1; ++col) {
        const int tile = tile_row + tile_of_cell_[col];
        const Tile& t = tiles_[tile];
        for (std::int32_t k = head_[static_cast<std::size_t>(r) * cells_per_side_ + col]; k >= 0;) {
          const Node& n = t.nodes[k];
          if (!f(n, tile, k)) return false;
          k = n.next;
        }
      }
    }
    return true;
  }

  // A new point of `tile` at level `level`, or nothing if the target has none there or an
  // existing point is too close. q_head: the head point of q, or where the tangent plane
  // puts it (exact: false). near: the points around the active point q was tried from.
  bool try_place(int tile, int level, ChartPoint q, Vec3 q_head, bool exact, double stretch,
                 double thin_cap_mm, Random& rng, const Neighbourhood* near, Placed& out) const {
    if (tile_of(q) != tile) return false;
    const std::size_t cell = raster_cell(q);
    if (cell == kOutside) return false;
    if (!t_.fill.empty() && !t_.fill[cell]) return false;
    if (!top_up_.empty() && (t_.group.empty() || t_.group[cell] < 0 || !top_up_[t_.group[cell]]))
      return false;
    double spacing = spacing_in(cell, q);
    if (spacing <= 0) return false;
    // Beyond the tiles' reach the density is kept on average by thinning: a point
    // survives with the ratio of the densities.
    if (spacing > thin_cap_mm) {
      const double keep = (thin_cap_mm / spacing) * (thin_cap_mm / spacing);
      if (rng.uniform() >= keep) return false;
      spacing = thin_cap_mm;
    }
    const double diameter = t_.diameter_mm[cell];
    const int levels = static_cast<int>(radius_factor_.size());
    std::array<double, 8> need2{};  // squared exclusion radius against a point of level l
    for (int l = level; l <= levels; ++l) {
      const double r = radius_factor_[l - 1] * spacing;
      need2[l - 1] = r * r;
    }
    for (int l = 1; l < level; ++l) need2[l - 1] = need2[level - 1];
    const double merge_reach = 0.5 * (diameter + max_diameter_mm_) + t_.min_gap_mm;
    const double reach_skin_mm = std::max(radius_factor_[level - 1] * spacing, merge_reach);
    const double reach = std::min(reach_skin_mm * stretch * kStretchMargin, kTileMm - cell_mm_);
    if (near && distance(q_head, near->centre) + reach_skin_mm <= near->radius_mm) {
      for (const Near& n : near->nodes)
        if (conflicts(n.node, q_head, diameter, need2)) return false;
    } else if (!for_each_node(q, reach, [&](const Node& n, int, std::int32_t) {
                 return !conflicts(n, q_head, diameter, need2);
               })) {
      return false;
    }
    Vec3 p = q_head;
    if (!exact) {
      // Placed: its true head point, checked again where the tangent plane's few um could
      // decide whether two impressions merge.
      p = map_.head_point(q);
      if (merge_reach > 0.95 * radius_factor_[levels - 1] * spacing &&
          !for_each_node(q, reach, [&](const Node& n, int, std::int32_t) {
            return !conflicts(n, p, diameter, need2);
          }))
        return false;
    }
    out.sample = {q, p, level, static_cast<float>(diameter)};
    out.spacing_mm = spacing;
    return true;
  }

  // The target's spacing at q in its raster cell (0: none), and at any q (0: outside too).
  double spacing_in(std::size_t cell, ChartPoint q) const {
    return t_.exact[cell] ? hex_spacing_mm(t_.density_at(q)) : spacing_[cell];
  }
  double lookup_spacing(ChartPoint q) const {
    const std::size_t cell = raster_cell(q);
    return cell == kOutside ? 0 : spacing_in(cell, q);
  }

  // Whether a point at p of this diameter would be too close to node n.
  bool conflicts(const Node& n, Vec3 p, double diameter, const std::array<double, 8>& need2) const {
    if (n.level == 0) return false;
    const float dx = n.x - static_cast<float>(p.x), dy = n.y - static_cast<float>(p.y),
                dz = n.z - static_cast<float>(p.z);
    const double d2 = dx * dx + dy * dy + dz * dz;
    const double merge = 0.5 * (diameter + n.diameter_mm) + t_.min_gap_mm;
    return d2 < need2[n.level - 1] || d2 < merge * merge;
  }

  void fill_tile(int tile, int level) {
    const int tx = tile % tiles_per_side_, ty = tile / tiles_per_side_;
    const double u0 = -half_extent_mm_ + tx * kTileMm, v0 = half_extent_mm_ - ty * kTileMm;
    // Raster cells of this tile.
    const ChartGrid& g = t_.grid;
    const int col0 = std::max(window_.col0, g.col_of(std::max(u0, -g.half_extent_mm + 1e-9))),
              col1 =
                  std::min(window_.col1, g.col_of(std::min(u0 + kTileMm, g.half_extent_mm - 1e-9)));
    const int row0 = std::max(window_.row0, g.row_of(std::min(v0, g.half_extent_mm - 1e-9))),
              row1 = std::min(window_.row1,
                              g.row_of(std::max(v0 - kTileMm, -g.half_extent_mm + 1e-9)));
    if (col1 < col0 || row1 < row0) return;
    auto index = [&](int r, int c) {
      return static_cast<std::size_t>(r - window_.row0) * window_cols_ + (c - window_.col0);
    };
    Tile& t = tiles_[tile];
    if (!t.scanned) {
      t.scanned = true;
      for (int r = row0; r <= row1 && !t.live; ++r)
        for (int c = col0; c <= col1 && !t.live; ++c) {
          const std::size_t i = index(r, c);
          t.live = (spacing_[i] > 0 || t_.exact[i]) && (t_.fill.empty() || t_.fill[i]);
        }
      // The tile's largest stretch (for seeds).
      for (int i = 0; i <= 4 && t.live; ++i)
        for (int j = 0; j <= 4; ++j) {
          const ChartPoint c{u0 + kTileMm * i / 4, v0 - kTileMm * j / 4};
          t.stretch = std::max(t.stretch, chart_frame(map_, c, map_.head_point(c)).stretch);
        }
    }
    if (!t.live) return;
    Random rng(seed_, Random::Stream::candidates,
               static_cast<std::uint64_t>(tile) * 16 + static_cast<std::uint64_t>(level));
    // The spacing whose disk still stays within the tiles' reach.
    const double tile_stretch = t.stretch;
    double widest = 0;
    for (double f : radius_factor_) widest = std::max(widest, f);
    const double thin_cap_mm = (kTileMm - cell_mm_) / (widest * tile_stretch * kStretchMargin);

    std::vector<Active> active;
    Neighbourhood near;
    auto accept = [&](const Placed& pl) {
      insert(tile, pl.sample, pl.spacing_mm);
      t.added.push_back(pl.sample);
      active.push_back({pl.sample.chart, pl.sample.head_mm, pl.spacing_mm,
                        chart_frame(map_, pl.sample.chart, pl.sample.head_mm)});
    };
    const double step_cos = std::cos(2 * kPi / kTries), step_sin = std::sin(2 * kPi / kTries);
    auto grow = [&] {
      while (!active.empty()) {
        const std::size_t pick = rng.next() % active.size();
        const Active a = active[pick];
        const double r = radius_factor_[level - 1] * a.spacing_mm;
        const bool local = r * (1 + kRimWidth) <= kTangentPlaneReachMm;
        if (local)
          gather(near, a.chart, a.head_mm,
                 r * (1 + kRimWidth) + std::max(kGatherSlack * r, max_diameter_mm_ + t_.min_gap_mm),
                 a.frame.stretch);
        const double angle = 2 * kPi * rng.uniform();
        double ca = std::cos(angle), sa = std::sin(angle);
        bool placed = false;
        for (int k = 0; k < kTries && !placed; ++k) {
          const double rim = 1 + kRimWidth * rng.uniform();
          double rho = r * rim;
          ChartPoint q{a.chart.u_mm + rho * (a.frame.inv[0] * ca + a.frame.inv[1] * sa),
                       a.chart.v_mm + rho * a.frame.inv[2] * sa};
          // Towards a lower density the try's own disk is wider than its parent's: move it
          // out to its own radius, or the parent alone would refuse it.
          if (const double rq =
                  radius_factor_[level - 1] * std::min(lookup_spacing(q), thin_cap_mm);
              rq > r && rq < kGatherSlack * r) {
            rho = rq * rim;
            q = {a.chart.u_mm + rho * (a.frame.inv[0] * ca + a.frame.inv[1] * sa),
                 a.chart.v_mm + rho * a.frame.inv[2] * sa};
          }
          Placed pl;
          const bool placed_here =
              rho <= kTangentPlaneReachMm
                  ? try_place(tile, level, q, a.head_mm + rho * (ca * a.frame.t1 + sa * a.frame.t2),
                              false, a.frame.stretch, thin_cap_mm, rng, local ? &near : nullptr, pl)
                  : try_place(tile, level, q, map_.head_point(q), true,
                              std::max(a.frame.stretch, tile_stretch), thin_cap_mm, rng, nullptr,
                              pl);
          if (placed_here) {
            accept(pl);
            placed = true;
          }
          const double c2 = ca * step_cos - sa * step_sin;
          sa = sa * step_cos + ca * step_sin;
          ca = c2;
        }
        if (!placed) {
          active[pick] = active.back();
          active.pop_back();
        }
      }
    };
    // Seeds: one dart in every other raster cell (row-major), each grown to the end
    // before the next; the later darts land in what growth left empty.
    for (int r = row0; r <= row1; r += 2)
      for (int c = col0; c <= col1; c += 2) {
        const std::size_t i = index(r, c);
        if (!(spacing_[i] > 0 || t_.exact[i]) || (!t_.fill.empty() && !t_.fill[i])) continue;
        const ChartPoint centre = g.center(c, r);
        const ChartPoint q{centre.u_mm + (rng.uniform() - 0.5) * g.cell_mm,
                           centre.v_mm + (rng.uniform() - 0.5) * g.cell_mm};
        // A neighbour cell that holds a point is covered: no dart (but topping up looks
        // for room between the points).
        if (top_up_.empty() && head_[cell_of(q.u_mm, q.v_mm)] >= 0) continue;
        Placed pl;
        if (try_place(tile, level, q, map_.head_point(q), true, tile_stretch, thin_cap_mm, rng,
                      nullptr, pl)) {
          accept(pl);
          grow();
        }
      }
  }

  // The chart reach of a relaxing point's neighbours: points moved in this sweep may have
  // left their grid cells by up to a step.
  double relax_search_mm(const Tile& t, double spacing_mm) const {
    return std::min((kRelaxReach + 2 * kRelaxMaxStep) * spacing_mm * t.stretch * kStretchMargin,
                    kTileMm - cell_mm_);
  }

  // The live points within the relaxation's reach of node k, gathered once for its push
  // and its checks (only the node itself moves in between).
  void gather_for_relax(int tile, std::size_t k, Neighbourhood& near) const {
    const Tile& t = tiles_[tile];
    const Node& n = t.nodes[k];
    near.nodes.clear();
    for_each_node({n.u_mm, n.v_mm}, relax_search_mm(t, n.spacing_mm),
                  [&](const Node& m, int, std::int32_t) {
                    if (&m == &n || m.level == 0) return true;
                    const float dx = n.x - m.x, dy = n.y - m.y, dz = n.z - m.z;
                    near.nodes.push_back({m, dx * dx + dy * dy + dz * dz});
                    return true;
                  });
  }

  void relax_node(int tile, std::size_t k, Neighbourhood& near) {
    const Node& n = tiles_[tile].nodes[k];
    if (n.level == 0 || n.spacing_mm <= 0) return;
    const double s = n.spacing_mm, reach_mm = kRelaxReach * s;
    gather_for_relax(tile, k, near);
    float fx = 0, fy = 0, fz = 0;
    const float reach2 = static_cast<float>(reach_mm * reach_mm);
    for (const Near& m : near.nodes) {
      if (m.d2 >= reach2 || m.d2 <= 0) continue;
      const float d = std::sqrt(m.d2), w = 1 - d / static_cast<float>(reach_mm), f = w * w / d;
      fx += f * (n.x - m.node.x), fy += f * (n.y - m.node.y), fz += f * (n.z - m.node.z);
    }
    double step = kRelaxStep * s;
    const double push = std::sqrt(fx * fx + fy * fy + fz * fz);
    if (push * step > kRelaxMaxStep * s) step = kRelaxMaxStep * s / push;
    if (push * step < 0.005 * s) return;
    // A step that is refused is tried again at half the length.
    for (int attempt = 0; attempt < 2; ++attempt, step /= 2)
      if (try_relax_step(tile, k, near, step * fx, step * fy, step * fz)) return;
  }

  void part_node(int tile, std::size_t k, Neighbourhood& near) {
    const Node& n = tiles_[tile].nodes[k];
    if (n.level == 0 || n.spacing_mm <= 0) return;
    const double floor_mm = kRelaxFloor * n.spacing_mm;
    // Most points have no neighbour that close: a look at the few cells within the floor
    // before gathering all that a step must keep clear of.
    const Tile& t = tiles_[tile];
    Node nearest{};
    float nearest2 = static_cast<float>(floor_mm * floor_mm);
    bool crowded = false;
    for_each_node({n.u_mm, n.v_mm},
                  std::min(floor_mm * t.stretch * kStretchMargin, kTileMm - cell_mm_),
                  [&](const Node& m, int, std::int32_t) {
                    if (&m == &n || m.level == 0) return true;
                    const float dx = n.x - m.x, dy = n.y - m.y, dz = n.z - m.z;
                    if (const float d2 = dx * dx + dy * dy + dz * dz; d2 < nearest2 && d2 > 0)
                      nearest2 = d2, nearest = m, crowded = true;
                    return true;
                  });
    if (!crowded) return;
    gather_for_relax(tile, k, near);
    const double d = std::sqrt(nearest2), step = (floor_mm - d) / d;
    const double dx = n.x - nearest.x, dy = n.y - nearest.y, dz = n.z - nearest.z;
    for (double f : {1.0, 0.5})
      if (try_relax_step(tile, k, near, f * step * dx, f * step * dy, f * step * dz)) return;
  }

  // Node k moved by (dx, dy, dz) and back onto the head, if it stays in its tile and count
  // group, on the target, and clear of every gathered neighbour.
  bool try_relax_step(int tile, std::size_t k, const Neighbourhood& near, double dx, double dy,
                      double dz) {
    Tile& t = tiles_[tile];
    Node& n = t.nodes[k];
    const Vec3 moved{n.x + dx, n.y + dy, n.z + dz};
    const ChartPoint c = map_.chart(map_.head().angles_of(moved));
    // A point stays in its tile: the grid finds it in the tile its cell belongs to.
    if (tile_of(c) != tile) return false;
    const std::size_t cell = raster_cell(c);
    if (cell == kOutside || (!t_.fill.empty() && !t_.fill[cell])) return false;
    if (!t_.group.empty() && t_.group[cell] != n.group) return false;
    const double spacing = spacing_in(cell, c);
    if (spacing <= 0) return false;
    const Vec3 p = map_.head_point(c);
    const double diameter = t_.diameter_mm[cell], s = std::min<double>(spacing, n.spacing_mm);
    for (const Near& m : near.nodes) {
      const double r = radius_factor_[std::max<int>(m.node.level, n.level) - 1] * s;
      const double merge = 0.5 * (diameter + m.node.diameter_mm) + t_.min_gap_mm;
      const float ex = m.node.x - static_cast<float>(p.x), ey = m.node.y - static_cast<float>(p.y),
                  ez = m.node.z - static_cast<float>(p.z);
      const double d2 = ex * ex + ey * ey + ez * ez;
      if (d2 < r * r || d2 < merge * merge) return false;
    }
    n.x = static_cast<float>(p.x), n.y = static_cast<float>(p.y), n.z = static_cast<float>(p.z);
    n.u_mm = static_cast<float>(c.u_mm), n.v_mm = static_cast<float>(c.v_mm);
    n.diameter_mm = static_cast<float>(diameter);
    n.spacing_mm = static_cast<float>(spacing);
    DiskSample& sample = t.added[k - t.fixed];
    sample.chart = c;
    sample.head_mm = p;
    sample.diameter_mm = static_cast<float>(diameter);
    return true;
  }

  const ScalpMap& map_;
  const PoissonDiskTarget& t_;
  const std::vector<double>& fractions_;
  unsigned long long seed_;
  int tiles_per_side_ = 0, cells_per_side_ = 0, cells_per_tile_ = 1;
  double cell_mm_ = kTileMm, inv_cell_mm_ = 1 / kTileMm;
  double half_extent_mm_ = 0;
  std::vector<float> spacing_;
  float smallest_spacing_mm_ = 1e9f;
  float max_diameter_mm_ = 0;
  CellRect window_;
  int window_cols_ = 0, window_rows_ = 0;
  int groups_ = 0;
  std::vector<double> expected_;  // points per count group at the last level
  std::vector<char> top_up_;      // while topping up: the groups that are short
  double inv_raster_mm_ = 1;
  std::vector<double> radius_factor_;
  std::vector<std::int32_t> head_;
  std::vector<int> tile_of_cell_;  // tile column (or row) of a cell column (or row)
  std::vector<Tile> tiles_;
};

}  // namespace

double relative_radius(int level) {
  // A little closer than the level's density needs (bench/spacing-quality.py: the fills
  // then hold 3-12 % more points), so that trimming to the exact count removes only the
  // most crowded. The first level is a fill on its own; the later ones fill around the
  // earlier points and must come closer to fit their share.
  return level == 1 ? 0.80 : (level == 2 ? 0.66 : 0.62);
}

std::vector<DiskSample> sample_poisson_disk(const ScalpMap& map, const PoissonDiskTarget& target,
                                            const std::vector<double>& cumulative_fractions,
                                            const std::vector<DiskSample>& fixed,
                                            unsigned long long seed,
                                            const PoissonDiskOptions& options) {
  Sampler s(map, target, cumulative_fractions, seed);
  for (const DiskSample& f : fixed) s.add_fixed(f);
  for (std::size_t l = 1; l <= cumulative_fractions.size(); ++l)
    s.fill_level(static_cast<int>(l), options);
  s.relax(options);
  return s.take_new();
}

}  // namespace smp
