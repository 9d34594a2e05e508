// The hairline editor's API (docs/openapi.yaml "Live design"): the consultation's design
// as the screen draws it, and an edit answered with the dots that changed; an edit with
// "save" is also written to the case as a new version, in one transaction.
#include <chrono>
#include <iterator>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/case/case_json.h"
#include "smp/design/region_outlines.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/case_records.h"
#include "smp/server/live_designs.h"

namespace smp::server {
namespace {

using nlohmann::json;
using store::AuditAction;
using store::Connection;

const char* kLiveDesignPath = R"(/api/consultations/(C-[0-9A-F]{10})/live-design)";

// 0.01 mm: the screens' resolution is ten times coarser, and the answer stays small.
double mm(double v) { return std::round(v * 100) / 100; }

// A surface point as both views draw it: on the scalp map (u, v) and on the model (x, y, z).
json place_json(const ScalpMap& map, SurfaceAngles s) {
  const ChartPoint c = map.chart(s);
  const Vec3 p = map.head().point(s);
  return json::array({mm(c.u_mm), mm(c.v_mm), mm(p.x), mm(p.y), mm(p.z)});
}

json line_json(const ScalpMap& map, const std::vector<SurfaceAngles>& line) {
  json out = json::array();
  for (SurfaceAngles s : line) out.push_back(place_json(map, s));
  return out;
}

// Dots as columns (one array per attribute), written straight to text, on the scalp map
// only (the head point of a chart point is the client's one line of projection.js) and
// to 0.05 mm, a fifth of a pixel at the editor's closest zoom: a 32k-dot design is about
// 0.5 MB, and gzip, which cpp-httplib applies to every answer a browser accepts it for,
// costs about a third of a millisecond per kB (bench/browser/hairline-drag.mjs).
std::string dots_json_text(const std::vector<Dot>& dots) {
  fmt::memory_buffer out;
  const auto column = [&](const char* name, auto value) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":[", name);
    for (std::size_t i = 0; i < dots.size(); ++i) {
      if (i) out.push_back(',');
      fmt::format_to(std::back_inserter(out), "{}", value(dots[i]));
    }
    out.push_back(']');
  };
  fmt::format_to(std::back_inserter(out), "{{\"count\":{}", dots.size());
  column("id", [](const Dot& d) { return d.id; });
  column("session", [](const Dot& d) { return d.session; });
  const auto twentieths = [](double v) { return std::round(v * 20) / 20; };
  column("u_mm", [&](const Dot& d) { return twentieths(d.chart.u_mm); });
  column("v_mm", [&](const Dot& d) { return twentieths(d.chart.v_mm); });
  out.push_back('}');
  return fmt::to_string(out);
}

// A JSON answer with one member given as ready text.
Reply with_member(const json& j, const char* key, const std::string& text) {
  std::string body = j.dump();
  body.insert(body.size() - 1, fmt::format(",\"{}\":{}", key, text));
  Reply r(200);
  r.bytes = std::move(body);
  r.content_type = "application/json";
  return r;
}

json hairline_json(const LiveDesign& live, const HairlineAssessment& a) {
  const ScalpMap& map = live.field().map();
  const HairlineDesign& h = live.field().hairline();
  json points = json::object();
  for (std::size_t k = 0; k < kHairlinePointNames.size(); ++k) {
    const auto p = static_cast<HairlinePoint>(k);
    points[std::string(name(p))] = place_json(map, point(h, p));
  }
  // The whole edge, every degree of azimuth: the front is the hairline, the rest the
  // margin round the ears and the nape.
  std::vector<SurfaceAngles> edge;
  for (int deg = -180; deg <= 180; ++deg) {
    const double az = deg * kPi / 180;
    edge.push_back({h.outline.polar_limit(az), az});
  }
  return {{"style", name(live.source().hairline_style)},
          {"macro_irregularity_mm", h.params.macro_irregularity_mm},
          {"micro_irregularity_mm", h.params.micro_irregularity_mm},
          {"points", points},
          {"edge", line_json(map, edge)},
          {"assessment",
           {{"mid_frontal_above_glabella_cm", std::round(a.mid_frontal_above_glabella_cm * 100) / 100},
            {"minimum_for_age_cm", std::round(a.minimum_for_age_cm * 100) / 100},
            {"patient_age", live.source().patient.age},
            {"too_low_for_age", a.too_low_for_age},
            {"frontotemporal_left_from_canthus_line_mm", mm(a.frontotemporal_left_from_canthus_line_mm)},
            {"frontotemporal_right_from_canthus_line_mm", mm(a.frontotemporal_right_from_canthus_line_mm)}}}};
}

