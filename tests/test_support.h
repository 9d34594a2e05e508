// Shared fixtures: the bundled examples, loaded and designed once per test binary.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "smp/case/design_from_case.h"
#include "smp/case/simulation_from_case.h"
#include "smp/design/planner.h"

namespace smp::testing {

// The InputError that `parse()` throws; a test failure naming `input` when it throws none.
template <class Parse>
InputError input_error_of(Parse&& parse, const std::string& input) {
  try {
    parse();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << input;
  return InputError("", 0, "", "");
}

// The error is at this file, line and field, and its message says `says`.
inline void expect_input_error(const InputError& e, const std::string& file, int line, const std::string& field,
                               const std::string& says) {
  EXPECT_EQ(e.file(), file) << e.what();
  EXPECT_EQ(e.line(), line) << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
  EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
}

inline std::string example_path(const std::string& name) { return std::string(SMP_SOURCE_DIR) + "/examples/" + name; }

inline const std::vector<std::string>& example_names() {
  static const std::vector<std::string> names{"norwood6-buzzcut.toml", "norwood3-soft-hairline.toml",
                                              "ludwig2-density.toml",  "fut-scar-camouflage.toml",
                                              "alopecia-areata.toml",  "fue-scars.toml"};
  return names;
}

struct DesignedExample {
  Case c;
  std::unique_ptr<TargetField> field;
  PlannedDesign planned;
};

// Designs each example once (two threads) and keeps it for every test.
inline const DesignedExample& designed_example(const std::string& name) {
  static std::map<std::string, std::unique_ptr<DesignedExample>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<DesignedExample>();
    slot->c = load_case(example_path(name));
    slot->field = std::make_unique<TargetField>(target_field_for(slot->c));
    PlannerOptions o;
    o.threads = 2;
    slot->planned = plan_design(*slot->field, slot->c.params, slot->c.seed, o);
  }
  return *slot;
}

// A case from TOML text, with the defaults of an adult male.
inline Case case_from(const std::string& toml) { return parse_case(toml, "test.toml"); }

}  // namespace smp::testing
