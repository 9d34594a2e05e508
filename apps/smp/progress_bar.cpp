#include "progress_bar.h"

#include <algorithm>
#include <cstdio>

#include <unistd.h>

namespace smp::cli {

ProgressBar::ProgressBar()
    : enabled_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::update(std::string_view stage, double fraction) {
  if (!enabled_ || std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * kWidth + 0.5);
  std::fprintf(stderr, "\r\033[K%-12.*s [%.*s%*s] %3d%%", static_cast<int>(stage.size()),
               stage.data(), filled, "##############################", kWidth - filled, "",
               static_cast<int>(fraction * 100 + 0.5));
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace smp::cli
