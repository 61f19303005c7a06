#include <gtest/gtest.h>

#include "shiftline/dwell/dwell.hpp"
#include "support/track_builder.hpp"

namespace shiftline::dwell {
namespace {

using test::AsciiMap;
using test::make_track;

// Cells of 10 m. A and a are 20 m apart, B is 100 m east of A, C 40 m east of A.
const AsciiMap kMap(
    "A.a.C.....B\n"
    "...........\n",
    10.0);

DwellConfig defaults() { return DwellConfig{}; }

TEST(StayPoint, ParkedCarIsOneDwellEndingAtLastPingInside) {
  const auto track = make_track(kMap, "B@07:50 A@08:00 a@08:01 A@08:02 a@08:03 B@08:04 B@08:10");
  const auto dwells = detect_stay_points(track, defaults());
  ASSERT_EQ(dwells.size(), 2U);
  EXPECT_EQ(dwells[0].first, 1U);
  EXPECT_EQ(dwells[0].last, 4U);  // a@08:03, not B@08:04
  EXPECT_EQ(track.time[dwells[0].last] - track.time[dwells[0].first], Millis{180'000});
  // The mean of A, a, A, a is 10 m east of A; every ping is then 10 m from it.
  EXPECT_NEAR(geodesic_distance(dwells[0].location, test::offset(kMap['A'], 10, 0)).value, 0.0, 0.01);
  EXPECT_NEAR(dwells[0].radius.value, 10.0, 0.01);
  // B@08:04 .. B@08:10 is 6 minutes at one place, but the silence of 6 min is a gap: bridged.
  EXPECT_EQ(dwells[1].first, 5U);
  EXPECT_EQ(dwells[1].bridged_gap, Millis{360'000});
}

TEST(StayPoint, ShorterThanMinimumIsNoDwell) {
  const auto track = make_track(kMap, "A@08:00 a@08:01 A@08:01:59 B@08:03");
  EXPECT_TRUE(detect_stay_points(track, defaults()).empty());
  auto exact = defaults();
  exact.min_duration = Millis{119'000};  // inclusive bound
  EXPECT_EQ(detect_stay_points(track, exact).size(), 1U);
}

TEST(StayPoint, RadiusIsMeasuredFromTheFirstPingOnly) {
  // C is 40 m from A: inside 50 m. Then 60 m from A at cell 6? Use a radius of 30 m instead:
  auto config = defaults();
  config.radius = Meters{30.0};
  const auto track = make_track(kMap, "A@08:00 a@08:01 C@08:02 C@08:05");
  // From A: a is 20 m (inside), C is 40 m (outside) -> A..a lasts 1 min: no dwell. From a: C is
  // 20 m away -> a@08:01 .. C@08:05 is 4 minutes.
  const auto dwells = detect_stay_points(track, config);
  ASSERT_EQ(dwells.size(), 1U);
  EXPECT_EQ(dwells[0].first, 1U);
  EXPECT_EQ(dwells[0].last, 3U);
}

TEST(StayPoint, GapWithMovementIsNeverBridged) {
  // Parked at A, silent for 30 min, reappears at C, 40 m east. With a 35 m radius the car moved
  // across the silence: two dwells, neither crossing it.
  auto config = defaults();
  config.radius = Meters{35.0};
  const auto moved = make_track(kMap, "A@08:00 A@08:03 C@08:33 C@08:36");
  auto dwells = detect_stay_points(moved, config);
  ASSERT_EQ(dwells.size(), 2U);
  EXPECT_EQ(dwells[0].last, 1U);
  EXPECT_EQ(dwells[0].bridged_gap, Millis{0});
  EXPECT_EQ(dwells[1].first, 2U);
  EXPECT_EQ(dwells[1].bridged_gap, Millis{0});
  // With a 50 m radius both sides are within it of each other: the silence is bridged.
  config.radius = Meters{50.0};
  dwells = detect_stay_points(moved, config);
  ASSERT_EQ(dwells.size(), 1U);
  EXPECT_EQ(dwells[0].last, 3U);
  EXPECT_EQ(dwells[0].bridged_gap, Millis{30 * 60'000});
}

TEST(StayPoint, SilenceLongerThanMaxBridgeBreaksTheDwell) {
  auto config = defaults();
  config.max_bridge = Millis{20 * 60'000};
  const auto track = make_track(kMap, "A@08:00 A@08:03 A@08:33 A@08:40");
  const auto dwells = detect_stay_points(track, config);
  ASSERT_EQ(dwells.size(), 2U);
  EXPECT_EQ(dwells[0].last, 1U);
  EXPECT_EQ(dwells[1].first, 2U);
}

}  // namespace
}  // namespace shiftline::dwell
