// Tests for include/shiftline/ingest/ingest.hpp: run_ingest over small files written here.
//
// Expected instants are epoch values from GNU date (`date -u -d TEXT +%s.%3N`), zone readings
// from python3 zoneinfo / `zdump -v Europe/London`, and projected positions from PROJ's cs2cs
// (`echo "E N" | cs2cs EPSG:27700 EPSG:4326 -f %.10f`). Line numbers are counted by hand from the
// file text (the header is line 1).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

Instant utc_ms(std::int64_t ms) { return Instant{Millis{ms}}; }

/// The problems reported for one row.
std::vector<Problem> at_line(const ProblemSink& sink, std::uint32_t line, std::uint16_t file = 0) {
  std::vector<Problem> out;
  for (const Problem& p : sink.problems())
    if (p.where.line == line && p.where.file == file) out.push_back(p);
  return out;
}

/// Asserts that exactly one problem was reported for `line`, with this code and field.
void expect_problem(const ProblemSink& sink, std::uint32_t line, ProblemCode code, const std::string& field,
                    std::uint16_t file = 0) {
  const auto found = at_line(sink, line, file);
  ASSERT_EQ(found.size(), 1U) << "file " << file << " line " << line;
  EXPECT_EQ(found[0].code, code) << "line " << line << ": got " << name(found[0].code) << " (" << found[0].detail
                                 << "), want " << name(code);
  EXPECT_EQ(found[0].field, field) << "line " << line;
  EXPECT_FALSE(found[0].detail.empty());
}

/// Index of the ping read from `line` of `file`, or -1.
long ping_at(const PingTable& pings, std::uint32_t line, std::uint16_t file = 0) {
  for (std::size_t i = 0; i < pings.size(); ++i)
    if (pings.line[i] == line && pings.file[i] == file) return static_cast<long>(i);
  return -1;
}

IngestConfig config_for(const std::string& path) {
  IngestConfig c;
  c.paths = {path};
  return c;
}

// ---------------------------------------------------------------------------------------------
// Every per-row ProblemCode that ingest produces, with file, line and field.

