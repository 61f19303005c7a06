// Tests for include/shiftline/core/tz.hpp on the OS tz database.
//
// Expected values come from the tz database through other tools, not from this code:
//   zdump -v -c 2019,2020 Europe/London
//     Sun Mar 31 00:59:59 2019 UT = 00:59:59 GMT gmtoff=0 ; Sun Mar 31 01:00:00 2019 UT = 02:00:00 BST gmtoff=3600
//     Sun Oct 27 00:59:59 2019 UT = 01:59:59 BST gmtoff=3600 ; Sun Oct 27 01:00:00 2019 UT = 01:00:00 GMT gmtoff=0
//   python3 zoneinfo: datetime(2019,10,27,1,30, tzinfo=ZoneInfo("Europe/London"), fold=0) -> 00:30Z,
//     fold=1 -> 01:30Z; 2019-10-27T00:30Z -> 01:30+01:00, 01:30Z -> 01:30+00:00.
// Epoch seconds: `date -u -d TEXT +%s`.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <stdexcept>
#include <string>

#include "shiftline/core/tz.hpp"

namespace shiftline {
namespace {

using std::chrono::minutes;
using LocalMs = std::chrono::local_time<Millis>;

const TimeZone& london() {
  const TimeZone* zone = find_zone("Europe/London");
  if (!zone) throw std::runtime_error("Europe/London missing from the tz database");
  return *zone;
}

/// Wall-clock milliseconds of "YYYY-MM-DD hh:mm:ss[.fff]" (parsed by hand: no code under test).
LocalMs local(int y, unsigned mo, unsigned d, int h, int mi, int s, int milli = 0) {
  const std::int64_t days = days_from_civil(y, mo, d);
  return LocalMs{Millis{((days * 24 + h) * 60 + mi) * 60'000 + s * 1'000 + milli}};
}

Instant utc(std::int64_t epoch_seconds, int milli = 0) { return Instant{Millis{epoch_seconds * 1000 + milli}}; }

// date -u -d: 2019-03-31T01:00:00Z = 1553994000; 2019-10-27T01:00:00Z = 1572138000.
constexpr std::int64_t kSpringChange = 1'553'994'000;
constexpr std::int64_t kAutumnChange = 1'572'138'000;

constexpr AmbiguityPolicy kAllPolicies[] = {AmbiguityPolicy::reject, AmbiguityPolicy::earliest,
                                            AmbiguityPolicy::latest};

TEST(Tz, SpringGapIsAlwaysAnErrorWhateverThePolicy) {
  // 2019-03-31 01:30 never happened in London (01:00 GMT -> 02:00 BST). date's choose::earliest
  // and choose::latest would both give 01:00Z; we must refuse instead.
  for (const auto policy : kAllPolicies) {
    for (const LocalMs t : {local(2019, 3, 31, 1, 30, 0), local(2019, 3, 31, 1, 0, 0),
                            local(2019, 3, 31, 1, 59, 59, 999)}) {
      const LocalResolution r = resolve_local(london(), t, policy);
      EXPECT_EQ(r.error, LocalTimeError::nonexistent) << static_cast<int>(policy);
    }
  }
}

TEST(Tz, EitherSideOfTheSpringGap) {
  for (const auto policy : kAllPolicies) {
    const LocalResolution before = resolve_local(london(), local(2019, 3, 31, 0, 59, 59, 999), policy);
    EXPECT_EQ(before.error, LocalTimeError::none);
    EXPECT_EQ(before.instant, utc(kSpringChange - 1, 999));  // GMT: 00:59:59.999Z
    const LocalResolution after = resolve_local(london(), local(2019, 3, 31, 2, 0, 0), policy);
    EXPECT_EQ(after.error, LocalTimeError::none);
    EXPECT_EQ(after.instant, utc(kSpringChange));  // 02:00 BST = 01:00Z
  }
}

TEST(Tz, AutumnRepeatedHourFollowsThePolicy) {
  const LocalMs t = local(2019, 10, 27, 1, 30, 0);
  const LocalResolution rejected = resolve_local(london(), t, AmbiguityPolicy::reject);
  EXPECT_EQ(rejected.error, LocalTimeError::ambiguous);

  const LocalResolution earliest = resolve_local(london(), t, AmbiguityPolicy::earliest);
  EXPECT_EQ(earliest.error, LocalTimeError::none);
  EXPECT_EQ(earliest.instant, utc(1'572'136'200));  // 00:30Z (BST)

  const LocalResolution latest = resolve_local(london(), t, AmbiguityPolicy::latest);
  EXPECT_EQ(latest.error, LocalTimeError::none);
  EXPECT_EQ(latest.instant, utc(1'572'139'800));  // 01:30Z (GMT)
}

TEST(Tz, EdgesOfTheRepeatedHour) {
  // 01:00:00.000 and 01:59:59.999 are both inside the repeated hour; 00:59:59.999 and 02:00 not.
  EXPECT_EQ(resolve_local(london(), local(2019, 10, 27, 1, 0, 0), AmbiguityPolicy::reject).error,
            LocalTimeError::ambiguous);
  EXPECT_EQ(resolve_local(london(), local(2019, 10, 27, 1, 59, 59, 999), AmbiguityPolicy::reject).error,
            LocalTimeError::ambiguous);
  const auto first = resolve_local(london(), local(2019, 10, 27, 1, 0, 0), AmbiguityPolicy::earliest);
  EXPECT_EQ(first.instant, utc(kAutumnChange - 3600));  // 00:00Z
  const auto last = resolve_local(london(), local(2019, 10, 27, 1, 59, 59, 999), AmbiguityPolicy::latest);
  EXPECT_EQ(last.instant, utc(kAutumnChange + 3599, 999));  // 01:59:59.999Z
  for (const auto policy : kAllPolicies) {
    const auto before = resolve_local(london(), local(2019, 10, 27, 0, 59, 59, 999), policy);
    EXPECT_EQ(before.error, LocalTimeError::none);
    EXPECT_EQ(before.instant, utc(kAutumnChange - 3601, 999));  // 2019-10-26T23:59:59.999Z
    const auto after = resolve_local(london(), local(2019, 10, 27, 2, 0, 0), policy);
    EXPECT_EQ(after.error, LocalTimeError::none);
    EXPECT_EQ(after.instant, utc(kAutumnChange + 3600));  // 02:00Z
  }
}

TEST(Tz, OrdinaryTimesAreUnique) {
  for (const auto policy : kAllPolicies) {
    // python3 zoneinfo: 2019-06-01 12:00 London = 11:00Z; 2019-01-15 12:00 = 12:00Z.
    EXPECT_EQ(resolve_local(london(), local(2019, 6, 1, 12, 0, 0), policy).instant, utc(1'559'386'800));
    EXPECT_EQ(resolve_local(london(), local(2019, 1, 15, 12, 0, 0), policy).instant, utc(1'547'553'600));
  }
}

TEST(Tz, UtcOffsetEitherSideOfBothChanges) {
  EXPECT_EQ(utc_offset(london(), utc(kSpringChange - 1, 999)), minutes{0});
  EXPECT_EQ(utc_offset(london(), utc(kSpringChange)), minutes{60});
  EXPECT_EQ(utc_offset(london(), utc(kAutumnChange - 1, 999)), minutes{60});
  EXPECT_EQ(utc_offset(london(), utc(kAutumnChange)), minutes{0});
  // Other zones: Kolkata +05:30, Kathmandu +05:45, St John's -03:30 in January (no DST then).
  EXPECT_EQ(utc_offset(*find_zone("Asia/Kolkata"), utc(1'547'553'600)), minutes{330});
  EXPECT_EQ(utc_offset(*find_zone("Asia/Kathmandu"), utc(1'547'553'600)), minutes{345});
  EXPECT_EQ(utc_offset(*find_zone("America/St_Johns"), utc(1'547'553'600)), minutes{-210});
}

TEST(Tz, FormatLocalShowsTheRepeatedHourWithItsOffset) {
  // R14: the two 01:30s of 2019-10-27 differ only in their offsets.
  EXPECT_EQ(format_local(&london(), utc(1'572'136'200)), "2019-10-27T01:30:00+01:00");
  EXPECT_EQ(format_local(&london(), utc(1'572'139'800)), "2019-10-27T01:30:00+00:00");
  EXPECT_EQ(format_local(&london(), utc(kSpringChange - 1, 999)), "2019-03-31T00:59:59.999+00:00");
  EXPECT_EQ(format_local(&london(), utc(kSpringChange)), "2019-03-31T02:00:00+01:00");
  EXPECT_EQ(format_local(nullptr, utc(1'572'136'200)), "2019-10-27T00:30:00Z");
}

// Local days as the geodata and timelines cut time (values from zdump -v -c 2024,2025 ZONE):
//   Europe/London  Sun Mar 31 01:00:00 2024 UT = 02:00 BST; so 1 Apr 00:00 BST = 31 Mar 23:00Z.
//   America/Santiago  Sun Sep  8 04:00:00 2024 UT = Sat 23:59:59 -04 -> Sun 01:00 -03: 8 Sep 00:00
//     is skipped, and the day begins at the clock change, 04:00Z.
//   America/Havana  Sun Nov  3 05:00:00 2024 UT = 00:59:59 CDT -> 00:00 CST: 3 Nov 00:00 happens
//     twice (04:00Z under -04, 05:00Z under -05); the day begins at the first, 04:00Z.
TEST(Tz, LocalDaysTileTimeAcrossClockChanges) {
  using std::chrono::local_days;
  using namespace std::chrono_literals;
  const auto at = [](const char* text) {
    const CivilParse p = parse_iso8601(text);
    EXPECT_TRUE(p.ok()) << text;
    return to_instant(p.time);
  };
  const TimeZone* santiago = find_zone("America/Santiago");
  const TimeZone* havana = find_zone("America/Havana");
  ASSERT_NE(santiago, nullptr);
  ASSERT_NE(havana, nullptr);
  EXPECT_EQ(local_midnight(&london(), local_days{2024y / 3 / 31}), at("2024-03-31T00:00:00Z"));
  EXPECT_EQ(local_midnight(&london(), local_days{2024y / 4 / 1}), at("2024-03-31T23:00:00Z"));
  EXPECT_EQ(local_midnight(santiago, local_days{2024y / 9 / 8}), at("2024-09-08T04:00:00Z"));
  EXPECT_EQ(local_midnight(havana, local_days{2024y / 11 / 3}), at("2024-11-03T04:00:00Z"));
  EXPECT_EQ(local_midnight(nullptr, local_days{2024y / 11 / 3}), at("2024-11-03T00:00:00Z"));
  // The last millisecond before each midnight is the day before; the midnight is the day.
  EXPECT_EQ(local_date(&london(), at("2024-03-31T22:59:59.999Z")), 2024y / 3 / 31);
  EXPECT_EQ(local_date(&london(), at("2024-03-31T23:00:00Z")), 2024y / 4 / 1);
  EXPECT_EQ(local_date(santiago, at("2024-09-08T03:59:59.999Z")), 2024y / 9 / 7);
  EXPECT_EQ(local_date(santiago, at("2024-09-08T04:00:00Z")), 2024y / 9 / 8);
  EXPECT_EQ(local_date(havana, at("2024-11-03T05:30:00Z")), 2024y / 11 / 3) << "the second 00:30";
  EXPECT_EQ(local_date(nullptr, at("2024-11-02T23:59:59.999Z")), 2024y / 11 / 2);
}

TEST(Tz, FindZone) {
  EXPECT_NE(find_zone("Europe/London"), nullptr);
  EXPECT_EQ(find_zone("Europe/London")->name(), "Europe/London");
  EXPECT_NE(find_zone("UTC"), nullptr);
  EXPECT_EQ(find_zone("Europe/Lodnon"), nullptr);
  EXPECT_EQ(find_zone(""), nullptr);
  EXPECT_EQ(find_zone("europe/london"), nullptr);  // names are case-sensitive
  EXPECT_EQ(find_zone("+01:00"), nullptr);
}

TEST(Tz, TzdataVersionIsTheFirstLineOfTzdataZi) {
  std::ifstream in("/usr/share/zoneinfo/tzdata.zi");
  std::string first;
  ASSERT_TRUE(in && std::getline(in, first)) << "tzdata.zi unreadable";
  ASSERT_EQ(first.rfind("# version ", 0), 0U) << first;
  const std::string version = tzdata_version();
  EXPECT_NE(version, "unknown");
  EXPECT_EQ("# version " + version, first);
  // Looks like 2025b: four digits and a letter.
  ASSERT_EQ(version.size(), 5U);
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(version[0])));
  EXPECT_TRUE(std::islower(static_cast<unsigned char>(version[4])));
}

}  // namespace
}  // namespace shiftline
