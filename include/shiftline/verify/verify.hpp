// Verifying claims: was the subject at the place during the interval? (docs/verify.md states every
// rule with examples.)
//
// A claim's interval is split, per vehicle, into periods: observed inside the place, observed
// outside it, bridged (a silence inside a dwell, both sides at the place: the dwell rule says the
// vehicle stayed), unobserved (a silence, or before the first or after the last ping), and, for an
// officer, no_vehicle (the roster puts the officer in no vehicle). Between consecutive pings that
// are not a silence each ping stands for the time nearer to it than to its neighbour (the midpoint
// rule). Each unobserved period carries its space-time prism (prism.hpp).
//
// Verdicts are decided by pings inside the interval and by the prisms, never by the midpoint rule
// alone: a ping seen just before the interval never contradicts a claim.
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
  /// --reach-speed-kmh: no vehicle is assumed faster than this in a silence. 130 km/h: above
  /// any sustained road speed in the UK except on motorways in pursuit.
  Speed reach_speed = Speed::from_kmh(130.0);
  /// --position-margin: one margin for every ping; nullopt: each ping's accuracy_m, else
  /// fallback_margin.
  std::optional<Meters> position_margin;
  Meters fallback_margin{10.0};
  /// Silence longer than this is unobserved (the run's --gap).
  Millis gap{Millis{5 * 60 * 1000}};
};

enum class Verdict : std::uint8_t { supported, contradicted, inconclusive };
[[nodiscard]] std::string_view name(Verdict v) noexcept;
[[nodiscard]] std::string_view name(ingest::Assertion a) noexcept;

/// One ping measured against a claim's place.
struct Sighting {
  std::string vehicle_id;
  std::uint32_t ping = 0;  ///< PingTable row (provenance)
  Instant at;
  LatLon position;
  Meters distance{0.0};  ///< match::distance_to_place: from the place's point, or its polygon (0 inside)
  Meters margin{0.0};    ///< --position-margin, else accuracy_m, else fallback_margin
  bool inside = false;   ///< distance <= place radius + margin
};

enum class PeriodKind : std::uint8_t { inside, outside, bridged, unobserved, no_vehicle };
[[nodiscard]] std::string_view name(PeriodKind k) noexcept;

/// A part of a claim's interval (never longer than the interval, never overlapping another).
struct Period {
  PeriodKind kind = PeriodKind::unobserved;
  duty::Interval span;
  std::string vehicle_id;  ///< empty for no_vehicle
  /// inside/outside: the pings that stand for the period's start and end. bridged/unobserved: the
  /// pings before and after the silence (absent before the first or after the last ping).
  std::optional<Sighting> from, to;
  std::optional<Reach> reach;  ///< unobserved and no_vehicle: when the place could be reached
};

/// One vehicle over one window of a claim.
struct Observation {
  std::string vehicle_id;
  duty::Interval window;
  std::vector<Period> periods;  ///< cover the window, in time order
  bool has_pings = false;       ///< the vehicle has at least one usable ping (anywhere)
  std::optional<Sighting> nearest;           ///< closest ping with window.start <= at <= window.end
  std::optional<Sighting> nearest_inside;    ///< closest such ping inside the place
  std::optional<Sighting> farthest_outside;  ///< farthest such ping outside the place
};

/// Observes one vehicle's track over `window` against `place`. `dwells` are the vehicle's dwell
/// spans (sorted), which decide which silences are bridged. An empty track gives one unobserved
/// period with an open prism. O(log n + pings in the window).
[[nodiscard]] Observation observe(std::string_view vehicle_id, const clean::Track& track,
                                  std::span<const duty::Interval> dwells, const ingest::PlaceRow& place,
                                  duty::Interval window, const VerifyConfig& config);

/// Which rule decided a verdict (the explanation is built from it).
enum class Basis : std::uint8_t {
  seen_away,               ///< present, contradicted: a ping in the interval is away from the place
  could_not_hold,          ///< present, contradicted: in a silence the vehicle could not be there throughout
  seen_there_throughout,   ///< present, supported: observed (or bridged) at the place throughout
  seen_there,              ///< absent, contradicted: a ping in the interval is at the place
  bridged_there,           ///< absent, contradicted: a silence at the place bridged by the dwell rule
  seen_away_throughout,    ///< absent, supported: observed away from the place throughout
  unreachable,             ///< absent, supported: away when observed, unreachable in every silence
  could_have_been,         ///< inconclusive: a silence (or time in no vehicle) leaves it open
  edge,                    ///< inconclusive: only a ping outside the interval disagrees (midpoint rule)
};
[[nodiscard]] std::string_view name(Basis b) noexcept;

struct ClaimResult {
  Verdict verdict = Verdict::inconclusive;
  Basis basis = Basis::could_have_been;
  Millis inside{0};      ///< observed inside, bridged included
  Millis bridged{0};     ///< the bridged part of `inside`
  Millis outside{0};
  Millis unobserved{0};  ///< unobserved and no_vehicle
  Millis no_vehicle{0};  ///< the no_vehicle part of `unobserved`
  /// yes/no: the place was reachable in some unobserved period; nullopt when there is none.
  std::optional<bool> feasible;
  std::optional<Millis> max_possible_stay;  ///< longest stay over the reachable unobserved periods
  std::optional<Sighting> nearest;          ///< closest approach seen in the interval
  std::vector<Period> periods;              ///< every vehicle's, and no_vehicle, by (start, vehicle)
  std::optional<Sighting> decisive;         ///< the ping the explanation quotes
  std::optional<std::size_t> decisive_period;  ///< index into periods the explanation quotes
  std::vector<Sighting> evidence;           ///< the decisive pings, by time, unique
  std::vector<std::string> vehicles;        ///< vehicles tested, sorted, unique
  bool vehicle_without_pings = false;       ///< a vehicle tested has no usable ping at all
};

/// Combines the observations of one claim (any order) and the parts of its interval in no vehicle
/// into the verdict.
[[nodiscard]] ClaimResult judge(const ingest::ClaimRow& claim, std::vector<Observation> observations,
                                const std::vector<duty::Interval>& no_vehicle);

/// The parts of each claim to test against each vehicle: the whole interval on the claimed
/// vehicle, or each crewing of the claimed officer within it. Where the roster puts the officer in
/// two vehicles at once (overlapping shifts, already warned), each instant goes to the crewing
/// that starts first.
struct ClaimPart {
  std::uint32_t claim = 0;  ///< index into the claims
  std::string vehicle_id;
  duty::Interval window;
};
struct ClaimPlan {
  std::vector<ClaimPart> parts;                      ///< by (claim, window.start)
  std::vector<std::vector<duty::Interval>> no_vehicle;  ///< per claim: parts in no vehicle
};
[[nodiscard]] ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster);

}  // namespace shiftline::verify
