// Runs the real `shiftline` binary on small inputs written here, and checks exit codes and the
// exact bytes it writes. Expected values are worked out by hand in the comments.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli_fixture.hpp"
#include "shiftline/core/sha256.hpp"

namespace {

namespace fs = std::filesystem;

using shiftline_test::Cli;

// A parked car, a drive, and bad rows of each kind. Positions: P = (51.50000, -0.12000); the car
// parks there 08:00-08:10 (pings every minute, GPS scatter within a few metres), drives north
// about 1.1 km by 08:14 and parks again 08:15-08:20.
const char* kPings =
    "vehicle_id,timestamp,lat,lon,extra\n"
    "car1,2024-01-15T08:00:00Z,51.5000000,-0.1200000,x\n"   // line 2
    "car1,2024-01-15T08:01:00Z,51.5000100,-0.1200100,x\n"
    "car1,2024-01-15T08:02:00Z,51.5000000,-0.1200200,x\n"
    "car1,2024-01-15T08:03:00Z,51.4999900,-0.1200000,x\n"   // line 5
    "car1,2024-01-15T08:03:00Z,51.4999900,-0.1200000,x\n"   // 6: exact duplicate of 5
    "car1,2024-01-15T08:04:00Z,51.5000000,-0.1200000,x\n"
    "car1,2024-01-15T08:05:00Z,52.5000000,-0.1200000,x\n"   // 8: spike 111 km away and back
    "car1,2024-01-15T08:06:00Z,51.5000000,-0.1200100,x\n"
    "car1,2024-01-15T08:07:00Z,0,0,x\n"                      // 10: null island
    "car1,2024-01-15T08:08:00Z,91.0,-0.12,x\n"               // 11: latitude out of range
    "car1,2024-01-15 08:09:00,51.5,-0.12,x\n"                // 12: naive time, no --tz
    "car1,not-a-time,51.5,-0.12,x\n"                         // 13: unparseable time
    "car1,2024-01-15T08:10:00Z,51.5000000,-0.1200000,x\n"   // 14: last ping of the first dwell
    "car1,2024-01-15T08:12:00Z,51.5050000,-0.1200000,x\n"   // 15: driving
    "car1,2024-01-15T08:14:00Z,51.5100000,-0.1200000,x\n"
    "car1,2024-01-15T08:15:00Z,51.5100000,-0.1200000,x\n"
    "car1,2024-01-15T08:20:00Z,51.5100100,-0.1200000,x\n"   // 18
    "car2,2024-01-15T08:00:00Z,51.6000000,-0.1000000,x\n"   // 19
    "car2,2024-01-15T08:00:00Z,51.6001000,-0.1000000,x\n"   // 20: conflicting with 19
    "car2,2024-01-15T09:00:00Z,51.6500000,-0.1000000,x\n"   // 21: after a 60 min gap, moved
    "car2,2024-01-15T09:01:00Z,51.6500000,-0.1000000,x\n";  // 22

TEST_F(Cli, DwellsWritesTheExpectedTables) {
  const std::string pings = write("pings.csv", kPings);
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("out")), 0) << m_stderr;
  // car1: 08:00-08:10 at P (10 pings after cleaning: lines 2,3,4,5,7,9,14 = 7 pings), and
  // 08:14-08:20 (lines 16,17,18: 3 pings, the 08:15->08:20 silence is 5 min, not longer, so no gap).
  const std::string dwells = read(path("out/dwells.csv"));
  std::istringstream lines(dwells);
  std::string header, d1, d2, extra;
  std::getline(lines, header);
  std::getline(lines, d1);
  std::getline(lines, d2);
  EXPECT_FALSE(std::getline(lines, extra)) << dwells;
  EXPECT_EQ(header, "dwell_id,vehicle_id,start,end,start_local,end_local,duration_s,lat,lon,radius_m,n_pings,"
                    "bridged_gap_s,source_rows");
  // Mean of the 7 pings kept (lines 2,3,4,5,7,9,14): latitude offsets +1,-1 (1e-5) cancel;
  // longitude offsets 0,-1,-2,0,0,-1,0 (1e-5) average -0.571e-5 -> -0.1200057.
  EXPECT_EQ(d1.substr(0, 122),
            "car1#1,car1,2024-01-15T08:00:00Z,2024-01-15T08:10:00Z,2024-01-15T08:00:00Z,2024-01-15T08:10:00Z,600,"
            "51.5000000,-0.1200057,");
  EXPECT_NE(d1.find(",7,0,pings.csv:2-14"), std::string::npos) << d1;
  EXPECT_EQ(d2.substr(0, 66), "car1#2,car1,2024-01-15T08:14:00Z,2024-01-15T08:20:00Z,2024-01-15T0");
  EXPECT_NE(d2.find(",360,"), std::string::npos) << d2;
  EXPECT_NE(d2.find(",3,0,pings.csv:16-18"), std::string::npos) << d2;

  // car2: the 08:00 pair conflicts and is dropped; 09:00-09:01 remains: no gap (one segment),
  // 60 s < 120 s: no dwell.
  const std::string rejected = read(path("out/rejected.csv"));
  EXPECT_EQ(rejected.substr(0, rejected.find('\n')), "file,line,field,reason,detail");
  for (const char* expected : {"pings.csv,6,,duplicate,", "pings.csv,8,,speed_spike,", "pings.csv,10,lat,lon,null_island",
                               "pings.csv,11,\"lat,lon\",coordinate_out_of_range", "pings.csv,12,timestamp,naive_time_without_zone",
                               "pings.csv,13,timestamp,unparseable_field", "pings.csv,19,,conflicting_duplicate",
                               "pings.csv,20,,conflicting_duplicate"}) {
    if (std::string(expected).find("null_island") != std::string::npos) {
      EXPECT_NE(rejected.find("pings.csv,10,\"lat,lon\",null_island"), std::string::npos) << rejected;
      continue;
    }
    EXPECT_NE(rejected.find(expected), std::string::npos) << expected << "\n" << rejected;
  }
  EXPECT_EQ(std::count(rejected.begin(), rejected.end(), '\n'), 9) << rejected;  // header + 8

  const std::string gaps = read(path("out/gaps.csv"));
  EXPECT_EQ(std::count(gaps.begin(), gaps.end(), '\n'), 1) << gaps;  // header only

  const std::string manifest = read(path("out/manifest.json"));
  EXPECT_NE(manifest.find("\"columns_ignored\": [\n        \"extra\"\n      ]"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"sha256_before\": \"" + shiftline::sha256_file(pings) + "\""), std::string::npos);
  EXPECT_NE(m_stderr.find("rejected 8"), std::string::npos) << m_stderr;
}

