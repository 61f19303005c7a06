// A deterministic synthetic fleet with known dwells, for tests with known answers and for the
// benchmark (docs/conventions.md, 12). Same config -> same bytes, on every machine.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::pipeline {

struct SynthConfig {
  std::uint64_t seed = 1;
  std::size_t vehicles = 10;
  std::size_t pings = 100'000;         ///< total over all vehicles (approximately equal shares)
  Instant start = Instant{std::chrono::sys_days{std::chrono::year{2024} / 3 / 1}};
  Millis interval{Millis{15'000}};      ///< nominal time between pings of one vehicle
  LatLon centre = LatLon::from_degrees(52.6309, -1.1398);  ///< Leicester, UK
  Meters area_radius{8000.0};           ///< vehicles roam within this distance of the centre
  Meters gps_noise{4.0};                ///< standard deviation of position noise while parked
  /// Rows come ordered by time across the fleet (as a feed dump is), not grouped by vehicle.
  bool interleave = true;
  /// Silences longer than 5 minutes (6-30 min) planted per vehicle, each in the middle of a
  /// driving leg, so that both sides are far apart and no detector may bridge them. 0: the data
  /// has no silence longer than `interval`. A vehicle whose data ends before a planned gap gets
  /// fewer; the gaps actually planted are returned (PlantedGap).
  std::size_t gaps_per_vehicle = 0;
};

/// A dwell the generator planted: the vehicle is parked at `location` from `start` to `end`
/// (first to last parked ping).
struct PlantedDwell {
  std::string vehicle_id;
  Instant start;
  Instant end;
  LatLon location;
};

/// A silence the generator planted: no ping of the vehicle strictly between `start` (its last
/// ping before) and `end` (its first ping after); `end - start` is more than 5 minutes.
struct PlantedGap {
  std::string vehicle_id;
  Instant start;
  Instant end;
};

/// Writes `vehicle_id,timestamp,lat,lon` CSV (header included) and returns the planted dwells.
/// Vehicles alternate between driving legs (30-60 km/h along straight segments) and parked
/// periods of 3-40 minutes with noise of `gps_noise`; planted dwells are all longer than 3 minutes
/// and separated by at least 500 m of driving, so any sound detector with a radius of 50 m and a
/// minimum of 120 s finds exactly them.
///
/// Details a caller may rely on:
/// - exactly `pings` data rows; vehicle k (0-based) writes pings/vehicles rows, plus one when
///   k < pings % vehicles. Ids are `V` and the 1-based number zero-padded to at least 4 digits
///   (`V0001`), so byte order is number order.
/// - each vehicle pings on the grid start + phase + i * interval, phase a whole number of seconds
///   in [0, interval) drawn per vehicle; it skips grid points only inside planted gaps. With
///   `interleave`, rows are ordered by (time, vehicle phase, vehicle number); without it, by
///   vehicle, then time. The rows are the same either way, only their order differs.
/// - times are `format_utc` text (`Z`), lat/lon have exactly 7 decimals; locale-free.
/// - position noise is isotropic, standard deviation `gps_noise` per axis, cut at 3 sigma from
///   the true position; it applies while driving too. `location` is the true parked position, so
///   the mean of a dwell's fixes lies within about 3 * gps_noise / sqrt(pings in the dwell) of it.
/// - a vehicle's last leg, when too short to end in a full dwell, heads through the centre and
///   ends with the data; with an area radius below about 5 km it may run past the area's edge.
/// - the result is sorted by vehicle id, then start.
/// Deterministic: only the raw output of std::mt19937_64 (one engine per vehicle, seeded from
/// `seed` and the vehicle number) is used, with conversions of our own made of +, -, *, / and
/// sqrt, so the bytes are the same with every compiler and standard library.
///
/// Throws UsageError when the guarantees cannot hold: vehicles or pings 0, interval outside
/// [15 s, 5 min], gps_noise outside [0, 8] m, area_radius outside [1, 50] km or below four
/// steps at 60 km/h (1 km at 15 s, 20 km at 5 min), |centre latitude| above 80 degrees. Throws OutputError when the stream fails. Memory does not grow with `pings`
/// except for the returned vectors (one entry per dwell: about one per 125 pings).
std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& config, std::ostream& csv);

/// As above, and fills `gaps` with the planted silences (sorted by vehicle id, then start).
std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& config, std::ostream& csv,
                                                std::vector<PlantedGap>& gaps);

}  // namespace shiftline::pipeline
