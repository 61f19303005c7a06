// Rasters the analyst supplies for drawing only (`analyse --basemap`): opened read-only with GDAL,
// hashed and described like every other input, so the manifest and the report name them (R1, R3).
// Nothing in a raster changes a figure.
#pragma once

#include <string>

#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

/// Describes the raster at `path` as an input with the given role: path, canonical path, size,
/// mtime, SHA-256 (before GDAL opens it), GDAL driver, CRS (authority code, else WKT) and
/// `rows_read` = 0. Anything GDAL reads as a raster will do: GeoTIFF, MBTiles, JPEG or PNG with a
/// world file, a VRT. Throws InputError naming the file when it is missing, when GDAL cannot open
/// it as a raster, or when it has no CRS or no geotransform (it could not be placed on a map).
[[nodiscard]] InputReport describe_raster(const std::string& path, const std::string& role);

}  // namespace shiftline::ingest