json guides_json(const LiveDesign& live, const HairlineAssessment& a) {
  const ScalpMap& map = live.field().map();
  const HeadModel& head = map.head();
  const Landmarks& l = head.landmarks();
  json heights = json::array();
  // The domain's range (7 aggressive, 8 common, 10 conservative) and the patient's floor.
  const double floor_cm = a.minimum_for_age_cm;
  for (double cm : {7.0, 8.0, 10.0})
    heights.push_back({{"cm", cm}, {"at", place_json(map, midline_above_glabella(head, cm))}});
  const auto landmark = [&](Vec3 p) { return place_json(map, head.angles_of(p)); };
  return {{"mid_frontal_heights", heights},
          {"minimum_for_age", {{"cm", std::round(floor_cm * 100) / 100},
                               {"at", place_json(map, midline_above_glabella(head, floor_cm))}}},
          {"lateral_epicanthal_lines",
           {{"left", line_json(map, lateral_epicanthal_line(head, Side::left))},
            {"right", line_json(map, lateral_epicanthal_line(head, Side::right))}}},
          {"landmarks",
           {{"nasion", landmark(l.nasion)},
            {"glabella", landmark(l.glabella)},
            {"lateral_canthus_left", landmark(l.lateral_canthus_left)},
            {"lateral_canthus_right", landmark(l.lateral_canthus_right)}}}};
}

// Each region with its goal and numbers (the design's RegionStats) and its outline on the
// scalp map, 0.1 mm: what the goals step draws and the clinician clicks.
json regions_json(const LiveDesign& live) {
  json out = json::array();
  const std::vector<RegionOutline> outlines = region_outlines(live.raster());
  const auto one = [](double v) { return std::round(v * 10) / 10; };
  for (const RegionStats& r : live.design().regions) {
    json rings = json::array();
    for (const RegionOutline& o : outlines) {
      if (o.region != r.region) continue;
      for (const std::vector<ChartPoint>& ring : o.rings) {
        json points = json::array();
        for (ChartPoint c : ring) points.push_back(json::array({one(c.u_mm), one(c.v_mm)}));
        rings.push_back(points);
      }
    }
    out.push_back({{"region", name(r.region)},
                   {"goal", name(r.goal)},
                   {"area_cm2", one(r.area_cm2)},
                   {"treated_area_cm2", one(r.treated_area_cm2)},
                   {"target_density_per_cm2", one(r.target_density_per_cm2)},
                   {"achieved_density_per_cm2", one(r.achieved_density_per_cm2)},
                   {"mean_coverage", std::round(r.mean_coverage * 100) / 100},
                   {"dots", r.dots},
                   {"outline_mm", rings}});
  }
  return out;
}

json live_design_json(const std::string& id, const KeptLiveDesign& kept) {
  const LiveDesign& live = *kept.design;
  const HeadModel& head = live.field().map().head();
  const HairlineAssessment a = live.assessment();  // once, for the readout and the floor's guide
  return {{"consultation_id", id},
          {"case_version", kept.case_version},
          {"revision", live.revision()},
          {"sessions", live.design().sessions.size()},
          {"head",
           {{"semi_axis_x_mm", mm(head.semi_axis_x_mm())},
            {"semi_axis_y_mm", mm(head.semi_axis_y_mm())},
            {"semi_axis_z_mm", mm(head.semi_axis_z_mm())},
            {"chart_mm_per_rad", 100}}},
          {"hairline", hairline_json(live, a)},
          {"guides", guides_json(live, a)},
          {"regions", regions_json(live)},
          // What the goals step sets ([clinic] keys of docs/case-file.md), as planned.
          {"density",
           {{"final_density_per_cm2", live.source().params.density.final_per_cm2},
            {"density_work_per_cm2", live.source().params.density.density_work_per_cm2},
            {"dot_diameter_um", live.source().params.dots.diameter_um}}}};
}

// The kept design at the case's current version, built when missing or older.
void bring_up_to_date(KeptLiveDesign& kept, const store::Consultation& k) {
  if (kept.design && kept.case_version == k.current.version && !kept.unsaved_edits) return;
  kept.unsaved_edits = false;
  kept.design.reset();
  Case c = parse_case_json(json::parse(k.current.case_json), k.id);
  JobOptions options;
  options.threads = 2;  // the machine's two cores: the first load of a consultation
  kept.design = std::make_unique<LiveDesign>(std::move(c), options);
  kept.case_version = k.current.version;
}

HairlinePoint hairline_point_named(const std::string& text) {
  if (const std::optional<HairlinePoint> p = hairline_point_from_name(text)) return *p;
  throw ApiError(400, "bad_request",
                 fmt::format("point: unknown point '{}' ({})", text, fmt::join(kHairlinePointNames, ", ")), "point");
}

// The edits a screen sends: a hairline point dragged, a region's goal clicked.
using ScreenEdit = std::variant<PlacedHairlinePoint, SetRegionGoal>;

