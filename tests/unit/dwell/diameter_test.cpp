// Diameter stops (MovingPandas 0.22.4 TrajectoryStopDetector semantics, docs/dwells.md) and the
// minimum rotated rectangle behind them. Every expectation below is worked out by hand from the
// rule; the comments show the window at each ping ("[i..k]" are track indices, "stopped" is the
// state after that ping). Defaults: max_diameter 100 m, min_duration 120 s, gap 5 min, max_bridge
// 12 h.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dwell/min_rect_internal.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "support/track_builder.hpp"

namespace shiftline::dwell {
namespace {

using detail::MinRotatedRect;
using detail::XY;
using test::AsciiMap;
using test::at;
using test::make_track;
using test::offset;

// Cells of 10 m on one row: B is 20 m east of A, C 60 m, D 110 m, Z 250 m.
const AsciiMap kMap("A.B...C....D.............Z\n", 10.0);

DwellConfig defaults() {
  DwellConfig config;
  config.method = Method::diameter;
  return config;
}

std::vector<Instant> times(std::initializer_list<const char*> clocks) {
  std::vector<Instant> out;
  for (const char* c : clocks) out.push_back(at(std::string("2024-01-15T") + c + "Z"));
  return out;
}

// ---- The MovingPandas window rule ------------------------------------------------------------

TEST(DiameterStops, StopFoundAndEndsAtThePingBeforeTheBreak) {
  // 0 A@08:00: [0] one ping, not stopped.
  // 1 B@08:01: [0..1] two pings 20 m apart < 100 -> stopped.
  // 2 A, 3 B:  stopped, so nothing is dropped: [0..3], hull the line A-B, 20 m -> stopped.
  // 4 Z@08:04: [0..4] spans A..Z = 250 m (bounding box >= 150 m) -> not stopped. It was stopped:
  //            the stop is [0..3], 08:00..08:03 = 180 s >= 120 s -> emitted.
  const auto track = make_track(kMap, "A@08:00 B@08:01 A@08:02 B@08:03 Z@08:04");
  const auto stops = detect_diameter_stops(track, defaults());
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 3U);
  EXPECT_EQ(stops[0].bridged_gap, Millis{0});
  // Per-axis median of A, B, A, B: halfway between A and B, 10 m east of A; every ping 10 m away.
  EXPECT_NEAR(geodesic_distance(stops[0].location, offset(kMap['A'], 10, 0)).value, 0.0, 0.01);
  EXPECT_NEAR(stops[0].radius.value, 10.0, 0.01);
  // detect_dwells dispatches on the method.
  EXPECT_EQ(detect_dwells(track, defaults()).size(), 1U);
}

TEST(DiameterStops, JustBelowMinDurationIsNoStopAndTheBoundIsInclusive) {
  // [0..2] is stopped (A, B, A within 20 m); Z@08:03 breaks it. The stop would be [0..2],
  // 08:00:00..08:01:59 = 119 s < 120 s: not emitted (MovingPandas keeps the window and trims it).
  const auto track = make_track(kMap, "A@08:00 B@08:01 A@08:01:59 Z@08:03");
  EXPECT_TRUE(detect_diameter_stops(track, defaults()).empty());
  // MovingPandas compares with >=: a minimum of exactly 119 s accepts it.
  auto config = defaults();
  config.min_duration = Millis{119'000};
  const auto stops = detect_diameter_stops(track, config);
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 2U);
}

TEST(DiameterStops, WindowDropsFrontPingsBeforeItStops) {
  // 0 Z@08:00:00
  // 1 A@08:00:30: [0..1] Z-A is 250 m -> not stopped.
  // 2 A@08:01:30: not stopped, so trim: 3 pings, 08:01:30 - 08:00:00 = 90 s < 120 s, keep.
  //               [0..2] still contains Z -> not stopped.
  // 3 A@08:02:30: trim: 4 pings and 150 s >= 120 s -> drop Z; 3 pings and 08:02:30 - 08:00:30 =
  //               120 s >= 120 s -> drop ping 1 as well, although it is at A; 2 pings remain.
  //               [2..3] -> stopped.
  // 4 A@08:03:30: stopped, no trimming: [2..4].
  // 5 Z@08:04:30: breaks; stop [2..4], 08:01:30..08:03:30 = 120 s -> emitted. It starts at ping 2,
  //               not at ping 1, the first ping at A (a stay-point detector would start there).
  const auto track = make_track(kMap, "Z@08:00:00 A@08:00:30 A@08:01:30 A@08:02:30 A@08:03:30 Z@08:04:30");
  const auto stops = detect_diameter_stops(track, defaults());
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 2U);
  EXPECT_EQ(stops[0].last, 4U);
}

