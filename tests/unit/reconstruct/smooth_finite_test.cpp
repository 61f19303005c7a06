// Issue 13, defect 11: `--smooth-accel 1e200` turned dwells into NaN positions and report.geojson
// into invalid JSON, exit 0. The command line now refuses the value (its range, > 0 and <= 1e6
// m^2/s^3, comes from the parameter table), and the smoother itself stops with a UsageError
// (exit 2) rather than store a position that is not a finite number, whatever config it is given.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "support/track_builder.hpp"

namespace shiftline::reconstruct {
namespace {

// Three pings 60 s apart. With q = 1e200 the process noise q dt^3 / 3 = 7.2e204 m^2, so the
// innovation covariance S has a determinant of about (7.2e204)^2 = 5e409 > DBL_MAX = 1.8e308:
// inf. Its inverse is then 0, the gain vanishes and the old code returned the first ping's
// position for every ping (the filter ignored every fix); on longer tracks the covariance grew
// to inf and the means to NaN. Either way there is no result.
clean::Track three_pings() {
  const LatLon p = LatLon::from_degrees(52.0, 5.0);
  return test::make_track({p, LatLon::from_degrees(52.0001, 5.0), p},
                          {test::at("2024-03-01T10:00:00Z"), test::at("2024-03-01T10:01:00Z"),
                           test::at("2024-03-01T10:02:00Z")});
}

TEST(Smooth, Defect11_AnOverflowingFilterStopsTheRunInsteadOfWritingNaN) {
  clean::Track track = three_pings();
  SmoothConfig config;
  config.acceleration_psd = 1e200;  // finite, so the smoother's own check lets it through
  try {
    smooth_track(track, config, GapConfig{});
    FAIL() << "no error; positions " << track.position[0].lat << ", " << track.position[1].lat;
  } catch (const UsageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("--smooth-accel 1e+200 m^2/s^3"), std::string::npos) << what;
    EXPECT_NE(what.find("no finite position"), std::string::npos) << what;
  }
}

// The largest value the command line accepts (1e6) on the same track stays finite.
TEST(Smooth, Defect11_TheLargestAcceptedAccelerationStaysFinite) {
  clean::Track track = three_pings();
  SmoothConfig config;
  config.acceleration_psd = 1e6;
  smooth_track(track, config, GapConfig{});
  for (const LatLon& p : track.position) EXPECT_TRUE(std::isfinite(p.lat) && std::isfinite(p.lon));
}

}  // namespace
}  // namespace shiftline::reconstruct
