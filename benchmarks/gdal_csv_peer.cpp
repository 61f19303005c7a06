// shiftline_gdal_csv_peer FILE [--limit N]: the peer measurement for ingest. Reads the same
// `vehicle_id,timestamp,lat,lon` CSV through GDAL's OGR CSV driver (opened read-only, all fields
// as strings, which is the driver's default), and puts the four fields into the same columns as
// ingest with the same rules: strict ISO 8601 with offset (shiftline::parse_iso8601), correctly
// rounded decimals (fast_float, as ingest), range check, storage at 1e-7 degrees, interned ids.
// What it leaves out (SHA-256 of the bytes, problem reports, optional columns) is cheap next to
// what GDAL costs, so the ratio is a fair lower bound of the driver's overhead. Prints
//   pings=N seconds=S pings_per_s=R
// with N the rows accepted; stops after N data rows with --limit.
#include <fast_float/fast_float.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/time.hpp"

namespace {

bool parse_double(std::string_view text, double& value) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [ptr, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

struct Columns {
  std::vector<shiftline::Instant> time;
  std::vector<std::int32_t> lat_e7;
  std::vector<std::int32_t> lon_e7;
  std::vector<shiftline::VehicleIndex> vehicle;
  shiftline::VehicleRegistry vehicles;
  std::size_t rejected = 0;
};

int run(int argc, char** argv) {
  std::string path;
  std::size_t limit = std::numeric_limits<std::size_t>::max();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      const std::string_view v = argv[++i];
      if (std::from_chars(v.data(), v.data() + v.size(), limit).ec != std::errc()) return 2;
    } else if (path.empty()) {
      path = arg;
    } else {
      std::fprintf(stderr, "usage: shiftline_gdal_csv_peer FILE [--limit N]\n");
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: shiftline_gdal_csv_peer FILE [--limit N]\n");
    return 2;
  }
  GDALAllRegister();
  const auto t0 = std::chrono::steady_clock::now();
  const char* const drivers[] = {"CSV", nullptr};
  auto* ds = static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds) {
    std::fprintf(stderr, "shiftline_gdal_csv_peer: GDAL CSV driver cannot open %s: %s\n", path.c_str(), CPLGetLastErrorMsg());
    return 1;
  }
  OGRLayer* layer = ds->GetLayer(0);
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  const int f_vehicle = defn->GetFieldIndex("vehicle_id");
  const int f_time = defn->GetFieldIndex("timestamp");
  const int f_lat = defn->GetFieldIndex("lat");
  const int f_lon = defn->GetFieldIndex("lon");
  if (f_vehicle < 0 || f_time < 0 || f_lat < 0 || f_lon < 0) {
    std::fprintf(stderr, "shiftline_gdal_csv_peer: %s lacks vehicle_id,timestamp,lat,lon\n", path.c_str());
    GDALClose(ds);
    return 1;
  }
  Columns c;
  std::size_t rows = 0;
  for (auto& feature : *layer) {
    if (rows++ == limit) break;
    const std::string_view vehicle = feature->GetFieldAsString(f_vehicle);
    const shiftline::CivilParse t = shiftline::parse_iso8601(feature->GetFieldAsString(f_time));
    double lat = 0.0;
    double lon = 0.0;
    if (vehicle.empty() || !t.ok() || !parse_double(feature->GetFieldAsString(f_lat), lat) ||
        !parse_double(feature->GetFieldAsString(f_lon), lon) ||
        shiftline::check(shiftline::RawLatLon{lat, lon}) != shiftline::CoordinateProblem::none) {
      ++c.rejected;
      continue;
    }
    c.time.push_back(shiftline::to_instant(t.time));
    c.lat_e7.push_back(shiftline::to_e7(lat));
    c.lon_e7.push_back(shiftline::to_e7(lon));
    c.vehicle.push_back(c.vehicles.intern(vehicle));
  }
  GDALClose(ds);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::size_t n = c.time.size();
  std::printf("pings=%zu seconds=%.3f pings_per_s=%.0f\n", n, seconds, static_cast<double>(n) / seconds);
  std::fprintf(stderr, "shiftline_gdal_csv_peer: GDAL %s, rejected=%zu vehicles=%zu\n", GDALVersionInfo("RELEASE_NAME"),
               c.rejected, c.vehicles.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  return run(argc, argv);
} catch (const std::exception& e) {
  std::fprintf(stderr, "shiftline_gdal_csv_peer: %s\n", e.what());
  return 1;
}