TEST(Ingest, EveryRowProblemWithLineAndField) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("pings.csv",
                                     "vehicle_id,timestamp,lat,lon,accuracy_m\n"      // 1
                                     "V1,2019-10-27T01:30:00Z,51.5,-0.12,5\n"         // 2 ok
                                     ",2019-10-27T01:31:00Z,51.5,-0.12,5\n"           // 3 no vehicle
                                     "V1,,51.5,-0.12,5\n"                             // 4 no time
                                     "V1,2019-10-27T01:32:00Z,,-0.12,5\n"             // 5 no lat
                                     "V1,2019-10-27T01:33:00Z,51.5,,5\n"              // 6 no lon
                                     "V1,2019-10-27T01:34:00Z,51.5x,-0.12,5\n"        // 7 bad lat
                                     "V1,2019-10-27T01:35:00Z,51.5,west,5\n"          // 8 bad lon
                                     "V1,2019-10-27T01:36:00Z,90.0000001,-0.12,5\n"   // 9 lat range
                                     "V1,2019-10-27T01:37:00Z,51.5,180.5,5\n"         // 10 lon range
                                     "V1,2019-10-27T01:38:00Z,0,0,5\n"                // 11 null island
                                     "V1,2019-10-27T01:38:30Z,0.0000000,-0.0,5\n"     // 12 null island
                                     "V1,2019-10-27 01:39:00,51.5,-0.12,5\n"          // 13 naive, no --tz
                                     "V1,27/10/2019 01:40,51.5,-0.12,5\n"             // 14 not ISO, no --date-order
                                     "V1,2019-10-27T01:41:00.1234Z,51.5,-0.12,5\n"    // 15 sub-ms
                                     "V1,1980-01-05T23:59:59.999Z,51.5,-0.12,5\n"     // 16 before window
                                     "V1,2100-01-01T00:00:00Z,51.5,-0.12,5\n"         // 17 after window
                                     "V1,2016-12-31T23:59:60Z,51.5,-0.12,5\n"         // 18 real leap second
                                     "V1,2019-10-27T23:59:60Z,51.5,-0.12,5\n"         // 19 not a leap second
                                     "V1,2019-10-27T01:42:00Z,51.5,-0.12,-5\n"        // 20 bad accuracy
                                     "V1,2019-10-27T01:43:00Z,nan,-0.12,5\n"          // 21 NaN
                                     "V1,2019-10-27T01:44:00Z,51.5,-0.12,\n"          // 22 ok, no accuracy
                                     "V2,2019-10-27T01:45:00Z,0,1e-9,5\n");           // 23 ok, near (0,0)
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);

  expect_problem(sink, 3, ProblemCode::missing_field, "vehicle_id");
  expect_problem(sink, 4, ProblemCode::missing_field, "timestamp");
  expect_problem(sink, 5, ProblemCode::missing_field, "lat");
  expect_problem(sink, 6, ProblemCode::missing_field, "lon");
  expect_problem(sink, 7, ProblemCode::unparseable_field, "lat");
  expect_problem(sink, 8, ProblemCode::unparseable_field, "lon");
  expect_problem(sink, 9, ProblemCode::coordinate_out_of_range, "lat,lon");
  expect_problem(sink, 10, ProblemCode::coordinate_out_of_range, "lat,lon");
  expect_problem(sink, 11, ProblemCode::null_island, "lat,lon");
  expect_problem(sink, 12, ProblemCode::null_island, "lat,lon");
  expect_problem(sink, 13, ProblemCode::naive_time_without_zone, "timestamp");
  expect_problem(sink, 14, ProblemCode::ambiguous_date, "timestamp");
  expect_problem(sink, 15, ProblemCode::unparseable_field, "timestamp");
  expect_problem(sink, 16, ProblemCode::time_outside_window, "timestamp");
  expect_problem(sink, 17, ProblemCode::time_outside_window, "timestamp");
  expect_problem(sink, 18, ProblemCode::leap_second, "timestamp");
  expect_problem(sink, 19, ProblemCode::invalid_leap_second, "timestamp");
  expect_problem(sink, 20, ProblemCode::invalid_optional_field, "accuracy_m");
  expect_problem(sink, 21, ProblemCode::coordinate_out_of_range, "lat,lon");
  EXPECT_TRUE(at_line(sink, 2).empty());
  EXPECT_TRUE(at_line(sink, 22).empty());
  EXPECT_TRUE(at_line(sink, 23).empty());
  EXPECT_EQ(sink.problems().size(), 19U);
  EXPECT_EQ(sink.count(Severity::warning), 2U);  // leap_second, invalid_optional_field
  EXPECT_EQ(sink.count(Severity::rejected), 17U);
  // The detail quotes the offending text.
  EXPECT_NE(at_line(sink, 14)[0].detail.find("27/10/2019 01:40"), std::string::npos);

  // Kept: lines 2, 18 (leap second, a warning), 20 (bad optional field, a warning), 22, 23.
  const PingTable& p = r.pings;
  ASSERT_EQ(p.size(), 5U);
  EXPECT_EQ(p.line, (std::vector<std::uint32_t>{2, 18, 20, 22, 23}));
  EXPECT_EQ(p.time[0], utc_ms(1'572'139'800'000));  // date -u -d 2019-10-27T01:30:00Z +%s
  // 2016-12-31T23:59:60Z is read as 23:59:59.999 (date -u -d 2016-12-31T23:59:59Z: 1483228799).
  EXPECT_EQ(p.time[1], utc_ms(1'483'228'799'999));
  EXPECT_EQ(p.time[2], utc_ms(1'572'140'520'000));  // 01:42:00Z
  EXPECT_EQ(p.lat_e7[0], 515'000'000);
  EXPECT_EQ(p.lon_e7[0], -1'200'000);
  EXPECT_EQ(p.lat_e7[4], 0);
  EXPECT_EQ(p.lon_e7[4], 0);  // 1e-9 degrees is below the 1e-7 storage unit; not null island
  ASSERT_EQ(p.optional.accuracy_m.size(), 5U);
  EXPECT_EQ(p.optional.accuracy_m[0], 5.0F);
  EXPECT_TRUE(std::isnan(p.optional.accuracy_m[2]));  // invalid: left empty, ping kept
  EXPECT_TRUE(std::isnan(p.optional.accuracy_m[3]));  // empty cell
  EXPECT_EQ(p.vehicles.name(p.vehicle[0]), "V1");
  EXPECT_EQ(p.vehicles.name(p.vehicle[4]), "V2");

  ASSERT_EQ(r.inputs.size(), 1U);
  EXPECT_EQ(r.inputs[0].rows_read, 22U);
  EXPECT_EQ(r.inputs[0].driver, "shiftline-csv");
  EXPECT_EQ(r.inputs[0].delimiter, ",");
  EXPECT_EQ(r.inputs[0].sha256_before, sha256_file(path));
  EXPECT_TRUE(r.inputs[0].columns_ignored.empty());
}