TEST(DiameterStops, StopStillOpenAtTheLastPingIsKept) {
  // [0..2] stopped at the last ping, 08:00..08:02 = 120 s >= 120 s -> kept.
  const auto open = make_track(kMap, "A@08:00 B@08:01 A@08:02");
  const auto stops = detect_diameter_stops(open, defaults());
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 2U);
  // Same with the last ping at 08:01:59: 119 s -> dropped.
  const auto short_open = make_track(kMap, "A@08:00 B@08:01 A@08:01:59");
  EXPECT_TRUE(detect_diameter_stops(short_open, defaults()).empty());
}

TEST(DiameterStops, TwoPingsAreMeasuredByTheirGeodesic) {
  // Two pings: MovingPandas measures the geodesic between them. A-C is 60 m < 100 m -> stopped at
  // the last ping, 120 s -> kept. A-D is 110 m -> never stopped.
  const auto near = detect_diameter_stops(make_track(kMap, "A@08:00 C@08:02"), defaults());
  ASSERT_EQ(near.size(), 1U);
  EXPECT_EQ(near[0].first, 0U);
  EXPECT_EQ(near[0].last, 1U);
  EXPECT_TRUE(detect_diameter_stops(make_track(kMap, "A@08:00 D@08:02"), defaults()).empty());
}

TEST(DiameterStops, EmptyAndSinglePingTracksHaveNoStops) {
  EXPECT_TRUE(detect_diameter_stops(clean::Track{}, defaults()).empty());
  EXPECT_TRUE(detect_diameter_stops(make_track(kMap, "A@08:00"), defaults()).empty());
}

// A square of side s metres (sides north-south and east-west) and a ping C 0.1 m west and 0.1 m
// north of its centre, pinged C, SW, NE, SE, NW every 30 s, then Z, 1 km away. The rectangle of
// the four corners is the square itself (its degree image is an axis-aligned rectangle), whose
// diagonal is s * sqrt(2) give or take a millimetre.
clean::Track square_track(double s) {
  const LatLon sw = LatLon::from_degrees(51.5, -0.12);
  const std::vector<LatLon> positions = {offset(sw, s / 2 - 0.1, s / 2 + 0.1), sw, offset(sw, s, s), offset(sw, s, 0),
                                         offset(sw, 0, s), offset(sw, 1000, 0)};
  return make_track(positions, times({"08:00:00", "08:00:30", "08:01:00", "08:01:30", "08:02:00", "08:02:30"}));
}

TEST(DiameterStops, SquareJustUnderTheDiameterIsAStop) {
  // s = 70.4 m: diagonal 99.56 m.
  // 1 SW: [0..1] C-SW 50 m -> stopped.
  // 2 NE: [0..2] C lies 0.14 m off the line SW-NE: a flat triangle whose rectangle is flush with
  //       SW-NE and a fraction of a metre wide; its diagonals are 99.56 +- 0.2 m (99.62 m
  //       measured) < 100 -> stopped.
  // 3 SE: [0..3] hull SW, C, NE, SE. Flush with the square's sides the rectangle is the square
  //       (area s^2); flush with SW-C or C-NE it is 99.6 m x (49.8 + 0.14) m, 0.3 % larger. So
  //       the square: 99.56 m -> stopped. 4 NW: the whole square -> stopped.
  // 5 Z: breaks; stop [0..4], 08:00:00..08:02:00 = 120 s -> emitted.
  const auto stops = detect_diameter_stops(square_track(70.4), defaults());
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 4U);
}

TEST(DiameterStops, SquareJustOverTheDiameterIsNoStop) {
  // s = 71.2 m: diagonal 100.69 m.
  // 1 SW: [0..1] 50 m -> stopped.
  // 2 NE: [0..2] 100.69 +- 0.2 m (100.75 m measured) >= 100 -> not stopped; the stop [0..1]
  //       lasted 30 s < 120 s, so
  //       nothing is emitted and the window stays [0..2].
  // 3 SE: not stopped, trim: 08:01:30 - 08:00:00 = 90 s, keep. [0..3] -> the square, 100.69 m.
  // 4 NW: trim: 120 s >= 120 s -> drop C; [1..4] is the square, 100.69 m -> not stopped.
  // 5 Z:  trim: drop SW; [2..5] contains Z -> not stopped. No stop.
  EXPECT_TRUE(detect_diameter_stops(square_track(71.2), defaults()).empty());
}

