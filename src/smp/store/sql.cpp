#include "smp/store/sql.h"

#include <fmt/format.h>

namespace smp::store {
namespace {

template <class T>
const T& value_as(const std::vector<SqlValue>& values, std::size_t i, const char* kind) {
  if (i >= values.size())
    throw StoreError(StoreError::Kind::other, fmt::format("result has no column {}", i));
  if (const T* v = std::get_if<T>(&values[i])) return *v;
  throw StoreError(StoreError::Kind::other, fmt::format("result column {} is not {}", i, kind));
}

}  // namespace

bool Row::is_null(std::size_t i) const {
  return i < values_.size() && std::holds_alternative<std::monostate>(values_[i]);
}
std::int64_t Row::integer(std::size_t i) const {
  return value_as<std::int64_t>(values_, i, "an integer");
}
double Row::real(std::size_t i) const {
  if (i < values_.size())
    if (const std::int64_t* v = std::get_if<std::int64_t>(&values_[i]))
      return static_cast<double>(*v);
  return value_as<double>(values_, i, "a number");
}
const std::string& Row::text(std::size_t i) const {
  return value_as<std::string>(values_, i, "text");
}
const std::string& Row::blob(std::size_t i) const {
  return value_as<Blob>(values_, i, "bytes").bytes;
}
std::optional<std::string> Row::optional_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}
std::optional<std::int64_t> Row::optional_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

}  // namespace smp::store
