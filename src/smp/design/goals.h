// What the patient wants, per region of the scalp.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "smp/geometry/regions.h"

namespace smp {

enum class Goal { none, buzz_cut, density, scar_camouflage };

inline constexpr std::array<std::string_view, 4> kGoalNames{"none", "buzz_cut", "density",
                                                            "scar_camouflage"};
inline std::string_view name(Goal g) { return kGoalNames[static_cast<int>(g)]; }
inline std::optional<Goal> goal_from_name(std::string_view n) {
  for (int i = 0; i < 4; ++i)
    if (kGoalNames[i] == n) return static_cast<Goal>(i);
  return std::nullopt;
}

struct Goals {
  Goal default_goal = Goal::buzz_cut;
  std::array<std::optional<Goal>, kRegionCount> per_region{};
  Goal at(Region r) const { return per_region[static_cast<int>(r)].value_or(default_goal); }
};

}  // namespace smp
