// Inputs read through GDAL/OGR (issue 13, defects 4, 5, 8, 10, 21, 23): no input is modified, every
// file GDAL reads for an input is hashed and listed, invalid geometry is refused, spreadsheet cells
// that would read as something else are named, and every coordinate transformation is recorded.
//
// The case: car1 parks at 51.500 N 0.12 W from 08:00 to 08:20 UTC (2024-01-15), drives north for
// 40 min, and parks at 51.510 N 0.12 W from 09:00 to 09:20; PC1 is on duty in car1 07:00-17:00.
// Places are given per test; a place at either stop gets a visit (visits.csv).
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string hex_sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

std::string at(int minutes_after_8) {
  char buf[64];
  const int m = 8 * 60 + minutes_after_8;
  std::snprintf(buf, sizeof buf, "2024-01-15T%02d:%02d:00Z", m / 60, m % 60);
  return buf;
}

// Pings every minute: parked at 51.500 (08:00-08:20), driving 51.500 -> 51.530 -> 51.510
// (08:21-08:59, 1.3 km per minute), parked at 51.510 (09:00-09:20).
std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  char buf[128];
  const auto ping = [&](int m, double lat) {
    std::snprintf(buf, sizeof buf, "car1,%s,%.7f,-0.1200000\n", at(m).c_str(), lat);
    csv += buf;
  };
  for (int m = 0; m <= 20; ++m) ping(m, 51.500 + (m % 2 ? 0.000004 : 0.0));
  for (int m = 21; m < 60; ++m) {
    const double f = (m - 20) / 40.0;  // 0.03 up, 0.02 down: 0.05 in all
    const double d = 0.05 * f;
    ping(m, d <= 0.03 ? 51.500 + d : 51.530 - (d - 0.03));
  }
  for (int m = 60; m <= 80; ++m) ping(m, 51.510 + (m % 2 ? 0.000004 : 0.0));
  return csv;
}

const char* kShifts =
    "shift_id,officer_id,start,end,vehicle_id\n"
    "S1,PC1,2024-01-15T07:00:00Z,2024-01-15T17:00:00Z,car1\n";

class GdalInputs : public shiftline_test::Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    GDALAllRegister();
    write("pings.csv", make_pings());
    write("shifts.csv", kShifts);
  }
  std::string args(const std::string& places, const std::string& out, const std::string& extra = "") {
    return "analyse --pings " + path("pings.csv") + " --shifts " + path("shifts.csv") + " --places " + places +
           " --formats none --quiet " + extra + " --out " + path(out);
  }
  json manifest(const std::string& out) const { return json::parse(read(path(out + "/manifest.json"))); }
  static const json& input(const json& m, const std::string& role) {
    for (const json& i : m.at("inputs"))
      if (i.at("role") == role) return i;
    throw std::runtime_error("no input " + role);
  }
};

// ---------------------------------------------------------------------------------------------
// Defect 4: a GeoPackage with an un-checkpointed -wal.

