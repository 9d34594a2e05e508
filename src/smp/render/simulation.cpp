#include "smp/render/simulation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <opencv2/imgproc.hpp>

#include "smp/base/cancellation.h"
#include "smp/base/random.h"
#include "smp/colour/scielab.h"
#include "smp/render/parallel.h"
#include "smp/skin/hair_colour.h"
#include "smp/skin/impression_life.h"

namespace smp {
namespace {

constexpr double kBlackPigment = 20;  // a deposit dark enough to absorb all that reaches it
// Longer hair lies down and covers the scalp instead of standing as stubble; the views and
// close-ups draw it at this length (a density patient's long hair is not modelled).
constexpr double kMaxStubbleMm = 6;

// Hairs in one follicular unit: 1 to 2 x mean - 1, averaging the mean.
int hairs_in_unit(Random& rng, const NativeHairParameters& h) {
  return 1 + static_cast<int>(rng.uniform() * 2 * (h.hairs_per_unit - 1) + 0.5);
}

// 0.05 mm pixels resolve the smallest spread at 0.3 m (0.0283 deg = 0.15 mm); at 1.5 m
// the eye resolves 5x less, so images are averaged down 4x before filtering.
constexpr double kMetricPxPerMm = 20;

// The image as seen from a distance (S-CIELAB-filtered XYZ).
cv::Mat seen_xyz(const cv::Mat& xyz_full, double distance_m) {
  const double scale = distance_m < 1 ? 1 : 0.25;
  cv::Mat xyz = xyz_full;
  if (scale < 1) cv::resize(xyz_full, xyz, cv::Size(), scale, scale, cv::INTER_AREA);
  return scielab_filter_xyz(xyz, pixels_per_degree(1 / (kMetricPxPerMm * scale), distance_m));
}

Lab mean_lab(const cv::Mat& xyz) {
  const cv::Scalar m = cv::mean(xyz);
  return to_lab(Xyz{m[0], m[1], m[2]});
}

}  // namespace

std::vector<TreatmentState> standard_states(int sessions, const std::vector<double>& years,
                                            const ImpressionLifeParameters& life) {
  using Kind = TreatmentState::Kind;
  std::vector<TreatmentState> s{{Kind::before, "before", 0, 0}};
  for (int k = 1; k <= sessions; ++k)
    s.push_back({Kind::session, "session-" + std::to_string(k), k, 1});
  // Each session's result once healed: the step-by-step progress the patient sees.
  for (int k = 1; k < sessions; ++k)
    s.push_back(
        {Kind::session_healed, "session-" + std::to_string(k) + "-healed", k, life.healed_days});
  s.push_back(healed_state(sessions, life));
  for (double y : years) {
    char name[32];
    std::snprintf(name, sizeof name, "year-%g", y);  // %g: 1 -> "year-1", 2.5 -> "year-2.5"
    s.push_back({Kind::year, name, sessions, life.healed_days + 365.25 * y});
  }
  return s;
}

TreatmentState healed_state(int sessions, const ImpressionLifeParameters& life) {
  return {TreatmentState::Kind::healed, "healed", sessions, life.healed_days};
}

const TreatmentState* find_state(const std::vector<TreatmentState>& states,
                                 TreatmentState::Kind kind) {
  const auto it = std::find_if(states.begin(), states.end(),
                               [&](const TreatmentState& s) { return s.kind == kind; });
  return it == states.end() ? nullptr : &*it;
}

Simulation::Simulation(SimulationInputs inputs, const TargetField& field,
                       const PlannedDesign& planned, std::stop_token stop)
    : in_(std::move(inputs)),
      stop_(std::move(stop)),
      field_(field),
      planned_(planned),
      skin_(SkinLayers::for_phototype(in_.phototype, in_.params.skin)) {
  // Treated patch: the middle of the dots of the region with the most dots.
  const auto& regions = planned.design.regions;
  const auto most =
      std::max_element(regions.begin(), regions.end(),
                       [](const RegionStats& a, const RegionStats& b) { return a.dots < b.dots; });
  double su = 0, sv = 0;
  int n = 0;
  for (const Dot& d : planned.design.dots)
    if (d.region == most->region) su += d.chart.u_mm, sv += d.chart.v_mm, ++n;
  if (n) treated_ = {su / n, sv / n};
  // The centroid of a ring-shaped treatment can fall outside it: move to the nearest dot.
  if (n && field.sample(treated_).target_per_cm2 <= 0) {
    double best = 1e18;
    const ChartPoint c = treated_;
    for (const Dot& d : planned.design.dots)
      if (const double e = std::hypot(d.chart.u_mm - c.u_mm, d.chart.v_mm - c.v_mm); e < best)
        best = e, treated_ = d.chart;
  }
  // Reference: the nearest untreated, fully haired spot, haired for 10 mm around.
  const ScalpRaster& r = planned.raster;
  double nearest = 1e18, best_cov = -1;
  for (int row = 0; row < r.grid.size(); row += 4)
    for (int col = 0; col < r.grid.size(); col += 4) {
      const ChartPoint p = r.grid.center(col, row);
      bool ok = true;
      double cov = 1;
      for (double du : {-10.0, 0.0, 10.0})
        for (double dv : {-10.0, 0.0, 10.0}) {
          const FieldSample f = field.sample({p.u_mm + du, p.v_mm + dv});
          ok = ok && f.on_scalp && f.target_per_cm2 == 0 && !f.on_scar();
          cov = std::min(cov, f.on_scalp ? f.coverage : 0.0);
        }
      if (!ok) continue;
      const double d = std::hypot(p.u_mm - treated_.u_mm, p.v_mm - treated_.v_mm);
      if (cov > best_cov + 0.02 || (cov > best_cov - 0.02 && d < nearest))
        best_cov = std::max(best_cov, cov), nearest = d, reference_ = p;
    }
  hair_ = hair_look();
  grow_native_hair();
  const cv::Mat reference = render_closeup(reference_patch(), kMetricPxPerMm, stop_);
  reference_03m_ = mean_lab(seen_xyz(reference, 0.3));
  reference_15m_ = mean_lab(seen_xyz(reference, 1.5));
}

std::string Simulation::treated_region() const {
  return std::string(name(field_.sample(treated_).region));
}
std::string Simulation::reference_region() const {
  return std::string(name(field_.sample(reference_).region));
}

double Simulation::patch_scale(ChartPoint centre) const {
  return std::sqrt(field_.map().area_scale(centre));
}

Xyz Simulation::state_skin(const TreatmentState& state) const {
  // Redness around fresh impressions, fading over the first days.
  const double blood = state.sessions_done > 0 ? impression_at(state.days_after_last, 0, 0, 0,
                                                               false, in_.habits, in_.params.life)
                                                     .blood_factor
                                               : 1.0;
  return reflectance_to_xyz(bare_skin_reflectance(skin_, in_.params.skin, blood));
}

Simulation::DotLook Simulation::dot_look(const Dot& d, double age, const Xyz& skin) const {
  const ImpressionState s = impression_at(age, d.shade, d.diameter_um, d.depth_um, d.on_scar,
                                          in_.habits, in_.params.life);
  const Xyz core =
      reflectance_to_xyz(inked_skin_reflectance(skin_, in_.params.skin, s.deposit, s.blood_factor));
  return {core, s.visible_diameter_um, halo_saturation(skin, core, d.depth_um)};
}

double Simulation::halo_saturation(const Xyz& skin, const Xyz& core, double depth_um) const {
  const Xyz black = reflectance_to_xyz(
      inked_skin_reflectance(skin_, in_.params.skin, {kBlackPigment, depth_um, 0}));
  return std::clamp((skin.y - core.y) / std::max(1e-6, skin.y - black.y), 0.0, 1.0);
}

Simulation::HairLook Simulation::hair_look() const {
  const NativeHairParameters& h = in_.params.hair;
  const Lab hair = hair_lab(in_.hair_colour);
  // The hair under the skin: hair melanin seen through the dermis, darker for darker hair.
  const double darkness = std::clamp((100 - hair.l) / 84.0, 0.0, 1.0);
  const Xyz skin = reflectance_to_xyz(bare_skin_reflectance(skin_, in_.params.skin));
  const Xyz under = reflectance_to_xyz(inked_skin_reflectance(
      skin_, in_.params.skin, {h.subsurface_pigment * darkness, h.subsurface_depth_um, 0}));
  return {to_xyz(hair), under,
          in_.params.appearance.halo_length_per_depth * h.subsurface_depth_um / 1000,
          halo_saturation(skin, under, h.subsurface_depth_um)};
}

void Simulation::add_hair(CloseupScene& scene, ChartPoint centre, double coverage,
                          unsigned long long seed) const {
  const NativeHairParameters& h = in_.params.hair;
  const double units =
      h.hairs_per_cm2 / h.hairs_per_unit * coverage * scene.size_mm * scene.size_mm / 100;
  Random rng(
      seed ^ static_cast<unsigned long long>(std::llround(centre.u_mm * 1000 + centre.v_mm * 7)),
      Random::Stream::hair);
  const double elev = h.elevation_deg * kPi / 180,
               len = std::min(in_.hair_length_mm, kMaxStubbleMm);
  const double width = h.shaft_diameter_um / 2000;
  const int n_units = static_cast<int>(units + rng.uniform());
  for (int u = 0; u < n_units; ++u) {
    const ChartPoint f{rng.uniform() * scene.size_mm, rng.uniform() * scene.size_mm};
    const int hairs = hairs_in_unit(rng, h);
    // Scalp hair points backwards (down the patch) with some spread; the hairs of one
    // follicular unit run nearly parallel.
    const double unit_dir =
        -kPi / 2 + (rng.uniform() - 0.5) * 2 * h.direction_spread_deg * kPi / 180;
    for (int k = 0; k < hairs; ++k) {
      const double dir = unit_dir + (rng.uniform() - 0.5) * 0.2;
      const ChartPoint root{f.u_mm + 0.08 * k, f.v_mm};
      const double out = len * std::cos(elev), in = h.subsurface_length_mm * std::cos(elev);
      scene.in_skin.push_back({root,
                               {root.u_mm - in * std::cos(dir), root.v_mm - in * std::sin(dir)},
                               width,
                               hair_.under,
                               hair_.under_halo_mm,
                               hair_.under_saturation});
      if (out > 0.01)
        scene.on_skin.push_back({root,
                                 {root.u_mm + out * std::cos(dir), root.v_mm + out * std::sin(dir)},
                                 width,
                                 hair_.shaft,
                                 0,
                                 0});
    }
  }
}

void Simulation::grow_native_hair() {
  const NativeHairParameters& h = in_.params.hair;
  const ScalpRaster& r = planned_.raster;
  const ScalpMap& map = field_.map();
  const HeadModel& head = map.head();
  Random rng(in_.seed, Random::Stream::hair);
  const double elev = h.elevation_deg * kPi / 180,
               len = std::min(in_.hair_length_mm, kMaxStubbleMm);
  const double spread = h.direction_spread_deg * kPi / 180;
  // Scalp hair grows away from the crown whorl, a little behind the vertex.
  const Vec3 whorl = head.point({0.35, kPi});
  native_hair_.shaft = hair_.shaft;
  native_hair_.under = hair_.under;
  native_hair_.shaft_width_mm = h.shaft_diameter_um / 1000;
  // The buried shaft with its diffuse shadow: the width of a solid line that darkens the
  // skin as much (core plus the integral of the exponential halo on both sides).
  native_hair_.under_width_mm =
      native_hair_.shaft_width_mm + 2 * hair_.under_saturation * hair_.under_halo_mm;
  for (int row = 0; row < r.grid.size(); ++row) {
    throw_if_cancelled(stop_);
    for (int col = 0; col < r.grid.size(); ++col) {
      const std::size_t i = r.index(col, row);
      if (r.region[i] < 0 || r.coverage[i] <= 0) continue;
      const double units =
          h.hairs_per_cm2 / h.hairs_per_unit * r.coverage[i] * r.skin_area_mm2[i] / 100;
      for (int u = static_cast<int>(units + rng.uniform()); u > 0; --u) {
        const ChartPoint c = r.grid.center(col, row);
        const ChartPoint p{c.u_mm + (rng.uniform() - 0.5) * r.grid.cell_mm,
                           c.v_mm + (rng.uniform() - 0.5) * r.grid.cell_mm};
        const SurfaceAngles a = map.angles(p);
        const Vec3 root = head.point(a), n = head.normal(a);
        Vec3 away = root - whorl;
        away = away - dot(away, n) * n;
        if (length(away) < 1e-6)
          away = Vec3{-1, 0, 0} + n.x * n;  // backwards, in the tangent plane
        away = (1 / length(away)) * away;
        const double turn = (rng.uniform() - 0.5) * 2 * spread;
        const Vec3 along = std::cos(turn) * away + std::sin(turn) * cross(n, away);
        const Vec3 grow = std::cos(elev) * along + std::sin(elev) * n;
        for (int k = hairs_in_unit(rng, h); k > 0; --k)
          native_hair_.hairs.push_back(
              {root, root + len * grow, root - h.subsurface_length_mm * grow});
      }
    }
  }
}

CloseupScene Simulation::treated_patch(const TreatmentState& state) const {
  const AppearanceParameters& ap = in_.params.appearance;
  CloseupScene scene;
  scene.size_mm = ap.closeup_mm;
  const double gap = ap.session_gap_days;
  scene.skin = state_skin(state);
  const double scale = patch_scale(treated_), half = scene.size_mm / 2 / scale + 2;
  for (const Dot& d : planned_.design.dots) {
    if (d.session > state.sessions_done) continue;
    if (std::abs(d.chart.u_mm - treated_.u_mm) > half ||
        std::abs(d.chart.v_mm - treated_.v_mm) > half)
      continue;
    const DotLook look =
        dot_look(d, state.days_after_last + (state.sessions_done - d.session) * gap, scene.skin);
    const ChartPoint p{(d.chart.u_mm - treated_.u_mm) * scale + scene.size_mm / 2,
                       (d.chart.v_mm - treated_.v_mm) * scale + scene.size_mm / 2};
    scene.impressions.push_back({p, look.diameter_um / 2000, look.colour,
                                 ap.halo_length_per_depth * d.depth_um / 1000, look.saturation});
  }
  add_hair(scene, treated_, field_.sample(treated_).coverage, in_.seed);
  return scene;
}

cv::Mat Simulation::raking_closeup(const TreatmentState& state) const {
  const AppearanceParameters& ap = in_.params.appearance;
  const double px_mm = ap.closeup_px_per_mm;
  cv::Mat img = render_closeup(treated_patch(state), px_mm, stop_);
  const double scale = patch_scale(treated_), size = ap.closeup_mm;
  const int n = img.rows;
  // Height of the skin (mm, 0 outside scars) on the pixel grid.
  cv::Mat height(n, n, CV_64F, cv::Scalar(0));
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const ChartPoint p{treated_.u_mm + ((c + 0.5) / px_mm - size / 2) / scale,
                         treated_.v_mm + (size / 2 - (r + 0.5) / px_mm) / scale};
      const ScalpPoint sp = ScalpPoint::at(field_.map(), p);
      double d = 1e9;
      for (const auto& scar : field_.scars()) d = std::min(d, scar->signed_distance_mm(sp));
      // Sunken inside, sloping over the edge band around the scar's border.
      const double t = std::clamp(0.5 - d / ap.scar_relief_edge_mm, 0.0, 1.0);
      height.at<double>(r, c) = -ap.scar_relief_depth_mm * t * t * (3 - 2 * t);
    }
  // Light from the front (top of the patch), low over the skin.
  const double e = ap.raking_light_elevation_deg * kPi / 180;
  const Vec3 light{0, std::cos(e), std::sin(e)};
  const double h = 1 / px_mm;
  for (int r = 1; r + 1 < n; ++r)
    for (int c = 1; c + 1 < n; ++c) {
      const double dx = (height.at<double>(r, c + 1) - height.at<double>(r, c - 1)) / (2 * h);
      const double dy = (height.at<double>(r - 1, c) - height.at<double>(r + 1, c)) / (2 * h);
      const Vec3 normal{-dx, -dy, 1};
      const double shade = std::max(0.03, dot(normal, light) / length(normal)) / std::sin(e);
      img.at<cv::Vec3f>(r, c) *= static_cast<float>(std::min(shade, 3.0));
    }
  return img;
}

