// The space-time prism against docs/verify.md ("Reachability in unobserved time") and prism.hpp.
//
// Every expected value is worked out by hand. Most cases use a speed of exactly 10 m/s
// (Speed{10.0}), so that 1 m is 100 ms of travel, and distances whose travel time has a fraction
// of a millisecond well away from an integer (1234.567 m -> 123456.7 ms -> 123456 ms), so that the
// rounding down is tested and no floating-point order of operations can change the result.
// Times are UTC on 2024-03-05 unless written in full.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "shiftline/verify/prism.hpp"
#include "support/track_builder.hpp"

namespace shiftline::verify {
namespace {

using test::at;

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }
constexpr Speed kTenMps{10.0};
constexpr Millis ms(long long n) { return Millis{n}; }

Anchor anchor(const char* clock, double metres) { return Anchor{t(clock), Meters{metres}}; }

// --- Speed and travel time --------------------------------------------------------------------

TEST(Speed, FromKmhDividesBy3Point6) {
  EXPECT_DOUBLE_EQ(Speed::from_kmh(130.0).metres_per_second, 130.0 / 3.6);  // 36.111... m/s
  EXPECT_NEAR(Speed::from_kmh(130.0).metres_per_second, 36.111111, 1e-6);
  EXPECT_DOUBLE_EQ(Speed::from_kmh(36.0).metres_per_second, 10.0);
  EXPECT_DOUBLE_EQ(Speed::from_kmh(130.0).kmh(), 130.0);
  EXPECT_DOUBLE_EQ(Speed{10.0}.kmh(), 36.0);
  static_assert(Speed::from_kmh(72.0).metres_per_second > 19.999 && Speed::from_kmh(72.0).metres_per_second < 20.001);
}

TEST(TravelTime, RoundsDownToTheMillisecond) {
  // 100 m at 130 km/h: 100 / (130 / 3.6) = 2.7692307... s -> 2769 ms (not 2770).
  EXPECT_EQ(travel_time(Meters{100.0}, Speed::from_kmh(130.0)), ms(2769));
  // 1 km at 130 km/h: 27.692307... s -> 27692 ms.
  EXPECT_EQ(travel_time(Meters{1000.0}, Speed::from_kmh(130.0)), ms(27692));
  // 1234.567 m at 10 m/s: 123456.7 ms -> 123456 ms.
  EXPECT_EQ(travel_time(Meters{1234.567}, kTenMps), ms(123456));
  // 1000 m at 10 m/s: exactly 100 s.
  EXPECT_EQ(travel_time(Meters{1000.0}, kTenMps), ms(100000));
  // 9.9 mm at 10 m/s: 0.99 ms -> 0; 12.3 mm: 1.23 ms -> 1.
  EXPECT_EQ(travel_time(Meters{0.0099}, kTenMps), ms(0));
  EXPECT_EQ(travel_time(Meters{0.0123}, kTenMps), ms(1));
}

TEST(TravelTime, ZeroForNoDistance) {
  EXPECT_EQ(travel_time(Meters{0.0}, kTenMps), ms(0));
  EXPECT_EQ(travel_time(Meters{0.0}, Speed::from_kmh(130.0)), ms(0));
}

TEST(TravelTime, LargeDistancesAreExactAndHugeOnesSaturate) {
  // 1e15 m at 10 m/s = 1e14 s = 1e17 ms (exact in a double and in int64).
  EXPECT_EQ(travel_time(Meters{1e15}, kTenMps), ms(100'000'000'000'000'000LL));
  // 1e300 m would be ~1e302 ms: saturates instead of overflowing (wrapping to a negative or
  // small value). prism.hpp says "about 292 million years" (2^63 ms); the exact cap is not
  // stated, so only these properties are checked: huge (>= 285 million years = 9e18 ms), at
  // most Millis::max(), and the same for every larger distance.
  const Millis huge = travel_time(Meters{1e300}, Speed{1.0});
  EXPECT_GE(huge, ms(9'000'000'000'000'000'000LL));
  EXPECT_LE(huge, Millis::max());
  EXPECT_EQ(travel_time(Meters{1e308}, Speed{1.0}), huge);
  EXPECT_EQ(travel_time(Meters{1e20}, Speed{1.0}), huge);  // 1e23 ms is beyond int64 as well
}

// --- Reach between two anchors ------------------------------------------------------------------

TEST(Reach, ReachableBetweenTwoPingsEachTravelTimeRoundedDown) {
  // p1 at 08:00, 1234.567 m from the place -> 123456 ms; p2 at 08:30, 2345.678 m -> 234567 ms.
  // Earliest arrival 08:02:03.456, latest departure 08:30:00 - 234.567 s = 08:26:05.433.
  const Reach r = reach(anchor("08:00", 1234.567), anchor("08:30", 2345.678), t("08:00"), t("08:30"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("08:02:03.456"));
  EXPECT_EQ(r.latest_departure, t("08:26:05.433"));
  EXPECT_TRUE(r.reachable());
  // (t2 - t1) - (d1/v + d2/v) with each travel time rounded down: 1800000 - 123456 - 234567.
  EXPECT_EQ(r.longest_stay(), ms(1'441'977));
  // Not at the place throughout: it had to get there first.
  EXPECT_FALSE(r.can_hold(t("08:00"), t("08:30")));
  EXPECT_TRUE(r.can_hold(t("08:02:03.456"), t("08:26:05.433")));
}

TEST(Reach, UnreachableWhenTheTravelTimesExceedTheSilence) {
  // 5 min of silence; 2000.067 m -> 200006 ms in, 1500.033 m -> 150003 ms out: 350009 > 300000.
  const Reach r = reach(anchor("08:00", 2000.067), anchor("08:05", 1500.033), t("08:00"), t("08:05"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("08:03:20.006"));
  EXPECT_EQ(r.latest_departure, t("08:02:29.997"));  // 08:05:00 - 150.003 s
  EXPECT_GT(r.earliest_arrival, r.latest_departure);   // both shown, in this order (docs/verify.md)
  EXPECT_FALSE(r.reachable());
  EXPECT_EQ(r.longest_stay(), ms(0));
  EXPECT_FALSE(r.can_hold(t("08:00"), t("08:05")));
}

TEST(Reach, ReachableOnlyForAShortStay) {
  // 1499.987 m each way -> 149998 ms each; 300000 - 2 * 149998 = 4 ms at the place.
  const Reach r = reach(anchor("08:00", 1499.987), anchor("08:05", 1499.987), t("08:00"), t("08:05"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("08:02:29.998"));
  EXPECT_EQ(r.latest_departure, t("08:02:30.002"));
  EXPECT_TRUE(r.reachable());
  EXPECT_EQ(r.longest_stay(), ms(4));
}

TEST(Reach, RoundingDownKeepsAJustReachablePlaceReachable) {
  // 1500.005 m each way = 150000.5 ms, rounded down to 150000 ms each: arrival and departure are
  // both 08:02:30.000, a stay of zero, reachable. Unrounded, 300001 ms of travel would not fit.
  const Reach r = reach(anchor("08:00", 1500.005), anchor("08:05", 1500.005), t("08:00"), t("08:05"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("08:02:30"));
  EXPECT_EQ(r.latest_departure, t("08:02:30"));
  EXPECT_TRUE(r.reachable());
  EXPECT_EQ(r.longest_stay(), ms(0));
  EXPECT_TRUE(r.can_hold(t("08:02:30"), t("08:02:30")));
  EXPECT_FALSE(r.can_hold(t("08:02:29.999"), t("08:02:30")));
}

TEST(Reach, SameAnchorOnBothSides) {
  // p1 = p2 at the place (distance 0), period [09:00, 09:00]: reachable, stay 0.
  const Reach at_place = reach(anchor("09:00", 0.0), anchor("09:00", 0.0), t("09:00"), t("09:00"), kTenMps);
  EXPECT_EQ(at_place.earliest_arrival, t("09:00"));
  EXPECT_EQ(at_place.latest_departure, t("09:00"));
  EXPECT_TRUE(at_place.reachable());
  EXPECT_EQ(at_place.longest_stay(), ms(0));
  EXPECT_TRUE(at_place.can_hold(t("09:00"), t("09:00")));
  // p1 = p2 half a metre away (0.5037 m -> 50 ms): arrival 09:00:00.050, departure 08:59:59.950.
  const Reach away = reach(anchor("09:00", 0.5037), anchor("09:00", 0.5037), t("09:00"), t("09:00"), kTenMps);
  EXPECT_EQ(away.earliest_arrival, t("09:00:00.050"));
  EXPECT_EQ(away.latest_departure, t("08:59:59.950"));
  EXPECT_FALSE(away.reachable());
  EXPECT_EQ(away.longest_stay(), ms(0));
}

TEST(Reach, ZeroLengthGap) {
  // t1 == t2 at different positions: the only question is whether both travel times round to 0.
  // 9.9 mm -> 0.99 ms -> 0: reachable at 09:00 exactly.
  const Reach touch = reach(anchor("09:00", 0.0), anchor("09:00", 0.0099), t("09:00"), t("09:00"), kTenMps);
  EXPECT_TRUE(touch.reachable());
  EXPECT_EQ(touch.earliest_arrival, t("09:00"));
  EXPECT_EQ(touch.latest_departure, t("09:00"));
  EXPECT_EQ(touch.longest_stay(), ms(0));
  // 12.3 mm -> 1.23 ms -> 1 ms: departure 08:59:59.999 is before arrival 09:00.
  const Reach miss = reach(anchor("09:00", 0.0), anchor("09:00", 0.0123), t("09:00"), t("09:00"), kTenMps);
  EXPECT_FALSE(miss.reachable());
  EXPECT_EQ(miss.earliest_arrival, t("09:00"));
  EXPECT_EQ(miss.latest_departure, t("08:59:59.999"));
}

// --- Open sides -------------------------------------------------------------------------------

TEST(Reach, OpenOnBothSidesIsTheWholePeriod) {
  const Reach r = reach(std::nullopt, std::nullopt, t("09:00"), t("10:00"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("09:00"));
  EXPECT_EQ(r.latest_departure, t("10:00"));
  EXPECT_TRUE(r.reachable());
  EXPECT_EQ(r.longest_stay(), ms(3'600'000));
  EXPECT_TRUE(r.can_hold(t("09:00"), t("10:00")));
}

TEST(Reach, NoPingBeforeLeavesTheStartOpen) {
  // Only a ping after: at 10:00, 1000.067 m away -> 100006 ms; departure by 09:58:19.994.
  const Reach r = reach(std::nullopt, anchor("10:00", 1000.067), t("09:00"), t("10:00"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("09:00"));
  EXPECT_EQ(r.latest_departure, t("09:58:19.994"));
  EXPECT_EQ(r.longest_stay(), ms(3'499'994));
  EXPECT_FALSE(r.can_hold(t("09:00"), t("10:00")));
  EXPECT_TRUE(r.can_hold(t("09:00"), t("09:58:19.994")));
}

TEST(Reach, NoPingAfterLeavesTheEndOpen) {
  // Only a ping before: at 09:00, 1000.067 m away -> arrival from 09:01:40.006.
  const Reach r = reach(anchor("09:00", 1000.067), std::nullopt, t("09:00"), t("10:00"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("09:01:40.006"));
  EXPECT_EQ(r.latest_departure, t("10:00"));
  EXPECT_EQ(r.longest_stay(), ms(3'499'994));
  EXPECT_FALSE(r.can_hold(t("09:00"), t("10:00")));
}

TEST(Reach, OpenSideWithAnAnchorLongBeforeThePeriod) {
  // Last ping at 08:00, 1000.067 m away: could arrive from 08:01:40.006, so all of 09:00-10:00.
  const Reach r = reach(anchor("08:00", 1000.067), std::nullopt, t("09:00"), t("10:00"), kTenMps);
  EXPECT_EQ(r.earliest_arrival, t("09:00"));
  EXPECT_EQ(r.latest_departure, t("10:00"));
  EXPECT_TRUE(r.can_hold(t("09:00"), t("10:00")));
}

// --- Clipping to [from, to] ---------------------------------------------------------------------

TEST(Reach, ClippedToThePeriod) {
  // Silence 08:00-09:00, 600.037 m on each side -> 60003 ms each way.
  const auto p1 = anchor("08:00", 600.037);
  const auto p2 = anchor("09:00", 600.037);
  // Whole silence: 08:01:00.003 to 08:58:59.997, 3600000 - 120006 = 3479994 ms.
  const Reach whole = reach(p1, p2, t("08:00"), t("09:00"), kTenMps);
  EXPECT_EQ(whole.earliest_arrival, t("08:01:00.003"));
  EXPECT_EQ(whole.latest_departure, t("08:58:59.997"));
  EXPECT_EQ(whole.longest_stay(), ms(3'479'994));
  // Only 08:30-08:45 of it (e.g. the part inside a claim): clipped on both sides.
  const Reach middle = reach(p1, p2, t("08:30"), t("08:45"), kTenMps);
  EXPECT_EQ(middle.earliest_arrival, t("08:30"));
  EXPECT_EQ(middle.latest_departure, t("08:45"));
  EXPECT_EQ(middle.longest_stay(), ms(900'000));
  EXPECT_TRUE(middle.can_hold(t("08:30"), t("08:45")));
  // 08:00:30-08:59:30: the bounds are inside the period, so they stay as they are.
  const Reach inner = reach(p1, p2, t("08:00:30"), t("08:59:30"), kTenMps);
  EXPECT_EQ(inner.earliest_arrival, t("08:01:00.003"));
  EXPECT_EQ(inner.latest_departure, t("08:58:59.997"));
  EXPECT_FALSE(inner.can_hold(t("08:00:30"), t("08:59:30")));
  // 08:00-08:00:59: over before the vehicle could arrive. Arrival after departure: unreachable.
  const Reach early = reach(p1, p2, t("08:00"), t("08:00:59"), kTenMps);
  EXPECT_EQ(early.earliest_arrival, t("08:01:00.003"));
  EXPECT_EQ(early.latest_departure, t("08:00:59"));
  EXPECT_FALSE(early.reachable());
  EXPECT_EQ(early.longest_stay(), ms(0));
  // 08:59:01-09:00: begins after the vehicle must have left.
  const Reach late = reach(p1, p2, t("08:59:01"), t("09:00"), kTenMps);
  EXPECT_EQ(late.earliest_arrival, t("08:59:01"));
  EXPECT_EQ(late.latest_departure, t("08:58:59.997"));
  EXPECT_FALSE(late.reachable());
}

TEST(Reach, DefaultSpeedOf130KmhRoundsDown) {
  // 100 m from the place at 130 km/h: 2769 ms; the other side is open.
  const Reach r = reach(anchor("09:00", 100.0), std::nullopt, t("09:00"), t("09:10"), Speed::from_kmh(130.0));
  EXPECT_EQ(r.earliest_arrival, t("09:00:02.769"));
  EXPECT_EQ(r.longest_stay(), ms(600'000 - 2769));
}

// --- can_hold and longest_stay at the millisecond edges ------------------------------------------

TEST(Reach, CanHoldAtTheMillisecondEdges) {
  // E = 08:02:03.456, L = 08:26:05.433 (first case above).
  const Reach r = reach(anchor("08:00", 1234.567), anchor("08:30", 2345.678), t("08:00"), t("08:30"), kTenMps);
  const Instant e = t("08:02:03.456");
  const Instant l = t("08:26:05.433");
  EXPECT_TRUE(r.can_hold(e, l));
  EXPECT_TRUE(r.can_hold(e + ms(1), l - ms(1)));
  EXPECT_FALSE(r.can_hold(e - ms(1), l));
  EXPECT_FALSE(r.can_hold(e, l + ms(1)));
  EXPECT_FALSE(r.can_hold(e - ms(1), l + ms(1)));
}

TEST(Reach, LongestStayOfAGivenReach) {
  const Instant e = t("09:00");
  EXPECT_EQ((Reach{e, e + ms(1)}).longest_stay(), ms(1));
  EXPECT_TRUE((Reach{e, e}).reachable());
  EXPECT_EQ((Reach{e, e}).longest_stay(), ms(0));
  EXPECT_FALSE((Reach{e + ms(1), e}).reachable());
  EXPECT_EQ((Reach{e + ms(1), e}).longest_stay(), ms(0));
  EXPECT_FALSE((Reach{e + ms(1), e}).can_hold(e, e));
}

}  // namespace
}  // namespace shiftline::verify
