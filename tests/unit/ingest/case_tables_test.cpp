// Tests for include/shiftline/ingest/case_tables.hpp: read_case_tables over small files written here.
//
// Expected instants are worked out by hand and checked with GNU date (`date -u -d TEXT +%s`);
// Europe/London offsets from `zdump -v Europe/London` (BST ends 2024-10-27 01:00Z). Projected
// positions come from PROJ's cs2cs (`echo "E N" | cs2cs EPSG:27700 EPSG:4326 -f %.10f`), which
// picks the same operation as Shiftline. Line numbers are counted from the file text (header = 1).
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::ingest {
namespace {

using test::TempDir;
using namespace std::chrono_literals;

Instant utc_s(std::int64_t s) { return Instant{Millis{s * 1000}}; }

TimeRules rules(const char* zone = nullptr) {
  TimeRules r;
  r.zone = zone ? find_zone(zone) : nullptr;
  r.window_start = Instant{std::chrono::sys_days{std::chrono::year{1980} / 1 / 6}};
  r.window_end = Instant{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
  return r;
}

std::vector<Problem> at_line(const ProblemSink& sink, std::uint32_t line, std::uint16_t file) {
  std::vector<Problem> out;
  for (const Problem& p : sink.problems())
    if (p.where.line == line && p.where.file == file) out.push_back(p);
  return out;
}

/// Exactly one problem at (file, line), with this code and field; returns its detail.
std::string expect_problem(const ProblemSink& sink, std::uint16_t file, std::uint32_t line, ProblemCode code,
                           const std::string& field) {
  const auto found = at_line(sink, line, file);
  EXPECT_EQ(found.size(), 1U) << "file " << file << " line " << line;
  if (found.size() != 1) return {};
  EXPECT_EQ(found[0].code, code) << "line " << line << ": got " << name(found[0].code) << " (" << found[0].detail
                                 << "), want " << name(code);
  EXPECT_EQ(found[0].field, field) << "line " << line << ": " << found[0].detail;
  EXPECT_FALSE(found[0].detail.empty());
  return found[0].detail;
}

std::string thrown_message(const CaseTablesConfig& config, bool usage = false) {
  ProblemSink sink;
  try {
    (void)read_case_tables(config, 0, sink);
  } catch (const InputError& e) {
    EXPECT_FALSE(usage) << e.what();
    return e.what();
  } catch (const UsageError& e) {
    EXPECT_TRUE(usage) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no exception";
  return {};
}

const char* kShiftsCsv =
    "shift_id,officer_id,start,end,vehicle_id,callsign\n"  // 1
    ",PC1001,2024-10-26 22:00,2024-10-27 07:00,PX99,Alpha 1\n"  // 2 over the autumn change
    "N7,PC2002,2024-10-27 07:00,2024-10-27 15:00,,\n";          // 3 GMT: 07:00Z-15:00Z

// ---------------------------------------------------------------------------------------------
// Shifts

TEST(CaseTables, NightShiftOverTheAutumnChangeLastsTenHours) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv", kShiftsCsv);
  config.time = rules("Europe/London");
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 4, sink);
  EXPECT_TRUE(sink.problems().empty());
  ASSERT_EQ(t.shifts.size(), 2U);
  const ShiftRow& night = t.shifts[0];
  // 22:00 BST = 21:00Z (date -u -d 2024-10-26T21:00:00Z +%s = 1729976400); 07:00 GMT = 07:00Z.
  EXPECT_EQ(night.start, utc_s(1'729'976'400));
  EXPECT_EQ(night.end, utc_s(1'730'012'400));
  EXPECT_EQ(night.end - night.start, Millis{10h});  // the wall clock says 9 h
  EXPECT_EQ(night.shift_id, "PC1001@2024-10-26T21:00:00Z");
  EXPECT_TRUE(night.shift_id_generated);
  EXPECT_EQ(night.officer_id, "PC1001");
  EXPECT_EQ(night.vehicle_id, "PX99");
  EXPECT_EQ(night.callsign, "Alpha 1");
  EXPECT_EQ(night.source, (SourceRef{4, 2}));
  const ShiftRow& day = t.shifts[1];
  EXPECT_EQ(day.shift_id, "N7");
  EXPECT_FALSE(day.shift_id_generated);
  EXPECT_EQ(day.end - day.start, Millis{8h});
  EXPECT_TRUE(day.vehicle_id.empty());
  EXPECT_EQ(day.source, (SourceRef{4, 3}));

  ASSERT_EQ(t.inputs.size(), 1U);
  ASSERT_EQ(t.roles, std::vector<std::string>{"shifts"});
  const InputReport& in = t.inputs[0];
  EXPECT_EQ(in.path, config.shifts);
  EXPECT_EQ(in.driver, "shiftline-csv");
  EXPECT_EQ(in.delimiter, ",");
  EXPECT_EQ(in.rows_read, 2U);
  EXPECT_EQ(in.sha256_before, sha256_file(config.shifts));
  EXPECT_EQ(in.size_bytes, std::string(kShiftsCsv).size());
  EXPECT_EQ(in.time_parsed_by, "shiftline (text)");
  EXPECT_EQ(in.columns_used.at("officer_id"), "officer_id");
  EXPECT_EQ(in.columns_used.at("callsign"), "callsign");
  EXPECT_TRUE(in.columns_ignored.empty());
  EXPECT_FALSE(t.transform.has_value());
}

TEST(CaseTables, NaiveShiftTimesNeedAZone) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv", kShiftsCsv);
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_TRUE(t.shifts.empty());
  expect_problem(sink, 0, 2, ProblemCode::naive_time_without_zone, "start");
  expect_problem(sink, 0, 3, ProblemCode::naive_time_without_zone, "start");
}

TEST(CaseTables, MapRenamesShiftColumns) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("roster.csv",
                            "Collar;On duty;Off duty;Car;officer_id\n"
                            "PC1001;2024-10-26T21:00Z;2024-10-27T07:00Z;PX99;ignored\n");
  config.renames["shifts"] = {{"officer_id", "Collar"}, {"start", "On duty"}, {"end", "Off duty"}, {"vehicle_id", "Car"}};
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_TRUE(sink.problems().empty());
  ASSERT_EQ(t.shifts.size(), 1U);
  EXPECT_EQ(t.shifts[0].officer_id, "PC1001");  // from Collar, not from the column named officer_id
  EXPECT_EQ(t.shifts[0].vehicle_id, "PX99");
  EXPECT_EQ(t.shifts[0].shift_id, "PC1001@2024-10-26T21:00:00Z");
  EXPECT_EQ(t.inputs[0].delimiter, ";");
  EXPECT_EQ(t.inputs[0].columns_used.at("start"), "On duty");
  EXPECT_EQ(t.inputs[0].columns_ignored, std::vector<std::string>{"officer_id"});
}

TEST(CaseTables, MissingRequiredColumnNamesFileFieldAndColumn) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv", "badge,start,end\nPC1,2024-01-01T08:00Z,2024-01-01T16:00Z\n");
  std::string message = thrown_message(config);
  EXPECT_NE(message.find(config.shifts), std::string::npos) << message;
  EXPECT_NE(message.find("officer_id"), std::string::npos) << message;
  EXPECT_NE(message.find("--map shifts.FIELD=COLUMN"), std::string::npos) << message;

  config.renames["shifts"]["officer_id"] = "Collar";
  message = thrown_message(config);
  EXPECT_NE(message.find("no column 'Collar' for officer_id (from --map shifts.officer_id=Collar)"), std::string::npos)
      << message;

  CaseTablesConfig missing;
  missing.events = dir.file("absent.csv");
  message = thrown_message(missing);
  EXPECT_NE(message.find("absent.csv: no such file"), std::string::npos) << message;

  CaseTablesConfig bad_map;
  bad_map.shifts = config.shifts;
  bad_map.renames["shifts"]["officer"] = "x";
  message = thrown_message(bad_map, true);
  EXPECT_NE(message.find("no field 'officer'"), std::string::npos) << message;
}

TEST(CaseTables, ShiftRowProblems) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv",
                            "shift_id,officer_id,start,end,vehicle_id\n"             // 1
                            "S1,PC1,2024-03-01T08:00Z,2024-03-01T16:00Z,PX1\n"       // 2 kept
                            "S1,PC1,2024-03-01T08:00Z,2024-03-01T16:00Z,PX1\n"       // 3 duplicate
                            "S1,PC1,2024-03-01T08:00Z,2024-03-01T17:00Z,PX1\n"       // 4 conflicting end
                            "S2,,2024-03-01T08:00Z,2024-03-01T16:00Z,PX1\n"          // 5 no officer
                            "S3,PC3,2024-03-01T16:00Z,2024-03-01T16:00Z,PX1\n"       // 6 end = start
                            "S4,PC4,2024-03-01T16:00Z,2024-03-01T08:00Z,PX1\n"       // 7 end before start
                            "S5,PC5,2024-03-01T25:00Z,2024-03-01T08:00Z,PX1\n"       // 8 hour 25
                            ",PC6,2024-03-01T08:00Z,2024-03-01T16:00Z,\n"            // 9 kept, generated
                            ",PC6,2024-03-01T08:00Z,2024-03-01T18:00Z,\n");          // 10 same generated id
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 1, sink);
  ASSERT_EQ(t.shifts.size(), 2U);
  EXPECT_EQ(t.shifts[0].source.line, 2U);
  EXPECT_EQ(t.shifts[1].source.line, 9U);
  EXPECT_EQ(sink.problems().size(), 7U);
  EXPECT_NE(expect_problem(sink, 1, 3, ProblemCode::duplicate, "").find("line 2"), std::string::npos);
  const std::string conflict = expect_problem(sink, 1, 4, ProblemCode::conflicting_row, "end");
  EXPECT_NE(conflict.find("line 2"), std::string::npos) << conflict;
  EXPECT_NE(conflict.find("'S1'"), std::string::npos) << conflict;
  expect_problem(sink, 1, 5, ProblemCode::missing_field, "officer_id");
  expect_problem(sink, 1, 6, ProblemCode::end_before_start, "end");
  const std::string before = expect_problem(sink, 1, 7, ProblemCode::end_before_start, "end");
  EXPECT_NE(before.find("'2024-03-01T08:00Z'"), std::string::npos) << before;
  expect_problem(sink, 1, 8, ProblemCode::unparseable_field, "start");
  const std::string generated = expect_problem(sink, 1, 10, ProblemCode::conflicting_row, "end");
  EXPECT_NE(generated.find("PC6@2024-03-01T08:00:00Z"), std::string::npos) << generated;
  // What each rejected row still says about duty (issue 11, finding 12); the exact repeat (line 3)
  // loses nothing and is not listed. Line 8's start cannot be read: the whole plausible window.
  std::vector<std::string> kept;
  for (const RejectedRosterRow& r : t.rejected_roster)
    kept.push_back(std::to_string(r.source.line) + " " + r.officer_id + "/" + r.vehicle_id + " " + format_utc(r.from) +
                   " " + format_utc(r.to));
  EXPECT_EQ(kept, (std::vector<std::string>{
                      "4 PC1/PX1 2024-03-01T08:00:00Z 2024-03-01T17:00:00Z",
                      "5 /PX1 2024-03-01T08:00:00Z 2024-03-01T16:00:00Z",
                      "6 PC3/PX1 2024-03-01T16:00:00Z 2024-03-01T16:00:00Z",
                      "7 PC4/PX1 2024-03-01T08:00:00Z 2024-03-01T16:00:00Z",
                      "8 PC5/PX1 1980-01-06T00:00:00Z 2100-01-01T00:00:00Z",
                      "10 PC6/ 2024-03-01T08:00:00Z 2024-03-01T18:00:00Z"}));
  for (const RejectedRosterRow& r : t.rejected_roster) EXPECT_EQ(r.table, "shifts");
}

