#include "shiftline/ingest/case_tables.hpp"

#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "core/text_internal.hpp"
#include "crs_transform_internal.hpp"
#include "ogr_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/ingest/csv.hpp"

namespace shiftline::ingest {
namespace {

// CSV and spreadsheet cells: surrounding spaces and tabs are not part of the value (as for pings).
std::string_view trim(std::string_view s) noexcept { return shiftline::trim(s, " \t"); }

// A decimal number; locale-free (std::from_chars). A leading '+' is allowed, "+-5" is not.
std::optional<double> parse_double(std::string_view text) noexcept {
  text = trim(text);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string lower(std::string_view text) {
  std::string s(text);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Fields and their default column names.

struct FieldSpec {
  std::string field;
  std::vector<std::string> aliases;  ///< default column names, tried in order
};

FieldSpec plain(const char* name) { return FieldSpec{name, {name}}; }

const std::map<std::string, std::vector<FieldSpec>>& table_fields() {
  // Matched trimmed and ignoring ASCII case (header_names). The first name is the documented one;
  // the rest are the spellings of roster, command-and-control and audit exports. Positions take
  // the ping ingest's spellings (docs/input-formats.md); events' time too. A unit-less `radius`
  // is no alias of radius_m (feet or metres cannot be told), nor `type` of a place's kind (its
  // values are free text there, not base/address).
  static const FieldSpec lat{"lat", {"lat", "latitude"}};
  static const FieldSpec lon{"lon", {"lon", "longitude", "lng", "long"}};
  static const FieldSpec x{"x", {"x", "easting"}};
  static const FieldSpec y{"y", {"y", "northing"}};
  static const FieldSpec officer{"officer_id",
                                 {"officer_id", "officer", "officer_number", "collar_number", "shoulder_number",
                                  "warrant_number", "staff_id", "staff_number"}};
  static const FieldSpec vehicle{"vehicle_id", {"vehicle_id", "vehicle", "registration", "vrm", "fleet_number"}};
  static const FieldSpec callsign{"callsign", {"callsign", "call_sign"}};
  static const FieldSpec start{"start", {"start", "start_time", "starts", "from"}};
  static const FieldSpec end{"end", {"end", "end_time", "ends", "to"}};
  static const FieldSpec place_id{"place_id", {"place_id", "place", "location_id"}};
  static const std::map<std::string, std::vector<FieldSpec>> tables{
      {"shifts", {FieldSpec{"shift_id", {"shift_id", "shift"}}, officer, start, end, vehicle, callsign}},
      {"assignments", {officer, vehicle, start, end}},
      {"places",
       {place_id, FieldSpec{"label", {"label", "name", "address"}}, plain("kind"), plain("radius_m"), lat, lon, x, y,
        plain("wkt")}},
      {"incidents",
       {FieldSpec{"incident_id", {"incident_id", "incident", "incident_number", "log_number", "cad_number"}},
        FieldSpec{"opened", {"opened", "opened_at", "created", "created_at"}},
        FieldSpec{"closed", {"closed", "closed_at", "resolved_at"}}, lat, lon, x, y, place_id, plain("radius_m"),
        FieldSpec{"type", {"type", "incident_type"}}, vehicle, officer, callsign}},
      {"events",
       {FieldSpec{"timestamp", {"timestamp", "time", "datetime", "date_time", "event_time"}}, officer,
        FieldSpec{"kind", {"kind", "event_type"}}, plain("subject"), place_id,
        FieldSpec{"detail", {"detail", "details", "description"}}}},
      {"claims",
       {FieldSpec{"claim_id", {"claim_id", "claim"}}, vehicle, officer, place_id, lat, lon, x, y, plain("wkt"),
        plain("radius_m"), start, end, plain("assertion"), FieldSpec{"note", {"note", "notes"}}}},
  };
  return tables;
}

// Which column holds which field of one table; fills columns_used / columns_ignored.
class Columns {
 public:
  Columns(std::string table, const std::vector<std::string>& header, const CaseTablesConfig& config,
          std::string path, InputReport& report)
      : m_table(std::move(table)), m_header(header), m_path(std::move(path)), m_report(report) {
    if (const auto it = config.renames.find(m_table); it != config.renames.end()) m_renames = &it->second;
  }

  [[nodiscard]] bool renamed(const std::string& field) const { return m_renames && m_renames->contains(field); }

  /// Column index of `field`, or -1. A renamed field is looked for under its new name only.
  /// A field two columns could hold is an InputError (field_column).
  [[nodiscard]] int find(const std::string& field) const {
    const std::string* renamed = nullptr;
    if (m_renames)
      if (const auto it = m_renames->find(field); it != m_renames->end()) renamed = &it->second;
    std::vector<std::string_view> aliases;
    for (const FieldSpec& spec : table_fields().at(m_table))
      if (spec.field == field) aliases.assign(spec.aliases.begin(), spec.aliases.end());
    return field_column(m_header, renamed, aliases, m_path, m_table, field);
  }

  /// Checks that every field the table cannot do without has a column: one InputError naming
  /// every missing field, the columns found and the closest (missing_fields_message).
  void require_all(const std::vector<std::string>& fields) {
    std::vector<MissingField> missing;
    std::set<int> found = m_used;
    for (const std::string& field : fields) {
      const int i = find(field);
      if (i >= 0) {
        found.insert(i);
        continue;
      }
      MissingField& m = missing.emplace_back();
      m.field = field;
      if (m_renames)
        if (const auto it = m_renames->find(field); it != m_renames->end()) m.renamed = it->second;
      for (const FieldSpec& spec : table_fields().at(m_table))
        if (spec.field == field) m.aliases.assign(spec.aliases.begin(), spec.aliases.end());
    }
    if (missing.empty()) return;
    std::string names;
    for (const MissingField& m : missing) names += (names.empty() ? "" : ",") + m.field;
    throw InputError(located(m_path, 1, names, missing_fields_message(m_table, missing, m_header, found)));
  }

  /// The column of a field the table cannot do without; InputError naming field and column.
  int require(const std::string& field) {
    const int i = find(field);
    if (i < 0) require_all({field});
    use(field, i);
    return i;
  }

  /// The column of an optional field, or -1. A renamed field must exist (the rename says it does).
  int optional(const std::string& field) { return renamed(field) ? require(field) : use(field, find(field)); }

  void use_label(const std::string& field, const std::string& label) { m_report.columns_used[field] = label; }

  [[nodiscard]] const std::string& name(int index) const { return m_header.at(static_cast<std::size_t>(index)); }
  [[nodiscard]] const std::string& table() const noexcept { return m_table; }

  /// Every column not used goes to columns_ignored.
  void finish() {
    for (std::size_t i = 0; i < m_header.size(); ++i)
      if (!m_used.contains(static_cast<int>(i))) m_report.columns_ignored.push_back(m_header[i]);
  }

 private:
  int use(const std::string& field, int index) {
    if (index >= 0) {
      // One column read for two fields (a --map onto a column another field finds by its alias)
      // would put one value in both without a word: refused, naming both fields.
      if (const auto [it, fresh] = m_used_by.emplace(index, field); !fresh && it->second != field)
        throw InputError(located(m_path, 1, it->second + "," + field,
                                 "column '" + name(index) + "' would be read for both " + m_table + "." + it->second +
                                     " and " + m_table + "." + field + "; name each field's own column with --map " +
                                     m_table + ".FIELD=COLUMN"));
      m_used.insert(index);
      m_report.columns_used[field] = name(index);
    }
    return index;
  }

  std::string m_table;
  const std::vector<std::string>& m_header;
  std::string m_path;
  InputReport& m_report;
  const std::map<std::string, std::string>* m_renames = nullptr;
  std::set<int> m_used;
  std::map<int, std::string> m_used_by;  ///< column -> the field read from it
};

// ---------------------------------------------------------------------------------------------
// Rows of a CSV file or an OGR layer, as text cells (typed OGR date-times as ISO 8601 text).

struct RowView {
  SourceRef where;
  std::vector<std::string_view> cells;
  const OGRGeometry* geometry = nullptr;  ///< OGR only; may be null
  /// Reported already (check_record: field count, stray quote); the row must not be used.
  bool malformed = false;
  /// The cell's text as written (untrimmed); empty when the column is absent.
  [[nodiscard]] std::string_view raw(int index) const {
    return index >= 0 && static_cast<std::size_t>(index) < cells.size() ? cells[static_cast<std::size_t>(index)]
                                                                          : std::string_view{};
  }
  [[nodiscard]] std::string text(int index) const { return std::string(trim(raw(index))); }
};

class TableSource {
 public:
  TableSource(const std::string& path, char delimiter, InputReport& report, ProblemSink& problems)
      : m_report(report), m_problems(problems) {
    if (is_csv(path)) {
      m_csv = std::make_unique<CsvReader>(path, delimiter);
      m_header = m_csv->header();
      report.driver = "shiftline-csv";
      report.delimiter = m_csv->delimiter() == '\t' ? "\\t" : std::string(1, m_csv->delimiter());
      return;
    }
    report.sha256_before = sha256_file(path);
    m_ds = open_vector_read_only(path, report);
    m_layer = choose_layer(*m_ds, "", path);
    report.layer = m_layer->GetName();
    m_defn = m_layer->GetLayerDefn();
    for (int i = 0; i < m_defn->GetFieldCount(); ++i) m_header.emplace_back(m_defn->GetFieldDefn(i)->GetNameRef());
    m_storage.resize(m_header.size());
    m_layer->ResetReading();
  }

  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return m_header; }
  [[nodiscard]] OGRLayer* layer() const noexcept { return m_layer; }
  [[nodiscard]] bool has_geometry() const noexcept { return m_defn && m_defn->GetGeomFieldCount() > 0; }
  /// The geometry column's name for messages ("geometry" when the driver gives none).
  [[nodiscard]] std::string geometry_name() const {
    if (!has_geometry()) return {};
    const char* n = m_defn->GetGeomFieldDefn(0)->GetNameRef();
    return n && *n ? n : "geometry";
  }
  [[nodiscard]] bool typed_time(int column) const { return m_defn && is_ogr_datetime(*m_defn, column); }

  bool next(RowView& row, std::uint16_t file) {
    if (m_csv) {
      if (!m_csv->next(m_record)) return false;
      ++m_report.rows_read;
      row.where = SourceRef{file, m_record.line};
      row.cells = m_record.fields;
      row.geometry = nullptr;
      row.malformed = !check_record(m_record, m_header, row.where, m_problems);
      if (!row.malformed) clean_cells(row);
      return true;
    }
    m_feature.reset(m_layer->GetNextFeature());
    if (!m_feature) return false;
    ++m_report.rows_read;
    row.cells.resize(m_header.size());
    for (std::size_t i = 0; i < m_header.size(); ++i) {
      const int idx = static_cast<int>(i);
      if (!m_feature->IsFieldSetAndNotNull(idx)) m_storage[i].clear();
      else if (is_ogr_datetime(*m_defn, idx)) m_storage[i] = ogr_datetime_text(*m_feature, idx);
      else m_storage[i] = m_feature->GetFieldAsString(idx);
      row.cells[i] = m_storage[i];
    }
    row.geometry = m_feature->GetGeometryRef();
    row.malformed = false;
    clean_cells(row);
    row.where = SourceRef{file, ogr_row_number(*m_feature, m_report.rows_read)};
    return true;
  }

  /// Cells with NUL or invalid UTF-8 are read with U+FFFD in place of each bad byte, so that ids,
  /// labels and notes written to outputs documented as UTF-8 are UTF-8; each is a warning
  /// (invalid_text, naming the column).
  void clean_cells(RowView& row) {
    if (m_cleaned.size() < row.cells.size()) m_cleaned.resize(row.cells.size());
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (clean_utf8(row.cells[i])) continue;
      m_cleaned[i] = replace_invalid_utf8(row.cells[i]);
      row.cells[i] = m_cleaned[i];
      m_problems.report(row.where, ProblemCode::invalid_text, i < m_header.size() ? m_header[i] : std::string(),
                        "NUL or invalid UTF-8, read as " + quote(m_cleaned[i]) + " (each bad byte replaced by U+FFFD)");
    }
  }

  /// CSV: hashes the rest of the file (the bytes read were hashed as they were read).
  void finish() {
    if (m_csv) m_report.sha256_before = m_csv->finish_sha256();
  }

 private:
  InputReport& m_report;
  ProblemSink& m_problems;
  std::unique_ptr<CsvReader> m_csv;
  CsvRecord m_record;
  GdalDataset m_ds;
  OGRLayer* m_layer = nullptr;
  OGRFeatureDefn* m_defn = nullptr;
  std::unique_ptr<OGRFeature> m_feature;
  std::vector<std::string> m_header;
  std::vector<std::string> m_storage;
  std::vector<std::string> m_cleaned;  // cells of the current row that clean_cells replaced
};

void set_time_parsed_by(InputReport& report, const TableSource& source, std::initializer_list<int> time_columns) {
  const bool typed = std::any_of(time_columns.begin(), time_columns.end(), [&](int c) { return source.typed_time(c); });
  report.time_parsed_by = typed ? kTimeParsedByGdal : kTimeParsedByShiftline;
}

// ---------------------------------------------------------------------------------------------
// Values compared for duplicates and conflicts: (column as written, value after parsing).

struct Value {
  std::string column;
  std::string value;
  friend bool operator==(const Value&, const Value&) = default;
  friend auto operator<=>(const Value&, const Value&) = default;
};
using Values = std::vector<Value>;

/// The first value where `row` differs from `first`, or null.
const Value* first_difference(const Values& first, const Values& row) {
  for (std::size_t i = 0; i < first.size() && i < row.size(); ++i)
    if (first[i].value != row[i].value) return &row[i];
  return nullptr;
}

std::string point_text(LatLon p) { return format_number(p.lat) + " " + format_number(p.lon); }

// Why a polygon is not a valid simple-features polygon (OGC: rings that do not cross or touch
// themselves or each other along a line, holes inside the outer ring, no spikes), as Boost.Geometry
// says it; empty when it is valid. Plane (x = longitude, y = latitude) in degrees, longitudes
// unwrapped from the first vertex so a place across the antimeridian stays whole: validity is a
// question of topology, which the plane keeps for a place a few kilometres across. Orientation
// is not asked for (GeoJSON, KML and WKT differ), so the rings are oriented first.
std::string polygon_invalid_reason(const std::vector<LatLon>& outer, const std::vector<std::vector<LatLon>>& holes) {
  namespace bg = boost::geometry;
  using Point = bg::model::d2::point_xy<double>;
  bg::model::polygon<Point> polygon;
  const double lon0 = outer.front().lon;
  const auto ring = [lon0](const std::vector<LatLon>& from, auto& to) {
    for (const LatLon& v : from) to.emplace_back(lon0 + wrap_longitude(v.lon - lon0), v.lat);
  };
  ring(outer, polygon.outer());
  for (const auto& hole : holes) ring(hole, polygon.inners().emplace_back());
  bg::correct(polygon);
  std::string message;
  if (bg::is_valid(polygon, message)) return {};
  // Still wrongly oriented after correct(): the ring's signed area is zero or of the wrong sign
  // however it is walked, which only a ring crossing itself can do.
  if (message.rfind("Geometry has wrong orientation", 0) == 0)
    return "a ring crosses itself (its parts' areas cancel, as in a bow-tie)";
  return message + " (x = longitude, y = latitude)";
}

// The instants a time cell of a rejected row can mean, reporting nothing (the row's problem is
// reported already): the one it means; both of an ambiguous local time; the two around a
// skipped one (the local time read with the offsets in force a day before and a day after);
// nullopt when it cannot be read at all.
std::optional<std::pair<Instant, Instant>> time_bounds(std::string_view text, const TimeRules& rules) {
  ProblemSink quiet;
  if (const auto t = parse_time_field(text, rules, SourceRef{}, "", quiet)) return std::pair{*t, *t};
  if (rules.format != TimeFormat::iso8601 || rules.zone == nullptr) return std::nullopt;
  const CivilParse parsed = parse_iso8601(text);
  if (parsed.error != TimeParseError::missing_offset) return std::nullopt;
  const Instant wall{to_local(parsed.time).time_since_epoch()};
  const Instant a = wall - utc_offset(*rules.zone, wall - std::chrono::days{1});
  const Instant b = wall - utc_offset(*rules.zone, wall + std::chrono::days{1});
  const auto [lo, hi] = std::minmax(a, b);
  if (lo < rules.window_start || hi >= rules.window_end) return std::nullopt;
  return std::pair{lo, hi};
}

// ---------------------------------------------------------------------------------------------
// Positions of places and incidents.

struct PositionColumns {
  int lat = -1, lon = -1, x = -1, y = -1, wkt = -1;
  bool geometry = false;
  std::string geometry_name;
  [[nodiscard]] bool any() const { return lat >= 0 || x >= 0 || wkt >= 0 || geometry; }
};

struct Shape {
  LatLon point;
  std::vector<LatLon> polygon;              // closed outer ring, empty for a point
  std::vector<std::vector<LatLon>> holes;   // closed inner rings
  std::string used;                         // the column(s) the position came from, as written
};

enum class Got : std::uint8_t { none, ok, rejected };

class Reader {
 public:
  Reader(const CaseTablesConfig& config, ProblemSink& problems) : m_config(config), m_problems(problems) {}