TEST(Ingest, InvalidOptionalFieldsAreWarningsAndThePingIsKept) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("opt.csv",
                                     "vehicle_id,timestamp,lat,lon,speed_kmh,heading_deg,ignition\n"  // 1
                                     "V1,2019-10-27T01:30:00Z,51.5,-0.12,50,90,on\n"                 // 2
                                     "V1,2019-10-27T01:31:00Z,51.5,-0.12,fast,90,off\n"              // 3
                                     "V1,2019-10-27T01:32:00Z,51.5,-0.12,50,361,1\n"                 // 4
                                     "V1,2019-10-27T01:33:00Z,51.5,-0.12,50,90,maybe\n");            // 5
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  expect_problem(sink, 3, ProblemCode::invalid_optional_field, "speed_kmh");
  expect_problem(sink, 4, ProblemCode::invalid_optional_field, "heading_deg");
  expect_problem(sink, 5, ProblemCode::invalid_optional_field, "ignition");
  EXPECT_EQ(sink.count(Severity::rejected), 0U);
  const PingTable& p = r.pings;
  ASSERT_EQ(p.size(), 4U);
  EXPECT_EQ(p.optional.speed_kmh[0], 50.0F);
  EXPECT_TRUE(std::isnan(p.optional.speed_kmh[1]));
  EXPECT_TRUE(std::isnan(p.optional.heading_deg[2]));
  EXPECT_EQ(p.optional.ignition, (std::vector<std::int8_t>{1, 0, 1, -1}));
}

TEST(Ingest, CoordinateTextIsReadStrictly) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("signs.csv",
                                     "vehicle_id,timestamp,lat,lon\n"
                                     "V1,2019-10-27T01:30:00Z,+51.5,-0.12\n"        // 2 explicit plus: fine
                                     "V1,2019-10-27T01:30:00Z,+-51.5,-0.12\n"       // 3 two signs
                                     "V1,2019-10-27T01:30:00Z,--51.5,-0.12\n"       // 4
                                     "V1,2019-10-27T01:30:00Z,51.5,-0.12.5\n"       // 5
                                     "V1,2019-10-27T01:30:00Z,\"51,5\",-0.12\n"    // 6 decimal comma
                                     "V1,2019-10-27T01:30:00Z, 51.49880001 ,-0.1246\n"  // 7 8 decimals
                                     "V1,2019-10-27T01:30:00Z,5.14988e1,-1.246e-1\n"    // 8 exponent
                                     "V1,2019-10-27T01:30:00Z,inf,-0.12\n");       // 9
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  expect_problem(sink, 3, ProblemCode::unparseable_field, "lat");
  expect_problem(sink, 4, ProblemCode::unparseable_field, "lat");
  expect_problem(sink, 5, ProblemCode::unparseable_field, "lon");
  expect_problem(sink, 6, ProblemCode::unparseable_field, "lat");
  expect_problem(sink, 9, ProblemCode::coordinate_out_of_range, "lat,lon");
  ASSERT_EQ(r.pings.line, (std::vector<std::uint32_t>{2, 7, 8}));
  EXPECT_EQ(r.pings.lat_e7, (std::vector<std::int32_t>{515'000'000, 514'988'000, 514'988'000}));
  EXPECT_EQ(r.pings.lon_e7, (std::vector<std::int32_t>{-1'200'000, -1'246'000, -1'246'000}));
}

// ---------------------------------------------------------------------------------------------
// Local times (R13): naive times need --tz; the repeated and missing hours of 2019 in London.

const char* const kLondonCsv =
    "vehicle_id,timestamp,lat,lon\n"           // 1
    "V1,2019-10-27 01:30:00,51.5,-0.12\n"      // 2 happens twice
    "V1,2019-03-31 01:30:00,51.5,-0.12\n"      // 3 never happened
    "V1,2019-10-27 00:30:00,51.5,-0.12\n"      // 4 BST, unique
    "V1,2019-10-27 02:00:00,51.5,-0.12\n"      // 5 GMT, unique
    "V1,2019-10-27T01:30:00+01:00,51.5,-0.12\n"  // 6 explicit offset: the zone is not used
    "V1,2019-10-27 01:59:59.999,51.5,-0.12\n";   // 7 last millisecond of the repeated hour

