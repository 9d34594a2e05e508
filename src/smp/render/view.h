// The views the model head is rendered in, and the five a clinic photographs.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace smp {

enum class View { front, top, left, right, back, three_quarter };
inline constexpr View kViews[] = {View::front, View::top,  View::left,
                                  View::right, View::back, View::three_quarter};
// The five views a clinic photographs (the model views add three_quarter).
inline constexpr View kClinicViews[] = {View::front, View::top, View::left, View::right,
                                        View::back};

inline std::string_view name(View v) {
  static constexpr std::array<std::string_view, 6> kNames{"front", "top",  "left",
                                                          "right", "back", "three-quarter"};
  return kNames[static_cast<int>(v)];
}

// The clinic view of this name ("front", "top", ...), if it is one.
inline std::optional<View> clinic_view_named(std::string_view view_name) {
  for (View v : kClinicViews)
    if (name(v) == view_name) return v;
  return std::nullopt;
}

}  // namespace smp
