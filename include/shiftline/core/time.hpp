// Instants, durations and their text forms.
//
// An Instant is a point on the UTC time line with millisecond resolution
// (std::chrono::sys_time<milliseconds>, the same type as date::sys_time<milliseconds>). Wall-clock
// times are date::local_time and become Instants only through a named time zone (see tz.hpp), so
// the two cannot be mixed by accident. Leap seconds are not representable (POSIX time); see
// docs/time.md for how `:60` in input is handled.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shiftline {

using Millis = std::chrono::milliseconds;
using Seconds = std::chrono::seconds;
using Instant = std::chrono::sys_time<Millis>;

/// Why an ISO 8601 text was refused. Append-only.
enum class TimeParseError : std::uint8_t {
  none = 0,
  syntax,            ///< not of the accepted shape
  field_range,       ///< month 13, day 32, hour 24, minute 60 ...
  leap_second,       ///< seconds field is 60
  missing_offset,    ///< no `Z` or `+hh:mm` (a naive local time)
  offset_range,      ///< offset beyond +-18:00
  fraction_too_long, ///< more than 9 fractional digits
  sub_millisecond    ///< non-zero digits below the millisecond: refused, never truncated
};

[[nodiscard]] std::string_view describe(TimeParseError error) noexcept;

/// Civil date-time fields as written, before any zone is applied. `fraction_ms` holds the
/// fraction in milliseconds; digits past the third must be zero, otherwise the parser refuses the
/// text (sub_millisecond) rather than silently truncate (docs/time.md, "Why the code looks as it does": date's parse, b).
struct CivilTime {
  std::int32_t year = 0;
  std::uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::uint16_t fraction_ms = 0;
  bool has_offset = false;         ///< `Z` or a numeric offset was present
  std::int32_t offset_minutes = 0; ///< east of UTC; 0 for `Z`
};

/// Result of parse_iso8601: either fields or an error.
struct CivilParse {
  CivilTime time;
  TimeParseError error = TimeParseError::none;
  [[nodiscard]] bool ok() const noexcept { return error == TimeParseError::none; }
};

/// Strict ISO 8601 / RFC 3339 parser for one timestamp.
///
/// Accepts `YYYY-MM-DD[T| ]hh:mm[:ss[.f{1,9}]][Z|z|+hh:mm|-hh:mm|+hhmm|-hhmm|+hh]`, with nothing
/// before or after (surrounding ASCII spaces are trimmed). Fraction digits beyond milliseconds must
/// be zero (`.1234` is refused, `.123000` is fine): evidence is never silently truncated. Seconds
/// `60` parse with error leap_second so the caller can decide (docs/time.md). No locale, no
/// allocation; safe on any input (fuzzed in tests/fuzz).
[[nodiscard]] CivilParse parse_iso8601(std::string_view text) noexcept;

/// Converts fields that carry an offset to an Instant. Precondition: civil.has_offset.
[[nodiscard]] Instant to_instant(const CivilTime& civil) noexcept;

/// The fields read as a wall-clock time, ignoring any offset.
[[nodiscard]] std::chrono::local_time<Millis> to_local(const CivilTime& civil) noexcept;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
[[nodiscard]] constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The instants Shiftline reads at all, [kTimeRangeStart, kTimeRangeEnd): 1800-01-01T00:00:00Z up
/// to, not including, 9999-01-01T00:00:00Z (docs/time.md). Every time read (input cells, whatever
/// --time-window says, --time-window itself, `where --at`) outside it is refused: within it, the
/// local time in any zone (offsets within a day) still has a four-digit year, and the tz database
/// describes every zone (local mean time before its first standard time).
inline constexpr Instant kTimeRangeStart{std::chrono::sys_days{std::chrono::year{1800} / 1 / 1}};
inline constexpr Instant kTimeRangeEnd{std::chrono::sys_days{std::chrono::year{9999} / 1 / 1}};

/// `2019-10-27T01:30:00Z`, with `.mmm` only when the milliseconds are not zero. Locale-free.
[[nodiscard]] std::string format_utc(Instant t);

/// `2019-10-27T01:30:00+01:00`: the wall-clock time at `offset` east of UTC, with that offset;
/// an offset with seconds, as local mean time has (Europe/London before 1847: -00:01:15), is
/// written with them, `1839-12-31T23:58:45-00:01:15`, never rounded. The one formatter of local
/// times (tz.hpp's format_local, every *_local column).
[[nodiscard]] std::string format_with_offset(Instant t, std::chrono::seconds offset);

/// The offset part alone: `+01:00`, `-00:01:15`.
[[nodiscard]] std::string format_offset(std::chrono::seconds offset);

/// A duration in seconds as exact decimal text: 120000 ms -> "120", 1500 ms -> "1.5".
[[nodiscard]] std::string format_seconds(Millis d);

/// Parses a command-line duration: plain seconds or a number with unit
/// `ms`, `s`, `min`, `h`, `d` (`90`, `90s`, `15min`, `2h`, `7d`, `1.5h`). Negative values are
/// refused. Returns nullopt on bad text.
[[nodiscard]] std::optional<Millis> parse_duration(std::string_view text) noexcept;

}  // namespace shiftline
