// Rasters the analyst supplies for drawing only (`analyse --basemap`): opened read-only with GDAL,
// hashed and described like every other input, so the manifest and the report name them (R1, R3).
// Nothing in a raster changes a figure.
#pragma once

#include <string>
#include <vector>

#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

/// Describes the raster at `path` as inputs with the given role: the file itself first, then every
/// other file GDAL reads for it (GDALGetFileList: a VRT's sources, overviews, world files), each
/// with path, canonical path, size, mtime and SHA-256 (taken before GDAL reads pixels), so that
/// the manifest's before/after check covers everything that shapes the picture. The first carries
/// the GDAL driver and the CRS (authority code, else WKT); `rows_read` is 0. Anything GDAL reads as
/// a raster with a CRS will do: GeoTIFF, MBTiles, a GeoPackage raster, a VRT. Throws InputError
/// naming the file when it is missing, when GDAL cannot open it as a raster, or when it has no CRS
/// or no geotransform (it could not be placed on a map).
[[nodiscard]] std::vector<InputReport> describe_raster(const std::string& path, const std::string& role);

}  // namespace shiftline::ingest
