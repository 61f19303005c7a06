// Matching dwells to places, incidents and events: which stops are explained, which are not, and
// which unexplained ones are revisits or follow a records look-up (docs/analyse.md states every
// rule with its parameter and default).
//
// Places sit in a 2-D R-tree of their covering boxes; incidents in a 3-D R-tree of (latitude,
// longitude, time window), so each dwell looks only at incidents near it in space and time
// (Boost.Geometry rtree, bulk-loaded). Every accepted match and every reported distance is the
// geodesic; the trees and cheaper distances only pre-select.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::match {

struct MatchConfig {
  /// An incident explains dwells overlapping [opened - before, closed + after] (closed interval).
  Millis incident_before{Millis{15 * 60 * 1000}};
  Millis incident_after{Millis{30 * 60 * 1000}};
  /// false ("assigned"): an incident that names units explains only dwells of those units, and
  /// only naming makes an officer an attender. true ("any-unit"): any unit's dwell near it in
  /// space and time, and officers on duty in a vehicle that stayed in its area while it was open
  /// attended it too.
  bool any_unit = false;
  /// Event kinds that are records-system look-ups.
  std::vector<std::string> lookup_kinds{"records_lookup"};
  /// A look-up at most this long before a visit's start flags the visit.
  Millis lookup_window{Millis{7LL * 24 * 3600 * 1000}};
  /// A revisit is flagged only this long after the incident closed, at most (inclusive): the
  /// older an incident, the weaker the link between attending it and coming back (--revisit-within).
  Millis revisit_within{Millis{90LL * 24 * 3600 * 1000}};
  /// A flag against an officer needs at least this much of their on-duty time in the visit that
  /// no incident explains: an officer who takes a car over for a minute did not visit where it
  /// stood (--min-duty-overlap).
  Millis min_duty_overlap{Millis{5 * 60 * 1000}};
  /// A dwell's nearest incident (DwellMatch::nearest_incident) is named only when its area lies
  /// within this distance of the dwell's centre ... (--nearest-incident-within): a near miss, not
  /// an unrelated incident across town.
  Meters nearest_incident_within{1000.0};
  /// ... and its open time [opened, closed] within this long of the dwell [start, end] (inclusive;
  /// 0 when they overlap).
  Millis nearest_incident_time{Millis{2LL * 3600 * 1000}};
};

/// The class of a dwell, and of each stretch of its time (docs/analyse.md, "Time at a dwell").
enum class DwellClass : std::uint8_t { base, incident, unexplained, off_duty, duty_unknown };
[[nodiscard]] std::string_view name(DwellClass c) noexcept;

/// What the matcher needs to know of one dwell.
struct DwellFacts {
  std::string_view vehicle_id;
  Instant start;  ///< first ping
  Instant end;    ///< last ping
  LatLon centre;
  Meters radius{0.0};  ///< the dwell's own radius (largest distance from centre to a ping)
};

/// A stretch of a dwell in which every instant has one class.
struct TimePiece {
  Interval span;
  DwellClass time_class = DwellClass::off_duty;
};

/// A dwell's time by class: the parts add up to end - start.
struct TimeSplit {
  Millis incident{0}, base{0}, unexplained{0}, off_duty{0}, duty_unknown{0};
  [[nodiscard]] Millis of(DwellClass c) const noexcept;
  void add(DwellClass c, Millis length) noexcept;
};

/// One officer's share of a dwell: only what they were on duty for is theirs.
struct OfficerTime {
  std::string officer_id;
  std::vector<std::string> shift_ids;  ///< sorted, unique
  std::vector<Interval> on_duty;  ///< their attributed time in the vehicle during the dwell, merged
  Millis on_duty_length{0};
  /// Of which no incident explains (base or unexplained): what a flag against them rests on.
  Millis unexplained_or_base{0};
  [[nodiscard]] Instant first() const { return on_duty.front().start; }
};

enum class FlagKind : std::uint8_t { revisit_after_closure, lookup_then_visit };
[[nodiscard]] std::string_view name(FlagKind k) noexcept;

/// How an officer's attendance at an incident is known (docs/analyse.md, "Attendance").
enum class AttendedBy : std::uint8_t { named_officer, named_vehicle, named_callsign, on_scene };
[[nodiscard]] std::string_view name(AttendedBy a) noexcept;

struct Attender {
  std::string officer_id;
  AttendedBy how = AttendedBy::named_officer;
  std::string via;       ///< the vehicle (named_vehicle, on_scene) or the callsign; empty when named
  std::string shift_id;  ///< the shift that put the officer there; empty when named
  friend auto operator<=>(const Attender&, const Attender&) = default;
};

/// What a flag (or a note) rests on, by its kind: revisit_after_closure, the incident the officer
/// attended; lookup_then_visit, the records look-up event. The alternative held always matches
/// the kind, so an incident cannot be read as an event or the other way round.
using Evidence = std::variant<IncidentIndex, EventIndex>;

