// Gathers the consultation into a treatment plan: candidacy, the design's sessions with
// their shades, the calendar with aftercare, the quote and the touch-up recall. Pure
// computation: the pictures and metrics come from the simulation already run.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "smp/clinic/clinic_parameters.h"
#include "smp/clinic/price_book.h"
#include "smp/clinic/questionnaire.h"
#include "smp/clinic/treatment_plan.h"
#include "smp/skin/pigment.h"

namespace smp {

// What the plan needs of the consultation besides the design and the simulation
// (case/plan_request_from_case.h builds it from a case file).
struct PlanRequest {
  std::string patient_id;  // pseudonymous, never a name
  std::string case_file;   // where the consultation came from
  std::optional<Questionnaire> questionnaire;
  std::optional<std::chrono::year_month_day> consultation_date;  // default: today
  std::optional<std::chrono::year_month_day> start_date;  // default: a week after the consultation
  std::optional<std::chrono::year_month_day> transplant_date;
  std::vector<int> sedated_sessions;  // 1-based
  ShadeRecommendation shades;
  bool has_scars = false;
  double hair_length_mm = 0;      // the native hair as it is worn
  double touch_up_delta_e00 = 0;  // the simulation's touch-up threshold, for the report
  ClinicParameters params;
};

// PlanError naming the field when the calendar cannot be planned (for
// example the sessions do not fit within 12 months).
TreatmentPlan plan_treatment(const PlanRequest& c, Design design, SimulationResults simulation,
                             const PriceBook& book, std::chrono::year_month_day today);

}  // namespace smp