TEST_F(Cli, GapAcrossMovementIsReportedWithDistance) {
  // 60 min silence; 0.05 degrees of latitude north at 51.6 N: `geod +ellps=WGS84 -I` gives 5563.0085 m.
  const std::string pings = write("p.csv",
                                  "vehicle_id,timestamp,lat,lon\n"
                                  "v,2024-01-15T08:00:00Z,51.6,-0.1\n"
                                  "v,2024-01-15T09:00:00Z,51.65,-0.1\n");
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("out") + " --tz Europe/London"), 0) << m_stderr;
  const std::string gaps = read(path("out/gaps.csv"));
  EXPECT_NE(gaps.find("\nv,2024-01-15T08:00:00Z,2024-01-15T09:00:00Z,3600,51.6000000,-0.1000000,51.6500000,-0.1000000,"
                      "5563.01,"),
            std::string::npos)
      << gaps;
  EXPECT_NE(gaps.find("2024-01-15T08:00:00+00:00,2024-01-15T09:00:00+00:00,p.csv:2,p.csv:3,\n"), std::string::npos)
      << gaps;
}

TEST_F(Cli, ExitCodes) {
  const std::string pings = write("p.csv", "vehicle_id,timestamp,lat,lon\nv,2024-01-15T08:00:00Z,51.6,-0.1\n");
  EXPECT_EQ(run(""), 2);
  EXPECT_EQ(run("dwells --pings " + pings), 2) << "missing --out";
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --gap 5parsecs"), 2);
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --tz Mars/Olympus"), 2);
  const std::string no_time = write("bad.csv", "vehicle_id,when,lat,lon\nv,2024-01-15T08:00:00Z,51.6,-0.1\n");
  EXPECT_EQ(run("dwells --pings " + no_time + " --out " + path("o2")), 3);
  EXPECT_NE(m_stderr.find("bad.csv:1: timestamp: pings table: no column for timestamp ('timestamp', 'time', "),
            std::string::npos)
      << m_stderr;
  EXPECT_EQ(run("dwells --pings " + no_time + " --map pings.timestamp=when --out " + path("o3")), 0) << m_stderr;
  // Existing output folder: refused without --force, accepted with it.
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("o3")), 5);
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("o3") + " --force"), 0) << m_stderr;
  // The output folder may not be the input itself.
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + pings + " --force"), 5);
}

