// The clinical numbers SMP Studio uses by default, with their ranges and sources
// (shared/docs/domain.md). A case file's [clinic], [hairline] and [head] tables override
// them. A few tables live beside the model that reads them, each with its source: the
// shade dilutions (skin/pigment.h), the 30/70/100 session build-up
// (design/design.h), the habit multipliers of fading (skin/impression_life), the hair
// colours (render/simulation.cpp), the FUE punch spacing (loss/scar.h); prices live in
// the clinic's price book (docs/price-book.md).
#pragma once

#include <chrono>
#include <string>
#include <vector>

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
  double glabella_above_nasion_mm = 15;     // brow ridge, 1-2 cm above the nasion
  double ear_canal_below_nasion_mm = 15;    // tragion sits below the nasion level
  double canthus_below_nasion_mm = 10;      // lateral canthi, about 1 cm below the nasion
  double canthus_half_width_mm = 47;        // bi-ectocanthal width about 94 mm
};

// The hair-bearing scalp's lower margin (mm relative to the ear canal / inion).
struct ScalpMarginParameters {
  double nape_below_inion_mm = 45;          // occipital hairline 4-6 cm below the inion
  double over_ear_above_canal_mm = 45;      // about 1 cm above the helix (3.5 cm above the canal)
  double sideburn_below_canal_mm = 5;       // sideburn reaches about the ear-canal level
  double behind_ear_below_canal_mm = 0;     // mastoid hairline, level with the canal
  // Together these give a 530 cm^2 hair-bearing scalp on the default adult male head,
  // in the 450-550 cm^2 range of Bernstein and Rassman 1997.
};

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
  std::string needle = "3RL-0.25";          // 3-point round 0.25 mm (robjamessmp.com)
  std::string hairline_needle = "1RL-0.18"; // 1-point at the hairline
  double diameter_um = 250;                 // fresh impression of the 0.25 mm needle
  double hairline_diameter_um = 180;        // fresh impression of the 0.18 mm needle
  double diameter_variation = 0.08;         // relative sd; one size looks fake
  double depth_um = 350;                    // upper dermis 250-500 um (clinics)
  double depth_sd_um = 40;
  double depth_min_um = 250;
  double depth_max_um = 500;
  double min_gap_mm = 0.25;                 // edge-to-edge gap so fresh dots never merge
  double shade_variation = 0.05;            // relative sd of the dilution
};

// Density (impressions per cm^2 of skin).
struct DensityParameters {
  double final_per_cm2 = 105;               // 80-110 (hairforlife.info)
  double density_work_per_cm2 = 65;         // under thinning hair: lower, scaled by loss
  double scar_margin_mm = 8;                // feathered margin around a scar
  double treated_threshold_per_cm2 = 5;     // below this a cell is not counted as treated
  double buzz_full_below_coverage = 0.2;    // stubble this sparse gets full density
};

// Sessions and chair time.
struct SessionParameters {
  int count = 3;                            // 2-4 (seed; clinics)
  // Just under one impression per second: a practised technician's rhythm with a
  // rotary pen, pauses included. With the cumulative 30/70/100 split it gives the
  // seed's 3-5 h sessions for a full Norwood VI head (9-12k impressions a session).
  double impressions_per_minute = 55;
  double setup_minutes = 30;                // consent, photos, marking, breaks
  // Pigment fraction of the dilution per session, lightest first (clinics). Filled from
  // the shade recommendation for the patient's skin and hair (skin/pigment.h).
  std::vector<double> shades;
};

// Skin and pigment optics (docs/skin-optics.md). Spectral, 400-700 nm.
struct SkinOpticsParameters {
  double epidermis_um = 60;                 // domain.md; MCmatlab skin example
  // Melanosome volume fraction of the epidermis per Fitzpatrick type I..VI: light skin
  // 1.3-6.3%, moderately pigmented 11-16%, dark 18-43% (Jacques 1998, omlc.org).
  double melanin_fraction[6] = {0.02, 0.04, 0.08, 0.13, 0.22, 0.43};
  double dermis_blood_fraction = 0.01;      // 0.2-7% (Jacques 1998); 1% typical scalp
  double blood_oxygen_saturation = 0.75;    // mixed arterial/venous
  double dermis_mus_prime_500_per_cm = 42.4;// domain.md: mu_s'(500 nm) of the dermis
  // Carbon black absorption per unit pigment fraction of the dilution, at 500 nm, as
  // deposited in the dermis; falls as 1/lambda (Angstrom exponent 1 of black carbon).
  // Calibrated with the haired reference: the healed Norwood VI buzz cut on type III
  // skin matches a buzz-cut reference within Delta E00 3 at 1.5 m (tests/simulation_test).
  double carbon_mua_500_per_cm = 800;
  double ink_layer_um = 150;                // the band of dermis holding the deposit
};

