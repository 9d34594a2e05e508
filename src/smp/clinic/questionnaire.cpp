#include "smp/clinic/questionnaire.h"

#include <algorithm>

namespace smp {

std::string_view name(HairLossCause c) { return kHairLossCauseNames[static_cast<int>(c)]; }
std::string_view name(Expectation e) { return kExpectationNames[static_cast<int>(e)]; }

bool has_cause(const Questionnaire& q, HairLossCause c) {
  return std::find(q.causes.begin(), q.causes.end(), c) != q.causes.end();
}

}  // namespace smp