HeadScene Simulation::head_scene(const TreatmentState& state) const {
  HeadScene scene;
  scene.skin = state_skin(state);
  scene.hair = &native_hair_;
  // Impressions that look alike share one optical evaluation (10 um depth, 1% shade steps).
  std::map<std::tuple<int, long, long, long, bool>, DotLook> looks;
  const double gap = in_.params.appearance.session_gap_days,
               halo = in_.params.appearance.halo_length_per_depth;
  for (const Dot& d : planned_.design.dots) {
    if (d.session > state.sessions_done) continue;
    const double age = state.days_after_last + (state.sessions_done - d.session) * gap;
    const auto key =
        std::make_tuple(d.session, std::lround(d.depth_um / 10), std::lround(d.shade * 100),
                        std::lround(d.diameter_um / 10), d.on_scar);
    auto it = looks.find(key);
    if (it == looks.end()) it = looks.emplace(key, dot_look(d, age, scene.skin)).first;
    scene.dots.push_back({d.head_mm, it->second.diameter_um / 2000, it->second.colour,
                          halo * d.depth_um / 1000, it->second.saturation});
  }
  return scene;
}

CloseupScene Simulation::reference_patch() const {
  CloseupScene scene;
  scene.size_mm = in_.params.appearance.closeup_mm;
  scene.skin = reflectance_to_xyz(bare_skin_reflectance(skin_, in_.params.skin));
  add_hair(scene, reference_, field_.sample(reference_).coverage, in_.seed + 1);
  return scene;
}

