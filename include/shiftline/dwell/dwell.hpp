// Dwell detection: where a vehicle stayed, for how long, and which pings show it.
//
// Two detectors (docs/dwells.md states both exactly):
// - stay-point (Li et al. 2008, "Mining user similarity based on location history"; trackintel's
//   "sliding" method): from an anchor ping, extend while every ping lies within `radius` of the
//   anchor; a stay of at least `min_duration` is a dwell ending at its last ping inside.
// - diameter (MovingPandas TrajectoryStopDetector 0.22): a sliding window whose pings fit in
//   `max_diameter` (minimum rotated rectangle diagonal, geodesic), ported exactly so that results
//   can be compared with MovingPandas.
// Both treat a silence longer than the gap threshold as a break, unless it can be bridged: the
// pings on both sides lie within the dwell radius (stay-point) or the diameter (diameter) of each
// other, and the silence is no longer than `max_bridge`. A bridged silence counts towards the
// dwell and is reported as `bridged_gap`.
#pragma once

#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/reconstruct/track.hpp"

namespace shiftline::dwell {

enum class Method : std::uint8_t { stay_point, diameter };

struct DwellConfig {
  Method method = Method::stay_point;
  /// Shortest dwell, inclusive. 120 s: long enough to exclude traffic lights and junctions.
  Millis min_duration{Millis{120'000}};
  /// stay-point: every ping of a stay lies within this distance of the stay's first ping. 50 m
  /// covers GNSS scatter of a parked car plus a parking area, but not the next address.
  Meters radius{50.0};
  /// diameter: the pings of a stop fit within this diameter (MovingPandas max_diameter).
  Meters max_diameter{100.0};
  /// Longest silence that can be bridged inside a dwell. 12 h: an overnight park.
  Millis max_bridge{Millis{12LL * 3600 * 1000}};
  /// Silence longer than this is a gap (shared with reconstruct::GapConfig).
  Millis gap{Millis{5 * 60 * 1000}};
};

/// A dwell over track[first .. last] (inclusive).
struct Dwell {
  std::size_t first = 0;
  std::size_t last = 0;
  LatLon location;          ///< stay-point: mean of the pings; diameter: per-axis median (as MovingPandas)
  Meters radius{0.0};       ///< largest geodesic distance from `location` to a ping of the dwell
  Millis bridged_gap{0};    ///< total length of silences longer than the gap threshold inside
};

/// Dwells of one track, in time order, never overlapping.
[[nodiscard]] std::vector<Dwell> detect_dwells(const clean::Track& track, const DwellConfig& config);

/// The two detectors, for tests and benchmarks.
[[nodiscard]] std::vector<Dwell> detect_stay_points(const clean::Track& track, const DwellConfig& config);
[[nodiscard]] std::vector<Dwell> detect_diameter_stops(const clean::Track& track, const DwellConfig& config);

/// Fills location (mean) and radius of a dwell from its pings. Used by stay-point.
void summarise_mean(const clean::Track& track, Dwell& dwell);
/// Fills location (per-axis median, MovingPandas) and radius. Used by diameter.
void summarise_median(const clean::Track& track, Dwell& dwell);

}  // namespace shiftline::dwell
