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
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::match {

struct MatchConfig {
  /// An incident explains dwells overlapping [opened - before, closed + after] (closed interval).
  Millis incident_before{Millis{15 * 60 * 1000}};
  Millis incident_after{Millis{30 * 60 * 1000}};
  /// false ("assigned"): an incident that names units explains only dwells of those units.
  /// true ("any-unit"): any unit's dwell near it in space and time.
  bool any_unit = false;
  /// Event kinds that are records-system look-ups.
  std::vector<std::string> lookup_kinds{"records_lookup"};
  /// A look-up at most this long before a visit's start flags the visit.
  Millis lookup_window{Millis{7LL * 24 * 3600 * 1000}};
};

enum class DwellClass : std::uint8_t { base, incident, unexplained, off_duty };
[[nodiscard]] std::string_view name(DwellClass c) noexcept;

/// What the matcher needs to know of one dwell.
struct DwellFacts {
  std::string_view vehicle_id;
  Instant start;  ///< first ping
  Instant end;    ///< last ping
  LatLon centre;
  Meters radius{0.0};  ///< the dwell's own radius (largest distance from centre to a ping)
};

enum class FlagKind : std::uint8_t { revisit_after_closure, lookup_then_visit };
[[nodiscard]] std::string_view name(FlagKind k) noexcept;

/// One flag on an unexplained visit, with the evidence behind it.
struct Flag {
  FlagKind kind = FlagKind::revisit_after_closure;
  std::uint32_t place = 0;     ///< index into CaseTables::places
  std::uint32_t evidence = 0;  ///< revisit: index into incidents; lookup: index into events
  Millis before_visit{0};      ///< dwell start - incident closed, or - event time
  std::string officer_id;      ///< lookup: the officer who looked up; revisit: the attending officer
                               ///< shared with the dwell, empty when the vehicle itself attended
};

struct DwellMatch {
  DwellClass dwell_class = DwellClass::off_duty;
  bool partial_duty = false;     ///< some, not all, of the dwell had a crew on duty
  duty::CrewOnDuty crew;
  std::vector<std::uint32_t> places;     ///< visited places (indices), by place_id
  std::vector<std::uint32_t> incidents;  ///< explaining incidents (indices), by incident_id
  std::optional<std::uint32_t> nearest_incident;  ///< nearest whose window overlaps the dwell
  Meters nearest_incident_distance{0.0};
  std::vector<Flag> flags;  ///< by kind, then evidence
};

/// Indexes of the case tables, built once per run (read-only afterwards: safe to share between
/// threads).
class CaseIndex {
 public:
  CaseIndex(const ingest::CaseTables& tables, const MatchConfig& config);
  ~CaseIndex();
  CaseIndex(const CaseIndex&) = delete;
  CaseIndex& operator=(const CaseIndex&) = delete;

  /// Places whose area holds `point` (index order = place_id order).
  [[nodiscard]] std::vector<std::uint32_t> places_at(LatLon point) const;
  /// Incidents whose extended window overlaps [start, end] and whose location lies within
  /// `extra + radius` of `centre`.
  [[nodiscard]] std::vector<std::uint32_t> incidents_near(LatLon centre, Meters extra, Instant start, Instant end) const;
  /// The incident nearest to `centre` among those whose extended window overlaps [start, end].
  [[nodiscard]] std::optional<std::pair<std::uint32_t, Meters>> nearest_incident(LatLon centre, Instant start,
                                                                                Instant end) const;
  /// Incidents located at a place: naming it by place_id, or lying within its area.
  [[nodiscard]] const std::vector<std::uint32_t>& incidents_at_place(std::uint32_t place) const;

  /// Look-up events (kinds in lookup_kinds) of an officer naming a place_id, by time.
  [[nodiscard]] const std::vector<std::uint32_t>& lookups_of(const std::string& officer,
                                                            const std::string& place_id) const;

  [[nodiscard]] const ingest::CaseTables& tables() const noexcept { return m_tables; }
  [[nodiscard]] const MatchConfig& config() const noexcept { return m_config; }

 private:
  struct Trees;
  const ingest::CaseTables& m_tables;
  MatchConfig m_config;
  std::unique_ptr<Trees> m_trees;
  std::vector<std::vector<std::uint32_t>> m_incidents_at_place;
};

/// Distance from a point to a place's shape, before its radius: to the point of a point place
/// (geodesic); 0 inside a polygon, else to the nearest point of its boundary (found in a local
/// frame at the point, within 0.1% up to 10 km; measured geodesically).
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

 private:
  [[nodiscard]] Meters boundary_distance(LatLon point) const;
  struct Polygon;
  const ingest::PlaceRow* m_place;
  std::unique_ptr<Polygon> m_polygon;
};

/// Whether a place's area holds the point: distance_to_place <= radius.
[[nodiscard]] bool place_holds(const ingest::PlaceRow& place, LatLon point);

/// First pass: crew, places, explaining incidents, nearest incident and class of one dwell.
[[nodiscard]] DwellMatch classify(const CaseIndex& index, const duty::Roster& roster, const DwellFacts& dwell);

/// Who attended each incident: the units it names, and the vehicles and on-duty officers of the
/// dwells it explains. Built from every dwell's first pass.
struct Attendance {
  std::vector<std::vector<std::string>> vehicles;  ///< per incident, sorted, unique
  std::vector<std::vector<std::string>> officers;  ///< per incident, sorted, unique
};
[[nodiscard]] Attendance attendance(const ingest::CaseTables& tables, const duty::Roster& roster,
                                    const std::vector<DwellFacts>& dwells, const std::vector<DwellMatch>& matches);

/// Second pass: revisit and look-up flags of one unexplained dwell (no-op for other classes).
void add_flags(const CaseIndex& index, const Attendance& attended, const DwellFacts& dwell, DwellMatch& match);

/// Warnings for units that never appear: vehicles of shifts, assignments and incidents not in
/// `ping_vehicles` (sorted); incident officers and callsigns on no shift.
void report_unseen_units(const ingest::CaseTables& tables, const duty::Roster& roster,
                         const std::vector<std::string>& ping_vehicles, ProblemSink& problems);

}  // namespace shiftline::match
