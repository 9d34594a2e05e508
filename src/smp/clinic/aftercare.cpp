#include "smp/clinic/aftercare.h"

#include <stdexcept>
#include <utility>

#include "smp/base/plan_error.h"

namespace smp {

std::vector<AftercareWindow> aftercare_for(int session,
                                           const std::vector<std::chrono::year_month_day>& days,
                                           bool sedation, const AftercareParameters& p) {
  using std::chrono::sys_days;
  if (days.empty()) throw PlanError("days", "a session needs at least one treatment day");
  for (size_t i = 0; i < days.size(); ++i) {
    if (!days[i].ok())
      throw PlanError("days", "treatment day " + std::to_string(i + 1) + " is not a date");
    if (i > 0 && sys_days{days[i]} <= sys_days{days[i - 1]})
      throw PlanError("days", "treatment days must be in ascending order");
  }
  for (auto [field, value] : {std::pair{"no_wash_days", p.no_wash_days},
                              {"keep_dry_days", p.keep_dry_days},
                              {"no_sun_sauna_swim_days", p.no_sun_sauna_swim_days},
                              {"limited_exercise_days", p.limited_exercise_days},
                              {"healed_min_days", p.healed_min_days},
                              {"true_colour_days", p.true_colour_days}})
    if (value < 0) throw PlanError(std::string("aftercare.") + field, "must not be negative");
  if (p.healed_max_days < p.healed_min_days || p.healed_max_days <= p.no_wash_days)
    throw PlanError("aftercare.healed_max_days",
                    "must not be before healed_min_days or the end of no_wash_days");
  const sys_days first{days.front()}, last{days.back()};
  std::vector<AftercareWindow> w;
  auto add = [&](AftercareKind kind, std::string rule, sys_days from, sys_days until) {
    w.push_back({session, kind, std::move(rule), std::chrono::year_month_day{from},
                 std::chrono::year_month_day{until}});
  };
  // "Day N" is N days after the (last) treatment day, day 0.
  auto day = [&](int n) { return last + std::chrono::days{n}; };
  const std::string n_days = " days after the session";
  if (sedation)
    for (const auto& d : days)
      add(AftercareKind::sedation,
          "Light sedation today: do not drive home or operate machinery; someone takes you home. "
          "Normal routine from tomorrow.",
          sys_days{d}, sys_days{d});
  add(AftercareKind::no_washing,
      "Do not wash the scalp for " + std::to_string(p.no_wash_days) + n_days +
          ": washing draws pigment out.",
      first, day(p.no_wash_days));
  add(AftercareKind::keep_dry,
      "Keep the scalp dry for " + std::to_string(p.keep_dry_days) + n_days +
          ": no rain, shower or sweat on it.",
      first, day(p.keep_dry_days));
  add(AftercareKind::limited_exercise,
      "Limit strenuous exercise for " + std::to_string(p.limited_exercise_days) + n_days +
          ": sweat and friction lift pigment until the skin has closed.",
      first, day(p.limited_exercise_days));
  add(AftercareKind::no_sun_sauna_swimming,
      "No sun on the scalp, no sauna or steam room, no swimming in pool or sea for " +
          std::to_string(p.no_sun_sauna_swim_days) + n_days + ".",
      first, day(p.no_sun_sauna_swim_days));
  add(AftercareKind::prescribed_care,
      "From the first wash until healed, use only the prescribed shampoo and moisturiser.",
      day(p.no_wash_days + 1), day(p.healed_max_days));
  add(AftercareKind::healing,
      "Healing: the impressions flake and settle; healed by day " +
          std::to_string(p.healed_min_days) + "-" + std::to_string(p.healed_max_days) +
          ". Do not pick or scratch.",
      day(p.healed_min_days), day(p.healed_max_days));
  add(AftercareKind::true_colour,
      "True colour: the impressions have settled to their healed shade.", day(p.true_colour_days),
      day(p.true_colour_days));
  add(AftercareKind::long_term,
      "From now on: sun protection on the scalp (SPF 30-50, or a hat) and no alcohol-based "
      "topicals "
      "(hairspray, minoxidil solution): both speed fading.",
      day(p.no_sun_sauna_swim_days + 1), day(p.no_sun_sauna_swim_days + 1));
  return w;
}

}  // namespace smp