TEST(CaseTables, ARejectedRowAtAnAmbiguousOrSkippedLocalTimeIsBoundedByBothOffsets) {
  // Europe/London: 2024-10-27 01:30 happens twice (00:30Z BST, 01:30Z GMT); 2024-03-31 01:30 never
  // happens (01:00 GMT is followed by 02:00 BST): read with either offset, 00:30Z or 01:30Z.
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv",
                            "shift_id,officer_id,start,end,vehicle_id\n"
                            "S1,PC1,2024-10-27 01:30,2024-10-27 09:00,PX1\n"
                            "S2,PC2,2024-03-31 01:30,2024-03-31 09:00,PX2\n");
  config.assignments = dir.write("assignments.csv",
                                 "officer_id,vehicle_id,start,end\n"
                                 "PC3,PX3,2024-10-27 06:00,2024-10-27 01:15\n");
  config.time = rules("Europe/London");
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_TRUE(t.shifts.empty());
  expect_problem(sink, 0, 2, ProblemCode::ambiguous_local_time, "start");
  expect_problem(sink, 0, 3, ProblemCode::nonexistent_local_time, "start");
  ASSERT_EQ(t.rejected_roster.size(), 3U);
  EXPECT_EQ(t.rejected_roster[0].from, utc_s(1'729'989'000));  // date -u -d 2024-10-27T00:30Z +%s
  EXPECT_EQ(t.rejected_roster[0].to, utc_s(1'730'019'600));    // 2024-10-27T09:00Z (GMT)
  EXPECT_EQ(t.rejected_roster[1].from, utc_s(1'711'845'000));  // 2024-03-31T00:30Z
  EXPECT_EQ(t.rejected_roster[1].to, utc_s(1'711'872'000));    // 2024-03-31T08:00Z (09:00 BST)
  // An assignment whose end (01:15, itself ambiguous: 00:15Z or 01:15Z) may be before its start
  // (06:00 GMT = 06:00Z) spans everything its times can mean: 00:15Z to 06:00Z.
  expect_problem(sink, 1, 2, ProblemCode::ambiguous_local_time, "end");
  EXPECT_EQ(t.rejected_roster[2].table, "assignments");
  EXPECT_EQ(t.rejected_roster[2].officer_id, "PC3");
  EXPECT_EQ(t.rejected_roster[2].vehicle_id, "PX3");
  EXPECT_EQ(t.rejected_roster[2].from, utc_s(1'729'988'100));  // 2024-10-27T00:15Z
  EXPECT_EQ(t.rejected_roster[2].to, utc_s(1'730'008'800));    // 2024-10-27T06:00Z
}

// The same roster written as a spreadsheet through GDAL's XLSX driver reads back the same.
TEST(CaseTables, XlsxShiftsReadLikeTheCsv) {
  const TempDir dir("shiftline-case");
  const std::string path = dir.file("shifts.xlsx");
  {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
    ASSERT_NE(driver, nullptr);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayer* layer = ds->CreateLayer("shifts", nullptr, wkbNone, nullptr);
    ASSERT_NE(layer, nullptr);
    for (const char* field : {"shift_id", "officer_id", "start", "end", "vehicle_id", "callsign"}) {
      OGRFieldDefn defn(field, OFTString);
      ASSERT_EQ(layer->CreateField(&defn), OGRERR_NONE);
    }
    const std::vector<std::vector<const char*>> rows{
        {"", "PC1001", "2024-10-26 22:00", "2024-10-27 07:00", "PX99", "Alpha 1"},
        {"N7", "PC2002", "2024-10-27 07:00", "2024-10-27 15:00", "", ""}};
    for (const auto& row : rows) {
      OGRFeature feature(layer->GetLayerDefn());
      for (int i = 0; i < 6; ++i)
        if (*row[static_cast<std::size_t>(i)]) feature.SetField(i, row[static_cast<std::size_t>(i)]);
      ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
    GDALClose(ds);
  }
  CaseTablesConfig xlsx;
  xlsx.shifts = path;
  xlsx.time = rules("Europe/London");
  CaseTablesConfig csv = xlsx;
  csv.shifts = dir.write("shifts.csv", kShiftsCsv);
  ProblemSink sink_x;
  ProblemSink sink_c;
  const CaseTables a = read_case_tables(xlsx, 0, sink_x);
  const CaseTables b = read_case_tables(csv, 0, sink_c);
  EXPECT_TRUE(sink_x.problems().empty());
  ASSERT_EQ(a.shifts.size(), b.shifts.size());
  ASSERT_EQ(a.shifts.size(), 2U);
  for (std::size_t i = 0; i < a.shifts.size(); ++i) {
    EXPECT_EQ(a.shifts[i].shift_id, b.shifts[i].shift_id);
    EXPECT_EQ(a.shifts[i].shift_id_generated, b.shifts[i].shift_id_generated);
    EXPECT_EQ(a.shifts[i].officer_id, b.shifts[i].officer_id);
    EXPECT_EQ(a.shifts[i].start, b.shifts[i].start);
    EXPECT_EQ(a.shifts[i].end, b.shifts[i].end);
    EXPECT_EQ(a.shifts[i].vehicle_id, b.shifts[i].vehicle_id);
    EXPECT_EQ(a.shifts[i].callsign, b.shifts[i].callsign);
  }
  EXPECT_EQ(a.shifts[0].shift_id, "PC1001@2024-10-26T21:00:00Z");
  EXPECT_EQ(a.inputs[0].driver, "XLSX");
  EXPECT_EQ(a.inputs[0].open_options, "HEADERS=FORCE");
  EXPECT_EQ(a.inputs[0].layer, "shifts");
  EXPECT_EQ(a.inputs[0].rows_read, 2U);
  EXPECT_EQ(a.inputs[0].sha256_before, sha256_file(path));
}

// ---------------------------------------------------------------------------------------------
// Assignments

TEST(CaseTables, Assignments) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.assignments = dir.write("assign.csv",
                                 "officer_id,vehicle_id,start,end\n"               // 1
                                 "PC2,PX2,2024-03-01T10:00Z,2024-03-01T12:00Z\n"   // 2
                                 "PC1,PX1,2024-03-01T09:00Z,2024-03-01T12:00Z\n"   // 3
                                 "PC1,PX1,2024-03-01T09:00Z,2024-03-01T12:00Z\n"   // 4 duplicate
                                 "PC1,PX3,2024-03-01T08:00Z,2024-03-01T09:00Z\n"   // 5
                                 "PC1,,2024-03-01T08:00Z,2024-03-01T09:00Z\n"      // 6 no vehicle
                                 "PC1,PX4,2024-03-01T08:00Z,2024-03-01T07:00Z\n"); // 7
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.assignments.size(), 3U);
  // By (officer_id, start, vehicle_id).
  EXPECT_EQ(t.assignments[0].source.line, 5U);
  EXPECT_EQ(t.assignments[1].source.line, 3U);
  EXPECT_EQ(t.assignments[2].source.line, 2U);
  EXPECT_EQ(t.assignments[1].end - t.assignments[1].start, Millis{3h});
  EXPECT_EQ(sink.problems().size(), 3U);
  expect_problem(sink, 0, 4, ProblemCode::duplicate, "");
  expect_problem(sink, 0, 6, ProblemCode::missing_field, "vehicle_id");
  expect_problem(sink, 0, 7, ProblemCode::end_before_start, "end");
  EXPECT_EQ(t.roles, std::vector<std::string>{"assignments"});
}

// ---------------------------------------------------------------------------------------------
// Places

TEST(CaseTables, PlacesPointsPolygonsAndTheirProblems) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write(
      "places.csv",
      "place_id,label,kind,radius_m,latitude,longitude,wkt\n"                                           // 1
      "P1,12 High St,,,51.5,-0.12,\n"                                                                // 2
      "BASE,Central,BaSe,75,51.51,-0.13,\n"                                                          // 3
      "SQ,Yard,,,,,\"POLYGON ((1.000 52.000, 1.001 52.000, 1.002 52.000, 1.002 52.002, 1.000 52.002, "
      "1.000 52.000))\"\n"                                                                           // 4
      "P1,12 High St,,,51.5,-0.12,\n"                                                                // 5 dup
      "P1,12 High St,,,51.5,-0.121,\n"                                                               // 6
      "P2,,,,91,-0.12,\n"                                                                            // 7
      "P3,,,,0,0,\n"                                                                                 // 8
      "P4,,,,,,POLYGON ((1 52, 2 52, 2 53\n"                                                         // 9 unquoted
      "P5,,,,,,\"LINESTRING (1 52, 2 53)\"\n"                                                        // 10
      "P6,,,,,,\"POLYGON ((1 52, 2 52, 2 53, 1 53))\"\n"                                             // 11
      "P7,,garage,,51.5,-0.12,\n"                                                                    // 12
      "P8,,,-5,51.5,-0.12,\n"                                                                        // 13
      "P9,,,,,,\n"                                                                                   // 14
      ",,,,51.5,-0.12,\n"                                                                            // 15
      "P10,,,,51.5x,-0.12,\n"                                                                        // 16
      "PT,,,,,,POINT (-1.5 53.8)\n");                                                                // 17
  config.place_radius = Meters{40.0};
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 2, sink);
  ASSERT_EQ(t.places.size(), 4U);  // sorted by place_id: BASE P1 PT SQ
  const PlaceRow& base = t.places[0];
  EXPECT_EQ(base.place_id, "BASE");
  EXPECT_EQ(base.kind, PlaceKind::base);
  EXPECT_EQ(base.radius, Meters{75.0});
  EXPECT_EQ(base.label, "Central");
  const PlaceRow& p1 = t.places[1];
  EXPECT_EQ(p1.place_id, "P1");
  EXPECT_EQ(p1.kind, PlaceKind::address);
  EXPECT_EQ(p1.point, LatLon::from_degrees(51.5, -0.12));
  EXPECT_EQ(p1.radius, Meters{40.0});  // config.place_radius
  EXPECT_TRUE(p1.polygon.empty());
  EXPECT_EQ(p1.source, (SourceRef{2, 2}));
  EXPECT_EQ(t.places[2].place_id, "PT");
  EXPECT_EQ(t.places[2].point, LatLon::from_degrees(53.8, -1.5));  // WKT is x = lon, y = lat
  const PlaceRow& sq = t.places[3];
  EXPECT_EQ(sq.place_id, "SQ");
  // A 0.002-degree square with an extra vertex on its south edge: the area centroid is the
  // square's middle (52.001, 1.001); the mean of the five vertices would be (52.0008, 1.0008).
  EXPECT_NEAR(sq.point.lat, 52.001, 1e-12);
  EXPECT_NEAR(sq.point.lon, 1.001, 1e-12);
  ASSERT_EQ(sq.polygon.size(), 6U);
  EXPECT_EQ(sq.polygon.front(), sq.polygon.back());
  EXPECT_EQ(sq.polygon[1], LatLon::from_degrees(52.0, 1.001));
  EXPECT_EQ(sq.radius, Meters{0.0});  // polygons: 0 unless given

  EXPECT_EQ(sink.problems().size(), 12U);
  expect_problem(sink, 2, 5, ProblemCode::duplicate, "");
  const std::string conflict = expect_problem(sink, 2, 6, ProblemCode::conflicting_row, "latitude,longitude");
  EXPECT_NE(conflict.find("line 2"), std::string::npos) << conflict;
  expect_problem(sink, 2, 7, ProblemCode::coordinate_out_of_range, "latitude,longitude");
  expect_problem(sink, 2, 8, ProblemCode::null_island, "latitude,longitude");
  // An unquoted WKT holds the delimiter: 9 fields for a header of 7 (issue 13, defect 1: the row was
  // read with its wkt cut to "POLYGON ((1 52").
  expect_problem(sink, 2, 9, ProblemCode::field_count, "");
  const std::string line = expect_problem(sink, 2, 10, ProblemCode::invalid_geometry, "wkt");
  EXPECT_NE(line.find("LINESTRING"), std::string::npos) << line;
  expect_problem(sink, 2, 11, ProblemCode::invalid_geometry, "wkt");
  EXPECT_NE(expect_problem(sink, 2, 12, ProblemCode::unparseable_field, "kind").find("'garage'"), std::string::npos);
  EXPECT_NE(expect_problem(sink, 2, 13, ProblemCode::unparseable_field, "radius_m").find("'-5'"), std::string::npos);
  expect_problem(sink, 2, 14, ProblemCode::missing_field, "latitude,longitude,wkt");
  expect_problem(sink, 2, 15, ProblemCode::missing_field, "place_id");
  EXPECT_NE(expect_problem(sink, 2, 16, ProblemCode::unparseable_field, "latitude").find("'51.5x'"),
            std::string::npos);
  EXPECT_EQ(t.inputs[0].columns_used.at("lat"), "latitude");
  EXPECT_EQ(t.inputs[0].columns_used.at("wkt"), "wkt");
}

TEST(CaseTables, PlaceInBritishNationalGrid) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write("places.csv", "place_id,easting,northing\nBP,529090,179645\n");
  config.crs = "EPSG:27700";
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_TRUE(sink.problems().empty());
  ASSERT_EQ(t.places.size(), 1U);
  // echo "529090 179645" | cs2cs EPSG:27700 EPSG:4326 -f %.10f  ->  51.5010089299 -0.1415875587
  const LatLon expected = LatLon::from_degrees(51.5010089299, -0.1415875587);
  EXPECT_LT(geodesic_distance(t.places[0].point, expected).value, 1.0);
  ASSERT_TRUE(t.transform.has_value());
  EXPECT_EQ(t.transform->source_crs, "EPSG:27700");
  EXPECT_EQ(t.inputs[0].columns_used.at("x"), "easting");
  EXPECT_EQ(t.inputs[0].crs, "EPSG:27700 (x,y)");

  config.crs.clear();
  const std::string message = thrown_message(config, true);
  EXPECT_NE(message.find("needs --crs"), std::string::npos) << message;
  EXPECT_NE(message.find(config.places), std::string::npos) << message;
}

TEST(CaseTables, PlacesFromGeoJsonGeometry) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write("places.geojson", R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"place_id": "YARD", "kind": "base"},
 "geometry": {"type": "Polygon", "coordinates": [[[-2.0, 53.0], [-1.998, 53.0], [-1.998, 53.002], [-2.0, 53.002], [-2.0, 53.0]],
                                                 [[-1.9995, 53.0005], [-1.9985, 53.0005], [-1.9985, 53.0015], [-1.9995, 53.0015], [-1.9995, 53.0005]]]}},
{"type": "Feature", "properties": {"place_id": "HOUSE", "radius_m": 25},
 "geometry": {"type": "Point", "coordinates": [-1.5, 53.8]}},
{"type": "Feature", "properties": {"place_id": "ROAD"},
 "geometry": {"type": "LineString", "coordinates": [[-1.5, 53.8], [-1.4, 53.8]]}}
]})");
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.places.size(), 2U);
  EXPECT_EQ(t.places[0].place_id, "HOUSE");
  EXPECT_EQ(t.places[0].point, LatLon::from_degrees(53.8, -1.5));
  EXPECT_EQ(t.places[0].radius, Meters{25.0});
  EXPECT_EQ(t.places[1].place_id, "YARD");
  EXPECT_EQ(t.places[1].kind, PlaceKind::base);
  EXPECT_NEAR(t.places[1].point.lat, 53.001, 1e-12);
  EXPECT_NEAR(t.places[1].point.lon, -1.999, 1e-12);
  EXPECT_EQ(t.places[1].polygon.size(), 5U);
  // The hole is kept (issue 11, A1); the centroid stays the outer ring's.
  ASSERT_EQ(t.places[1].holes.size(), 1U);
  EXPECT_EQ(t.places[1].holes[0].size(), 5U);
  EXPECT_EQ(t.places[1].holes[0][1], LatLon::from_degrees(53.0005, -1.9985));
  ASSERT_EQ(sink.problems().size(), 1U);
  EXPECT_EQ(sink.problems()[0].code, ProblemCode::invalid_geometry);
  EXPECT_EQ(sink.problems()[0].where.line, 2U);  // FIDs 0, 1, 2 (ogrinfo -ro -al)
  EXPECT_EQ(t.inputs[0].driver, "GeoJSON");
}

TEST(CaseTables, PlacesWithoutPositionColumnsCannotBeUsed) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write("places.csv", "place_id,label\nP1,Home\n");
  const std::string message = thrown_message(config);
  EXPECT_NE(message.find("no position columns"), std::string::npos) << message;
  EXPECT_NE(message.find("places.csv"), std::string::npos) << message;
}

