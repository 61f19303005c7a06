// Tests for include/shiftline/core/time.hpp.
//
// Every expected instant below was worked out independently of the code under test: epoch seconds
// come from GNU date (`date -u -d '2019-10-27T01:30:00+01:00' +%s.%3N`), day numbers from python3
// (`(datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days`) or by hand where python cannot go
// (years <= 0; the arithmetic is written next to the value). Nothing here was copied from what the
// code prints.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "shiftline/core/time.hpp"

namespace shiftline {
namespace {

using std::chrono::minutes;

/// Epoch milliseconds of a text that must parse with an offset.
std::int64_t epoch_ms(std::string_view text) {
  const CivilParse p = parse_iso8601(text);
  EXPECT_TRUE(p.ok()) << text << ": " << describe(p.error);
  return to_instant(p.time).time_since_epoch().count();
}

TimeParseError error_of(std::string_view text) { return parse_iso8601(text).error; }

Instant ms(std::int64_t count) { return Instant{Millis{count}}; }

// ---------------------------------------------------------------------------------------------
// Accepted forms. Values: `date -u -d TEXT +%s.%3N`.

TEST(ParseIso8601, ZuluAndLowerCaseZ) {
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00Z"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00z"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(epoch_ms("1969-12-31T23:59:59Z"), -1'000);
  EXPECT_EQ(epoch_ms("2038-01-19T03:14:08Z"), 2'147'483'648'000);
  EXPECT_EQ(epoch_ms("9999-12-31T23:59:59Z"), 253'402'300'799'000);
  EXPECT_EQ(epoch_ms("0001-01-01T00:00:00Z"), -62'135'596'800'000);
}

TEST(ParseIso8601, NumericOffsetsInAllThreeSpellings) {
  // 2019-10-27T01:30:00+01:00 -> 1572136200
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00+01:00"), 1'572'136'200'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00+0100"), 1'572'136'200'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00+01"), 1'572'136'200'000);
  // -00:00 (RFC 3339 "offset unknown") is accepted as UTC.
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00-00:00"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("2019-12-31T23:30:00-01:00"), 1'577'838'600'000);
  EXPECT_EQ(epoch_ms("2019-06-15T12:34:56-05:30"), 1'560'621'896'000);
  EXPECT_EQ(epoch_ms("2019-06-15T12:34:56+05:45"), 1'560'581'396'000);
  EXPECT_EQ(epoch_ms("2000-01-01T00:00:00+14:00"), 946'634'400'000);
  EXPECT_EQ(epoch_ms("2000-01-01T00:00:00-12:00"), 946'728'000'000);
  EXPECT_EQ(epoch_ms("2000-01-01T00:00:00+18:00"), 946'684'800'000 - 18 * 3'600'000);

  const CivilParse p = parse_iso8601("2019-06-15T12:34:56-05:30");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p.time.has_offset);
  EXPECT_EQ(p.time.offset_minutes, -330);
}

TEST(ParseIso8601, SpaceOrLowerCaseTSeparatorAndNoSeconds) {
  EXPECT_EQ(epoch_ms("2019-10-27 01:30:00Z"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("2019-10-27t01:30:00Z"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30+0100"), 1'572'136'200'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30Z"), 1'572'139'800'000);
  // Surrounding ASCII spaces are trimmed (CSV cells are often padded).
  EXPECT_EQ(epoch_ms("  2019-10-27T01:30:00Z "), 1'572'139'800'000);
}

TEST(ParseIso8601, FractionsOfOneToNineDigitsWithTrailingZeros) {
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.5Z"), 1'572'139'800'500);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.12Z"), 1'572'139'800'120);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.123+01:00"), 1'572'136'200'123);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.1230Z"), 1'572'139'800'123);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.123000Z"), 1'572'139'800'123);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.123000000Z"), 1'572'139'800'123);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.000000000Z"), 1'572'139'800'000);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00.007Z"), 1'572'139'800'007);
  EXPECT_EQ(epoch_ms("2024-02-29T23:59:59.999Z"), 1'709'251'199'999);
  // ISO 8601 allows a comma as the decimal sign.
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00,5Z"), 1'572'139'800'500);
  EXPECT_EQ(epoch_ms("2019-10-27T01:30:00,250+01:00"), 1'572'136'200'250);
}

