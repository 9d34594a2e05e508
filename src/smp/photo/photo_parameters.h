// The photo pipeline's numbers: pose, landmark suggestions, analysis and follow-up
// alignment (docs/photo.md). Sources: docs/domain.md and docs/parameters.md (the index of every
// number, its default, range and source).
#pragma once

#include <string>

namespace smp {

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
  // A clinic photo is taken from a phone's close-up distance (15 cm: a hairline macro) to
  // across a treatment room (3 m); a fit outside it comes from bad landmarks.
  double min_camera_distance_mm = 150;
  double max_camera_distance_mm = 3000;
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
  int ecc_max_iterations = 100;  // per level; the tests' follow-ups settle within 10-20
  double ecc_epsilon = 1e-6;     // stop when the correlation gains less than this
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

struct PhotoParameters {
  PhotoPoseParameters photo_pose;
  PhotoAnalysisParameters photo_analysis;
  LandmarkSuggestionParameters landmark_suggestions;
  PhotoAlignmentParameters photo_alignment;
};

}  // namespace smp
