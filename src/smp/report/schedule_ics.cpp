#include "smp/report/schedule_ics.h"

#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

#include <libical/ical.h>

namespace smp {

namespace {

using Component = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

icaltimetype with_date(icaltimetype t, std::chrono::year_month_day d) {
  t.year = static_cast<int>(d.year());
  t.month = static_cast<int>(static_cast<unsigned>(d.month()));
  t.day = static_cast<int>(static_cast<unsigned>(d.day()));
  return t;
}

icaltimetype ical_date(std::chrono::year_month_day d) { return with_date(icaltime_null_date(), d); }

// A floating local time: the clinic's 09:00 is 09:00 in whatever zone the calendar shows.
icaltimetype ical_local_time(std::chrono::year_month_day d, std::chrono::minutes time_of_day) {
  icaltimetype t = with_date(icaltime_null_time(), d);
  t.hour = static_cast<int>(time_of_day.count() / 60);
  t.minute = static_cast<int>(time_of_day.count() % 60);
  return t;
}

std::string hh_mm(std::chrono::minutes m) {
  const auto h = m.count() / 60, min = m.count() % 60;
  return (h < 10 ? "0" : "") + std::to_string(h) + (min < 10 ? ":0" : ":") + std::to_string(min);
}

std::string duration_text(std::chrono::minutes m) {
  return std::to_string(m.count() / 60) + " h " + std::to_string(m.count() % 60) + " min";
}

// A display alarm `seconds` relative to the event's start.
icalcomponent* alarm(int seconds, const std::string& text) {
  icalcomponent* a = icalcomponent_new_valarm();
  icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icalcomponent_add_property(a, icalproperty_new_trigger(icaltriggertype_from_int(seconds)));
  icalcomponent_add_property(a, icalproperty_new_description(text.c_str()));
  return a;
}

class IcsWriter {
 public:
  IcsWriter(const std::string& patient_id, std::chrono::sys_seconds stamp)
      : patient_(patient_id),
        stamp_(icaltime_from_timet_with_zone(static_cast<time_t>(stamp.time_since_epoch().count()),
                                             0, icaltimezone_get_utc_timezone())),
        cal_(icalcomponent_new_vcalendar(), &icalcomponent_free) {
    icalcomponent_add_property(cal_.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal_.get(),
                               icalproperty_new_prodid("-//SMP Studio//Treatment schedule//EN"));
    icalcomponent_add_property(cal_.get(), icalproperty_new_calscale("GREGORIAN"));
    icalproperty* name = icalproperty_new_x(("SMP treatment " + patient_).c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal_.get(), name);
  }

  // A new event with its UID (`key` unique within the patient's calendar) and texts.
  icalcomponent* event(const std::string& key, const std::string& summary,
                       const std::string& description, const char* category) {
    icalcomponent* e = icalcomponent_new_vevent();
    icalcomponent_add_property(
        e, icalproperty_new_uid((patient_ + "-" + key + "@smp-studio").c_str()));
    icalcomponent_add_property(e, icalproperty_new_dtstamp(stamp_));
    icalcomponent_add_property(e, icalproperty_new_summary(summary.c_str()));
    icalcomponent_add_property(e, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(e, icalproperty_new_categories(category));
    icalcomponent_add_component(cal_.get(), e);
    return e;
  }

  // An all-day event over [from, until] (DTEND is exclusive), not blocking the day.
  icalcomponent* all_day(const std::string& key, const std::string& summary,
                         const std::string& description, const char* category,
                         std::chrono::year_month_day from, std::chrono::year_month_day until) {
    icalcomponent* e = event(key, summary, description, category);
    icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(from)));
    icalcomponent_add_property(
        e, icalproperty_new_dtend(ical_date(std::chrono::sys_days{until} + std::chrono::days{1})));
    icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    return e;
  }

  std::string text() const {
    char* s = icalcomponent_as_ical_string_r(cal_.get());
    std::string out(s);
    std::free(s);
    return out;
  }

