// The edge of the hair-bearing scalp: for every azimuth, the largest polar angle that is
// still scalp. The front part is the hairline; the rest follows the temporal margin, the
// hair over the ears and the nape.
#pragma once

#include <functional>
#include <vector>

#include "smp/geometry/head_model.h"

namespace smp {

class ScalpOutline {
 public:
  // A closed smooth curve through control points (any order of azimuths), plus an
  // offset in mm along the meridian (positive: the scalp grows), for irregularity.
  // front_half_width_rad: the azimuths |az| below it are the hairline.
  static ScalpOutline through(const HeadModel& head, std::vector<SurfaceAngles> control,
                              const std::function<double(double azimuth_rad)>& offset_mm,
                              double front_half_width_rad);

  double polar_limit(double azimuth_rad) const;
  bool contains(SurfaceAngles s) const { return s.polar_rad <= polar_limit(s.azimuth_rad); }
  // Skin distance (mm) inside the edge along the meridian; negative outside.
  double depth_mm(const HeadModel& head, SurfaceAngles s) const {
    return depth_mm(head, s, AngleTrig::of(s));
  }
  double depth_mm(const HeadModel& head, SurfaceAngles s, const AngleTrig& t) const;
  double front_half_width_rad() const { return front_half_width_rad_; }
  bool in_front(double azimuth_rad) const;

 private:
  std::vector<double> polar_;  // sampled at kSamples azimuths over [-pi, pi)
  double front_half_width_rad_ = 0;
};

}  // namespace smp
