#include "shiftline/verify/prism.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shiftline::verify {

Millis travel_time(Meters distance, Speed speed) noexcept {
  if (!(distance.value > 0.0)) return Millis{0};
  const double ms = std::floor(distance.value / speed.metres_per_second * 1000.0);
  // 2^63 as a double; every double below it converts to a representable count.
  constexpr double kLimit = 9.223372036854775808e18;
  if (!(ms < kLimit)) return Millis::max();
  return Millis{static_cast<Millis::rep>(ms)};
}

namespace {

// Instants far from the epoch plus a saturated travel time must not overflow: clamp in doubles.
Instant shifted(Instant t, Millis by, int sign) noexcept {
  const double v = static_cast<double>(t.time_since_epoch().count()) + sign * static_cast<double>(by.count());
  constexpr double kLimit = 9.0e18;
  return Instant{Millis{static_cast<Millis::rep>(std::clamp(v, -kLimit, kLimit))}};
}

}  // namespace

Reach reach(const std::optional<Anchor>& before, const std::optional<Anchor>& after, Instant from, Instant to,
            Speed speed) noexcept {
  Reach r{from, to};
  if (before) r.earliest_arrival = std::max(from, shifted(before->at, travel_time(before->distance, speed), +1));
  if (after) r.latest_departure = std::min(to, shifted(after->at, travel_time(after->distance, speed), -1));
  return r;
}

}  // namespace shiftline::verify
