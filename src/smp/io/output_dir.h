// An output folder that appears whole or not at all: files are written into a hidden
// sibling folder, which replaces the destination only when commit() is called.
#pragma once

#include <filesystem>
#include <string>

namespace smp {

class OutputDir {
 public:
  explicit OutputDir(std::filesystem::path destination);
  ~OutputDir();  // removes the temporary folder if commit() was never reached
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // The temporary folder to write into.
  std::string path() const { return staging_.string(); }
  // Replaces the destination with the staged folder (the old one is removed after).
  void commit();

 private:
  std::filesystem::path destination_, staging_;
  bool committed_ = false;
};

}  // namespace smp
