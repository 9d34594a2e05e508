#include "smp/design/blue_noise.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "smp/base/cancellation.h"

namespace smp {
namespace {

constexpr double kConflict = 1e4;  // weight of a pair whose impressions would merge

// A dense 3D grid of the alive points for neighbour queries, stored cell by cell with
// the positions inline so that a query reads memory in order.
class NeighbourGrid {
 public:
  NeighbourGrid(const std::vector<BlueNoiseCandidate>& c, const std::vector<char>& alive,
                double cell_mm)
      : inv_cell_(1.0 / cell_mm) {
    lo_ = {1e18, 1e18, 1e18};
    Vec3 hi{-1e18, -1e18, -1e18};
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!alive[i]) continue;
      const Vec3 p = c[i].position_mm;
      lo_ = {std::min(lo_.x, p.x), std::min(lo_.y, p.y), std::min(lo_.z, p.z)};
      hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
    }
    n_[0] = n_[1] = n_[2] = 1;
    if (hi.x >= lo_.x) {
      n_[0] = static_cast<int>((hi.x - lo_.x) * inv_cell_) + 1;
      n_[1] = static_cast<int>((hi.y - lo_.y) * inv_cell_) + 1;
      n_[2] = static_cast<int>((hi.z - lo_.z) * inv_cell_) + 1;
    }
    start_.assign(static_cast<std::size_t>(n_[0]) * n_[1] * n_[2] + 1, 0);
    for (std::size_t i = 0; i < c.size(); ++i)
      if (alive[i]) ++start_[cell_index(c[i].position_mm) + 1];
    for (std::size_t k = 1; k < start_.size(); ++k) start_[k] += start_[k - 1];
    entries_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < c.size(); ++i)
      if (alive[i])
        entries_[fill[cell_index(c[i].position_mm)]++] = {c[i].position_mm,
                                                          static_cast<std::uint32_t>(i)};
  }

  // Calls f(j, distance) for every point j != i at p within r.
  template <class F>
  void for_each_within(std::size_t i, Vec3 p, double r, F&& f) const {
    // Only the cells the ball [p - r, p + r] touches.
    int x0, y0, z0, x1, y1, z1;
    cell_of(p - Vec3{r, r, r}, x0, y0, z0);
    cell_of(p + Vec3{r, r, r}, x1, y1, z1);
    const double r2 = r * r;
    for (int z = z0; z <= z1; ++z)
      for (int y = y0; y <= y1; ++y) {
        const std::size_t row = (static_cast<std::size_t>(z) * n_[1] + y) * n_[0];
        const std::uint32_t b = start_[row + x0], e = start_[row + x1 + 1];
        for (std::uint32_t m = b; m < e; ++m) {
          const Entry& en = entries_[m];
          const Vec3 d = en.p - p;
          const double d2 = dot(d, d);
          if (d2 < r2 && en.index != i) f(static_cast<std::size_t>(en.index), std::sqrt(d2));
        }
      }
  }

 private:
  struct Entry {
    Vec3 p;
    std::uint32_t index;
  };
  void cell_of(Vec3 p, int& ix, int& iy, int& iz) const {
    ix = std::clamp(static_cast<int>((p.x - lo_.x) * inv_cell_), 0, n_[0] - 1);
    iy = std::clamp(static_cast<int>((p.y - lo_.y) * inv_cell_), 0, n_[1] - 1);
    iz = std::clamp(static_cast<int>((p.z - lo_.z) * inv_cell_), 0, n_[2] - 1);
  }
  std::size_t cell_index(Vec3 p) const {
    int ix, iy, iz;
    cell_of(p, ix, iy, iz);
    return (static_cast<std::size_t>(iz) * n_[1] + iy) * n_[0] + ix;
  }
  double inv_cell_;
  Vec3 lo_;
  int n_[3];
  std::vector<std::uint32_t> start_;
  std::vector<Entry> entries_;
};

// A max-heap of points keyed by weight with lazy decreases: weights only ever go down,
// so a stored key is an upper bound. The top is checked against the current weight and,
// if stale, re-inserted with it; a fresh top is the true maximum. This avoids a sift for
// every lowered neighbour (most never reach the top). Ties go to the higher index.
class LazyMaxHeap {
 public:
  LazyMaxHeap(const std::vector<double>& weight, const std::vector<std::size_t>& items)
      : w_(weight) {
    heap_.reserve(items.size());
    for (std::size_t i : items) heap_.push_back({weight[i], static_cast<std::uint32_t>(i)});
    std::make_heap(heap_.begin(), heap_.end(), less);
  }
  bool empty() const { return heap_.empty(); }
  // Removes and returns the point of largest current weight.
  std::size_t pop() {
    for (;;) {
      std::pop_heap(heap_.begin(), heap_.end(), less);
      Entry top = heap_.back();
      if (w_[top.index] >= top.key) {
        heap_.pop_back();
        return top.index;
      }
      heap_.back().key = w_[top.index];
      std::push_heap(heap_.begin(), heap_.end(), less);
    }
  }
  // The largest current weight (refreshing stale tops first).
  double top_weight() {
    while (w_[heap_.front().index] < heap_.front().key) {
      std::pop_heap(heap_.begin(), heap_.end(), less);
      heap_.back().key = w_[heap_.back().index];
      std::push_heap(heap_.begin(), heap_.end(), less);
    }
    return heap_.front().key;
  }

