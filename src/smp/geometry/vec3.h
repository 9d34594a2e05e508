// A point or direction on the head, in millimetres. Head frame: x forward (towards the
// nasion), y to the patient's left, z up; origin at the centre of the head ellipsoid.
#pragma once

#include <cmath>

namespace smp {

struct Vec3 {
  double x = 0, y = 0, z = 0;

  friend Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
  friend Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
  friend Vec3 operator*(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
  friend double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
  friend Vec3 cross(Vec3 a, Vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  }
  friend double length(Vec3 a) { return std::sqrt(dot(a, a)); }
  friend double distance(Vec3 a, Vec3 b) { return length(a - b); }
};

// A point on the scalp map (the 2D chart of the scalp), in chart millimetres:
// u towards the patient's right, v towards the front, origin at the vertex.
struct ChartPoint {
  double u_mm = 0, v_mm = 0;
};
// Distance from the vertex on the chart. A square root, not std::hypot: chart values
// cannot overflow, and hypot's care costs five times as much on every raster cell.
inline double chart_radius_mm(ChartPoint c) { return std::sqrt(c.u_mm * c.u_mm + c.v_mm * c.v_mm); }
// Chart distance from p to the segment [a, b] (a brush stroke).
inline double chart_distance_to_segment_mm(ChartPoint p, ChartPoint a, ChartPoint b) {
  const double du = b.u_mm - a.u_mm, dv = b.v_mm - a.v_mm, len2 = du * du + dv * dv;
  double t = len2 > 0 ? ((p.u_mm - a.u_mm) * du + (p.v_mm - a.v_mm) * dv) / len2 : 0;
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  return chart_radius_mm({p.u_mm - (a.u_mm + t * du), p.v_mm - (a.v_mm + t * dv)});
}

inline constexpr double kPi = 3.14159265358979323846;

}  // namespace smp