namespace {

DistanceMetric compare(const cv::Mat& treated_lab, Lab reference) {
  std::vector<double> de;
  for (int r = 0; r < treated_lab.rows; r += 2)
    for (int c = 0; c < treated_lab.cols; c += 2) {
      const cv::Vec3f v = treated_lab.at<cv::Vec3f>(r, c);
      de.push_back(delta_e00({v[0], v[1], v[2]}, reference));
    }
  std::sort(de.begin(), de.end());
  return {de[de.size() / 2], de[de.size() * 9 / 10]};
}

}  // namespace

StateMetrics Simulation::metrics(const TreatmentState& state) const {
  const double px_mm = kMetricPxPerMm;
  const CloseupScene ts = treated_patch(state);
  const cv::Mat treated_full = render_closeup(ts, px_mm, stop_);
  StateMetrics m;
  m.state = state.name;
  for (double distance : {0.3, 1.5}) {
    const cv::Mat lab = lab_image(seen_xyz(treated_full, distance));
    (distance < 1 ? m.delta_e00_03m : m.delta_e00_15m) =
        compare(lab, distance < 1 ? reference_03m_ : reference_15m_);
    if (distance < 1 && state.sessions_done > 0) {
      // Dot cores against the skin at least 0.5 mm from every dot, as seen from 0.3 m.
      auto at = [&](ChartPoint p) {
        const int c = std::clamp(static_cast<int>(p.u_mm * px_mm), 0, lab.cols - 1),
                  r = std::clamp(static_cast<int>((ts.size_mm - p.v_mm) * px_mm), 0, lab.rows - 1);
        return lab.at<cv::Vec3f>(r, c);
      };
      cv::Vec3d cores(0, 0, 0), between(0, 0, 0);
      int nc = 0, nb = 0;
      // The skin between: points of a 0.25 mm grid (from 0.5 mm in) more than 0.5 mm from
      // every dot, each dot ruling out the grid points round it.
      constexpr double kStepMm = 0.25, kClearMm = 0.5;
      const int steps = static_cast<int>(std::ceil((ts.size_mm - kClearMm) / kStepMm));
      std::vector<std::uint8_t> near(static_cast<std::size_t>(steps) * steps, 0);
      for (const SkinDot& d : ts.impressions) {
        cores += cv::Vec3d(at(d.centre)), ++nc;
        const int i0 = std::max(
                      0,
                      static_cast<int>(std::floor((d.centre.u_mm - kClearMm * 2) / kStepMm)) - 1),
                  j0 = std::max(
                      0,
                      static_cast<int>(std::floor((d.centre.v_mm - kClearMm * 2) / kStepMm)) - 1);
        for (int j = j0; j < std::min(steps, j0 + 7); ++j)
          for (int i = i0; i < std::min(steps, i0 + 7); ++i) {
            const double x = kClearMm + i * kStepMm, y = kClearMm + j * kStepMm;
            if (chart_radius_mm({d.centre.u_mm - x, d.centre.v_mm - y}) <= kClearMm)
              near[static_cast<std::size_t>(j) * steps + i] = 1;
          }
      }
      for (int j = 0; j < steps; ++j)
        for (int i = 0; i < steps; ++i) {
          const double x = kClearMm + i * kStepMm, y = kClearMm + j * kStepMm;
          if (x < ts.size_mm && y < ts.size_mm && !near[static_cast<std::size_t>(j) * steps + i])
            between += cv::Vec3d(at({x, y})), ++nb;
        }
      if (nc && nb) {
        cores /= nc, between /= nb;
        m.dot_contrast_03m =
            delta_e00({cores[0], cores[1], cores[2]}, {between[0], between[1], between[2]});
      }
    }
  }
  return m;
}