TEST_F(Cli, MaxRejected) {
  const std::string pings = write("p.csv",
                                  "vehicle_id,timestamp,lat,lon\n"
                                  "v,2024-01-15T08:00:00Z,51.6,-0.1\n"
                                  "v,bad,51.6,-0.1\n"
                                  "v,2024-01-15T08:02:00Z,51.6,-0.1\n"
                                  "v,2024-01-15T08:03:00Z,51.6,-0.1\n");
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("a") + " --max-rejected 1"), 0) << m_stderr;
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("b") + " --max-rejected 0"), 3);
  EXPECT_NE(m_stderr.find("1 of 4 rows rejected"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("p.csv:3"), std::string::npos) << m_stderr;  // the example row
  EXPECT_FALSE(fs::exists(path("b")));  // the run stops before anything is written (issue 13)
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("c") + " --max-rejected 25%"), 0);
  EXPECT_EQ(run("dwells --pings " + pings + " --out " + path("d") + " --max-rejected 24.9%"), 3);
}

// Everything but the manifest's "run" section must be identical across runs, thread counts, time
// zone and locale of the process.
std::string without_run_section(const std::string& manifest) {
  const auto at = manifest.find("\n  \"run\": {");
  const auto end = manifest.find("\n  }", at + 1);
  return manifest.substr(0, at) + manifest.substr(end + 4);
}

std::string without_argv(const std::string& manifest) {
  const auto at = manifest.find("\"argv\": [");
  const auto end = manifest.find(']', at);
  return manifest.substr(0, at) + manifest.substr(end + 1);
}

TEST_F(Cli, DeterministicAcrossRunsThreadsZoneAndLocale) {
  std::string text = "vehicle_id,timestamp,lat,lon\n";
  // 12 vehicles, each parked 10 min then moving 600 m per minute for 10 min, then parked again.
  for (int v = 0; v < 12; ++v) {
    for (int m = 0; m < 30; ++m) {
      const double lat = 51.5 + 0.01 * v + (m < 10 ? 0.0 : m < 20 ? (m - 10) * 0.0054 : 0.054);
      char row[128];
      const int minute = 45 + m;  // 00:45 .. 01:14 UTC
      std::snprintf(row, sizeof row, "veh%02d,2024-03-31T%02d:%02d:00Z,%.7f,-0.1\n", v, minute / 60, minute % 60, lat);
      text += row;
    }
  }
  const std::string pings = write("fleet.csv", text);
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("r1") + " --threads 1 --tz Europe/London"), 0) << m_stderr;
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("r2") + " --threads 2 --tz Europe/London",
                "TZ=America/New_York LC_ALL=C.UTF-8"),
            0)
      << m_stderr;
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("r3") + " --threads 1 --tz Europe/London"), 0);
  for (const char* file : {"dwells.csv", "gaps.csv", "rejected.csv", "warnings.csv"}) {
    EXPECT_EQ(read(path(std::string("r1/") + file)), read(path(std::string("r2/") + file))) << file;
    EXPECT_EQ(read(path(std::string("r1/") + file)), read(path(std::string("r3/") + file))) << file;
  }
  EXPECT_EQ(without_argv(without_run_section(read(path("r1/manifest.json")))),
            without_argv(without_run_section(read(path("r3/manifest.json")))));
  // Dwells straddle the clock change (01:00 UTC on 2024-03-31): local times show both offsets.
  const std::string dwells = read(path("r1/dwells.csv"));
  // Each vehicle: parked 00:45-00:55 UTC (00:45+00:00 local), then from 01:05 UTC = 02:05 BST.
  EXPECT_NE(dwells.find("veh00#1,veh00,2024-03-31T00:45:00Z,2024-03-31T00:55:00Z,2024-03-31T00:45:00+00:00,"
                        "2024-03-31T00:55:00+00:00,600,"),
            std::string::npos)
      << dwells;
  EXPECT_NE(dwells.find("veh00#2,veh00,2024-03-31T01:05:00Z,2024-03-31T01:14:00Z,2024-03-31T02:05:00+01:00,"
                        "2024-03-31T02:14:00+01:00,540,"),
            std::string::npos)
      << dwells;
}

