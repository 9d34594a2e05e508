// How a patient reaches the clinic: its name, address, phone, after-hours phone and
// e-mail (the clinic's setting "contact", set by the admin). Shown wherever a patient is
// told to contact the clinic: the patient's calendar feed and link.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "smp/store/database.h"

namespace smp::server {

struct ClinicContact {
  std::string name, address, phone, after_hours_phone, email;
  // "Phone ...; after hours ...; e-mail ..." for what is set; a plea to set it otherwise.
  std::string reach_text() const;
  nlohmann::json json() const;
};

// The setting, or an empty contact when the admin has not set it yet.
ClinicContact clinic_contact(store::Connection& c);

}  // namespace smp::server
