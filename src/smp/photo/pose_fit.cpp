#include "smp/photo/pose_fit.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/calib3d.hpp>

#include "smp/io/atomic_file.h"
#include "smp/io/input_error.h"
#include "smp/render/head_view.h"

namespace smp {
namespace {

struct Pose {
  cv::Vec3d rvec, tvec;
};

// The pose landmarks with their model points: each its own, or its mirror image's when
// `swap_sides` (the photo's left and right labels exchanged).
struct Correspondences {
  std::vector<PhotoLandmark> ids;
  std::vector<cv::Point3d> model;
  std::vector<cv::Point2d> image;
};

cv::Point3d to_cv(Vec3 v) { return {v.x, v.y, v.z}; }

Correspondences pose_correspondences(const HeadModel& head, const PhotoLandmarks& photo,
                                     bool swap_sides) {
  Correspondences c;
  for (const auto& [l, p] : photo.points) {
    if (is_pupil(l)) continue;
    c.ids.push_back(l);
    c.model.push_back(
        to_cv(landmark_on_model(head, swap_sides ? mirrored(l) : l, photo.interpupillary_mm)));
    c.image.emplace_back(p.x_px, p.y_px);
  }
  return c;
}

// SQPNP finds the global minimum without a start; Levenberg-Marquardt (ITERATIVE) then
// minimises the reprojection error itself, which is what the limits are stated in.
Pose solve(const std::vector<cv::Point3d>& model, const std::vector<cv::Point2d>& image,
           const cv::Matx33d& k, const Pose* start) {
  Pose p;
  if (start)
    p = *start;
  else
    cv::solvePnP(model, image, k, cv::noArray(), p.rvec, p.tvec, false, cv::SOLVEPNP_SQPNP);
  cv::solvePnP(model, image, k, cv::noArray(), p.rvec, p.tvec, true, cv::SOLVEPNP_ITERATIVE);
  return p;
}

std::vector<cv::Point2d> project(const std::vector<cv::Point3d>& model, const Pose& p,
                                 const cv::Matx33d& k) {
  std::vector<cv::Point2d> out;
  cv::projectPoints(model, p.rvec, p.tvec, k, cv::noArray(), out);
  return out;
}

std::vector<double> residuals_px(const Correspondences& c, const Pose& p, const cv::Matx33d& k) {
  const std::vector<cv::Point2d> seen = project(c.model, p, k);
  std::vector<double> r;
  for (std::size_t i = 0; i < seen.size(); ++i) r.push_back(cv::norm(seen[i] - c.image[i]));
  return r;
}

double rms(const std::vector<double>& r) {
  double s = 0;
  for (double v : r) s += v * v;
  return std::sqrt(s / static_cast<double>(r.size()));
}

bool behind_camera(const Correspondences& c, const Pose& p) {
  cv::Matx33d rot;
  cv::Rodrigues(p.rvec, rot);
  return std::any_of(c.model.begin(), c.model.end(), [&](const cv::Point3d& m) {
    return (rot * cv::Vec3d(m.x, m.y, m.z) + p.tvec)[2] <= 0;
  });
}

// The landmark that disagrees most with the others, and by how much. With one to spare,
// it is the one without which the others fit best (a misplaced landmark pulls the fit
// towards itself, so its own residual hides part of its error and others look wrong too),
// and its error is its distance from where the others put it. With none to spare, it is
// the one with the largest residual.
struct Suspect {
  std::size_t index = 0;
  double error_px = 0;
  bool judged_by_others = false;
};

Suspect most_suspect(const Correspondences& c, const Pose& full, const cv::Matx33d& k) {
  Suspect s;
  if (static_cast<int>(c.ids.size()) <= kMinPoseLandmarks) {
    const std::vector<double> r = residuals_px(c, full, k);
    s.index = static_cast<std::size_t>(std::max_element(r.begin(), r.end()) - r.begin());
    s.error_px = r[s.index];
    return s;
  }
  s.judged_by_others = true;
  double best_rest_rms = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < c.ids.size(); ++i) {
    Correspondences rest = c;
    const auto at = static_cast<std::ptrdiff_t>(i);
    rest.ids.erase(rest.ids.begin() + at);
    rest.model.erase(rest.model.begin() + at);
    rest.image.erase(rest.image.begin() + at);
    const Pose p = solve(rest.model, rest.image, k, &full);
    const double rest_rms = rms(residuals_px(rest, p, k));
    if (rest_rms < best_rest_rms) {
      best_rest_rms = rest_rms;
      s.index = i;
      s.error_px = cv::norm(project({c.model[i]}, p, k)[0] - c.image[i]);
    }
  }
  return s;
}

// What is wrong with a fit, if anything: the head behind the camera, one landmark off, or
// the RMS over its limit (limits: fractions of the image diagonal).
std::optional<std::string> fit_problem(const Correspondences& c, const Pose& pose,
                                       const cv::Matx33d& k, double diagonal_px,
                                       const PhotoPoseParameters& params) {
  if (behind_camera(c, pose))
    return "the fitted pose puts the head behind the camera: check the landmarks' labels";
  // Landmarks bunched together or on a line fit some pose exactly, far from any camera a
  // clinic holds: the distance tells.
  const double distance_mm = cv::norm(pose.tvec);
  if (distance_mm < params.min_camera_distance_mm || distance_mm > params.max_camera_distance_mm)
    return fmt::format(
        "the fitted camera is {:.0f} mm from the head, outside the {:.0f}-{:.0f} mm a clinic photo is "
        "taken from: the landmarks are too close together or misplaced",
        distance_mm, params.min_camera_distance_mm, params.max_camera_distance_mm);
  const double max_rms = params.max_rms_fraction_of_diagonal * diagonal_px;
  const double max_landmark = params.max_landmark_fraction_of_diagonal * diagonal_px;
  const double rms_px = rms(residuals_px(c, pose, k));
  const Suspect worst = most_suspect(c, pose, k);
  const std::string worst_text =
      fmt::format("'{}' is {:.1f} px from where {} put it", name(c.ids[worst.index]),
                  worst.error_px, worst.judged_by_others ? "the other landmarks" : "the fit");
  if (worst.error_px > max_landmark)
    return fmt::format(
        "landmark {} (limit {:.1f} px, {:g}% of the image diagonal): check where it was placed",
        worst_text, max_landmark, 100 * params.max_landmark_fraction_of_diagonal);
  if (rms_px > max_rms)
    return fmt::format(
        "reprojection RMS {:.1f} px is over the limit of {:.1f} px ({:g}% of the image diagonal); "
        "the worst landmark {}",
        rms_px, max_rms, 100 * params.max_rms_fraction_of_diagonal, worst_text);
  return std::nullopt;
}

// Why the fit must not be used, if it must not. Left and right exchanged (mislabelled, or
// a mirrored selfie) is named as such when the exchanged labels make a good fit.
std::optional<std::string> refusal(const HeadModel& head, const PhotoLandmarks& photo,
                                   const PhotoPoseParameters& params, const Correspondences& c,
                                   const Pose& pose, double rms_px, const cv::Matx33d& k) {
  const std::optional<std::string> problem = fit_problem(c, pose, k, photo.diagonal_px(), params);
  if (!problem) return std::nullopt;
  const Correspondences swapped = pose_correspondences(head, photo, true);
  const Pose sp = solve(swapped.model, swapped.image, k, nullptr);
  const double swapped_rms = rms(residuals_px(swapped, sp, k));
  if (swapped_rms < 0.5 * rms_px && !fit_problem(swapped, sp, k, photo.diagonal_px(), params))
    return fmt::format(
        "left and right look swapped: the RMS is {:.1f} px as labelled and {:.1f} px with them "
        "exchanged "
        "(the patient's left is on the right of a front photo; a front camera may mirror the "
        "picture)",
        rms_px, swapped_rms);
  return problem;
}

}  // namespace