  void read_shifts(const std::string& path, std::uint16_t file, InputReport& report, std::vector<ShiftRow>& out);
  void read_assignments(const std::string& path, std::uint16_t file, InputReport& report,
                        std::vector<AssignmentRow>& out);
  void read_places(const std::string& path, std::uint16_t file, InputReport& report, std::vector<PlaceRow>& out);
  void read_incidents(const std::string& path, std::uint16_t file, InputReport& report,
                      std::vector<IncidentRow>& out);
  void read_events(const std::string& path, std::uint16_t file, InputReport& report, std::vector<EventRow>& out);
  void read_claims(const std::string& path, std::uint16_t file, InputReport& report, std::vector<ClaimRow>& out);

  /// The first x,y transformation the tables used (each table's is in its InputReport).
  [[nodiscard]] std::optional<TransformReport> transform_report() const { return m_first_transform; }
  [[nodiscard]] std::vector<RejectedRosterRow> take_rejected_roster() { return std::move(m_rejected_roster); }

 private:
  void report(SourceRef where, ProblemCode code, std::string field, std::string detail) {
    m_problems.report(where, code, std::move(field), std::move(detail));
  }

  bool required(const RowView& row, int column, const Columns& cols, const char* field, std::string& out) {
    out = row.text(column);
    if (!out.empty()) return true;
    report(row.where, ProblemCode::missing_field, cols.name(column), std::string("empty ") + field);
    return false;
  }

