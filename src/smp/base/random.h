// Seeded random numbers that are the same on every machine and thread count: the
// standard library's distributions are implementation-defined, so the conversions from
// bits to numbers are written out here. Each use has its own stream, so adding draws
// in one place never changes another (same seed, same design).
#pragma once

#include <cmath>
#include <cstdint>

namespace smp {

class Random {
 public:
  enum class Stream : std::uint64_t {
    alopecia_patches = 1,
    scars,
    hairline,
    candidates,
    dot_attributes,
    hair,
  };

  // substream: independent sequences within one stream (one per tile of the planner,
  // so that the design does not depend on the order the tiles are worked in).
  Random(std::uint64_t seed, Stream stream, std::uint64_t substream = 0) {
    std::uint64_t x = seed ^ (static_cast<std::uint64_t>(stream) * 0x9E3779B97F4A7C15ull);
    x += substream * 0xD1B54A32D192ED03ull;
    for (auto& s : s_) s = splitmix(x);
  }

  // xoshiro256** (Blackman and Vigna 2018).
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Standard normal (Box-Muller).
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace smp
