// Helpers shared by the dwell detectors.
#pragma once

#include "shiftline/core/geo.hpp"

namespace shiftline::dwell {

/// Whether a and b are within `limit` metres. The local frame decides when it is clearly inside or
/// outside (its error is below 0.1% up to 10 km); within 0.5% of the limit the geodesic decides,
/// so a boundary decision is always the geodesic's.
[[nodiscard]] inline bool within(const LocalFrame& frame, LatLon a, LatLon b, Meters limit) noexcept {
  const double d2 = frame.distance2(a, b);
  const double inner = limit.value * 0.995;
  const double outer = limit.value * 1.005;
  if (d2 < inner * inner) return true;
  if (d2 > outer * outer) return false;
  return geodesic_distance(a, b) <= limit;
}

}  // namespace shiftline::dwell