/// One flag against one officer for one visit, with the evidence behind it.
struct Flag {
  FlagKind kind = FlagKind::revisit_after_closure;
  PlaceIndex place;            ///< the place visited (an address)
  Evidence evidence;           ///< as its kind says: the incident, or the look-up event
  Millis before_visit{0};      ///< the officer's visit start - incident closed, or - event time
  std::string officer_id;      ///< the officer the flag is against
  std::vector<std::string> shift_ids;  ///< that officer's shifts during the visit
  Instant visit_start{};       ///< the officer's first on-duty instant in the dwell
  Millis on_duty{0};           ///< the officer's on-duty time in the dwell
  Millis unexplained_or_base{0};  ///< of which no incident explains (>= min_duty_overlap)
  std::optional<Attender> attended;       ///< revisit: how the officer's attendance is known
  std::vector<PlaceIndex> also_bases;     ///< bases the dwell is also within (by place_id)
};

/// Context on a visit that is not a flag, so that the reader sees why none was raised.
enum class NoteKind : std::uint8_t {
  vehicle_attended,       ///< the vehicle attended the incident, none of its crew on duty now did
  too_little_duty,        ///< an officer's evidence is there, but under min_duty_overlap of their duty
  beyond_revisit_within,  ///< an officer attended, but the incident closed over revisit_within before
};
struct Note {
  NoteKind kind = NoteKind::vehicle_attended;
  FlagKind about = FlagKind::revisit_after_closure;
  PlaceIndex place;
  Evidence evidence;           ///< as Flag::evidence, by `about`
  std::string officer_id;      ///< empty for vehicle_attended
  Millis amount{0};            ///< too_little_duty: their unexplained_or_base; otherwise: since closed
  friend auto operator<=>(const Note&, const Note&) = default;
};

struct DwellMatch {
  DwellClass dwell_class = DwellClass::off_duty;  ///< the class holding most of its time
  bool partial_duty = false;     ///< some, not all, of the dwell had a crew on duty
  duty::CrewOnDuty crew;
  std::vector<PlaceIndex> places;        ///< visited places, by place_id
  std::vector<IncidentIndex> incidents;  ///< explaining incidents, by incident_id
  /// Nearest within MatchConfig::nearest_incident_within and nearest_incident_time; ties: smaller id.
  std::optional<IncidentIndex> nearest_incident;
  Meters nearest_incident_distance{0.0};
  std::vector<TimePiece> pieces;     ///< [start, end] in time order; neighbours differ in class
  TimeSplit split;                   ///< pieces summed by class
  std::vector<OfficerTime> officers;  ///< each officer on duty in it, by officer_id
  std::vector<Flag> flags;  ///< by kind, then evidence, then place, then officer
  std::vector<Note> notes;  ///< sorted
};

/// Indexes of the case tables, built once per run (read-only afterwards: safe to share between
/// threads).
class CaseIndex {
 public:
  CaseIndex(const ingest::CaseTables& tables, const MatchConfig& config);
  /// The index of `base`'s tables with `config`'s incident windows and every incident's radius
  /// multiplied by `incident_radius_factor` (the robustness grid's points, docs/findings.md): the
  /// places, their shapes and the look-ups are `base`'s, shared; only the incident tree is built.
  /// `config` must keep `base`'s lookup_kinds (std::logic_error otherwise).
  CaseIndex(const CaseIndex& base, const MatchConfig& config, double incident_radius_factor);
  ~CaseIndex();
  CaseIndex(const CaseIndex&) = delete;
  CaseIndex& operator=(const CaseIndex&) = delete;

  /// Places whose area, widened by `extra`, holds `point`: distance to the place's shape at most
  /// its radius + extra (index order = place_id order).
  [[nodiscard]] std::vector<PlaceIndex> places_at(LatLon point, Meters extra = Meters{0.0}) const;
  /// Incidents whose extended window overlaps [start, end] and whose area lies within
  /// `extra + radius` of `centre` (radius: incident_radius).
  [[nodiscard]] std::vector<IncidentIndex> incidents_near(LatLon centre, Meters extra, Instant start, Instant end) const;
  /// The incident nearest to `centre` among those whose area lies within `within` of it and whose
  /// open time [opened, closed] lies within `time` of [start, end] (both inclusive); ties go to
  /// the smaller incident_id.
  [[nodiscard]] std::optional<std::pair<IncidentIndex, Meters>> nearest_incident_within(
      LatLon centre, Instant start, Instant end, Meters within, Millis time) const;
  /// What classify asks of every dwell: incidents_near(centre, extra, start, end) and
  /// nearest_incident_within(centre, start, end, config().nearest_incident_within,
  /// config().nearest_incident_time), the same answers, from one tree query where the two query
  /// boxes can be joined.
  struct NearbyIncidents {
    std::vector<IncidentIndex> near;
    std::optional<std::pair<IncidentIndex, Meters>> nearest;
  };
  [[nodiscard]] NearbyIncidents incidents_around(LatLon centre, Meters extra, Instant start, Instant end) const;
  /// Distance from `point` to an incident's area before its radius: to its location, or, for an
  /// incident located by a polygon place, to that polygon (0 inside).
  [[nodiscard]] Meters incident_distance(IncidentIndex incident, LatLon point) const;
  /// Exactly `incident_distance(incident, point) <= r`, mostly without the geodesic.
  [[nodiscard]] bool incident_within(IncidentIndex incident, LatLon point, Meters r) const;
  /// An incident's radius in this index: its row's, times the factor of a derived index.
  [[nodiscard]] Meters incident_radius(IncidentIndex incident) const;
  /// Incidents located at a place: naming it by place_id, or lying within its area.
  [[nodiscard]] const std::vector<IncidentIndex>& incidents_at_place(PlaceIndex place) const;