TEST_F(Cli, ShuffledInputGivesTheSameDwellsAndGaps) {
  std::string rows[] = {
      "a,2024-01-15T08:00:00Z,51.5000000,-0.1200000\n", "a,2024-01-15T08:01:00Z,51.5000100,-0.1200000\n",
      "a,2024-01-15T08:02:00Z,51.5000000,-0.1200100\n", "a,2024-01-15T08:03:00Z,51.5000000,-0.1200000\n",
      "b,2024-01-15T08:00:00Z,51.6000000,-0.1200000\n", "b,2024-01-15T08:20:00Z,51.6100000,-0.1200000\n",
      "b,2024-01-15T08:21:00Z,51.6100000,-0.1200000\n", "b,2024-01-15T08:24:00Z,51.6100100,-0.1200000\n",
  };
  std::string forward = "vehicle_id,timestamp,lat,lon\n";
  std::string backward = forward;
  for (const auto& r : rows) forward += r;
  for (int i = 7; i >= 0; --i) backward += rows[i];
  ASSERT_EQ(run("dwells --pings " + write("f.csv", forward) + " --out " + path("f")), 0);
  ASSERT_EQ(run("dwells --pings " + write("f2.csv", backward) + " --out " + path("b")), 0);
  // Only the cited source rows (file name and line numbers) may differ: mask the last column.
  const auto mask = [](std::string csv, char sep_count_from_end) {
    (void)sep_count_from_end;
    std::string out;
    std::istringstream in(csv);
    std::string line;
    while (std::getline(in, line)) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
  };
  const std::string df = read(path("f/dwells.csv"));
  EXPECT_EQ(mask(df, 1), mask(read(path("b/dwells.csv")), 1));
  EXPECT_EQ(std::count(df.begin(), df.end(), '\n'), 3) << df;  // a 08:00-08:03, b 08:20-08:24
  const auto gap_core = [](const std::string& csv) {
    std::string out;
    std::istringstream in(csv);
    std::string line;
    while (std::getline(in, line)) {
      std::size_t cut = line.size();
      for (int k = 0; k < 3; ++k) cut = line.rfind(',', cut - 1);  // drop from_row,to_row,bridged
      out += line.substr(0, cut) + "\n";
    }
    return out;
  };
  EXPECT_EQ(gap_core(read(path("f/gaps.csv"))), gap_core(read(path("b/gaps.csv"))));
}

TEST_F(Cli, InputsAreNotModified) {
  const std::string pings = write("p.csv", kPings);
  fs::permissions(pings, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const auto before = fs::last_write_time(pings);
  const std::string hash = shiftline::sha256_file(pings);
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o")), 0) << m_stderr;
  EXPECT_EQ(fs::last_write_time(pings), before);
  EXPECT_EQ(shiftline::sha256_file(pings), hash);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(m_dir)) ++files;
  EXPECT_EQ(files, 4U);  // p.csv, o/, stdout, stderr: no sidecar files
}

TEST_F(Cli, WhereInterpolatesBetweenPings) {
  // 08:00 at 51.60 N, 08:02 at 51.62 N: at 08:01:30 three quarters of the way, 51.615 N.
  const std::string pings = write("p.csv",
                                  "vehicle_id,timestamp,lat,lon\n"
                                  "v,2024-01-15T08:00:00Z,51.60,-0.1\n"
                                  "v,2024-01-15T08:02:00Z,51.62,-0.1\n"
                                  "v,2024-01-15T09:00:00Z,51.62,-0.1\n");
  ASSERT_EQ(run("where --pings " + pings + " --vehicle v --at 2024-01-15T08:01:30Z"), 0) << m_stderr;
  EXPECT_NE(m_stdout.find("v,2024-01-15T08:01:30Z,2024-01-15T08:01:30Z,interpolated,51.6150000,-0.1000000,false,"
                          "2024-01-15T08:00:00Z,p.csv:2,"),
            std::string::npos)
      << m_stdout;
  // Inside the 58 min silence: in a gap. Local time in London in June is +01:00.
  ASSERT_EQ(run("where --pings " + pings + " --vehicle v --at '2024-01-15 08:30' --tz Europe/London"), 0) << m_stderr;
  EXPECT_NE(m_stdout.find(",in_gap,51.6200000,-0.1000000,true,"), std::string::npos) << m_stdout;
  EXPECT_EQ(run("where --pings " + pings + " --vehicle nobody --at 2024-01-15T08:01:30Z"), 3);
}

