#include "smp/report/candidacy_json.h"

namespace smp {

nlohmann::json candidacy_json(const CandidacyResult& r) {
  nlohmann::json goals = nlohmann::json::array();
  for (Goal g : r.suggested_goals) goals.push_back(name(g));
  nlohmann::json j{{"verdict", name(r.verdict)},
                   {"reasons", r.reasons},
                   {"cautions", r.cautions},
                   {"suggested_goals", goals}};
  j["come_back_after_months"] =
      r.come_back_after_months ? nlohmann::json(*r.come_back_after_months) : nlohmann::json(nullptr);
  return j;
}

}  // namespace smp
