// A portable random source for tests that sample many cases.
#pragma once

#include <cstdint>
#include <random>

namespace shiftline::test {

/// A portable uniform double in [0, 1) from the raw 64 bits of mt19937_64 (whose output sequence
/// is fixed by the standard, unlike std::uniform_real_distribution's): the same cases on every
/// machine and compiler.
class Uniform {
 public:
  explicit Uniform(std::uint64_t seed) : m_engine(seed) {}
  double operator()() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  double operator()(double lo, double hi) { return lo + (hi - lo) * (*this)(); }

 private:
  std::mt19937_64 m_engine;
};

}  // namespace shiftline::test
