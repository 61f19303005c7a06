// verify::near_vehicle's edge cases (docs/near.md, "Edge cases"), on tracks built in code. The
// point P = 52 N 0 E; a ping at P is 0 m from it, one at 52.0017975 N is 200.003 m north
// (`echo "52 0 52.0017975 0" | geod -I +ellps=WGS84 -f %.6f`). Radius 100 m, --gap 300 s, margin
// 0, v = 10 m/s (--reach-speed-kmh 36; no step here is faster than 1 m/s).
#include "shiftline/verify/near.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace shiftline::verify {
namespace {

const LatLon kP = LatLon::from_degrees(52.0, 0.0);
const LatLon kNorth200 = LatLon::from_degrees(52.0017975, 0.0);

Instant at(int h, int m, int s = 0) {
  using namespace std::chrono;
  return Instant{sys_days{year{2024} / 5 / 1}.time_since_epoch() + hours{h} + minutes{m} + seconds{s}};
}

struct Fixture {
  clean::Track track;
  NearQuery query;
  VerifyConfig config;
  Fixture() {
    query.place.point = kP;
    query.place.radius = Meters{100.0};
    query.window = {at(10, 0), at(11, 0)};
    config.reach_speed = Speed::from_kmh(36.0);
    config.position_margin = Meters{0.0};
    config.gap = Millis{300'000};
  }
  void ping(Instant t, LatLon p) {
    track.time.push_back(t);
    track.position.push_back(p);
    track.ping.push_back(static_cast<std::uint32_t>(track.ping.size()));
  }
};

// Inside at 10:05, silent 10 min, inside at 10:15 and 10:16: the silence is not observed inside
// (it is longer than --gap), so the run breaks there: 2 entries; inside_s is the 60 s step only;
// the 600 s silence is could_have_been_s in full (both ends inside: nothing to subtract).
TEST(NearVehicle, SilenceBetweenInsidePingsIsTwoEntriesAndCouldHaveBeen) {
  Fixture f;
  f.ping(at(10, 5), kP);
  f.ping(at(10, 15), kP);
  f.ping(at(10, 16), kP);
  const NearVehicle v = near_vehicle("V", f.track, f.query, f.config);
  EXPECT_EQ(v.entries, 2U);
  EXPECT_EQ(v.inside, Millis{60'000});
  EXPECT_EQ(v.could_have_been, Millis{600'000});
  ASSERT_EQ(v.possible.size(), 1U);
  EXPECT_EQ(v.first_in->at, at(10, 5));
  EXPECT_EQ(v.last_in->at, at(10, 16));
}

// Inside at 09:59:30 and 10:00:30 (before and in the window): one entry, at 10:00:30; inside_s
// counts the step's part in the window, 30 s, from --from.
TEST(NearVehicle, AlreadyInsideAtFromCountsFromFrom) {
  Fixture f;
  f.ping(at(9, 59, 30), kP);
  f.ping(at(10, 0, 30), kP);
  const NearVehicle v = near_vehicle("V", f.track, f.query, f.config);
  EXPECT_EQ(v.entries, 1U);
  EXPECT_EQ(v.inside, Millis{30'000});
  EXPECT_EQ(v.first_in->at, at(10, 0, 30));
  EXPECT_EQ(v.could_have_been, Millis{0});
}

// 200 m away at 10:10 and 10:30 (a 20 min silence): stay = 1200 - 10 - 10 = 1180 s, from 10:10:10
// to 10:29:50. With the window ending at 10:20 the stay is cut there: [10:10:10, 10:20] = 590 s.
TEST(NearVehicle, PrismIsClippedToTheWindow) {
  Fixture f;
  f.ping(at(10, 10), kNorth200);
  f.ping(at(10, 30), kNorth200);
  NearVehicle v = near_vehicle("V", f.track, f.query, f.config);
  EXPECT_FALSE(v.observed());
  EXPECT_NEAR(static_cast<double>(v.could_have_been.count()), 1'180'000.0, 2.0);
  f.query.window.end = at(10, 20);
  v = near_vehicle("V", f.track, f.query, f.config);
  EXPECT_NEAR(static_cast<double>(v.could_have_been.count()), 590'000.0, 2.0);
  EXPECT_TRUE(v.listed());
}

// No ping around the window: nothing bounds the time, nothing is counted, not listed.
TEST(NearVehicle, TimeOutsideTheTrackIsNotCounted) {
  Fixture f;
  f.ping(at(10, 40), kNorth200);
  const NearVehicle v = near_vehicle("V", f.track, f.query, f.config);
  EXPECT_EQ(v.could_have_been, Millis{0});
  EXPECT_FALSE(v.listed());
}

}  // namespace
}  // namespace shiftline::verify
