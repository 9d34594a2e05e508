// The words a kind or state is stored and sent as, one table per enum: the name of a
// value and the value of a name, so no switch and its reverse are written twice.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace smp::store {

template <class E, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::pair<E, std::string_view>, N> names) : names_(names) {}
  constexpr std::string_view name(E e) const {
    for (const auto& [v, n] : names_)
      if (v == e) return n;
    return "";
  }
  constexpr std::optional<E> parse(std::string_view s) const {
    for (const auto& [v, n] : names_)
      if (n == s) return v;
    return std::nullopt;
  }
  constexpr auto begin() const { return names_.begin(); }
  constexpr auto end() const { return names_.end(); }

 private:
  std::array<std::pair<E, std::string_view>, N> names_;
};

}  // namespace smp::store