  std::optional<Instant> time(const RowView& row, int column, const Columns& cols) {
    return parse_time_field(row.raw(column), m_config.time, row.where, cols.name(column), m_problems);
  }

  /// A start/end pair of cells: nullopt (and a problem) unless both are times and end > start.
  std::optional<std::pair<Instant, Instant>> interval(const RowView& row, int start, int end, const Columns& cols) {
    const auto t0 = time(row, start, cols);
    if (!t0) return std::nullopt;
    const auto t1 = time(row, end, cols);
    if (!t1) return std::nullopt;
    if (*t1 <= *t0) {
      report(row.where, ProblemCode::end_before_start, cols.name(end),
             "end " + quote(row.raw(end)) + " is not after start " + quote(row.raw(start)));
      return std::nullopt;
    }
    return std::pair{*t0, *t1};
  }

  /// A radius cell: default when absent or empty; nullopt (and a problem) when not a finite
  /// number >= 0.
  std::optional<Meters> radius(const RowView& row, int column, const Columns& cols, Meters fallback) {
    const std::string text = row.text(column);
    if (text.empty()) return fallback;
    const auto v = parse_double(text);
    if (v && std::isfinite(*v) && *v >= 0.0) return Meters{*v};
    report(row.where, ProblemCode::unparseable_field, cols.name(column),
           quote(row.raw(column)) + " is not a radius in metres (a finite number >= 0)");
    return std::nullopt;
  }

  /// The current table's x,y transformation (m_crs), made once per CRS.
  const CrsTransform& transform() {
    std::unique_ptr<CrsTransform>& t = m_transforms[m_crs];
    if (!t) {
      t = std::make_unique<CrsTransform>(m_crs);
      if (!m_first_transform) m_first_transform = t->report();
    }
    return *t;
  }

  /// Starts reading `table`: its x,y CRS is its own --crs TABLE=CRS, else --crs.
  void begin_table(const std::string& table) {
    const auto it = m_config.crs_by_table.find(table);
    m_crs = it != m_config.crs_by_table.end() ? it->second : m_config.crs;
  }

  PositionColumns plan_positions(Columns& cols, const TableSource& source, const std::string& path, bool wkt_allowed);
  Got read_position(const RowView& row, const PositionColumns& pos, const Columns& cols, bool polygons, Shape& out);
  Got read_lat_lon(const RowView& row, const std::string& columns, std::string_view a, std::string_view b,
                   const std::string& name_a, const std::string& name_b, bool projected, Shape& out);
  Got read_geometry(const OGRGeometry& geometry, SourceRef where, const std::string& column, bool polygons,
                    OGRCoordinateTransformation* to_wgs84, Shape& out);
  bool check_position(RawLatLon raw, SourceRef where, const std::string& column, const std::string& text);

  /// The place named by a row, or null (and an unknown_place problem).
  const PlaceRow* place(const RowView& row, int column, const Columns& cols, const std::string& id);

  /// Keeps what a rejected shift or assignment row still says about duty (RejectedRosterRow).
  void keep_rejected(const char* table, const RowView& row, int officer, int vehicle, int start, int end);

