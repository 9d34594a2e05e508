// A one-line progress bar on stderr, shown only on a terminal and only once a job has
// run for a second (quick jobs stay quiet).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace smp::cli {

class ProgressBar {
 public:
  ProgressBar();
  ~ProgressBar();
  void update(std::string_view stage, double fraction);

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace smp::cli