// An attribute table `places` (place_id, label, kind, lat, lon) with P1 at the first stop.
void write_places_gpkg(const std::string& file) {
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  std::unique_ptr<GDALDataset> ds(gpkg->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->CreateLayer("places", nullptr, wkbNone, nullptr);
  ASSERT_TRUE(layer);
  for (const char* name : {"place_id", "label", "kind"}) {
    OGRFieldDefn f(name, OFTString);
    ASSERT_EQ(layer->CreateField(&f), OGRERR_NONE);
  }
  for (const char* name : {"lat", "lon"}) {
    OGRFieldDefn f(name, OFTReal);
    ASSERT_EQ(layer->CreateField(&f), OGRERR_NONE);
  }
  OGRFeature feature(layer->GetLayerDefn());
  feature.SetField("place_id", "P1");
  feature.SetField("label", "first stop");
  feature.SetField("kind", "base");
  feature.SetField("lat", 51.5);
  feature.SetField("lon", -0.12);
  ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
}

TEST_F(GdalInputs, Defect04_AGeoPackageWithAnUncheckpointedWalIsReadUnchangedAndHashed) {
  const std::string made = path("made.gpkg");
  write_places_gpkg(made);
  // P2 (the second stop) is committed in WAL mode; the files are copied while the connection is
  // still open, so the copy's -wal holds P2 and the copy's .gpkg does not.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(made.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO places (place_id, label, kind, lat, lon) VALUES ('P2', 'in the wal', 'address', 51.51, -0.12);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  fs::create_directories(path("case"));
  const std::string gpkg = path("case/places.gpkg");
  fs::copy_file(made, gpkg);
  fs::copy_file(made + "-wal", gpkg + "-wal");
  sqlite3_close(db);
  const std::string gpkg_bytes = read(gpkg);
  const std::string wal_bytes = read(gpkg + "-wal");
  ASSERT_GT(wal_bytes.size(), 32U);  // a WAL header and at least one frame
  ASSERT_EQ(gpkg_bytes.find("in the wal"), std::string::npos);

  ASSERT_EQ(run(args(gpkg, "out")), 0) << m_stderr;
  // Not modified, nothing added beside it (no -shm), the WAL not folded in or removed.
  EXPECT_EQ(read(gpkg), gpkg_bytes);
  ASSERT_TRUE(fs::exists(gpkg + "-wal"));
  EXPECT_EQ(read(gpkg + "-wal"), wal_bytes);
  EXPECT_FALSE(fs::exists(gpkg + "-shm"));
  EXPECT_EQ(std::distance(fs::directory_iterator(path("case")), fs::directory_iterator()), 2);
  // The WAL's row is used: both places read, and the second stop is a visit to P2.
  const json m = manifest("out");
  const json& places = input(m, "places");
  EXPECT_EQ(places.at("rows_read"), 2);
  EXPECT_NE(read(path("out/visits.csv")).find("P2"), std::string::npos);
  // Both files hashed (before and after) and listed.
  EXPECT_EQ(places.at("sha256_before"), hex_sha256(gpkg_bytes));
  EXPECT_EQ(places.at("sha256_after"), hex_sha256(gpkg_bytes));
  ASSERT_EQ(places.at("files").size(), 1U) << places.dump(2);
  const json& wal = places.at("files").at(0);
  EXPECT_EQ(wal.at("path"), gpkg + "-wal");
  EXPECT_EQ(wal.at("size_bytes"), wal_bytes.size());
  EXPECT_EQ(wal.at("sha256_before"), hex_sha256(wal_bytes));
  EXPECT_EQ(wal.at("sha256_after"), hex_sha256(wal_bytes));
}

// One place, P1 at (51.5, -0.12), as a point layer "places" in WGS84 written by `driver`.
void write_one_place(const char* driver, const std::string& file, char** layer_options) {
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
  ASSERT_TRUE(d) << driver;
  std::unique_ptr<GDALDataset> ds(d->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_TRUE(ds);
  OGRSpatialReference wgs84;
  ASSERT_EQ(wgs84.importFromEPSG(4326), OGRERR_NONE);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds->CreateLayer("places", &wgs84, wkbPoint, layer_options);
  ASSERT_TRUE(layer);
  OGRFieldDefn id("place_id", OFTString);
  ASSERT_EQ(layer->CreateField(&id), OGRERR_NONE);
  OGRFeature f(layer->GetLayerDefn());
  f.SetField("place_id", "P1");
  OGRPoint p(-0.12, 51.5);
  f.SetGeometry(&p);
  ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
}

// A shapefile is five files; each is hashed and listed beside the .shp.
TEST_F(GdalInputs, Defect04_EveryFileOfAShapefileIsHashedAndListed) {
  char** options = CSLSetNameValue(nullptr, "ENCODING", "UTF-8");  // writes the .cpg
  write_one_place("ESRI Shapefile", path("places.shp"), options);
  CSLDestroy(options);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_EQ(run(args(path("places.shp"), "out")), 0) << m_stderr;
  const json m = manifest("out");
  const json& files = input(m, "places").at("files");
  std::vector<std::string> listed;
  for (const json& f : files) {
    const std::string name = fs::path(f.at("path").get<std::string>()).filename().string();
    listed.push_back(name);
    EXPECT_EQ(f.at("sha256_before"), hex_sha256(read(path(name)))) << name;
    EXPECT_EQ(f.at("sha256_after"), f.at("sha256_before")) << name;
  }
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, (std::vector<std::string>{"places.cpg", "places.dbf", "places.prj", "places.shx"}));
}

// A GML input: GDAL writes its .xsd beside it and reads it back for the field types; without one
// it scans the file and (by default) writes a .gfs beside the input. The .xsd is hashed and
// listed; nothing is ever written beside an input.
TEST_F(GdalInputs, Defect04_AGmlInputsSchemaIsHashedAndNothingIsWrittenBesideIt) {
  const auto make_gml = [this](const std::string& name) { write_one_place("GML", path(name), nullptr); };
  fs::create_directories(path("with"));
  make_gml("with/places.gml");
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(fs::exists(path("with/places.xsd")));
  ASSERT_EQ(run(args(path("with/places.gml"), "out")), 0) << m_stderr;
  const json m = manifest("out");
  const json& files = input(m, "places").at("files");
  ASSERT_EQ(files.size(), 1U) << files.dump();
  EXPECT_EQ(fs::path(files[0].at("path").get<std::string>()).filename(), "places.xsd");
  EXPECT_EQ(files[0].at("sha256_before"), hex_sha256(read(path("with/places.xsd"))));

  // Without its schema: read by scanning, and no places.gfs appears beside it.
  fs::create_directories(path("bare"));
  make_gml("bare/places.gml");
  fs::remove(path("bare/places.xsd"));
  ASSERT_EQ(run(args(path("bare/places.gml"), "out2")), 0) << m_stderr;
  EXPECT_FALSE(fs::exists(path("bare/places.gfs"))) << "GDAL wrote beside an input";
  EXPECT_EQ(std::distance(fs::directory_iterator(path("bare")), fs::directory_iterator{}), 1);

  // Its schemaLocation naming a schema elsewhere on this machine: refused, naming it.
  fs::create_directories(path("other"));
  std::string text = read(path("with/places.gml"));
  const std::size_t at = text.find(" places.xsd");
  ASSERT_NE(at, std::string::npos) << text.substr(0, 400);
  text.replace(at, 11, " ../with/places.xsd");
  std::ofstream(path("other/places.gml"), std::ios::binary) << text;
  EXPECT_EQ(run(args(path("other/places.gml"), "out3")), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("names the local schema '../with/places.xsd'"), std::string::npos) << m_stderr;
}

// ---------------------------------------------------------------------------------------------
// Defect 5: a VRT input reads files the manifest never named.

const char* kPlacesCsv =
    "place_id,label,kind,lat,lon\n"
    "P1,first stop,base,51.5,-0.12\n"
    "P2,second stop,address,51.51,-0.12\n";

std::string vrt(const std::string& layer_body) {
  return "<OGRVRTDataSource><OGRVRTLayer name=\"places\">" + layer_body + "</OGRVRTLayer></OGRVRTDataSource>\n";
}

TEST_F(GdalInputs, Defect05_EveryFileAVrtReadsIsHashedAndListedOrTheVrtIsRefused) {
  const std::string csv = write("places.csv", kPlacesCsv);
  write("places.vrt", vrt("<SrcDataSource relativeToVRT=\"1\">places.csv</SrcDataSource><SrcLayer>places</SrcLayer>"));
  ASSERT_EQ(run(args(path("places.vrt"), "out")), 0) << m_stderr;
  const json m = manifest("out");
  const json& places = input(m, "places");
  EXPECT_EQ(places.at("driver"), "OGR_VRT");
  EXPECT_EQ(places.at("rows_read"), 2);
  ASSERT_EQ(places.at("files").size(), 1U) << places.dump(2);
  EXPECT_EQ(places.at("files").at(0).at("canonical_path"), fs::canonical(csv).string());
  EXPECT_EQ(places.at("files").at(0).at("sha256_before"), hex_sha256(kPlacesCsv));
  EXPECT_EQ(places.at("files").at(0).at("sha256_after"), hex_sha256(kPlacesCsv));
  // The run repeats while the source is the same; an edited source is a changed input (exit 6),
  // although the .vrt's own bytes are the same.
  EXPECT_EQ(run("reproduce " + path("out") + " --out " + path("again")), 0) << m_stderr;
  write("places.csv", std::string(kPlacesCsv) + "P3,edited later,address,51.52,-0.12\n");
  EXPECT_EQ(run("reproduce " + path("out") + " --out " + path("edited")), 6) << m_stderr;
  EXPECT_NE(m_stderr.find("places.csv has SHA-256"), std::string::npos) << m_stderr;
  write("places.csv", kPlacesCsv);

  // An SQL statement can read any file (here a join on elsewhere/secret.csv): refused, exit 3,
  // before anything is written.
  fs::create_directories(path("elsewhere"));
  write("elsewhere/secret.csv", "place_id,label\nP1,secret text\n");
  write("sql.vrt", vrt("<SrcDataSource relativeToVRT=\"1\">places.csv</SrcDataSource><SrcSQL>SELECT p.place_id, "
                       "s.label, p.kind, p.lat, p.lon FROM places p LEFT JOIN '" + path("elsewhere/secret.csv") +
                       "'.secret s ON p.place_id = s.place_id</SrcSQL>"));
  EXPECT_EQ(run(args(path("sql.vrt"), "sql")), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("SrcSQL"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("sql/visits.csv")));

  // A GDAL virtual path is not a file that can be hashed: refused.
  write("vsi.vrt", vrt("<SrcDataSource>/vsizip/" + path("places.zip") + "/places.csv</SrcDataSource>"));
  EXPECT_EQ(run(args(path("vsi.vrt"), "vsi")), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("/vsi"), std::string::npos) << m_stderr;
}

// ---------------------------------------------------------------------------------------------
// Defect 8: a self-intersecting polygon place.

// Bow-ties at the second stop (lon, lat). B1: edges A(-0.121 51.509)-B(-0.119 51.511) and
// C(-0.119 51.509)-D(-0.121 51.512) cross where A + 0.6 (B - A) = C + 0.4 (D - C), at lon
// -0.121 + 0.6 * 0.002 = -0.1198, lat 51.509 + 0.6 * 0.002 = 51.5102 (unequal halves). B2: the
// symmetric bow-tie, whose halves' areas cancel. OK: a valid square around the first stop.
const char* kBowTie = "POLYGON ((-0.121 51.509,-0.119 51.511,-0.119 51.509,-0.121 51.512,-0.121 51.509))";

TEST_F(GdalInputs, Defect08_ASelfIntersectingPolygonPlaceIsRejectedWithTheReason) {
  write("places.csv", std::string("place_id,kind,wkt\n") + "B1,address,\"" + kBowTie + "\"\n" +
                          "B2,address,\"POLYGON ((-0.121 51.509,-0.119 51.511,-0.119 51.509,-0.121 51.511,-0.121 51.509))\"\n"
                          "OK,base,\"POLYGON ((-0.121 51.499,-0.119 51.499,-0.119 51.501,-0.121 51.501,-0.121 51.499))\"\n");
  ASSERT_EQ(run(args(path("places.csv"), "csv")), 0) << m_stderr;
  const std::string rejected = read(path("csv/rejected.csv"));
  const auto row_of = [&rejected](int line) {
    const std::string start = "\nplaces.csv," + std::to_string(line) + ",";
    const auto at = rejected.find(start);
    return at == std::string::npos ? std::string() : rejected.substr(at + 1, rejected.find('\n', at + 1) - at - 1);
  };
  const std::string b1 = row_of(2);
  EXPECT_NE(b1.find(",2,wkt,invalid_geometry,"), std::string::npos) << rejected;
  EXPECT_NE(b1.find("self-intersection"), std::string::npos) << b1;
  EXPECT_NE(b1.find("(-0.1198, 51.5102)"), std::string::npos) << b1;  // the crossing, worked out above
  const std::string b2 = row_of(3);
  EXPECT_NE(b2.find(",3,wkt,invalid_geometry,"), std::string::npos) << rejected;
  EXPECT_NE(b2.find("(-0.12, 51.51)"), std::string::npos) << b2;  // where the two diagonals cross
  EXPECT_EQ(rejected.find("places.csv,4,"), std::string::npos) << rejected;
  EXPECT_EQ(input(manifest("csv"), "places").at("rows_rejected"), 2);

  // The same bow-tie as a GeoJSON feature (read by OGR): the same rule.
  write("places.geojson", std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)") +
                              R"({"place_id":"B1","kind":"address"},"geometry":{"type":"Polygon","coordinates":)" +
                              R"([[[-0.121,51.509],[-0.119,51.511],[-0.119,51.509],[-0.121,51.512],[-0.121,51.509]]]}},)" +
                              R"({"type":"Feature","properties":{"place_id":"OK","kind":"base"},"geometry":)" +
                              R"({"type":"Point","coordinates":[-0.12,51.5]}}]})");
  ASSERT_EQ(run(args(path("places.geojson"), "geojson")), 0) << m_stderr;
  const std::string from_ogr = read(path("geojson/rejected.csv"));
  EXPECT_NE(from_ogr.find("invalid_geometry"), std::string::npos) << from_ogr;
  EXPECT_NE(from_ogr.find("self-intersection"), std::string::npos) << from_ogr;
  EXPECT_EQ(read(path("geojson/visits.csv")).find("B1"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Defects 23 and 21: tables in different CRSs in one run, and every transformation recorded.
//
// Expected positions worked out with PROJ's cs2cs (EPSG:4326 -> EPSG:27700, which goes through
// the same "OSGB36 to WGS 84 (6)" Helmert fit, 2 m, as the run without the OSTN15 grid):
//   51.50 N 0.12 W -> E 530591.1664, N 179571.0654 (P1: the first stop)
//   51.51 N 0.12 W -> E 530562.6024, N 180683.0980; P2 is 30 grid metres east of it: E 530592.6024.
// Grid scale there is k = 0.9996012717 (1 + 130592^2 / (2 * 6.38e6^2)) = 0.99981, so 30 grid
// metres are 30 / k = 30.006 m on the ground. The second dwell's centre is 0.21 m north of
// 51.51 (11 pings at 51.510000, 10 at 51.510004) and grid east points 1.47 degrees south of true
// east there (convergence (lon - lon0) sin(lat) = 1.88 * 0.783), so P2 is 30.0 m east and
// 0.77 + 0.21 m south of the centre: sqrt(30.006^2 + 0.98^2) = 30.02 m. P1 is 0.21 m from the
// first dwell's centre.

// shape_distance_m of the visit to `place` in visits.csv, or -1.
double visit_distance(const std::string& visits, const std::string& place) {
  std::istringstream in(visits);
  std::string line;
  std::getline(in, line);
  const auto split = [](const std::string& l) {
    std::vector<std::string> cells(1);
    for (const char c : l) {
      if (c == ',') cells.emplace_back();
      else cells.back() += c;
    }
    return cells;
  };
  const auto header = split(line);
  const auto col = [&header](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  while (std::getline(in, line)) {
    const auto cells = split(line);
    if (cells.size() == header.size() && cells[col("place_id")] == place) return std::stod(cells[col("shape_distance_m")]);
  }
  return -1.0;
}

const char* kPlacesBng =
    "place_id,label,kind,x,y\n"
    "P1,first stop,base,530591.1664,179571.0654\n"
    "P2,east of the second stop,address,530592.6024,180683.0980\n";

TEST_F(GdalInputs, Defect23_PingsInLatLonAndPlacesInBritishNationalGridInOneRun) {
  const std::string places = write("places.csv", kPlacesBng);
  for (const std::string crs : {"--crs places=EPSG:27700", "--crs EPSG:27700"}) {
    const std::string out = crs == "--crs EPSG:27700" ? "all" : "one";
    ASSERT_EQ(run(args(places, out, crs)), 0) << crs << "\n" << m_stderr;
    const std::string visits = read(path(out + "/visits.csv"));
    EXPECT_NEAR(visit_distance(visits, "P1"), 0.21, 0.05) << visits;
    EXPECT_NEAR(visit_distance(visits, "P2"), 30.02, 0.05) << visits;
    const json m = manifest(out);
    EXPECT_TRUE(input(m, "pings").at("transform").is_null());
    EXPECT_EQ(input(m, "pings").at("crs"), "EPSG:4326");
    EXPECT_EQ(input(m, "places").at("transform").at("source_crs"), "EPSG:27700");
    EXPECT_EQ(m.at("parameters").at("crs").at("value"),
              out == "one" ? "EPSG:4326 (lat,lon);places=EPSG:27700" : "EPSG:27700");
  }
  // Only tables with positions have a CRS; one CRS per table.
  EXPECT_EQ(run(args(places, "bad", "--crs shifts=EPSG:27700")), 2);
  EXPECT_NE(m_stderr.find("shifts has no positions"), std::string::npos) << m_stderr;
  EXPECT_EQ(run(args(places, "twice", "--crs places=EPSG:27700 --crs places=EPSG:3857")), 2);
  // x,y with no CRS for that table: the message names the per-table form.
  EXPECT_EQ(run(args(places, "none", "--crs pings=EPSG:27700")), 2);
  EXPECT_NE(m_stderr.find("--crs places=EPSG:27700"), std::string::npos) << m_stderr;
}

TEST_F(GdalInputs, Defect21_ALayerInAnotherCrsRecordsItsTransformation) {
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  {
    std::unique_ptr<GDALDataset> ds(gpkg->Create(path("places.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(ds);
    OGRSpatialReference bng;
    ASSERT_EQ(bng.importFromEPSG(27700), OGRERR_NONE);
    OGRLayer* layer = ds->CreateLayer("places", &bng, wkbPoint, nullptr);
    ASSERT_TRUE(layer);
    OGRFieldDefn id("place_id", OFTString);
    ASSERT_EQ(layer->CreateField(&id), OGRERR_NONE);
    const auto add = [&](const char* place, double e, double n) {
      OGRFeature f(layer->GetLayerDefn());
      f.SetField("place_id", place);
      OGRPoint p(e, n);
      f.SetGeometry(&p);
      ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    };
    add("P1", 530591.1664, 179571.0654);
    add("P2", 530592.6024, 180683.0980);
  }
  ASSERT_EQ(run(args(path("places.gpkg"), "out")), 0) << m_stderr;
  const std::string visits = read(path("out/visits.csv"));
  EXPECT_NEAR(visit_distance(visits, "P1"), 0.21, 0.05) << visits;
  EXPECT_NEAR(visit_distance(visits, "P2"), 30.02, 0.05) << visits;
  const json m = manifest("out");
  const json& t = input(m, "places").at("transform");
  ASSERT_TRUE(t.is_object()) << input(m, "places").dump(2);
  EXPECT_EQ(t.at("source_crs"), "EPSG:27700");
  EXPECT_EQ(t.at("target_crs"), "EPSG:4326");
  EXPECT_NE(t.at("operation").get<std::string>().find("OSGB36 to WGS 84"), std::string::npos) << t.dump(2);
  EXPECT_TRUE(t.at("accuracy_m").is_number() || t.at("accuracy_m") == "unknown") << t.dump(2);
  EXPECT_NE(t.at("proj_definition").get<std::string>().find("+proj=tmerc"), std::string::npos) << t.dump(2);
  EXPECT_TRUE(input(m, "pings").at("transform").is_null());
}

// ---------------------------------------------------------------------------------------------
// Defect 10: XLSX cells that GDAL reads as empty although the spreadsheet shows a value.

// shifts.xlsx written by GDAL's XLSX driver: S1 (PC1, car1, 07:00-12:00), S2 (PC2, car1, 12:00-17:00);
// sheet "shifts", header in row 1, so S2's vehicle_id is cell E3.
void write_shifts_xlsx(const std::string& file) {
  GDALDriver* xlsx = GetGDALDriverManager()->GetDriverByName("XLSX");
  std::unique_ptr<GDALDataset> ds(xlsx->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->CreateLayer("shifts", nullptr, wkbNone, nullptr);
  ASSERT_TRUE(layer);
  const char* names[] = {"shift_id", "officer_id", "start", "end", "vehicle_id"};
  for (const char* name : names) {
    OGRFieldDefn f(name, OFTString);
    ASSERT_EQ(layer->CreateField(&f), OGRERR_NONE);
  }
  const char* rows[2][5] = {{"S1", "PC1", "2024-01-15T07:00:00Z", "2024-01-15T12:00:00Z", "car1"},
                            {"S2", "PC2", "2024-01-15T12:00:00Z", "2024-01-15T17:00:00Z", "car1"}};
  for (const auto& row : rows) {
    OGRFeature f(layer->GetLayerDefn());
    for (int i = 0; i < 5; ++i) f.SetField(names[i], row[i]);
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
}

std::string zip_member(const std::string& zip, const std::string& member) {
  VSILFILE* f = VSIFOpenL(("/vsizip/" + zip + "/" + member).c_str(), "rb");
  std::string text;
  if (!f) return text;
  char buf[4096];
  for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  VSIFCloseL(f);
  return text;
}

// A copy of the XLSX package `from` as `to`, with xl/worksheets/sheet1.xml replaced by `sheet`.
void repack_xlsx(const std::string& from, const std::string& to, const std::string& sheet) {
  char** members = VSIReadDirRecursive(("/vsizip/" + from).c_str());
  ASSERT_TRUE(members);
  for (int i = 0; members[i]; ++i) {
    const std::string member = members[i];
    if (member.empty() || member.back() == '/') continue;
    const std::string text = member == "xl/worksheets/sheet1.xml" ? sheet : zip_member(from, member);
    if (text.empty()) continue;  // a folder entry
    VSILFILE* out = VSIFOpenL(("/vsizip/" + to + "/" + member).c_str(), "wb");
    ASSERT_TRUE(out) << member;
    ASSERT_EQ(VSIFWriteL(text.data(), 1, text.size(), out), text.size());
    VSIFCloseL(out);
  }
  CSLDestroy(members);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(GdalInputs, Defect10_MergedCellsAndFormulasWithoutAResultAreRefusedNamingTheCell) {
  const std::string made = path("made.xlsx");
  write_shifts_xlsx(made);
  const std::string sheet = zip_member(made, "xl/worksheets/sheet1.xml");
  const std::string e3 = "<c r=\"E3\" t=\"s\">\n<v>9</v>\n</c>";  // "car1", shared string 9
  ASSERT_NE(sheet.find(e3), std::string::npos) << sheet;
  write("places.csv", kPlacesCsv);
  const auto analyse = [&](const std::string& shifts, const std::string& out) {
    return run("analyse --pings " + path("pings.csv") + " --shifts " + shifts + " --places " + path("places.csv") +
               " --formats none --quiet --out " + path(out));
  };
  ASSERT_EQ(analyse(made, "as_made"), 0) << m_stderr;  // the file as GDAL wrote it is read

  // E2:E3 merged, as a spreadsheet saves it: E3 empty. GDAL would give S2 no vehicle.
  repack_xlsx(made, path("merged.xlsx"),
              replaced(replaced(sheet, e3, "<c r=\"E3\"/>"), "</sheetData>",
                       "</sheetData>\n<mergeCells count=\"1\"><mergeCell ref=\"E2:E3\"/></mergeCells>"));
  EXPECT_EQ(analyse(path("merged.xlsx"), "merged"), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("sheet 'shifts'"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("E2:E3 are merged"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("E3, row 3, column E"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("merged/shifts.csv")));

  // E3 = E2 as a formula saved without its result (as files written by non-calculating tools are).
  repack_xlsx(made, path("formula.xlsx"), replaced(sheet, e3, "<c r=\"E3\"><f>E2</f></c>"));
  EXPECT_EQ(analyse(path("formula.xlsx"), "formula"), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("sheet 'shifts': cell E3 (row 3, column E) holds a formula"), std::string::npos) << m_stderr;

  // With its result saved, a formula is read like any value.
  repack_xlsx(made, path("calculated.xlsx"), replaced(sheet, e3, "<c r=\"E3\" t=\"s\"><f>E2</f><v>9</v></c>"));
  EXPECT_EQ(analyse(path("calculated.xlsx"), "calculated"), 0) << m_stderr;
}

}  // namespace
