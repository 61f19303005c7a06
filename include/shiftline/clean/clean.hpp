// Cleaning: one vehicle's pings -> a time-ordered track, every removal reported.
//
// Rules (docs/cleaning.md states them with examples):
// - order: by time, ties by source (file, line); out-of-order input is sorted, never rejected;
// - exact duplicate (same vehicle, time and position): the first by source is kept, the others
//   are `duplicate`;
// - conflicting duplicate (same vehicle and time, different positions): every row of that instant
//   is `conflicting_duplicate`, since nothing says which position is true, and keeping "the first"
//   would make the result depend on row order;
// - GPS week rollover: a ping more than 365 days before the vehicle's median time that lands
//   within 365 days of the median when moved forward by 1024*k weeks (k = 1..3) is
//   `gps_week_rollover_suspected` (receivers that missed a rollover date fixes 19.6 years early);
// - speed spike: a single ping p[i] with implied speeds p[i-1]->p[i] and p[i]->p[i+1] both above
//   max_speed while p[i-1]->p[i+1] is not, i.e. it jumps away and comes back, is `speed_spike`.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/ingest/pings.hpp"

namespace shiftline::clean {

struct CleanConfig {
  /// Implied speed above which a lone out-and-back ping is a spike, km/h. 250 is above any patrol
  /// car's pursuit speed yet well below the jumps of a bad fix (hundreds of m/s).
  double max_speed_kmh = 250.0;
  /// Reject suspected GPS week-rollover times. Default on.
  bool detect_week_rollover = true;
  /// Each input file's name as citations give it (report::display_names, by SourceRef::file), so
  /// that a row set aside for repeating another names that row's file as well as its line: the
  /// two may be in different files. Empty: the line alone.
  std::vector<std::string> source_names;
};

/// A row that cleaning set aside, and why. Kept beside the track because claims name the rows set
/// aside in the time they judge (docs/verify.md, "Discarded rows"); rare, so cheap.
struct Discard {
  std::uint32_t ping = 0;  ///< PingTable row
  Instant at;
  LatLon position;
  ProblemCode code = ProblemCode::duplicate;
};

/// A vehicle's usable pings, time-ordered with strictly increasing times.
/// `ping[i]` indexes the PingTable row it came from (provenance).
struct Track {
  VehicleIndex vehicle = 0;
  std::vector<Instant> time;
  std::vector<LatLon> position;
  std::vector<std::uint32_t> ping;
  std::vector<float> accuracy_m;  ///< empty when the input had no accuracy column
  std::vector<Discard> discarded;  ///< the vehicle's rows cleaning set aside, by (time, row)
  [[nodiscard]] std::size_t size() const noexcept { return time.size(); }
  [[nodiscard]] bool empty() const noexcept { return time.empty(); }
};

/// Ping indices grouped by vehicle: `order[offsets[k] .. offsets[k+1])` are the rows of the k-th
/// vehicle in name order (`vehicles[k]`), in input order. O(n) counting sort.
struct VehicleGroups {
  std::vector<VehicleIndex> vehicles;
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> order;
  [[nodiscard]] std::size_t count() const noexcept { return vehicles.size(); }
  [[nodiscard]] std::span<const std::uint32_t> rows(std::size_t k) const noexcept {
    return std::span<const std::uint32_t>(order).subspan(offsets[k], offsets[k + 1] - offsets[k]);
  }
};
[[nodiscard]] VehicleGroups group_by_vehicle(const ingest::PingTable& pings);

/// Cleans one vehicle's rows (`rows` index `pings`). Problems go to `problems`, one per rejected
/// row. `track` is reused to avoid reallocation across vehicles.
void clean_vehicle(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const CleanConfig& config,
                   Track& track, ProblemSink& problems);

/// Counts of what cleaning did to one vehicle (for the manifest).
struct CleanStats {
  std::size_t input_rows = 0;
  std::size_t kept = 0;
  bool was_sorted = true;  ///< input order was already time order
};

}  // namespace shiftline::clean
