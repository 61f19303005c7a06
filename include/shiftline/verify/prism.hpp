// Reachability inside a silence: the space-time prism (Hägerstrand 1970; Kuijpers, Grimson and
// Othman 2011, "An analytic solution to the alibi query in the space-time prisms model for moving
// object data").
//
// A vehicle seen at p1 at t1 and at p2 at t2, moving no faster than v, can be at a place x only in
// [t1 + d(p1,x)/v, t2 - d(x,p2)/v], and can stay there at most (t2 - t1) - (d(p1,x) + d(x,p2))/v.
// Distances are straight-line geodesics, shorter than any road, so the bound is conservative in
// one direction only: "could not have been there" is safe; "could have been there" is not proof.
// Travel times are rounded down to the millisecond for the same reason.
#pragma once

#include <optional>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::verify {

/// Time to cover `distance` at `speed`, rounded down to the millisecond. Zero for distance 0;
/// saturates at Millis::max() (about 292 million years) instead of overflowing.
[[nodiscard]] Millis travel_time(Meters distance, Speed speed) noexcept;

/// A sighting that bounds the prism: when, and how far from the place (beyond the place's own
/// radius and the sighting's position margin; 0 when the sighting is at the place).
struct Anchor {
  Instant at;
  Meters distance{0.0};
};

/// When the place could be reached within [from, to]. An absent anchor leaves that side open
/// (before the first or after the last ping; no vehicle at all).
struct Reach {
  Instant earliest_arrival;   ///< max(from, before.at + travel_time(before.distance))
  Instant latest_departure;   ///< min(to, after.at - travel_time(after.distance))
  [[nodiscard]] bool reachable() const noexcept { return earliest_arrival <= latest_departure; }
  /// Longest possible stay at the place within [from, to]; zero when unreachable.
  [[nodiscard]] Millis longest_stay() const noexcept {
    return reachable() ? latest_departure - earliest_arrival : Millis{0};
  }
  /// Whether the vehicle could have been at the place at every instant of [from, to].
  [[nodiscard]] bool can_hold(Instant from, Instant to) const noexcept {
    return earliest_arrival <= from && latest_departure >= to;
  }
};

/// The prism between two optional anchors, clipped to [from, to] (from <= to). With both anchors
/// and [from, to] = [before.at, after.at], longest_stay() is (t2 - t1) - (d1/v + d2/v).
[[nodiscard]] Reach reach(const std::optional<Anchor>& before, const std::optional<Anchor>& after, Instant from,
                          Instant to, Speed speed) noexcept;

}  // namespace shiftline::verify
