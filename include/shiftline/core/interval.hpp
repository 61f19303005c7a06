// A span of time between two instants, shared by every stage that reasons about time ranges
// (duty, match, verify, the report).
#pragma once

#include "shiftline/core/time.hpp"

namespace shiftline {

/// A span of time [start, end): half-open unless the field holding it says otherwise (a dwell's
/// span, [first ping, last ping], is closed).
struct Interval {
  Instant start;
  Instant end;
  [[nodiscard]] Millis length() const noexcept { return end - start; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace shiftline