  const CaseTablesConfig& m_config;
  ProblemSink& m_problems;
  std::string m_crs;  ///< the current table's CRS of x,y; empty: none given
  std::map<std::string, std::unique_ptr<CrsTransform>> m_transforms;  ///< by CRS text
  std::optional<TransformReport> m_first_transform;
  std::unique_ptr<OGRCoordinateTransformation> m_layer_transform;
  bool m_places_given = false;
  std::map<std::string, PlaceRow> m_places;
  std::vector<RejectedRosterRow> m_rejected_roster;
};

void Reader::keep_rejected(const char* table, const RowView& row, int officer, int vehicle, int start, int end) {
  RejectedRosterRow r{table, row.text(officer), row.text(vehicle), m_config.time.window_start,
                      m_config.time.window_end, row.where};
  const auto from = time_bounds(row.raw(start), m_config.time);
  const auto to = time_bounds(row.raw(end), m_config.time);
  // A time that cannot be read at all leaves the whole plausible window unknown.
  if (from && to) {
    r.from = std::min(from->first, to->first);
    r.to = std::max(from->second, to->second);
  }
  m_rejected_roster.push_back(std::move(r));
}

PositionColumns Reader::plan_positions(Columns& cols, const TableSource& source, const std::string& path,
                                       bool wkt_allowed) {
  PositionColumns pos;
  const auto pair = [&cols](const char* a, const char* b, int& ia, int& ib) {
    if (cols.find(a) >= 0 || cols.find(b) >= 0 || cols.renamed(a) || cols.renamed(b)) {
      ia = cols.require(a);
      ib = cols.require(b);
    }
  };
  pair("lat", "lon", pos.lat, pos.lon);
  int x = -1;
  int y = -1;
  if (cols.find("x") >= 0 || cols.find("y") >= 0 || cols.renamed("x") || cols.renamed("y")) {
    if (m_crs.empty()) {
      // With lat/lon beside them the x/y columns are simply not used; alone they cannot be read.
      if (pos.lat < 0)
        throw UsageError(located(path, 1, "x,y",
                                 "positions are x,y but no CRS was given: reading them needs --crs (e.g. "
                                 "--crs EPSG:27700, or --crs " + cols.table() + "=EPSG:27700 for this table alone)"));
    } else {
      pair("x", "y", x, y);
      pos.x = x;
      pos.y = y;
      (void)transform();
    }
  }
  if (wkt_allowed) pos.wkt = cols.optional("wkt");
  if (!pos.any() && source.has_geometry()) {
    pos.geometry = true;
    pos.geometry_name = source.geometry_name();
    cols.use_label("geometry", "(geometry " + pos.geometry_name + ")");
    std::string crs;
    m_layer_transform = layer_to_wgs84(*source.layer(), crs);
  }
  return pos;
}

bool Reader::check_position(RawLatLon raw, SourceRef where, const std::string& column, const std::string& text) {
  switch (check(raw)) {
    case CoordinateProblem::none: return true;
    case CoordinateProblem::null_island:
      report(where, ProblemCode::null_island, column, "position " + quote(text) +
                                                          " is exactly (0, 0), which receivers report without a fix");
      return false;
    case CoordinateProblem::not_finite:
    case CoordinateProblem::out_of_range:
      report(where, ProblemCode::coordinate_out_of_range, column,
             quote(text) + " is not a WGS84 latitude/longitude");
      return false;
  }
  return false;
}

Got Reader::read_lat_lon(const RowView& row, const std::string& columns, std::string_view a, std::string_view b,
                         const std::string& name_a, const std::string& name_b, bool projected, Shape& out) {
  const auto first = parse_double(a);
  const auto second = parse_double(b);
  if (!first || !second) {
    const std::string_view text = !first ? a : b;
    report(row.where, trim(text).empty() ? ProblemCode::missing_field : ProblemCode::unparseable_field,
           !first ? name_a : name_b, quote(text) + " is not a number");
    return Got::rejected;
  }
  const std::string text = std::string(trim(a)) + ", " + std::string(trim(b));
  RawLatLon raw{*first, *second};
  if (projected) {
    raw = transform().to_wgs84(*first, *second);
    if (!std::isfinite(raw.lat) || !std::isfinite(raw.lon)) {
      report(row.where, ProblemCode::coordinate_transform_failed, columns,
             "(" + text + ") cannot be transformed from " + m_crs + " to WGS84");
      return Got::rejected;
    }
  }
  if (!check_position(raw, row.where, columns, "(" + text + ")")) return Got::rejected;
  out.point = LatLon::from_degrees(raw.lat, raw.lon);
  out.polygon.clear();
  out.holes.clear();
  out.used = columns;
  return Got::ok;
}

Got Reader::read_geometry(const OGRGeometry& geometry, SourceRef where, const std::string& column, bool polygons,
                          OGRCoordinateTransformation* to_wgs84, Shape& out) {
  std::unique_ptr<OGRGeometry> g(geometry.clone());
  std::string text;
  {
    char* wkt = nullptr;
    if (g->exportToWkt(&wkt) == OGRERR_NONE && wkt) text = wkt;
    CPLFree(wkt);
  }
  if (g->IsEmpty()) {
    report(where, ProblemCode::invalid_geometry, column, quote(text) + " is empty");
    return Got::rejected;
  }
  if (to_wgs84 && g->transform(to_wgs84) != OGRERR_NONE) {
    report(where, ProblemCode::coordinate_transform_failed, column, quote(text) + " cannot be transformed to WGS84");
    return Got::rejected;
  }
  OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  const OGRPolygon* polygon = nullptr;
  if (type == wkbMultiPolygon && g->toMultiPolygon()->getNumGeometries() == 1) {
    polygon = g->toMultiPolygon()->getGeometryRef(0);
    type = wkbPolygon;
  } else if (type == wkbPolygon) {
    polygon = g->toPolygon();
  }
  if (type == wkbPoint) {
    const OGRPoint* p = g->toPoint();
    if (!check_position(RawLatLon{p->getY(), p->getX()}, where, column, text)) return Got::rejected;
    out.point = LatLon::from_degrees(p->getY(), p->getX());
    out.polygon.clear();
    out.holes.clear();
    out.used = column;
    return Got::ok;
  }
  if (type != wkbPolygon || !polygons) {
    report(where, ProblemCode::invalid_geometry, column,
           quote(text) + " is a " + OGRGeometryTypeToName(g->getGeometryType()) + "; expected a point" +
               (polygons ? " or a polygon" : ""));
    return Got::rejected;
  }
  // Every ring is kept: the outer one and the holes (a house enclosed by a station block is not
  // in the station).
  const auto read_ring = [&](const OGRLinearRing* ring, const char* which, std::vector<LatLon>& vertices) {
    const int n = ring ? ring->getNumPoints() : 0;
    if (n < 4 || ring->getX(0) != ring->getX(n - 1) || ring->getY(0) != ring->getY(n - 1)) {
      report(where, ProblemCode::invalid_geometry, column,
             quote(text) + ": the " + which + " must be closed (first point = last) with at least 4 points");
      return false;
    }
    vertices.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      const RawLatLon raw{ring->getY(i), ring->getX(i)};
      if (!check_position(raw, where, column, text)) return false;
      vertices.push_back(LatLon::from_degrees(raw.lat, raw.lon));
    }
    return true;
  };
  std::vector<LatLon> vertices;
  if (!read_ring(polygon->getExteriorRing(), "outer ring", vertices)) return Got::rejected;
  std::vector<std::vector<LatLon>> holes(static_cast<std::size_t>(polygon->getNumInteriorRings()));
  for (std::size_t h = 0; h < holes.size(); ++h)
    if (!read_ring(polygon->getInteriorRing(static_cast<int>(h)), "inner ring", holes[h])) return Got::rejected;
  // A self-intersecting ring (a bow-tie) has a centroid outside itself and no inside to speak of.
  if (const std::string why = polygon_invalid_reason(vertices, holes); !why.empty()) {
    report(where, ProblemCode::invalid_geometry, column, quote(text) + " is not a valid polygon: " + why);
    return Got::rejected;
  }
  // Centroid of the outer ring (shoelace formula) on degrees relative to the first vertex, with
  // longitude differences wrapped so a ring across the antimeridian works. Planar in degrees:
  // for a place a few hundred metres across it is within centimetres of the geodesic centroid.
  const LatLon origin = vertices.front();
  double area2 = 0.0;
  double cx = 0.0;
  double cy = 0.0;
  for (std::size_t i = 0; i + 1 < vertices.size(); ++i) {
    const double x0 = wrap_longitude(vertices[i].lon - origin.lon);
    const double y0 = vertices[i].lat - origin.lat;
    const double x1 = wrap_longitude(vertices[i + 1].lon - origin.lon);
    const double y1 = vertices[i + 1].lat - origin.lat;
    const double cross = x0 * y1 - x1 * y0;
    area2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area2 == 0.0) {
    report(where, ProblemCode::invalid_geometry, column, quote(text) + " has no area");
    return Got::rejected;
  }
  out.point = LatLon::from_degrees(origin.lat + cy / (3.0 * area2), wrap_longitude(origin.lon + cx / (3.0 * area2)));
  out.polygon = std::move(vertices);
  out.holes = std::move(holes);
  out.used = column;
  return Got::ok;
}

// The first of lat/lon, x/y, wkt, geometry that the row fills; Got::none when it fills none.
Got Reader::read_position(const RowView& row, const PositionColumns& pos, const Columns& cols, bool polygons,
                          Shape& out) {
  const auto filled = [&row](int a, int b) { return a >= 0 && (!row.text(a).empty() || !row.text(b).empty()); };
  if (filled(pos.lat, pos.lon))
    return read_lat_lon(row, cols.name(pos.lat) + "," + cols.name(pos.lon), row.raw(pos.lat), row.raw(pos.lon),
                        cols.name(pos.lat), cols.name(pos.lon), false, out);
  if (filled(pos.x, pos.y)) {
    // (x, y) = (easting, northing): the transform returns lat/lon.
    return read_lat_lon(row, cols.name(pos.x) + "," + cols.name(pos.y), row.raw(pos.x), row.raw(pos.y),
                        cols.name(pos.x), cols.name(pos.y), true, out);
  }
  if (pos.wkt >= 0 && !row.text(pos.wkt).empty()) {
    const std::string text = row.text(pos.wkt);
    OGRGeometry* parsed = nullptr;
    if (OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed) {
      delete parsed;
      report(row.where, ProblemCode::invalid_geometry, cols.name(pos.wkt), quote(text) + " is not WKT");
      return Got::rejected;
    }
    const std::unique_ptr<OGRGeometry> owned(parsed);
    return read_geometry(*owned, row.where, cols.name(pos.wkt), polygons, nullptr, out);
  }
  if (pos.geometry && row.geometry)
    return read_geometry(*row.geometry, row.where, pos.geometry_name, polygons, m_layer_transform.get(), out);
  return Got::none;
}

const PlaceRow* Reader::place(const RowView& row, int column, const Columns& cols, const std::string& id) {
  if (const auto it = m_places.find(id); it != m_places.end()) return &it->second;
  report(row.where, ProblemCode::unknown_place, cols.name(column),
         quote(id) + (m_places_given ? " is not a place_id of the places table" : ": no places table was given"));
  return nullptr;
}

// ---------------------------------------------------------------------------------------------

void Reader::read_shifts(const std::string& path, std::uint16_t file, InputReport& report_out,
                         std::vector<ShiftRow>& out) {
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("shifts", source.header(), m_config, path, report_out);
  cols.require_all({"officer_id", "start", "end"});
  const int officer = cols.require("officer_id");
  const int start = cols.require("start");
  const int end = cols.require("end");
  const int id = cols.optional("shift_id");
  const int vehicle = cols.optional("vehicle_id");
  const int callsign = cols.optional("callsign");
  if (id < 0) cols.use_label("shift_id", "(generated OFFICER@START)");
  cols.finish();
  set_time_parsed_by(report_out, source, {start, end});

  std::map<std::string, std::size_t> by_id;  // shift_id -> index in out
  RowView row;
  while (source.next(row, file)) {
    ShiftRow s;
    s.source = row.where;
    const auto rejected = [&] { keep_rejected("shifts", row, officer, vehicle, start, end); };
    if (row.malformed) {
      rejected();
      continue;
    }
    if (!required(row, officer, cols, "officer_id", s.officer_id)) {
      rejected();
      continue;
    }
    const auto span = interval(row, start, end, cols);
    if (!span) {
      rejected();
      continue;
    }
    std::tie(s.start, s.end) = *span;
    s.vehicle_id = row.text(vehicle);
    s.callsign = row.text(callsign);
    s.shift_id = row.text(id);
    if (s.shift_id.empty()) {
      s.shift_id = s.officer_id + "@" + format_utc(s.start);
      s.shift_id_generated = true;
    }
    // The values compared when a shift_id repeats; built only then (formatting every row is slow).
    const auto values_of = [&](const ShiftRow& r) {
      const std::string id_column = id >= 0 ? cols.name(id) : cols.name(officer) + "," + cols.name(start);
      return Values{{id_column, r.shift_id},
                    {cols.name(officer), r.officer_id},
                    {cols.name(start), format_utc(r.start)},
                    {cols.name(end), format_utc(r.end)},
                    {vehicle >= 0 ? cols.name(vehicle) : "", r.vehicle_id},
                    {callsign >= 0 ? cols.name(callsign) : "", r.callsign}};
    };
    if (const auto it = by_id.find(s.shift_id); it != by_id.end()) {
      const std::string first_line = std::to_string(out[it->second].source.line);
      const Values values = values_of(s);
      if (const Value* d = first_difference(values_of(out[it->second]), values)) {
        report(row.where, ProblemCode::conflicting_row, d->column,
               "shift_id " + quote(s.shift_id) + " was given on line " + first_line + " with other values; here " +
                   d->column + " is " + quote(d->value));
        rejected();
      } else {
        report(row.where, ProblemCode::duplicate, "", "repeats the shift of line " + first_line);
      }
      continue;
    }
    by_id.emplace(s.shift_id, out.size());
    out.push_back(std::move(s));
  }
  source.finish();
}

void Reader::read_assignments(const std::string& path, std::uint16_t file, InputReport& report_out,
                              std::vector<AssignmentRow>& out) {
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("assignments", source.header(), m_config, path, report_out);
  cols.require_all({"officer_id", "vehicle_id", "start", "end"});
  const int officer = cols.require("officer_id");
  const int vehicle = cols.require("vehicle_id");
  const int start = cols.require("start");
  const int end = cols.require("end");
  cols.finish();
  set_time_parsed_by(report_out, source, {start, end});

  std::map<std::tuple<std::string, std::string, Instant, Instant>, std::uint32_t> seen;
  RowView row;
  while (source.next(row, file)) {
    AssignmentRow a;
    a.source = row.where;
    const auto rejected = [&] { keep_rejected("assignments", row, officer, vehicle, start, end); };
    if (row.malformed) {
      rejected();
      continue;
    }
    if (!required(row, officer, cols, "officer_id", a.officer_id) ||
        !required(row, vehicle, cols, "vehicle_id", a.vehicle_id)) {
      rejected();
      continue;
    }
    const auto span = interval(row, start, end, cols);
    if (!span) {
      rejected();
      continue;
    }
    std::tie(a.start, a.end) = *span;
    const auto [it, fresh] = seen.emplace(std::tuple{a.officer_id, a.vehicle_id, a.start, a.end}, row.where.line);
    if (!fresh) {
      report(row.where, ProblemCode::duplicate, "", "repeats the assignment of line " + std::to_string(it->second));
      continue;
    }
    out.push_back(std::move(a));
  }
  source.finish();
}

void Reader::read_places(const std::string& path, std::uint16_t file, InputReport& report_out,
                         std::vector<PlaceRow>& out) {
  m_places_given = true;
  begin_table("places");
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("places", source.header(), m_config, path, report_out);
  const int id = cols.require("place_id");
  const PositionColumns pos = plan_positions(cols, source, path, true);
  if (!pos.any())
    throw InputError(located(path, 1, "", "places table has no position columns: give lat,lon; x,y with --crs; "
                                          "wkt; or a layer with point or polygon geometry"));
  const int label = cols.optional("label");
  const int kind = cols.optional("kind");
  const int radius_col = cols.optional("radius_m");
  cols.finish();
  if (pos.geometry) {
    (void)layer_to_wgs84(*source.layer(), report_out.crs, &report_out.transform);
  } else {
    report_out.crs = pos.lat >= 0 || pos.wkt >= 0 ? "EPSG:4326" : "";
    if (pos.x >= 0) report_out.crs += (report_out.crs.empty() ? "" : " (lat,lon, wkt); ") + m_crs + " (x,y)";
    if (pos.x >= 0) report_out.transform = transform().report();
  }

  std::map<std::string, std::pair<std::uint32_t, Values>> kept;
  RowView row;
  while (source.next(row, file)) {
    PlaceRow p;
    p.source = row.where;
    if (row.malformed) continue;
    if (!required(row, id, cols, "place_id", p.place_id)) continue;
    Shape shape;
    const Got got = read_position(row, pos, cols, true, shape);
    if (got == Got::rejected) continue;
    if (got == Got::none) {
      std::string columns;
      for (const int c : {pos.lat, pos.lon, pos.x, pos.y, pos.wkt})
        if (c >= 0) columns += (columns.empty() ? "" : ",") + cols.name(c);
      if (pos.geometry) columns += (columns.empty() ? "" : ",") + pos.geometry_name;
      report(row.where, ProblemCode::missing_field, columns, "no position for place " + quote(p.place_id));
      continue;
    }
    p.point = shape.point;
    p.polygon = std::move(shape.polygon);
    p.holes = std::move(shape.holes);
    const auto r = radius(row, radius_col, cols, p.polygon.empty() ? m_config.place_radius : Meters{0.0});
    if (!r) continue;
    p.radius = *r;
    p.label = row.text(label);
    const std::string k = lower(row.text(kind));
    if (k.empty() || k == "address") {
      p.kind = PlaceKind::address;
    } else if (k == "base") {
      p.kind = PlaceKind::base;
    } else {
      report(row.where, ProblemCode::unparseable_field, cols.name(kind),
             quote(row.raw(kind)) + " is not a place kind (address or base)");
      continue;
    }
    std::string where_text = point_text(p.point);
    for (const LatLon& v : p.polygon) where_text += ";" + point_text(v);
    for (const auto& hole : p.holes) {
      where_text += " hole";
      for (const LatLon& v : hole) where_text += ";" + point_text(v);
    }
    Values values{{shape.used, where_text},
                  {label >= 0 ? cols.name(label) : "", p.label},
                  {kind >= 0 ? cols.name(kind) : "", p.kind == PlaceKind::base ? "base" : "address"},
                  {radius_col >= 0 ? cols.name(radius_col) : "", format_number(p.radius.value)}};
    if (const auto it = kept.find(p.place_id); it != kept.end()) {
      const std::string first_line = std::to_string(it->second.first);
      if (const Value* d = first_difference(it->second.second, values)) {
        report(row.where, ProblemCode::conflicting_row, d->column,
               "place_id " + quote(p.place_id) + " was given on line " + first_line + " with other values; here " +
                   d->column + " is " + quote(d->value));
      } else {
        report(row.where, ProblemCode::duplicate, "", "repeats the place of line " + first_line);
      }
      continue;
    }
    kept.emplace(p.place_id, std::pair{row.where.line, std::move(values)});
    m_places.emplace(p.place_id, p);
    out.push_back(std::move(p));
  }
  source.finish();
}

std::vector<std::string> split_units(std::string_view text) {
  std::vector<std::string> units;
  while (true) {
    const auto semi = text.find(';');
    const std::string_view part = trim(text.substr(0, semi));
    if (!part.empty()) units.emplace_back(part);
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return units;
}

void Reader::read_incidents(const std::string& path, std::uint16_t file, InputReport& report_out,
                            std::vector<IncidentRow>& out) {
  begin_table("incidents");
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("incidents", source.header(), m_config, path, report_out);
  cols.require_all({"incident_id", "opened"});
  const int id = cols.require("incident_id");
  const int opened = cols.require("opened");
  const PositionColumns pos = plan_positions(cols, source, path, false);
  const int place_col = cols.optional("place_id");
  if (!pos.any() && place_col < 0)
    throw InputError(located(path, 1, "", "incidents table has no position columns: give lat,lon; x,y with --crs; "
                                          "place_id; or a layer with point geometry"));
  const int closed_col = cols.optional("closed");
  const int radius_col = cols.optional("radius_m");
  const int type_col = cols.optional("type");
  const int vehicles = cols.optional("vehicle_id");
  const int officers = cols.optional("officer_id");
  const int callsigns = cols.optional("callsign");
  cols.finish();
  set_time_parsed_by(report_out, source, {opened, closed_col});
  if (pos.geometry) {
    (void)layer_to_wgs84(*source.layer(), report_out.crs, &report_out.transform);
  } else {
    report_out.crs = pos.lat >= 0 ? "EPSG:4326" : "";
    if (pos.x >= 0) report_out.crs += (report_out.crs.empty() ? "" : " (lat,lon); ") + m_crs + " (x,y)";
    if (pos.x >= 0) report_out.transform = transform().report();
  }

  // A row's units (vehicles, officers, callsigns, each sorted and `;`-joined) with its closing
  // text: with agreeing values, a row whose units and closing were all seen before is an exact
  // repeat. Each unit keeps its own row's closing (units clear at different times); a unit given
  // again with another closing is a conflict.
  using RowKey = std::array<std::string, 4>;
  struct Kept {
    std::size_t index;                  // in out
    std::set<RowKey> rows;
    std::optional<Instant> latest_given;  // the latest `closed` any row gave
    std::map<std::string, std::optional<Instant>> unitless_closed;  // rows naming no unit: closing
  };
  std::map<std::string, Kept> by_id;
  RowView row;
  while (source.next(row, file)) {
    IncidentRow inc;
    inc.sources.push_back(row.where);
    if (row.malformed) continue;
    if (!required(row, id, cols, "incident_id", inc.incident_id)) continue;
    const auto t0 = time(row, opened, cols);
    if (!t0) continue;
    inc.opened = *t0;
    std::optional<Instant> row_closed;
    if (!row.text(closed_col).empty()) {
      const auto t1 = time(row, closed_col, cols);
      if (!t1) continue;
      if (*t1 < *t0) {
        report(row.where, ProblemCode::end_before_start, cols.name(closed_col),
               "closed " + quote(row.raw(closed_col)) + " is before opened " + quote(row.raw(opened)));
        continue;
      }
      row_closed = *t1;
    }
    inc.closed = row_closed.value_or(inc.opened + m_config.incident_default_length);
    inc.closed_given = row_closed.has_value();
    const auto r = radius(row, radius_col, cols, m_config.incident_radius);
    if (!r) continue;
    inc.radius = *r;
    Shape shape;
    const Got got = read_position(row, pos, cols, false, shape);
    if (got == Got::rejected) continue;
    inc.place_id = row.text(place_col);
    if (!inc.place_id.empty()) {
      const PlaceRow* p = place(row, place_col, cols, inc.place_id);
      if (!p) continue;
      if (got == Got::none) {
        shape.point = p->point;
        shape.used = cols.name(place_col);
        inc.located_by_place = true;
      }
    } else if (got == Got::none) {
      std::string columns;
      for (const int c : {pos.lat, pos.lon, pos.x, pos.y, place_col})
        if (c >= 0) columns += (columns.empty() ? "" : ",") + cols.name(c);
      if (pos.geometry) columns += (columns.empty() ? "" : ",") + pos.geometry_name;
      report(row.where, ProblemCode::missing_field, columns, "no location for incident " + quote(inc.incident_id));
      continue;
    }
    inc.location = shape.point;
    inc.type = row.text(type_col);
    inc.vehicle_ids = split_units(row.raw(vehicles));
    inc.officer_ids = split_units(row.raw(officers));
    inc.callsigns = split_units(row.raw(callsigns));
    for (const auto& [kind, ids] : {std::pair{UnitKind::vehicle, &inc.vehicle_ids}, std::pair{UnitKind::officer, &inc.officer_ids},
                                    std::pair{UnitKind::callsign, &inc.callsigns}})
      for (const std::string& unit : *ids) inc.units.push_back(IncidentUnit{kind, unit, inc.closed, inc.closed_given, row.where});

    // The values that must agree between rows of one incident; built only when an id repeats
    // (formatting every row is slow). The first row's are built from its parsed values. `closed`
    // is not among them: each row may give its units' own.
    const auto values_of = [&](const IncidentRow& incident) {
      std::string location_columns;
      for (const int c : {pos.lat, pos.lon, pos.x, pos.y, place_col})
        if (c >= 0) location_columns += (location_columns.empty() ? "" : ",") + cols.name(c);
      if (pos.geometry) location_columns += (location_columns.empty() ? "" : ",") + pos.geometry_name;
      return Values{{cols.name(opened), format_utc(incident.opened)},
                    {location_columns, point_text(incident.location)},
                    {radius_col >= 0 ? cols.name(radius_col) : "", format_number(incident.radius.value)},
                    {type_col >= 0 ? cols.name(type_col) : "", incident.type},
                    {place_col >= 0 ? cols.name(place_col) : "", incident.place_id}};
    };
    const auto join = [](const std::vector<std::string>& units) {
      std::string s;
      for (const std::string& u : units) s += u + ";";
      return s;
    };
    const std::string closed_text = row_closed ? format_utc(*row_closed) : std::string();
    RowKey key{join(inc.vehicle_ids), join(inc.officer_ids), join(inc.callsigns), closed_text};
    const bool unitless = !inc.names_units();
    const std::string unit_cells = key[0] + "|" + key[1] + "|" + key[2];

    if (const auto it = by_id.find(inc.incident_id); it != by_id.end()) {
      IncidentRow& first = out[it->second.index];
      const std::string first_line = std::to_string(first.sources.front().line);
      const Values values = values_of(inc);
      const Value* d = first_difference(values_of(first), values);
      if (!d && it->second.rows.contains(key)) {
        report(row.where, ProblemCode::duplicate, "",
               "repeats a row of incident " + quote(inc.incident_id) + " (first on line " + first_line + ")");
        continue;
      }
      if (d) {
        report(row.where, ProblemCode::conflicting_row, d->column,
               "incident_id " + quote(inc.incident_id) + " was given on line " + first_line +
                   " with other values; here " + d->column + " is " + quote(d->value));
        continue;
      }
      // A unit (or a row naming none) given again with another closing: which one holds is not known.
      const IncidentUnit* clash = nullptr;
      for (const IncidentUnit& u : inc.units)
        for (const IncidentUnit& seen : first.units)
          if (!clash && seen.kind == u.kind && seen.id == u.id &&
              (seen.closed_given != u.closed_given || (u.closed_given && seen.closed != u.closed)))
            clash = &seen;
      const auto unitless_seen = it->second.unitless_closed.find(unit_cells);
      const bool unitless_clash = unitless && unitless_seen != it->second.unitless_closed.end() &&
                                  unitless_seen->second != row_closed;
      if (clash || unitless_clash) {
        const std::string column = closed_col >= 0 ? cols.name(closed_col) : "closed";
        report(row.where, ProblemCode::conflicting_row, column,
               "incident_id " + quote(inc.incident_id) + ": " +
                   (clash ? "unit " + quote(clash->id) + " was given on line " + std::to_string(clash->source.line)
                          : std::string("a row naming no unit was given before")) +
                   " with another closing time; here " + column + " is " + quote(closed_text));
        continue;
      }
      it->second.rows.insert(std::move(key));
      if (unitless) it->second.unitless_closed.emplace(unit_cells, row_closed);
      if (row_closed) it->second.latest_given = std::max(it->second.latest_given.value_or(*row_closed), *row_closed);
      first.sources.push_back(row.where);
      const auto add = [](std::vector<std::string>& into, const std::vector<std::string>& from) {
        into.insert(into.end(), from.begin(), from.end());
      };
      add(first.vehicle_ids, inc.vehicle_ids);
      add(first.officer_ids, inc.officer_ids);
      add(first.callsigns, inc.callsigns);
      first.units.insert(first.units.end(), inc.units.begin(), inc.units.end());
      continue;
    }
    Kept k{out.size(), {}, row_closed, {}};
    k.rows.insert(std::move(key));
    if (unitless) k.unitless_closed.emplace(unit_cells, row_closed);
    by_id.emplace(inc.incident_id, std::move(k));
    out.push_back(std::move(inc));
  }
  // The incident is open until its last unit clears; units of rows without `closed` share it.
  for (const auto& [incident_id, kept] : by_id) {
    IncidentRow& inc = out[kept.index];
    inc.closed_given = kept.latest_given.has_value();
    inc.closed = kept.latest_given.value_or(inc.opened + m_config.incident_default_length);
    for (IncidentUnit& u : inc.units)
      if (!u.closed_given) u.closed = inc.closed;
  }
  for (IncidentRow& inc : out) {
    for (std::vector<std::string>* units : {&inc.vehicle_ids, &inc.officer_ids, &inc.callsigns}) {
      std::sort(units->begin(), units->end());
      units->erase(std::unique(units->begin(), units->end()), units->end());
    }
    std::sort(inc.units.begin(), inc.units.end(), [](const IncidentUnit& a, const IncidentUnit& b) {
      return std::tie(a.kind, a.id, a.source) < std::tie(b.kind, b.id, b.source);
    });
    inc.units.erase(std::unique(inc.units.begin(), inc.units.end(),
                                [](const IncidentUnit& a, const IncidentUnit& b) { return a.kind == b.kind && a.id == b.id; }),
                    inc.units.end());
  }
  source.finish();
}

void Reader::read_events(const std::string& path, std::uint16_t file, InputReport& report_out,
                         std::vector<EventRow>& out) {
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("events", source.header(), m_config, path, report_out);
  cols.require_all({"timestamp", "officer_id", "kind"});
  const int at = cols.require("timestamp");
  const int officer = cols.require("officer_id");
  const int kind = cols.require("kind");
  const int subject = cols.optional("subject");
  const int place_col = cols.optional("place_id");
  const int detail = cols.optional("detail");
  cols.finish();
  set_time_parsed_by(report_out, source, {at});

  // Repeats by content within this file: a hash set of positions in `out`, compared field by field
  // (a map keyed by copies of six fields was a third of reading 28,591 events).
  const auto fields = [&out](std::size_t i) {
    const EventRow& e = out[i];
    return std::tie(e.at, e.officer_id, e.kind, e.subject, e.place_id, e.detail);
  };
  const auto hash = [&out](std::size_t i) {
    const EventRow& e = out[i];
    std::size_t h = std::hash<std::int64_t>{}(e.at.time_since_epoch().count());
    for (const std::string* text : {&e.officer_id, &e.kind, &e.subject, &e.place_id, &e.detail})
      h = h * 1'000'003U ^ std::hash<std::string>{}(*text);
    return h;
  };
  const auto same = [&fields](std::size_t a, std::size_t b) { return fields(a) == fields(b); };
  std::unordered_set<std::size_t, decltype(hash), decltype(same)> seen(64, hash, same);
  RowView row;
  while (source.next(row, file)) {
    EventRow e;
    e.source = row.where;
    if (row.malformed) continue;
    const auto t = time(row, at, cols);
    if (!t) continue;
    e.at = *t;
    if (!required(row, officer, cols, "officer_id", e.officer_id)) continue;
    if (!required(row, kind, cols, "kind", e.kind)) continue;
    e.subject = row.text(subject);
    e.detail = row.text(detail);
    e.place_id = row.text(place_col);
    if (!e.place_id.empty() && !place(row, place_col, cols, e.place_id)) continue;
    out.push_back(std::move(e));
    if (const auto [it, fresh] = seen.insert(out.size() - 1); !fresh) {
      out.pop_back();
      report(row.where, ProblemCode::duplicate, "", "repeats the event of line " + std::to_string(out[*it].source.line));
    }
  }
  source.finish();
}

// A claim names its subject and its place once each: two fields that could disagree are refused
// rather than one of them silently preferred.
void Reader::read_claims(const std::string& path, std::uint16_t file, InputReport& report_out,
                         std::vector<ClaimRow>& out) {
  begin_table("claims");
  TableSource source(path, m_config.delimiter, report_out, m_problems);
  Columns cols("claims", source.header(), m_config, path, report_out);
  cols.require_all({"claim_id", "start", "end", "assertion"});
  const int id = cols.require("claim_id");
  const int vehicle = cols.optional("vehicle_id");
  const int officer = cols.optional("officer_id");
  if (vehicle < 0 && officer < 0)
    throw InputError(located(path, 1, "vehicle_id", "claims table has no column 'vehicle_id' or 'officer_id' (the "
                                                    "subject); name one with --map claims.vehicle_id=COLUMN"));
  const int place_col = cols.optional("place_id");
  const PositionColumns pos = plan_positions(cols, source, path, true);
  if (place_col < 0 && !pos.any())
    throw InputError(located(path, 1, "place_id", "claims table has no column 'place_id' and no position columns "
                                                  "(lat,lon; x,y with --crs; wkt; or a layer geometry)"));
  const int radius_col = cols.optional("radius_m");
  const int start = cols.require("start");
  const int end = cols.require("end");
  const int assertion = cols.require("assertion");
  const int note = cols.optional("note");
  cols.finish();
  set_time_parsed_by(report_out, source, {start, end});
  if (pos.geometry) {
    (void)layer_to_wgs84(*source.layer(), report_out.crs, &report_out.transform);
  } else {
    report_out.crs = pos.lat >= 0 || pos.wkt >= 0 ? "EPSG:4326" : "";
    if (pos.x >= 0) report_out.crs += (report_out.crs.empty() ? "" : " (lat,lon, wkt); ") + m_crs + " (x,y)";
    if (pos.x >= 0) report_out.transform = transform().report();
  }

  std::map<std::string, std::uint32_t> seen;  // claim_id -> first line
  RowView row;
  while (source.next(row, file)) {
    ClaimRow c;
    c.source = row.where;
    if (row.malformed) continue;
    if (!required(row, id, cols, "claim_id", c.claim_id)) continue;
    const std::string vehicle_id = row.text(vehicle);
    const std::string officer_id = row.text(officer);
    if (!vehicle_id.empty() && !officer_id.empty()) {
      report(row.where, ProblemCode::conflicting_fields, cols.name(vehicle) + "," + cols.name(officer),
             "claim " + quote(c.claim_id) + " names both a vehicle and an officer; give one subject per claim");
      continue;
    }
    if (vehicle_id.empty() && officer_id.empty()) {
      const std::string columns = vehicle >= 0 && officer >= 0 ? cols.name(vehicle) + "," + cols.name(officer)
                                                               : cols.name(std::max(vehicle, officer));
      report(row.where, ProblemCode::missing_field, columns, "claim " + quote(c.claim_id) + " names no subject");
      continue;
    }
    c.subject_kind = vehicle_id.empty() ? SubjectKind::officer : SubjectKind::vehicle;
    c.subject_id = vehicle_id.empty() ? officer_id : vehicle_id;
    if (c.subject_kind == SubjectKind::officer && m_config.shifts.empty()) {
      report(row.where, ProblemCode::needs_table, cols.name(officer),
             "claim " + quote(c.claim_id) + " is about officer " + quote(c.subject_id) +
                 ": give --shifts (and --assignments) to find the officer's vehicles, or name the vehicle");
      continue;
    }

    const std::string place_id = row.text(place_col);
    Shape shape;
    const Got got = read_position(row, pos, cols, true, shape);
    if (got == Got::rejected) continue;
    if (!place_id.empty() && got == Got::ok) {
      report(row.where, ProblemCode::conflicting_fields, cols.name(place_col) + "," + shape.used,
             "claim " + quote(c.claim_id) + " gives both a place_id and a position; give one");
      continue;
    }
    if (!place_id.empty()) {
      const PlaceRow* named = place(row, place_col, cols, place_id);
      if (!named) continue;
      c.place = *named;
    } else if (got == Got::ok) {
      c.place.point = shape.point;
      c.place.polygon = std::move(shape.polygon);
      c.place.holes = std::move(shape.holes);
      c.place.radius = c.place.polygon.empty() ? m_config.place_radius : Meters{0.0};
      c.place.source = row.where;
    } else {
      std::string columns = place_col >= 0 ? cols.name(place_col) : "";
      for (const int k : {pos.lat, pos.lon, pos.x, pos.y, pos.wkt})
        if (k >= 0) columns += (columns.empty() ? "" : ",") + cols.name(k);
      report(row.where, ProblemCode::missing_field, columns, "claim " + quote(c.claim_id) + " names no place");
      continue;
    }
    const auto r = radius(row, radius_col, cols, c.place.radius);
    if (!r) continue;
    c.place.radius = *r;

    const auto span = interval(row, start, end, cols);
    if (!span) continue;
    std::tie(c.start, c.end) = *span;
    const std::string said = lower(row.text(assertion));
    if (said == "present") {
      c.assertion = Assertion::present;
    } else if (said == "absent") {
      c.assertion = Assertion::absent;
    } else {
      report(row.where, said.empty() ? ProblemCode::missing_field : ProblemCode::unparseable_field,
             cols.name(assertion), quote(row.raw(assertion)) + " is not an assertion (present or absent)");
      continue;
    }
    c.note = row.text(note);
    // A repeated claim_id would give two rows of claims.csv the same key.
    if (const auto [it, fresh] = seen.emplace(c.claim_id, row.where.line); !fresh) {
      report(row.where, ProblemCode::conflicting_row, cols.name(id),
             "claim_id " + quote(c.claim_id) + " was already given on line " + std::to_string(it->second));
      continue;
    }
    out.push_back(std::move(c));
  }
  source.finish();
}

// InputReport may name the table's role (a field added alongside the case tables); filled when the
// field is there.
template <class Report>
void set_role(Report& report, const char* role) {
  if constexpr (requires { report.role = std::string(); }) report.role = role;
}

// `--map` names only fields the tables have.
void check_renames(const CaseTablesConfig& config) {
  for (const auto& [table, fields] : config.renames) {
    const auto it = table_fields().find(table);
    if (it == table_fields().end())
      throw UsageError("--map " + table + ".FIELD: no such table (shifts, assignments, places, incidents, events, claims)");
    for (const auto& [field, column] : fields) {
      // Capturing a structured binding needs C++20 support clang 14 lacks (scripts/fuzz builds with it).
      const std::string& name = field;
      const bool known = std::any_of(it->second.begin(), it->second.end(),
                                     [&name](const FieldSpec& spec) { return spec.field == name; });
      if (!known) throw UsageError("--map " + table + "." + field + "=" + column + ": " + table + " has no field '" + field + "'");
    }
  }
}

// A stable sort that moves each row once: rows hold several strings, and std::stable_sort would
// move them through its buffer on every merge pass.
template <class Row, class Less>
void sort_rows(std::vector<Row>& rows, Less less) {
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return less(rows[a], rows[b]); });
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (const std::size_t i : order) sorted.push_back(std::move(rows[i]));
  rows = std::move(sorted);
}

}  // namespace

