#include "smp/clinic/candidacy.h"

#include <algorithm>
#include <array>

namespace smp {

namespace {

constexpr std::array<std::string_view, 4> kVerdictNames{"candidate", "candidate_with_cautions",
                                                        "not_now", "refer"};

// One rule that fired: its verdict, why, what the clinic does about it (cautions only)
// and, for a wait, how many months it lasts when the rule can tell.
struct Finding {
  Verdict verdict;
  std::string reason;
  std::string caution;
  std::optional<int> wait_months;
};

std::string months_text(int m) { return std::to_string(m) + (m == 1 ? " month" : " months"); }

bool has(const std::vector<HairLossCause>& causes, HairLossCause c) {
  return std::find(causes.begin(), causes.end(), c) != causes.end();
}

bool is_scar(HairLossCause c) {
  return c == HairLossCause::transplant_scars || c == HairLossCause::trauma_scars ||
         c == HairLossCause::burn_scars;
}

// Burns and injuries leave scar tissue that differs from the scalp around it.
Finding scar_tissue(const std::string& origin) {
  return {Verdict::candidate_with_cautions,
          "Scars from " + origin +
              ": scar tissue takes pigment unevenly and fades faster than the scalp around it, "
              "so it may need more sessions; a sunken or raised scar still shows in raking light, "
              "because SMP hides "
              "colour, not relief.",
          "Test patch on the scar from " + origin + " before the first session.", std::nullopt};
}

std::optional<Finding> areata(const Questionnaire& q, const CandidacyParameters& p) {
  if (!has(q.causes, HairLossCause::alopecia_areata)) return std::nullopt;
  const int stable = *q.areata_stable_months;
  if (stable < p.areata_stable_months)
    return Finding{Verdict::not_now,
                   "Alopecia areata with a new patch " + months_text(stable) +
                       " ago: it must stay stable for " + months_text(p.areata_stable_months) +
                       " without a new patch, so that we never treat skin where "
                       "the hair may grow back or the loss is still spreading.",
                   "", p.areata_stable_months - stable};
  return Finding{Verdict::candidate_with_cautions,
                 "Alopecia areata with no new patch for " + months_text(stable) +
                     ": stable enough to treat, but it "
                     "can come back; new patches, or hair regrowing over treated skin, may need "
                     "another session.",
                 "Look for new patches or regrowth at every session and adjust the plan.",
                 std::nullopt};
}

std::optional<Finding> chemotherapy(const Questionnaire& q, const CandidacyParameters& p) {
  if (!has(q.causes, HairLossCause::chemotherapy)) return std::nullopt;
  const std::string wait = months_text(p.chemotherapy_wait_months);
  if (q.chemotherapy_ongoing)
    return Finding{Verdict::not_now,
                   "Chemotherapy is still going on: SMP waits until " + wait +
                       " after the last treatment, when it "
                       "is clear how much hair grows back.",
                   "", p.chemotherapy_wait_months};
  const int since = *q.chemotherapy_finished_months;
  if (since < p.chemotherapy_wait_months)
    return Finding{Verdict::not_now,
                   "Chemotherapy finished " + months_text(since) +
                       " ago: hair can still grow back, so SMP waits "
                       "until " +
                       wait + " after the last treatment.",
                   "", p.chemotherapy_wait_months - since};
  return Finding{Verdict::candidate,
                 "Hair loss after chemotherapy that finished " + months_text(since) +
                     " ago: the regrowth is known, "
                     "so SMP treats only the areas that stayed bald.",
                 "", std::nullopt};
}

std::vector<Finding> findings(const Questionnaire& q, const CandidacyParameters& p) {
  std::vector<Finding> f;
  // Causes.
  if (has(q.causes, HairLossCause::androgenetic))
    f.push_back({Verdict::candidate,
                 "Androgenetic (pattern) hair loss: SMP suits it well, as a shaved-head look on "
                 "bald areas or as "
                 "shading under thinning hair.",
                 "", std::nullopt});
  if (has(q.causes, HairLossCause::female_thinning))
    f.push_back({Verdict::candidate,
                 "Diffuse thinning: SMP shades the scalp between your hairs so that less scalp "
                 "shows, also under "
                 "bright light or with wet hair; you keep your hair, and SMP adds no hair.",
                 "", std::nullopt});
  if (auto a = areata(q, p)) f.push_back(*a);
  if (auto c = chemotherapy(q, p)) f.push_back(*c);
  if (has(q.causes, HairLossCause::transplant_scars))
    f.push_back({Verdict::candidate,
                 "Hair transplant scars: SMP hides their colour against the scalp; a sunken or "
                 "raised scar can "
                 "still show in raking light or with very short hair, because SMP hides colour, "
                 "not relief.",
                 "", std::nullopt});
  if (has(q.causes, HairLossCause::trauma_scars)) f.push_back(scar_tissue("an injury"));
  if (has(q.causes, HairLossCause::burn_scars)) f.push_back(scar_tissue("a burn"));

  // Hair transplants, past and planned.
  if (q.transplant_months && *q.transplant_months < p.transplant_wait_months)
    f.push_back({Verdict::not_now,
                 "Hair transplant " + months_text(*q.transplant_months) +
                     " ago: the grafts show their growth only "
                     "after about " +
                     months_text(p.transplant_wait_months) +
                     ", and SMP then fills what they leave.",
                 "", p.transplant_wait_months - *q.transplant_months});
  if (q.transplant_planned)
    f.push_back({Verdict::candidate_with_cautions,
                 "A hair transplant is planned: SMP and a transplant are never done on the same "
                 "day or in the "
                 "same healing period.",
                 "Agree the order with the surgeon; SMP after a transplant waits " +
                     months_text(p.transplant_wait_months) + ".",
                 std::nullopt});

  // Medical flags.
  if (q.active_scalp_condition)
    f.push_back(
        {Verdict::not_now,
         "A scalp disease or infection is active: it must be treated and healed first; come back " +
             months_text(p.scalp_clear_months) + " after your doctor confirms it has cleared.",
         "", p.scalp_clear_months});
  if (q.keloid_tendency)
    f.push_back({Verdict::refer,
                 "You tend to form keloids (raised scars that keep growing): every impression is a "
                 "small wound, so "
                 "a dermatologist decides first whether SMP is safe for you, for example with a "
                 "test patch.",
                 "", std::nullopt});
  if (q.pigment_allergy)
    f.push_back({Verdict::refer,
                 "Known allergy to tattoo ink or pigment: an allergist should patch-test the "
                 "pigment we use before "
                 "any treatment.",
                 "", std::nullopt});
  if (q.blood_thinners)
    f.push_back({Verdict::candidate_with_cautions,
                 "You take blood thinners: bleeding pushes pigment out and dilutes it, so "
                 "impressions may heal "
                 "lighter and uneven.",
                 "Ask the doctor who prescribes the blood thinner for advice; never stop or change "
                 "it on our advice.",
                 std::nullopt});
  if (q.pregnant_or_breastfeeding)
    f.push_back({Verdict::not_now,
                 "Pregnancy or breastfeeding: we do not tattoo during pregnancy or while "
                 "breastfeeding; come back "
                 "once you have stopped breastfeeding.",
                 "", std::nullopt});

  // Expectations SMP cannot meet.
  if (std::find(q.expectations.begin(), q.expectations.end(), Expectation::long_hair) !=
      q.expectations.end())
    f.push_back({Verdict::candidate_with_cautions,
                 "You hope for the look of a full head of longer hair: SMP imitates shaved stubble "
                 "or shades the "
                 "scalp under existing hair; it cannot give length or volume over bald skin.",
                 "Show the simulation of the realistic result before booking.", std::nullopt});
  return f;
}

Goal goal_for(Expectation e) {
  switch (e) {
    case Expectation::buzz_cut: return Goal::buzz_cut;
    case Expectation::density: return Goal::density;
    case Expectation::scar_cover: return Goal::scar_camouflage;
    case Expectation::long_hair: return Goal::none;  // nothing SMP can aim for
  }
  return Goal::none;
}

// Without a usable expectation: bald skin gets the buzz cut, thinning hair density work.
Goal goal_for(HairLossCause c) {
  if (c == HairLossCause::female_thinning) return Goal::density;
  return is_scar(c) ? Goal::scar_camouflage : Goal::buzz_cut;
}

std::vector<Goal> suggested_goals(const Questionnaire& q) {
  std::vector<Goal> goals;
  for (Expectation e : q.expectations)
    if (goal_for(e) != Goal::none) goals.push_back(goal_for(e));
  if (goals.empty())
    for (HairLossCause c : q.causes) goals.push_back(goal_for(c));
  // A scar needs its own camouflage whatever else is planned: scar tissue holds no hair.
  if (std::any_of(q.causes.begin(), q.causes.end(), is_scar))
    goals.push_back(Goal::scar_camouflage);
  std::sort(goals.begin(), goals.end());
  goals.erase(std::unique(goals.begin(), goals.end()), goals.end());
  return goals;
}

}  // namespace

std::string_view name(Verdict v) { return kVerdictNames[static_cast<int>(v)]; }

CandidacyResult assess_candidacy(const Questionnaire& q, const CandidacyParameters& p) {
  std::vector<Finding> f = findings(q, p);
  std::stable_sort(f.begin(), f.end(),
                   [](const Finding& a, const Finding& b) { return a.verdict > b.verdict; });
  CandidacyResult r;
  for (const Finding& x : f) {
    r.verdict = std::max(r.verdict, x.verdict);
    r.reasons.push_back(x.reason);
    if (!x.caution.empty()) r.cautions.push_back(x.caution);
    if (x.wait_months)
      r.come_back_after_months = std::max(r.come_back_after_months.value_or(0), *x.wait_months);
  }
  r.suggested_goals = suggested_goals(q);
  return r;
}

}  // namespace smp
