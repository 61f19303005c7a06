// A deterministic, fully synthetic investigation case: patrol-car pings plus the case tables
// (shifts, assignments, places, incidents, events) with a planted story, for the bundled data
// (data/README.md) and, scaled up, for benchmarks. Same config -> same bytes, on every machine.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::pipeline {

/// The defaults are the bundled case (scripts/make-demo-data).
struct SynthCaseConfig {
  std::uint64_t seed = 20241027;
  std::size_t vehicles = 4;     ///< patrol cars PV01...; two officers each (day and night)
  std::size_t days = 14;        ///< local days from `start`; the last night shift ends on day days+1
  std::size_t incidents = 25;   ///< total, including the three the story plants
  std::size_t places = 10;      ///< addresses (kind `address`), besides the three fixed bases
  /// First local (Europe/London) day, 00:00 wall clock. Default Monday 2024-10-21: the autumn
  /// clock change (2024-10-27 01:00 UTC) falls on day 7.
  std::chrono::sys_days start{std::chrono::year{2024} / 10 / 21};
};

/// One line of the planted truth. `label` says what it is:
/// - a dwell (vehicle_id, start/end = first/last parked ping, place_id or empty, location):
///   `base`, `patrol`, `incident`, or a story label (`story_incident`, `story_revisit`,
///   `partial_duty`, `off_duty`, `near_miss`, `wrong_unit`, `bridged_silence`, `recurring_stop`:
///   the subject's four stops on three shifts at one address on no list, officer_id the subject);
/// - `story_lookup`: the records look-up (start = end = its time, detail `events.csv:LINE`);
/// - `clock_change_shift`: a shift over the clock change (detail = shift_id);
/// - `crew_change`: the officer who changes vehicle (start = the change);
/// - `driving_gap`: a silence while driving (start/end = the pings around it);
/// - `rejected`: a bad ping row (start = end = epoch, detail `pings.csv:LINE reason`);
/// - `rejected_roster`: the shift row appended at the end of shifts.csv whose start (01:30 on the
///   day of the autumn change) happens twice (start/end = the span it may cover, detail
///   `shifts.csv:LINE ambiguous_local_time`); written only when that day is in the case.
struct CaseTruth {
  std::string label;
  std::string vehicle_id;
  Instant start{};
  Instant end{};
  std::string place_id;
  LatLon location{};
  std::string officer_id;
  std::string incident_id;
  std::string detail;
};

struct SynthCaseResult {
  std::vector<CaseTruth> truth;  ///< story rows first (in story order), then every dwell and gap
  std::size_t ping_rows = 0;     ///< data rows in pings.csv, bad rows included
};

/// Throws UsageError unless: vehicles in [4, 9999], days in [14, 366], places in [3, 100000],
/// incidents in [5, vehicles * days * 4], start year in [1996, 2099] (the generator applies the
/// UK summer-time rule in force since 1996: last Sunday of March to last Sunday of October, 01:00
/// UTC).
void validate(const SynthCaseConfig& config);

/// Writes pings.csv, shifts.csv, assignments.csv, places.csv, incidents.csv and events.csv into
/// `dir` (created when missing; existing files replaced) and returns the planted truth.
///
/// What a caller may rely on:
/// - pings: `vehicle_id,timestamp,lat,lon`, UTC text with `Z`, 7 decimals; grouped by vehicle,
///   in time order within a vehicle, then a handful of bad rows appended out of order (listed in
///   the truth as `rejected`). Every 30 s while driving at 31-58 km/h, every 2 min while parked
///   (4 min in stays over 3 h); GPS noise sigma 2 m, cut at 6 m.
/// - every planted dwell: parked pings within 10 m of its `location` (place points: within 9 m
///   of the place), lasting >= 5 min, with >= 150 m between its parked pings and the driving pings
///   next to them and between consecutive driving pings; so a stay-point detector with a 50 m
///   radius and a 120 s minimum finds exactly its first and last parked ping. Silences while
///   driving last 6-30 min and their two sides are over 200 m apart.
/// - roster, incident and event times: naive Europe/London wall-clock text
///   (`2024-10-26 22:00:00`), never inside the repeated hour of the autumn change, except the
///   one `rejected_roster` shift row appended on purpose.
/// Memory holds the schedule (a few entries per vehicle-hour), never the pings. Throws
/// OutputError when a file cannot be written.
SynthCaseResult write_synthetic_case(const SynthCaseConfig& config, const std::filesystem::path& dir);

/// The truth as CSV: label,vehicle_id,start,end,start_local,end_local,place_id,lat,lon,
/// officer_id,incident_id,detail (UTC with `Z`; local with offset).
void write_case_truth(const SynthCaseResult& result, std::ostream& csv);

}  // namespace shiftline::pipeline
