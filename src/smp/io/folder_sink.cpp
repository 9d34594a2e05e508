#include "smp/io/folder_sink.h"

#include <stdexcept>

#include "smp/io/atomic_file.h"

namespace smp {

void FolderSink::put(const std::string& path, std::string bytes) {
  const std::filesystem::path rel(path);
  bool inside = !rel.empty() && rel.is_relative();
  for (const std::filesystem::path& part : rel) inside = inside && part != "..";
  if (!inside) throw std::logic_error(path + ": not a path inside the output folder");
  const std::filesystem::path file = std::filesystem::path(dir_.path()) / rel;
  {
    const std::lock_guard lock(m_);
    if (!written_.insert(path).second) throw std::logic_error(path + ": written twice");
    std::filesystem::create_directories(file.parent_path());
  }
  write_file_atomically(file, bytes);
}

void write_into_folder(const OutputFiles& files, const std::filesystem::path& dir) {
  for (const auto& [path, bytes] : files) {
    const std::filesystem::path file = dir / path;
    std::filesystem::create_directories(file.parent_path());
    write_file_atomically(file, bytes);
  }
}

}  // namespace smp
