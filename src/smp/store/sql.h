// The values a statement binds and a query returns, the same for both engines: SQL NULL,
// a 64-bit integer, a double, UTF-8 text, or bytes (an encrypted photo, a hash).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace smp::store {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

// One row of a result; the accessors throw StoreError naming the column's index when the
// value is not of the asked kind (a schema and its queries out of step).
class Row {
 public:
  explicit Row(std::vector<SqlValue> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
  const std::string& text(std::size_t i) const;
  const std::string& blob(std::size_t i) const;
  std::optional<std::string> optional_text(std::size_t i) const;
  std::optional<std::int64_t> optional_integer(std::size_t i) const;

 private:
  std::vector<SqlValue> values_;
};

using Rows = std::vector<Row>;

// A database failure. `conflict`: a unique or foreign-key constraint refused the change
// (the API answers 409); `busy`: the engine could not get its lock in time (503);
// `version`: the database's schema is newer than this program (it refuses to start).
class StoreError : public std::runtime_error {
 public:
  enum class Kind { conflict, busy, version, other };
  StoreError(Kind kind, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}
  Kind kind() const { return kind_; }
  const std::string& field() const { return field_; }  // of a conflict: "version", "name"

 private:
  Kind kind_;
  std::string field_;
};

}  // namespace smp::store
