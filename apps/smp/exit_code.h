// The command line's one mapping from errors to exit codes (docs/architecture.md
// "Errors"): a bad input (InputError: file, line, field) and a plan that cannot be made
// (PlanError: field, reason) exit 2, anything else 1. The server maps the same errors
// to 400, 422 and 500 in its one place.
#pragma once

#include <functional>

namespace smp::cli {

inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitCheckFailed = 3;  // smp audit verify found a broken chain

// Runs `command` and returns its exit code, or prints "smp: error: ..." and returns the
// code of what it threw.
int run_mapping_errors(const std::function<int()>& command);

}  // namespace smp::cli
