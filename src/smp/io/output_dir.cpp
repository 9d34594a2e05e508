#include "smp/io/output_dir.h"

#include <random>
#include <stdexcept>

namespace smp {
namespace fs = std::filesystem;

namespace {
std::string unique_suffix() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(rd());
}
}  // namespace

OutputDir::OutputDir(fs::path destination) : destination_(std::move(destination)) {
  if (destination_.filename().empty()) destination_ = destination_.parent_path();
  const fs::path parent =
      destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  staging_ = parent / ("." + destination_.filename().string() + ".tmp-" + unique_suffix());
  fs::create_directory(staging_);
}

OutputDir::~OutputDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void OutputDir::commit() {
  // rename() cannot replace a non-empty folder: move the old one aside first, so the
  // destination is never half-written, then remove it.
  fs::path old;
  if (fs::exists(destination_)) {
    old = destination_.parent_path() /
          ("." + destination_.filename().string() + ".old-" + unique_suffix());
    fs::rename(destination_, old);
  }
  try {
    fs::rename(staging_, destination_);
  } catch (...) {
    if (!old.empty()) fs::rename(old, destination_);
    throw;
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old);
}

}  // namespace smp