// The life of an impression: fresh, healed, blowout, fading (docs/skin-optics.md).
struct ImpressionLifeParameters {
  double healed_area_fraction = 0.5;        // visible core shrinks about 50% in area (clinics)
  double healed_retention = 0.55;           // dermal pigment kept after healing: 2-3 shades lighter (elkasmp.com.au)
  double fresh_epidermal_fraction = 0.4;    // of the deposit in the epidermis while fresh (shed in healing)
  double fresh_erythema_blood_factor = 3;   // blood around fresh dots (redness, first days)
  double erythema_days = 4;
  double healed_days = 30;                  // true colour at about one month (seed)
  double blowout_onset_um = 450;            // below the upper dermis the ink spreads
  double blowout_growth_per_100um = 0.75;   // diameter grows 75% per 100 um deeper (about 1 mm at 900 um)
  // Fading after healing: retained pigment halves in this many years with typical habits.
  // Calibrated so that typical habits reach the touch-up threshold in 3-5 years, heavy
  // sun plus topicals sooner, careful patients up to about 10 (seed; clinics).
  double half_life_years = 4.0;
};

// Native hair, for the haired reference and for hair left in treated areas.
struct NativeHairParameters {
  double hairs_per_cm2 = 220;        // 175-300, mean about 220 (domain.md)
  double hairs_per_unit = 2.2;       // follicular units of 1-4 hairs: about 100 FU/cm^2
  double shaft_diameter_um = 75;     // terminal scalp hair 60-90 um
  double elevation_deg = 30;         // hairs leave the scalp at a shallow angle
  double direction_spread_deg = 30;  // around the local growth direction
  double subsurface_length_mm = 1.2; // the shaft under the skin, seen through it as a shadow
  double subsurface_depth_um = 600;
  double subsurface_pigment = 0.7;   // hair melanin as an equivalent carbon fraction (dark hair)
};

// How the renders see the skin.
struct AppearanceParameters {
  // The diffuse shadow of a buried absorber spreads over about half its depth around it:
  // light that would have come back from the skin around the deposit is absorbed on
  // its way (diffusion; the effective cross-section of a small dark object in a
  // scattering medium exceeds its area). Decay length of the halo per um of depth.
  double halo_length_per_depth = 1.2;
  double session_gap_days = 21;      // default schedule for the renders (14-21 days, seed)
  double touch_up_delta_e00 = 3.5;   // treated vs reference at 1.5 m that calls for a touch-up (clearly visible at a glance)
  double closeup_mm = 20;            // close-up patches: 2 x 2 cm at true scale
  double closeup_px_per_mm = 40;     // 0.025 mm per pixel resolves 0.1 mm cores
  // Raking light over a scar: an atrophic (sunken) scar 0.3 mm deep with 1 mm sloping
  // edges, lit at 10 degrees. SMP hides colour contrast, not relief (domain.md).
  double scar_relief_depth_mm = 0.3;
  double scar_relief_edge_mm = 1.0;
  double raking_light_elevation_deg = 10;
};

// Candidacy: how long a patient waits before SMP (docs/candidacy.md; domain.md "Who is
// a candidate"). Clinics differ; these are common defaults.
struct CandidacyParameters {
  // Alopecia areata counts as stable after this long without a new patch: treating
  // skin that may still lose or regrow hair would leave SMP in the wrong places (clinics
  // commonly ask 12 months).
  int areata_stable_months = 12;
  // After the last chemotherapy cycle: hair usually starts to regrow within 1-3 months
  // and its final extent is clear by about 6, so SMP treats only what stays bald (6-12).
  int chemotherapy_wait_months = 6;
  // After a hair transplant: donor and recipient areas heal in weeks, but the grafts show
  // most of their growth only by 8-12 months, and SMP should fill what they leave (6-12).
  int transplant_wait_months = 9;
  // After a scalp disease or infection has cleared: the skin barrier is whole again and
  // no treatment creams are on the scalp (clinics: 2-6 weeks; we round up).
  int scalp_clear_months = 1;
};

