// The renders' numbers: native hair and how the pictures see the skin. Sources: docs/domain.md and
// docs/parameters.md (the index of every number, its default, range and source).
#pragma once

namespace smp {

// Native hair, for the haired reference and for hair left in treated areas.
struct NativeHairParameters {
  double hairs_per_cm2 = 220;         // 175-300, mean about 220 (domain.md)
  double hairs_per_unit = 2.2;        // follicular units of 1-4 hairs: about 100 FU/cm^2
  double shaft_diameter_um = 75;      // terminal scalp hair 60-90 um
  double elevation_deg = 30;          // hairs leave the scalp at a shallow angle
  double direction_spread_deg = 30;   // around the local growth direction
  double subsurface_length_mm = 1.2;  // the shaft under the skin, seen through it as a shadow
  double subsurface_depth_um = 600;
  double subsurface_pigment = 0.7;  // hair melanin as an equivalent carbon fraction (dark hair)
};

// How the renders see the skin.
struct AppearanceParameters {
  // The diffuse shadow of a buried absorber spreads over about half its depth around it:
  // light that would have come back from the skin around the deposit is absorbed on
  // its way (diffusion; the effective cross-section of a small dark object in a
  // scattering medium exceeds its area). Decay length of the halo per um of depth.
  double halo_length_per_depth = 1.2;
  double session_gap_days = 21;  // default schedule for the renders (14-21 days, seed)
  double touch_up_delta_e00 =
      3.5;  // treated vs reference at 1.5 m that calls for a touch-up (clearly visible at a glance)
  double closeup_mm = 20;         // close-up patches: 2 x 2 cm at true scale
  double closeup_px_per_mm = 40;  // 0.025 mm per pixel resolves 0.1 mm cores
  // Raking light over a scar: an atrophic (sunken) scar 0.3 mm deep with 1 mm sloping
  // edges, lit at 10 degrees. SMP hides colour contrast, not relief (domain.md).
  double scar_relief_depth_mm = 0.3;
  double scar_relief_edge_mm = 1.0;
  double raking_light_elevation_deg = 10;
};

struct RenderParameters {
  NativeHairParameters hair;
  AppearanceParameters appearance;
};

}  // namespace smp
