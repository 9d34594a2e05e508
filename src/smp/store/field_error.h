// A bad field of a request or a command: which one and why (the API answers 400 naming
// it, the CLI exits 2).
#pragma once

#include <stdexcept>
#include <string>

namespace smp::store {

class FieldError : public std::invalid_argument {
 public:
  FieldError(std::string field, const std::string& message)
      : std::invalid_argument(field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace smp::store