double Simulation::touch_up_years(double horizon) const {
  const int sessions = static_cast<int>(planned_.design.sessions.size());
  const double healed = in_.params.life.healed_days,
               threshold = in_.params.appearance.touch_up_delta_e00;
  auto excess = [&](double years) {
    throw_if_cancelled(stop_);
    return metrics({TreatmentState::Kind::year, "", sessions, healed + 365.25 * years})
               .delta_e00_15m.median -
           threshold;
  };
  // The bracket's points at once (on the worker threads), then the bisection in turn.
  const std::vector<double> bracket{0.0, 1.0, 2.0, 4.0, 8.0, horizon};
  std::vector<double> bracket_excess(bracket.size());
  for_each_parallel(static_cast<int>(bracket.size()),
                    [&](int i) { bracket_excess[i] = excess(bracket[i]); });
  double lo = 0;
  if (bracket_excess[0] >= 0) return 0;
  for (std::size_t b = 1; b < bracket.size(); ++b) {
    if (bracket_excess[b] >= 0) {
      double hi = bracket[b];
      for (int i = 0; i < 6; ++i) {
        const double mid = (lo + hi) / 2;
        (excess(mid) >= 0 ? hi : lo) = mid;
      }
      return (lo + hi) / 2;
    }
    lo = bracket[b];
  }
  return horizon;
}

}  // namespace smp