ScreenEdit screen_edit(JsonBody& edit) {
  const std::string kind = edit.text("kind");
  if (kind == "move_hairline_point") {
    PlacedHairlinePoint p{hairline_point_named(edit.text("point")),
                          {edit.number("u_mm", -250, 250), edit.number("v_mm", -250, 250)}};
    edit.no_other_fields();
    return p;
  }
  if (kind == "set_region_goal") {
    const std::string region = edit.text("region"), goal = edit.text("goal");
    edit.no_other_fields();
    const std::optional<Region> r = region_from_name(region);
    if (!r)
      throw ApiError(400, "bad_request",
                     fmt::format("region: unknown region '{}' ({})", region, fmt::join(kRegionNames, ", ")), "region");
    const std::optional<Goal> g = goal_from_name(goal);
    if (!g)
      throw ApiError(400, "bad_request",
                     fmt::format("goal: unknown goal '{}' ({})", goal, fmt::join(kGoalNames, ", ")), "goal");
    return SetRegionGoal{*r, *g};
  }
  throw ApiError(400, "bad_request", "kind: unknown edit '" + kind + "' (move_hairline_point, set_region_goal)", "kind");
}

}  // namespace

void add_live_design_api(Router& r, LiveDesigns& designs) {
  r.get(kLiveDesignPath, Permission::view_clinical_record, [&designs](Call& call) {
    const store::Consultation k = call.read([&](Connection& c) {
      store::Consultation found = existing_consultation(c, call.path_part(1));
      call.audit_read(AuditAction::read, "live_design", found.id);
      return found;
    });
    const std::shared_ptr<KeptLiveDesign> kept = designs.slot(k.id);
    std::lock_guard lock(kept->edit);
    bring_up_to_date(*kept, k);
    return with_member(live_design_json(k.id, *kept), "dots", dots_json_text(kept->design->design().dots));
  });

  // {"revision": the screen's, "edit": {"kind": "move_hairline_point", "point", "u_mm",
  // "v_mm"} or {"kind": "set_region_goal", "region", "goal"}, "save": bool, "version":
  // the case's (with save)}
  r.post(std::string(kLiveDesignPath) + "/edits", Permission::edit_clinical_record, [&designs](Call& call) {
    JsonBody body = call.body();
    const long long revision = body.integer("revision");
    JsonBody edit("application/json", body.object("edit").dump());
    const bool save = body.given("save") && body.boolean("save");
    const std::optional<long long> version = body.optional_integer("version");
    body.no_other_fields();
    if (save && !version) throw ApiError(400, "bad_request", "version: is required to save an edit", "version");
    const ScreenEdit screen = [&] {
      try {
        return screen_edit(edit);
      } catch (const ApiError& e) {  // named inside the edit
        throw ApiError(e.status(), e.code(), std::string("edit.") + e.what(), "edit." + e.field());
      }
    }();
    const auto* placed = std::get_if<PlacedHairlinePoint>(&screen);

    const std::string id = call.path_part(1);
    const std::shared_ptr<KeptLiveDesign> kept = designs.slot(id);
    std::lock_guard lock(kept->edit);
    const store::Consultation k = call.read([&](Connection& c) {
      store::Consultation found = existing_consultation(c, id);
      call.audit_read(AuditAction::read, "live_design", found.id);
      return found;
    });
    if (!kept->design || kept->case_version != k.current.version ||
        static_cast<long long>(kept->design->revision()) != revision)
      throw ApiError(409, "stale_design",
                     "the design changed since the screen drew it (another screen, a saved case or a restart): "
                     "load it again",
                     "revision");
    const auto started = std::chrono::steady_clock::now();
    const ScalpMap& map = kept->design->field().map();
    // One thread: two were no faster for a hairline band (bench/browser/hairline-drag.mjs),
    // and the other core answers the clinic's other screens.
    LiveDesignChange change = kept->design->apply(
        placed ? DesignEdit{MoveHairlinePoint{placed->point, map.angles(placed->at)}} : DesignEdit{std::get<SetRegionGoal>(screen)});
    const double replan_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    kept->unsaved_edits = !save;
    if (save) {
      try {
        call.db.transaction(store::Access::write, [&](Connection& c) {
          const store::Consultation now = existing_consultation(c, id);
          json edited = json::parse(now.current.case_json);
          if (placed) {
            edited = with_placed_hairline_point(std::move(edited), *placed);
          } else {
            const SetRegionGoal& g = std::get<SetRegionGoal>(screen);
            edited = with_region_goal(std::move(edited), g.region, g.goal);
          }
          const json changed = checked_case(edited, now.patient_id);
          kept->case_version = store::save_case(c, id, changed.dump(), *version, call.user()).version;
          store::append_audit(c, call.audit(AuditAction::update, "consultation", id));
        });
      } catch (...) {
        kept->design.reset();  // edited but not saved: built again from the case next time
        throw;
      }
    }
    const LiveDesign& live = *kept->design;
    json answer = {{"revision", change.revision},
                   {"case_version", kept->case_version},
                   {"saved", save},
                   {"band_area_cm2", std::round(change.band_area_cm2 * 100) / 100},
                   {"replan_ms", std::round(replan_ms * 10) / 10},
                   {"removed", change.removed_ids},
                   {"dot_count", live.design().dots.size()},
                   {"hairline", hairline_json(live, live.assessment())}};
    // A goal changes the regions' numbers; a drag (many a second) leaves them to a reload.
    if (!placed) answer["regions"] = regions_json(live);
    return with_member(answer, "added", dots_json_text(change.added));
  });
}

}  // namespace smp::server
