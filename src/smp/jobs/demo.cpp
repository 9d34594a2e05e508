#include "smp/jobs/demo.h"

#include <filesystem>
#include <stdexcept>

namespace smp {

std::string bundled_example(const std::string& name) {
  for (const std::filesystem::path& dir :
       {std::filesystem::path("examples"), std::filesystem::path(SMP_SOURCE_DIR) / "examples"})
    if (std::filesystem::exists(dir / name)) return (dir / name).string();
  throw std::runtime_error("cannot find the bundled example " + name);
}

}  // namespace smp
