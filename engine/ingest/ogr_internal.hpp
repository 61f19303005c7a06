// Helpers shared by the readers of input files (pings in ingest.cpp, case tables in
// case_tables.cpp): what an input is, how GDAL opens it, how its rows and columns are found.
// Internal: not installed.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gdal_internal.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

/// An InputReport with path, canonical path, size and mtime filled. Throws InputError when `path`
/// is not a regular file (check_input_file names why).
[[nodiscard]] InputReport describe_input(const std::string& path);

/// True for the extensions Shiftline's own CSV reader takes (.csv, .tsv, .txt; any letter case);
/// everything else goes through GDAL.
[[nodiscard]] bool is_csv(const std::string& path);

/// Opens `path` as a vector data set through open_read_only (read-only, PAM sidecars off, R1) with
/// the open options Shiftline uses per driver (XLSX/ODS: HEADERS=FORCE; GeoJSON: DATE_AS_STRING=YES).
/// Fills report.driver and report.open_options. Throws InputError when GDAL cannot open it.
[[nodiscard]] GdalDataset open_vector_read_only(const std::string& path, InputReport& report);

/// `layer_name` when given (InputError when absent), else `track_points` when it has features
/// (GPX), else the first layer with features, else the first layer. InputError when none.
[[nodiscard]] OGRLayer* choose_layer(GDALDataset& ds, const std::string& layer_name, const std::string& path);

/// A typed OGR date-time as ISO 8601 text (with `Z` or the offset GDAL reports, none = naive), so
/// it goes through the same strict rules as CSV text. Empty when GDAL cannot read it.
[[nodiscard]] std::string ogr_datetime_text(OGRFeature& feature, int index);

/// True when the field is a typed OGR date or date-time (GDAL parsed it, keeping milliseconds).
[[nodiscard]] bool is_ogr_datetime(const OGRFeatureDefn& defn, int index);

/// What InputReport::time_parsed_by says when GDAL read typed date-times.
inline constexpr const char* kTimeParsedByGdal =
    "GDAL (typed date-time field: milliseconds kept, finer digits dropped by GDAL)";
inline constexpr const char* kTimeParsedByShiftline = "shiftline (text)";

/// Shortest round-trip decimal text of `v` ("nan" when it cannot be written).
[[nodiscard]] std::string format_number(double v);

/// The row number of an OGR feature: its FID, or the count of rows read when it has none.
[[nodiscard]] std::uint32_t ogr_row_number(const OGRFeature& feature, std::uint64_t rows_read);

/// The transformation from a layer's CRS to WGS84 (traditional GIS order: x = lon, y = lat), or
/// null when the layer is already WGS84. `crs_text` receives the layer CRS as WKT, or a note that
/// the layer has none (then WGS84 is assumed). The operation is the one --crs would pin
/// (CrsTransform: PROJ's best with its grids present), applied to every point, so that the
/// manifest can name it: `used`, when given, receives its report (source CRS as EPSG:CODE when
/// the layer's CRS has one, else WKT). InputError naming `path` when PROJ has no operation.
[[nodiscard]] std::unique_ptr<OGRCoordinateTransformation> layer_to_wgs84(OGRLayer& layer, std::string& crs_text,
                                                                          std::optional<TransformReport>* used = nullptr);

/// Index of the column named exactly `name` (case-sensitive; headers as the reader gives them:
/// CSV names trimmed), or -1.
[[nodiscard]] int column_index(const std::vector<std::string>& header, std::string_view name);

/// Whether the header cell `cell` names `name`: equal once both are trimmed of spaces and tabs,
/// ignoring the case of ASCII letters ("Lat " names `lat`; "Lat." does not).
[[nodiscard]] bool header_names(std::string_view cell, std::string_view name);

/// The column holding `field` of `table`: the column `renamed` names (`--map`), else the one of
/// `aliases` the header has (header_names), else -1. Throws InputError (file, field) when that is not one
/// column: the header names it twice (`vehicle_id,vehicle_id`), or names two of its aliases
/// (`time` and `timestamp`). Shiftline never picks one of them silently.
[[nodiscard]] int field_column(const std::vector<std::string>& header, const std::string* renamed,
                               const std::vector<std::string_view>& aliases, const std::string& path,
                               const std::string& table, const std::string& field);

/// A required field no column holds: its names tried, or the --map column that is not there.
struct MissingField {
  std::string field;
  std::vector<std::string_view> aliases;
  std::string renamed;  ///< the --map column, when one was named; empty otherwise
};

/// One message for every missing field of a table: each field with the names tried, every column
/// the header has, and the closest unused column for each field as a --map to paste
/// ("--map pings.vehicle_id=Asset"), when one is close (differs in case, spacing, punctuation, a
/// typo or a suffix). Without the file prefix (the caller adds file:line:fields).
[[nodiscard]] std::string missing_fields_message(const std::string& table, const std::vector<MissingField>& missing,
                                                 const std::vector<std::string>& header, const std::set<int>& used);

}  // namespace shiftline::ingest
