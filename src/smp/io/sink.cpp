#include "smp/io/sink.h"

#include <stdexcept>
#include <utility>

namespace smp {

void MemorySink::put(const std::string& path, std::string bytes) {
  const std::lock_guard lock(m_);
  if (!files_.emplace(path, std::move(bytes)).second)
    throw std::logic_error(path + ": written twice");
}

OutputFiles MemorySink::take() {
  const std::lock_guard lock(m_);
  return std::exchange(files_, {});
}

void put_all(const OutputFiles& files, Sink& sink, const std::string& prefix) {
  for (const auto& [path, bytes] : files) sink.put(prefix + path, bytes);
}

void put_all(OutputFiles&& files, Sink& sink, const std::string& prefix) {
  for (auto& [path, bytes] : files) sink.put(prefix + path, std::move(bytes));
  files.clear();
}

}  // namespace smp
