// The parametric head: an ellipsoid sized so that its circumference and its two arcs
// over the vertex match the patient's measurements, with anatomical landmarks.
#pragma once

#include <cmath>

#include "smp/geometry/geometry_parameters.h"
#include "smp/geometry/vec3.h"

namespace smp {

struct HeadMeasurements {
  double circumference_cm = 0;    // horizontal, through glabella and the back of the head
  double ear_to_ear_cm = 0;       // ear canal to ear canal over the vertex
  double nasion_to_inion_cm = 0;  // over the vertex
};

struct Landmarks {
  Vec3 nasion, glabella, vertex, inion;
  Vec3 ear_canal_left, ear_canal_right;
  Vec3 lateral_canthus_left, lateral_canthus_right;
};

// Surface angles: polar angle from the vertex (0 at the top) and azimuth from the front
// (0 at the nasion, +pi/2 at the patient's right ear).
struct SurfaceAngles {
  double polar_rad = 0, azimuth_rad = 0;
};
// Their sines and cosines, for callers that have them without the angles (the chart gives
// the azimuth's as u / r and v / r) or need them more than once.
struct AngleTrig {
  double sin_polar = 0, cos_polar = 1, sin_azimuth = 0, cos_azimuth = 1;
  static AngleTrig of(SurfaceAngles s) {
    return {std::sin(s.polar_rad), std::cos(s.polar_rad), std::sin(s.azimuth_rad),
            std::cos(s.azimuth_rad)};
  }
};

class HeadModel {
 public:
  // Solves the three semi-axes so that the model's measurements equal the given ones.
  static HeadModel fit(const HeadMeasurements& m, const LandmarkParameters& lp = {});

  double semi_axis_x_mm() const { return a_; }
  double semi_axis_y_mm() const { return b_; }
  double semi_axis_z_mm() const { return c_; }

  Vec3 point(SurfaceAngles s) const { return point_from(AngleTrig::of(s)); }
  Vec3 point_from(const AngleTrig& t) const {
    return {a_ * t.sin_polar * t.cos_azimuth, -b_ * t.sin_polar * t.sin_azimuth,
            c_ * t.cos_polar};
  }
  // dP / d(polar)
  Vec3 d_polar(SurfaceAngles s) const { return d_polar_from(AngleTrig::of(s)); }
  Vec3 d_polar_from(const AngleTrig& t) const {
    return {a_ * t.cos_polar * t.cos_azimuth, -b_ * t.cos_polar * t.sin_azimuth,
            -c_ * t.sin_polar};
  }
  // dP / d(azimuth)
  Vec3 d_azimuth(SurfaceAngles s) const { return d_azimuth_from(AngleTrig::of(s)); }
  Vec3 d_azimuth_from(const AngleTrig& t) const {
    return {-a_ * t.sin_polar * t.sin_azimuth, -b_ * t.sin_polar * t.cos_azimuth, 0};
  }
  Vec3 normal(SurfaceAngles s) const;     // outward unit normal
  SurfaceAngles angles_of(Vec3 p) const;  // for a point on (or near) the surface
  // The point distance_mm along the skin from s, heading direction_rad from the meridian
  // (0: down it, away from the vertex; pi/2: towards the patient's right). A step in the
  // tangent plane brought back to the surface: within 0.5 % for a 15 mm hairline drag.
  SurfaceAngles moved(SurfaceAngles s, double distance_mm, double direction_rad) const;
  // Polar angle of the surface point at height z_mm on the meridian of azimuth.
  double polar_at_height(double z_mm) const;

  const Landmarks& landmarks() const { return landmarks_; }

  // The model's own measurements, measured along the surface.
  double circumference_mm() const;
  double ear_to_ear_arc_mm() const;
  double nasion_to_inion_arc_mm() const;
  // Arc length along the midline meridian from the nasion up to polar angle p.
  double midline_arc_from_nasion_mm(double polar_rad) const;
  // Polar angle of the midline point that lies arc_mm above the nasion.
  double midline_polar_at_arc_mm(double arc_mm) const;

 private:
  HeadModel(double a, double b, double c, const LandmarkParameters& lp);
  double a_, b_, c_;
  LandmarkParameters lp_;
  Landmarks landmarks_;
};

}  // namespace smp
