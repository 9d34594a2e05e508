// schedule.ics: the treatment calendar as iCalendar (RFC 5545), written with libical
// (docs/schedule.md "schedule.ics").
#pragma once

#include <chrono>
#include <string>

#include "smp/clinic/schedule.h"

namespace smp {

// Sessions (timed, floating local time), aftercare windows, follow-up check-ins and the
// touch-up recall (all-day). UIDs are stable per event, so a re-exported calendar
// updates the same events; `stamp` is the DTSTAMP (the export time), passed in so that
// the output is reproducible. Only the pseudonymous patient id appears, never a name
// (std::invalid_argument "patient_id: ..." if it is empty).
std::string schedule_ics(const Schedule& s, const std::string& patient_id,
                         std::chrono::sys_seconds stamp);

}  // namespace smp