TEST(Ingest, NaiveLocalTimesInLondon) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("london.csv", kLondonCsv);
  IngestConfig config = config_for(path);
  config.zone = find_zone("Europe/London");
  ASSERT_NE(config.zone, nullptr);

  {  // Default: ambiguous times are rejected.
    ProblemSink sink;
    const IngestResult r = run_ingest(config, sink);
    expect_problem(sink, 2, ProblemCode::ambiguous_local_time, "timestamp");
    expect_problem(sink, 3, ProblemCode::nonexistent_local_time, "timestamp");
    expect_problem(sink, 7, ProblemCode::ambiguous_local_time, "timestamp");
    ASSERT_EQ(r.pings.size(), 3U);
    EXPECT_EQ(r.pings.line, (std::vector<std::uint32_t>{4, 5, 6}));
    EXPECT_EQ(r.pings.time[0], utc_ms(1'572'132'600'000));  // 2019-10-26T23:30:00Z
    EXPECT_EQ(r.pings.time[1], utc_ms(1'572'141'600'000));  // 2019-10-27T02:00:00Z
    EXPECT_EQ(r.pings.time[2], utc_ms(1'572'136'200'000));  // 2019-10-27T00:30:00Z
  }
  {  // earliest: BST, 00:30Z. The spring gap is still an error.
    config.ambiguous = AmbiguityPolicy::earliest;
    ProblemSink sink;
    const IngestResult r = run_ingest(config, sink);
    expect_problem(sink, 3, ProblemCode::nonexistent_local_time, "timestamp");
    EXPECT_EQ(sink.problems().size(), 1U);
    const long i = ping_at(r.pings, 2);
    ASSERT_GE(i, 0);
    EXPECT_EQ(r.pings.time[static_cast<std::size_t>(i)], utc_ms(1'572'136'200'000));  // 00:30Z
    const long j = ping_at(r.pings, 7);
    ASSERT_GE(j, 0);
    EXPECT_EQ(r.pings.time[static_cast<std::size_t>(j)], utc_ms(1'572'137'999'999));  // 00:59:59.999Z
  }
  {  // latest: GMT, 01:30Z.
    config.ambiguous = AmbiguityPolicy::latest;
    ProblemSink sink;
    const IngestResult r = run_ingest(config, sink);
    expect_problem(sink, 3, ProblemCode::nonexistent_local_time, "timestamp");
    EXPECT_EQ(sink.problems().size(), 1U);
    const long i = ping_at(r.pings, 2);
    ASSERT_GE(i, 0);
    EXPECT_EQ(r.pings.time[static_cast<std::size_t>(i)], utc_ms(1'572'139'800'000));  // 01:30Z
    const long j = ping_at(r.pings, 7);
    ASSERT_GE(j, 0);
    EXPECT_EQ(r.pings.time[static_cast<std::size_t>(j)], utc_ms(1'572'141'599'999));  // 01:59:59.999Z
  }
}

TEST(Ingest, LeapSecondRules) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("leap.csv",
                                     "vehicle_id,timestamp,lat,lon\n"
                                     "V1,2016-12-31T23:59:60Z,51.5,-0.12\n"        // 2 real (IERS Bulletin C 52)
                                     "V1,2017-01-01T00:59:60+01:00,51.5,-0.12\n"   // 3 the same second at +01:00
                                     "V1,2015-06-30T23:59:60.5Z,51.5,-0.12\n"      // 4 real, with a fraction
                                     "V1,2016-06-30T23:59:60Z,51.5,-0.12\n"        // 5 no leap second then
                                     "V1,2016-12-31T22:59:60Z,51.5,-0.12\n"        // 6 not at the end of a UTC day
                                     "V1,2016-12-31 23:59:60,51.5,-0.12\n");       // 7 naive, no --tz
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  expect_problem(sink, 2, ProblemCode::leap_second, "timestamp");
  expect_problem(sink, 3, ProblemCode::leap_second, "timestamp");
  expect_problem(sink, 4, ProblemCode::leap_second, "timestamp");
  expect_problem(sink, 5, ProblemCode::invalid_leap_second, "timestamp");
  expect_problem(sink, 6, ProblemCode::invalid_leap_second, "timestamp");
  expect_problem(sink, 7, ProblemCode::naive_time_without_zone, "timestamp");
  ASSERT_EQ(r.pings.size(), 3U);
  // date -u -d: 2016-12-31T23:59:59Z = 1483228799, 2015-06-30T23:59:59Z = 1435708799.
  EXPECT_EQ(r.pings.time[0], utc_ms(1'483'228'799'999));
  EXPECT_EQ(r.pings.time[1], utc_ms(1'483'228'799'999));
  EXPECT_EQ(r.pings.time[2], utc_ms(1'435'708'799'999));

  // In London (GMT in December) the naive `:60` is the same real leap second.
  IngestConfig london = config_for(path);
  london.zone = find_zone("Europe/London");
  ProblemSink sink2;
  const IngestResult r2 = run_ingest(london, sink2);
  expect_problem(sink2, 7, ProblemCode::leap_second, "timestamp");
  const long i = ping_at(r2.pings, 7);
  ASSERT_GE(i, 0);
  EXPECT_EQ(r2.pings.time[static_cast<std::size_t>(i)], utc_ms(1'483'228'799'999));
}

