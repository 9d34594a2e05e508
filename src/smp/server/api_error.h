// An answer other than success, as the API writes it: {"error": {"code", "message",
// "field"}} with its HTTP status. Handlers throw it; the router maps it, and every other
// error, to an answer in one place (router.cpp).
#pragma once

#include <stdexcept>
#include <string>

namespace smp::server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_, field_;
};

// 400 naming the field, its message led by the field's name: the answer to a bad value.
inline ApiError bad_request(const std::string& field, const std::string& message) {
  return ApiError(400, "bad_request", field + ": " + message, field);
}

}  // namespace smp::server
