// Verifying claims: was the subject at the place during the interval? (docs/verify.md states every
// rule with examples.)
//
// A claim's interval is split into segments by the roster (plan_claims): time in one vehicle, time
// in none, time in two at once (roster_conflict), and time within --roster-tolerance of an instant
// at which the roster moves the officer (handover). Each vehicle's track is observed over its
// segments (observe): which pings in the interval are inside, outside or uncertain (allowing for
// each ping's position error both ways), and, for every stretch between consecutive pings, two
// space-time prisms: when the vehicle could have been at the place, and when it could have been
// away from it. judge merges those into runs of possible presence and possible absence over the
// whole interval, and decides the verdict the same way for both assertions:
//   present: supported only when pings in the interval place the vehicle at the place and no run of
//            possible absence is longer than --presence-tolerance;
//   absent:  supported only when no run of possible presence lasts --min-visit.
// Silences (bridged by the dwell rule or not) are unobserved; the midpoint rule fills the seconds
// table and never decides a verdict.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/verify/prism.hpp"

namespace shiftline::match {
class PlaceShape;
}  // namespace shiftline::match

namespace shiftline::verify {

struct VerifyConfig {
  /// --reach-speed-kmh: the least speed bound, over straight-line distance. 200 km/h: with roads
  /// at least 1.2 times longer than the straight line, that is 240 km/h or more on the road, at the
  /// top speed of patrol cars and above recorded pursuit and response speeds (docs/verify.md, "The
  /// speed bound"). A vehicle seen to move faster gets its own fastest speed instead.
  Speed reach_speed = Speed::from_kmh(200.0);
  /// --position-margin: one margin for every ping; nullopt: each ping's accuracy_m, else
  /// fallback_margin.
  std::optional<Meters> position_margin;
  Meters fallback_margin{10.0};
  /// --min-visit: a possible stay shorter than this does not keep an absence claim open. 0: any
  /// possible stay does.
  Millis min_visit{0};
  /// --presence-tolerance: the longest possible absence that still lets a presence claim be
  /// supported. 60 s: shorter than any errand away from a place and back.
  Millis presence_tolerance{Millis{60'000}};
  /// --roster-tolerance: on either side of a roster instant the officer may be in either vehicle.
  /// 2 min: rosters and assignments are written to the minute and kept by people.
  Millis roster_tolerance{Millis{120'000}};
  /// Silence longer than this is unobserved (the run's --gap).
  Millis gap{Millis{5 * 60 * 1000}};
  /// The positions are smoothed (--smooth): explanations say so.
  bool smoothed = false;
};

enum class Verdict : std::uint8_t { supported, contradicted, inconclusive };
[[nodiscard]] std::string_view name(Verdict v) noexcept;
[[nodiscard]] std::string_view name(ingest::Assertion a) noexcept;

/// Where a ping lies relative to a place, allowing for its position margin u both ways.
enum class Status : std::uint8_t {
  inside,     ///< distance + u <= radius: in the place even allowing for its error
  uncertain,  ///< neither
  outside,    ///< distance - u > radius: not in the place even allowing for its error
};

/// One ping measured against a claim's place.
struct Sighting {
  std::string vehicle_id;
  std::uint32_t ping = 0;  ///< PingTable row (provenance)
  Instant at;
  LatLon position;
  Meters distance{0.0};  ///< to the place's point, or to its polygon (0 inside it)
  Meters margin{0.0};    ///< --position-margin, else accuracy_m, else fallback_margin
  Status status = Status::outside;
  /// How far inside the place the ping surely is (inside pings; else 0), and the shortest way into
  /// the place allowing for its error (outside pings; else 0): the prisms' distances.
  Meters depth{0.0};
  Meters approach{0.0};
  [[nodiscard]] bool inside() const noexcept { return status == Status::inside; }
};

/// A row of a tested vehicle that cleaning set aside, in the time a claim was judged on.
struct Discarded {
  Sighting ping;  ///< status and prism distances are those the row would have had
  ProblemCode code = ProblemCode::duplicate;
};

enum class PeriodKind : std::uint8_t {
  inside, outside, uncertain, bridged, unobserved, no_vehicle, roster_conflict, handover, roster_unknown
};
[[nodiscard]] std::string_view name(PeriodKind k) noexcept;
/// Time that counts as unobserved in claims.csv: everything but inside and outside.
[[nodiscard]] bool is_unobserved(PeriodKind k) noexcept;

/// A part of a claim's interval for the seconds table (never overlapping another).
struct Period {
  PeriodKind kind = PeriodKind::unobserved;
  Interval span;
  std::string vehicle_id;  ///< the vehicle; the candidates ("A;B") for time in no single vehicle
  /// inside/outside/uncertain: the pings that stand for the period's start and end.
  /// bridged/unobserved: the pings before and after the silence (absent before the first or after
  /// the last ping). Time in no single vehicle: the pings that anchor the officer's own prism.
  std::optional<Sighting> from, to;
  /// Every kind but inside and outside: when the place could be reached.
  std::optional<Reach> reach;
  Speed speed;  ///< the speed bound used
};

/// The time between two consecutive pings (either absent before the first or after the last ping),
/// clipped to a window, with its prism towards the place.
struct Stretch {
  std::optional<Sighting> from, to;
  Interval span;
  bool silence = false;  ///< longer than --gap, or open on a side
  bool bridged = false;  ///< a silence that the dwell rule bridges
  Reach reach;
  Speed speed;
};

/// How the roster ties a stretch of a claim's interval to vehicles.
enum class SegmentKind : std::uint8_t {
  vehicle,          ///< exactly one vehicle
  no_vehicle,       ///< none: off duty, or a shift without a vehicle
  roster_conflict,  ///< two or more at once (overlapping shifts)
  handover,         ///< within --roster-tolerance of a roster instant: the vehicles of either side
  roster_unknown,   ///< a rejected roster row of the officer may cover it: any vehicle, or none
};
[[nodiscard]] std::string_view name(SegmentKind k) noexcept;

struct Segment {
  SegmentKind kind = SegmentKind::vehicle;
  Interval span;
  std::vector<std::string> vehicles;  ///< the vehicle, or the candidates, sorted; empty for no_vehicle
  bool may_be_in_no_vehicle = false;  ///< handover: a side of the roster instant has no vehicle
  std::vector<Instant> roster_instants;  ///< handover: the roster instants it surrounds
  std::vector<SourceRef> rejected_rows;  ///< roster_unknown: the rejected roster rows that may cover it
  bool end_inclusive = true;          ///< the claim's own end: a ping at span.end counts
};

/// A run of time in which the subject could have been at the place (possible presence) or away
/// from it (possible absence), with the pings that bound it.
struct Run {
  Interval span;  ///< closed for presence runs (a zero-length stay counts)
  std::optional<Sighting> from, to;  ///< the pings at its ends, where a ping bounds it
  std::string vehicle_id;            ///< the vehicle, or the candidates for time in no single vehicle
  Millis longest_silence{0};         ///< the longest silence (or time with no ping on a side) it covers
  bool bridged = false;              ///< it covers a silence the dwell rule bridges
  /// Absence runs: bounded by an inside ping at that end (two runs touching there do not merge).
  bool start_at_inside = false, end_at_inside = false;
  Speed speed;
  /// The part of it in time in no single vehicle, if any.
  std::optional<Interval> roster_span;
  /// All of it comes from the officer's own prism: `from` and `to` are the pings of the vehicle
  /// segments around that time.
  bool officer_prism = false;
};

/// One vehicle over one window of a claim (a segment, or a candidate's view of one).
struct Observation {
  std::string vehicle_id;
  Interval window;
  std::size_t segment = 0;      ///< index into the claim's segments (set by the caller)
  std::vector<Period> periods;  ///< cover the window, in time order
  bool has_pings = false;       ///< the vehicle has at least one usable ping (anywhere)
  Speed speed;                  ///< max(--reach-speed-kmh, the vehicle's fastest)
  std::optional<Sighting> nearest;           ///< closest ping in the window
  std::optional<Sighting> nearest_inside;    ///< closest such ping inside the place
  std::optional<Sighting> farthest_outside;  ///< farthest such ping surely outside the place
  std::optional<Sighting> first_inside, last_inside;  ///< in the window
  std::size_t inside_count = 0;                       ///< inside pings in the window
  std::optional<Sighting> first_ping, last_ping;      ///< in the window (anchors for an officer's prism)
  /// The first stretch in which the vehicle could not have been at the place throughout.
  std::optional<Stretch> cannot_hold;
  /// The step between pings (not a silence) with the longest possible stay.
  std::optional<Stretch> longest_step_stay;
  std::vector<Run> presence;  ///< runs of possible presence in the window, merged, in order
  std::vector<Run> absence;   ///< runs of possible absence in the window, merged, in order
  std::vector<Discarded> discarded;  ///< rows cleaning set aside in the judged time
};

/// The fastest the vehicle was seen to move between two consecutive pings (geodesic distance over
/// time), at least `floor`.
[[nodiscard]] Speed fastest_speed(const clean::Track& track, Speed floor);

/// Ping `i` of `track` measured against `place` exactly as observe() measures every ping: its
/// distance, margin (--position-margin, else its accuracy_m, else fallback_margin), status and the
/// prisms' distances (depth, approach). `shape` is match::PlaceShape(place), built once by the
/// caller. Used by `near` (verify/near.hpp), so that both commands measure alike.
[[nodiscard]] Sighting measure(std::string_view vehicle_id, const clean::Track& track, std::size_t i,
                               const ingest::PlaceRow& place, const match::PlaceShape& shape,
                               const VerifyConfig& config);

/// Observes one vehicle's track over `window` against `place`. `dwells` are the vehicle's dwell
/// spans (sorted), which say which silences the dwell rule bridges. A ping at window.end counts as
/// seen in the window only when `end_inclusive` (false where the officer moved to another vehicle
/// at that instant). An empty track gives one unobserved period, open both ways. `speed` is the
/// vehicle's bound (fastest_speed(track, config.reach_speed)); given when several windows of one
/// track are observed, so that it is computed once. O(log n + pings in the window), plus O(n)
/// without `speed`.
[[nodiscard]] Observation observe(std::string_view vehicle_id, const clean::Track& track,
                                  std::span<const Interval> dwells, const ingest::PlaceRow& place,
                                  Interval window, const VerifyConfig& config, bool end_inclusive = true,
                                  std::optional<Speed> speed = std::nullopt);

/// Which rule decided a verdict (the explanation is built from it).
enum class Basis : std::uint8_t {
  seen_away,              ///< present, contradicted: a ping in the interval is surely away from the place
  could_not_hold,         ///< present, contradicted: the subject could not have been there throughout
  seen_there_throughout,  ///< present, supported: seen there, never able to leave for longer than the tolerance
  seen_there,             ///< absent, contradicted: a ping in the interval is surely at the place
  seen_away_throughout,   ///< absent, supported: no time to reach it between pings, no unobserved time
  unreachable,            ///< absent, supported: as above, with unobserved time
  could_have_been,        ///< absent, inconclusive: some run of possible presence
  could_have_left,        ///< present, inconclusive: a run of possible absence longer than the tolerance
  not_seen_there,         ///< present, inconclusive: no ping in the interval places the subject there
};
[[nodiscard]] std::string_view name(Basis b) noexcept;

struct ClaimResult {
  Verdict verdict = Verdict::inconclusive;
  Basis basis = Basis::not_seen_there;
  Millis inside{0};
  Millis outside{0};
  Millis unobserved{0};  ///< everything but inside and outside
  Millis bridged{0};     ///< the bridged silences in `unobserved`
  Millis uncertain{0};   ///< the uncertain part of `unobserved`
  Millis no_vehicle{0};  ///< the no_vehicle, roster_conflict and handover part of `unobserved`
  /// yes/no: the place was reachable in some unobserved period; nullopt when there is none.
  std::optional<bool> feasible;
  std::optional<Millis> max_possible_stay;       ///< longest stay over the reachable unobserved periods
  std::optional<Millis> max_stay_between_pings;  ///< longest stay between pings no more than --gap apart
  Millis max_away{0};                            ///< the longest run of possible absence in the interval
  std::optional<Sighting> nearest;               ///< closest approach seen in the interval
  std::vector<Segment> segments;                 ///< how the roster splits the interval
  std::vector<Period> periods;                   ///< every segment's, by start
  std::optional<Sighting> decisive;              ///< the ping the explanation quotes
  std::optional<Stretch> decisive_stretch;       ///< could_not_hold in a vehicle's stretch
  std::optional<std::size_t> decisive_period;    ///< could_not_hold in time in no single vehicle
  std::optional<Run> decisive_run;               ///< the run the explanation quotes
  std::optional<Sighting> first_inside, last_inside;  ///< seen_there_throughout: the first and last inside pings
  std::size_t inside_count = 0;                  ///< inside pings of vehicle segments in the interval
  std::vector<Sighting> evidence;                ///< the decisive pings, by time, unique
  std::vector<Discarded> discarded;              ///< rows cleaning set aside in the judged time, by time
  std::vector<std::string> vehicles;             ///< vehicles tested, sorted, unique
  Speed speed;                                   ///< the highest speed bound used
  Millis min_visit{0};                           ///< the --min-visit the verdict was decided with
  Millis presence_tolerance{0};                  ///< the --presence-tolerance it was decided with
  Millis roster_tolerance{0};                    ///< the --roster-tolerance it was planned with
  bool vehicle_without_pings = false;            ///< a vehicle tested has no usable ping at all
};

/// Combines one claim's segments and the observations of its vehicles (any order; each names its
/// segment) into the verdict.
[[nodiscard]] ClaimResult judge(const ingest::ClaimRow& claim, const std::vector<Segment>& segments,
                                std::vector<Observation> observations, const VerifyConfig& config);

/// The windows to observe: each vehicle segment on its vehicle, and each candidate vehicle of a
/// handover or roster_conflict segment over that segment.
struct ClaimPart {
  std::uint32_t claim = 0;    ///< index into the claims
  std::uint32_t segment = 0;  ///< index into the claim's segments
  std::string vehicle_id;
  Interval window;
  bool end_inclusive = true;  ///< false when another segment starts at window.end
};
struct ClaimPlan {
  std::vector<ClaimPart> parts;                  ///< by (claim, segment, vehicle)
  std::vector<std::vector<Segment>> segments;    ///< per claim, covering its interval in order
};
/// Splits each claim's interval by the roster: the whole interval on a claimed vehicle; for an
/// officer, the vehicles the roster puts the officer in, with `roster_tolerance` around every
/// instant at which that set changes (docs/verify.md, "Subjects and the roster").
/// `rejected` are the roster rows that could not be read (CaseTables::rejected_roster): where one
/// of the claimed officer's may apply, the roster cannot say where the officer was
/// (roster_unknown).
[[nodiscard]] ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster,
                                    Millis roster_tolerance,
                                    const std::vector<ingest::RejectedRosterRow>& rejected = {});

}  // namespace shiftline::verify
