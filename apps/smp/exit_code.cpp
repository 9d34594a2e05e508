#include "exit_code.h"

#include <fmt/format.h>

#include "smp/base/plan_error.h"
#include "smp/io/input_error.h"
#include "smp/store/field_error.h"
#include "smp/store/sql.h"

namespace smp::cli {

int run_mapping_errors(const std::function<int()>& command) {
  try {
    return command();
  } catch (const InputError& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitBadInput;
  } catch (const store::FieldError& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitBadInput;
  } catch (const store::StoreError& e) {
    fmt::print(stderr, "smp: error: {}{}\n", e.field().empty() ? "" : e.field() + ": ", e.what());
    return e.kind() == store::StoreError::Kind::other ? kExitInternal : kExitBadInput;
  } catch (const PlanError& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "smp: error: {}\n", e.what());
    return kExitInternal;
  }
}

}  // namespace smp::cli
