#include "shiftline/core/time.hpp"

#include "core/text_internal.hpp"

#include <date/date.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>

namespace shiftline {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`; false when any is not a digit or the text is too short.
template <typename T>
bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, T& out) noexcept {
  if (pos + n > s.size()) return false;
  unsigned value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  out = static_cast<T>(value);
  pos += n;
  return true;
}

constexpr bool is_leap_year(std::int32_t y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned days_in_month(std::int32_t y, unsigned m) noexcept {
  constexpr std::array<unsigned char, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29U : days[m - 1];
}

// ISO 8601 text may carry surrounding spaces, nothing else.
std::string_view trim(std::string_view s) noexcept { return shiftline::trim(s, " "); }

// Fraction after '.' or ',': 1..9 digits, milliseconds kept, the rest must be zero.
TimeParseError read_fraction(std::string_view s, std::size_t& pos, std::uint16_t& ms) noexcept {
  const std::size_t start = pos;
  unsigned value = 0;
  bool sub_ms_nonzero = false;
  while (pos < s.size() && is_digit(s[pos])) {
    const std::size_t index = pos - start;
    const auto digit = static_cast<unsigned>(s[pos] - '0');
    if (index < 3) {
      value = value * 10 + digit;
    } else if (digit != 0) {
      sub_ms_nonzero = true;
    }
    ++pos;
  }
  const std::size_t n = pos - start;
  if (n == 0) return TimeParseError::syntax;
  if (n > 9) return TimeParseError::fraction_too_long;
  if (sub_ms_nonzero) return TimeParseError::sub_millisecond;
  for (std::size_t i = n; i < 3; ++i) value *= 10;
  ms = static_cast<std::uint16_t>(value);
  return TimeParseError::none;
}

TimeParseError read_offset(std::string_view s, std::size_t& pos, CivilTime& t) noexcept {
  if (pos == s.size()) return TimeParseError::none;  // naive: caller decides
  const char c = s[pos];
  if (c == 'Z' || c == 'z') {
    ++pos;
    t.has_offset = true;
    t.offset_minutes = 0;
    return TimeParseError::none;
  }
  if (c != '+' && c != '-') return TimeParseError::syntax;
  ++pos;
  unsigned hh = 0;
  unsigned mm = 0;
  if (!read_digits(s, pos, 2, hh)) return TimeParseError::syntax;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, mm)) return TimeParseError::syntax;
  }
  // The bound is +-18:00 inclusive (RFC 3339 / ISO 8601 practice): +18:30 is beyond it.
  if (hh > 18 || mm > 59 || (hh == 18 && mm != 0)) return TimeParseError::offset_range;
  t.has_offset = true;
  const auto minutes = static_cast<std::int32_t>(hh * 60 + mm);
  t.offset_minutes = c == '-' ? -minutes : minutes;
  return TimeParseError::none;
}

}  // namespace

std::string_view describe(TimeParseError error) noexcept {
  switch (error) {
    case TimeParseError::none: return "ok";
    case TimeParseError::syntax: return "not an ISO 8601 date-time (YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm])";
    case TimeParseError::field_range: return "a date or time field is out of range";
    case TimeParseError::leap_second: return "seconds field is 60 (leap second)";
    case TimeParseError::missing_offset: return "no UTC offset or Z (a naive local time)";
    case TimeParseError::offset_range: return "UTC offset out of range";
    case TimeParseError::fraction_too_long: return "more than 9 fractional digits";
    case TimeParseError::sub_millisecond:
      return "non-zero digits below the millisecond (refused rather than truncated)";
  }
  return "unknown";
}

CivilParse parse_iso8601(std::string_view text) noexcept {
  const std::string_view s = trim(text);
  CivilParse result;
  CivilTime& t = result.time;
  std::size_t pos = 0;
  const auto fail = [&result](TimeParseError e) {
    result.error = e;
    return result;
  };
  if (!read_digits(s, pos, 4, t.year)) return fail(TimeParseError::syntax);
  if (pos >= s.size() || s[pos++] != '-') return fail(TimeParseError::syntax);
  if (!read_digits(s, pos, 2, t.month)) return fail(TimeParseError::syntax);
  if (pos >= s.size() || s[pos++] != '-') return fail(TimeParseError::syntax);
  if (!read_digits(s, pos, 2, t.day)) return fail(TimeParseError::syntax);
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' '))
    return fail(TimeParseError::syntax);
  ++pos;
  if (!read_digits(s, pos, 2, t.hour)) return fail(TimeParseError::syntax);
  if (pos >= s.size() || s[pos++] != ':') return fail(TimeParseError::syntax);
  if (!read_digits(s, pos, 2, t.minute)) return fail(TimeParseError::syntax);
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 2, t.second)) return fail(TimeParseError::syntax);
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      if (const auto e = read_fraction(s, pos, t.fraction_ms); e != TimeParseError::none) return fail(e);
    }
  }
  if (const auto e = read_offset(s, pos, t); e != TimeParseError::none) return fail(e);
  if (pos != s.size()) return fail(TimeParseError::syntax);
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > days_in_month(t.year, t.month) ||
      t.hour > 23 || t.minute > 59 || t.second > 60)
    return fail(TimeParseError::field_range);
  if (t.second == 60) return fail(TimeParseError::leap_second);  // fields stay filled in
  if (!t.has_offset) result.error = TimeParseError::missing_offset;
  return result;
}

namespace {
std::int64_t civil_ms(const CivilTime& c) noexcept {
  const std::int64_t days = days_from_civil(c.year, c.month, c.day);
  const std::int64_t secs = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
  return secs * 1000 + c.fraction_ms;
}
}  // namespace

Instant to_instant(const CivilTime& civil) noexcept {
  const std::int64_t ms = civil_ms(civil) - std::int64_t{civil.offset_minutes} * 60000;
  return Instant{Millis{ms}};
}

std::chrono::local_time<Millis> to_local(const CivilTime& civil) noexcept {
  return std::chrono::local_time<Millis>{Millis{civil_ms(civil)}};
}

namespace {
// Writes `value` as exactly `width` decimal digits (zero-padded) at `out`; returns the end.
char* put_digits(char* out, unsigned value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// Civil fields of a millisecond count (UTC or wall clock), written as text. Written digit by digit,
// not with snprintf: every table writes several instants per row, and snprintf's format parsing
// was a tenth of writing the fleet benchmark's tables. Years outside 0000-9999 keep snprintf.
std::string format_fields(std::int64_t ms) {
  const auto tp = date::sys_time<Millis>{Millis{ms}};
  const auto day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Millis> hms{tp - day};
  char buf[40];
  const int y = static_cast<int>(ymd.year());
  int n = 0;
  if (y >= 0 && y <= 9999) {
    char* p = put_digits(buf, static_cast<unsigned>(y), 4);
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    p = put_digits(p, static_cast<unsigned>(hms.hours().count()), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(hms.minutes().count()), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(hms.seconds().count()), 2);
    n = static_cast<int>(p - buf);
  } else {
    n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", y, static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  }
  if (const auto sub = hms.subseconds().count(); sub != 0 && n > 0) {
    buf[n] = '.';
    put_digits(buf + n + 1, static_cast<unsigned>(sub), 3);
    n += 4;
  }
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}
}  // namespace

std::string format_utc(Instant t) { return format_fields(t.time_since_epoch().count()) + 'Z'; }

std::string format_offset(std::chrono::seconds offset) {
  const auto total = offset.count();
  const auto magnitude = total < 0 ? -total : total;
  char buf[16];
  const int hh = static_cast<int>(magnitude / 3600), mm = static_cast<int>(magnitude / 60 % 60);
  const int ss = static_cast<int>(magnitude % 60);
  const char sign = total < 0 ? '-' : '+';
  if (hh > 99) {  // not a real offset; written as before, without the fast path
    const int n = ss == 0 ? std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, hh, mm)
                          : std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", sign, hh, mm, ss);
    return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
  }
  char* p = buf;
  *p++ = sign;
  p = put_digits(p, static_cast<unsigned>(hh), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<unsigned>(mm), 2);
  if (ss != 0) {
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(ss), 2);
  }
  return std::string(buf, static_cast<std::size_t>(p - buf));
}

std::string format_with_offset(Instant t, std::chrono::seconds offset) {
  return format_fields(t.time_since_epoch().count() + offset.count() * 1000) + format_offset(offset);
}

std::string format_seconds(Millis d) {
  const std::int64_t ms = d.count();
  const std::int64_t magnitude = ms < 0 ? -ms : ms;
  std::string s;
  if (ms < 0) s += '-';
  s += std::to_string(magnitude / 1000);
  if (std::int64_t frac = magnitude % 1000; frac != 0) {
    char buf[5];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    s += f;
  }
  return s;
}

std::optional<Millis> parse_duration(std::string_view text) noexcept {
  const std::string_view s = trim(text);
  std::size_t pos = 0;
  std::int64_t whole = 0;
  std::int64_t frac_num = 0;
  std::int64_t frac_den = 1;
  bool any_digit = false;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  while (pos < s.size() && is_digit(s[pos])) {
    const int digit = s[pos++] - '0';
    if (whole > (kMax - digit) / 10) return std::nullopt;
    whole = whole * 10 + digit;
    any_digit = true;
  }
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && is_digit(s[pos])) {
      if (frac_den >= 1'000'000'000LL) return std::nullopt;
      frac_num = frac_num * 10 + (s[pos++] - '0');
      frac_den *= 10;
      any_digit = true;
    }
  }
  if (!any_digit) return std::nullopt;
  const std::string_view unit = s.substr(pos);
  std::int64_t unit_ms = 0;
  if (unit.empty() || unit == "s" || unit == "sec") unit_ms = 1000;
  else if (unit == "ms") unit_ms = 1;
  else if (unit == "min") unit_ms = 60'000;  // not "m": it reads as metres
  else if (unit == "h") unit_ms = 3'600'000;
  else if (unit == "d") unit_ms = 86'400'000;
  else return std::nullopt;
  // Fractions must come out as whole milliseconds: "1.5h" is fine, "0.0001s" is not.
  if ((frac_num * unit_ms) % frac_den != 0) return std::nullopt;
  // Values that do not fit in int64 milliseconds are refused, never wrapped (signed overflow is
  // undefined behaviour; "9999999999999d" used to overflow). frac_num * unit_ms < 1e9 * 8.64e7.
  std::int64_t total = 0;
  if (__builtin_mul_overflow(whole, unit_ms, &total) ||
      __builtin_add_overflow(total, frac_num * unit_ms / frac_den, &total))
    return std::nullopt;
  return Millis{total};
}

}  // namespace shiftline
