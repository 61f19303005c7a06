// Verifying claims: was the subject at the place during the interval? (docs/verify.md states every
// rule with examples.)
//
// A claim's interval is split, per vehicle, into periods: observed inside the place, observed
// outside it, uncertain (the ping is neither surely inside nor surely outside), bridged (a silence
// inside a dwell, both sides at the place: the dwell rule says the vehicle stayed), unobserved (a
// silence, or before the first or after the last ping), and, for an officer, no_vehicle (the
// roster puts the officer in no vehicle) or roster_conflict (in two vehicles at once). Between
// consecutive pings that are not a silence each ping stands for the time nearer to it than to its
// neighbour (the midpoint rule). Every stretch between two pings that touches the interval,
// silence or not, carries its space-time prism (prism.hpp).
//
// Verdicts are decided by pings inside the interval and by the prisms, never by the midpoint rule
// alone.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/verify/prism.hpp"

namespace shiftline::verify {

struct VerifyConfig {
  /// --reach-speed-kmh: the least speed bound in a silence. 130 km/h: above any sustained road
  /// speed in the UK except on motorways. A vehicle seen to move faster (between any two of its
  /// pings) gets its own fastest speed instead, so the bound is never below what it did.
  Speed reach_speed = Speed::from_kmh(130.0);
  /// --position-margin: one margin for every ping; nullopt: each ping's accuracy_m, else
  /// fallback_margin.
  std::optional<Meters> position_margin;
  Meters fallback_margin{10.0};
  /// --min-visit: a possible stay shorter than this does not keep an absence claim open. 0: any
  /// possible stay does.
  Millis min_visit{0};
  /// Silence longer than this is unobserved (the run's --gap).
  Millis gap{Millis{5 * 60 * 1000}};
  /// The positions are smoothed (--smooth): explanations say so.
  bool smoothed = false;
};

enum class Verdict : std::uint8_t { supported, contradicted, inconclusive };
[[nodiscard]] std::string_view name(Verdict v) noexcept;
[[nodiscard]] std::string_view name(ingest::Assertion a) noexcept;

/// Where a ping lies relative to a place, allowing for its position margin.
enum class Status : std::uint8_t {
  inside,     ///< distance <= radius: the reported position is in the place
  uncertain,  ///< radius < distance <= radius + margin: it may or may not be
  outside,    ///< distance > radius + margin: surely not in the place
};

/// One ping measured against a claim's place.
struct Sighting {
  std::string vehicle_id;
  std::uint32_t ping = 0;  ///< PingTable row (provenance)
  Instant at;
  LatLon position;
  Meters distance{0.0};  ///< match::distance_to_place: from the place's point, or its polygon (0 inside)
  Meters margin{0.0};    ///< --position-margin, else accuracy_m, else fallback_margin
  Status status = Status::outside;
  [[nodiscard]] bool inside() const noexcept { return status == Status::inside; }
};

enum class PeriodKind : std::uint8_t { inside, outside, uncertain, bridged, unobserved, no_vehicle, roster_conflict };
[[nodiscard]] std::string_view name(PeriodKind k) noexcept;
/// Time that counts as unobserved in claims.csv (and whose prism decides feasibility).
[[nodiscard]] bool is_unobserved(PeriodKind k) noexcept;

/// A part of a claim's interval (never longer than the interval, never overlapping another).
struct Period {
  PeriodKind kind = PeriodKind::unobserved;
  duty::Interval span;
  std::string vehicle_id;  ///< empty for no_vehicle; both vehicles ("A;B") for roster_conflict
  /// inside/outside/uncertain: the pings that stand for the period's start and end.
  /// bridged/unobserved: the pings before and after the silence (absent before the first or after
  /// the last ping).
  std::optional<Sighting> from, to;
  /// uncertain, unobserved, no_vehicle, roster_conflict: when the place could be reached.
  std::optional<Reach> reach;
  Speed speed;  ///< the speed bound used for this vehicle
};

/// Two consecutive pings no more than --gap apart whose prism touches the interval.
struct Between {
  Sighting from, to;
  duty::Interval span;  ///< clipped to the window
  Reach reach;
  Speed speed;
};

/// One vehicle over one window of a claim.
struct Observation {
  std::string vehicle_id;
  duty::Interval window;
  std::vector<Period> periods;  ///< cover the window, in time order
  bool has_pings = false;       ///< the vehicle has at least one usable ping (anywhere)
  Speed speed;                  ///< max(--reach-speed-kmh, the vehicle's fastest)
  std::optional<Sighting> nearest;           ///< closest ping in the window
  std::optional<Sighting> nearest_inside;    ///< closest such ping inside the place
  std::optional<Sighting> farthest_outside;  ///< farthest such ping surely outside the place
  /// Between pings: the first stretch in which the vehicle could not have been at the place
  /// throughout, and the reachable stretch with the longest possible stay.
  std::optional<Between> cannot_hold;
  std::optional<Between> longest_stay;
};

/// The fastest the vehicle was seen to move between two consecutive pings (geodesic distance over
/// time), at least `floor`.
[[nodiscard]] Speed fastest_speed(const clean::Track& track, Speed floor);

/// Observes one vehicle's track over `window` against `place`. `dwells` are the vehicle's dwell
/// spans (sorted), which decide which silences are bridged. A ping at window.end counts only when
/// `end_inclusive` (false where the officer moved to another vehicle at that instant). An empty
/// track gives one unobserved period with an open prism. `speed` is the vehicle's bound
/// (fastest_speed(track, config.reach_speed)); given when several windows of one track are
/// observed, so that it is computed once. O(log n + pings in the window), plus O(n) without `speed`.
[[nodiscard]] Observation observe(std::string_view vehicle_id, const clean::Track& track,
                                  std::span<const duty::Interval> dwells, const ingest::PlaceRow& place,
                                  duty::Interval window, const VerifyConfig& config, bool end_inclusive = true,
                                  std::optional<Speed> speed = std::nullopt);

/// Which rule decided a verdict (the explanation is built from it).
enum class Basis : std::uint8_t {
  seen_away,               ///< present, contradicted: a ping in the interval is surely away from the place
  could_not_hold,          ///< present, contradicted: the vehicle could not have been there throughout
  seen_there_throughout,   ///< present, supported: observed (or bridged) at the place throughout
  seen_there,              ///< absent, contradicted: a ping in the interval is at the place
  bridged_there,           ///< absent, contradicted: a silence at the place bridged by the dwell rule
  seen_away_throughout,    ///< absent, supported: away when observed, no time to reach it between pings
  unreachable,             ///< absent, supported: as above, and unreachable in every silence
  could_have_been,         ///< inconclusive: some stretch leaves a visit possible
  edge,                    ///< inconclusive: only the midpoint rule disagrees
};
[[nodiscard]] std::string_view name(Basis b) noexcept;

struct ClaimResult {
  Verdict verdict = Verdict::inconclusive;
  Basis basis = Basis::could_have_been;
  Millis inside{0};      ///< observed inside, bridged included
  Millis bridged{0};     ///< the bridged part of `inside`
  Millis outside{0};
  Millis unobserved{0};  ///< unobserved, uncertain, no_vehicle and roster_conflict
  Millis uncertain{0};   ///< the uncertain part of `unobserved`
  Millis no_vehicle{0};  ///< the no_vehicle and roster_conflict part of `unobserved`
  /// yes/no: the place was reachable in some unobserved period; nullopt when there is none.
  std::optional<bool> feasible;
  std::optional<Millis> max_possible_stay;  ///< longest stay over the reachable unobserved periods
  std::optional<Millis> max_stay_between_pings;  ///< longest stay between pings no more than --gap apart
  std::optional<Sighting> nearest;          ///< closest approach seen in the interval
  std::vector<Period> periods;              ///< every vehicle's, and no_vehicle, by (start, vehicle)
  std::optional<Sighting> decisive;         ///< the ping the explanation quotes
  std::optional<std::size_t> decisive_period;  ///< index into periods the explanation quotes
  std::optional<Between> decisive_between;  ///< the stretch between pings the explanation quotes
  std::vector<Sighting> evidence;           ///< the decisive pings, by time, unique
  std::vector<std::string> vehicles;        ///< vehicles tested, sorted, unique
  Speed speed;                              ///< the highest speed bound used
  Millis min_visit{0};                      ///< the --min-visit the verdict was decided with
  bool vehicle_without_pings = false;       ///< a vehicle tested has no usable ping at all
};

/// The parts of a claim's interval about which the roster cannot name one vehicle.
struct Unassigned {
  duty::Interval span;
  std::vector<std::string> vehicles;  ///< empty: no vehicle; two or more: a roster conflict
};

/// Combines the observations of one claim (any order) and the parts of its interval without one
/// vehicle into the verdict.
[[nodiscard]] ClaimResult judge(const ingest::ClaimRow& claim, std::vector<Observation> observations,
                                const std::vector<Unassigned>& unassigned, const VerifyConfig& config);

/// The parts of each claim to test against each vehicle: the whole interval on the claimed
/// vehicle, or each stretch in which the roster puts the claimed officer in exactly one vehicle.
/// Where it puts the officer in none, or in two at once (overlapping shifts, already warned), that
/// time is Unassigned: the data cannot say which vehicle to test.
struct ClaimPart {
  std::uint32_t claim = 0;  ///< index into the claims
  std::string vehicle_id;
  duty::Interval window;
  bool end_inclusive = true;  ///< false when another part (or unassigned time) starts at window.end
};
struct ClaimPlan {
  std::vector<ClaimPart> parts;                    ///< by (claim, window.start)
  std::vector<std::vector<Unassigned>> unassigned;  ///< per claim
};
[[nodiscard]] ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster);

}  // namespace shiftline::verify
