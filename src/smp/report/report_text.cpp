#include "smp/report/report_text.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "smp/clinic/triage.h"

namespace smp {
namespace {

// The first picture of this kind (of this view, unless none is asked) showing a state
// for which `shows` is true.
template <class Shows>
const PlanImage* find_image(const TreatmentPlan& plan, PlanImage::Kind kind,
                            std::optional<View> view, Shows&& shows) {
  for (const PlanImage& im : plan.images)
    if (im.kind == kind && (!view || im.view == view) && im.state && shows(*im.state)) return &im;
  return nullptr;
}
const PlanImage* find_image(const TreatmentPlan& plan, PlanImage::Kind kind,
                            std::optional<View> view, TreatmentState::Kind state) {
  return find_image(plan, kind, view, [&](const TreatmentState& s) { return s.kind == state; });
}
const PlanImage* find_image(const TreatmentPlan& plan, PlanImage::Kind kind,
                            std::optional<View> view, const TreatmentState& state) {
  return find_image(plan, kind, view,
                    [&](const TreatmentState& s) { return s.name == state.name; });
}

std::string view_words(const PlanImage& im) { return im.view ? std::string(name(*im.view)) : ""; }

std::optional<StateMetrics> metrics_of(const TreatmentPlan& plan, const std::string& state) {
  for (const StateMetrics& m : plan.metrics)
    if (m.state == state) return m;
  return std::nullopt;
}

// "year-5" -> "year 5"; "healed" -> "healed".
std::string state_words(const std::string& state) {
  std::string s = state;
  std::replace(s.begin(), s.end(), '-', ' ');
  return s;
}

std::string distance_caption(const TreatmentPlan& plan, const std::string& state, double metres) {
  const auto m = metrics_of(plan, state);
  if (!m) return state_words(state);
  const double de = metres < 1 ? m->delta_e00_03m.median : m->delta_e00_15m.median;
  return fmt::format("{}: \u0394E00 {:.1f} from your own hair at {} m", state_words(state), de,
                     metres);
}

std::string verdict_sentence(Verdict v) {
  switch (v) {
    case Verdict::candidate: return "You are a candidate for SMP.";
    case Verdict::candidate_with_cautions:
      return "You are a candidate for SMP, with the cautions below.";
    case Verdict::not_now: return "Not now: SMP has to wait.";
    case Verdict::refer: return "We refer you to a doctor before any SMP.";
  }
  return "";
}

ReportSection consultation(const TreatmentPlan& plan) {
  ReportSection s{"consultation", "Your consultation", {}};
  if (plan.candidacy) {
    const CandidacyResult& c = *plan.candidacy;
    s.blocks.push_back(Paragraph{verdict_sentence(c.verdict), true});
    if (!c.reasons.empty()) s.blocks.push_back(Bullets{"Why:", c.reasons});
    if (!c.cautions.empty())
      s.blocks.push_back(Bullets{"What the clinic does about it:", c.cautions});
  }
  if (!plan.treatable) {
    std::string text = "No sessions are booked.";
    if (plan.candidacy && plan.candidacy->come_back_after_months)
      text += fmt::format(
          " Please come back in {} months at the earliest, once the reasons above no longer apply.",
          *plan.candidacy->come_back_after_months);
    else
      text += " Please come back once the reasons above no longer apply.";
    s.blocks.push_back(Paragraph{text, true});
  }
  return s;
}

ReportSection goals(const TreatmentPlan& plan) {
  ReportSection s{"goals", "Your goals", {}};
  s.blocks.push_back(Bullets{"", plan.goals});
  s.blocks.push_back(Paragraph{fmt::format(
      "Treated area {:.0f} cm\u00b2: {} impressions in {} sessions.", plan.design.treated_area_cm2,
      plan.design.dots.size(), plan.design.sessions.size())});
  return s;
}

ReportSection before_after(const TreatmentPlan& plan) {
  ReportSection s{"before-after", "Before and after", {}};
  s.blocks.push_back(
      Paragraph{"Your head as modelled from your measurements: before the treatment and healed, "
                "a month after the last session, from the same view."});
  for (const PlanImage& before : plan.images) {
    if (before.kind != PlanImage::Kind::head_view || !before.state ||
        before.state->kind != TreatmentState::Kind::before)
      continue;
    const PlanImage* healed =
        find_image(plan, PlanImage::Kind::head_view, before.view, TreatmentState::Kind::healed);
    if (!healed) continue;
    s.blocks.push_back(Figures{{{before.path, view_words(before) + " view, before"},
                                {healed->path, view_words(before) + " view, healed"}}});
  }
  return s;
}

// The patient's own photos, when the case has them: before and healed per view, then
// the years on the first view.
ReportSection on_your_photos(const TreatmentPlan& plan) {
  ReportSection s{"photos", "On your photos", {}};
  s.blocks.push_back(Paragraph{
      "The same treatment drawn onto your own photos: each impression placed with the pose "
      "fitted to the photo, shaded for your skin under the photo's light, and hidden where "
      "your own hair covers the skin."});
  if (!plan.photo_findings.empty())
    s.blocks.push_back(Bullets{"Measured on your photos", plan.photo_findings});
  const PlanImage* first_view = nullptr;
  for (const PlanImage& pair : plan.images) {
    if (pair.kind != PlanImage::Kind::photo) continue;
    if (!first_view) first_view = &pair;
    if (!pair.state || pair.state->kind != TreatmentState::Kind::before) continue;
    const PlanImage* healed =
        find_image(plan, PlanImage::Kind::photo, pair.view, TreatmentState::Kind::healed);
    if (healed)
      s.blocks.push_back(Figures{{{pair.path, view_words(pair) + " photo, before"},
                                  {healed->path, view_words(pair) + " photo, healed"}}});
  }
  Figures years;
  for (const PlanImage& im : plan.images)
    if (first_view && im.kind == PlanImage::Kind::photo && im.view == first_view->view &&
        im.state && im.state->kind == TreatmentState::Kind::year)
      years.figures.push_back(
          {im.path, view_words(im) + " photo, " + state_words(im.state->name) + " after healing"});
  if (!years.figures.empty()) s.blocks.push_back(years);
  return s;
}

ReportSection closeups(const TreatmentPlan& plan) {
  ReportSection s{"closeups", "Close-ups", {}};
  s.blocks.push_back(Paragraph{
      "2 x 2 cm of the treated skin at true scale, and an area with your own hair for comparison. "
      "\u0394E00 measures how different two colours look: below 1 no one sees it, about 3.5 "
      "is clearly visible at a glance."});
  Figures f;
  for (const TreatmentState::Kind state :
       {TreatmentState::Kind::before, TreatmentState::Kind::healed})
    if (const PlanImage* im = find_image(plan, PlanImage::Kind::closeup, std::nullopt, state))
      f.figures.push_back({im->path, distance_caption(plan, im->state->name, 0.3)});
  for (const PlanImage& im : plan.images)
    if (im.kind == PlanImage::Kind::reference_closeup)
      f.figures.push_back({im.path, "your own hair (reference)"});
  if (!f.figures.empty()) s.blocks.push_back(f);
  return s;
}

ReportSection fading(const TreatmentPlan& plan) {
  ReportSection s{"fading", "The years after: slow fading", {}};
  Figures f;
  for (const TreatmentState& st : plan.states) {
    if (st.kind != TreatmentState::Kind::healed && st.kind != TreatmentState::Kind::year) continue;
    const PlanImage* im = find_image(plan, PlanImage::Kind::head_view, View::top, st);
    if (!im) im = find_image(plan, PlanImage::Kind::closeup, std::nullopt, st);
    if (im) f.figures.push_back({im->path, distance_caption(plan, st.name, 1.5)});
  }
  if (!f.figures.empty()) s.blocks.push_back(f);
  std::string text = "The pigment fades slowly.";
  const std::string due = fmt::format(
      " A touch-up is due when the treated skin differs from your own hair by \u0394E00 "
      "{:.1f} at 1.5 m (clearly visible at a glance)",
      plan.touch_up_threshold_delta_e00);
  if (!plan.touch_up_reached)
    text += due + fmt::format(": in the simulation it does not come to that within {:.0f} years.",
                              plan.touch_up_years);
  else if (plan.touch_up_years > 0)
    text += due + fmt::format(": in the simulation, about {:.1f} years after healing.",
                              plan.touch_up_years);
  else
    text += due +
            ": in the simulation the healed result is already there, so the first touch-up is "
            "planned early.";
  if (plan.schedule)
    text += " We will remind you on " + iso_date(plan.schedule->touch_up_recall) + ".";
  s.blocks.push_back(Paragraph{text});
  return s;
}

const SessionSheet* sheet_of(const TreatmentPlan& plan, int session) {
  for (const SessionSheet& sh : plan.sessions)
    if (sh.session == session) return &sh;
  return nullptr;
}

ReportSection sessions(const TreatmentPlan& plan) {
  ReportSection s{"sessions", "Your sessions", {}};
  if (!plan.schedule) {
    s.blocks.push_back(Paragraph{"No sessions are booked.", true});
    return s;
  }
  Table t{{"Session", "Date", "Start", "Chair time", "Impressions", "Shade", "Light sedation"},
          {},
          {false, false, false, true, true, false, false}};
  for (const Visit& v : plan.schedule->visits) {
    const SessionSheet* sh = sheet_of(plan, v.session);
    t.rows.push_back(
        {v.parts > 1 ? fmt::format("{} (part {} of {})", v.session, v.part, v.parts)
                     : std::to_string(v.session),
         iso_date(v.date), h_mm(v.start_time), h_mm(v.chair_time), std::to_string(v.dots),
         sh ? fmt::format("{} ({:.0f}% pigment)", sh->shade, sh->shade_fraction * 100) : "",
         v.sedation ? "yes: someone must take you home" : "no"});
  }
  s.blocks.push_back(t);
  if (!plan.shade_reasons.empty())
    s.blocks.push_back(Bullets{"Why these shades:", plan.shade_reasons});
  if (!plan.shade_warnings.empty())
    s.blocks.push_back(Bullets{"About the shades:", plan.shade_warnings});
  if (!plan.schedule->warnings.empty())
    s.blocks.push_back(Bullets{"About the dates:", plan.schedule->warnings});
  if (!plan.schedule->follow_ups.empty()) {
    Table f{{"Check-in", "Date", "What we look at"}, {}, {false, false, false}};
    for (const FollowUp& u : plan.schedule->follow_ups)
      f.rows.push_back(
          {fmt::format("day {} after session {}", u.day, u.session), iso_date(u.date), u.what});
    s.blocks.push_back(f);
  }
  return s;
}

std::vector<Block> quote_blocks(const Quote& q) {
  std::vector<Block> blocks;
  Table t{{"Item", "Detail", "Qty", "Unit price", "Amount"}, {}, {false, false, true, true, true}};
  for (const QuoteLine& l : q.lines)
    t.rows.push_back({l.item, l.detail, std::to_string(l.quantity),
                      format_money(l.unit, q.currency), format_money(l.amount, q.currency)});
  t.rows.push_back({"Subtotal", "", "", "", format_money(q.subtotal, q.currency)});
  t.rows.push_back({q.tax_included ? "Tax (included in the prices)" : "Tax",
                    format_percent(q.tax_rate) + "%", "", "", format_money(q.tax, q.currency)});
  t.rows.push_back({"Total", "", "", "", format_money(q.total, q.currency)});
  blocks.push_back(t);
  blocks.push_back(
      Paragraph{"Issued " + iso_date(q.issued) + ", valid until " + iso_date(q.valid_until) + "."});
  if (!q.included.empty()) blocks.push_back(Bullets{"Included:", q.included});
  if (!q.not_included.empty()) blocks.push_back(Bullets{"Not included:", q.not_included});
  return blocks;
}

std::string date_range(std::chrono::year_month_day from, std::chrono::year_month_day until) {
  return from == until ? iso_date(from) : iso_date(from) + " to " + iso_date(until);
}

ReportSection aftercare(const TreatmentPlan& plan) {
  ReportSection s{"aftercare", "Aftercare", {}};
  if (!plan.schedule) return s;
  s.blocks.push_back(
      Paragraph{"What to do, and not to do, after each session. The dates count from the session's "
                "(last) day; keep this page at hand."});
  std::map<int, Table> per_session;
  for (const AftercareWindow& w : plan.schedule->aftercare) {
    Table& t = per_session[w.session];
    if (t.header.empty()) t = Table{{"Dates", "What"}, {}, {false, false}};
    t.rows.push_back({date_range(w.from, w.until), w.rule});
  }
  for (auto& [session, t] : per_session) {
    s.blocks.push_back(Paragraph{fmt::format("After session {}", session), true});
    s.blocks.push_back(std::move(t));
  }
  return s;
}

// What triage says about a symptom on its last normal day, on the first day worth
// watching, and once it has lasted long enough to call: the days are found by asking
// triage itself, so the thresholds and the words stay in the triage module.
void triage_words(Symptom sym, const AftercareParameters& p,
                  std::map<Urgency, std::vector<std::string>>& out) {
  constexpr int kHorizon = 365;
  int first_not_normal = 0;
  while (first_not_normal < kHorizon &&
         triage(sym, first_not_normal, 0, p).urgency == Urgency::normal)
    ++first_not_normal;
  std::vector<TriageResult> said;
  if (first_not_normal > 0) said.push_back(triage(sym, first_not_normal - 1, 0, p));
  if (first_not_normal < kHorizon) {
    said.push_back(triage(sym, first_not_normal, 0, p));
    int lasting = 0;
    // Seen first on that day and still there `lasting` days later.
    const auto later = [&](int lasting) {
      return triage(sym, first_not_normal + lasting, lasting, p);
    };
    while (lasting < kHorizon && later(lasting).urgency != Urgency::contact_clinic_now) ++lasting;
    if (lasting < kHorizon) said.push_back(later(lasting));
  }
  for (const TriageResult& r : said) {
    auto& list = out[r.urgency];
    if (std::find(list.begin(), list.end(), r.reason) == list.end()) list.push_back(r.reason);
  }
}

ReportSection side_effects(const AftercareParameters& p) {
  ReportSection s{"side-effects", "Side effects and when to call", {}};
  s.blocks.push_back(Paragraph{
      "Common after a session: redness, itching, swelling, and sometimes a mild allergic "
      "reaction to the pigment. Swollen lymph nodes at the base of the skull or in the neck "
      "can occur; if they persist it may be an infection."});
  std::map<Urgency, std::vector<std::string>> words;
  for (std::size_t i = 0; i < kSymptomNames.size(); ++i)
    triage_words(static_cast<Symptom>(i), p, words);
  s.blocks.push_back(Bullets{"Normal:", words[Urgency::normal]});
  s.blocks.push_back(Bullets{"Watch:", words[Urgency::watch]});
  s.blocks.push_back(Bullets{"Contact the clinic now:", words[Urgency::contact_clinic_now]});
  return s;
}

ReportSection limits(const TreatmentPlan& plan) {
  ReportSection s{"limits", "What SMP cannot do", {}};
  if (plan.buzz_cut_look)
    s.blocks.push_back(
        Paragraph{fmt::format("SMP looks like a shaved head: it reads as hair follicles, not as "
                              "hair. To keep the look, keep your hair at or "
                              "below the buzz length the design assumes ({:.1f} mm); longer hair "
                              "next to the treated skin shows the difference.",
                              plan.hair_length_mm)});
  else
    s.blocks.push_back(Paragraph{
        "SMP shades the scalp under your hair so that it shows less; it adds no hair. If the hair "
        "over it thins "
        "further, the dots start to show as dots: more sessions, or the shaved look, may follow."});
  if (plan.has_scars) {
    s.blocks.push_back(
        Paragraph{"SMP hides the colour of a scar, not its relief: an indented scar still shows in "
                  "raking (low, side) light and with very short hair."});
    Figures f;
    for (const PlanImage& im : plan.images)
      if (im.kind == PlanImage::Kind::raking_closeup)
        f.figures.push_back({im.path, "healed, raking light from the front"});
    if (!f.figures.empty()) s.blocks.push_back(f);
  }
  s.blocks.push_back(
      Paragraph{"The pictures are a simulation from your measurements, not a photograph: your skin "
                "heals in its own way, and the shade of the next session is chosen on the day."});
  return s;
}

}  // namespace

std::string h_mm(std::chrono::minutes m) {
  return fmt::format("{}:{:02}", m.count() / 60, m.count() % 60);
}

ReportDocument report_document(const TreatmentPlan& plan,
                               const AftercareParameters& aftercare_params) {
  ReportDocument d;
  d.title = "SMP treatment plan";
  d.subtitle = "Patient " + plan.patient_id + " \u00b7 " + iso_date(plan.date);
  if (plan.candidacy || !plan.treatable) d.sections.push_back(consultation(plan));
  d.sections.push_back(goals(plan));
  if (plan.treatable) {
    d.sections.push_back(before_after(plan));
    if (find_image(plan, PlanImage::Kind::photo, std::nullopt, TreatmentState::Kind::before))
      d.sections.push_back(on_your_photos(plan));
    d.sections.push_back(closeups(plan));
    d.sections.push_back(fading(plan));
  }
  d.sections.push_back(sessions(plan));
  if (plan.quote) {
    ReportSection q{"quote", "Your quote", quote_blocks(*plan.quote)};
    d.sections.push_back(std::move(q));
  }
  if (plan.touch_up_quote) {
    ReportSection q{"touch-up-quote", "Touch-up, later", quote_blocks(*plan.touch_up_quote)};
    q.blocks.insert(q.blocks.begin(),
                    Paragraph{"One session when the pigment has faded, at today's prices."});
    d.sections.push_back(std::move(q));
  }
  if (plan.schedule) d.sections.push_back(aftercare(plan));
  d.sections.push_back(side_effects(aftercare_params));
  d.sections.push_back(limits(plan));
  return d;
}

}  // namespace smp
