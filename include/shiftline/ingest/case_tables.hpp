// The case tables beside the pings: duty shifts, vehicle assignments, places, incidents and
// records-system events (docs/analyse.md states every column, default and rule).
//
// Each table is a CSV (read by the streaming reader in csv.hpp) or any vector source GDAL/OGR
// opens (XLSX and ODS with a forced header row; GeoPackage, KML, GeoJSON, Shapefile ...). Rows are
// checked one by one: a row that cannot be used is reported (file, line, field, reason) and
// dropped; everything else is kept. A table that cannot be used at all (missing file, missing
// required column) throws InputError naming the file and the column.
//
// The readers resolve references between tables (an incident or event naming a `place_id`) and
// merge incidents given as one row per attending unit. Rules that involve the pings or the whole
// roster (overlaps, units that never appear) belong to the stages that own them (duty, match).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

/// One duty shift of one officer: on duty in [start, end).
struct ShiftRow {
  std::string shift_id;     ///< as given, or generated "OFFICER@START_UTC" (stable: no row numbers)
  bool shift_id_generated = false;
  std::string officer_id;
  Instant start;
  Instant end;              ///< > start
  std::string vehicle_id;   ///< empty: no vehicle named by the roster
  std::string callsign;     ///< empty when absent
  SourceRef source;
};

/// An officer in a vehicle over [start, end); overrides the shift's vehicle_id there.
struct AssignmentRow {
  std::string officer_id;
  std::string vehicle_id;
  Instant start;
  Instant end;  ///< > start
  SourceRef source;
};

enum class PlaceKind : std::uint8_t { address, base };

/// A place that matters. A point place covers everything within `radius` of `point`; a polygon
/// place covers its interior (its holes excluded) and everything within `radius` of its rings
/// (radius 0 unless given).
struct PlaceRow {
  std::string place_id;
  std::string label;
  PlaceKind kind = PlaceKind::address;
  LatLon point;                  ///< the point; for a polygon, the centroid of its outer ring
  std::vector<LatLon> polygon;   ///< outer ring (closed: first == last), empty for a point place
  /// Inner rings (closed), as the geometry gives them: a point in a hole is outside the place
  /// (unless within `radius` of a ring). Empty for a point place or a polygon without holes.
  std::vector<std::vector<LatLon>> holes;
  Meters radius{50.0};
  SourceRef source;
};

enum class UnitKind : std::uint8_t { vehicle, officer, callsign };

/// One attending unit of an incident as a row names it, with that row's closing time: units
/// clear at different times, and each row of an incident may give its own `closed`.
struct IncidentUnit {
  UnitKind kind = UnitKind::vehicle;
  std::string id;
  Instant closed;             ///< its row's `closed`; the incident's `closed` when the row gives none
  bool closed_given = false;  ///< its row gave `closed`
  SourceRef source;           ///< that row
};

/// One incident, merged from all of its rows (one row per attending unit, or `;`-separated units).
/// Rows of one incident must agree on everything but their units and `closed`.
struct IncidentRow {
  std::string incident_id;
  Instant opened;
  /// >= opened: the latest `closed` of its rows (the incident is open until its last unit
  /// clears); opened + --incident-default-length when no row gives one.
  Instant closed;
  bool closed_given = false;    ///< some row gave `closed`
  LatLon location;              ///< from lat/lon, x/y, or the named place's point
  std::string place_id;         ///< empty unless given
  /// The location is the named place's (no position of its own): the incident's area is the
  /// place's shape (a polygon place's polygon, holes and all) widened by `radius`.
  bool located_by_place = false;
  Meters radius{100.0};
  std::string type;
  std::vector<std::string> vehicle_ids;  ///< attending units, sorted, unique
  std::vector<std::string> officer_ids;
  std::vector<std::string> callsigns;
  std::vector<SourceRef> sources;        ///< every row it was merged from, in file order
  std::vector<IncidentUnit> units;       ///< every named unit with its closing, by (kind, id)
  [[nodiscard]] bool names_units() const noexcept {
    return !vehicle_ids.empty() || !officer_ids.empty() || !callsigns.empty();
  }
  /// The unit `id` of `kind` this incident names (with its closing time), or null.
  [[nodiscard]] const IncidentUnit* unit(UnitKind kind, std::string_view id) const noexcept;
};

/// One records-system (or other) event of one officer.
struct EventRow {
  Instant at;
  std::string officer_id;
  std::string kind;
  std::string subject;   ///< empty when absent
  std::string place_id;  ///< empty when absent; when given it names a known place
  std::string detail;
  SourceRef source;
};

/// What a claim asserts about its subject and place over [start, end] (docs/verify.md).
enum class Assertion : std::uint8_t {
  present,  ///< the subject was at the place for the whole interval
  absent,   ///< the subject did not go to the place during the interval
};

