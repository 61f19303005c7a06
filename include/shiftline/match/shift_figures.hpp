// Per-shift figures for shifts.csv: how much of each shift the data covers, and how the covered
// time splits into moving, incident, base and unexplained time (docs/analyse.md, "Shifts").
//
// A shift's on-duty time is end - start in UTC. Within it the officer is crewed in vehicles
// (duty.hpp); crewed time is covered where the vehicle's track has no gap: between two
// consecutive pings at most the gap threshold apart, or inside a dwell (which may bridge a
// silence). Time with no vehicle, or with a vehicle in a gap, is not covered and is never counted
// as time at a place.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/match/match.hpp"

namespace shiftline::match {

/// One dwell of a vehicle, as the figures need it.
struct DwellSpan {
  Interval span;  ///< [first ping, last ping]
  DwellClass dwell_class = DwellClass::off_duty;
  std::size_t index = 0;  ///< position in the vehicle's dwell list
  /// The class of each stretch of it (DwellMatch::pieces); null: all of it has dwell_class.
  const std::vector<TimePiece>* pieces = nullptr;
};

/// Figures of one crewing (one officer, one vehicle, one part of a shift).
struct CrewingFigures {
  ShiftIndex shift;
  Millis crewed{0};
  Millis covered{0};
  Millis moving{0};  ///< covered, not in a dwell
  /// Dwell time by the class of each stretch: a crewing's time is on duty, so off_duty and
  /// duty_unknown stay 0 (kept so that every class has a place).
  Millis incident{0}, base{0}, unexplained{0}, off_duty{0}, duty_unknown{0};
  Meters distance{0.0};  ///< track length, gaps and in-dwell jitter excluded
  /// Dwells with unexplained time in this crewing: (vehicle, dwell index).
  std::vector<std::pair<std::string, std::size_t>> unexplained_dwells;
};

/// Figures of every crewing in `vehicle`, from its cleaned track and classified dwells (in time
/// order). `gap` is the gap threshold.
[[nodiscard]] std::vector<CrewingFigures> crewing_figures(const duty::Roster& roster, const std::string& vehicle,
                                                          const clean::Track& track,
                                                          const std::vector<DwellSpan>& dwells, Millis gap);

struct ShiftFigures {
  Millis on_duty{0};
  Millis crewed{0};
  Millis covered{0};
  Millis gap{0};         ///< crewed but not covered
  Millis unassigned{0};  ///< on duty in no vehicle
  /// On duty, but in two vehicles at once by the roster, or under a rejected roster row of the
  /// officer: attributed to no vehicle (on_duty = crewed + unassigned + unattributed).
  Millis unattributed{0};
  Millis moving{0};
  Meters distance{0.0};
  Millis incident{0}, base{0}, unexplained{0};
  std::size_t unexplained_n = 0;
  std::size_t events_n = 0;
  std::map<std::string, std::size_t> events_by_kind;
  [[nodiscard]] double coverage() const noexcept {
    return on_duty.count() > 0 ? static_cast<double>(covered.count()) / static_cast<double>(on_duty.count()) : 0.0;
  }
};

/// Sums crewing figures per shift (same index as roster.shifts) and counts each officer's events
/// inside each shift.
[[nodiscard]] std::vector<ShiftFigures> shift_figures(const duty::Roster& roster,
                                                      const std::vector<CrewingFigures>& crewings,
                                                      const std::vector<ingest::EventRow>& events);

}  // namespace shiftline::match