TEST(ParseIso8601, FieldsAreReportedAsWritten) {
  const CivilParse p = parse_iso8601("2024-02-29T07:08:09.010+01:30");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.time.year, 2024);
  EXPECT_EQ(p.time.month, 2);
  EXPECT_EQ(p.time.day, 29);
  EXPECT_EQ(p.time.hour, 7);
  EXPECT_EQ(p.time.minute, 8);
  EXPECT_EQ(p.time.second, 9);
  EXPECT_EQ(p.time.fraction_ms, 10);
  EXPECT_EQ(p.time.offset_minutes, 90);
}

// ---------------------------------------------------------------------------------------------
// Refusals, each with its reason.

TEST(ParseIso8601, SyntaxErrors) {
  for (const char* text : {
           "",
           " ",
           "2019-10-27",              // date only
           "2019-10-27T",             // nothing after the separator
           "2019-10-27T01",           // no minutes
           "2019-10-27T01:3Z",        // one-digit minute
           "2019-10-27T1:30:00Z",     // one-digit hour
           "19-10-27T01:30:00Z",      // two-digit year
           "2019/10/27T01:30:00Z",    // wrong date separator
           "2019-10-27X01:30:00Z",    // wrong separator
           "20191027T013000Z",        // basic format is not accepted
           "2019-10-27T01:30:00.Z",   // empty fraction
           "2019-10-27T01:30:00+1",   // one-digit offset
           "2019-10-27T01:30:00+01:", // offset with a dangling colon
           "2019-10-27T01:30:00+01:0",
           "2019-10-27T01:30:00+010",
           "2019-10-27T01:30:00 Z",   // space before the zone
           "+2019-10-27T01:30:00Z",   // expanded year
           "-2019-10-27T01:30:00Z",
           "2019-10-27T01:30:00\tZ",
           "\t2019-10-27T01:30:00Z",  // only spaces are trimmed
           "２019-10-27T01:30:00Z",   // a full-width digit
       }) {
    EXPECT_EQ(error_of(text), TimeParseError::syntax) << '"' << text << '"';
  }
}

TEST(ParseIso8601, TrailingGarbageIsASyntaxError) {
  for (const char* text : {
           "2019-10-27T01:30:00Zjunk",
           "2019-10-27T01:30:00ZZ",
           "2019-10-27T01:30:00+01:00Z",
           "2019-10-27T01:30:00+01:00:00",
           "2019-10-27T01:30:00Z,",
           "2019-10-27T01:30:00.5.5Z",
           "2019-10-27T01:30:00x",
           "2019-10-27T01:30:00Z\n",
       }) {
    EXPECT_EQ(error_of(text), TimeParseError::syntax) << '"' << text << '"';
  }
  // An embedded NUL is a byte like any other, not the end of the text.
  EXPECT_EQ(error_of(std::string_view("2019-10-27T01:30:00Z\0", 21)), TimeParseError::syntax);
}

TEST(ParseIso8601, FieldRange) {
  // 2023 is not a leap year, 2024 is; 1900 is not (century), 2000 is (400 rule).
  EXPECT_EQ(error_of("2023-02-29T00:00:00Z"), TimeParseError::field_range);
  EXPECT_EQ(error_of("2024-02-29T00:00:00Z"), TimeParseError::none);
  EXPECT_EQ(error_of("1900-02-29T00:00:00Z"), TimeParseError::field_range);
  EXPECT_EQ(error_of("2000-02-29T00:00:00Z"), TimeParseError::none);
  EXPECT_EQ(error_of("2024-02-30T00:00:00Z"), TimeParseError::field_range);
  for (const char* text : {
           "2019-00-10T00:00:00Z", "2019-13-10T00:00:00Z", "2019-01-00T00:00:00Z",
           "2019-01-32T00:00:00Z", "2019-04-31T00:00:00Z", "2019-06-31T00:00:00Z",
           "2019-09-31T00:00:00Z", "2019-11-31T00:00:00Z",
           "2019-10-27T24:00:00Z",  // ISO 8601's end-of-day 24:00 is not accepted
           "2019-10-27T25:00:00Z", "2019-10-27T23:60:00Z", "2019-10-27T23:59:61Z",
           "2019-10-27T23:59:99Z",
       }) {
    EXPECT_EQ(error_of(text), TimeParseError::field_range) << text;
  }
  EXPECT_EQ(error_of("2019-12-31T23:59:59Z"), TimeParseError::none);
}

