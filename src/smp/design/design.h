// A treatment design: the list of impressions and the counts the clinic works from.
#pragma once

#include <string>
#include <vector>

#include "smp/design/goals.h"
#include "smp/geometry/regions.h"

namespace smp {

struct Dot {
  int id = 0;
  int session = 1;  // 1-based
  Region region = Region::mid_scalp;
  ChartPoint chart;        // on the scalp map
  Vec3 head_mm;            // on the head model
  double diameter_um = 0;  // fresh impression
  double depth_um = 0;
  double shade = 0;  // pigment fraction of the dilution (1 = undiluted carbon black)
  int needle = 0;    // index into Design::needles
  bool on_scar = false;
};

struct RegionStats {
  Region region;
  Goal goal;
  double area_cm2 = 0;
  double treated_area_cm2 = 0;
  double target_density_per_cm2 = 0;    // mean target over the treated area
  double achieved_density_per_cm2 = 0;  // dots over the treated area
  double mean_coverage = 0;             // native hair before treatment
  int dots = 0;
  std::vector<int> dots_per_session;
};

struct SessionPlan {
  int index = 1;
  int dots = 0;
  double cumulative_fraction = 0;  // dots placed up to and including this session
  double shade = 0;                // pigment fraction used in this session
  double estimated_minutes = 0;    // chair time including set-up
};

struct Design {
  double scalp_area_cm2 = 0;
  double treated_area_cm2 = 0;
  double bald_area_cm2 = 0;  // integral of (1 - coverage) over the scalp
  std::vector<RegionStats> regions;
  std::vector<SessionPlan> sessions;
  std::vector<std::string> needles;
  std::vector<Dot> dots;
  double total_minutes() const {
    double m = 0;
    for (const auto& s : sessions) m += s.estimated_minutes;
    return m;
  }
};

// Cumulative share of the final density reached after each session: 30/70/100 for
// three sessions (PMC12406178); the same build-up stretched or squeezed for 2 and 4.
std::vector<double> cumulative_session_fractions(int sessions);

}  // namespace smp
