#include "smp/photo/landmark_suggestions.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "smp/io/atomic_file.h"

namespace smp {
namespace {

cv::CascadeClassifier load_cascade(const LandmarkSuggestionParameters& p, const std::string& file) {
  const std::filesystem::path path = std::filesystem::path(p.cascade_dir) / file;
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path.string() +
                             ": cascade file not found (Debian/Ubuntu: apt install opencv-data)");
  cv::CascadeClassifier c;
  if (!c.load(path.string()))
    throw std::runtime_error(path.string() + ": not an OpenCV cascade file");
  return c;
}

// OpenCV's defaults (scale step 1.1, 3 neighbours): the cascades were trained for them.
constexpr double kScaleStep = 1.1;
constexpr int kMinNeighbours = 3;

cv::Rect scaled(const cv::Rect& r, double k) {
  return {static_cast<int>(std::lround(r.x * k)), static_cast<int>(std::lround(r.y * k)),
          static_cast<int>(std::lround(r.width * k)), static_cast<int>(std::lround(r.height * k))};
}

cv::Point2d centre(const cv::Rect& r) { return {r.x + r.width / 2.0, r.y + r.height / 2.0}; }

// The eye box nearest to where the cascade's face box puts this eye, among those whose
// centre lies on that side of the face's middle.
std::optional<cv::Rect> eye_on_side(const std::vector<cv::Rect>& eyes, const cv::Rect& face,
                                    bool image_left, const LandmarkSuggestionParameters& p) {
  const double middle = face.x + face.width / 2.0;
  const cv::Point2d expected{
      middle + (image_left ? -0.5 : 0.5) * p.interpupillary_in_face_box_fraction * face.width,
      face.y + p.eye_line_in_face_box_fraction * face.height};
  std::optional<cv::Rect> best;
  double best_distance = 0;
  for (const cv::Rect& e : eyes) {
    const cv::Point2d c = centre(e);
    if ((c.x < middle) != image_left) continue;
    const double d = cv::norm(c - expected);
    if (!best || d < best_distance) best = e, best_distance = d;
  }
  return best;
}

ImagePoint inside(cv::Point2d q, int width_px, int height_px) {
  return {std::clamp(q.x, 0.0, static_cast<double>(width_px)),
          std::clamp(q.y, 0.0, static_cast<double>(height_px))};
}

}  // namespace