TEST(ParseIso8601, LeapSecondIsRefusedWithFieldsFilledIn) {
  const CivilParse p = parse_iso8601("2016-12-31T23:59:60.5Z");
  EXPECT_EQ(p.error, TimeParseError::leap_second);
  EXPECT_FALSE(p.ok());
  EXPECT_EQ(p.time.year, 2016);
  EXPECT_EQ(p.time.month, 12);
  EXPECT_EQ(p.time.day, 31);
  EXPECT_EQ(p.time.hour, 23);
  EXPECT_EQ(p.time.minute, 59);
  EXPECT_EQ(p.time.second, 60);
  EXPECT_EQ(p.time.fraction_ms, 500);
  EXPECT_TRUE(p.time.has_offset);
  EXPECT_EQ(p.time.offset_minutes, 0);

  // Also without an offset: leap_second wins over missing_offset, and has_offset says which.
  const CivilParse naive = parse_iso8601("2016-12-31 23:59:60");
  EXPECT_EQ(naive.error, TimeParseError::leap_second);
  EXPECT_FALSE(naive.time.has_offset);
  EXPECT_EQ(naive.time.second, 60);

  // `:60` on a day without a leap second is still leap_second here: the caller checks the list.
  EXPECT_EQ(error_of("2019-10-27T12:00:60+01:00"), TimeParseError::leap_second);
  // Day range is checked before the leap second.
  EXPECT_EQ(error_of("2016-12-32T23:59:60Z"), TimeParseError::field_range);
}

TEST(ParseIso8601, MissingOffsetKeepsTheFields) {
  const CivilParse p = parse_iso8601("2019-10-27T01:30:00.250");
  EXPECT_EQ(p.error, TimeParseError::missing_offset);
  EXPECT_FALSE(p.time.has_offset);
  EXPECT_EQ(p.time.hour, 1);
  EXPECT_EQ(p.time.minute, 30);
  EXPECT_EQ(p.time.fraction_ms, 250);
  EXPECT_EQ(error_of("2019-10-27 01:30"), TimeParseError::missing_offset);
  // Range errors are reported before a missing offset.
  EXPECT_EQ(error_of("2019-02-29 01:30"), TimeParseError::field_range);
}

TEST(ParseIso8601, OffsetRange) {
  EXPECT_EQ(error_of("2019-10-27T01:30:00+19:00"), TimeParseError::offset_range);
  EXPECT_EQ(error_of("2019-10-27T01:30:00-19:00"), TimeParseError::offset_range);
  EXPECT_EQ(error_of("2019-10-27T01:30:00+99"), TimeParseError::offset_range);
  EXPECT_EQ(error_of("2019-10-27T01:30:00+01:60"), TimeParseError::offset_range);
  EXPECT_EQ(error_of("2019-10-27T01:30:00+0199"), TimeParseError::offset_range);
  // The documented bound is +-18:00 inclusive; 18:01 is beyond it.
  EXPECT_EQ(error_of("2019-10-27T01:30:00+18:00"), TimeParseError::none);
  EXPECT_EQ(error_of("2019-10-27T01:30:00-18:00"), TimeParseError::none);
  EXPECT_EQ(error_of("2019-10-27T01:30:00+18:01"), TimeParseError::offset_range);
  EXPECT_EQ(error_of("2019-10-27T01:30:00-18:30"), TimeParseError::offset_range);
}

TEST(ParseIso8601, FractionTooLongAndSubMillisecond) {
  EXPECT_EQ(error_of("2019-10-27T01:30:00.1234567890Z"), TimeParseError::fraction_too_long);
  EXPECT_EQ(error_of("2019-10-27T01:30:00.0000000000Z"), TimeParseError::fraction_too_long);
  EXPECT_EQ(error_of("2019-10-27T01:30:00.1234Z"), TimeParseError::sub_millisecond);
  EXPECT_EQ(error_of("2019-10-27T01:30:00.1234"), TimeParseError::sub_millisecond);
  EXPECT_EQ(error_of("2019-10-27T01:30:00.000000001Z"), TimeParseError::sub_millisecond);
  EXPECT_EQ(error_of("2019-10-27T01:30:00,9999Z"), TimeParseError::sub_millisecond);
  // Nine digits whose tail is zero are fine (never rounded, never truncated).
  EXPECT_EQ(error_of("2019-10-27T01:30:00.999000000Z"), TimeParseError::none);
}

