// Fuzz target for the strict ISO 8601 parser (R17): parse_iso8601, to_instant, to_local.
//
// Besides "never crash, never undefined behaviour" it checks properties of the result:
//  - accepted fields are in range (month 1-12, day within the month, hour < 24, ...);
//  - leap_second is reported only for a seconds field of 60, with the fields still filled in;
//  - any accepted text, formatted again with its own offset (format_with_offset), parses back to
//    the same instant, offset and wall-clock fields; format_utc does too within years 1-9998.
// A failed property calls __builtin_trap(), which libFuzzer and the GCC driver both report.
// Built with clang -fsanitize=fuzzer by scripts/fuzz and with GCC as a plain test (fuzz_driver.cpp).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shiftline/core/time.hpp"

namespace {

using shiftline::CivilParse;
using shiftline::CivilTime;
using shiftline::TimeParseError;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool is_leap(std::int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned month_length(std::int32_t y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29U : kDays[m - 1];
}

void require_fields_in_range(const CivilTime& t, unsigned max_second) {
  require(t.year >= 0 && t.year <= 9999);
  require(t.month >= 1 && t.month <= 12);
  require(t.day >= 1 && t.day <= month_length(t.year, t.month));
  require(t.hour <= 23 && t.minute <= 59 && t.second <= max_second);
  require(t.fraction_ms <= 999);
  require(t.offset_minutes >= -18 * 60 && t.offset_minutes <= 18 * 60);
}

bool same_fields(const CivilTime& a, const CivilTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute &&
         a.second == b.second && a.fraction_ms == b.fraction_ms && a.has_offset == b.has_offset &&
         a.offset_minutes == b.offset_minutes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CivilParse p = shiftline::parse_iso8601(text);
  switch (p.error) {
    case TimeParseError::none: {
      require(p.time.has_offset);
      require_fields_in_range(p.time, 59);
      const shiftline::Instant t = shiftline::to_instant(p.time);
      // Round trip through the text form with the same offset.
      const std::string again = shiftline::format_with_offset(t, std::chrono::minutes{p.time.offset_minutes});
      const CivilParse q = shiftline::parse_iso8601(again);
      require(q.ok());
      require(shiftline::to_instant(q.time) == t);
      require(same_fields(p.time, q.time));
      // The wall clock read without the offset is the instant shifted by the offset.
      require(shiftline::to_local(p.time).time_since_epoch() ==
              t.time_since_epoch() + std::chrono::minutes{p.time.offset_minutes});
      // format_utc writes years 0000-9999 only; within 1-9998 any offset keeps the UTC date there.
      if (p.time.year >= 1 && p.time.year <= 9998) {
        const CivilParse u = shiftline::parse_iso8601(shiftline::format_utc(t));
        require(u.ok() && shiftline::to_instant(u.time) == t && u.time.offset_minutes == 0);
      }
      break;
    }
    case TimeParseError::missing_offset:
      require(!p.time.has_offset);
      require_fields_in_range(p.time, 59);
      (void)shiftline::to_local(p.time);
      break;
    case TimeParseError::leap_second:
      require(p.time.second == 60);
      require_fields_in_range(p.time, 60);
      break;
    case TimeParseError::syntax:
    case TimeParseError::field_range:
    case TimeParseError::offset_range:
    case TimeParseError::fraction_too_long:
    case TimeParseError::sub_millisecond:
      break;
    default:
      __builtin_trap();  // an error code outside the enumeration
  }
  require(!shiftline::describe(p.error).empty());
  return 0;
}