Vec3 landmark_on_model(const HeadModel& head, PhotoLandmark l, double interpupillary_mm) {
  const Landmarks& m = head.landmarks();
  switch (l) {
    case PhotoLandmark::glabella: return m.glabella;
    case PhotoLandmark::nasion: return m.nasion;
    case PhotoLandmark::lateral_canthus_left: return m.lateral_canthus_left;
    case PhotoLandmark::lateral_canthus_right: return m.lateral_canthus_right;
    case PhotoLandmark::vertex: return m.vertex;
    case PhotoLandmark::ear_canal_left: return m.ear_canal_left;
    case PhotoLandmark::ear_canal_right: return m.ear_canal_right;
    case PhotoLandmark::inion: return m.inion;
    case PhotoLandmark::pupil_left:
    case PhotoLandmark::pupil_right: {
      const Vec3 canthus =
          l == PhotoLandmark::pupil_left ? m.lateral_canthus_left : m.lateral_canthus_right;
      const double y = std::copysign(interpupillary_mm / 2, canthus.y), z = canthus.z;
      const double a = head.semi_axis_x_mm(), b = head.semi_axis_y_mm(), c = head.semi_axis_z_mm();
      return {a * std::sqrt(std::max(0.0, 1 - (y * y) / (b * b) - (z * z) / (c * c))), y, z};
    }
  }
  throw std::logic_error("unknown landmark");
}