LandmarkSuggestions suggest_landmarks(const cv::Mat& bgr8, const LandmarkSuggestionParameters& p) {
  if (bgr8.empty() || bgr8.type() != CV_8UC3)
    throw std::invalid_argument("landmark suggestions need an 8-bit BGR photo");
  cv::CascadeClassifier face_cascade = load_cascade(p, p.face_cascade);
  cv::CascadeClassifier eye_cascade = load_cascade(p, p.eye_cascade);
  LandmarkSuggestions s;
  s.width_px = bgr8.cols;
  s.height_px = bgr8.rows;

  // Detect on a copy at most detection_long_side_px long, contrast equalised (the
  // cascades were trained on equalised faces), and scale the boxes back.
  const double shrink =
      std::min(1.0, static_cast<double>(p.detection_long_side_px) / std::max(bgr8.cols, bgr8.rows));
  cv::Mat small, grey;
  if (shrink < 1)
    cv::resize(bgr8, small, {}, shrink, shrink, cv::INTER_AREA);
  else
    small = bgr8;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(grey, grey);

  const int min_face = std::max(
      1, static_cast<int>(p.min_face_fraction_of_short_side * std::min(grey.cols, grey.rows)));
  std::vector<cv::Rect> faces;
  face_cascade.detectMultiScale(grey, faces, kScaleStep, kMinNeighbours, 0, {min_face, min_face});
  s.faces_found = static_cast<int>(faces.size());
  if (faces.empty()) {
    s.notes.push_back("no face found (a straight front view, the face at least " +
                      fmt::format("{:.0f}", 100 * p.min_face_fraction_of_short_side) +
                      "% of the photo's short side, evenly lit)");
    return s;
  }
  const cv::Rect face =
      *std::max_element(faces.begin(), faces.end(),
                        [](const cv::Rect& a, const cv::Rect& b) { return a.area() < b.area(); });
  if (faces.size() > 1)
    s.notes.push_back(fmt::format("{} faces found: used the largest", faces.size()));

  // The eyes, in the band of the face box where they lie.
  const int band_top = face.y + static_cast<int>(p.eye_band_top_fraction * face.height);
  const int band_bottom = face.y + static_cast<int>(p.eye_band_bottom_fraction * face.height);
  const cv::Rect band = cv::Rect(face.x, band_top, face.width, band_bottom - band_top) &
                        cv::Rect(0, 0, grey.cols, grey.rows);
  std::vector<cv::Rect> eyes;
  // An eye is about a fifth to a quarter of the face box wide.
  const int min_eye = std::max(1, face.width / 10), max_eye = std::max(min_eye + 1, face.width / 2);
  eye_cascade.detectMultiScale(grey(band), eyes, kScaleStep, kMinNeighbours, 0, {min_eye, min_eye},
                               {max_eye, max_eye});
  for (cv::Rect& e : eyes) e += band.tl();
  // The patient's right eye is on the image's left in a front photo.
  const std::optional<cv::Rect> right_eye = eye_on_side(eyes, face, true, p),
                                left_eye = eye_on_side(eyes, face, false, p);

  const double grow = 1 / shrink;
  s.face = scaled(face, grow);
  const auto put = [&](PhotoLandmark l, cv::Point2d q) {
    s.points[l] = inside(q, s.width_px, s.height_px);
  };
  cv::Point2d pupil_right, pupil_left;
  if (right_eye && left_eye) {
    s.eyes = {scaled(*right_eye, grow), scaled(*left_eye, grow)};
    pupil_right = centre(s.eyes[0]);
    pupil_left = centre(s.eyes[1]);
    put(PhotoLandmark::pupil_right, pupil_right);
    put(PhotoLandmark::pupil_left, pupil_left);
    // Outwards along the pupil line (the head may be rolled).
    const cv::Point2d outward_left =
        (pupil_left - pupil_right) / cv::norm(pupil_left - pupil_right);
    put(PhotoLandmark::lateral_canthus_right,
        pupil_right - p.canthus_from_eye_centre_fraction * s.eyes[0].width * outward_left);
    put(PhotoLandmark::lateral_canthus_left,
        pupil_left + p.canthus_from_eye_centre_fraction * s.eyes[1].width * outward_left);
  } else {
    const int found = (right_eye ? 1 : 0) + (left_eye ? 1 : 0);
    if (right_eye) s.eyes.push_back(scaled(*right_eye, grow));
    if (left_eye) s.eyes.push_back(scaled(*left_eye, grow));
    s.notes.push_back(
        std::string(found == 1 ? "one eye found" : "no eyes found") +
        ": pupils and canthi not suggested; glabella and nasion placed from the face box");
    const cv::Rect& f = *s.face;
    const double y = f.y + p.eye_line_in_face_box_fraction * f.height,
                 half = p.interpupillary_in_face_box_fraction * f.width / 2;
    pupil_right = {f.x + f.width / 2.0 - half, y};
    pupil_left = {f.x + f.width / 2.0 + half, y};
  }
  // Up, perpendicular to the pupil line, scaled by the interpupillary distance in px.
  const cv::Point2d across = pupil_left - pupil_right, middle = (pupil_left + pupil_right) / 2;
  const cv::Point2d up{across.y, -across.x};
  put(PhotoLandmark::glabella, middle + p.glabella_above_pupils_fraction * up);
  put(PhotoLandmark::nasion, middle + p.nasion_above_pupils_fraction * up);
  return s;
}

std::string landmarks_toml(const LandmarkSuggestions& s) {
  std::vector<std::string> comments{
      "suggested by smp photo suggest: check every point, move what is wrong, delete what is not "
      "visible",
      "(docs/photo.md \"Landmark suggestions\"); save it as landmarks.toml, then run smp photo fit",
      "set focal_35mm_mm (default 26, a phone's main camera) or focal_px, and interpupillary_mm if "
      "measured"};
  for (const std::string& n : s.notes) comments.push_back("note: " + n);
  PhotoLandmarks l;
  l.width_px = s.width_px;
  l.height_px = s.height_px;
  l.view = View::front;
  l.points = s.points;
  return photo_landmarks_toml(l, comments);
}

void write_suggested_landmarks(const std::filesystem::path& path, const LandmarkSuggestions& s) {
  write_file_atomically(path, landmarks_toml(s));
}

}  // namespace smp
