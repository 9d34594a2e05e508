// The treatment plan: everything the clinic hands the patient and works from, gathered
// from the consultation (candidacy), the design, the simulation, the schedule and the
// quote. Built by plan_treatment (clinic/plan_treatment.h); written by the report/
// writers (plan.json, report.html, report.pdf, session sheets, schedule.ics).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "smp/clinic/candidacy.h"
#include "smp/clinic/quote.h"
#include "smp/clinic/schedule.h"
#include "smp/design/design.h"
#include "smp/render/simulation.h"

namespace smp {

// One picture the simulation wrote, relative to the plan's folder.
struct PlanImage {
  // photo: a state on the patient's photo; photo_before_after: before | healed on one
  // photo; photo_comparison: every photographed view before and healed.
  enum class Kind {
    head_view,
    closeup,
    reference_closeup,
    raking_closeup,
    before_after,
    photo,
    photo_before_after,
    photo_comparison
  } kind;
  std::optional<View> view;             // head views and photos
  std::optional<TreatmentState> state;  // the state shown (none: the reference, the sheets)
  std::string path;                     // e.g. renders/top-healed.png
};

// What the simulation produced for the plan (jobs/render_job.h makes it).
struct SimulationResults {
  std::vector<TreatmentState> states;
  std::vector<StateMetrics> metrics;  // one per state
  double touch_up_years = 0;          // after healing; the horizon when not reached
  bool touch_up_reached = true;       // false: the threshold is not crossed within the horizon
  double touch_up_horizon_years = 0;  // how far the simulation looked for the crossing
  std::vector<PlanImage> images;
  std::vector<std::string>
      photo_findings;  // what the patient's photos measured, in words (none without photos)
};

struct SessionSheet {
  int session = 1;
  std::string shade;          // the clinic's name of the dilution
  double shade_fraction = 0;  // pigment fraction of the dilution
  std::string needle;
  int dots = 0;
  double minutes = 0;                // planned chair time
  std::vector<std::string> regions;  // the regions this session works on
};

struct TreatmentPlan {
  std::string patient_id;  // pseudonymous, never a name
  std::string case_file;
  std::chrono::year_month_day date;          // of the consultation and the quote
  std::vector<std::string> goals;            // per treated region, in words
  std::optional<CandidacyResult> candidacy;  // when the case has a questionnaire
  bool treatable = true;                     // false: not now or refer; no sessions are booked
  Design design;  // the sessions and the technician's sheets come from it
  std::vector<SessionSheet> sessions;
  std::vector<std::string> shade_reasons, shade_warnings;
  std::optional<Schedule> schedule;  // when treatable
  std::optional<Quote> quote, touch_up_quote;
  std::vector<TreatmentState> states;
  std::vector<StateMetrics> metrics;  // per state
  double touch_up_years = 0;          // after healing (the horizon when not reached)
  bool touch_up_reached = true;
  double touch_up_threshold_delta_e00 = 0;
  std::vector<PlanImage> images;
  std::vector<std::string> photo_findings;
  bool has_scars = false;
  bool buzz_cut_look = false;  // some region aims at the shaved look (else density under hair)
  double hair_length_mm = 0;
};

}  // namespace smp