  /// Look-up events (kinds in lookup_kinds) of an officer naming a place_id, by time.
  [[nodiscard]] const std::vector<EventIndex>& lookups_of(const std::string& officer,
                                                         const std::string& place_id) const;

  [[nodiscard]] const ingest::CaseTables& tables() const noexcept { return m_tables; }
  [[nodiscard]] const MatchConfig& config() const noexcept { return m_config; }

 private:
  struct Places;
  struct Trees;
  void build_incident_tree();
  template <class Hits>
  [[nodiscard]] std::vector<IncidentIndex> near_among(const Hits& hits, LatLon centre, Meters extra) const;
  template <class Hits>
  [[nodiscard]] std::optional<std::pair<IncidentIndex, Meters>> nearest_among(const Hits& hits, LatLon centre,
                                                                             Instant start, Instant end,
                                                                             Meters within, Millis time) const;
  const ingest::CaseTables& m_tables;
  MatchConfig m_config;
  std::shared_ptr<const Places> m_places;  ///< shared with the indexes derived from this one
  std::unique_ptr<Trees> m_trees;
  double m_radius_factor = 1.0;
};

/// Distance from a point to a place's shape, before its radius: to the point of a point place
/// (geodesic); 0 inside a polygon (not in a hole), else to the nearest point of its rings, outer
/// or inner (found in a local frame at the point, within 0.1% up to 10 km; measured
/// geodesically).
[[nodiscard]] Meters distance_to_place(const ingest::PlaceRow& place, LatLon point);

/// A place's shape prepared for many distance queries: the polygon is built once, so a query
/// allocates nothing. Holds a reference to `place`, which must outlive it.
class PlaceShape {
 public:
  explicit PlaceShape(const ingest::PlaceRow& place);
  ~PlaceShape();
  PlaceShape(PlaceShape&&) noexcept;
  PlaceShape& operator=(PlaceShape&&) noexcept;
  /// As distance_to_place.
  [[nodiscard]] Meters distance(LatLon point) const;
  /// As distance, but negative inside a polygon: minus the distance to its nearest boundary point
  /// (how deep inside it the point lies). For a point place, the distance to its point.
  [[nodiscard]] Meters signed_distance(LatLon point) const;
  /// Exactly `distance(point) <= r`; for a point place without the geodesic where
  /// geodesic_within can decide.
  [[nodiscard]] bool within(LatLon point, Meters r) const;

 private:
  [[nodiscard]] Meters boundary_distance(LatLon point) const;
  struct Polygon;
  const ingest::PlaceRow* m_place;
  std::unique_ptr<Polygon> m_polygon;
};

/// Whether a place's area holds the point: distance_to_place <= radius.
[[nodiscard]] bool place_holds(const ingest::PlaceRow& place, LatLon point);

/// First pass: crew, places, explaining incidents, nearest incident, the class of every stretch
/// of the dwell, each officer's share, and the dwell's class.
[[nodiscard]] DwellMatch classify(const CaseIndex& index, const duty::Roster& roster, const DwellFacts& dwell);

/// Who attended each incident, and how it is known: named as officer; on duty in a named vehicle,
/// or on a shift with a named callsign, for a positive time while it was open (each unit's own
/// `closed`); with any-unit, on duty in a vehicle whose dwell (not at a base) the incident
/// explains, for a positive time while it was open. Built from every dwell's first pass.
struct Attendance {
  /// Per incident (at IncidentIndex::value): the vehicles named, and those on the scene; sorted, unique.
  std::vector<std::vector<std::string>> vehicles;
  std::vector<std::vector<Attender>> officers;  ///< per incident (at IncidentIndex::value), sorted, unique
};
[[nodiscard]] Attendance attendance(const CaseIndex& index, const duty::Roster& roster,
                                    const std::vector<DwellFacts>& dwells, const std::vector<DwellMatch>& matches);

/// Second pass: revisit and look-up flags of one dwell against each officer on duty in it, and
/// the notes on evidence that raised no flag.
void add_flags(const CaseIndex& index, const Attendance& attended, const DwellFacts& dwell, DwellMatch& match);

/// Warnings for units that never appear: vehicles of shifts, assignments and incidents not in
/// `ping_vehicles` (sorted); incident officers and callsigns on no shift.
void report_unseen_units(const ingest::CaseTables& tables, const duty::Roster& roster,
                         const std::vector<std::string>& ping_vehicles, ProblemSink& problems);

}  // namespace shiftline::match