TEST(DiameterStops, BoundingBoxPrefilterRejectsAWindowWhoseRectangleFits) {
  // At 60 N a degree of longitude is 55.8 km and of latitude 111.4 km. A "diamond" in degrees
  // around (60 N, 10 E), d = 0.0008: N = (60 + d, 10), E = (60, 10 + d), S = (60 - 0.9 d, 10),
  // W = (60, 10 - 0.9 d). Its minimum rectangle is flush with N-E (and the parallel S-W; the
  // other two edges give a 2.5 % larger one), and shapely's corner 0 -> 2 runs from
  // (60 + 0.05 d, 10 - 0.95 d) to E: 1.95 d of longitude and 0.05 d of latitude, 87.2 m < 100 m.
  // But MovingPandas first measures its bounding box, (60 - 0.9 d, 10 - 0.9 d) -> (60 + d, 10 + d):
  // 1.9 d of latitude and of longitude, 189.4 m >= 1.5 * 100 m, and then never looks at the
  // rectangle.
  const double d = 0.0008;
  const LatLon n = LatLon::from_degrees(60 + d, 10);
  const LatLon e = LatLon::from_degrees(60, 10 + d);
  const LatLon s = LatLon::from_degrees(60 - 0.9 * d, 10);
  const LatLon w = LatLon::from_degrees(60, 10 - 0.9 * d);
  const std::vector<XY> diamond = {{n.lon, n.lat}, {e.lon, e.lat}, {s.lon, s.lat}, {w.lon, w.lat}};
  EXPECT_NEAR(detail::mrr_diagonal_geodesic(detail::minimum_rotated_rectangle(diamond)).value, 87.2, 0.1);
  EXPECT_NEAR(detail::bbox_diagonal_geodesic(diamond).value, 189.4, 0.5);

  // X is 1.1 km north. 0 X; 1 N; 2 E; 3 S: windows containing X are never stopped (no trimming
  // yet: at most 90 s). 4 W@08:02:00: trim: 120 s -> drop X; [1..4] is the diamond: prefilter
  // 189.4 m -> not stopped. 5 N@08:02:30: trim: 120 s -> drop ping 1; [2..5] is the same diamond
  // -> not stopped. No stop. (Without the prefilter [1..4] would be stopped, nothing would be
  // trimmed after it, and the track would end in the stop [1..5], 08:00:30..08:02:30.)
  const auto track = make_track({LatLon::from_degrees(60.01, 10), n, e, s, w, n},
                                times({"08:00:00", "08:00:30", "08:01:00", "08:01:30", "08:02:00", "08:02:30"}));
  EXPECT_TRUE(detect_diameter_stops(track, defaults()).empty());
}

// ---- Shiftline's gap rule on top -------------------------------------------------------------