cv::Matx33d camera_matrix(const PhotoLandmarks& photo) {
  return {
      photo.focal_px, 0, photo.width_px / 2.0, 0, photo.focal_px, photo.height_px / 2.0, 0, 0, 1};
}

PoseFit fit_head_pose(const HeadModel& head, const PhotoLandmarks& photo,
                      const PhotoPoseParameters& params) {
  const Correspondences c = pose_correspondences(head, photo, false);
  if (static_cast<int>(c.ids.size()) < kMinPoseLandmarks)
    throw InputError(
        photo.source, 0, "",
        fmt::format("solvePnP needs at least {} landmarks besides the pupils, found {}",
                    kMinPoseLandmarks, c.ids.size()));
  const cv::Matx33d k = camera_matrix(photo);
  PoseFit fit;
  Pose pose;
  try {
    pose = solve(c.model, c.image, k, nullptr);
  } catch (const cv::Exception&) {
    // SQPnP refuses image points with (almost) no spread: landmarks clicked on one spot.
    fit.focal_px = photo.focal_px;
    fit.refused = "the landmarks are too close together to fit a pose: place each on its feature";
    return fit;
  }

  fit.rotation_rad = pose.rvec;
  fit.translation_mm = pose.tvec;
  fit.focal_px = photo.focal_px;
  const std::vector<double> r = residuals_px(c, pose, k);
  for (std::size_t i = 0; i < r.size(); ++i) fit.residual_px.emplace_back(c.ids[i], r[i]);
  fit.rms_px = rms(r);

  // The model's size against the reference's: both seen at the same pose, so their ratio
  // is the model's scale error (a k times larger model sits k times further away).
  const double model_mm_per_px = pose.tvec[2] / photo.focal_px;
  fit.scale_source = "head model";
  if (photo.ruler) {
    const RulerReference& ruler = *photo.ruler;
    const double ruler_px =
        std::hypot(ruler.end.x_px - ruler.start.x_px, ruler.end.y_px - ruler.start.y_px);
    fit.scale_ratio = model_mm_per_px / (ruler.length_mm / ruler_px);
    fit.scale_source = "ruler";
  } else if (photo.points.count(PhotoLandmark::pupil_left) &&
             photo.points.count(PhotoLandmark::pupil_right)) {
    const std::vector<cv::Point2d> model_pupils = project(
        {to_cv(landmark_on_model(head, PhotoLandmark::pupil_left, photo.interpupillary_mm)),
         to_cv(landmark_on_model(head, PhotoLandmark::pupil_right, photo.interpupillary_mm))},
        pose, k);
    const ImagePoint left = photo.points.at(PhotoLandmark::pupil_left),
                     right = photo.points.at(PhotoLandmark::pupil_right);
    fit.scale_ratio = std::hypot(left.x_px - right.x_px, left.y_px - right.y_px) /
                      cv::norm(model_pupils[0] - model_pupils[1]);
    fit.scale_source = "interpupillary distance";
  }
  fit.mm_per_px_at_head = model_mm_per_px / fit.scale_ratio;
  fit.refused = refusal(head, photo, params, c, pose, fit.rms_px, k);
  return fit;
}

PinholeCamera camera_of(const PoseFit& fit, int width_px, int height_px) {
  PinholeCamera c;
  cv::Rodrigues(fit.rotation_rad, c.rotation);
  c.translation_mm = fit.translation_mm;
  c.focal_px = fit.focal_px;
  c.width_px = width_px;
  c.height_px = height_px;
  return c;
}

PhotoPose load_pose_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the pose (make it with smp photo fit)");
  std::stringstream text;
  text << in.rdbuf();
  return parse_pose_json(text.str(), path);
}