// The same pings through GDAL in each vector format it writes (converted here with ogr2ogr) give
// the same dwells as the native CSV reader; only the cited rows differ (FIDs, not lines).
TEST_F(Cli, EveryVectorFormatGivesTheSameDwells) {
  if (std::system("command -v ogr2ogr >/dev/null 2>&1") != 0) GTEST_SKIP() << "ogr2ogr (gdal-bin) not installed";
  const std::string csv = write("pings.csv",
                                "vehicle_id,timestamp,lat,lon\n"
                                "car1,2024-01-15T08:00:00Z,51.5000000,-0.1200000\n"
                                "car1,2024-01-15T08:01:00Z,51.5000100,-0.1200100\n"
                                "car1,2024-01-15T08:03:00Z,51.5000000,-0.1200000\n"
                                "car1,2024-01-15T08:05:00Z,51.5100000,-0.1200000\n"
                                "car2,2024-01-15T09:00:00Z,52.6309000,-1.1398000\n"
                                "car2,2024-01-15T09:04:00Z,52.6309100,-1.1398000\n");
  ASSERT_EQ(run("dwells --pings " + csv + " --out " + path("ref")), 0) << m_stderr;
  const auto strip_rows = [](const std::string& text) {
    std::string out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
  };
  const std::string expected = strip_rows(read(path("ref/dwells.csv")));
  ASSERT_EQ(std::count(expected.begin(), expected.end(), '\n'), 3) << expected;  // header + 2 dwells
  const char* formats[][2] = {{"GPKG", "gpkg"}, {"GeoJSON", "geojson"}, {"XLSX", "xlsx"}, {"FlatGeobuf", "fgb"},
                              {"ESRI Shapefile", "shp"}, {"ODS", "ods"}, {"SQLite", "sqlite"}};
  for (const auto& [driver, ext] : formats) {
    const std::string target = path(std::string("pings.") + ext);
    const std::string convert = std::string("ogr2ogr -f '") + driver + "' " + target + " " + csv +
                                " -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326 -nln pings"
                                " >/dev/null 2>&1";
    ASSERT_EQ(std::system(convert.c_str()), 0) << convert;
    const std::string hash = shiftline::sha256_file(target);
    const std::string out = path(std::string("out_") + ext);
    ASSERT_EQ(run("dwells --pings " + target + " --out " + out), 0) << driver << ": " << m_stderr;
    EXPECT_EQ(strip_rows(read(out + "/dwells.csv")), expected) << driver;
    EXPECT_EQ(shiftline::sha256_file(target), hash) << driver << " input modified";
    const std::string manifest = read(out + "/manifest.json");
    EXPECT_NE(manifest.find(std::string("\"driver\": \"") + driver + "\""), std::string::npos) << manifest;
  }
  // Positions from the point geometry alone (no lat/lon attributes), including KML.
  const char* geometry_formats[][2] = {{"GPKG", "gpkg"}, {"KML", "kml"}, {"GeoJSON", "geojson"}};
  for (const auto& [driver, ext] : geometry_formats) {
    const std::string target = path(std::string("geom.") + ext);
    const std::string convert = std::string("ogr2ogr -f '") + driver + "' " + target + " " + csv +
                                " -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326 -nln pings"
                                " -select vehicle_id,timestamp >/dev/null 2>&1";
    ASSERT_EQ(std::system(convert.c_str()), 0) << convert;
    const std::string out = path(std::string("geom_") + ext);
    ASSERT_EQ(run("dwells --pings " + target + " --out " + out), 0) << driver << ": " << m_stderr;
    EXPECT_EQ(strip_rows(read(out + "/dwells.csv")), expected) << driver;
    EXPECT_NE(read(out + "/manifest.json").find("\"lat\": \"(point geometry)\""), std::string::npos) << driver;
  }
}

