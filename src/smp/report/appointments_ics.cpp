#include "smp/report/appointments_ics.h"

#include <cstdlib>
#include <memory>

#include <libical/ical.h>

namespace smp {
namespace {

icaltimetype utc(std::chrono::sys_seconds t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

}  // namespace

std::string appointments_ics(const std::string& name, const std::vector<CalendarEntry>& entries,
                             std::chrono::sys_seconds stamp) {
  std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> cal(icalcomponent_new_vcalendar(),
                                                                    &icalcomponent_free);
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//SMP Studio//Appointments//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* calname = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(calname, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), calname);
  for (const CalendarEntry& e : entries) {
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(stamp)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(e.start)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(utc(e.end)));
    icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
    if (!e.description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
    if (!e.location.empty()) icalcomponent_add_property(ev, icalproperty_new_location(e.location.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
    icalcomponent_add_component(cal.get(), ev);
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace smp
