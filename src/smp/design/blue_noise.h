// Variable-density blue noise on the head surface by weighted sample elimination
// (Yuksel 2015, "Sample Elimination for Generating Poisson Disk Sample Sets"), made
// adaptive (each candidate has its own radius from the local target density) and
// progressive (nested levels: each level is blue noise on its own, and the points of
// a later level fill the gaps of the earlier ones).
#pragma once

#include <cstddef>
#include <stop_token>
#include <vector>

#include "smp/geometry/vec3.h"

namespace smp {

struct BlueNoiseCandidate {
  Vec3 position_mm;
  double radius_mm = 1;       // Poisson-disk radius for the local density at the finest level
  double diameter_mm = 0.25;  // the impression: centres closer than mean diameter + gap merge
  // Multiplies the point's weight. A point whose weighing disk reaches past the edge of
  // the treated area has fewer neighbours and would survive too often (edges denser
  // than the inside); the caller sets this to (expected weight of a full disk) /
  // (expected weight of this disk).
  double weight_scale = 1;
};

// Radius of a maximal Poisson-disk set of the given density (per mm^2), for the
// elimination weights: the hexagonal packing radius (Yuksel 2015, eq. 5).
double poisson_radius_mm(double density_per_mm2);

// Expected elimination weight of a point with a full neighbourhood of candidates at
// `oversampling` times the density its radius was made for: the integral of the
// weight falloff over its disk. The same for every density, by the choice of radius.
double full_disk_weight(double oversampling);
// The weight falloff (1 - d / 2r)^8 of Yuksel 2015 at distance d for radius r (0 beyond
// 2 r), as three squarings.
inline double weight_falloff(double d_mm, double radius_mm) {
  const double t = 1 - d_mm / (2 * radius_mm);
  if (t <= 0) return 0;
  const double t2 = t * t, t4 = t2 * t2;
  return t4 * t4;
}

// keep: how many points each level keeps, strictly decreasing (keep[0]: all dots).
// Returns, per candidate, the number of levels it survives (0: eliminated). Centres of
// surviving points are never closer than their mean diameter plus gap_mm: where a
// conflict would remain, one more candidate is eliminated, so keep[0] is an upper bound.
// Throws Cancelled (base/cancellation.h) soon after `stop` is requested.
std::vector<int> nested_sample_elimination(const std::vector<BlueNoiseCandidate>& candidates,
                                           const std::vector<std::size_t>& keep, double gap_mm,
                                           const std::stop_token& stop = {});

}  // namespace smp
