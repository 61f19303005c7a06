// Ingest: input files -> PingTable, with every unusable row reported as a Problem.
//
// CSV goes through the native streaming reader (csv.hpp); every other vector format GDAL/OGR
// reads (GPX, GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, XLSX, ...) goes through GDAL,
// opened read-only. Time rules: docs/time.md. Field names: docs/input-formats.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/core/problem.hpp"
#include "shiftline/core/progress.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/ingest/pings.hpp"

namespace shiftline::ingest {

enum class TimeFormat : std::uint8_t { iso8601, epoch_s, epoch_ms };

/// How a numeric date that is not ISO 8601 (`21/10/2024 07:00`, `10.21.2024`, `2024/10/21`) is
/// read: day, month, year in the order given. `none`: such a date is rejected (`ambiguous_date`),
/// never guessed; ISO 8601 dates (`2024-10-21`) are read the same whatever the order.
enum class DateOrder : std::uint8_t { none, dmy, mdy, ymd };

/// Logical ping fields and the input columns they are read from.
/// The logical fields of a ping table, as `--map pings.FIELD=COLUMN` names them, in the order
/// docs/input-formats.md lists them.
[[nodiscard]] std::vector<std::string> ping_fields();

struct FieldMap {
  /// field -> column, from `--map pings.FIELD=COLUMN`. Fields not named here use their default
  /// name (the field name itself, then the aliases listed in docs/input-formats.md).
  std::map<std::string, std::string> renames;
};

struct IngestConfig {
  std::vector<std::string> paths;  ///< ping files, in command-line order (max 65535)
  FieldMap fields;
  /// CRS of `x`,`y` columns (e.g. "EPSG:27700"). Empty: positions are `lat`,`lon` in WGS84.
  std::string crs;
  TimeFormat time_format = TimeFormat::iso8601;
  /// Zone for naive local times (IANA name); null means naive times are rejected.
  const TimeZone* zone = nullptr;
  AmbiguityPolicy ambiguous = AmbiguityPolicy::reject;
  /// Order of numeric dates that are not ISO 8601 (--date-order); none: they are rejected.
  DateOrder date_order = DateOrder::none;
  /// Times outside [window_start, window_end) are rejected as implausible. The default starts at
  /// the GPS epoch (1980-01-06), before which no GNSS fix can exist, and ends in 2100.
  Instant window_start = Instant{std::chrono::sys_days{std::chrono::year{1980} / 1 / 6}};
  Instant window_end = Instant{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
  /// CSV delimiter; 0 = detect from the header.
  char delimiter = 0;
  /// Vehicle id for rows of inputs that have no vehicle column (e.g. a GPX file of one car).
  std::string default_vehicle;
  /// OGR layer to read; empty = the first layer with features (GPX: track_points first).
  std::string layer;
  /// Threads for parsing CSV (blocks of records in parallel, appended in file order: the table is
  /// the same for any value). 1 = the calling thread only.
  unsigned threads = 1;
  /// Updated while reading (rows, bytes of CSV inputs); may be null.
  Progress* progress = nullptr;
};

/// A coordinate operation used for an input's positions (R19): x,y columns in --crs, or a layer's
/// geometry in its own CRS. One operation for every position of the input.
struct TransformReport {
  std::string source_crs;  ///< as given (--crs), or the layer's EPSG:CODE (else its WKT)
  std::string target_crs = "EPSG:4326";
  std::string operation;  ///< PROJ's name of the pinned operation
  double accuracy_m = -1; ///< as PROJ reports it; -1 unknown
  std::string proj_definition;
};

/// A further file that an input consists of or that GDAL reads for it (R3, R4): a GeoPackage's
/// `-wal`, a shapefile's `.shx`/`.dbf`/`.prj`/`.cpg`, a VRT's sources. Hashed before the input's
/// rows are read.
struct InputFile {
  std::string path;  ///< as GDAL or the VRT names it
  std::string canonical_path;
  std::uint64_t size_bytes = 0;
  std::string sha256_before;
};

/// What we learnt about one input (manifest, R4).
struct InputReport {
  std::string role = "pings";  ///< pings, shifts, assignments, places, incidents or events
  std::string path;
  std::string canonical_path;
  std::uint64_t size_bytes = 0;
  std::string mtime_utc;
  std::string sha256_before;
  std::string driver;  ///< "shiftline-csv" or the GDAL driver's short name
  std::string layer;
  std::string open_options;  ///< GDAL open options used, `;`-separated
  /// Who read the time text: Shiftline's strict parser, or GDAL for typed date-time fields (GPX,
  /// GeoPackage, ...), which keeps at most milliseconds.
  std::string time_parsed_by;
  std::string crs;     ///< CRS of the positions as read
  std::string delimiter;
  std::map<std::string, std::string> columns_used;  ///< field -> column
  std::vector<std::string> columns_ignored;
  std::uint64_t rows_read = 0;  ///< data rows (header excluded)
  /// Every other file the input consists of or GDAL read for it (manifest "files"), in the order
  /// found; empty for CSV.
  std::vector<InputFile> files;
  /// The operation its positions went through to WGS84; none when they were WGS84 already.
  std::optional<TransformReport> transform;
};

struct IngestResult {
  PingTable pings;
  std::vector<InputReport> inputs;
  std::optional<TransformReport> transform;
};

/// Reads every input. Rows that cannot be used go to `problems` (file, line, field, reason);
/// throws InputError when an input cannot be used at all (missing file, missing required column,
/// unknown CRS) and UsageError for inconsistent configuration.
[[nodiscard]] IngestResult run_ingest(const IngestConfig& config, ProblemSink& problems);

/// Throws InputError naming the real cause unless `path` is a regular file that can be opened for
/// reading: missing, a directory, a FIFO, a device (/dev/null), a socket, standard input
/// (/dev/stdin, /dev/fd/N), or no permission. Inputs are read and then hashed again (R3): only a
/// regular file gives the same bytes twice. Never opens a FIFO (which would block).
void check_input_file(const std::string& path);

/// Parses one timestamp text by the configured rules; on success returns the instant, else
/// reports the problem and returns nullopt. Exposed for the other tables (rosters, incidents).
struct TimeRules {
  TimeFormat format = TimeFormat::iso8601;
  const TimeZone* zone = nullptr;
  AmbiguityPolicy ambiguous = AmbiguityPolicy::reject;
  Instant window_start;
  Instant window_end;
  DateOrder date_order = DateOrder::none;
};
[[nodiscard]] std::optional<Instant> parse_time_field(std::string_view text, const TimeRules& rules,
                                                      SourceRef where, const std::string& column,
                                                      ProblemSink& problems);

}  // namespace shiftline::ingest