TEST(ParseIso8601, DescribeNamesEveryError) {
  for (const auto e : {TimeParseError::syntax, TimeParseError::field_range, TimeParseError::leap_second,
                       TimeParseError::missing_offset, TimeParseError::offset_range,
                       TimeParseError::fraction_too_long, TimeParseError::sub_millisecond}) {
    EXPECT_FALSE(describe(e).empty());
    EXPECT_NE(describe(e), describe(TimeParseError::none));
  }
}

// ---------------------------------------------------------------------------------------------
// to_instant / to_local

TEST(ToInstant, AppliesTheOffsetEastPositive) {
  CivilTime c;
  c.year = 2019;
  c.month = 10;
  c.day = 27;
  c.hour = 1;
  c.minute = 30;
  c.has_offset = true;
  c.offset_minutes = 60;
  EXPECT_EQ(to_instant(c), ms(1'572'136'200'000));
  c.offset_minutes = 0;
  EXPECT_EQ(to_instant(c), ms(1'572'139'800'000));
  c.offset_minutes = -60;
  EXPECT_EQ(to_instant(c), ms(1'572'143'400'000));
}

TEST(ToLocal, IgnoresTheOffset) {
  const CivilParse p = parse_iso8601("2019-10-27T01:30:00.5+01:00");
  ASSERT_TRUE(p.ok());
  // The wall-clock reading counts from 1970-01-01 00:00 local, so it equals the UTC count of the
  // same fields written with Z.
  EXPECT_EQ(to_local(p.time).time_since_epoch(), Millis{1'572'139'800'500});
}

// ---------------------------------------------------------------------------------------------
// days_from_civil. Values: python3 datetime (years >= 1) or by hand (400-year cycle = 146097 days).

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(1969, 12, 31) == -1);

TEST(DaysFromCivil, KnownDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1970, 1, 2), 1);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
  EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
  // GNU date: 1980-01-06 (GPS epoch) = 315964800 s = 3657 days.
  EXPECT_EQ(days_from_civil(1980, 1, 6), 3657);
}

TEST(DaysFromCivil, GregorianLeapRules) {
  // 1600 and 2400 are leap (divisible by 400); 1700 and 2100 are not (divisible by 100).
  EXPECT_EQ(days_from_civil(1600, 2, 29), -135081);
  EXPECT_EQ(days_from_civil(1600, 3, 1), -135080);
  EXPECT_EQ(days_from_civil(1700, 2, 28), -98557);
  EXPECT_EQ(days_from_civil(1700, 3, 1), -98556);
  EXPECT_EQ(days_from_civil(2100, 2, 28), 47540);
  EXPECT_EQ(days_from_civil(2100, 3, 1), 47541);
  EXPECT_EQ(days_from_civil(2400, 2, 28), 157112);
  EXPECT_EQ(days_from_civil(2400, 2, 29), 157113);
  EXPECT_EQ(days_from_civil(2400, 3, 1), 157114);
  // A whole 400-year cycle is 146097 days anywhere on the line.
  EXPECT_EQ(days_from_civil(2400, 3, 1) - days_from_civil(2000, 3, 1), 146097);
  EXPECT_EQ(days_from_civil(2000, 1, 1) - days_from_civil(1600, 1, 1), 146097);
}

TEST(DaysFromCivil, YearZeroAndNegativeYears) {
  // Year 0 (1 BC) is a leap year. 0000-03-01 = 2000-03-01 - 5 cycles = 11017 - 730485 = -719468;
  // GNU date agrees: `date -u -d '0000-03-01' +%s` = -62162035200 = -719468 days.
  EXPECT_EQ(days_from_civil(0, 3, 1), -719468);
  // 0000-01-01 = 0000-03-01 - (31 + 29) = -719528 (GNU date: -62167219200 s).
  EXPECT_EQ(days_from_civil(0, 1, 1), -719528);
  EXPECT_EQ(days_from_civil(0, 3, 1) - days_from_civil(0, 2, 28), 2);
  // Year -1 has 365 days: -0001-01-01 = -719528 - 365 = -719893.
  EXPECT_EQ(days_from_civil(-1, 1, 1), -719893);
  EXPECT_EQ(days_from_civil(-1, 12, 31), -719529);
  // -400 is leap, -100 is not, -4 is.
  EXPECT_EQ(days_from_civil(-400, 3, 1), -719468 - 146097);
  EXPECT_EQ(days_from_civil(-400, 3, 1) - days_from_civil(-400, 2, 28), 2);
  EXPECT_EQ(days_from_civil(-100, 3, 1) - days_from_civil(-100, 2, 28), 1);
  EXPECT_EQ(days_from_civil(-4, 3, 1) - days_from_civil(-4, 2, 28), 2);
}

