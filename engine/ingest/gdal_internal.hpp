// GDAL for the whole engine: one start-up, and one way to open an input. Every input GDAL reads
// (pings and case tables in other formats, the basemap raster) is opened by open_read_only, here
// in ingest and in the report's basemap warp; everything that uses GDAL at all (the GeoPackage
// writer too) starts it with start_gdal. GDAL's types stay out of the public headers
// (include/shiftline/**). Internal: not installed.
#pragma once

#include <gdal_priv.h>

#include <memory>
#include <string>
#include <vector>

namespace shiftline::ingest {

/// Registers GDAL's drivers, once per process (std::call_once; safe from any thread). Registering
/// every driver takes a few hundred milliseconds, so it happens only when something needs GDAL.
void start_gdal();

/// Closes the data set, then removes the private copy it was opened from (open_read_only), if any.
struct GdalDatasetCloser {
  std::string private_copy;  ///< folder of a private copy of a SQLite-based input; empty: none
  void operator()(GDALDataset* ds) const noexcept;
};
using GdalDataset = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

/// What an input is opened as.
enum class GdalKind { vector, raster };

/// The short name of the GDAL driver that claims `path` as `kind` (GDALIdentifyDriverEx), or
/// empty when none does. Starts GDAL.
[[nodiscard]] std::string identify_driver(const std::string& path, GdalKind kind);

/// Opens the input `path` as `kind`, read-only (GDAL_OF_READONLY), with GDAL started and PAM
/// sidecars off (GDAL_PAM_ENABLED=NO: no .aux.xml is ever written beside an input, R1), passing
/// `open_options` (NAME=VALUE) to the driver. A SQLite-based input (GeoPackage, SQLite, MBTiles:
/// is_sqlite_file) is never opened where it lies: SQLite folds an un-checkpointed `-wal` into the
/// database and deletes it even for a reader (and needs a `-shm` beside it), so the file and its
/// `-wal`/`-journal` are copied into a private folder (mode 0700, under TMPDIR) and the copy is
/// opened; the folder goes when the data set is closed. Never null: throws InputError naming the
/// file, what it was opened as, the driver that claims it (when one does) and GDAL's reason.
[[nodiscard]] GdalDataset open_read_only(const std::string& path, GdalKind kind,
                                         const std::vector<std::string>& open_options = {});

/// True when `path` starts with SQLite's header ("SQLite format 3\0"): GeoPackage, SQLite,
/// MBTiles and any other SQLite-based format.
[[nodiscard]] bool is_sqlite_file(const std::string& path);

/// The files GDAL reads for the input `path`, besides `path` itself (R3, R4), as they lie beside
/// the input: for a SQLite-based input its `-wal` and `-journal` when present (the `-shm` is only
/// an index SQLite rebuilds, never read as data); else GDALDataset::GetFileList of `ds` (a
/// shapefile's .shx/.dbf/.prj/.cpg, a raster VRT's sources, overviews), completed for Shapefile,
/// MapInfo and CSV by their companions present beside the input (.qix, .sbn, .csvt, ...).
/// Regular files only, in the order GDAL gives, then companions by name; without repeats.
[[nodiscard]] std::vector<std::string> files_read_for(const std::string& path, GDALDataset& ds);

}  // namespace shiftline::ingest
