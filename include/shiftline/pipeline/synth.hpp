// A deterministic synthetic fleet with known dwells, for tests with known answers and for the
// benchmark (code-style.md example 12). Same config -> same bytes, on every machine.
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
};

/// A dwell the generator planted: the vehicle is parked at `location` from `start` to `end`
/// (first to last parked ping).
struct PlantedDwell {
  std::string vehicle_id;
  Instant start;
  Instant end;
  LatLon location;
};

/// Writes `vehicle_id,timestamp,lat,lon` CSV (header included) and returns the planted dwells.
/// Vehicles alternate between driving legs (30-60 km/h along straight segments) and parked
/// periods of 3-40 minutes with noise of `gps_noise`; planted dwells are all longer than 3 minutes
/// and separated by at least 500 m of driving, so any sound detector with a radius of 50 m and a
/// minimum of 120 s finds exactly them.
std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& config, std::ostream& csv);

}  // namespace shiftline::pipeline
