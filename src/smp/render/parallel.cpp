#include "smp/render/parallel.h"

#include <exception>
#include <mutex>

#include <opencv2/core/utility.hpp>

namespace smp {

void for_each_parallel(int n, const std::function<void(int)>& body) {
  std::mutex m;
  std::exception_ptr error;
  cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i) try {
        body(i);
      } catch (...) {
        const std::lock_guard lock(m);
        if (!error) error = std::current_exception();
      }
  });
  if (error) std::rethrow_exception(error);
}

}  // namespace smp
