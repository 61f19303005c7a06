// Per-row problems are data, not exceptions (docs/conventions.md, 6).
//
// Every stage that drops or doubts a row reports a Problem; the report stage writes rejected rows
// to rejected.csv and warnings to warnings.csv, and counts both by code in the manifest.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/provenance.hpp"

namespace shiftline {

/// What is wrong with a row. Append-only: the names are written to rejected.csv and scripts
/// depend on them.
enum class ProblemCode : std::uint16_t {
  missing_field,               ///< a required field is empty or absent
  unparseable_field,           ///< a field could not be read as its type
  naive_time_without_zone,     ///< a time without offset and no --tz
  ambiguous_local_time,        ///< wall-clock time in the repeated hour, no --ambiguous rule
  nonexistent_local_time,      ///< wall-clock time in the spring gap
  invalid_leap_second,         ///< `:60` at an instant that is not a leap second
  time_outside_window,         ///< before --time-window start or after its end
  gps_week_rollover_suspected, ///< 1024*k weeks before the vehicle's other pings
  coordinate_out_of_range,     ///< not finite, |lat| > 90 or |lon| > 180
  null_island,                 ///< exactly (0, 0): a receiver without a fix
  duplicate,                   ///< same vehicle, time and position as a kept row
  conflicting_duplicate,       ///< same vehicle and time as another row, different position
  speed_spike,                 ///< one ping that jumps away and back faster than --max-speed-kmh
  leap_second,                 ///< warning: `:60` at a real leap second, read as 23:59:59.999
  invalid_optional_field,      ///< warning: an optional field was unreadable and left empty
  coordinate_transform_failed, ///< x/y could not be transformed to WGS84
  end_before_start,            ///< a shift, assignment or incident that ends before it starts
  unknown_place,               ///< an incident or event names a place_id that places does not hold
  conflicting_row,             ///< a row that repeats an id (incident, place) with other values
  overlapping_shift,           ///< warning: a shift overlaps another of the same officer (both kept)
  assignment_outside_shift,    ///< warning: (part of) an assignment lies outside the officer's shifts
  unit_not_seen,               ///< warning: an incident's unit never appears in the pings or roster
  invalid_geometry,            ///< a place's wkt or geometry is not a usable point or polygon
  conflicting_fields,          ///< a row fills two fields that exclude each other (a claim's vehicle_id and officer_id)
  needs_table,                 ///< a row needs a table that was not given (an officer's claim without --shifts)
  overlapping_assignment,      ///< warning: an assignment overlaps another of the same officer (both kept)
  duty_unknown,                ///< warning: a rejected roster row leaves some duty unknown (never off duty)
  field_count,                 ///< a CSV row with more or fewer fields than its header
  malformed_csv,               ///< a CSV field with a quote where RFC 4180 allows none
  ambiguous_date,              ///< a date like 03/04/2024 (not ISO 8601) without --date-order
  invalid_text,                ///< warning: NUL or invalid UTF-8 in a text field, replaced by U+FFFD
};

/// Rejected rows are not used; warnings are used and reported.
enum class Severity : std::uint8_t { rejected, warning };

[[nodiscard]] std::string_view name(ProblemCode code) noexcept;
[[nodiscard]] Severity severity(ProblemCode code) noexcept;

struct Problem {
  SourceRef where;
  ProblemCode code = ProblemCode::unparseable_field;
  std::string field;   ///< the input column (as named in the file), or empty for the whole row
  std::string detail;  ///< plain English, quotes the offending text
};

/// Collects problems. Not thread-safe: parallel work uses one sink per task and merges in a fixed
/// order, so the output order never depends on scheduling.
class ProblemSink {
 public:
  void report(SourceRef where, ProblemCode code, std::string field, std::string detail);
  void merge(ProblemSink&& other);
  [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return m_problems; }
  /// Sorts by (file, line, field, code) so that the order is independent of processing order.
  void sort();
  [[nodiscard]] std::size_t count(Severity s) const noexcept;
  [[nodiscard]] std::map<std::string, std::size_t> counts_by_code(Severity s) const;
  /// Rejected rows per input file index.
  [[nodiscard]] std::size_t rejected_in_file(std::uint16_t file) const noexcept;

 private:
  std::vector<Problem> m_problems;
};

}  // namespace shiftline
