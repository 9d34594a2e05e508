// A loop over pictures (states, views, photos) on OpenCV's worker threads.
#pragma once

#include <functional>

namespace smp {

// Runs body(i) for i in [0, n) on the worker threads; the first exception is rethrown
// here (OpenCV's workers must not throw).
void for_each_parallel(int n, const std::function<void(int)>& body);

}  // namespace smp
