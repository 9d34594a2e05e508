#include "smp/case/case_file.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "smp/io/toml_reader.h"

namespace smp {

namespace {

int parse_phototype(TomlReader& r) {
  const toml::node* n = r.node("phototype");
  if (!n) return 3;
  if (auto i = n->value_exact<int64_t>(); i && *i >= 1 && *i <= 6) return static_cast<int>(*i);
  if (auto s = n->value_exact<std::string>()) {
    static const char* roman[] = {"I", "II", "III", "IV", "V", "VI"};
    for (int k = 0; k < 6; ++k)
      if (*s == roman[k]) return k + 1;
  }
  r.fail(n, "phototype", "expected a Fitzpatrick type I-VI (or 1-6)");
}

void parse_patient(TomlReader& r, PatientInfo& p) {
  p.id = r.text("id", "", true);
  if (p.id.empty() || p.id.size() > 64)
    r.fail(r.node("id"), "id", "must be 1-64 characters (a pseudonymous id, not a name)");
  p.sex = r.choice("sex", Sex::male, {{"male", Sex::male}, {"female", Sex::female}});
  p.age = r.integer("age", 40, 16, 110);
  p.phototype = parse_phototype(r);
  p.hair_colour = r.text("hair_colour", "dark brown");
  r.done();
}

void parse_loss(TomlReader& r, HairLossSpec& l, const std::filesystem::path& case_dir) {
  const std::string pattern = r.text("pattern", "none");
  const auto family = std::find(kLossPatternNames.begin(), kLossPatternNames.end(), pattern);
  if (family == kLossPatternNames.end())
    r.fail(r.node("pattern"), "pattern",
           fmt::format("unknown pattern '{}' (expected {})", pattern,
                       fmt::join(kLossPatternNames.begin() + 1, kLossPatternNames.end(), ", ")) +
               " or none");
  l.pattern = static_cast<LossPattern>(family - kLossPatternNames.begin());
  l.hair_length_mm = r.number("hair_length_mm", 1.0, 0, 1000);
  auto stage_in = [&](const std::vector<std::string>& stages) {
    l.stage = r.text("stage", "", true);
    if (std::find(stages.begin(), stages.end(), l.stage) == stages.end())
      r.fail(
          r.node("stage"), "stage",
          fmt::format("unknown stage '{}' (expected one of {})", l.stage, fmt::join(stages, ", ")));
  };
  if (l.pattern == LossPattern::norwood) {
    stage_in(norwood_stages());
  } else if (l.pattern == LossPattern::ludwig) {
    stage_in(ludwig_stages());
  } else if (l.pattern == LossPattern::olsen) {
    l.severity = r.number("severity", 0.6, 0.05, 1);
  } else if (l.pattern == LossPattern::diffuse) {
    l.loss = r.number("loss", 0.5, 0.05, 1);
  } else if (l.pattern == LossPattern::areata) {
    if (const toml::array* a = r.array("patches")) {
      int k = 0;
      for (const toml::node& n : *a) {
        const std::string path = r.field("patches") + "[" + std::to_string(k++) + "]";
        if (!n.is_table()) r.fail_at(n, path, "expected a table");
        TomlReader p(r.file(), *n.as_table(), path);
        AlopeciaPatch patch;
        patch.center = {p.number("u_mm", 0, -250, 250), p.number("v_mm", 0, -250, 250)};
        patch.diameter_mm = p.number("diameter_mm", 30, 3, 150);
        p.done();
        l.patches.push_back(patch);
      }
    }
    if (r.has("count")) {
      l.random_patch_count = r.integer("count", 0, 1, 50);
      l.random_min_diameter_mm = r.number("min_diameter_mm", 15, 3, 150);
      l.random_max_diameter_mm = r.number("max_diameter_mm", 40, 3, 150);
      if (l.random_max_diameter_mm < l.random_min_diameter_mm)
        r.fail(r.node("max_diameter_mm"), "max_diameter_mm",
               "must not be smaller than min_diameter_mm");
    }
    if (l.patches.empty() && l.random_patch_count == 0)
      r.fail(nullptr, "patches", "alopecia areata needs [[hair_loss.patches]] or a count");
  } else if (l.pattern == LossPattern::mask) {
    const std::string file = r.text("file", "", true);
    l.mask_path = (case_dir / file).string();
    l.mask_half_extent_mm = r.number("half_extent_mm", 220, 50, 400);
  }
  r.done();
}

void parse_scar(TomlReader& r, ScarSpec& s) {
  s.type = r.choice(
      "type", ScarSpec::Type::fut,
      {{"fut", ScarSpec::Type::fut}, {"fue", ScarSpec::Type::fue}, {"area", ScarSpec::Type::area}});
  if (!r.has("type")) r.fail(nullptr, "type", "is required (fut, fue or area)");
  switch (s.type) {
    case ScarSpec::Type::fut:
      s.fut.length_mm = r.number("length_cm", 20, 1, 40) * 10;
      s.fut.width_mm = r.number("width_mm", 3, 0.3, 30);
      s.fut.height_above_inion_mm = r.number("height_above_inion_cm", 2, -5, 8) * 10;
      break;
    case ScarSpec::Type::fue:
      s.fue.count = r.integer("count", 600, 1, 10000);
      s.fue.diameter_mm = r.number("diameter_mm", 0.9, 0.3, 3);
      s.fue.area_cm2 = r.number("area_cm2", 80, 2, 300);
      if (s.fue.count > max_fue_scars(s.fue.area_cm2))
        r.fail(r.node("count"), "count",
               "at most " + std::to_string(max_fue_scars(s.fue.area_cm2)) + " punches fit in " +
                   std::to_string(std::lround(s.fue.area_cm2)) +
                   " cm^2 (2 mm apart); give a larger area_cm2");
      s.fue.height_above_inion_mm = r.number("height_above_inion_cm", 2.5, -5, 8) * 10;
      break;
    case ScarSpec::Type::area: {
      s.label = r.text("label", "burn or trauma scar");
      const toml::array* poly = r.array("polygon");
      if (!poly || poly->size() < 3)
        r.fail(r.node("polygon"), "polygon", "needs at least 3 [u_mm, v_mm] points");
      for (const toml::node& n : *poly) {
        const toml::array* pt = n.as_array();
        auto u = pt && pt->size() == 2 ? (*pt)[0].value<double>() : std::nullopt;
        auto v = pt && pt->size() == 2 ? (*pt)[1].value<double>() : std::nullopt;
        if (!u || !v) r.fail_at(n, r.field("polygon"), "each point must be [u_mm, v_mm]");
        s.polygon.push_back({*u, *v});
      }
      break;
    }
  }
  r.done();
}

void parse_goals(TomlReader& r, Goals& g, Goal fallback) {
  auto goal = [&](const std::string& key, Goal def) {
    const std::string v = r.text(key, std::string(name(def)));
    const auto parsed = goal_from_name(v);
    if (!parsed)
      r.fail(r.node(key), key,
             "unknown goal '" + v + "' (expected none, buzz_cut, density or scar_camouflage)");
    return *parsed;
  };
  g.default_goal = goal("default", fallback);
  for (int i = 0; i < kRegionCount; ++i) {
    const std::string key(kRegionNames[i]);
    if (r.has(key)) g.per_region[i] = goal(key, g.default_goal);
  }
  r.done();
}

void parse_hairline(TomlReader& r, Case& c) {
  c.hairline_style = r.choice("style", HairlineStyle::soft,
                              {{"soft", HairlineStyle::soft},
                               {"natural", HairlineStyle::soft},
                               {"defined", HairlineStyle::defined},
                               {"linear", HairlineStyle::defined},
                               {"mature", HairlineStyle::mature}});
  HairlineParameters& h = c.params.hairline = hairline_style_defaults(c.hairline_style);
  h.mid_frontal_above_glabella_cm =
      r.number("mid_frontal_cm", h.mid_frontal_above_glabella_cm, 6, 11);
  h.frontotemporal_recession_mm =
      r.number("frontotemporal_recession_mm", h.frontotemporal_recession_mm, 0, 50);
  h.transition_mm = r.number("transition_mm", h.transition_mm, 3, 15);
  h.macro_irregularity_mm = r.number("macro_irregularity_mm", h.macro_irregularity_mm, 0, 6);
  h.micro_irregularity_mm = r.number("micro_irregularity_mm", h.micro_irregularity_mm, 0, 3);
  if (const toml::array* a = r.array("points")) {
    int k = 0;
    for (const toml::node& n : *a) {
      const std::string path = r.field("points") + "[" + std::to_string(k++) + "]";
      if (!n.is_table()) r.fail_at(n, path, "expected a table");
      TomlReader p(r.file(), *n.as_table(), path);
      const toml::node* named = p.node("point");
      const auto given = named ? named->value_exact<std::string>() : std::nullopt;
      const std::optional<HairlinePoint> known = hairline_point_from_name(given.value_or(""));
      if (!known)
        p.fail(named, "point",
               TomlReader::unknown_choice(given ? &*given : nullptr,
                                          {kHairlinePointNames.begin(), kHairlinePointNames.end()}));
      const HairlinePoint point = *known;
      for (const PlacedHairlinePoint& earlier : c.hairline_points)
        if (earlier.point == point) p.fail(named, "point", "'" + *given + "' is placed twice");
      // Chart mm, as scar polygons and loss patches: 250 mm is past the ears.
      c.hairline_points.push_back({point, {p.number("u_mm", 0, -250, 250), p.number("v_mm", 0, -250, 250)}});
      p.done();
    }
  }
  r.done();
}

void parse_clinic(TomlReader& r, ClinicalParameters& p) {
  p.dots.needle = r.text("needle", p.dots.needle);
  p.dots.hairline_needle = r.text("hairline_needle", p.dots.hairline_needle);
  p.dots.diameter_um = r.number("dot_diameter_um", p.dots.diameter_um, 100, 1000);
  p.dots.hairline_diameter_um =
      r.number("hairline_dot_diameter_um", p.dots.hairline_diameter_um, 100, 1000);
  p.dots.depth_um = r.number("depth_um", p.dots.depth_um, 150, 800);
  p.dots.min_gap_mm = r.number("min_gap_mm", p.dots.min_gap_mm, 0.05, 1);
  p.sessions.count = r.integer("sessions", p.sessions.count, 2, 4);
  p.sessions.impressions_per_minute =
      r.number("impressions_per_minute", p.sessions.impressions_per_minute, 5, 300);
  p.sessions.setup_minutes = r.number("setup_minutes", p.sessions.setup_minutes, 0, 240);
  p.density.final_per_cm2 = r.number("final_density_per_cm2", p.density.final_per_cm2, 20, 140);
  p.density.density_work_per_cm2 =
      r.number("density_work_per_cm2", p.density.density_work_per_cm2, 10, 140);
  p.density.scar_margin_mm = r.number("scar_margin_mm", p.density.scar_margin_mm, 0, 40);
  ScheduleParameters& s = p.schedule;
  s.max_session_hours = r.number("max_session_hours", s.max_session_hours, 2, 12);
  s.first_gap_min_days = r.integer("first_gap_min_days", s.first_gap_min_days, 10, 30);
  s.first_gap_max_days = r.integer("first_gap_max_days", s.first_gap_max_days, 10, 30);
  s.later_gap_min_days = r.integer("later_gap_min_days", s.later_gap_min_days, 10, 30);
  s.later_gap_max_days = r.integer("later_gap_max_days", s.later_gap_max_days, 10, 30);
  s.transplant_min_gap_days =
      r.integer("transplant_min_gap_days", s.transplant_min_gap_days, 1, 365);
  s.session_start_hour = r.integer("session_start_hour", s.session_start_hour, 6, 18);
  s.touch_up_min_months = r.integer("touch_up_min_months", s.touch_up_min_months, 6, 120);
  s.touch_up_max_months = r.integer("touch_up_max_months", s.touch_up_max_months, 12, 240);
  if (s.touch_up_max_months < s.touch_up_min_months)
    r.fail(r.node("touch_up_max_months"), "touch_up_max_months",
           "must not be less than touch_up_min_months");
  if (s.first_gap_max_days < s.first_gap_min_days)
    r.fail(r.node("first_gap_max_days"), "first_gap_max_days",
           "must not be less than first_gap_min_days");
  if (s.later_gap_max_days < s.later_gap_min_days)
    r.fail(r.node("later_gap_max_days"), "later_gap_max_days",
           "must not be less than later_gap_min_days");
  if (s.session_start_hour + s.max_session_hours > 24)
    r.fail(r.node("max_session_hours"), "max_session_hours",
           "a session starting at session_start_hour must end the same day");
  if (const toml::array* days = r.array("working_days")) {
    static const std::pair<const char*, std::chrono::weekday> kDays[] = {
        {"mon", std::chrono::Monday},    {"tue", std::chrono::Tuesday},
        {"wed", std::chrono::Wednesday}, {"thu", std::chrono::Thursday},
        {"fri", std::chrono::Friday},    {"sat", std::chrono::Saturday},
        {"sun", std::chrono::Sunday}};
    s.working_days.clear();
    for (const toml::node& n : *days) {
      const auto name = n.value_exact<std::string>();
      const auto it = std::find_if(std::begin(kDays), std::end(kDays),
                                   [&](const auto& d) { return name && *name == d.first; });
      if (it == std::end(kDays))
        r.fail_at(n, r.field("working_days"),
                  "expected day names mon, tue, wed, thu, fri, sat, sun");
      s.working_days.push_back(it->second);
    }
    if (s.working_days.empty())
      r.fail(r.node("working_days"), "working_days", "at least one working day");
  }
  r.done();
}

void parse_plan(TomlReader& r, PlanInputs& p, const std::filesystem::path& case_dir, int sessions) {
  p.consultation_date = r.date("consultation_date");
  p.start_date = r.date("start_date");
  p.transplant_date = r.date("transplant_date");
  if (const toml::array* a = r.array("sedated_sessions"))
    for (const toml::node& n : *a) {
      const auto k = n.value_exact<int64_t>();
      if (!k || *k < 1 || *k > sessions)
        r.fail_at(n, r.field("sedated_sessions"),
                  "expected session numbers 1-" + std::to_string(sessions));
      if (std::find(p.sedated_sessions.begin(), p.sedated_sessions.end(), *k) !=
          p.sedated_sessions.end())
        r.fail_at(n, r.field("sedated_sessions"),
                  "session " + std::to_string(*k) + " is listed twice");
      p.sedated_sessions.push_back(static_cast<int>(*k));
    }
  if (const std::string book = r.text("price_book", ""); !book.empty())
    p.price_book = (case_dir / book).string();
  if (const std::string photos = r.text("photos", ""); !photos.empty())
    p.photos_dir = (case_dir / photos).string();
  r.done();
}

void parse_habits(TomlReader& r, Habits& h) {
  h.sun = r.choice("sun", h.sun,
                   {{"low", SunExposure::low},
                    {"moderate", SunExposure::moderate},
                    {"high", SunExposure::high},
                    {"very_high", SunExposure::very_high}});
  h.daily_sunscreen = r.boolean("daily_sunscreen", h.daily_sunscreen);
  h.washed_in_first_3_days = r.boolean("washed_in_first_3_days", h.washed_in_first_3_days);
  h.sauna_in_first_3_days = r.boolean("sauna_in_first_3_days", h.sauna_in_first_3_days);
  h.alcohol_topicals = r.boolean("alcohol_topicals", h.alcohol_topicals);
  h.ink = r.choice("ink", h.ink,
                   {{"medical", InkQuality::medical},
                    {"standard", InkQuality::standard},
                    {"low", InkQuality::low}});
  r.done();
}

Goal default_goal_for(const Case& c) {
  const LossPattern p = c.loss.pattern;
  if (p == LossPattern::ludwig || p == LossPattern::olsen || p == LossPattern::diffuse)
    return Goal::density;
  if (p == LossPattern::none && !c.scars.empty()) return Goal::scar_camouflage;
  return Goal::buzz_cut;
}

}  // namespace

Case parse_case(const std::string& text, const std::string& source) {
  const toml::table root = parse_toml(text, source);
  Case c;
  c.source = source;
  const std::filesystem::path dir = std::filesystem::path(source).parent_path();
  TomlReader r(source, root, "");
  const toml::table* patient = r.table("patient");
  if (!patient) r.fail(nullptr, "patient", "the [patient] table is required");
  TomlReader pr(source, *patient, "patient");
  parse_patient(pr, c.patient);

  const HeadDefaults hd = HeadDefaults::adult(c.patient.sex);
  c.head = {hd.circumference_cm, hd.ear_to_ear_cm, hd.nasion_to_inion_cm};
  if (const toml::table* t = r.table("head")) {
    TomlReader h(source, *t, "head");
    c.head.circumference_cm = h.number("circumference_cm", c.head.circumference_cm, 45, 70);
    c.head.ear_to_ear_cm = h.number("ear_to_ear_cm", c.head.ear_to_ear_cm, 25, 45);
    c.head.nasion_to_inion_cm = h.number("nasion_to_inion_cm", c.head.nasion_to_inion_cm, 25, 45);
    h.done();
  }
  if (const toml::table* t = r.table("hair_loss")) {
    TomlReader l(source, *t, "hair_loss");
    parse_loss(l, c.loss, dir);
  }
  if (const toml::array* scars = r.array("scars")) {
    int k = 0;
    for (const toml::node& n : *scars) {
      const std::string path = "scars[" + std::to_string(k++) + "]";
      if (!n.is_table()) fail_at(source, n, path, "expected a table");
      TomlReader s(source, *n.as_table(), path);
      parse_scar(s, c.scars.emplace_back());
    }
  }
  c.params.hairline = hairline_style_defaults(
      c.hairline_style);  // the soft preset unless [hairline] says otherwise
  if (const toml::table* t = r.table("hairline")) {
    TomlReader h(source, *t, "hairline");
    parse_hairline(h, c);
  }
  Goal fallback = default_goal_for(c);
  c.goals.default_goal = fallback;
  if (const toml::table* t = r.table("goals")) {
    TomlReader g(source, *t, "goals");
    parse_goals(g, c.goals, fallback);
  }
  int darkest_requested = -1;
  if (const toml::table* t = r.table("clinic")) {
    TomlReader cl(source, *t, "clinic");
    if (const toml::node* n = cl.node("darkest_shade")) {
      const auto name = n->value_exact<std::string>();
      for (std::size_t k = 0; name && k < kShades.size(); ++k)
        if (kShades[k].name == *name) darkest_requested = static_cast<int>(k);
      if (darkest_requested < 0) {
        std::vector<std::string_view> names;
        for (const Shade& s : kShades) names.push_back(s.name);
        cl.fail(n, "darkest_shade",
                fmt::format("unknown shade (expected one of {})", fmt::join(names, ", ")));
      }
    }
    parse_clinic(cl, c.params);
  }
  if (const toml::table* t = r.table("candidacy"))
    c.questionnaire = parse_questionnaire(*t, source, "candidacy");
  if (const toml::table* t = r.table("plan")) {
    TomlReader p(source, *t, "plan");
    parse_plan(p, c.plan, dir, c.params.sessions.count);
  }
  if (const toml::table* t = r.table("habits")) {
    TomlReader h(source, *t, "habits");
    parse_habits(h, c.habits);
  }
  c.shades = recommend_shades(c.patient.phototype, c.patient.hair_colour, c.params.sessions.count,
                              darkest_requested);
  for (int k : c.shades.session_shades)
    c.params.sessions.shades.push_back(kShades[k].pigment_fraction);
  c.seed = static_cast<unsigned long long>(r.integer("seed", 1, 0, 2147483647));
  r.done();
  return c;
}

Case load_case(const std::string& path) {
  return parse_case(read_text_file(path, "case file"), path);
}

}  // namespace smp