// The treatment calendar (domain.md "The patient journey"; docs/schedule.md).
struct ScheduleParameters {
  // One chair day at most; the seed gives 4-8 h for several areas. Longer sessions are
  // split over consecutive working days.
  double max_session_hours = 8;
  // Session 1 -> 2: 14-21 days (seed), 10-30 allowed (smphaircreations.com). The next
  // session goes on the first working day after the minimum; past the maximum is a warning.
  int first_gap_min_days = 14;
  int first_gap_max_days = 21;
  // Later sessions add the darkest shade between settled dots: the artist judges them
  // 3-4 weeks after the previous session, when the flaking is over and the colour has
  // mostly settled (true colour at about a month; clinics space them 2-4 weeks).
  int later_gap_min_days = 21;
  int later_gap_max_days = 28;
  std::vector<std::chrono::weekday> working_days = {std::chrono::Monday, std::chrono::Tuesday, std::chrono::Wednesday,
                                                    std::chrono::Thursday, std::chrono::Friday};
  int all_within_months = 12;        // every session within a year of the first (seed)
  int touch_up_min_months = 12;      // a touch-up any time after 12 months (seed; fullscalp.com)
  // The recall when the simulated fading never reaches the threshold: careful patients
  // go up to about 10 years (seed; clinics), and the simulation is not asked beyond.
  int touch_up_max_months = 120;
  // A hair transplant is never the same day (domain.md); kept apart on either side so
  // that neither healing (7-14 days each) nor its inflammation overlaps the other and
  // the grafts have anchored before needles work near them. Clinics that want to see
  // graft growth first ask for months: tune it.
  int transplant_min_gap_days = 30;
  int session_start_hour = 9;        // local time of the first appointment of the day
};

// A check-in after each session, `day` days after it.
struct FollowUpCheck {
  int day;
  std::string what;
};

// Aftercare and symptom triage (domain.md "Aftercare and side effects"). Counted in days
// after the treatment day (day 0).
struct AftercareParameters {
  int no_wash_days = 3;              // no washing the scalp: extrinsic fading (seed)
  int keep_dry_days = 4;             // no sweat, rain or shower on the scalp (seed)
  int no_sun_sauna_swim_days = 30;   // sun, steam room, sauna, pool or sea (seed)
  // Sweat and friction lift pigment until the skin has closed; the seed says "limit"
  // without a number, so the first week, the start of the 7-10 day healing.
  int limited_exercise_days = 7;
  int healed_min_days = 7;           // healed in 7-10 days (seed)
  int healed_max_days = 10;
  int true_colour_days = 30;         // true colour at about a month (seed)
  std::vector<FollowUpCheck> follow_ups = {
      {3, "end of the no-washing days: redness and swelling settling? any symptoms?"},
      {10, "healing check: flaking over, skin closed?"},
      {30, "true colour: photos, and the shade and density for the next session or the sign-off"}};
  // Triage: a symptom is normal up to `*_normal_days` after the session, worth watching
  // later, and a reason to contact the clinic now once it has lasted longer than
  // `*_contact_days`. Redness and swelling are the common first-days reaction (seed;
  // redness fades in about 4 days, ImpressionLifeParameters::erythema_days); itching
  // belongs to the 7-10 day healing; a rash may be a pigment allergy.
  int redness_normal_days = 4;
  int redness_contact_days = 7;
  int swelling_normal_days = 3;
  int swelling_contact_days = 7;
  int itching_normal_days = 10;
  int itching_contact_days = 14;
  int rash_contact_days = 3;         // never normal; contact if it has not gone in 3 days
  // Swollen lymph nodes at the skull base or neck can occur; if they persist it may be
  // infection (seed). A reactive node settles in a few days. Fever and pus: always now.
  int lymph_nodes_contact_days = 3;
};

// Landmarks and the head pose on a clinic photo (docs/photo.md "Landmarks and pose").
struct PhotoPoseParameters {
  // Phones' main cameras are 24-28 mm equivalent (iPhone 13-15 and Galaxy S2x: 26 mm); the
  // equivalent is quoted for the diagonal field of view of the 36 x 24 mm frame.
  double default_focal_35mm_mm = 26;
  // Adult mean interpupillary distance (Dodgson 2004, Proc. SPIE 5291: 63 mm, SD 3.8).
  double interpupillary_mm = 63;
  // Refused above these, as a fraction of the image diagonal (2500 px on 2000 x 1500):
  double max_rms_fraction_of_diagonal = 0.01;       // reprojection RMS (25 px)
  double max_landmark_fraction_of_diagonal = 0.02;  // one landmark against the others (50 px)
};