 private:
  struct Entry {
    double key;
    std::uint32_t index;
  };
  static bool less(const Entry& a, const Entry& b) {
    return a.key < b.key || (a.key == b.key && a.index < b.index);
  }
  const std::vector<double>& w_;
  std::vector<Entry> heap_;
};

}  // namespace

double full_disk_weight(double oversampling) {
  // Candidates at oversampling / (sqrt(3)/2 r^2) per mm^2 over the disk of radius 2r:
  // integral of (1 - s/2r)^8 2 pi s ds = 8 pi r^2 B(2, 9) = 8 pi r^2 / 90.
  return oversampling * 2 / std::sqrt(3.0) * 8 * kPi / 90;
}

double poisson_radius_mm(double density_per_mm2) {
  return std::sqrt(2.0 / (std::sqrt(3.0) * std::max(density_per_mm2, 1e-9)));
}

std::vector<int> nested_sample_elimination(const std::vector<BlueNoiseCandidate>& c,
                                           const std::vector<std::size_t>& keep, double gap_mm,
                                           const std::stop_token& stop) {
  const std::size_t n = c.size();
  std::vector<int> level(n, 0);
  std::vector<char> alive(n, 1);
  double max_diameter = 0;
  for (const auto& cand : c) max_diameter = std::max(max_diameter, cand.diameter_mm);
  std::size_t alive_count = n;
  for (std::size_t lv = 0; lv < keep.size(); ++lv) {
    // Coarser levels spread the same area over fewer points: radii grow as 1/sqrt(count).
    const double scale = std::sqrt(static_cast<double>(keep[0]) /
                                   static_cast<double>(std::max<std::size_t>(keep[lv], 1)));
    std::vector<double> radius(n, 0);
    std::vector<std::size_t> items;
    for (std::size_t i = 0; i < n; ++i)
      if (alive[i]) radius[i] = c[i].radius_mm * scale, items.push_back(i);
    if (items.empty()) break;
    std::vector<double> sorted_r;
    for (std::size_t i : items) sorted_r.push_back(radius[i]);
    // Cells as wide as a typical query ball: each query then touches about 2 x 2 cells
    // of the surface.
    std::nth_element(sorted_r.begin(), sorted_r.begin() + sorted_r.size() / 2, sorted_r.end());
    const NeighbourGrid grid(c, alive, 2 * sorted_r[sorted_r.size() / 2]);

    // Pair weight: the smaller radius of the two keeps it symmetric, so that a query of
    // 2 r_i from point i finds every pair that weighs on it.
    auto pair_weight = [&](std::size_t i, std::size_t j, double d) {
      double w = weight_falloff(d, std::min(radius[i], radius[j]));
      if (lv == 0 && d < 0.5 * (c[i].diameter_mm + c[j].diameter_mm) + gap_mm) w += kConflict;
      return w;
    };
    // Query reach: the weight radius, or at level 0 the largest merging distance.
    const double conflict_reach = lv == 0 ? max_diameter + gap_mm : 0;
    auto reach = [&](std::size_t i) { return std::max(2 * radius[i], conflict_reach); };
    std::vector<double> weight(n, 0);
    for (std::size_t i : items)
      grid.for_each_within(i, c[i].position_mm, reach(i), [&](std::size_t j, double d) {
        weight[i] += c[i].weight_scale * pair_weight(i, j, d);
      });
    LazyMaxHeap heap(weight, items);
    std::size_t eliminated = 0;
    auto eliminate_top = [&] {
      if (++eliminated % 4096 == 0) throw_if_cancelled(stop);
      const std::size_t i = heap.pop();
      alive[i] = 0;
      --alive_count;
      grid.for_each_within(i, c[i].position_mm, reach(i), [&](std::size_t j, double d) {
        if (!alive[j]) return;
        weight[j] -= c[j].weight_scale * pair_weight(i, j, d);
      });
    };
    while (alive_count > keep[lv] && !heap.empty()) eliminate_top();
    // Never keep two impressions that would merge. Half the conflict weight: a pair
    // farther apart than twice its radius weighs exactly kConflict, and adding then
    // subtracting the others' weights leaves it a rounding error below (tests/blue_noise_test).
    if (lv == 0)
      while (!heap.empty() && heap.top_weight() >= 0.5 * kConflict) eliminate_top();
    for (std::size_t i = 0; i < n; ++i)
      if (alive[i]) level[i] = static_cast<int>(lv) + 1;
  }
  return level;
}

}  // namespace smp
