// Helpers shared by the synthetic generators (synth.cpp, synth_case.cpp): random numbers made
// only of raw std::mt19937_64 output and exactly rounded arithmetic, and a flat local frame.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

namespace shiftline::pipeline::detail {

// --- Random numbers: raw mt19937_64 output only (its sequence is fixed by the standard); the
// conversions use integer arithmetic, + - * / and sqrt, all exactly rounded by IEEE 754, and the
// whole project is built with -ffp-contract=off, so every platform gives the same bits.

inline std::uint64_t mix64(std::uint64_t z) noexcept {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  /// Uniform in [0, 1), 53 random bits.
  double uniform() noexcept { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [lo, hi]. Precondition lo <= hi, hi - lo < 2^53.
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) noexcept {
    const std::uint64_t n = hi - lo + 1;
    const auto k = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
    return lo + std::min(k, n - 1);
  }
  /// Approximately standard normal: the sum of four uniforms (Irwin-Hall), shifted and scaled to
  /// mean 0 and variance 1; bounded at +-2*sqrt(3) = +-3.46, which the 3-sigma cut makes moot.
  double normal() noexcept {
    constexpr double kSqrt3 = 1.7320508075688772;
    return (uniform() + uniform() + uniform() + uniform() - 2.0) * kSqrt3;
  }

 private:
  std::mt19937_64 m_engine;
};

struct Point {
  double x = 0.0;  // metres east of the centre
  double y = 0.0;  // metres north of the centre
};

inline double distance(Point a, Point b) noexcept {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  return std::sqrt(dx * dx + dy * dy);
}

inline Point uniform_in_disc(Random& random, double radius) noexcept {
  for (;;) {
    const Point p{random.uniform(-radius, radius), random.uniform(-radius, radius)};
    if (p.x * p.x + p.y * p.y <= radius * radius) return p;
  }
}

}  // namespace shiftline::pipeline::detail
