// A case that parses but cannot be planned: the field that stops it and why (the sessions
// do not fit in a year, the design treats nothing a price book can quote). The CLI
// answers it with exit code 2, the server with 422 (docs/architecture.md "Errors").
#pragma once

#include <stdexcept>
#include <string>

namespace smp {

class PlanError : public std::runtime_error {
 public:
  PlanError(std::string field, std::string reason)
      : std::runtime_error(field + ": " + reason),
        field_(std::move(field)),
        reason_(std::move(reason)) {}
  const std::string& field() const { return field_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string field_, reason_;
};

}  // namespace smp