// Landmark suggestions on a front photo from OpenCV's Haar cascades (docs/photo.md
// "Landmark suggestions"). Only a starting point: the clinic checks every point.
struct LandmarkSuggestionParameters {
  // Debian's opencv-data package (scripts/install-deps.sh) installs the cascades here.
  std::string cascade_dir = "/usr/share/opencv4/haarcascades";
  // Lienhart's frontal face cascade (alt2); "default" gives the same box within 2 px on the
  // fixture (examples/photos/README.md).
  std::string face_cascade = "haarcascade_frontalface_alt2.xml";
  // Also finds eyes behind glasses; on the fixture its box centres are within 1 px of the
  // hand-checked pupils, haarcascade_eye.xml's 2.5 px.
  std::string eye_cascade = "haarcascade_eye_tree_eyeglasses.xml";
  // Detection runs on a copy this long (phone photos are 4000 px): a face filling a tenth
  // of the photo is still 60 px, three times the cascades' 20-24 px window.
  int detection_long_side_px = 800;
  // A front photo shows the head and shoulders: smaller faces (people in the background,
  // faces on posters) are not the patient's.
  double min_face_fraction_of_short_side = 0.1;
  // The eyes are looked for in this band of the face box (fractions of its height from
  // the top); the cascade's box puts them at 0.35-0.4.
  double eye_band_top_fraction = 0.2;
  double eye_band_bottom_fraction = 0.6;
  // The lateral canthus: this fraction of the eye box's width out from its centre, at the
  // pupil's height. The eye box spans the lids and some skin; the head model puts the
  // canthi 15.5 mm outside pupils 63 mm apart (LandmarkParameters), 0.4 of a 37 mm box;
  // hand-checked 0.35 and 0.46 on the fixture.
  double canthus_from_eye_centre_fraction = 0.4;
  // Above the pupils' midpoint, perpendicular to the pupil line, in interpupillary
  // distances. Nasion: 10 mm above the canthi's height in the head model
  // (LandmarkParameters::canthus_below_nasion_mm; 10 / 63 = 0.16). Glabella: between the
  // brow heads, 0.24 on the fixture; the model's brow ridge (25 mm, 0.4) lies higher than
  // the soft-tissue point the clinic clicks on a photo.
  double nasion_above_pupils_fraction = 0.16;
  double glabella_above_pupils_fraction = 0.25;
  // Without both eyes the pupil line is guessed from the face box: its height at this
  // fraction of the box from the top and the pupils this fraction of its width apart
  // (0.37 and 0.47 on the fixture); only glabella and nasion are suggested from it.
  double eye_line_in_face_box_fraction = 0.37;
  double interpupillary_in_face_box_fraction = 0.47;
};

