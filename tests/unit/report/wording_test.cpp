// The one duration formatter and the sentence helpers of every sentence (report/wording.hpp;
// docs/findings.md, "Sentences"). Expected texts written by hand from the rules.
#include "shiftline/report/wording.hpp"

#include <gtest/gtest.h>

namespace shiftline::report {
namespace {

Millis ms(std::int64_t v) { return Millis{v}; }
Millis s(std::int64_t v) { return Millis{v * 1000}; }

TEST(Wording, SecondsOnlyUnderAMinute) {
  EXPECT_EQ(duration_text(s(0)), "0 s");
  EXPECT_EQ(duration_text(ms(999)), "under 1 s");
  EXPECT_EQ(duration_text(s(1)), "1 s");
  EXPECT_EQ(duration_text(s(59)), "59 s");
  EXPECT_EQ(duration_text(s(60)), "1 min");
  EXPECT_EQ(duration_text(s(45 * 60)), "45 min");
}

TEST(Wording, HoursWithTwoDigitMinutes) {
  EXPECT_EQ(duration_text(s(3720)), "1 h 02 min");  // 62 min
  EXPECT_EQ(duration_text(s(3600)), "1 h 00 min");
  EXPECT_EQ(duration_text(s(26 * 3600 + 5 * 60)), "26 h 05 min");  // not folded into days
}

TEST(Wording, DurationsRoundDownInTheSubjectsFavour) {
  EXPECT_EQ(duration_text(s(119)), "1 min");          // 1 min 59 s
  EXPECT_EQ(duration_text(s(3779)), "1 h 02 min");    // 1 h 02 min 59 s
  EXPECT_EQ(duration_text(ms(59'999)), "59 s");       // 59.999 s
  EXPECT_EQ(duration_text(ms(3'719'999)), "1 h 01 min");
  EXPECT_EQ(duration_text(s(-5)), "0 s");
}

TEST(Wording, ComparedDurationsKeepTheirSecondsWhenTheyWouldReadEqual) {
  // 19 min 57 s against a 19 min 58 s tolerance: both would be "19 min".
  EXPECT_EQ(duration_text(s(1197), s(1198)), "19 min 57 s");
  EXPECT_EQ(duration_text(s(1198), s(1197)), "19 min 58 s");
  // 118 s against 60 s: "1 min 58 s" against "1 min" (whole minutes need no seconds).
  EXPECT_EQ(duration_text(s(118), s(60)), "1 min 58 s");
  EXPECT_EQ(duration_text(s(60), s(118)), "1 min");
  EXPECT_EQ(duration_text(s(3723), s(3750)), "1 h 02 min 03 s");
  // Different texts anyway: no seconds.
  EXPECT_EQ(duration_text(s(1197), s(60)), "19 min");
  EXPECT_EQ(duration_text(s(30), s(45)), "30 s");
}

TEST(Wording, TimesWithTheirOffset) {
  const TimeZone* london = find_zone("Europe/London");
  ASSERT_NE(london, nullptr);
  const Instant t = Instant{std::chrono::sys_days{std::chrono::year{2024} / 10 / 26}} + std::chrono::hours{10} +
                    std::chrono::minutes{2};
  EXPECT_EQ(time_text(london, t), "2024-10-26 11:02:00 +01:00");
  EXPECT_EQ(time_text(nullptr, t), "2024-10-26 10:02:00 UTC");
  EXPECT_EQ(span_text(london, t, t + std::chrono::minutes{62}), "from 2024-10-26 11:02:00 +01:00 to 12:04:00 +01:00");
  // Across the clock change and midnight: the end keeps its date and shows its own offset.
  EXPECT_EQ(span_text(london, t, t + std::chrono::hours{20}), "from 2024-10-26 11:02:00 +01:00 to 2024-10-27 06:02:00 +00:00");
}

TEST(Wording, PlacesByLabelWithTheIdInBrackets) {
  EXPECT_EQ(place_text("Address A", "ADDR-A"), "Address A (ADDR-A)");
  EXPECT_EQ(place_text("", "ADDR-A"), "ADDR-A");
  EXPECT_EQ(place_text("ADDR-A", "ADDR-A"), "ADDR-A");
  EXPECT_EQ(listed({"A", "B", "C"}), "A, B and C");
  EXPECT_EQ(metres_text(Meters{1234.0}), "1.2 km");
}

}  // namespace
}  // namespace shiftline::report