TEST(DiameterStops, BridgeableSilenceStaysInsideTheStop) {
  // 08:02 -> 08:32 is 30 min of silence (> 5 min gap, <= 12 h max_bridge) between A and B, 20 m
  // apart (<= 100 m): bridgeable, the track is not split. MovingPandas on the whole track:
  // [0..5] stopped (A and B only), Z@08:35 breaks it: stop [0..5], 34 min, bridging 30 min.
  const auto track = make_track(kMap, "A@08:00 B@08:01 A@08:02 B@08:32 A@08:33 B@08:34 Z@08:35");
  const auto stops = detect_diameter_stops(track, defaults());
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 5U);
  EXPECT_EQ(stops[0].bridged_gap, Millis{30 * 60'000});
}

TEST(DiameterStops, SilenceLongerThanMaxBridgeSplitsTheTrack) {
  // Same track, max_bridge 20 min: the 30 min silence splits it into [0..2] and [3..6], and each
  // piece is run on its own. [0..2]: stopped at its last ping, 08:00..08:02 = 120 s -> kept.
  // [3..6]: [3..5] stopped, Z breaks it: 08:32..08:34 = 120 s -> kept. (MovingPandas, with no gap
  // rule, would report the single stop [0..5] across the silence.)
  auto config = defaults();
  config.max_bridge = Millis{20 * 60'000};
  const auto track = make_track(kMap, "A@08:00 B@08:01 A@08:02 B@08:32 A@08:33 B@08:34 Z@08:35");
  const auto stops = detect_diameter_stops(track, config);
  ASSERT_EQ(stops.size(), 2U);
  EXPECT_EQ(stops[0].first, 0U);
  EXPECT_EQ(stops[0].last, 2U);
  EXPECT_EQ(stops[1].first, 3U);
  EXPECT_EQ(stops[1].last, 5U);
  EXPECT_EQ(stops[0].bridged_gap, Millis{0});
  EXPECT_EQ(stops[1].bridged_gap, Millis{0});
}

TEST(DiameterStops, SilenceAcrossMovementSplitsTheTrack) {
  // A@08:00 C@08:01 A@08:02, 30 min silence, then D (110 m from A) for 3 minutes, with a
  // max_diameter of 105 m. The pings either side of the silence, A and D, are 110 m apart
  // (> 105 m): not bridgeable, split into [0..2] and [3..6]. Piece [0..2]: A-C 60 m, stopped to
  // its end, 120 s -> kept. Piece [3..6]: all at D, stopped to its end, 08:32..08:35 -> kept.
  auto config = defaults();
  config.max_diameter = Meters{105.0};
  const auto track = make_track(kMap, "A@08:00 C@08:01 A@08:02 D@08:32 D@08:33 D@08:34 D@08:35");
  const auto stops = detect_diameter_stops(track, config);
  ASSERT_EQ(stops.size(), 2U);
  EXPECT_EQ(stops[0].last, 2U);
  EXPECT_EQ(stops[1].first, 3U);
  EXPECT_EQ(stops[1].last, 6U);
}

// ---- Minimum rotated rectangle (shapely's, see min_rect_internal.hpp) ------------------------

TEST(MinRotatedRect, OrientationIsExact) {
  // (0.5, 0.5), (12, 12), (24, 24) are exactly collinear; moving the last y up by one ulp puts it
  // to the left, which the plain double determinant cannot see (it rounds to 0).
  EXPECT_EQ(detail::orientation({0.5, 0.5}, {12, 12}, {24, 24}), 0);
  EXPECT_EQ(detail::orientation({0.5, 0.5}, {12, 12}, {24, std::nextafter(24.0, 25.0)}), 1);
  EXPECT_EQ(detail::orientation({0.5, 0.5}, {12, 12}, {24, std::nextafter(24.0, 23.0)}), -1);
  EXPECT_EQ(detail::orientation({0, 0}, {1, 0}, {0, 1}), 1);
}

TEST(MinRotatedRect, HullIsClockwiseFromTheLowestPointWithoutCollinearOrRepeatedPoints) {
  // A unit square with an interior point, a repeated corner and an edge midpoint: GEOS order is
  // clockwise from the lowest (then leftmost) corner.
  const std::vector<XY> pts = {{1, 1}, {0.5, 0.5}, {0, 0}, {1, 0}, {0, 1}, {0.5, 0}, {1, 1}};
  const std::vector<XY> expected = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
  EXPECT_EQ(detail::convex_hull(pts), expected);
}

TEST(MinRotatedRect, AxisAlignedRectangleTakesTheFirstHullEdge) {
  // Hull (0,0) (0,2) (4,2) (4,0). Every edge gives the same 4 x 2 rectangle with area exactly 8, so
  // the first edge, (0,0) -> (0,2), wins (Python's min keeps the first). Its frame: u = (0, 1),
  // v = (-1, 0); the hull becomes X = y in [0, 2], Y = -x in [-4, 0]. Corner 0 = (X 0, Y -4) ->
  // (x, y) = (4, 0); corner 1 = (2, -4) -> (4, 2); corner 2 = (2, 0) -> (0, 2); corner 3 -> (0, 0).
  const std::vector<XY> pts = {{0, 0}, {4, 0}, {4, 2}, {0, 2}};
  const MinRotatedRect r = detail::minimum_rotated_rectangle(pts);
  ASSERT_EQ(r.kind, MinRotatedRect::Kind::polygon);
  EXPECT_EQ(r.base_edge, 0U);
  EXPECT_EQ(r.area, 8.0);
  const std::array<XY, 4> expected = {XY{4, 0}, XY{4, 2}, XY{0, 2}, XY{0, 0}};
  EXPECT_EQ(r.corner, expected);
}

TEST(MinRotatedRect, SquareRotated45DegreesMeasuresItsEastWestDiagonal) {
  // A square rotated 45 degrees: S (0,-1), W (-1,0), N (0,1), E (1,0); hull S, W, N, E. The
  // rectangle is the square itself. First edge S -> W: u = (-1, 1)/sqrt2, v = (-1, -1)/sqrt2;
  // X = u.p is -1/sqrt2 at S and E, +1/sqrt2 at W and N; Y = v.p is +1/sqrt2 at S and W, -1/sqrt2
  // at N and E. Corner 0 = (min X, min Y) is E, corner 2 = (max X, max Y) is W: the diagonal
  // MovingPandas measures is E-W. (GEOS >= 3.12 would give N-S; see min_rect_internal.hpp.)
  const std::vector<XY> pts = {{0, -1}, {-1, 0}, {0, 1}, {1, 0}};
  const MinRotatedRect r = detail::minimum_rotated_rectangle(pts);
  ASSERT_EQ(r.kind, MinRotatedRect::Kind::polygon);
  EXPECT_NEAR(r.area, 2.0, 1e-12);
  const std::array<XY, 4> expected = {XY{1, 0}, XY{0, 1}, XY{-1, 0}, XY{0, -1}};  // E, N, W, S
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(r.corner[k].x, expected[k].x, 1e-12) << k;
    EXPECT_NEAR(r.corner[k].y, expected[k].y, 1e-12) << k;
  }
  // The same shape 0.0008 degrees across at 60 N: E-W is 0.0016 degrees of longitude, 89.28 m;
  // N-S, 0.0016 degrees of latitude, would be 178.26 m.
  const double d = 0.0008;
  const std::vector<XY> geo = {{10, 60 - d}, {10 - d, 60}, {10, 60 + d}, {10 + d, 60}};
  EXPECT_NEAR(detail::mrr_diagonal_geodesic(detail::minimum_rotated_rectangle(geo)).value, 89.28, 0.01);
}

TEST(MinRotatedRect, ObtuseTriangleIsFlushWithItsLongestEdge) {
  // (0,0), (10,0), (5,1): hull clockwise from (0,0): (0,0) (5,1) (10,0). Flush with the long
  // edge (10,0) -> (0,0) (the third) the rectangle is 10 x 1; flush with either short edge it is
  // 9.8 x 1.96 = 19.2. Third edge: u = (-1, 0), v = (0, -1): X = -x in [-10, 0], Y = -y in [-1, 0].
  // Corners: (-10,-1) -> (10, 1); (0,-1) -> (0, 1); (0, 0) -> (0, 0); (-10, 0) -> (10, 0).
  const std::vector<XY> pts = {{0, 0}, {10, 0}, {5, 1}};
  const MinRotatedRect r = detail::minimum_rotated_rectangle(pts);
  ASSERT_EQ(r.kind, MinRotatedRect::Kind::polygon);
  EXPECT_EQ(r.base_edge, 2U);
  EXPECT_EQ(r.area, 10.0);
  const std::array<XY, 4> expected = {XY{10, 1}, XY{0, 1}, XY{0, 0}, XY{10, 0}};
  EXPECT_EQ(r.corner, expected);
}

TEST(MinRotatedRect, CollinearAndRepeatedPointsAreALineOrAPoint) {
  const std::vector<XY> line = {{2, 2}, {0, 0}, {3, 3}, {1, 1}, {3, 3}};
  const MinRotatedRect r = detail::minimum_rotated_rectangle(line);
  ASSERT_EQ(r.kind, MinRotatedRect::Kind::line);
  EXPECT_EQ(r.corner[0], (XY{0, 0}));
  EXPECT_EQ(r.corner[1], (XY{3, 3}));
  const std::vector<XY> same = {{1, 2}, {1, 2}, {1, 2}};
  EXPECT_EQ(detail::minimum_rotated_rectangle(same).kind, MinRotatedRect::Kind::point);
  EXPECT_EQ(detail::mrr_diagonal_geodesic(detail::minimum_rotated_rectangle(same)), Meters{0.0});
  EXPECT_EQ(detail::minimum_rotated_rectangle(std::vector<XY>{}).kind, MinRotatedRect::Kind::empty);
  // A line's diagonal is the geodesic between its ends: A and C of kMap are 60 m apart.
  const std::vector<XY> ac = {{kMap['A'].lon, kMap['A'].lat}, {kMap['C'].lon, kMap['C'].lat}};
  EXPECT_NEAR(detail::mrr_diagonal_geodesic(detail::minimum_rotated_rectangle(ac)).value, 60.0, 0.01);
}

}  // namespace
}  // namespace shiftline::dwell