// ---------------------------------------------------------------------------------------------
// Incidents

const char* kPlacesCsv =
    "place_id,lat,lon\n"
    "P1,51.5,-0.12\n"
    "P2,51.6,-0.2\n";

TEST(CaseTables, IncidentRowsPerUnitMergeIntoOneIncident) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write("places.csv", kPlacesCsv);
  config.incidents = dir.write(
      "incidents.csv",
      "incident_id,opened,closed,lat,lon,place_id,type,vehicle_id,officer_id,callsign,radius_m\n"  // 1
      "I1,2024-03-01T10:00Z,2024-03-01T11:00Z,,,P1,burglary,PX2,PC1,,\n"                          // 2
      "I2,2024-03-01T09:00Z,,51.45,-0.1,,,PX9,,,150\n"                                            // 3
      "I1,2024-03-01T10:00Z,2024-03-01T11:00Z,,,P1,burglary,PX1;PX3,PC2 ; ;PC1,,\n"               // 4
      "I1,2024-03-01T10:00Z,2024-03-01T11:00Z,,,P1,burglary,,,Delta 4,\n"                         // 5
      "I1,2024-03-01T10:00Z,2024-03-01T11:30Z,,,P1,burglary,PX7,,,\n"                             // 6 own closing
      "I1,2024-03-01T10:00Z,2024-03-01T11:00Z,,,P1,burglary,PX2,PC1,,\n"                          // 7 repeat
      "I3,2024-03-01T12:00Z,,,,P9,,,,,\n"                                                         // 8 unknown
      "I4,2024-03-01T12:00Z,,51.7,-0.3,P2,,,,,\n"                                                 // 9
      "I5,2024-03-01T12:00Z,2024-03-01T11:59Z,51.7,-0.3,,,,,,\n"                                  // 10
      "I6,2024-03-01T12:00Z,,,,,,PX1,,,\n"                                                        // 11
      "I1,2024-03-01T10:00Z,2024-03-01T11:00Z,,,P2,burglary,PX8,,,\n"                             // 12 conflict
      "I1,2024-03-01T10:00Z,2024-03-01T11:45Z,,,P1,burglary,PX2,,,\n");                           // 13 conflict
  config.time = rules();
  config.incident_radius = Meters{120.0};
  config.incident_default_length = Millis{30min};
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.incidents.size(), 3U);  // by opened: I2 09:00, I1 10:00, I4 12:00
  const IncidentRow& i2 = t.incidents[0];
  EXPECT_EQ(i2.incident_id, "I2");
  EXPECT_FALSE(i2.closed_given);
  EXPECT_EQ(i2.closed - i2.opened, Millis{30min});
  EXPECT_EQ(i2.radius, Meters{150.0});
  EXPECT_EQ(i2.location, LatLon::from_degrees(51.45, -0.1));
  EXPECT_TRUE(i2.place_id.empty());
  const IncidentRow& i1 = t.incidents[1];
  EXPECT_EQ(i1.incident_id, "I1");
  EXPECT_EQ(i1.opened, utc_s(1'709'287'200));  // date -u -d 2024-03-01T10:00Z +%s
  EXPECT_TRUE(i1.closed_given);
  // Rows may close at different times (units clear at different times, issue 11 finding 8): the
  // incident is open until its last row's closing, 11:30 (PX7's row); each unit keeps its own.
  EXPECT_EQ(i1.closed - i1.opened, Millis{90min});
  EXPECT_EQ(i1.location, LatLon::from_degrees(51.5, -0.12));  // P1's point
  EXPECT_TRUE(i1.located_by_place);
  EXPECT_EQ(i1.place_id, "P1");
  EXPECT_EQ(i1.type, "burglary");
  EXPECT_EQ(i1.radius, Meters{120.0});
  EXPECT_EQ(i1.vehicle_ids, (std::vector<std::string>{"PX1", "PX2", "PX3", "PX7"}));
  EXPECT_EQ(i1.officer_ids, (std::vector<std::string>{"PC1", "PC2"}));
  EXPECT_EQ(i1.callsigns, (std::vector<std::string>{"Delta 4"}));
  EXPECT_EQ(i1.sources, (std::vector<SourceRef>{{1, 2}, {1, 4}, {1, 5}, {1, 6}}));
  EXPECT_TRUE(i1.names_units());
  std::vector<std::string> units;
  for (const IncidentUnit& u : i1.units)
    units.push_back(u.id + "@" + format_utc(u.closed).substr(11, 5) + ":" + std::to_string(u.source.line));
  EXPECT_EQ(units, (std::vector<std::string>{"PX1@11:00:4", "PX2@11:00:2", "PX3@11:00:4", "PX7@11:30:6", "PC1@11:00:2",
                                              "PC2@11:00:4", "Delta 4@11:00:5"}));
  ASSERT_NE(i1.unit(UnitKind::vehicle, "PX7"), nullptr);
  EXPECT_EQ(i1.unit(UnitKind::vehicle, "PX7")->closed - i1.opened, Millis{90min});
  EXPECT_EQ(i1.unit(UnitKind::vehicle, "PC1"), nullptr);  // PC1 is an officer
  const IncidentRow& i4 = t.incidents[2];
  EXPECT_EQ(i4.incident_id, "I4");
  EXPECT_EQ(i4.location, LatLon::from_degrees(51.7, -0.3));  // lat/lon win over P2
  EXPECT_EQ(i4.place_id, "P2");
  EXPECT_FALSE(i4.names_units());

  EXPECT_EQ(sink.problems().size(), 6U);
  // A unit given again with another closing: which one holds is not known.
  const std::string conflict = expect_problem(sink, 1, 13, ProblemCode::conflicting_row, "closed");
  EXPECT_NE(conflict.find("'PX2' was given on line 2"), std::string::npos) << conflict;
  EXPECT_NE(conflict.find("'I1'"), std::string::npos) << conflict;
  expect_problem(sink, 1, 7, ProblemCode::duplicate, "");
  EXPECT_NE(expect_problem(sink, 1, 8, ProblemCode::unknown_place, "place_id").find("'P9'"), std::string::npos);
  expect_problem(sink, 1, 10, ProblemCode::end_before_start, "closed");
  expect_problem(sink, 1, 11, ProblemCode::missing_field, "lat,lon,place_id");
  expect_problem(sink, 1, 12, ProblemCode::conflicting_row, "lat,lon,place_id");
  EXPECT_EQ(t.roles, (std::vector<std::string>{"places", "incidents"}));
}

TEST(CaseTables, AUnitOfARowWithoutClosedSharesTheIncidentsClosing) {
  // Row 2 gives no closing for PX1; row 3 closes PX2 at 11:30: the incident closes at 11:30
  // (recorded), and PX1's closing is that one, not recorded for PX1.
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.incidents = dir.write("incidents.csv",
                               "incident_id,opened,closed,lat,lon,vehicle_id\n"
                               "I1,2024-03-01T10:00Z,,51.5,-0.12,PX1\n"
                               "I1,2024-03-01T10:00Z,2024-03-01T11:30Z,51.5,-0.12,PX2\n");
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.incidents.size(), 1U);
  EXPECT_TRUE(sink.problems().empty());
  const IncidentRow& i1 = t.incidents[0];
  EXPECT_TRUE(i1.closed_given);
  EXPECT_FALSE(i1.located_by_place);
  EXPECT_EQ(i1.closed, utc_s(1'709'292'600));  // date -u -d 2024-03-01T11:30Z +%s
  ASSERT_EQ(i1.units.size(), 2U);
  EXPECT_EQ(i1.units[0].closed, i1.closed);
  EXPECT_FALSE(i1.units[0].closed_given);
  EXPECT_TRUE(i1.units[1].closed_given);
}

TEST(CaseTables, IncidentPlaceIdWithoutPlacesTableIsUnknown) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.incidents = dir.write("incidents.csv", "incident_id,opened,place_id\nI1,2024-03-01T10:00Z,P1\n");
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_TRUE(t.incidents.empty());
  EXPECT_NE(expect_problem(sink, 0, 2, ProblemCode::unknown_place, "place_id").find("no places table"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Events, and the file indices of all five tables

TEST(CaseTables, EventsAndFileIndicesOfEveryTable) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.shifts = dir.write("shifts.csv", "officer_id,start,end\nPC1,2024-03-01T08:00Z,2024-03-01T16:00Z\n");
  config.assignments =
      dir.write("a.csv", "officer_id,vehicle_id,start,end\nPC1,PX1,2024-03-01T08:00Z,2024-03-01T16:00Z\n");
  config.places = dir.write("places.csv", kPlacesCsv);
  config.incidents = dir.write("i.csv", "incident_id,opened,place_id\nI1,2024-03-01T10:00Z,P1\n");
  config.events = dir.write("events.csv",
                            "time,officer_id,kind,subject,place_id,detail\n"              // 1
                            "2024-03-01T11:00Z,PC2,pnc_check,AB12CDE,,\n"                 // 2
                            "2024-03-01T10:30Z,PC1,record_view,Smith J,P2,viewed file\n"  // 3
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,,\n"                 // 4
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,,\n"                 // 5 duplicate
                            "2024-03-01T09:05Z,PC1,pnc_check,XY99ZZZ,P7,\n"               // 6 unknown place
                            "2024-03-01T09:06Z,PC1,,XY99ZZZ,,\n");                        // 7 no kind
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 10, sink);
  EXPECT_EQ(t.roles, (std::vector<std::string>{"shifts", "assignments", "places", "incidents", "events"}));
  ASSERT_EQ(t.inputs.size(), 5U);
  EXPECT_EQ(t.inputs[4].path, config.events);
  EXPECT_EQ(t.inputs[4].columns_used.at("timestamp"), "time");
  EXPECT_EQ(t.shifts.at(0).source.file, 10U);
  EXPECT_EQ(t.assignments.at(0).source.file, 11U);
  EXPECT_EQ(t.places.at(0).source.file, 12U);
  EXPECT_EQ(t.incidents.at(0).sources.at(0).file, 13U);
  ASSERT_EQ(t.events.size(), 3U);  // by (officer_id, at, source)
  EXPECT_EQ(t.events[0].source, (SourceRef{14, 4}));
  EXPECT_EQ(t.events[1].source, (SourceRef{14, 3}));
  EXPECT_EQ(t.events[1].place_id, "P2");
  EXPECT_EQ(t.events[1].subject, "Smith J");
  EXPECT_EQ(t.events[1].detail, "viewed file");
  EXPECT_EQ(t.events[1].kind, "record_view");
  EXPECT_EQ(t.events[2].officer_id, "PC2");
  EXPECT_EQ(sink.problems().size(), 3U);
  expect_problem(sink, 14, 5, ProblemCode::duplicate, "");
  expect_problem(sink, 14, 6, ProblemCode::unknown_place, "place_id");
  expect_problem(sink, 14, 7, ProblemCode::missing_field, "kind");
}

// An event repeats another only when all six fields are equal (time, officer, kind, subject, place,
// detail); the repeat names the first line. Rows that differ in one field each are all kept.
TEST(CaseTables, EventsRepeatedOnlyWhenEveryFieldIsEqual) {
  const TempDir dir("shiftline-case");
  CaseTablesConfig config;
  config.places = dir.write("places.csv", kPlacesCsv);
  config.events = dir.write("events.csv",
                            "timestamp,officer_id,kind,subject,place_id,detail\n"    // 1
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,P1,first\n"     // 2
                            "2024-03-01T09:00:01Z,PC1,pnc_check,AB12CDE,P1,first\n"  // 3 time
                            "2024-03-01T09:00Z,PC2,pnc_check,AB12CDE,P1,first\n"     // 4 officer
                            "2024-03-01T09:00Z,PC1,record_view,AB12CDE,P1,first\n"   // 5 kind
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDF,P1,first\n"     // 6 subject
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,P2,first\n"     // 7 place
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,P1,second\n"    // 8 detail
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,,first\n"       // 9 no place
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,P1,first\n"     // 10 repeats 2
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,P2,first\n"     // 11 repeats 7
                            "2024-03-01T09:00Z,PC1,pnc_check,AB12CDE,,first\n");     // 12 repeats 9
  config.time = rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  EXPECT_EQ(t.events.size(), 8U);
  ASSERT_EQ(sink.problems().size(), 3U);
  EXPECT_NE(expect_problem(sink, 1, 10, ProblemCode::duplicate, "").find("line 2"), std::string::npos);
  EXPECT_NE(expect_problem(sink, 1, 11, ProblemCode::duplicate, "").find("line 7"), std::string::npos);
  EXPECT_NE(expect_problem(sink, 1, 12, ProblemCode::duplicate, "").find("line 9"), std::string::npos);
}

}  // namespace
}  // namespace shiftline::ingest

