// Recurring unlisted stops: an officer's unexplained and off-duty dwells grouped into spots by
// position, and which spots recur over shifts (docs/findings.md, "Recurring spots"; written as
// recurring.csv).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::findings {

struct SpotConfig {
  Meters radius{75.0};              ///< --spot-radius: dwells of one spot lie this close (rule in docs)
  std::size_t min_visits = 3;       ///< --spot-min-visits: distinct shifts that make a spot recurring
  std::size_t shared_officers = 3;  ///< --shared-spot-officers: officers (this one included) that make it shared
  /// The run's zone (--tz): Spot::days counts local dates in it; null: UTC dates.
  const TimeZone* zone = nullptr;
};

/// One dwell of an analysis: run.vehicles[vehicle].dwells[dwell] (and matches[vehicle][dwell]).
struct DwellRef {
  std::size_t vehicle = 0;
  std::size_t dwell = 0;
  friend constexpr auto operator<=>(const DwellRef&, const DwellRef&) noexcept = default;
};

/// A spot of one officer: their unexplained and off-duty dwells within SpotConfig::radius of its
/// leader (docs/findings.md, "Recurring spots"):
/// - the officer's dwells are those in which they have on-duty time (match::OfficerTime), and the
///   off-duty dwells with no one on duty that the roster brackets by them alone (attributed_officer);
/// - of those, the unexplained and off_duty ones (dwell_class) are grouped, except off_duty ones at
///   a base (a car parked at its station);
/// - grouping: each dwell counts its neighbours (the officer's grouped dwells within `radius`,
///   geodesic, inclusive, itself included); the ungrouped dwell with most neighbours (ties: earliest
///   start, then vehicle_id, then sequence) leads a new spot, which takes every ungrouped dwell within
///   `radius` of the leader; repeated until none is left. Every dwell of a spot is thus within
///   `radius` of its centre (the leader's position), and two of them at most 2 x radius apart. The
///   rule reads only the dwells' contents, so the spots do not depend on the order of input rows.
struct Spot {
  std::string spot_id;     ///< OFFICER:SN, N the spot's place among the officer's spots by first visit (1-based)
  std::string officer_id;
  LatLon centre;           ///< the leader dwell's position
  Meters radius{0.0};      ///< largest distance from centre to a dwell centre of the spot (<= SpotConfig::radius)
  std::size_t visits = 0;  ///< dwells
  std::size_t shifts = 0;  ///< distinct shifts among them: each visit counts for the officer's shift when it began
  std::size_t days = 0;    ///< distinct local dates of the visits' starts
  Millis total{0};         ///< the officer's time in the spot's dwells (on-duty time; an attributed off-duty dwell whole)
  Instant first{};         ///< earliest visit start
  Instant last{};          ///< latest visit end
  std::vector<std::string> vehicle_ids;  ///< sorted, unique
  bool recurring = false;          ///< shifts >= SpotConfig::min_visits
  // What recurring.csv and the findings show of a recurring spot: computed for recurring spots
  // only (0, false or none for the others, which nothing shows).
  /// Other officers with dwells (any class; on duty in them, or attributed) within SpotConfig::radius
  /// of the centre over the run.
  std::size_t other_officers = 0;
  bool shared = false;             ///< 1 + other_officers >= SpotConfig::shared_officers
  /// The officer's explained dwells (class incident or base, with their on-duty time) within
  /// SpotConfig::radius of the centre.
  std::size_t explained_visits = 0;
  /// The nearest place, by match::distance_to_place from the centre; ties: the smaller place_id.
  std::optional<PlaceIndex> nearest_place;
  Meters nearest_place_distance{0.0};
  std::vector<DwellRef> dwells;  ///< the officer's dwells in the spot, in time order
};

/// The officer an off-duty dwell (no one on duty in it) is attributed to: the one officer of the
/// vehicle's last crewing before it and of its next crewing after it, when that is the same single
/// officer, the two crewings are at most 24 h apart and the vehicle's duty is nowhere unknown between
/// them (the car went from them back to them, with no one else rostered in it). Otherwise none:
/// never someone the roster does not place with the car.
[[nodiscard]] std::optional<std::string> attributed_officer(const pipeline::Analysis& analysis, DwellRef dwell);

/// Every spot of every officer, by officer_id then spot number. Deterministic: the same spots
/// whatever the order of the input rows. O(n log n + k) in the dwells, k the pairs within radius.
[[nodiscard]] std::vector<Spot> find_spots(const pipeline::Analysis& analysis, const SpotConfig& config);

}  // namespace shiftline::findings