TEST(Ingest, EpochSeconds) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("epoch-s.csv",
                                     "vehicle_id,timestamp,lat,lon\n"
                                     "V1,1572139800,51.5,-0.12\n"          // 2
                                     "V1,1572139800.5,51.5,-0.12\n"        // 3
                                     "V1,1572139800.123000,51.5,-0.12\n"   // 4 zeros below ms are fine
                                     "V1,1572139800.1234,51.5,-0.12\n"     // 5 sub-millisecond
                                     "V1,1572139800.,51.5,-0.12\n"         // 6
                                     "V1,1.5e9,51.5,-0.12\n"               // 7
                                     "V1,--1572139800,51.5,-0.12\n"        // 8 double sign
                                     "V1,+-1572139800,51.5,-0.12\n"        // 9
                                     "V1,2019-10-27T01:30:00Z,51.5,-0.12\n"  // 10 ISO text
                                     "V1,315964799,51.5,-0.12\n"           // 11 one second before GPS epoch
                                     "V1, 1572139801 ,51.5,-0.12\n");      // 12 padded
  IngestConfig config = config_for(path);
  config.time_format = TimeFormat::epoch_s;
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  for (const std::uint32_t line : {5U, 6U, 7U, 8U, 9U, 10U})
    expect_problem(sink, line, ProblemCode::unparseable_field, "timestamp");
  expect_problem(sink, 11, ProblemCode::time_outside_window, "timestamp");
  ASSERT_EQ(r.pings.size(), 4U);
  EXPECT_EQ(r.pings.time[0], utc_ms(1'572'139'800'000));
  EXPECT_EQ(r.pings.time[1], utc_ms(1'572'139'800'500));
  EXPECT_EQ(r.pings.time[2], utc_ms(1'572'139'800'123));
  EXPECT_EQ(r.pings.time[3], utc_ms(1'572'139'801'000));
}

TEST(Ingest, EpochMilliseconds) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("epoch-ms.csv",
                                     "vehicle_id,timestamp,lat,lon\n"
                                     "V1,1572139800500,51.5,-0.12\n"    // 2
                                     "V1,1572139800.5,51.5,-0.12\n"     // 3 no fractions of a ms
                                     "V1,1572139800,51.5,-0.12\n"       // 4 seconds read as ms: 1970
                                     "V1,--1572139800500,51.5,-0.12\n"  // 5
                                     "V1,99999999999999999999,51.5,-0.12\n");  // 6 beyond int64
  IngestConfig config = config_for(path);
  config.time_format = TimeFormat::epoch_ms;
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  expect_problem(sink, 3, ProblemCode::unparseable_field, "timestamp");
  expect_problem(sink, 4, ProblemCode::time_outside_window, "timestamp");
  expect_problem(sink, 5, ProblemCode::unparseable_field, "timestamp");
  expect_problem(sink, 6, ProblemCode::unparseable_field, "timestamp");
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(r.pings.time[0], utc_ms(1'572'139'800'500));
}

TEST(Ingest, TimeWindowIsHalfOpen) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("window.csv",
                                     "vehicle_id,timestamp,lat,lon\n"
                                     "V1,2019-10-26T23:59:59.999Z,51.5,-0.12\n"  // 2 before
                                     "V1,2019-10-27T00:00:00Z,51.5,-0.12\n"      // 3 start: in
                                     "V1,2019-10-27T23:59:59.999Z,51.5,-0.12\n"  // 4 in
                                     "V1,2019-10-28T00:00:00Z,51.5,-0.12\n");    // 5 end: out
  IngestConfig config = config_for(path);
  config.window_start = utc_ms(1'572'134'400'000);  // date -u -d 2019-10-27T00:00:00Z
  config.window_end = utc_ms(1'572'220'800'000);    // date -u -d 2019-10-28T00:00:00Z
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  expect_problem(sink, 2, ProblemCode::time_outside_window, "timestamp");
  expect_problem(sink, 5, ProblemCode::time_outside_window, "timestamp");
  EXPECT_EQ(r.pings.line, (std::vector<std::uint32_t>{3, 4}));
}

// ---------------------------------------------------------------------------------------------
// Columns

TEST(Ingest, MapRenamesAndIgnoredColumns) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("renamed.csv",
                                     "unit;driver;fix_time;lat_deg;lon_deg;notes\n"
                                     "CAR-7;Smith;2019-10-27T01:30:00Z;51.4988;-0.1246;parked\n");
  IngestConfig config = config_for(path);
  config.fields.renames = {{"vehicle_id", "unit"}, {"timestamp", "fix_time"}, {"lat", "lat_deg"}, {"lon", "lon_deg"}};
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  EXPECT_TRUE(sink.problems().empty());
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "CAR-7");
  EXPECT_EQ(r.pings.lat_e7[0], 514'988'000);
  EXPECT_EQ(r.pings.lon_e7[0], -1'246'000);
  EXPECT_EQ(r.pings.time[0], utc_ms(1'572'139'800'000));
  const InputReport& in = r.inputs.at(0);
  EXPECT_EQ(in.delimiter, ";");
  EXPECT_EQ(in.columns_used.at("vehicle_id"), "unit");
  EXPECT_EQ(in.columns_used.at("timestamp"), "fix_time");
  EXPECT_EQ(in.columns_used.at("lat"), "lat_deg");
  EXPECT_EQ(in.columns_used.at("lon"), "lon_deg");
  EXPECT_EQ(in.columns_ignored, (std::vector<std::string>{"driver", "notes"}));
}

