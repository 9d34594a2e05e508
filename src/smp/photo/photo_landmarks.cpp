#include "smp/photo/photo_landmarks.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/io/toml_reader.h"

namespace smp {
namespace {

// [x, y] inside the image.
ImagePoint read_point(TomlReader& r, const std::string& key, int width_px, int height_px) {
  const toml::array* a = r.array(key);
  if (!a) r.fail(nullptr, key, "is required");
  if (a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number())
    r.fail(a, key, "expected [x_px, y_px]");
  const ImagePoint p{(*a)[0].value<double>().value(), (*a)[1].value<double>().value()};
  if (!(p.x_px >= 0 && p.x_px <= width_px && p.y_px >= 0 && p.y_px <= height_px))
    r.fail(a, key,
           "point (" + std::to_string(p.x_px) + ", " + std::to_string(p.y_px) +
               ") is outside the " + std::to_string(width_px) + " x " + std::to_string(height_px) +
               " image");
  return p;
}

std::optional<PhotoLandmark> landmark_named(std::string_view key) {
  for (std::size_t i = 0; i < kPhotoLandmarkNames.size(); ++i)
    if (kPhotoLandmarkNames[i] == key) return static_cast<PhotoLandmark>(i);
  return std::nullopt;
}

// A whole decimal number ("1512", "1480.5"), nothing else.
std::optional<double> number_from(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string landmark_names() { return fmt::format("{}", fmt::join(kPhotoLandmarkNames, ", ")); }

[[noreturn]] void override_error(const std::string& option, const std::string& value,
                                 const std::string& why) {
  throw InputError("", 0, "", option + " '" + value + "': " + why);
}

}  // namespace

PhotoLandmark mirrored(PhotoLandmark l) {
  switch (l) {
    case PhotoLandmark::lateral_canthus_left: return PhotoLandmark::lateral_canthus_right;
    case PhotoLandmark::lateral_canthus_right: return PhotoLandmark::lateral_canthus_left;
    case PhotoLandmark::ear_canal_left: return PhotoLandmark::ear_canal_right;
    case PhotoLandmark::ear_canal_right: return PhotoLandmark::ear_canal_left;
    case PhotoLandmark::pupil_left: return PhotoLandmark::pupil_right;
    case PhotoLandmark::pupil_right: return PhotoLandmark::pupil_left;
    default: return l;
  }
}

int PhotoLandmarks::pose_landmark_count() const {
  int n = 0;
  for (const auto& [l, p] : points) n += is_pupil(l) ? 0 : 1;
  return n;
}

double PhotoLandmarks::diagonal_px() const { return std::hypot(width_px, height_px); }

double focal_px_from_35mm(double focal_35mm_mm, int width_px, int height_px) {
  const double full_frame_diagonal_mm = std::hypot(36.0, 24.0);
  return focal_35mm_mm / full_frame_diagonal_mm * std::hypot(width_px, height_px);
}

PhotoLandmarks load_photo_landmarks(const std::string& path, const PhotoPoseParameters& p) {
  const toml::table t = parse_toml(read_text_file(path, "landmarks file"), path);
  TomlReader r(path, t, "");
  PhotoLandmarks out;
  out.source = path;
  constexpr int kMaxSidePx = 100000;
  for (const char* key : {"width_px", "height_px"})
    if (!r.has(key)) r.fail(nullptr, key, "is required");
  out.width_px = r.integer("width_px", 0, 1, kMaxSidePx);
  out.height_px = r.integer("height_px", 0, 1, kMaxSidePx);
  out.view = r.choice("view", View::front,
                      {{"front", View::front},
                       {"top", View::top},
                       {"left", View::left},
                       {"right", View::right},
                       {"back", View::back}});
  if (r.has("focal_px") && r.has("focal_35mm_mm"))
    r.fail(r.node("focal_35mm_mm"), "focal_35mm_mm", "give focal_px or focal_35mm_mm, not both");
  const double focal_35mm = r.number("focal_35mm_mm", p.default_focal_35mm_mm, 8, 300);
  out.focal_px =
      r.number("focal_px", focal_px_from_35mm(focal_35mm, out.width_px, out.height_px), 10, 1e6);
  out.interpupillary_mm = r.number("interpupillary_mm", p.interpupillary_mm, 40, 85);

  const toml::table* lt = r.table("landmarks");
  if (!lt) r.fail(nullptr, "landmarks", "is required");
  TomlReader lr(path, *lt, "landmarks");
  for (const auto& [key, node] : *lt) {
    const std::optional<PhotoLandmark> l = landmark_named(key.str());
    if (!l) {
      lr.fail(&node, std::string(key.str()),
              "unknown landmark (expected one of " + landmark_names() + ")");
    }
    out.points[*l] = read_point(lr, std::string(key.str()), out.width_px, out.height_px);
  }
  if (out.pose_landmark_count() < kMinPoseLandmarks)
    r.fail(lt, "landmarks",
           "solvePnP needs at least " + std::to_string(kMinPoseLandmarks) +
               " landmarks besides the pupils, found " + std::to_string(out.pose_landmark_count()));
  if (out.points.count(PhotoLandmark::pupil_left) != out.points.count(PhotoLandmark::pupil_right))
    r.fail(lt, "landmarks", "give both pupils or neither (they are the scale reference)");

  if (const toml::table* rt = r.table("ruler")) {
    TomlReader rr(path, *rt, "ruler");
    if (!rr.has("length_mm")) rr.fail(nullptr, "length_mm", "is required");
    RulerReference ruler{read_point(rr, "start", out.width_px, out.height_px),
                         read_point(rr, "end", out.width_px, out.height_px),
                         rr.number("length_mm", 0, 1, 1000)};
    // Fewer pixels than this make the scale coarser than a few percent.
    constexpr double kMinRulerPx = 20;
    if (std::hypot(ruler.end.x_px - ruler.start.x_px, ruler.end.y_px - ruler.start.y_px) <
        kMinRulerPx)
      rr.fail(rr.node("end"), "end", "the ruler's ends are less than 20 px apart");
    rr.done();
    out.ruler = ruler;
  }
  r.done();
  return out;
}

std::string photo_landmarks_toml(const PhotoLandmarks& l,
                                 const std::vector<std::string>& comments) {
  std::string t;
  for (const std::string& c : comments) t += "# " + c + "\n";
  t += fmt::format("width_px = {}\nheight_px = {}\nview = \"{}\"\n", l.width_px, l.height_px,
                   name(l.view));
  if (l.focal_px > 0) t += fmt::format("focal_px = {:.2f}\n", l.focal_px);
  if (l.interpupillary_mm > 0)
    t += fmt::format("interpupillary_mm = {:.1f}\n", l.interpupillary_mm);
  t += "\n[landmarks]                # pixels from the top left corner of the photo\n"
       "# _left is the patient's left: the image's right in a front photo\n";
  std::vector<std::string_view> missing;
  for (std::size_t i = 0; i < kPhotoLandmarkNames.size(); ++i) {
    const auto landmark = static_cast<PhotoLandmark>(i);
    const auto it = l.points.find(landmark);
    if (it == l.points.end()) {
      missing.push_back(name(landmark));
      continue;
    }
    t += fmt::format("{} = [{:.1f}, {:.1f}]\n", name(landmark), it->second.x_px, it->second.y_px);
  }
  if (!missing.empty())
    t += fmt::format("# not given (add those that are visible): {}\n", fmt::join(missing, ", "));
  return t;
}

void apply_landmark_overrides(PhotoLandmarks& photo, const std::vector<std::string>& overrides,
                              const std::string& option) {
  for (const std::string& o : overrides) {
    const auto fail = [&](const std::string& why) { override_error(option, o, why); };
    const std::size_t eq = o.find('='), comma = o.find(',', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || comma == std::string::npos)
      fail("expected NAME=X,Y (pixels, e.g. glabella=1512,1480)");
    const std::string_view text(o);
    const std::optional<PhotoLandmark> l = landmark_named(text.substr(0, eq));
    if (!l)
      fail("unknown landmark '" + o.substr(0, eq) + "' (expected one of " + landmark_names() + ")");
    const std::optional<double> x = number_from(text.substr(eq + 1, comma - eq - 1)),
                                y = number_from(text.substr(comma + 1));
    if (!x || !y) fail("expected two numbers X,Y in pixels after '='");
    if (!(*x >= 0 && *x <= photo.width_px && *y >= 0 && *y <= photo.height_px))
      fail("point is outside the " + std::to_string(photo.width_px) + " x " +
           std::to_string(photo.height_px) + " image");
    photo.points[*l] = {*x, *y};
  }
  if (photo.points.count(PhotoLandmark::pupil_left) !=
      photo.points.count(PhotoLandmark::pupil_right))
    throw InputError("", 0, option, "give both pupils or neither (they are the scale reference)");
}

}  // namespace smp
