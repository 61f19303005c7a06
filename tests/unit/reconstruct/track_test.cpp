// Gaps and position at an instant, on tracks whose geometry is fixed by the geodesic direct
// problem (tests/support), so distances are known independently of the engine.
#include "shiftline/reconstruct/track.hpp"

#include <gtest/gtest.h>

#include "support/track_builder.hpp"

namespace shiftline::reconstruct {
namespace {

using test::AsciiMap;
using test::at;
using test::make_track;

// Cells of 100 m: B is 400 m east of A.
const AsciiMap kMap("A...B\n", 100.0);

TEST(FindGaps, SilenceStrictlyLongerThanTheThreshold) {
  const auto track = make_track(kMap, "A@08:00 A@08:05 A@08:10:01 B@08:20");
  const auto gaps = find_gaps(track, GapConfig{});  // 5 min
  // 08:00 -> 08:05 is exactly 5 min: not a gap. 08:05 -> 08:10:01 and 08:10:01 -> 08:20 are.
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[0].before, 1U);
  EXPECT_EQ(gaps[0].after(), 2U);
  EXPECT_EQ(gaps[1].before, 2U);
}

TEST(PositionAt, InterpolatesAndMeasuresToBothPings) {
  const auto track = make_track(kMap, "A@08:00 B@08:04");
  const auto p = position_at(track, at("2024-01-15T08:01:00Z"), GapConfig{});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->before, 0U);
  EXPECT_EQ(p->after, 1U);
  // A quarter of the way along 400 m: 100 m from A, 300 m from B (linear in degrees along a
  // parallel differs from the geodesic by well under a millimetre here).
  EXPECT_NEAR(p->from_before.value, 100.0, 0.01);
  EXPECT_NEAR(p->to_after.value, 300.0, 0.01);
  EXPECT_FALSE(p->in_gap);
}

TEST(PositionAt, AtAPingAndOutsideTheTrack) {
  const auto track = make_track(kMap, "A@08:00 B@08:04");
  const auto p = position_at(track, at("2024-01-15T08:04:00Z"), GapConfig{});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->before, 1U);
  EXPECT_EQ(p->after, 1U);
  EXPECT_EQ(p->at, kMap['B']);
  EXPECT_FALSE(position_at(track, at("2024-01-15T07:59:59Z"), GapConfig{}));
  EXPECT_FALSE(position_at(track, at("2024-01-15T08:04:00.001Z"), GapConfig{}));
}

TEST(PositionAt, InsideAGapIsFlagged) {
  const auto track = make_track(kMap, "A@08:00 B@08:30");
  const auto p = position_at(track, at("2024-01-15T08:15:00Z"), GapConfig{});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->in_gap);
  EXPECT_NEAR(p->from_before.value, 200.0, 0.01);
}

TEST(PositionAt, CrossesTheAntimeridianTheShortWay) {
  // From 179.9990 E to 179.9990 W over two minutes: halfway is 180 (written -180 or 180).
  const auto track = test::make_track({LatLon::from_degrees(0.0, 179.999), LatLon::from_degrees(0.0, -179.999)},
                                      {at("2024-01-15T08:00:00Z"), at("2024-01-15T08:02:00Z")});
  const auto p = position_at(track, at("2024-01-15T08:01:00Z"), GapConfig{});
  ASSERT_TRUE(p);
  EXPECT_NEAR(std::abs(p->at.lon), 180.0, 1e-9);
  // 0.002 degrees of longitude at the equator is 222.64 m (geod: 222.639), half each way.
  EXPECT_NEAR(p->from_before.value, 111.32, 0.01);
}

}  // namespace
}  // namespace shiftline::reconstruct