TEST(Ingest, DefaultAliases) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("aliases.csv",
                                     "vehicle_id,time,latitude,longitude\n"
                                     "V1,2019-10-27T01:30:00Z,51.4988,-0.1246\n");
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(r.inputs[0].columns_used.at("timestamp"), "time");
  EXPECT_EQ(r.inputs[0].columns_used.at("lat"), "latitude");
  EXPECT_EQ(r.inputs[0].columns_used.at("lon"), "longitude");
}

/// The message of the InputError that run_ingest throws, or "" when it does not throw one.
std::string input_error(const IngestConfig& config) {
  ProblemSink sink;
  try {
    (void)run_ingest(config, sink);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(Ingest, MissingRequiredColumnNamesItAndTheMapHint) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("nolat.csv", "vehicle_id,timestamp,latitude_wgs84,lon\nV1,2019-10-27T01:30:00Z,51.5,-0.12\n");
  const std::string what = input_error(config_for(path));
  EXPECT_NE(what.find(path), std::string::npos) << what;
  EXPECT_NE(what.find("'lat'"), std::string::npos) << what;
  // "latitude_wgs84" contains the alias "latitude": suggested, not used.
  EXPECT_NE(what.find("Closest: --map pings.lat=latitude_wgs84"), std::string::npos) << what;

  // "car_no" is like no vehicle alias ("unit" would be one): nothing to suggest.
  const std::string novehicle = dir.write("novehicle.csv", "car_no,timestamp,lat,lon\n");
  EXPECT_NE(input_error(config_for(novehicle)).find("no column for vehicle_id"), std::string::npos);
  EXPECT_NE(input_error(config_for(novehicle)).find("Name the columns with --map pings.FIELD=COLUMN"), std::string::npos);
  // ... unless a default vehicle is given.
  IngestConfig with_default = config_for(novehicle);
  with_default.default_vehicle = "CAR-1";
  EXPECT_EQ(input_error(with_default), "");

  // A --map rename to a column that is not there names both.
  IngestConfig renamed = config_for(path);
  renamed.fields.renames = {{"lat", "lat_deg"}};
  const std::string what2 = input_error(renamed);
  EXPECT_NE(what2.find("'lat_deg'"), std::string::npos) << what2;
  EXPECT_NE(what2.find("--map pings.lat=lat_deg"), std::string::npos) << what2;

  // A file that is not there.
  EXPECT_NE(input_error(config_for(path + ".missing")).find("no such file"), std::string::npos);
}

TEST(Ingest, TwoInputsKeepTheirFileIndex) {
  const TempDir dir("shiftline-ingest");
  const std::string a = dir.write("a.csv", "vehicle_id,timestamp,lat,lon\nV1,2019-10-27T01:30:00Z,51.5,-0.12\nV1,bad,51.5,-0.12\n");
  const std::string b = dir.write("b.csv", "vehicle_id,timestamp,lat,lon\n\nV2,2019-10-27T01:31:00Z,51.6,-0.13\nV2,bad,51.5,-0.12\n");
  IngestConfig config;
  config.paths = {a, b};
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  ASSERT_EQ(r.pings.size(), 2U);
  EXPECT_EQ(r.pings.file, (std::vector<std::uint16_t>{0, 1}));
  EXPECT_EQ(r.pings.line, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(r.pings.source(1), (SourceRef{1, 3}));
  expect_problem(sink, 3, ProblemCode::unparseable_field, "timestamp", 0);
  expect_problem(sink, 4, ProblemCode::unparseable_field, "timestamp", 1);
  ASSERT_EQ(r.inputs.size(), 2U);
  EXPECT_EQ(r.inputs[0].path, a);
  EXPECT_EQ(r.inputs[1].path, b);
  EXPECT_EQ(r.inputs[1].sha256_before, sha256_file(b));
  EXPECT_EQ(sink.rejected_in_file(0), 1U);
  EXPECT_EQ(sink.rejected_in_file(1), 1U);
}

// ---------------------------------------------------------------------------------------------
// Projected input: British National Grid.

TEST(Ingest, BritishNationalGridToWgs84) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("bng.csv",
                                     "vehicle_id,timestamp,easting,northing\n"
                                     "V1,2019-10-27T01:30:00Z,530000,180000\n"          // 2 London
                                     "V1,2019-10-27T01:31:00Z,216600,771200\n"          // 3 Fort William
                                     "V1,2019-10-27T01:32:00Z,651409.903,313177.270\n"  // 4 Norfolk
                                     "V1,2019-10-27T01:33:00Z,inf,180000\n"             // 5
                                     "V1,2019-10-27T01:34:00Z,530000,north\n");         // 6
  IngestConfig config = config_for(path);
  config.crs = "EPSG:27700";
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);

  // Debian's proj-data has no OSTN15 grid, so PROJ's best instantiable operation is the 2 m Helmert
  // fit "OSGB36 to WGS 84 (6)"; cs2cs picks the same one (checked with cct on the pipeline that
  // `projinfo -s EPSG:27700 -t EPSG:4326` lists first: identical to 1e-10 degrees).
  ASSERT_TRUE(r.transform.has_value());
  EXPECT_EQ(r.transform->source_crs, "EPSG:27700");
  EXPECT_NE(r.transform->operation.find("OSGB36 to WGS 84 (6)"), std::string::npos) << r.transform->operation;
  EXPECT_EQ(r.transform->accuracy_m, 2.0);
  EXPECT_NE(r.transform->proj_definition.find("+proj=helmert"), std::string::npos);
  EXPECT_EQ(r.inputs[0].columns_used.at("x"), "easting");
  EXPECT_EQ(r.inputs[0].columns_used.at("y"), "northing");

  expect_problem(sink, 5, ProblemCode::coordinate_transform_failed, "easting,northing");
  expect_problem(sink, 6, ProblemCode::unparseable_field, "northing");
  ASSERT_EQ(r.pings.size(), 3U);
  // echo "E N" | cs2cs EPSG:27700 EPSG:4326 -f %.10f
  const LatLon expected[] = {LatLon::from_degrees(51.5039908276, -0.1283539405),
                             LatLon::from_degrees(56.7960882200, -5.0047119062),
                             LatLon::from_degrees(52.6579785986, 1.7160519904)};
  for (std::size_t i = 0; i < 3; ++i) {
    // Within 5 cm (storage is 1e-7 degrees, about 1 cm).
    EXPECT_LT(geodesic_distance(r.pings.position(i), expected[i]).value, 0.05) << i;
  }
}

