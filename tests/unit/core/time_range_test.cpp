// Issue 13, defect 22: `where --at 0000-01-01T00:00:00Z --tz Europe/London` printed
// `-001-12-31T23:59:00-00:01`: a five-character year and local mean time rounded to a minute.
// Offsets are now kept to the second and printed as +HH:MM:SS when they have seconds; the range of
// instants read at all is one constant pair (core/time.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"

namespace shiftline {
namespace {

using std::chrono::seconds;

Instant utc(int y, unsigned m, unsigned d) {
  return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}};
}

// The tz database: "Zone Europe/London -0:01:15 - LMT 1847 Dec 1", i.e. -75 s before 1847-12-01;
// "Zone Europe/Amsterdam 0:19:32 - LMT 1835 / 0:19:32 Neth %s 1937 Jul 1" (+1172 s in 1900).
TEST(TimeRange, Defect22_LocalMeanTimeOffsetsKeepTheirSeconds) {
  const TimeZone* london = find_zone("Europe/London");
  ASSERT_NE(london, nullptr);
  const Instant t = utc(1840, 1, 1);
  EXPECT_EQ(utc_offset(*london, t), seconds{-75});
  // 00:00:00 UTC - 75 s = 23:58:45 the day before.
  EXPECT_EQ(format_local(london, t), "1839-12-31T23:58:45-00:01:15");
  EXPECT_EQ(format_with_offset(t, seconds{-75}), "1839-12-31T23:58:45-00:01:15");
  const TimeZone* amsterdam = find_zone("Europe/Amsterdam");
  ASSERT_NE(amsterdam, nullptr);
  // 1900-01-01T00:00:00Z + 19 min 32 s.
  EXPECT_EQ(format_local(amsterdam, utc(1900, 1, 1)), "1900-01-01T00:19:32+00:19:32");
  // Whole minutes keep +HH:MM.
  EXPECT_EQ(format_offset(seconds{3600}), "+01:00");
  EXPECT_EQ(format_offset(seconds{-(5 * 3600 + 30 * 60)}), "-05:30");
  EXPECT_EQ(format_offset(seconds{0}), "+00:00");
}

// The accepted range: 1800-01-01T00:00:00Z up to, not including, 9999-01-01T00:00:00Z. Every
// instant inside it formats with a four-digit year at either end, in UTC and at +-14 h.
TEST(TimeRange, Defect22_TheRangeFormatsWithFourDigitYears) {
  EXPECT_EQ(format_utc(kTimeRangeStart), "1800-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(kTimeRangeEnd), "9999-01-01T00:00:00Z");
  EXPECT_EQ(format_with_offset(kTimeRangeStart, seconds{-14 * 3600}), "1799-12-31T10:00:00-14:00");
  EXPECT_EQ(format_with_offset(kTimeRangeEnd - Millis{1}, seconds{14 * 3600}), "9999-01-01T13:59:59.999+14:00");
}

}  // namespace
}  // namespace shiftline