TEST(DaysFromCivil, ConsecutiveDaysOverTwoCycles) {
  // Walks 1600-01-01 .. 2399-12-31 with our own month lengths; every step is exactly one day.
  std::int64_t expected = days_from_civil(1600, 1, 1);
  EXPECT_EQ(expected, -135140);  // python3: date(1600,1,1) - date(1970,1,1)
  for (std::int64_t y = 1600; y < 2400; ++y) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const unsigned lengths[] = {31, leap ? 29U : 28U, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= lengths[m - 1]; ++d) {
        ASSERT_EQ(days_from_civil(y, m, d), expected) << y << '-' << m << '-' << d;
        ++expected;
      }
  }
  EXPECT_EQ(expected, days_from_civil(2400, 1, 1));
}

// ---------------------------------------------------------------------------------------------
// Formatting

TEST(FormatUtc, MillisecondsOnlyWhenNonZero) {
  EXPECT_EQ(format_utc(ms(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(ms(1'572'139'800'000)), "2019-10-27T01:30:00Z");
  EXPECT_EQ(format_utc(ms(1'572'139'800'500)), "2019-10-27T01:30:00.500Z");
  EXPECT_EQ(format_utc(ms(1'572'139'800'007)), "2019-10-27T01:30:00.007Z");
  EXPECT_EQ(format_utc(ms(1'709'251'199'999)), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_utc(ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_utc(ms(253'402'300'799'000)), "9999-12-31T23:59:59Z");
}

// The digit-by-digit writer covers years 0000-9999; outside them the text is snprintf's, as it
// always was (days from date::civil: 0001-01-01 is day -719162, 10000-01-01 day 2932897).
TEST(FormatUtc, YearsAtAndBeyondFourDigits) {
  EXPECT_EQ(format_utc(ms(-719'162LL * 86'400'000)), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(ms(-719'528LL * 86'400'000 + 5)), "0000-01-01T00:00:00.005Z");
  EXPECT_EQ(format_utc(ms(2'932'897LL * 86'400'000 + 3'723'000)), "10000-01-01T01:02:03Z");
}

TEST(FormatOffset, HoursMinutesAndSecondsOnlyWhenNonZero) {
  EXPECT_EQ(format_offset(std::chrono::seconds{0}), "+00:00");
  EXPECT_EQ(format_offset(std::chrono::seconds{-19'800}), "-05:30");
  EXPECT_EQ(format_offset(std::chrono::seconds{50'400}), "+14:00");
  EXPECT_EQ(format_offset(std::chrono::seconds{-75}), "-00:01:15");  // Europe/London's LMT
  EXPECT_EQ(format_offset(std::chrono::seconds{360'000}), "+100:00");
}

TEST(FormatWithOffset, WallClockAtTheOffset) {
  EXPECT_EQ(format_with_offset(ms(1'572'136'200'000), minutes{60}), "2019-10-27T01:30:00+01:00");
  EXPECT_EQ(format_with_offset(ms(1'572'139'800'000), minutes{0}), "2019-10-27T01:30:00+00:00");
  EXPECT_EQ(format_with_offset(ms(1'560'621'896'000), minutes{-330}), "2019-06-15T12:34:56-05:30");
  EXPECT_EQ(format_with_offset(ms(1'560'581'396'250), minutes{345}), "2019-06-15T12:34:56.250+05:45");
  // Across midnight and the year end.
  EXPECT_EQ(format_with_offset(ms(1'577'838'600'000), minutes{-60}), "2019-12-31T23:30:00-01:00");
  EXPECT_EQ(format_with_offset(ms(1'577'838'600'000), minutes{0}), "2020-01-01T00:30:00+00:00");
}

TEST(FormatSeconds, ExactDecimal) {
  EXPECT_EQ(format_seconds(Millis{120'000}), "120");
  EXPECT_EQ(format_seconds(Millis{1'500}), "1.5");
  EXPECT_EQ(format_seconds(Millis{1'050}), "1.05");
  EXPECT_EQ(format_seconds(Millis{1'001}), "1.001");
  EXPECT_EQ(format_seconds(Millis{100}), "0.1");
  EXPECT_EQ(format_seconds(Millis{10}), "0.01");
  EXPECT_EQ(format_seconds(Millis{1}), "0.001");
  EXPECT_EQ(format_seconds(Millis{0}), "0");
  EXPECT_EQ(format_seconds(Millis{-1'500}), "-1.5");
  EXPECT_EQ(format_seconds(Millis{-1}), "-0.001");
  EXPECT_EQ(format_seconds(Millis{86'400'000}), "86400");
}

TEST(Formatting, ParsesBackToTheSameInstant) {
  for (const std::int64_t count : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1'572'136'200'123},
                                   std::int64_t{951'868'799'999}, std::int64_t{253'402'214'399'999}}) {
    // (The last is 9999-12-30T23:59:59.999Z: +18:00 must not push the wall clock into year 10000.)
    EXPECT_EQ(epoch_ms(format_utc(ms(count))), count);
    for (const int offset : {-1080, -330, 0, 60, 345, 1080})
      EXPECT_EQ(epoch_ms(format_with_offset(ms(count), minutes{offset})), count) << offset;
  }
}

// ---------------------------------------------------------------------------------------------
// parse_duration

TEST(ParseDuration, UnitsAndPlainSeconds) {
  EXPECT_EQ(parse_duration("90"), Millis{90'000});
  EXPECT_EQ(parse_duration("90s"), Millis{90'000});
  EXPECT_EQ(parse_duration("15min"), Millis{900'000});
  EXPECT_EQ(parse_duration("2h"), Millis{7'200'000});
  EXPECT_EQ(parse_duration("7d"), Millis{604'800'000});
  EXPECT_EQ(parse_duration("1.5h"), Millis{5'400'000});
  EXPECT_EQ(parse_duration("250ms"), Millis{250});
  EXPECT_EQ(parse_duration("0"), Millis{0});
  EXPECT_EQ(parse_duration("0.5"), Millis{500});
  EXPECT_EQ(parse_duration("0.001s"), Millis{1});
  EXPECT_EQ(parse_duration("0.25min"), Millis{15'000});
  EXPECT_EQ(parse_duration(" 30s "), Millis{30'000});
}

TEST(ParseDuration, Refusals) {
  for (const char* text : {"-5", "-5s", "+5", "1x", "", " ", "s", "min", ".", "1 s", "1S", "1H", "1.5.5s",
                           "1e3", "0x10", "1h30min", "5 min", "\t5", "5m"}) {  // "m" could be metres
    EXPECT_EQ(parse_duration(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(ParseDuration, FractionsBelowAMillisecondAreRefusedNotTruncated) {
  EXPECT_EQ(parse_duration("0.0001s"), std::nullopt);
  EXPECT_EQ(parse_duration("1.0005"), std::nullopt);
  EXPECT_EQ(parse_duration("0.5ms"), std::nullopt);
  EXPECT_EQ(parse_duration("1.0000ms"), Millis{1});
  // 1/3600 h = 1 s: exactly representable, but 0.0001 h = 360 ms is too.
  EXPECT_EQ(parse_duration("0.0001h"), Millis{360});
  EXPECT_EQ(parse_duration("0.00001h"), Millis{36});
  EXPECT_EQ(parse_duration("0.000001h"), std::nullopt);  // 3.6 ms
}

TEST(ParseDuration, HugeValuesAreRefusedNotWrapped) {
  // INT64_MAX ms is about 2.9e8 years; anything that does not fit must be refused (signed overflow
  // is undefined behaviour, and a wrapped value could come out negative or small).
  EXPECT_EQ(parse_duration("9999999999999d"), std::nullopt);
  EXPECT_EQ(parse_duration("99999999999999999999"), std::nullopt);
  EXPECT_EQ(parse_duration("106751991168d"), std::nullopt);  // 106751991168 * 86400000 > INT64_MAX
  EXPECT_EQ(parse_duration("106751991167d"), Millis{9'223'372'036'828'800'000LL});
  // Whatever format_seconds writes parses back, up to the largest representable duration.
  const Millis largest{INT64_MAX};
  EXPECT_EQ(format_seconds(largest), "9223372036854775.807");
  EXPECT_EQ(parse_duration(format_seconds(largest)), largest);
  EXPECT_EQ(parse_duration("9223372036854775.808"), std::nullopt);
}

}  // namespace
}  // namespace shiftline
