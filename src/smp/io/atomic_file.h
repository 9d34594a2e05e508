// A file that appears whole or not at all: written beside its destination, then renamed
// over it, so a reader (or a crash) never sees half of it and an old copy survives a failure.
#pragma once

#include <filesystem>
#include <string_view>

namespace smp {

// std::runtime_error naming the path if it cannot be written; the temporary is removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace smp
