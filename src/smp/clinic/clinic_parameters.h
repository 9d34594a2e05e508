// The clinic's numbers: candidacy waits, the treatment calendar, aftercare and triage.
// Sources: docs/domain.md and docs/parameters.md (the index of every number, its default, range and
// source).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace smp {

// Candidacy: how long a patient waits before SMP (docs/candidacy.md; domain.md "Who is
// a candidate"). Clinics differ; these are common defaults.
struct CandidacyParameters {
  // Alopecia areata counts as stable after this long without a new patch: treating
  // skin that may still lose or regrow hair would leave SMP in the wrong places (clinics
  // commonly ask 12 months).
  int areata_stable_months = 12;
  // After the last chemotherapy cycle: hair usually starts to regrow within 1-3 months
  // and its final extent is clear by about 6, so SMP treats only what stays bald (6-12).
  int chemotherapy_wait_months = 6;
  // After a hair transplant: donor and recipient areas heal in weeks, but the grafts show
  // most of their growth only by 8-12 months, and SMP should fill what they leave (6-12).
  int transplant_wait_months = 9;
  // After a scalp disease or infection has cleared: the skin barrier is whole again and
  // no treatment creams are on the scalp (clinics: 2-6 weeks; we round up).
  int scalp_clear_months = 1;
};

// The treatment calendar (domain.md "The patient journey"; docs/schedule.md).
struct ScheduleParameters {
  // One chair day at most; the seed gives 4-8 h for several areas. Longer sessions are
  // split over consecutive working days.
  double max_session_hours = 8;
  // Session 1 -> 2: 14-21 days (seed), 10-30 allowed (smphaircreations.com). The next
  // session goes on the first working day after the minimum; past the maximum is a warning.
  int first_gap_min_days = 14;
  int first_gap_max_days = 21;
  // Later sessions add the darkest shade between settled dots: the artist judges them
  // 3-4 weeks after the previous session, when the flaking is over and the colour has
  // mostly settled (true colour at about a month; clinics space them 2-4 weeks).
  int later_gap_min_days = 21;
  int later_gap_max_days = 28;
  std::vector<std::chrono::weekday> working_days = {std::chrono::Monday, std::chrono::Tuesday,
                                                    std::chrono::Wednesday, std::chrono::Thursday,
                                                    std::chrono::Friday};
  int all_within_months = 12;    // every session within a year of the first (seed)
  int touch_up_min_months = 12;  // a touch-up any time after 12 months (seed; fullscalp.com)
  // The recall when the simulated fading never reaches the threshold: careful patients
  // go up to about 10 years (seed; clinics), and the simulation is not asked beyond.
  int touch_up_max_months = 120;
  // A hair transplant is never the same day (domain.md); kept apart on either side so
  // that neither healing (7-14 days each) nor its inflammation overlaps the other and
  // the grafts have anchored before needles work near them. Clinics that want to see
  // graft growth first ask for months: tune it.
  int transplant_min_gap_days = 30;
  int session_start_hour = 9;  // local time of the first appointment of the day
  // Days the clinic is closed (its holidays, kept by the clinic server): no visit on them.
  std::vector<std::chrono::year_month_day> closed_days;
};

// A check-in after each session, `day` days after it.
struct FollowUpCheck {
  int day;
  std::string what;
};

// Aftercare and symptom triage (domain.md "Aftercare and side effects"). Counted in days
// after the treatment day (day 0).
struct AftercareParameters {
  int no_wash_days = 3;             // no washing the scalp: extrinsic fading (seed)
  int keep_dry_days = 4;            // no sweat, rain or shower on the scalp (seed)
  int no_sun_sauna_swim_days = 30;  // sun, steam room, sauna, pool or sea (seed)
  // Sweat and friction lift pigment until the skin has closed; the seed says "limit"
  // without a number, so the first week, the start of the 7-10 day healing.
  int limited_exercise_days = 7;
  int healed_min_days = 7;  // healed in 7-10 days (seed)
  int healed_max_days = 10;
  int true_colour_days = 30;  // true colour at about a month (seed)
  std::vector<FollowUpCheck> follow_ups = {
      {3, "end of the no-washing days: redness and swelling settling? any symptoms?"},
      {10, "healing check: flaking over, skin closed?"},
      {30, "true colour: photos, and the shade and density for the next session or the sign-off"}};
  // Triage: a symptom is normal up to `*_normal_days` after the session, worth watching
  // later, and a reason to contact the clinic now once it has lasted longer than
  // `*_contact_days`. Redness and swelling are the common first-days reaction (seed;
  // redness fades in about 4 days, ImpressionLifeParameters::erythema_days); itching
  // belongs to the 7-10 day healing; a rash may be a pigment allergy.
  int redness_normal_days = 4;
  int redness_contact_days = 7;
  int swelling_normal_days = 3;
  int swelling_contact_days = 7;
  int itching_normal_days = 10;
  int itching_contact_days = 14;
  int rash_contact_days = 3;  // never normal; contact if it has not gone in 3 days
  // Swollen lymph nodes at the skull base or neck can occur; if they persist it may be
  // infection (seed). A reactive node settles in a few days. Fever and pus: always now.
  int lymph_nodes_contact_days = 3;
};

struct ClinicParameters {
  CandidacyParameters candidacy;
  ScheduleParameters schedule;
  AftercareParameters aftercare;
};

}  // namespace smp
