#include "smp/report/design_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace smp {
namespace {

double round_to(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

nlohmann::json point_json(Vec3 p) {
  return {{"x_mm", round_to(p.x, 2)}, {"y_mm", round_to(p.y, 2)}, {"z_mm", round_to(p.z, 2)}};
}

}  // namespace

std::string design_json(const Case& c, const TargetField& field, const Design& d) {
  using nlohmann::json;
  const HeadModel& head = field.map().head();
  const Landmarks& L = head.landmarks();
  json j;
  j["schema"] = "smp-studio/design/1";
  j["patient"] = {{"id", c.patient.id},
                  {"sex", c.patient.sex == Sex::male ? "male" : "female"},
                  {"age", c.patient.age},
                  {"phototype", c.patient.phototype},
                  {"hair_colour", c.patient.hair_colour}};
  j["seed"] = c.seed;
  j["head"] = {{"measurements_cm",
                {{"circumference", c.head.circumference_cm},
                 {"ear_to_ear", c.head.ear_to_ear_cm},
                 {"nasion_to_inion", c.head.nasion_to_inion_cm}}},
               {"model_cm",
                {{"circumference", round_to(head.circumference_mm() / 10, 2)},
                 {"ear_to_ear", round_to(head.ear_to_ear_arc_mm() / 10, 2)},
                 {"nasion_to_inion", round_to(head.nasion_to_inion_arc_mm() / 10, 2)}}},
               {"semi_axes_mm",
                {round_to(head.semi_axis_x_mm(), 2), round_to(head.semi_axis_y_mm(), 2),
                 round_to(head.semi_axis_z_mm(), 2)}},
               {"landmarks",
                {{"nasion", point_json(L.nasion)},
                 {"glabella", point_json(L.glabella)},
                 {"vertex", point_json(L.vertex)},
                 {"inion", point_json(L.inion)},
                 {"ear_canal_left", point_json(L.ear_canal_left)},
                 {"ear_canal_right", point_json(L.ear_canal_right)},
                 {"lateral_canthus_left", point_json(L.lateral_canthus_left)},
                 {"lateral_canthus_right", point_json(L.lateral_canthus_right)}}}};
  json scars = json::array();
  for (const auto& s : field.scars())
    scars.push_back({{"type", s->name()}, {"description", s->description()}});
  j["hair_loss"] = {{"pattern", field.loss().name()},
                    {"description", field.loss().description()},
                    {"hair_length_mm", c.loss.hair_length_mm},
                    {"bald_area_cm2", round_to(d.bald_area_cm2, 1)},
                    {"scars", scars}};
  const HairlineDesign& h = field.hairline();
  auto chart_json = [&](SurfaceAngles s) {
    const ChartPoint p = field.map().chart(s);
    return json{{"u_mm", round_to(p.u_mm, 2)}, {"v_mm", round_to(p.v_mm, 2)}};
  };
  j["hairline"] = {{"style", name(h.style)},
                   {"mid_frontal_above_glabella_cm", h.params.mid_frontal_above_glabella_cm},
                   {"transition_mm", h.params.transition_mm},
                   {"macro_irregularity_mm", h.params.macro_irregularity_mm},
                   {"micro_irregularity_mm", h.params.micro_irregularity_mm},
                   {"points",
                    {{"mid_frontal", chart_json(h.mid_frontal)},
                     {"frontotemporal_left", chart_json(h.frontotemporal_left)},
                     {"frontotemporal_right", chart_json(h.frontotemporal_right)},
                     {"temporal_left", chart_json(h.temporal_left)},
                     {"temporal_right", chart_json(h.temporal_right)}}}};
  j["scalp_area_cm2"] = round_to(d.scalp_area_cm2, 2);
  j["treated_area_cm2"] = round_to(d.treated_area_cm2, 2);
  json regions = json::array();
  for (const RegionStats& r : d.regions)
    regions.push_back({{"name", name(r.region)},
                       {"goal", name(r.goal)},
                       {"area_cm2", round_to(r.area_cm2, 2)},
                       {"treated_area_cm2", round_to(r.treated_area_cm2, 2)},
                       {"native_coverage", round_to(r.mean_coverage, 3)},
                       {"target_density_per_cm2", round_to(r.target_density_per_cm2, 2)},
                       {"achieved_density_per_cm2", round_to(r.achieved_density_per_cm2, 2)},
                       {"dots", r.dots},
                       {"dots_per_session", r.dots_per_session}});
  j["regions"] = regions;
  json sessions = json::array();
  for (const SessionPlan& s : d.sessions)
    sessions.push_back({{"index", s.index},
                        {"shade_name", kShades[c.shades.session_shades[s.index - 1]].name},
                        {"dots", s.dots},
                        {"cumulative_fraction", round_to(s.cumulative_fraction, 4)},
                        {"shade", round_to(s.shade, 3)},
                        {"estimated_minutes", round_to(s.estimated_minutes, 1)}});
  j["sessions"] = sessions;
  j["shade_recommendation"] = {{"reasons", c.shades.reasons}, {"warnings", c.shades.warnings}};
  j["dots_total"] = d.dots.size();
  j["estimated_total_minutes"] = round_to(d.total_minutes(), 1);
  j["needles"] = d.needles;
  j["parameters"] = {{"final_density_per_cm2", c.params.density.final_per_cm2},
                     {"density_work_per_cm2", c.params.density.density_work_per_cm2},
                     {"treated_threshold_per_cm2", c.params.density.treated_threshold_per_cm2},
                     {"min_gap_mm", c.params.dots.min_gap_mm},
                     {"impressions_per_minute", c.params.sessions.impressions_per_minute},
                     {"setup_minutes", c.params.sessions.setup_minutes}};
  return j.dump(2) + "\n";
}

}  // namespace smp
