#include "ogr_internal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "shiftline/core/error.hpp"

namespace shiftline::ingest {
namespace {

namespace fs = std::filesystem;

std::string mtime_utc(const fs::path& path) {
  const auto ftime = fs::last_write_time(path);
  const auto sys = std::chrono::file_clock::to_sys(ftime);
  return format_utc(std::chrono::floor<Millis>(sys));
}

}  // namespace

void check_input_file(const std::string& path) {
  const auto refuse = [&path](const std::string& why) {
    throw InputError(located(path, 0, "", why + "; an input must be a regular file (it is read, then hashed again)"));
  };
  // Standard input and open descriptors are streams whatever they point to: read once, gone.
  for (const std::string_view stream : {"/dev/stdin", "/dev/fd/", "/proc/self/fd/"})
    if (std::string_view(path).substr(0, stream.size()) == stream) refuse("is standard input or an open descriptor");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) {
      struct stat link {};
      if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) refuse("is a symbolic link to nothing");
      throw InputError(located(path, 0, "", "no such file"));
    }
    refuse(std::string("cannot be examined: ") + std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) refuse("is a directory");
  if (S_ISFIFO(st.st_mode)) refuse("is a FIFO (named pipe)");
  if (S_ISCHR(st.st_mode)) refuse("is a character device (such as /dev/null or a terminal)");
  if (S_ISBLK(st.st_mode)) refuse("is a block device");
  if (S_ISSOCK(st.st_mode)) refuse("is a socket");
  if (!S_ISREG(st.st_mode)) refuse("is not a regular file");
  if (::access(path.c_str(), R_OK) != 0) refuse(std::string("cannot be read: ") + std::strerror(errno));
}

InputReport describe_input(const std::string& path) {
  check_input_file(path);
  InputReport report;
  report.path = path;
  report.canonical_path = fs::canonical(path).string();
  report.size_bytes = fs::file_size(path);
  report.mtime_utc = mtime_utc(path);
  return report;
}

bool is_csv(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

GdalDataset open_vector_read_only(const std::string& path, InputReport& report) {
  // GDAL 3.6 (Debian 12) has no HEADERS open option for XLSX/ODS (added in 3.7) and ignores it:
  // only these configuration options force the header row there. The sheet is parsed lazily, on
  // the first layer access, so they must stay set, not just around Open. Both set: any GDAL.
  CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
  CPLSetConfigOption("OGR_ODS_HEADERS", "FORCE");
  // Open options by driver: spreadsheets always have a header row (GDAL's AUTO guesses from cell
  // types, which fails when every cell is text); GeoJSON date-times stay text so that our strict
  // parser reads them (GDAL's own keeps milliseconds and drops finer digits silently).
  const std::string driver_name = identify_driver(path, GdalKind::vector);
  std::vector<std::string> options;
  if (driver_name == "XLSX" || driver_name == "ODS") options.emplace_back("HEADERS=FORCE");
  if (driver_name == "GeoJSON" || driver_name == "GeoJSONSeq") options.emplace_back("DATE_AS_STRING=YES");
  GdalDataset ds = open_read_only(path, GdalKind::vector, options);
  report.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "unknown";
  report.open_options.clear();
  for (std::size_t i = 0; i < options.size(); ++i) report.open_options += (i ? ";" : "") + options[i];
  if (report.driver == "XLSX" || report.driver == "ODS") report.open_options = "HEADERS=FORCE";
  return ds;
}

OGRLayer* choose_layer(GDALDataset& ds, const std::string& layer_name, const std::string& path) {
  if (!layer_name.empty()) {
    OGRLayer* layer = ds.GetLayerByName(layer_name.c_str());
    if (!layer) throw InputError(located(path, 0, "", "no layer '" + layer_name + "'"));
    return layer;
  }
  if (OGRLayer* tp = ds.GetLayerByName("track_points"); tp && tp->GetFeatureCount() > 0) return tp;
  for (int i = 0; i < ds.GetLayerCount(); ++i)
    if (OGRLayer* layer = ds.GetLayer(i); layer && layer->GetFeatureCount() > 0) return layer;
  if (ds.GetLayerCount() > 0) return ds.GetLayer(0);
  throw InputError(located(path, 0, "", "no vector layer"));
}

std::string ogr_datetime_text(OGRFeature& feature, int index) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float sec = 0.0F;
  if (!feature.GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &sec, &tz)) return {};
  const auto ms_total = static_cast<long>(std::lround(static_cast<double>(sec) * 1000.0));
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02ld.%03ld", y, mo, d, h, mi, ms_total / 1000,
                        ms_total % 1000);
  std::string s(buf, static_cast<std::size_t>(n));
  if (tz == 100) {
    s += 'Z';
  } else if (tz > 1) {  // 100 = UTC, each step of 1 is 15 minutes
    const int minutes = (tz - 100) * 15;
    const int m = minutes < 0 ? -minutes : minutes;
    n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
    s.append(buf, static_cast<std::size_t>(n));
  }  // 0 unknown, 1 local: naive, needs --tz
  return s;
}

bool is_ogr_datetime(const OGRFeatureDefn& defn, int index) {
  if (index < 0 || index >= defn.GetFieldCount()) return false;
  const OGRFieldType type = defn.GetFieldDefn(index)->GetType();
  return type == OFTDateTime || type == OFTDate;
}

std::string format_number(double v) {
  char buf[32];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, ptr) : std::string("nan");
}

std::uint32_t ogr_row_number(const OGRFeature& feature, std::uint64_t rows_read) {
  // GDAL numbers features from 1 (for CSV: the record number); other drivers use their FID.
  const auto fid = feature.GetFID();
  return static_cast<std::uint32_t>(fid >= 0 ? fid : static_cast<GIntBig>(rows_read));
}

std::unique_ptr<OGRCoordinateTransformation> layer_to_wgs84(OGRLayer& layer, std::string& crs_text) {
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (srs) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt, nullptr);
    crs_text = wkt ? wkt : "";
    CPLFree(wkt);
    OGRSpatialReference source(*srs);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!source.IsSame(&wgs84)) to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
  } else {
    crs_text = "EPSG:4326 (assumed: the layer has no CRS)";
  }
  return to_wgs84;
}

int column_index(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

int field_column(const std::vector<std::string>& header, const std::string* renamed,
                 const std::vector<std::string_view>& aliases, const std::string& path, const std::string& table,
                 const std::string& field) {
  std::vector<std::size_t> hits;  // header positions of every name that may hold the field
  const auto collect = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) hits.push_back(i);
  };
  if (renamed) collect(*renamed);
  else
    for (const std::string_view alias : aliases) collect(alias);
  if (hits.size() <= 1) return hits.empty() ? -1 : static_cast<int>(hits.front());
  std::sort(hits.begin(), hits.end());
  const std::string a = header[hits[0]];
  const std::string b = header[hits[1]];
  const std::string where = " (columns " + std::to_string(hits[0] + 1) + " and " + std::to_string(hits[1] + 1) + ")";
  throw InputError(located(
      path, 1, field,
      a == b ? "the header names column '" + a + "' twice" + where + "; rename one so that " + table + "." + field +
                   " is read from one column"
             : "columns '" + a + "' and '" + b + "' both name " + table + "." + field + where +
                   "; choose one with --map " + table + "." + field + "=COLUMN"));
}

}  // namespace shiftline::ingest
