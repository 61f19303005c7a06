#include "shiftline/ingest/raster.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <array>
#include <vector>

#include "gdal_internal.hpp"
#include "ogr_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::ingest {


std::vector<InputReport> describe_raster(const std::string& path, const std::string& role) {
  const auto hashed = [&](const std::string& file) {
    InputReport r = describe_input(file);
    r.role = role;
    r.sha256_before = sha256_file(file);  // before GDAL reads pixels (R3)
    return r;
  };
  InputReport report = hashed(path);
  const GdalDataset ds = open_read_only(path, GdalKind::raster);
  report.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "unknown";
  const OGRSpatialReference* srs = ds->GetSpatialRef();
  if (!srs || srs->IsEmpty())
    throw InputError(located(path, 0, "", "the raster has no coordinate reference system, so it cannot be placed on the map"));
  std::array<double, 6> transform{};
  if (ds->GetGeoTransform(transform.data()) != CE_None)
    throw InputError(located(path, 0, "", "the raster has no geotransform, so it cannot be placed on the map"));
  const char* authority = srs->GetAuthorityName(nullptr);
  const char* code = srs->GetAuthorityCode(nullptr);
  if (authority && code) {
    report.crs = std::string(authority) + ":" + code;
  } else {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    report.crs = wkt ? wkt : "";
    CPLFree(wkt);
  }
  std::vector<InputReport> all{report};
  for (const std::string& file : files_read_for(path, *ds)) all.push_back(hashed(file));
  return all;
}

}  // namespace shiftline::ingest
