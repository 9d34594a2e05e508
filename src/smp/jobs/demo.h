// `smp demo`: the main job (smp plan) on the bundled Norwood VI example.
#pragma once

#include <string>

namespace smp {

inline constexpr const char* kDemoCase = "norwood6-buzzcut.toml";
inline constexpr const char* kDemoOutDir = "out/demo";

// The bundled example `name`, from ./examples or the source tree's examples/;
// std::runtime_error when neither has it.
std::string bundled_example(const std::string& name);

}  // namespace smp
