// The shared body of the input-reader fuzz targets (R17): the bytes after the first become a
// file with the target's extension, read through the product's own entry points as the table the
// first byte names (pings through ingest::run_ingest; shifts, assignments, places, incidents,
// events and claims through ingest::read_case_tables), exactly as `analyse` reads them. CSV goes
// through the native reader, .gpkg, .geojson, .gpx, .kml and .xlsx through GDAL/OGR (a real temporary file:
// the product refuses /vsimem/ and every other /vsi path).
//
// Valid outcomes: a table (with rows rejected into the ProblemSink), InputError (the file cannot
// be used: not a GeoPackage, no header, a required column missing) and UsageError (x,y columns
// without --crs). Anything else (another exception, a crash, a sanitizer report) is a bug.
#pragma once

#include <cpl_error.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "shiftline/core/error.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline_fuzz {

/// The table the first byte names (byte % 7).
inline constexpr std::string_view kRoles[] = {"pings", "shifts", "assignments", "places", "incidents", "events",
                                               "claims"};

/// A temporary file name ending in `extension`, fixed for the process (each input overwrites it;
/// GDAL must see the real extension to choose its driver, as the product does).
inline const std::string& scratch_path(std::string_view extension) {
  static const std::string path = [extension] {
    const char* dir = std::getenv("TMPDIR");
    std::string p = std::string(dir && *dir ? dir : "/tmp") + "/shiftline-fuzz-XXXXXX" + std::string(extension);
    const int fd = ::mkstemps(p.data(), static_cast<int>(extension.size()));
    if (fd < 0) std::abort();
    ::close(fd);
    return p;
  }();
  return path;
}

inline void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size != 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
}

inline int read_file_as_table(std::string_view role, const std::string& path, std::string_view extension);

inline int read_as_table(const std::uint8_t* data, std::size_t size, std::string_view extension) {
  if (size == 0) return 0;
  const std::string& path = scratch_path(extension);
  write_file(path, data + 1, size - 1);
  return read_file_as_table(kRoles[data[0] % 7], path, extension);
}

/// A shapefile is three files: after the role byte, two 4-byte little-endian lengths cut the rest
/// into the .shp, the .shx and the .dbf (lengths past the end take what there is).
inline int read_shapefile_as_table(const std::uint8_t* data, std::size_t size) {
  if (size < 9) return 0;
  const auto length = [&](std::size_t at) {
    return std::size_t{data[at]} | std::size_t{data[at + 1]} << 8 | std::size_t{data[at + 2]} << 16 |
           std::size_t{data[at + 3]} << 24;
  };
  const std::string& shp = scratch_path(".shp");
  const std::string stem = shp.substr(0, shp.size() - 4);
  std::size_t at = 9;
  const std::size_t rest = size - at;
  const std::size_t shp_size = std::min(length(1), rest);
  const std::size_t shx_size = std::min(length(5), rest - shp_size);
  write_file(shp, data + at, shp_size);
  write_file(stem + ".shx", data + at + shp_size, shx_size);
  write_file(stem + ".dbf", data + at + shp_size + shx_size, rest - shp_size - shx_size);
  return read_file_as_table(kRoles[data[0] % 7], shp, ".shp");
}

/// Reads `path` as the table `role` names, as `analyse` does.
inline int read_file_as_table(std::string_view role, const std::string& path, std::string_view extension) {
  // GDAL reports what it cannot read through its error handler as well as to us; the product's
  // messages are the exceptions caught below, so the fuzzer's log keeps only libFuzzer's lines.
  static const bool quiet = [] {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    return true;
  }();
  (void)quiet;
  static const shiftline::TimeZone* london = shiftline::find_zone("Europe/London");
  shiftline::ProblemSink problems;
  try {
    if (role == "pings") {
      shiftline::ingest::IngestConfig config;
      config.paths = {path};
      config.zone = london;
      config.threads = 1;
      // A GPX track names no vehicle: the product needs --default-vehicle for it (docs/input-formats.md).
      if (extension == ".gpx") config.default_vehicle = "GPX";
      (void)shiftline::ingest::run_ingest(config, problems);
    } else {
      shiftline::ingest::CaseTablesConfig config;
      const shiftline::ingest::IngestConfig defaults;
      config.time = shiftline::ingest::TimeRules{defaults.time_format, london, defaults.ambiguous,
                                                 defaults.window_start, defaults.window_end};
      if (role == "shifts") config.shifts = path;
      else if (role == "assignments") config.assignments = path;
      else if (role == "places") config.places = path;
      else if (role == "incidents") config.incidents = path;
      else if (role == "events") config.events = path;
      else config.claims = path;
      (void)shiftline::ingest::read_case_tables(config, 1, problems);
    }
  } catch (const shiftline::InputError&) {
  } catch (const shiftline::UsageError&) {
  }
  return 0;
}

}  // namespace shiftline_fuzz