TEST(Ingest, UnknownCrsIsAUsageError) {
  const TempDir dir("shiftline-ingest");
  IngestConfig config = config_for(dir.write("x.csv", "vehicle_id,timestamp,x,y\n"));
  config.crs = "EPSG:999999";
  ProblemSink sink;
  EXPECT_THROW((void)run_ingest(config, sink), UsageError);
}

// ---------------------------------------------------------------------------------------------
// Other formats through GDAL.

TEST(Ingest, GeoJsonThroughGdal) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("pings.geojson", R"({
"type": "FeatureCollection",
"features": [
{"type": "Feature", "properties": {"vehicle_id": "V1", "timestamp": "2019-10-27T01:30:00+01:00"},
 "geometry": {"type": "Point", "coordinates": [-0.1246, 51.4988]}},
{"type": "Feature", "properties": {"vehicle_id": "V2", "timestamp": "2019-10-27T01:30:00.250Z"},
 "geometry": {"type": "Point", "coordinates": [-3.1883, 55.9533]}},
{"type": "Feature", "properties": {"vehicle_id": "V2", "timestamp": "2019-10-27T01:31:00Z"},
 "geometry": {"type": "Point", "coordinates": [0.0, 0.0]}}
]}
)");
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  ASSERT_EQ(r.inputs.size(), 1U);
  EXPECT_EQ(r.inputs[0].driver, "GeoJSON");
  EXPECT_EQ(r.inputs[0].rows_read, 3U);
  EXPECT_EQ(r.inputs[0].sha256_before, sha256_file(path));
  ASSERT_EQ(r.pings.size(), 2U);
  EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "V1");
  EXPECT_EQ(r.pings.time[0], utc_ms(1'572'136'200'000));  // 00:30Z
  EXPECT_EQ(r.pings.time[1], utc_ms(1'572'139'800'250));  // 01:30:00.250Z
  EXPECT_EQ(r.pings.lat_e7[0], 514'988'000);
  EXPECT_EQ(r.pings.lon_e7[0], -1'246'000);
  EXPECT_EQ(r.pings.lat_e7[1], 559'533'000);
  EXPECT_EQ(r.pings.lon_e7[1], -31'883'000);
  ASSERT_EQ(sink.problems().size(), 1U);
  EXPECT_EQ(sink.problems()[0].code, ProblemCode::null_island);
  // Rows of OGR inputs are identified by their feature id, which `ogrinfo -ro -al` shows as
  // OGRFeature(pings):0, 1, 2 for this file. (FID 0 is the same number that error.hpp's located()
  // reads as "line unknown"; reported, not decided here.)
  EXPECT_EQ(r.pings.line, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(sink.problems()[0].where.line, 2U);
}

