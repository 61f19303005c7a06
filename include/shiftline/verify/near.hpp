// Who was near a place: every vehicle whose cleaned track came within a radius of a point or a
// listed place in a window, and every vehicle that the space-time prism lets have been there
// unobserved (docs/near.md states every rule with its units).
//
// A ping is inside when its distance to the place (match::distance_to_place: to the point, or to
// the polygon, 0 inside it) is at most the search radius, its position as recorded (no margin).
// Between two consecutive pings of a vehicle:
//   - both inside and no further apart than --gap: observed time inside (inside_s);
//   - otherwise the prism of verify (prism.hpp; each ping's position margin and approach distance
//     measured by verify::measure, the speed raised to the fastest the vehicle was seen to move)
//     gives the longest stay inside it allows; that is time it could have been there unobserved
//     (could_have_been_s).
// Every step is clipped to the window. Time before a vehicle's first ping or after its last is
// bounded by nothing and is not counted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/verify/prism.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::verify {

/// What `shiftline near` looks for: the place (a point, or a listed place with its polygon) whose
/// `radius` is the search radius (--radius replaces a listed place's own radius_m), and the window
/// [from, to], both ends inclusive.
struct NearQuery {
  ingest::PlaceRow place;
  Interval window;
};

/// One step between consecutive pings, not observed inside, in which the prism allows a stay of
/// more than zero at the place.
struct PossibleStay {
  Sighting from, to;  ///< the pings around it (either may lie outside the window)
  Reach reach;        ///< clipped to the window; reach.longest_stay() > 0
};

/// One vehicle measured against a NearQuery.
struct NearVehicle {
  std::string vehicle_id;
  std::optional<Sighting> first_in, last_in;  ///< first and last inside ping in the window
  std::optional<Sighting> closest;            ///< closest ping in the window (ties: the earlier)
  /// Steps between two inside pings no longer than --gap, clipped to the window.
  Millis inside{0};
  /// Runs of inside pings in the window joined by such steps.
  std::size_t entries = 0;
  /// The longest stays the prism allows over every other step, clipped to the window, summed.
  Millis could_have_been{0};
  std::vector<PossibleStay> possible;  ///< those steps, in time order
  Speed speed;                         ///< the speed bound used (max of --reach-speed-kmh and its fastest)
  [[nodiscard]] bool observed() const noexcept { return entries > 0; }
  /// In near.csv: seen inside, or could have been there unobserved.
  [[nodiscard]] bool listed() const noexcept { return observed() || could_have_been > Millis{0}; }
};

/// Measures one vehicle's cleaned track (time order) against `query`. `config` gives the speed
/// bound, the position margins and --gap (config.gap). O(n) for the speed bound, then O(log n +
/// pings in the window).
[[nodiscard]] NearVehicle near_vehicle(std::string_view vehicle_id, const clean::Track& track, const NearQuery& query,
                                       const VerifyConfig& config);

/// The times the vehicle was, or could have been, near: [first_in, last_in] and each possible
/// stay's [earliest arrival, latest departure], in that order. A single instant is widened to one
/// millisecond, so that a crew on duty at that instant is found.
[[nodiscard]] std::vector<Interval> near_spans(const NearVehicle& v);

/// The officers on duty in the vehicle during any of near_spans(v) (duty::crew_during), sorted,
/// unique.
[[nodiscard]] std::vector<std::string> officers_near(const duty::Roster& roster, const NearVehicle& v);

/// near.csv's order: vehicles seen inside first, by first_in; then those that could only have
/// been there, by their first possible arrival; then by vehicle id.
[[nodiscard]] bool near_order(const NearVehicle& a, const NearVehicle& b) noexcept;

}  // namespace shiftline::verify