namespace shiftline::ingest {
namespace {

// Claims: one subject and one place per row; the named place is copied, a position becomes a
// point place of --place-radius (or the row's radius_m); every bad row is reported and dropped.
TEST(CaseTables, ClaimsRowsAndTheirProblems) {
  const TempDir dir;
  CaseTablesConfig config;
  config.time = rules("Europe/London");
  config.shifts = dir.write("shifts.csv", "officer_id,start,end,vehicle_id\nPC1,2024-10-26 22:00,2024-10-27 07:00,PV1\n");
  config.places = dir.write("places.csv", "place_id,lat,lon,radius_m\nHOME,52.63,-1.14,30\n");
  config.claims = dir.write(
      "claims.csv",
      "claim_id,vehicle_id,officer_id,place_id,lat,lon,radius_m,start,end,assertion,note\n"         // 1
      "C1,PV1,,HOME,,,,2024-10-27 00:30,2024-10-27 02:30,present,over the change\n"               // 2
      "C2,,PC1,,52.64,-1.15,,2024-10-26 23:00,2024-10-27 00:45,ABSENT ,\n"                         // 3
      "C3,,PC1,HOME,,,75,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                              // 4
      "C4,PV1,PC1,HOME,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                             // 5 two subjects
      "C5,,,HOME,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                                   // 6 no subject
      "C6,PV1,,HOME,52.63,-1.14,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                      // 7 place twice
      "C7,PV1,,NOWHERE,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                             // 8 unknown place
      "C8,PV1,,HOME,,,,2024-10-26 23:30,2024-10-26 23:00,absent,\n"                                // 9 end before start
      "C9,PV1,,HOME,,,,2024-10-26 23:00,2024-10-26 23:30,maybe,\n"                                 // 10
      "C1,PV1,,HOME,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                                // 11 repeated id
      "C10,PV1,,,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                                   // 12 no place
      ",PV1,,HOME,,,,2024-10-26 23:00,2024-10-26 23:30,absent,\n"                                  // 13 no id
      "C11,PV1,,HOME,,,-3,2024-10-26 23:00,2024-10-26 23:30,absent,\n");                           // 14 bad radius
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.claims.size(), 3U);
  ASSERT_EQ(t.roles.back(), "claims");
  const ClaimRow& c1 = t.claims[0];
  EXPECT_EQ(c1.claim_id, "C1");
  EXPECT_EQ(c1.subject_kind, SubjectKind::vehicle);
  EXPECT_EQ(c1.subject_id, "PV1");
  EXPECT_EQ(c1.place.place_id, "HOME");
  EXPECT_EQ(c1.place.radius, Meters{30.0});
  // 00:30 BST = 23:30Z on the 26th; 02:30 GMT = 02:30Z: three real hours over the change.
  EXPECT_EQ(c1.start, utc_s(1729985400));
  EXPECT_EQ(c1.end - c1.start, 3h);
  EXPECT_EQ(c1.assertion, Assertion::present);
  EXPECT_EQ(c1.note, "over the change");
  EXPECT_EQ(c1.source.line, 2U);
  const ClaimRow& c2 = t.claims[1];
  EXPECT_EQ(c2.subject_kind, SubjectKind::officer);
  EXPECT_EQ(c2.subject_id, "PC1");
  EXPECT_TRUE(c2.place.place_id.empty());
  EXPECT_EQ(c2.place.point, LatLon::from_degrees(52.64, -1.15));
  EXPECT_EQ(c2.place.radius, Meters{50.0});  // --place-radius default
  EXPECT_EQ(c2.assertion, Assertion::absent);  // "ABSENT " read trimmed, case-insensitive
  EXPECT_EQ(t.claims[2].place.radius, Meters{75.0});  // the row's radius_m replaces the place's

