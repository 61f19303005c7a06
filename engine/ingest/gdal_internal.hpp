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

struct GdalDatasetCloser {
  void operator()(GDALDataset* ds) const noexcept { GDALClose(ds); }
};
using GdalDataset = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

/// What an input is opened as.
enum class GdalKind { vector, raster };

/// The short name of the GDAL driver that claims `path` as `kind` (GDALIdentifyDriverEx), or
/// empty when none does. Starts GDAL.
[[nodiscard]] std::string identify_driver(const std::string& path, GdalKind kind);

/// Opens the input `path` as `kind`, read-only (GDAL_OF_READONLY), with GDAL started and PAM
/// sidecars off (GDAL_PAM_ENABLED=NO: no .aux.xml is ever written beside an input, R1), passing
/// `open_options` (NAME=VALUE) to the driver. Never null: throws InputError naming the file, what
/// it was opened as, the driver that claims it (when one does) and GDAL's reason (when it gives one).
[[nodiscard]] GdalDataset open_read_only(const std::string& path, GdalKind kind,
                                         const std::vector<std::string>& open_options = {});

}  // namespace shiftline::ingest
