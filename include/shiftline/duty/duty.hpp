// Duty alignment: who was on duty, and in which vehicle, at every instant (docs/analyse.md,
// "Duty").
//
// An officer is on duty in [start, end) of each of their shifts. Within a shift the officer is in
// the vehicle of the assignment that covers the instant, else in the shift's own vehicle_id (if
// any). A vehicle's crew at an instant is every officer so placed in it. All arithmetic is on UTC
// instants, so a 22:00-07:00 local shift over the autumn clock change lasts 10 hours.
//
// Time the roster cannot attribute is attributed to no one: where it puts one officer in two
// vehicles at once (overlapping shifts or assignments in different vehicles), and where a
// rejected roster row of the officer may apply. A vehicle's duty is unknown there, and where a
// rejected row names the vehicle: such time is never "off duty".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/ids.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::duty {

/// One officer in one vehicle during part of one shift.
struct Crewing {
  ShiftIndex shift;  ///< into Roster::shifts
  std::string vehicle_id;
  Interval span;
  /// The roster also puts the officer in another vehicle during `span`, or a rejected roster row
  /// of theirs may apply then: the time is attributed to no one (it is not in crewings_of_vehicle).
  bool unattributed = false;
  SourceRef source;  ///< the row that put the officer in the vehicle: the assignment, else the shift
};

struct Roster {
  std::vector<ingest::ShiftRow> shifts;  ///< by (officer_id, start, shift_id)
  /// Per shift (same index): where the roster puts the officer, in time order (by start, then
  /// vehicle). Pieces in one vehicle never overlap; pieces in two vehicles overlap only where
  /// assignments of the officer overlap, and are then `unattributed`.
  std::vector<std::vector<Crewing>> crewings_of_shift;
  /// vehicle_id -> every attributed crewing in that vehicle, by (start, shift).
  std::map<std::string, std::vector<Crewing>, std::less<>> crewings_of_vehicle;
  /// vehicle_id -> longest crewing in it (bounds the search in crew_during).
  std::map<std::string, Millis, std::less<>> longest_crewing;
  /// vehicle_id -> spans in which its duty is unknown, merged, in order: the unattributed
  /// crewings in it and the spans of rejected roster rows that name it.
  std::map<std::string, std::vector<Interval>, std::less<>> unknown_of_vehicle;

  /// The shift an index names (std::out_of_range for an index beyond the roster).
  [[nodiscard]] const ingest::ShiftRow& shift(ShiftIndex i) const { return shifts.at(i.value); }
};

/// Builds the roster. Overlapping shifts (and overlapping assignments) of one officer are kept and
/// reported as warnings on both rows; where they put the officer in two vehicles at once that time
/// is attributed to no one (the officer cannot have been in two vehicles, and no choice between
/// them is safe). Assignments outside the officer's shifts are reported as warnings (they place
/// nobody on duty). Each rejected roster row gets a duty_unknown warning: its officer's time in the
/// row's span is attributed to no one, and its vehicle's duty there is unknown.
/// `input_paths[SourceRef::file]` names files in messages.
[[nodiscard]] Roster build_roster(std::vector<ingest::ShiftRow> shifts,
                                  const std::vector<ingest::AssignmentRow>& assignments,
                                  const std::vector<std::string>& input_paths, ProblemSink& problems,
                                  const std::vector<ingest::RejectedRosterRow>& rejected = {});

/// Who was on duty in a vehicle during [start, end].
struct CrewOnDuty {
  std::vector<std::string> officer_ids;  ///< sorted, unique
  std::vector<std::string> shift_ids;    ///< sorted, unique
  std::vector<std::string> callsigns;    ///< of those shifts, sorted, unique, non-empty
  std::vector<Interval> on_duty;         ///< parts of [start, end] with a crew, merged, in order
  /// Every attributed crewing that overlaps [start, end] for a positive time, clipped to it, by
  /// (start, shift): who was on duty when, for attributing time to each officer.
  std::vector<Crewing> crewings;
  /// Parts of [start, end] with no crew on duty where the vehicle's duty is unknown, merged.
  std::vector<Interval> unknown;
  [[nodiscard]] Millis on_duty_length() const noexcept;
};

/// The crew of `vehicle` over [start, end]: every crewing that overlaps it for a positive time.
[[nodiscard]] CrewOnDuty crew_during(const Roster& roster, std::string_view vehicle, Instant start, Instant end);

/// Total length of the parts of `spans` (sorted, disjoint) inside `window`.
[[nodiscard]] Millis overlap_length(const std::vector<Interval>& spans, Interval window) noexcept;

/// Sorts and merges intervals that overlap or touch.
[[nodiscard]] std::vector<Interval> merge_intervals(std::vector<Interval> spans);

}  // namespace shiftline::duty