  const std::uint16_t claims = 2;  // shifts 0, places 1, claims 2
  expect_problem(sink, claims, 5, ProblemCode::conflicting_fields, "vehicle_id,officer_id");
  expect_problem(sink, claims, 6, ProblemCode::missing_field, "vehicle_id,officer_id");
  expect_problem(sink, claims, 7, ProblemCode::conflicting_fields, "place_id,lat,lon");
  EXPECT_NE(expect_problem(sink, claims, 8, ProblemCode::unknown_place, "place_id").find("'NOWHERE'"), std::string::npos);
  expect_problem(sink, claims, 9, ProblemCode::end_before_start, "end");
  EXPECT_NE(expect_problem(sink, claims, 10, ProblemCode::unparseable_field, "assertion").find("'maybe'"),
            std::string::npos);
  EXPECT_NE(expect_problem(sink, claims, 11, ProblemCode::conflicting_row, "claim_id").find("line 2"), std::string::npos);
  expect_problem(sink, claims, 12, ProblemCode::missing_field, "place_id,lat,lon");
  expect_problem(sink, claims, 13, ProblemCode::missing_field, "claim_id");
  expect_problem(sink, claims, 14, ProblemCode::unparseable_field, "radius_m");
  EXPECT_EQ(sink.problems().size(), 10U);
}

TEST(CaseTables, AnOfficersClaimNeedsTheShifts) {
  const TempDir dir;
  CaseTablesConfig config;
  config.time = rules();
  config.claims = dir.write("claims.csv",
                            "claim_id,officer_id,vehicle_id,lat,lon,start,end,assertion\n"
                            "A,PC1,,52.63,-1.14,2024-10-26T23:00Z,2024-10-26T23:30Z,absent\n"
                            "B,,PV1,52.63,-1.14,2024-10-26T23:00Z,2024-10-26T23:30Z,absent\n");
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.claims.size(), 1U);
  EXPECT_EQ(t.claims[0].claim_id, "B");
  EXPECT_NE(expect_problem(sink, 0, 2, ProblemCode::needs_table, "officer_id").find("--shifts"), std::string::npos);
}

TEST(CaseTables, ClaimsWithoutASubjectOrPlaceColumnCannotBeUsed) {
  const TempDir dir;
  CaseTablesConfig config;
  config.time = rules();
  config.claims = dir.write("a.csv", "claim_id,place_id,start,end,assertion\nA,H,2024-10-26T23:00Z,2024-10-26T23:30Z,absent\n");
  EXPECT_NE(thrown_message(config).find("vehicle_id"), std::string::npos);
  config.claims = dir.write("b.csv", "claim_id,vehicle_id,start,end,assertion\nA,V,2024-10-26T23:00Z,2024-10-26T23:30Z,absent\n");
  EXPECT_NE(thrown_message(config).find("place_id"), std::string::npos);
  config.claims = dir.write("c.csv", "claim_id,vehicle_id,lat,lon,start,end\nA,V,1,1,2024-10-26T23:00Z,2024-10-26T23:30Z\n");
  EXPECT_NE(thrown_message(config).find("assertion"), std::string::npos);
}

}  // namespace
}  // namespace shiftline::ingest
