#include "smp/design/spatial_order.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <iterator>
#include <limits>
#include <unordered_map>

namespace smp {
namespace {

// A hash grid over the chart for neighbour queries.
class ChartHash {
 public:
  ChartHash(const std::vector<ChartPoint>& p, double cell) : p_(p), cell_(cell) {
    for (std::size_t i = 0; i < p.size(); ++i)
      bins_[key(bin(p[i].u_mm), bin(p[i].v_mm))].push_back(i);
  }
  template <class F>
  void near(ChartPoint q, int reach, F&& f) const {
    const long bu = bin(q.u_mm), bv = bin(q.v_mm);
    for (long i = bu - reach; i <= bu + reach; ++i)
      for (long j = bv - reach; j <= bv + reach; ++j)
        if (auto it = bins_.find(key(i, j)); it != bins_.end())
          for (std::size_t k : it->second) f(k);
  }

 private:
  long bin(double t) const { return static_cast<long>(std::floor(t / cell_)); }
  static long long key(long i, long j) {
    return (static_cast<long long>(i) << 32) ^ (j & 0xffffffff);
  }
  const std::vector<ChartPoint>& p_;
  double cell_;
  std::unordered_map<long long, std::vector<std::size_t>> bins_;
};

}  // namespace

double bond_orientational_order(const std::vector<ChartPoint>& points, int fold,
                                double max_distance_mm) {
  const ChartHash hash(points, max_distance_mm);
  std::complex<double> sum = 0;
  std::size_t counted = 0;
  std::vector<std::pair<double, std::size_t>> near;
  for (std::size_t i = 0; i < points.size(); ++i) {
    near.clear();
    hash.near(points[i], 1, [&](std::size_t k) {
      if (k == i) return;
      const double d = std::hypot(points[k].u_mm - points[i].u_mm, points[k].v_mm - points[i].v_mm);
      if (d <= max_distance_mm) near.push_back({d, k});
    });
    if (static_cast<int>(near.size()) < fold) continue;
    std::partial_sort(near.begin(), near.begin() + fold, near.end());
    std::complex<double> psi = 0;
    for (int m = 0; m < fold; ++m) {
      const ChartPoint q = points[near[m].second];
      psi += std::polar(1.0, fold * std::atan2(q.v_mm - points[i].v_mm, q.u_mm - points[i].u_mm));
    }
    sum += psi / static_cast<double>(fold);
    ++counted;
  }
  return counted ? std::abs(sum) / static_cast<double>(counted) : 0.0;
}

std::vector<double> nearest_neighbour_distances_mm(const std::vector<Vec3>& points,
                                                   const std::vector<Vec3>& among) {
  // Sorted along x: only candidates closer in x than the best so far are compared.
  std::vector<Vec3> sorted = among;
  std::sort(sorted.begin(), sorted.end(), [](Vec3 a, Vec3 b) { return a.x < b.x; });
  std::vector<double> out;
  out.reserve(points.size());
  for (const Vec3& p : points) {
    const auto mid = std::lower_bound(sorted.begin(), sorted.end(), p,
                                      [](Vec3 a, Vec3 b) { return a.x < b.x; });
    double best = std::numeric_limits<double>::infinity();
    auto consider = [&](const Vec3& q) {
      const double d = distance(p, q);
      if (d > 0 && d < best) best = d;
    };
    for (auto it = mid; it != sorted.end() && it->x - p.x < best; ++it) consider(*it);
    for (auto it = mid; it != sorted.begin() && p.x - std::prev(it)->x < best; --it)
      consider(*std::prev(it));
    out.push_back(best);
  }
  return out;
}

double hex_packing_spacing_mm(double count, double area_mm2) {
  return std::sqrt(2 / (std::sqrt(3.0) * count / area_mm2));
}

double min_pair_distance_mm(const std::vector<Vec3>& points) {
  // Sort along x and sweep: only pairs closer in x than the best so far are compared.
  std::vector<Vec3> p = points;
  std::sort(p.begin(), p.end(), [](Vec3 a, Vec3 b) { return a.x < b.x; });
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size() && p[j].x - p[i].x < best; ++j)
      best = std::min(best, distance(p[i], p[j]));
  return best;
}

}  // namespace smp