 private:
  std::string patient_;
  icaltimetype stamp_;
  Component cal_;
};

std::string session_name(int session, int part, int parts) {
  return "SMP session " + std::to_string(session) +
         (parts > 1 ? ", part " + std::to_string(part) + " of " + std::to_string(parts) : "");
}

const char* aftercare_title(AftercareKind k) {
  switch (k) {
    case AftercareKind::sedation: return "light sedation, no driving today";
    case AftercareKind::no_washing: return "no washing the scalp";
    case AftercareKind::keep_dry: return "keep the scalp dry";
    case AftercareKind::no_sun_sauna_swimming: return "no sun, sauna, steam or swimming";
    case AftercareKind::limited_exercise: return "limit strenuous exercise";
    case AftercareKind::prescribed_care: return "prescribed shampoo and moisturiser";
    case AftercareKind::healing: return "healed by now";
    case AftercareKind::true_colour: return "true colour";
    case AftercareKind::long_term: return "long-term care";
  }
  return "";
}

constexpr int kDaySeconds = 24 * 3600;
constexpr int kMorningSeconds = 9 * 3600;  // all-day reminders at 09:00 of their first day

}  // namespace

std::string schedule_ics(const Schedule& s, const std::string& patient_id,
                         std::chrono::sys_seconds stamp) {
  if (patient_id.empty()) throw std::invalid_argument("patient_id: must not be empty");
  IcsWriter w(patient_id, stamp);
  for (const Visit& v : s.visits) {
    const std::string what = session_name(v.session, v.part, v.parts);
    std::string description = "Patient " + patient_id + ": about " + std::to_string(v.dots) +
                              " impressions, chair time " + duration_text(v.chair_time) + ".";
    if (v.sedation) description += " Light sedation: do not drive home; arrange to be taken home.";
    icalcomponent* e =
        w.event("session-" + std::to_string(v.session) + "-part-" + std::to_string(v.part), what,
                description, "SMP session");
    icalcomponent_add_property(e, icalproperty_new_dtstart(ical_local_time(v.date, v.start_time)));
    icalcomponent_add_property(
        e, icalproperty_new_dtend(ical_local_time(v.date, v.start_time + v.chair_time)));
    icalcomponent_add_component(
        e,
        alarm(-kDaySeconds, "Tomorrow at " + hh_mm(v.start_time) + ": " + what +
                                (v.sedation ? " (light sedation: arrange to be taken home)" : "")));
  }
  // Keyed by session, kind and the how-many-th of that kind (a split sedated session has
  // one sedation window per day), not by date, so that moved dates update the same event.
  std::map<std::string, int> seen;
  for (const AftercareWindow& a : s.aftercare) {
    std::string key =
        "session-" + std::to_string(a.session) + "-aftercare-" + std::string(name(a.kind));
    key += "-" + std::to_string(++seen[key]);
    icalcomponent* e = w.all_day(
        key, "Aftercare (session " + std::to_string(a.session) + "): " + aftercare_title(a.kind),
        a.rule, "SMP aftercare", a.from, a.until);
    // Reminders where the patient must start doing something new.
    if (a.kind == AftercareKind::prescribed_care || a.kind == AftercareKind::long_term)
      icalcomponent_add_component(e, alarm(kMorningSeconds, a.rule));
  }
  for (const FollowUp& f : s.follow_ups)
    w.all_day("session-" + std::to_string(f.session) + "-follow-up-day-" + std::to_string(f.day),
              "SMP check-in: day " + std::to_string(f.day) + " after session " +
                  std::to_string(f.session),
              f.what, "SMP follow-up", f.date, f.date);
  icalcomponent* recall = w.all_day("touch-up-recall", "SMP touch-up due",
                                    "Patient " + patient_id +
                                        ": the impressions have faded enough for a touch-up "
                                        "session; book it with the clinic.",
                                    "SMP recall", s.touch_up_recall, s.touch_up_recall);
  icalcomponent_add_component(
      recall, alarm(-14 * kDaySeconds, "SMP touch-up due in two weeks: book it with the clinic."));
  return w.text();
}

}  // namespace smp