const IncidentUnit* IncidentRow::unit(UnitKind kind, std::string_view id) const noexcept {
  const auto it = std::lower_bound(units.begin(), units.end(), std::pair{kind, id}, [](const IncidentUnit& u, const auto& key) {
    // Not std::tie: clang 14 with libstdc++ 12 cannot compare tuples of string and string_view.
    return u.kind != key.first ? u.kind < key.first : std::string_view(u.id) < key.second;
  });
  return it != units.end() && it->kind == kind && it->id == id ? &*it : nullptr;
}

std::vector<std::string> mappable_fields(std::string_view table) {
  if (table == "pings") return ping_fields();
  std::vector<std::string> out;
  if (const auto it = table_fields().find(std::string(table)); it != table_fields().end())
    for (const FieldSpec& spec : it->second) out.push_back(spec.field);
  return out;
}

void check_case_tables_config(const CaseTablesConfig& config) {
  check_renames(config);
  for (const std::string* path :
       {&config.shifts, &config.assignments, &config.places, &config.incidents, &config.events, &config.claims})
    if (!path->empty()) check_input_file(*path);  // never opened here: a FIFO would block
}

CaseTables read_case_tables(const CaseTablesConfig& config, std::uint16_t first_file_index, ProblemSink& problems) {
  check_renames(config);
  CaseTables result;
  Reader reader(config, problems);
  std::uint32_t next_file = first_file_index;
  const auto table = [&](const std::string& path, const char* role, auto&& read_one) {
    if (path.empty()) return;
    if (next_file > 0xFFFF) throw UsageError("too many inputs (at most 65535 files in a run)");
    InputReport report = describe_input(path);
    set_role(report, role);
    read_one(path, static_cast<std::uint16_t>(next_file++), report);
    result.inputs.push_back(std::move(report));
    result.roles.emplace_back(role);
  };
  // Places before incidents and events, which name them; file indices follow the same order.
  table(config.shifts, "shifts", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_shifts(p, f, r, result.shifts);
  });
  table(config.assignments, "assignments", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_assignments(p, f, r, result.assignments);
  });
  table(config.places, "places", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_places(p, f, r, result.places);
  });
  table(config.incidents, "incidents", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_incidents(p, f, r, result.incidents);
  });
  table(config.events, "events", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_events(p, f, r, result.events);
  });
  table(config.claims, "claims", [&](const std::string& p, std::uint16_t f, InputReport& r) {
    reader.read_claims(p, f, r, result.claims);
  });
  result.transform = reader.transform_report();
  result.rejected_roster = reader.take_rejected_roster();
  std::sort(result.rejected_roster.begin(), result.rejected_roster.end(),
            [](const RejectedRosterRow& a, const RejectedRosterRow& b) { return a.source < b.source; });

  // Stable sorts on rows read in file order: ties keep file order, so the order is total.
  sort_rows(result.shifts, [](const ShiftRow& a, const ShiftRow& b) {
    return std::tie(a.officer_id, a.start, a.shift_id) < std::tie(b.officer_id, b.start, b.shift_id);
  });
  sort_rows(result.assignments,
                   [](const AssignmentRow& a, const AssignmentRow& b) {
                     return std::tie(a.officer_id, a.start, a.vehicle_id) < std::tie(b.officer_id, b.start, b.vehicle_id);
                   });
  sort_rows(result.places,
                   [](const PlaceRow& a, const PlaceRow& b) { return a.place_id < b.place_id; });
  sort_rows(result.incidents, [](const IncidentRow& a, const IncidentRow& b) {
    return std::tie(a.opened, a.incident_id) < std::tie(b.opened, b.incident_id);
  });
  sort_rows(result.events, [](const EventRow& a, const EventRow& b) {
    return std::tie(a.officer_id, a.at, a.source) < std::tie(b.officer_id, b.at, b.source);
  });
  return result;
}

}  // namespace shiftline::ingest
