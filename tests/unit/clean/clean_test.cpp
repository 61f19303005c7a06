// Cleaning rules (docs/cleaning.md) on small hand-made tables; every expected value is worked out
// in the comments.
#include "shiftline/clean/clean.hpp"

#include <gtest/gtest.h>

#include "support/track_builder.hpp"

namespace shiftline::clean {
namespace {

using test::at;

// Appends one row to a table as ingest would: lines count from 2 in the order rows are added.
struct TableBuilder {
  ingest::PingTable table;
  std::uint32_t next_line = 2;
  TableBuilder& add(std::string_view vehicle, std::string_view time, double lat, double lon, std::uint16_t file = 0) {
    table.time.push_back(at(time));
    table.lat_e7.push_back(to_e7(lat));
    table.lon_e7.push_back(to_e7(lon));
    table.vehicle.push_back(table.vehicles.intern(vehicle));
    table.line.push_back(next_line++);
    table.file.push_back(file);
    return *this;
  }
};

Track clean_all(const ingest::PingTable& table, ProblemSink& problems, const CleanConfig& config = {}) {
  const VehicleGroups groups = group_by_vehicle(table);
  EXPECT_EQ(groups.count(), 1U);
  Track track;
  clean_vehicle(table, groups.rows(0), config, track, problems);
  return track;
}

std::vector<std::uint32_t> lines(const ingest::PingTable& table, const Track& track) {
  std::vector<std::uint32_t> out;
  for (const auto row : track.ping) out.push_back(table.line[row]);
  return out;
}

TEST(GroupByVehicle, OrdersVehiclesByNameAndKeepsInputOrderWithin) {
  TableBuilder b;
  b.add("zeta", "2024-01-01T00:00:02Z", 51, 0).add("alpha", "2024-01-01T00:00:01Z", 51, 0);
  b.add("zeta", "2024-01-01T00:00:01Z", 51, 0).add("alpha", "2024-01-01T00:00:00Z", 51, 0);
  const VehicleGroups g = group_by_vehicle(b.table);
  ASSERT_EQ(g.count(), 2U);
  EXPECT_EQ(b.table.vehicles.name(g.vehicles[0]), "alpha");
  EXPECT_EQ(std::vector<std::uint32_t>(g.rows(0).begin(), g.rows(0).end()), (std::vector<std::uint32_t>{1, 3}));
  EXPECT_EQ(std::vector<std::uint32_t>(g.rows(1).begin(), g.rows(1).end()), (std::vector<std::uint32_t>{0, 2}));
}

TEST(Clean, UnsortedInputIsSortedNotRejected) {
  TableBuilder b;
  b.add("v", "2024-01-01T00:02:00Z", 51.0, 0.0).add("v", "2024-01-01T00:00:00Z", 51.0, 0.0);
  b.add("v", "2024-01-01T00:01:00Z", 51.0, 0.0);
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  EXPECT_TRUE(problems.problems().empty());
  EXPECT_EQ(lines(b.table, t), (std::vector<std::uint32_t>{3, 4, 2}));
  EXPECT_TRUE(std::is_sorted(t.time.begin(), t.time.end()));
}

TEST(Clean, ExactDuplicateKeepsTheFirstBySource) {
  TableBuilder b;
  b.add("v", "2024-01-01T00:01:00Z", 51.0, 0.0).add("v", "2024-01-01T00:00:00Z", 51.0, 0.0);
  b.add("v", "2024-01-01T00:01:00Z", 51.0, 0.0);  // line 4 repeats line 2
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  EXPECT_EQ(lines(b.table, t), (std::vector<std::uint32_t>{3, 2}));
  ASSERT_EQ(problems.problems().size(), 1U);
  EXPECT_EQ(problems.problems()[0].where.line, 4U);
  EXPECT_EQ(problems.problems()[0].code, ProblemCode::duplicate);
  EXPECT_NE(problems.problems()[0].detail.find("line 2"), std::string::npos);
}

TEST(Clean, ConflictingDuplicatesAreAllRejected) {
  TableBuilder b;
  b.add("v", "2024-01-01T00:00:00Z", 51.0, 0.0).add("v", "2024-01-01T00:01:00Z", 51.0, 0.0);
  b.add("v", "2024-01-01T00:01:00Z", 51.0001, 0.0).add("v", "2024-01-01T00:01:00Z", 51.0, 0.0);
  b.add("v", "2024-01-01T00:02:00Z", 51.0, 0.0);
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  EXPECT_EQ(lines(b.table, t), (std::vector<std::uint32_t>{2, 6}));
  ASSERT_EQ(problems.problems().size(), 3U);  // lines 3, 4 and 5: one differs, so none is trusted
  for (const Problem& p : problems.problems()) EXPECT_EQ(p.code, ProblemCode::conflicting_duplicate);
}

TEST(Clean, LoneOutAndBackJumpIsASpike) {
  // 0.01 degrees of latitude is 1,113 m; in 10 s that is 401 km/h both ways: a spike. The
  // neighbours are 20 s apart at the same place: 0 km/h.
  TableBuilder b;
  b.add("v", "2024-01-01T00:00:00Z", 51.0, 0.0).add("v", "2024-01-01T00:00:10Z", 51.01, 0.0);
  b.add("v", "2024-01-01T00:00:20Z", 51.0, 0.0).add("v", "2024-01-01T00:00:30Z", 51.0, 0.0);
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  EXPECT_EQ(lines(b.table, t), (std::vector<std::uint32_t>{2, 4, 5}));
  ASSERT_EQ(problems.problems().size(), 1U);
  EXPECT_EQ(problems.problems()[0].code, ProblemCode::speed_spike);
  EXPECT_EQ(problems.problems()[0].where.line, 3U);
  // With a limit of 450 km/h the same ping is believable.
  ProblemSink none;
  CleanConfig fast;
  fast.max_speed_kmh = 450.0;
  EXPECT_EQ(clean_all(b.table, none, fast).size(), 4U);
  EXPECT_TRUE(none.problems().empty());
}

TEST(Clean, FastButSteadyTravelIsNotASpike) {
  // Three pings 1,113 m apart every 10 s in a straight line: fast (401 km/h) but p[i-1] -> p[i+1]
  // is just as fast, so the middle ping did not jump away and back.
  TableBuilder b;
  b.add("v", "2024-01-01T00:00:00Z", 51.0, 0.0).add("v", "2024-01-01T00:00:10Z", 51.01, 0.0);
  b.add("v", "2024-01-01T00:00:20Z", 51.02, 0.0);
  ProblemSink problems;
  EXPECT_EQ(clean_all(b.table, problems).size(), 3U);
  EXPECT_TRUE(problems.problems().empty());
}

TEST(Clean, FirstAndLastPingsAreNeverSpikes) {
  TableBuilder b;
  b.add("v", "2024-01-01T00:00:00Z", 52.0, 0.0).add("v", "2024-01-01T00:00:10Z", 51.0, 0.0);
  b.add("v", "2024-01-01T00:00:20Z", 51.0, 0.0).add("v", "2024-01-01T00:00:30Z", 53.0, 0.0);
  ProblemSink problems;
  EXPECT_EQ(clean_all(b.table, problems).size(), 4U);
  EXPECT_TRUE(problems.problems().empty());
}

TEST(Clean, GpsWeekRolloverIsRejected) {
  // 2019-06-01 minus 1024 weeks (7168 days) is 1999-10-16: a receiver that missed the April 2019
  // rollover reports that date. The median of the vehicle's times is 2019-06-01.
  TableBuilder b;
  b.add("v", "1999-10-16T10:00:00Z", 51.0, 0.0);
  for (int m = 0; m < 5; ++m) b.add("v", "2019-06-01T10:0" + std::to_string(m) + ":00Z", 51.0, 0.0);
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  EXPECT_EQ(t.size(), 5U);
  ASSERT_EQ(problems.problems().size(), 1U);
  EXPECT_EQ(problems.problems()[0].code, ProblemCode::gps_week_rollover_suspected);
  EXPECT_EQ(problems.problems()[0].where.line, 2U);
  // A ping two years early but not by 1024 weeks is left alone.
  TableBuilder c;
  c.add("v", "2017-06-01T10:00:00Z", 51.0, 0.0);
  for (int m = 0; m < 5; ++m) c.add("v", "2019-06-01T10:0" + std::to_string(m) + ":00Z", 51.0, 0.0);
  ProblemSink none;
  EXPECT_EQ(clean_all(c.table, none).size(), 6U);
  CleanConfig off;
  off.detect_week_rollover = false;
  ProblemSink none2;
  EXPECT_EQ(clean_all(b.table, none2, off).size(), 6U);
}

TEST(Clean, TiesInTimeAreBrokenByFileThenLine) {
  // Same instant and position in file 1 line 2 and file 0 line 3: file 0 is the source kept.
  TableBuilder b;
  b.add("v", "2024-01-01T00:00:00Z", 51.0, 0.0, 1).add("v", "2024-01-01T00:00:00Z", 51.0, 0.0, 0);
  ProblemSink problems;
  const Track t = clean_all(b.table, problems);
  ASSERT_EQ(t.size(), 1U);
  EXPECT_EQ(b.table.file[t.ping[0]], 0);
  ASSERT_EQ(problems.problems().size(), 1U);
  EXPECT_EQ(problems.problems()[0].where.file, 1);
}

}  // namespace
}  // namespace shiftline::clean
