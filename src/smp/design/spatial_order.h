// Measures of how regular a dot pattern is: a grid reads as a tattoo, blue noise as hair.
#pragma once

#include <vector>

#include "smp/geometry/vec3.h"

namespace smp {

// Global bond-orientational order |<psi_n>| (Nelson and Halperin 1979) of a point set
// on the chart: for each point the mean of exp(i n theta) over its n nearest
// neighbours, averaged over the points. 1 for a perfect n-fold lattice, near 0 for an
// isotropic pattern. Points with fewer than n neighbours within max_distance_mm are
// skipped.
double bond_orientational_order(const std::vector<ChartPoint>& points, int fold,
                                double max_distance_mm);

// Smallest centre distance between any two points (3D, mm).
double min_pair_distance_mm(const std::vector<Vec3>& points);

// For each of `points`, the distance to its nearest other point of `among` (3D, mm; a
// point of `points` that is also in `among` is not its own neighbour).
std::vector<double> nearest_neighbour_distances_mm(const std::vector<Vec3>& points,
                                                   const std::vector<Vec3>& among);

// The hexagonal-packing spacing of `count` points on `area_mm2`: sqrt(2 / (sqrt(3) N / A)).
// Nearest-neighbour distances over it say how even a pattern is: about 0.73 (shortest)
// and 0.79 (mean) for Bridson's dart throwing, 0 and 0.54 for uniform random points.
double hex_packing_spacing_mm(double count, double area_mm2);

}  // namespace smp