PhotoPose parse_pose_json(const std::string& json_text, const std::string& path) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(path, 0, "", "not a JSON object");
  const auto field = [&](const nlohmann::json& parent, const std::string& key,
                         const std::string& name) -> const nlohmann::json& {
    if (!parent.is_object() || !parent.contains(key))
      throw InputError(path, 0, name, "is required");
    return parent[key];
  };
  const auto text = [&](const std::string& key) {
    const nlohmann::json& v = field(j, key, key);
    if (!v.is_string()) throw InputError(path, 0, key, "expected a string");
    return v.get<std::string>();
  };
  const auto number = [&](const nlohmann::json& v, const std::string& name) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      throw InputError(path, 0, name, "expected a number");
    return v.get<double>();
  };
  // Whole pixels, as a photo has them (and what the outputs' sizes are made of).
  const auto pixels = [&](const std::string& key) {
    const double v = number(field(j["camera"], key, "camera." + key), "camera." + key);
    if (v < 1 || v > 100000 || v != std::floor(v))
      throw InputError(path, 0, "camera." + key, "expected a whole number of pixels, 1-100000");
    return static_cast<int>(v);
  };
  const auto vec3 = [&](const std::string& key) {
    const nlohmann::json& v = field(j, key, key);
    if (!v.is_array() || v.size() != 3) throw InputError(path, 0, key, "expected three numbers");
    return cv::Vec3d(number(v[0], key), number(v[1], key), number(v[2], key));
  };
  if (text("schema") != "smp-studio/photo-pose/1")
    throw InputError(path, 0, "schema", "expected \"smp-studio/photo-pose/1\"");
  PhotoPose pose;
  // The view names the outputs' files: only the clinic's views (as the landmarks file).
  const std::string view = text("view");
  const std::optional<View> clinic_view = clinic_view_named(view);
  if (!clinic_view)
    throw InputError(path, 0, "view",
                     "unknown view '" + view + "' (expected front, top, left, right or back)");
  pose.view = *clinic_view;
  if (!field(j, "camera", "camera").is_object())
    throw InputError(path, 0, "camera", "expected an object");
  PoseFit fit;
  fit.rotation_rad = vec3("rotation_rodrigues_rad");
  fit.translation_mm = vec3("translation_mm");
  fit.focal_px = number(field(j["camera"], "focal_px", "camera.focal_px"), "camera.focal_px");
  if (!(fit.focal_px > 0)) throw InputError(path, 0, "camera.focal_px", "must be positive");
  const int width = pixels("width_px"), height = pixels("height_px");
  pose.camera = camera_of(fit, width, height);
  if (j.contains("reprojection") && j["reprojection"].is_object() &&
      j["reprojection"].contains("rms_px"))
    pose.rms_px = number(j["reprojection"]["rms_px"], "reprojection.rms_px");
  return pose;
}

std::string pose_json(const PoseFit& fit, const PhotoLandmarks& photo) {
  nlohmann::ordered_json residuals = nlohmann::ordered_json::object();
  for (const auto& [l, r] : fit.residual_px) residuals[std::string(name(l))] = r;
  const nlohmann::ordered_json j = {
      {"schema", "smp-studio/photo-pose/1"},
      {"landmarks_file", std::filesystem::path(photo.source).filename().string()},
      {"view", name(photo.view)},
      {"camera",
       {{"width_px", photo.width_px},
        {"height_px", photo.height_px},
        {"focal_px", fit.focal_px},
        {"principal_point_px", {photo.width_px / 2.0, photo.height_px / 2.0}}}},
      {"rotation_rodrigues_rad", {fit.rotation_rad[0], fit.rotation_rad[1], fit.rotation_rad[2]}},
      {"translation_mm", {fit.translation_mm[0], fit.translation_mm[1], fit.translation_mm[2]}},
      {"reprojection", {{"rms_px", fit.rms_px}, {"residuals_px", residuals}}},
      {"scale",
       {{"source", fit.scale_source},
        {"mm_per_px_at_head", fit.mm_per_px_at_head},
        {"model_to_photo_ratio", fit.scale_ratio}}}};
  return j.dump(2) + "\n";
}

void write_pose_json(const std::string& path, const PoseFit& fit, const PhotoLandmarks& photo) {
  write_file_atomically(path, pose_json(fit, photo));
}

}  // namespace smp
