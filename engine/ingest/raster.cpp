#include "shiftline/ingest/raster.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <array>
#include <filesystem>
#include <vector>

#include "gdal_internal.hpp"
#include "ogr_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::ingest {

namespace fs = std::filesystem;

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
  char** files = ds->GetFileList();
  for (int i = 0; files && files[i]; ++i) {
    std::error_code ec;
    if (fs::equivalent(files[i], path, ec) || !fs::is_regular_file(files[i], ec)) continue;
    all.push_back(hashed(files[i]));
  }
  CSLDestroy(files);
  return all;
}

}  // namespace shiftline::ingest
