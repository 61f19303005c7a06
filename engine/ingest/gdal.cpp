#include "gdal_internal.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>

#include <mutex>

#include "shiftline/core/error.hpp"

namespace shiftline::ingest {
namespace {

unsigned int open_flags(GdalKind kind) { return kind == GdalKind::vector ? GDAL_OF_VECTOR : GDAL_OF_RASTER; }

const char* kind_text(GdalKind kind) { return kind == GdalKind::vector ? "a vector data set" : "a raster"; }

}  // namespace

void start_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

std::string identify_driver(const std::string& path, GdalKind kind) {
  start_gdal();
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), open_flags(kind), nullptr, nullptr);
  return driver ? GDALGetDriverShortName(driver) : "";
}

GdalDataset open_read_only(const std::string& path, GdalKind kind, const std::vector<std::string>& open_options) {
  start_gdal();
  // R1: read-only, and no .aux.xml sidecars.
  CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
  CPLStringList options;
  for (const std::string& o : open_options) options.AddString(o.c_str());
  // GDAL's last message then belongs to this open.
  CPLErrorReset();
  GdalDataset ds(GDALDataset::Open(path.c_str(), open_flags(kind) | GDAL_OF_READONLY, nullptr, options.List(), nullptr));
  if (ds) return ds;
  const std::string why = CPLGetLastErrorMsg();
  const std::string driver = identify_driver(path, kind);
  std::string detail;
  if (!driver.empty()) detail = "driver " + driver;
  if (!why.empty()) detail += (detail.empty() ? "" : "; ") + std::string("GDAL: ") + why;
  throw InputError(located(path, 0, "", std::string("GDAL cannot open it as ") + kind_text(kind) +
                                            (detail.empty() ? "" : " (" + detail + ")")));
}

}  // namespace shiftline::ingest