TEST(Ingest, GpxThroughGdal) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("track.gpx", R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="shiftline tests" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>CAR-9</name><trkseg>
  <trkpt lat="51.4988" lon="-0.1246"><ele>10</ele><time>2019-10-27T00:30:00Z</time></trkpt>
  <trkpt lat="51.4990" lon="-0.1250"><time>2019-10-27T00:30:30.500Z</time></trkpt>
  <trkpt lat="51.4995" lon="-0.1255"><time>2019-10-27T01:31:00+01:00</time></trkpt>
 </trkseg></trk>
</gpx>
)");
  IngestConfig config = config_for(path);
  config.default_vehicle = "CAR-9";
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  EXPECT_TRUE(sink.problems().empty());
  ASSERT_EQ(r.inputs.size(), 1U);
  EXPECT_EQ(r.inputs[0].driver, "GPX");
  EXPECT_EQ(r.inputs[0].layer, "track_points");
  EXPECT_EQ(r.inputs[0].columns_used.at("timestamp"), "time");
  ASSERT_EQ(r.pings.size(), 3U);
  EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "CAR-9");
  // date -u -d 2019-10-27T00:30:00Z +%s = 1572136200
  EXPECT_EQ(r.pings.time[0], utc_ms(1'572'136'200'000));
  EXPECT_EQ(r.pings.time[1], utc_ms(1'572'136'230'500));
  EXPECT_EQ(r.pings.time[2], utc_ms(1'572'136'260'000));
  EXPECT_EQ(r.pings.lat_e7, (std::vector<std::int32_t>{514'988'000, 514'990'000, 514'995'000}));
  EXPECT_EQ(r.pings.lon_e7, (std::vector<std::int32_t>{-1'246'000, -1'250'000, -1'255'000}));
  // Row ids are the track_points FIDs that `ogrinfo -ro track.gpx track_points` shows.
  EXPECT_EQ(r.pings.line, (std::vector<std::uint32_t>{0, 1, 2}));
}

// GDAL parses typed date-time fields itself and keeps milliseconds only (`ogrinfo` shows
// 00:30:00.1234Z as 00:30:00.123). GeoJSON is opened with DATE_AS_STRING=YES, so its text goes
// through our parser, which refuses sub-millisecond digits as the CSV path does.
TEST(Ingest, GeoJsonSubMillisecondTimeIsRefusedNotTruncated) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("subms.geojson", R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"vehicle_id": "V1", "timestamp": "2019-10-27T01:30:00.1234+01:00"},
 "geometry": {"type": "Point", "coordinates": [-0.1246, 51.4988]}}]}
)");
  ProblemSink sink;
  const IngestResult r = run_ingest(config_for(path), sink);
  EXPECT_EQ(r.pings.size(), 0U) << "read as " << format_utc(r.pings.time.empty() ? Instant{} : r.pings.time[0]);
  ASSERT_EQ(sink.problems().size(), 1U);
  EXPECT_EQ(sink.problems()[0].code, ProblemCode::unparseable_field);
  EXPECT_EQ(r.inputs[0].time_parsed_by, "shiftline (text)");
}

// The GPX driver has no such option: GDAL hands the time over with milliseconds only. That is a
// limit of the format's reader, so it is recorded per input in the manifest rather than hidden.
TEST(Ingest, GpxTimeIsReadByGdalToTheMillisecondAndSaysSo) {
  const TempDir dir("shiftline-ingest");
  const std::string path = dir.write("subms.gpx", R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="shiftline tests" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><trkseg>
  <trkpt lat="51.4988" lon="-0.1246"><time>2019-10-27T00:30:00.1234Z</time></trkpt>
 </trkseg></trk>
</gpx>
)");
  IngestConfig config = config_for(path);
  config.default_vehicle = "CAR-9";
  ProblemSink sink;
  const IngestResult r = run_ingest(config, sink);
  ASSERT_EQ(r.pings.size(), 1U);
  EXPECT_EQ(format_utc(r.pings.time[0]), "2019-10-27T00:30:00.123Z");
  EXPECT_EQ(r.inputs[0].time_parsed_by.rfind("GDAL", 0), 0U) << r.inputs[0].time_parsed_by;
}

}  // namespace
}  // namespace shiftline::ingest
