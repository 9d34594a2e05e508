#include "smp/case/plan_request_from_case.h"

#include "smp/case/questionnaire_file.h"
#include "smp/clinic/schedule.h"

namespace smp {

PlanRequest plan_request(const Case& c) {
  PlanRequest r;
  r.patient_id = c.patient.id;
  r.case_file = c.source;
  r.questionnaire = c.questionnaire;
  r.consultation_date = c.plan.consultation_date;
  r.start_date = c.plan.start_date;
  r.transplant_date = c.plan.transplant_date;
  r.sedated_sessions = c.plan.sedated_sessions;
  r.shades = c.shades;
  r.has_scars = !c.scars.empty();
  r.hair_length_mm = c.loss.hair_length_mm;
  r.touch_up_delta_e00 = c.params.appearance.touch_up_delta_e00;
  r.params = c.params;
  return r;
}

PriceBook price_book_for(const Case& c) {
  return c.plan.price_book.empty() ? default_price_book() : load_price_book(c.plan.price_book);
}

void apply_overrides(Case& c, const PlanOverrides& o) {
  if (!o.price_book.empty()) c.plan.price_book = o.price_book;
  if (!o.questionnaire.empty()) c.questionnaire = load_questionnaire(o.questionnaire);
  if (!o.date.empty()) c.plan.consultation_date = parse_iso_date(o.date, "--date");
}

}  // namespace smp