/// Whom a claim is about: one vehicle, or an officer (tested through the vehicles the roster puts
/// the officer in).
enum class SubjectKind : std::uint8_t { vehicle, officer };

/// One statement to test against the tracks.
struct ClaimRow {
  std::string claim_id;
  SubjectKind subject_kind = SubjectKind::vehicle;
  std::string subject_id;  ///< vehicle_id or officer_id
  /// The place: a copy of the named place (place_id set), or a point from the row's own position
  /// (place_id empty). The row's radius_m, when given, replaces the place's radius.
  PlaceRow place;
  Instant start;
  Instant end;  ///< > start
  Assertion assertion = Assertion::present;
  std::string note;
  SourceRef source;
};

/// A shift or assignment row that was rejected, with what it still says about duty: whose and
/// which vehicle's duty it would have changed, and when it may have applied. analyse treats that
/// time as unknown duty (docs/analyse.md, "Unknown duty"), never as off duty. Exact repeats of a
/// kept row are not listed (nothing is lost with them).
struct RejectedRosterRow {
  std::string table;       ///< "shifts" or "assignments"
  std::string officer_id;  ///< as written (trimmed); empty when the cell is empty
  std::string vehicle_id;  ///< as written (trimmed); empty when the cell is empty
  /// The span the row may cover: from the earliest its start can mean to the latest its end can
  /// mean (an ambiguous local time means either of two instants, a skipped one lies between
  /// them); the whole plausible time window (--time-window, default 1980-2100) when a time cannot
  /// be read at all.
  Instant from;
  Instant to;
  SourceRef source;
};

struct CaseTablesConfig {
  /// Paths; empty = table not given. `places` is needed when incidents, events or claims name
  /// place_ids; `shifts` when claims name officers.
  std::string shifts, assignments, places, incidents, events, claims;
  /// `--map TABLE.FIELD=COLUMN`: table -> field -> column (table: shifts, assignments, places,
  /// incidents, events, claims).
  std::map<std::string, std::map<std::string, std::string>> renames;
  TimeRules time;                 ///< the ping ingest's rules (format, --tz, --ambiguous, window)
  char delimiter = 0;             ///< CSV delimiter; 0 = detect
  std::string crs;                ///< CRS of x,y columns in places, incidents, claims (--crs)
  /// A table's own CRS for its x,y columns (--crs TABLE=CRS), instead of `crs`; keys places,
  /// incidents, claims.
  std::map<std::string, std::string> crs_by_table;
  Meters place_radius{50.0};      ///< --place-radius
  Meters incident_radius{100.0};  ///< --incident-radius
  Millis incident_default_length{Millis{60 * 60 * 1000}};  ///< --incident-default-length
};

struct CaseTables {
  std::vector<ShiftRow> shifts;            ///< by (officer_id, start, shift_id)
  std::vector<AssignmentRow> assignments;  ///< by (officer_id, start, vehicle_id)
  std::vector<PlaceRow> places;            ///< by place_id
  std::vector<IncidentRow> incidents;      ///< by (opened, incident_id)
  std::vector<EventRow> events;            ///< by (officer_id, at, source)
  std::vector<ClaimRow> claims;            ///< in file order (the investigator's order)
  std::vector<RejectedRosterRow> rejected_roster;  ///< by source row
  /// One per table given, in the order shifts, assignments, places, incidents, events, claims; their
  /// SourceRef file indices are first_file_index, first_file_index + 1, ...
  std::vector<InputReport> inputs;
  std::vector<std::string> roles;          ///< "shifts", "assignments", ... parallel to inputs
  /// The coordinate operation pinned for x,y columns (places, incidents), when any were read (R19).
  std::optional<TransformReport> transform;

  /// The row an index names (std::out_of_range for an index beyond the table).
  [[nodiscard]] const PlaceRow& place(PlaceIndex i) const { return places.at(i.value); }
  [[nodiscard]] const IncidentRow& incident(IncidentIndex i) const { return incidents.at(i.value); }
  [[nodiscard]] const EventRow& event(EventIndex i) const { return events.at(i.value); }
};

/// The fields `--map TABLE.FIELD=COLUMN` can name: pings (ping_fields()), shifts, assignments,
/// places, incidents, events or claims, in the order docs/input-formats.md lists them; empty for
/// any other table.
[[nodiscard]] std::vector<std::string> mappable_fields(std::string_view table);

/// What can be checked before reading: every `--map` names a known table and field, and every
/// table given can be opened. Throws UsageError or InputError, so that a mistake is reported
/// before minutes of ping reading.
void check_case_tables_config(const CaseTablesConfig& config);

/// Reads every table given. Row problems go to `problems`; throws InputError when a table cannot
/// be used at all, UsageError for inconsistent configuration (e.g. x,y without --crs).
[[nodiscard]] CaseTables read_case_tables(const CaseTablesConfig& config, std::uint16_t first_file_index,
                                          ProblemSink& problems);

}  // namespace shiftline::ingest
