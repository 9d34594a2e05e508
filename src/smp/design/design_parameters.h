// The design's numbers: hairline, impressions, density and sessions. Sources: docs/domain.md and
// docs/parameters.md (the index of every number, its default, range and source).
#pragma once

#include <string>
#include <vector>

namespace smp {

// Hairline design (domain.md "Head, scalp and hair loss").
struct HairlineParameters {
  double mid_frontal_above_glabella_cm = 8.0;  // 7 (aggressive) .. 10 (conservative)
  double frontotemporal_recession_mm = 14;     // FT point behind the mid-frontal point
  double temporal_point_above_canal_mm = 55;   // apex of the temporal peak
  double transition_mm = 8;                    // density ramp 5-10 mm inside the line
  double transition_start_fraction = 0.25;     // density at the line itself, of full
  double macro_irregularity_mm = 2.0;          // undulation, wavelength about 20 mm
  double micro_irregularity_mm = 0.8;          // jitter, wavelength about 3 mm
  double zone_depth_mm = 25;                   // the hairline zone is 2-4 cm deep
};

enum class HairlineStyle { soft, defined, mature };
inline const char* name(HairlineStyle s) {
  switch (s) {
    case HairlineStyle::soft: return "soft";
    case HairlineStyle::defined: return "defined";
    case HairlineStyle::mature: return "mature";
  }
  return "";
}

// How low a mid-frontal point may sit for the patient's age before the editor flags it
// (flagged, not forbidden). "Do not make the hairline too low; take the future into
// consideration" (Shapiro & Shapiro, Facial Plast Surg Clin N Am 2013): a young
// patient's line may sit at the aggressive end (7 cm, domain.md), a mature line about
// 8 cm above the glabella, having receded 1-2 cm; the floor rises linearly between.
struct HairlineAgeRule {
  double young_minimum_cm = 7.0;   // 6-8; at young_until_age and younger
  int young_until_age = 25;        // 18-35
  double mature_minimum_cm = 8.0;  // 7-10; from mature_from_age
  int mature_from_age = 40;        // 30-60
  double minimum_cm(int age) const;
};

// Presets per style: a soft line has a wide transition and visible irregularity; a
// defined line is crisper but keeps micro-irregularity (a ruler-straight line looks
// fake); a mature line sits higher at the corners (deeper frontotemporal recession).
inline HairlineParameters hairline_style_defaults(HairlineStyle style) {
  HairlineParameters p;
  switch (style) {
    case HairlineStyle::soft:
      p.transition_mm = 10, p.transition_start_fraction = 0.2;
      p.macro_irregularity_mm = 2.0, p.micro_irregularity_mm = 0.8;
      break;
    case HairlineStyle::defined:
      p.transition_mm = 5, p.transition_start_fraction = 0.5;
      p.macro_irregularity_mm = 0.4, p.micro_irregularity_mm = 0.35;
      break;
    case HairlineStyle::mature:
      p.frontotemporal_recession_mm = 24, p.transition_mm = 8, p.transition_start_fraction = 0.25;
      p.macro_irregularity_mm = 1.5, p.micro_irregularity_mm = 0.7;
      break;
  }
  return p;
}

// Impressions (domain.md "Dots, pigment and appearance").
struct DotParameters {
  std::string needle = "3RL-0.25";           // 3-point round 0.25 mm (robjamessmp.com)
  std::string hairline_needle = "1RL-0.18";  // 1-point at the hairline
  double diameter_um = 250;                  // fresh impression of the 0.25 mm needle
  double hairline_diameter_um = 180;         // fresh impression of the 0.18 mm needle
  double diameter_variation = 0.08;          // relative sd; one size looks fake
  double depth_um = 350;                     // upper dermis 250-500 um (clinics)
  double depth_sd_um = 40;
  double depth_min_um = 250;
  double depth_max_um = 500;
  double min_gap_mm = 0.25;       // edge-to-edge gap so fresh dots never merge
  double shade_variation = 0.05;  // relative sd of the dilution
};

// Density (impressions per cm^2 of skin).
struct DensityParameters {
  double final_per_cm2 = 105;             // 80-110 (hairforlife.info)
  double density_work_per_cm2 = 65;       // under thinning hair: lower, scaled by loss
  double scar_margin_mm = 8;              // feathered margin around a scar
  double treated_threshold_per_cm2 = 5;   // below this a cell is not counted as treated
  double buzz_full_below_coverage = 0.2;  // stubble this sparse gets full density
};

// Sessions and chair time.
struct SessionParameters {
  int count = 3;  // 2-4 (seed; clinics)
  // Just under one impression per second: a practised technician's rhythm with a
  // rotary pen, pauses included. With the cumulative 30/70/100 split it gives the
  // seed's 3-5 h sessions for a full Norwood VI head (9-12k impressions a session).
  double impressions_per_minute = 55;
  double setup_minutes = 30;  // consent, photos, marking, breaks
  // Pigment fraction of the dilution per session, lightest first (clinics). Filled from
  // the shade recommendation for the patient's skin and hair (skin/pigment.h).
  std::vector<double> shades;
};

// What the planner reads (design/planner.h); part of the clinical parameters.
struct DesignParameters {
  HairlineParameters hairline;
  HairlineAgeRule hairline_age_rule;
  DotParameters dots;
  DensityParameters density;
  SessionParameters sessions;
};

}  // namespace smp
