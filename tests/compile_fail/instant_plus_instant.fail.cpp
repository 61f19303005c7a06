// MUST NOT COMPILE: Instant + Instant.
//
// Two points on the time line cannot be added (what is 09:00 plus 10:00?); only a duration can be
// added to an Instant, and Instant - Instant is a duration. std::chrono::time_point has no
// operator+ for two time points, and Instant is a time_point (time.hpp), so this is refused.
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must
// compile: that proves the failure comes from that line and nothing else.
#include "shiftline/core/time.hpp"

namespace shiftline::compile_fail {

Millis instant_arithmetic(Instant start, Instant end) {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  [[maybe_unused]] const auto forbidden = start + end;
#endif
  [[maybe_unused]] const Instant later = start + Millis{1500};  // Instant + duration: fine
  return end - start;                                          // Instant - Instant: a duration
}

}  // namespace shiftline::compile_fail
