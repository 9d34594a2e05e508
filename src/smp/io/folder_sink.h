// A job's files as an output folder that appears whole or not at all (io/output_dir.h):
// put() writes into the staging folder, commit() replaces the destination.
#pragma once

#include <filesystem>
#include <mutex>
#include <set>

#include "smp/io/output_dir.h"
#include "smp/io/sink.h"

namespace smp {

class FolderSink : public Sink {
 public:
  explicit FolderSink(std::filesystem::path destination) : dir_(std::move(destination)) {}
  // std::runtime_error naming the file when it cannot be written.
  void put(const std::string& path, std::string bytes) override;
  void commit() { dir_.commit(); }

 private:
  OutputDir dir_;
  std::mutex m_;
  std::set<std::string> written_;
};

// Each file into an existing folder, whole (written beside, then renamed), next to what
// the folder holds: the photo folder gains its analysis.
void write_into_folder(const OutputFiles& files, const std::filesystem::path& dir);

}  // namespace smp
