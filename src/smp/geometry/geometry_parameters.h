// The head model's numbers: adult head measurements, landmark placement and the
// hair-bearing scalp's margin. Sources: docs/domain.md and docs/parameters.md (the index of every
// number, its default, range and source).
#pragma once

namespace smp {

enum class Sex { male, female };

// Head measurements (cm). Adult means from anthropometric surveys (ANSUR II:
// head circumference 57 / 55 cm; bitragion coronal arc 35 / 33.5 cm; sagittal arc
// nasion-inion 36 / 34.5 cm, male / female).
struct HeadDefaults {
  double circumference_cm;
  double ear_to_ear_cm;
  double nasion_to_inion_cm;
  static HeadDefaults adult(Sex sex) {
    return sex == Sex::male ? HeadDefaults{57.0, 35.0, 36.0} : HeadDefaults{55.0, 33.5, 34.5};
  }
};

// Landmark placement on the head model (mm). Textbook anthropometry.
struct LandmarkParameters {
  double glabella_above_nasion_mm = 15;   // brow ridge, 1-2 cm above the nasion
  double ear_canal_below_nasion_mm = 15;  // tragion sits below the nasion level
  double canthus_below_nasion_mm = 10;    // lateral canthi, about 1 cm below the nasion
  double canthus_half_width_mm = 47;      // bi-ectocanthal width about 94 mm
};

// The hair-bearing scalp's lower margin (mm relative to the ear canal / inion).
struct ScalpMarginParameters {
  double nape_below_inion_mm = 45;       // occipital hairline 4-6 cm below the inion
  double over_ear_above_canal_mm = 45;   // about 1 cm above the helix (3.5 cm above the canal)
  double sideburn_below_canal_mm = 5;    // sideburn reaches about the ear-canal level
  double behind_ear_below_canal_mm = 0;  // mastoid hairline, level with the canal
  // Together these give a 530 cm^2 hair-bearing scalp on the default adult male head,
  // in the 450-550 cm^2 range of Bernstein and Rassman 1997.
};

// The geometry layer's part of the clinical parameters (case/clinical_parameters.h).
struct GeometryParameters {
  LandmarkParameters landmarks;
  ScalpMarginParameters margin;
};

}  // namespace smp
