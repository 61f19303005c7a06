// Tracks and gaps: where the data is silent, and where a vehicle was at any instant.
#pragma once

#include <optional>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::reconstruct {

using clean::Track;

struct GapConfig {
  /// A silence strictly longer than this between consecutive pings is a gap. 5 min: AVL units
  /// report every 5-60 s while moving, so 5 min of silence means lost data, not sparse sampling.
  Millis gap{Millis{5 * 60 * 1000}};
};

/// A silence between track[before] and track[before + 1].
struct Gap {
  std::size_t before = 0;  ///< index of the last ping before the silence; the next ping ends it
  [[nodiscard]] std::size_t after() const noexcept { return before + 1; }
};

/// Gaps of a track in time order. O(n).
[[nodiscard]] std::vector<Gap> find_gaps(const Track& track, const GapConfig& config);

/// Where a vehicle was at an instant, by linear interpolation between the bracketing pings (in
/// latitude/longitude, which is exact to millimetres over the metres to kilometres between
/// consecutive pings). At a ping's own time, before == after == that ping.
struct Position {
  LatLon at;
  std::size_t before = 0;  ///< index of the ping at or before the instant
  std::size_t after = 0;   ///< index of the ping at or after the instant
  Meters from_before{0.0};  ///< geodesic distance from `at` to the ping before
  Meters to_after{0.0};     ///< geodesic distance from `at` to the ping after
  bool in_gap = false;      ///< the bracketing pings are further apart than the gap threshold
};

/// nullopt when `t` is before the first or after the last ping (no extrapolation). O(log n).
[[nodiscard]] std::optional<Position> position_at(const Track& track, Instant t, const GapConfig& config);

}  // namespace shiftline::reconstruct