// The spring-night case: every finding data/spring-night/README.md lists.
TEST_F(Cli, BundledCase) {
  const std::string data = std::string(SHIFTLINE_SOURCE_DIR) + "/data/spring-night";
  ASSERT_EQ(run("dwells --pings " + data + "/pings.csv --tz Europe/London --out " + path("out")), 0) << m_stderr;
  const std::string dwells = read(path("out/dwells.csv"));
  EXPECT_EQ(std::count(dwells.begin(), dwells.end(), '\n'), 97) << "header + 96 dwells";
  // Every planted stop, with its first and last ping.
  std::istringstream planted(read(data + "/planted_dwells.csv"));
  std::string line;
  std::getline(planted, line);
  int count = 0;
  while (std::getline(planted, line)) {
    std::istringstream fields(line);
    std::string vehicle, start, end;
    std::getline(fields, vehicle, ',');
    std::getline(fields, start, ',');
    std::getline(fields, end, ',');
    EXPECT_NE(dwells.find("," + vehicle + "," + start + "," + end + ","), std::string::npos) << line;
    ++count;
  }
  EXPECT_EQ(count, 93);
  EXPECT_NE(dwells.find("PX99#1,PX99,2024-03-30T21:00:00Z,2024-03-31T02:40:00Z,2024-03-30T21:00:00+00:00,"
                        "2024-03-31T03:40:00+01:00,20400,"),
            std::string::npos);
  EXPECT_NE(dwells.find(",9,19200,pings.csv:"), std::string::npos);
  EXPECT_NE(dwells.find("PX98#1,PX98,2024-03-30T22:00:00Z,2024-03-30T22:07:00Z,"), std::string::npos);
  EXPECT_NE(dwells.find("PX98#2,PX98,2024-03-30T23:02:00Z,2024-03-30T23:13:00Z,"), std::string::npos);
  EXPECT_EQ(dwells.find("PX98#3"), std::string::npos);

  const std::string gaps = read(path("out/gaps.csv"));
  EXPECT_EQ(std::count(gaps.begin(), gaps.end(), '\n'), 8) << gaps;  // header + 7
  EXPECT_NE(gaps.find("PX98,2024-03-30T22:07:00Z,2024-03-30T23:02:00Z,3300,52.6200000,-1.1200000,52.6380000,"
                      "-1.1200000,2003.03,"),
            std::string::npos)
      << gaps;
  EXPECT_NE(gaps.find("PX99,2024-03-30T21:10:00Z,2024-03-31T02:30:00Z,19200,"), std::string::npos) << gaps;
  EXPECT_NE(gaps.find(",PX99#1\n"), std::string::npos) << gaps;

  // A detail that starts with ' gets a leading ' (the reversible formula guard, docs/outputs.md).
  EXPECT_EQ(read(path("out/rejected.csv")),
            "file,line,field,reason,detail\n"
            "pings.csv,12016,,duplicate,\"same vehicle, time and position as pings.csv:12015\"\n"
            "pings.csv,12018,,speed_spike,jumps away at 6677 km/h and back at 6677 km/h (limit 250 km/h)\n"
            "pings.csv,12020,,conflicting_duplicate,2 rows of this vehicle at 2024-03-30T23:00:00Z give different "
            "positions; none is used\n"
            "pings.csv,12021,,conflicting_duplicate,2 rows of this vehicle at 2024-03-30T23:00:00Z give different "
            "positions; none is used\n"
            "pings.csv,12025,\"lat,lon\",null_island,\"position is exactly (0, 0), which receivers report without a "
            "fix\"\n"
            "pings.csv,12026,\"lat,lon\",coordinate_out_of_range,\"(95.0, -1.12) is not a WGS84 latitude/longitude\"\n"
            "pings.csv,12028,timestamp,nonexistent_local_time,''2024-03-31 01:30:00' does not exist in Europe/London "
            "(clocks went forward)\n"
            "pings.csv,12029,timestamp,ambiguous_date,\"''31/03/2024 01:45' is not an ISO 8601 date (day-first or "
            "month-first?); give --date-order dmy, mdy or ymd\"\n"
            "pings.csv,12030,vehicle_id,missing_field,empty vehicle id\n");
}


// The progress line is for terminals only: a log file or pipe never receives control characters.
TEST_F(Cli, NoProgressLineWhenStderrIsNotATerminal) {
  const std::string pings =
      write("p.csv", "vehicle_id,timestamp,lat,lon\nA,2024-03-05T10:00:00Z,51.5,-0.12\nA,2024-03-05T10:01:00Z,51.5,-0.12\n");
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("out"), "TERM=xterm"), 0) << m_stderr;
  EXPECT_EQ(m_stderr.find('\r'), std::string::npos) << m_stderr;
  EXPECT_EQ(m_stderr.find('\033'), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("shiftline: read 2 rows"), std::string::npos) << m_stderr;
}

}  // namespace