// Skin, hair and background on a photo with a fitted pose, the skin and hair colours,
// and the native hair coverage carried onto the scalp map (docs/photo.md "Tone and hair").
struct PhotoAnalysisParameters {
  // Segmentation runs on a copy this long: 1000 px puts 4-5 px on a millimetre-wide tuft
  // of hair at arm's length, and keeps a 12 MP photo's analysis well under a second.
  int working_long_side_px = 1000;
  // GrabCut (the head against the background) on a smaller copy still: it is iterative.
  int grabcut_long_side_px = 400;
  int grabcut_iterations = 3;
  // The model's silhouette starts GrabCut: inside it probably head, in a band this
  // fraction of the silhouette's size outside it probably background, beyond surely.
  double grabcut_band_fraction = 0.1;
  // The photo is divided by the model's lighting (a flash near the lens: 0.35 ambient
  // plus 0.65 Lambert, render/head_view.cpp) to get the skin's own colour. Grazing
  // pixels, lit below this fraction (beyond 67 degrees), are left out: there the
  // ellipsoid model departs most from the head.
  double min_lit_fraction = 0.6;
  // Skin and hair are measured on the scalp and forehead, above this polar angle from
  // the vertex (the eyes, 90-100 degrees, stay out).
  double tone_max_polar_deg = 85;
  // Skin and hair colours closer than this (CIEDE2000) are one colour: the head is all
  // bare (or all haired) on this photo.
  double min_skin_hair_delta_e00 = 15;
  // A cluster smaller than this share of the measured pixels is moles, pores, glints
  // and shadows, not skin or hair.
  double min_cluster_share = 0.01;
  // The shaft's colour: the median of the darkest tenth of the hair pixels (the rest are
  // mixed with the skin between the hairs).
  double hair_darkest_fraction = 0.1;
  // Hair coverage on the scalp map: the share of skin hidden by hair, averaged over a
  // window of this size (Gaussian sigma, skin mm at the head's distance; about a
  // follicular unit's neighbourhood, domain.md 1-4 hairs per unit, 60-100 units/cm^2).
  double coverage_window_mm = 4;
  // A chart cell takes its coverage from the photo that sees it most squarely, and only
  // if the skin faces that camera within 70 degrees (cos 0.34): beyond, hair lying
  // along the line of sight covers the skin though the density is low.
  double min_facing_cos = 0.34;
  // The share of skin that full native hair hides, from the photo: this percentile of
  // the seen cells (full hair is the head's densest part). Below min_full_hair_cover
  // nothing on the photos is full hair and coverage is the hidden share itself.
  double full_hair_percentile = 0.95;
  double min_full_hair_cover = 0.25;
  // The painted mask written for pattern = "mask" (docs/case-file.md): pixels per chart mm.
  double mask_px_per_mm = 2;
  double mask_half_extent_mm = 220;
};

// A follow-up photo warped onto the baseline photo of the same view (docs/photo.md
// "Follow-up alignment"): landmarks for the start, ECC for the precision, and the limits
// beyond which the two photos are not taken to show the same view.
struct PhotoAlignmentParameters {
  // ECC runs on grey copies this long (phone photos are 4000 px): a head filling a third of
  // the frame keeps 250 px of texture, and an iteration stays at a few milliseconds.
  int working_long_side_px = 800;
  // Coarse to fine, each level half the next: ECC only reaches a few pixels at each level,
  // three levels (200, 400, 800 px) reach four times as far as one.
  int ecc_pyramid_levels = 3;
  int ecc_max_iterations = 100;     // per level; the tests' follow-ups settle within 10-20
  double ecc_epsilon = 1e-6;        // stop when the correlation gains less than this
  // Gaussian blur before ECC (OpenCV's default 5): smooths sensor noise and JPEG blocks.
  int ecc_gauss_filter_px = 5;
  // false: the landmarks' similarity alone (at least 2 landmarks on both photos).
  bool refine_with_ecc = true;
  // Refused below this correlation: the tests' follow-ups in another light, with noise,
  // reach 0.999 aligned; a flat grey image 0.04 (random noise does not converge).
  double min_ecc = 0.6;
  // The head's size on the baseline over its size on the follow-up, each relative to its
  // photo's long side: 0.7-1.4 is the phone held up to 40% nearer or farther; beyond it the
  // follow-up is not the same view (or not the same framing) as the baseline.
  double min_scale = 0.7;
  double max_scale = 1.4;
  // A phone held crooked turns the photo a few degrees; beyond 20 it is another view.
  double max_rotation_deg = 20;
  // The affine ECC result must stay near a similarity: stretched more than 5% in one
  // direction, the photos were taken from different angles and a flat warp cannot match them.
  double max_anisotropy = 0.05;
  // The clicked landmarks must agree with the alignment: RMS of their distances after
  // warping, as a fraction of the baseline's diagonal (as PhotoPoseParameters' RMS limit).
  double max_landmark_rms_fraction_of_diagonal = 0.01;
};

struct ClinicalParameters {
  LandmarkParameters landmarks;
  ScalpMarginParameters margin;
  HairlineParameters hairline;
  DotParameters dots;
  DensityParameters density;
  SessionParameters sessions;
  SkinOpticsParameters skin;
  ImpressionLifeParameters life;
  NativeHairParameters hair;
  AppearanceParameters appearance;
  CandidacyParameters candidacy;
  ScheduleParameters schedule;
  AftercareParameters aftercare;
  PhotoPoseParameters photo_pose;
  PhotoAnalysisParameters photo_analysis;
  LandmarkSuggestionParameters landmark_suggestions;
  PhotoAlignmentParameters photo_alignment;
};

}  // namespace smp
