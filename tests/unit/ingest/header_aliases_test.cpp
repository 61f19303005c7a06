// Header names as real exports spell them (issue 14, "Reading real exports"): matched trimmed and
// ignoring ASCII case, with documented aliases per field; two columns naming one field are an
// error naming both; a table missing several fields names all of them in one message, lists the
// columns found and suggests the closest as a --map to paste.
//
// Expected values are read off docs/input-formats.md's alias tables and worked out by hand: the
// suggestion rule compares header names with letters and digits only, lower-cased ("Time Stamp"
// -> "timestamp", equal to the alias), and accepts a name that contains an alias ("Latitude (deg)"
// -> "latitudedeg" contains "latitude").
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {
namespace {

using test::TempDir;

TimeRules any_time() {
  TimeRules r;
  r.window_start = Instant{std::chrono::sys_days{std::chrono::year{1980} / 1 / 6}};
  r.window_end = Instant{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
  return r;
}

IngestResult read_pings(const std::string& path) {
  IngestConfig c;
  c.paths = {path};
  ProblemSink sink;
  return run_ingest(c, sink);
}

std::string ingest_error(const std::string& path) {
  try {
    (void)read_pings(path);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

TEST(HeaderAliases, PingColumnsMatchTrimmedAndIgnoringCase) {
  const TempDir dir("shiftline-aliases");
  // Every field under a different alias, in odd case and padded: " Asset_ID " is vehicle_id,
  // "GPS_Time" timestamp, "LATITUDE" lat, "Long" lon, "Heading" heading_deg.
  const std::string path = dir.write("p.csv",
                                     " Asset_ID ,GPS_Time,LATITUDE,Long,Heading,Fuel\n"
                                     "PV01,2024-01-15T08:00:00Z,52.5,-1.25,90,40\n");
  const IngestResult r = read_pings(path);
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "PV01");
  EXPECT_EQ(r.pings.lat_e7[0], 525000000);
  EXPECT_EQ(r.pings.lon_e7[0], -12500000);
  ASSERT_EQ(r.inputs.size(), 1U);
  const auto& used = r.inputs[0].columns_used;
  EXPECT_EQ(used.at("vehicle_id"), "Asset_ID");  // the CSV reader trims header names
  EXPECT_EQ(used.at("timestamp"), "GPS_Time");
  EXPECT_EQ(used.at("lat"), "LATITUDE");
  EXPECT_EQ(used.at("lon"), "Long");
  EXPECT_EQ(used.at("heading_deg"), "Heading");
  EXPECT_EQ(r.inputs[0].columns_ignored, std::vector<std::string>{"Fuel"});
}

TEST(HeaderAliases, EveryDocumentedVehicleAndTimeAliasIsRead) {
  const TempDir dir("shiftline-aliases");
  for (const char* vehicle : {"vehicle_id", "vehicle", "unit", "unit_id", "device", "device_id", "asset", "asset_id",
                              "registration", "vrm", "VRM", "Registration"}) {
    for (const char* time : {"timestamp", "time", "datetime", "date_time", "recorded_at", "gps_time", "fix_time",
                             "Fix_Time"}) {
      const std::string path = dir.write("p.csv", std::string(vehicle) + "," + time +
                                                      ",lat,lng\nPV01,2024-01-15T08:00:00Z,52.5,-1.25\n");
      const IngestResult r = read_pings(path);
      ASSERT_EQ(r.pings.size(), 1U) << vehicle << " " << time;
      EXPECT_EQ(r.inputs[0].columns_used.at("vehicle_id"), vehicle);
      EXPECT_EQ(r.inputs[0].columns_used.at("timestamp"), time);
    }
  }
}

TEST(HeaderAliases, TwoColumnsNamingOneFieldAreAnErrorNamingBoth) {
  const TempDir dir("shiftline-aliases");
  // `unit` and `Device` are both aliases of vehicle_id: which one holds the car is not guessed.
  const std::string path = dir.write("p.csv", "unit,Device,time,lat,lon\nPV01,X9,2024-01-15T08:00:00Z,52.5,-1.25\n");
  const std::string message = ingest_error(path);
  EXPECT_NE(message.find("p.csv:1: vehicle_id: columns 'unit' and 'Device' both name pings.vehicle_id (columns 1 and 2)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("--map pings.vehicle_id=COLUMN"), std::string::npos) << message;
  // Differing only in case is still two columns.
  const std::string twice = dir.write("q.csv", "vehicle_id,time,Lat,lat,lon\nPV01,2024-01-15T08:00:00Z,52.5,52.5,-1\n");
  EXPECT_NE(ingest_error(twice).find("columns 'Lat' and 'lat' both name pings.lat (columns 3 and 4)"), std::string::npos);
  // --map decides between them.
  IngestConfig c;
  c.paths = {path};
  c.fields.renames["vehicle_id"] = "Device";
  ProblemSink sink;
  const IngestResult r = run_ingest(c, sink);
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "X9");
}

TEST(HeaderAliases, MissingFieldsAreAllNamedWithTheClosestColumns) {
  const TempDir dir("shiftline-aliases");
  const std::string path =
      dir.write("p.csv", "Asset No,Time Stamp,Latitude (deg),Lng,Odometer\nPV01,2024-01-15T08:00:00Z,52.5,-1.25,7\n");
  const std::string message = ingest_error(path);
  // One message: file, line 1, every missing field; each field's names; the columns found; and
  // one --map per field, for the closest column not already used ("Lng" is lon's).
  EXPECT_NE(message.find("p.csv:1: vehicle_id,timestamp,lat: pings table: no column for vehicle_id ('vehicle_id', "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("no column for timestamp ('timestamp', 'time', "), std::string::npos) << message;
  EXPECT_NE(message.find("no column for lat ('lat' or 'latitude', in any case)"), std::string::npos) << message;
  EXPECT_NE(message.find("Columns found: 'Asset No', 'Time Stamp', 'Latitude (deg)', 'Lng', 'Odometer'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("Closest: --map pings.vehicle_id='Asset No' --map pings.timestamp='Time Stamp' "
                         "--map pings.lat='Latitude (deg)'"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("Odometer'"), message.rfind("Odometer'")) << "Odometer is suggested for nothing";
}

TEST(HeaderAliases, NothingCloseIsSuggestedAsNothing) {
  const TempDir dir("shiftline-aliases");
  const std::string path = dir.write("p.csv", "vehicle_id,when,lat,lon\nPV01,2024-01-15T08:00:00Z,52.5,-1.25\n");
  const std::string message = ingest_error(path);
  // "when" is four edits from "time" and contains no alias: not suggested.
  EXPECT_NE(message.find("p.csv:1: timestamp: pings table: no column for timestamp"), std::string::npos) << message;
  EXPECT_EQ(message.find("Closest"), std::string::npos) << message;
  EXPECT_NE(message.find("Name the columns with --map pings.FIELD=COLUMN"), std::string::npos) << message;
}

TEST(HeaderAliases, CaseTablesTakeAliasesAndNameEveryMissingField) {
  const TempDir dir("shiftline-aliases");
  CaseTablesConfig ok;
  ok.shifts = dir.write("s.csv", "Collar_Number,Start_Time,End_Time,Vehicle,Call_Sign\n"
                                 "PC1,2024-01-15T08:00:00Z,2024-01-15T16:00:00Z,PV01,NC01\n");
  ok.time = any_time();
  ProblemSink sink;
  const CaseTables t = read_case_tables(ok, 0, sink);
  ASSERT_EQ(t.shifts.size(), 1U);
  EXPECT_EQ(t.shifts[0].officer_id, "PC1");
  EXPECT_EQ(t.shifts[0].vehicle_id, "PV01");
  EXPECT_EQ(t.shifts[0].callsign, "NC01");

  CaseTablesConfig bad;
  bad.assignments = dir.write("a.csv", "Officer Name,Car,Begins,Ends\nPC1,PV01,2024-01-15T08:00:00Z,2024-01-15T09:00:00Z\n");
  bad.time = any_time();
  std::string message;
  try {
    (void)read_case_tables(bad, 0, sink);
  } catch (const InputError& e) {
    message = e.what();
  }
  // "Ends" is an alias of end, so end is found. "Officer Name" -> "officername" contains "officer":
  // suggested. "Car" is like no vehicle alias, and "Begins" is five edits from "starts": neither is.
  EXPECT_NE(message.find("a.csv:1: officer_id,vehicle_id,start: assignments table: no column for officer_id"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("Columns found: 'Officer Name', 'Car', 'Begins', 'Ends'. Closest: "
                         "--map assignments.officer_id='Officer Name'"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("=Car"), std::string::npos) << message;
  EXPECT_EQ(message.find("=Begins"), std::string::npos) << message;
}

// One column is never read for two fields (review of issue 14): `--map pings.lat=Lng` while `lon`
// still finds "Lng" by its alias would read -1.25 as both latitude and longitude. Refused, naming
// the column and both fields; so is a case table's --map onto a column another field uses.
TEST(HeaderAliases, OneColumnForTwoFieldsIsAnErrorNamingBoth) {
  const TempDir dir("shiftline-aliases");
  const std::string path = dir.write("p.csv", "unit,time,LAT,Lng\nPV01,2024-01-15T08:00:00Z,52.5,-1.25\n");
  IngestConfig c;
  c.paths = {path};
  c.fields.renames["lat"] = "Lng";
  ProblemSink sink;
  std::string message;
  try {
    (void)run_ingest(c, sink);
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("p.csv:1: lat,lon: column 'Lng' would be read for both pings.lat and pings.lon"),
            std::string::npos)
      << message;

  CaseTablesConfig shifts;
  // --map shifts.callsign=Vehicle: the column vehicle_id finds by its alias.
  shifts.shifts = dir.write("s.csv", "officer_id,start,end,Vehicle,Call_Sign\n"
                                     "PC1,2024-01-15T08:00:00Z,2024-01-15T16:00:00Z,PV01,NC01\n");
  shifts.renames["shifts"]["callsign"] = "Vehicle";
  shifts.time = any_time();
  message.clear();
  try {
    (void)read_case_tables(shifts, 0, sink);
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("column 'Vehicle' would be read for both shifts."), std::string::npos) << message;
}

}  // namespace
}  // namespace shiftline::ingest
