// Cancelling a job from another thread (a browser closed, a newer hairline drawn): the
// job's steps look at a std::stop_token between pieces of work of at most a few hundred
// milliseconds and throw Cancelled, so a cancelled job returns nothing partial.
#pragma once

#include <stdexcept>
#include <stop_token>

namespace smp {

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

inline void throw_if_cancelled(const std::stop_token& stop) {
  if (stop.stop_requested()) throw Cancelled();
}

}  // namespace smp
