#include "row_builder_internal.hpp"

#include "core/text_internal.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>

#include "shiftline/core/tz.hpp"

namespace shiftline::ingest {
namespace {

// CSV and spreadsheet fields: surrounding spaces and tabs are not part of the value.
std::string_view trim(std::string_view s) noexcept { return shiftline::trim(s, " \t"); }

// fast_float rather than strtod: locale-free, exact (correctly rounded) and several times faster;
// GCC 12's std::from_chars is also correct but slower on this path (benchmarks/bench_ingest.cpp).
std::optional<double> parse_double(std::string_view text) noexcept {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;  // "+-5" is not a number
  }
  double value = 0.0;
  const auto [ptr, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Degrees written with at most 7 decimals ("51.5074", "-0.1278000") are read straight into the
// 1e-7 degree storage unit: exact, and about three times faster than going through a double.
// Anything else (exponents, more decimals, more than 3 integer digits) returns false and takes the
// general path.
bool parse_degrees_e7(std::string_view text, std::int32_t& out) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::int64_t value = 0;
  std::size_t int_digits = 0;
  while (i < n && text[i] >= '0' && text[i] <= '9') {
    value = value * 10 + (text[i++] - '0');
    if (++int_digits > 3) return false;
  }
  std::size_t frac_digits = 0;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
      if (++frac_digits > 7) return false;
      value = value * 10 + (text[i++] - '0');
    }
  }
  if (i != n || (int_digits == 0 && frac_digits == 0)) return false;
  for (std::size_t k = frac_digits; k < 7; ++k) value *= 10;
  if (value > 1'800'000'000) return false;  // beyond 180 degrees: let the range check speak
  out = static_cast<std::int32_t>(negative ? -value : value);
  return true;
}

bool equals_ignoring_case(std::string_view a, std::string_view lower) noexcept {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

std::optional<std::int8_t> parse_ignition(std::string_view text) noexcept {
  text = trim(text);
  for (const std::string_view on : {"1", "true", "on", "yes", "y", "t"})
    if (equals_ignoring_case(text, on)) return 1;
  for (const std::string_view off : {"0", "false", "off", "no", "n", "f"})
    if (equals_ignoring_case(text, off)) return 0;
  return std::nullopt;
}

bool is_real_leap_second(Instant next_second) {
  // date reads the OS leap-second list; a `:60` is real only right before one of its insertions.
  const auto& leaps = date::get_tzdb().leap_seconds;
  return std::any_of(leaps.begin(), leaps.end(), [next_second](const date::leap_second& leap) {
    return Instant{leap.date()} == next_second;
  });
}

// Epoch seconds (optionally with up to 3 fraction digits) or epoch milliseconds.
std::optional<Instant> parse_epoch(std::string_view text, TimeFormat format) noexcept {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // One sign at most: from_chars would accept a second '-', so "--1572139800" read as 2019.
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  std::int64_t whole = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, whole);
  if (ec != std::errc() || ptr == text.data()) return std::nullopt;
  std::int64_t ms = 0;
  if (format == TimeFormat::epoch_ms) {
    if (ptr != end) return std::nullopt;
    ms = whole;
  } else {
    if (whole > 9'000'000'000'000LL) return std::nullopt;
    ms = whole * 1000;
    if (ptr != end) {
      if (*ptr != '.') return std::nullopt;
      ++ptr;
      std::int64_t scale = 100;
      if (ptr == end) return std::nullopt;
      for (; ptr != end; ++ptr) {
        if (*ptr < '0' || *ptr > '9') return std::nullopt;
        const int digit = *ptr - '0';
        if (scale == 0) {
          if (digit != 0) return std::nullopt;  // below a millisecond: refused, not truncated
        } else {
          ms += digit * scale;
          scale /= 10;
        }
      }
    }
  }
  return Instant{Millis{negative ? -ms : ms}};
}

// A numeric date other than ISO 8601's YYYY-MM-DD: three groups of 1 to 4 digits separated by
// one of `/` `.` `-` (the same one twice), e.g. `21/10/2024 07:00`. Returns the groups and the
// rest of the text (from the time on), or nullopt when the text does not start so.
struct NumericDate {
  std::array<std::string_view, 3> groups;
  std::string_view rest;
};
std::optional<NumericDate> numeric_date(std::string_view text) noexcept {
  NumericDate d;
  std::size_t i = 0;
  char separator = 0;
  for (std::size_t g = 0; g < 3; ++g) {
    const std::size_t from = i;
    while (i < text.size() && i - from < 5 && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == from || i - from > 4) return std::nullopt;
    d.groups[g] = text.substr(from, i - from);
    if (g == 2) break;
    if (i >= text.size() || (text[i] != '/' && text[i] != '.' && text[i] != '-')) return std::nullopt;
    if (separator != 0 && text[i] != separator) return std::nullopt;
    separator = text[i++];
  }
  if (separator == '-' && d.groups[0].size() == 4) return std::nullopt;  // ISO 8601: read as such
  if (i < text.size() && text[i] >= '0' && text[i] <= '9') return std::nullopt;
  d.rest = text.substr(i);
  return d;
}

// The ISO 8601 text of a numeric date read in `order` ("2024-10-21" + the rest), or empty when
// its year is not 4 digits (a 2-digit year is a guess about the century).
std::string iso_from_numeric(const NumericDate& d, DateOrder order) {
  std::string_view y, m, day;
  switch (order) {
    case DateOrder::dmy: std::tie(day, m, y) = std::tie(d.groups[0], d.groups[1], d.groups[2]); break;
    case DateOrder::mdy: std::tie(m, day, y) = std::tie(d.groups[0], d.groups[1], d.groups[2]); break;
    case DateOrder::ymd: std::tie(y, m, day) = std::tie(d.groups[0], d.groups[1], d.groups[2]); break;
    case DateOrder::none: return {};
  }
  if (y.size() != 4 || m.size() > 2 || day.size() > 2) return {};
  const auto two = [](std::string_view g) { return g.size() == 1 ? "0" + std::string(g) : std::string(g); };
  return std::string(y) + "-" + two(m) + "-" + two(day) + std::string(d.rest);
}

}  // namespace

std::optional<Instant> parse_time_field(std::string_view text, const TimeRules& rules, SourceRef where,
                                        const std::string& column, ProblemSink& problems) {
  if (trim(text).empty()) {
    problems.report(where, ProblemCode::missing_field, column, "empty time");
    return std::nullopt;
  }
  Instant t{};
  if (rules.format != TimeFormat::iso8601) {
    const auto parsed = parse_epoch(text, rules.format);
    if (!parsed) {
      problems.report(where, ProblemCode::unparseable_field, column,
                      quote(text) + " is not " +
                          (rules.format == TimeFormat::epoch_s ? "epoch seconds" : "epoch milliseconds"));
      return std::nullopt;
    }
    t = *parsed;
  } else {
    // A numeric date that is not ISO 8601 is read only in the order --date-order gives: whether
    // 03/04/2024 is 3 April or 4 March cannot be told from the text.
    std::string rewritten;
    if (const auto numeric = numeric_date(trim(text))) {
      if (rules.date_order == DateOrder::none) {
        problems.report(where, ProblemCode::ambiguous_date, column,
                        quote(text) + " is not an ISO 8601 date (day-first or month-first?); give --date-order "
                                      "dmy, mdy or ymd");
        return std::nullopt;
      }
      rewritten = iso_from_numeric(*numeric, rules.date_order);
      if (rewritten.empty()) {
        problems.report(where, ProblemCode::unparseable_field, column,
                        quote(text) + " is not a date in the --date-order given (with a 4-digit year)");
        return std::nullopt;
      }
    }
    CivilParse parsed = parse_iso8601(rewritten.empty() ? text : std::string_view(rewritten));
    bool leap = false;
    if (parsed.error == TimeParseError::leap_second) {
      // Read :60 as :59.999 for now; kept only if it really is a leap second (checked below).
      parsed.time.second = 59;
      parsed.time.fraction_ms = 999;
      parsed.error = parsed.time.has_offset ? TimeParseError::none : TimeParseError::missing_offset;
      leap = true;
    }
    if (parsed.error == TimeParseError::missing_offset) {
      if (!rules.zone) {
        problems.report(where, ProblemCode::naive_time_without_zone, column,
                        quote(text) + " has no UTC offset; give --tz ZONE to read naive local times");
        return std::nullopt;
      }
      const LocalResolution r = resolve_local(*rules.zone, to_local(parsed.time), rules.ambiguous);
      if (r.error == LocalTimeError::nonexistent) {
        problems.report(where, ProblemCode::nonexistent_local_time, column,
                        quote(text) + " does not exist in " + std::string(rules.zone->name()) +
                            " (clocks went forward)");
        return std::nullopt;
      }
      if (r.error == LocalTimeError::ambiguous) {
        problems.report(where, ProblemCode::ambiguous_local_time, column,
                        quote(text) + " happens twice in " + std::string(rules.zone->name()) +
                            " (clocks went back); choose with --ambiguous earliest|latest");
        return std::nullopt;
      }
      t = r.instant;
    } else if (!parsed.ok()) {
      problems.report(where, ProblemCode::unparseable_field, column,
                      quote(text) + ": " + std::string(describe(parsed.error)));
      return std::nullopt;
    } else {
      t = to_instant(parsed.time);
    }
    if (leap) {
      const Instant next_second = date::floor<Seconds>(t) + Seconds{1};
      if (!is_real_leap_second(next_second)) {
        problems.report(where, ProblemCode::invalid_leap_second, column,
                        quote(text) + " has second 60 but no leap second was inserted then");
        return std::nullopt;
      }
      problems.report(where, ProblemCode::leap_second, column,
                      quote(text) + " is a leap second; read as " + format_utc(t));
    }
  }
  // The rules' window, never wider than the range Shiftline reads at all (core/time.hpp): a
  // library caller's window cannot let year 0000 through to be printed as `-001-12-31`.
  const Instant start = std::max(rules.window_start, kTimeRangeStart);
  const Instant end = std::min(rules.window_end, kTimeRangeEnd);
  if (t < start || t >= end) {
    problems.report(where, ProblemCode::time_outside_window, column,
                    quote(text) + " is outside the plausible window [" + format_utc(start) + ", " + format_utc(end) +
                        ")");
    return std::nullopt;
  }
  return t;
}

RowBuilder::RowBuilder(const IngestConfig& config, PingTable& pings, ProblemSink& problems,
                       const CrsTransform* transform)
    : m_config(config), m_pings(pings), m_problems(problems), m_projection(transform) {
  m_rules = TimeRules{config.time_format, config.zone,       config.ambiguous,
                      config.window_start, config.window_end, config.date_order};
}

void RowBuilder::begin_input(const ResolvedColumns& columns, bool projected) {
  m_columns = columns;
  m_transform = projected ? m_projection : nullptr;
  const std::size_t n = m_pings.size();
  auto ensure = [n](auto& column, bool present, auto missing) {
    if (present && column.size() < n) column.resize(n, missing);
  };
  ensure(m_pings.optional.accuracy_m, !columns.accuracy.empty(), kMissing);
  ensure(m_pings.optional.speed_kmh, !columns.speed.empty(), kMissing);
  ensure(m_pings.optional.heading_deg, !columns.heading.empty(), kMissing);
  ensure(m_pings.optional.ignition, !columns.ignition.empty(), std::int8_t{-1});
}

bool RowBuilder::add(SourceRef where, const RowText& row) {
  const std::string_view vehicle = trim(row.vehicle);
  if (vehicle.empty()) {
    m_problems.report(where, ProblemCode::missing_field, m_columns.vehicle, "empty vehicle id");
    return false;
  }
  const std::optional<Instant> time = parse_time_field(row.time, m_rules, where, m_columns.time, m_problems);
  if (!time) return false;

  RawLatLon raw;
  std::int32_t lat_e7 = 0;
  std::int32_t lon_e7 = 0;
  const bool exact = !m_transform && parse_degrees_e7(trim(row.first), lat_e7) && parse_degrees_e7(trim(row.second), lon_e7);
  if (exact) {
    raw = RawLatLon{from_e7(lat_e7), from_e7(lon_e7)};
  } else {
    const auto first = parse_double(row.first);
    const auto second = parse_double(row.second);
    if (!first || !second) {
      const bool first_bad = !first;
      const std::string_view text = first_bad ? row.first : row.second;
      const std::string& column = first_bad ? m_columns.first : m_columns.second;
      m_problems.report(where, trim(text).empty() ? ProblemCode::missing_field : ProblemCode::unparseable_field,
                        column, quote(text) + " is not a number");
      return false;
    }
    raw = RawLatLon{*first, *second};
    if (m_transform) {
      raw = m_transform->to_wgs84(*first, *second);
      if (!std::isfinite(raw.lat) || !std::isfinite(raw.lon)) {
        m_problems.report(where, ProblemCode::coordinate_transform_failed, m_columns.first + "," + m_columns.second,
                          "(" + std::string(trim(row.first)) + ", " + std::string(trim(row.second)) +
                              ") cannot be transformed from " + m_config.crs + " to WGS84");
        return false;
      }
    }
  }
  switch (check(raw)) {
    case CoordinateProblem::none: break;
    case CoordinateProblem::null_island:
      m_problems.report(where, ProblemCode::null_island, m_columns.first + "," + m_columns.second,
                        "position is exactly (0, 0), which receivers report without a fix");
      return false;
    case CoordinateProblem::not_finite:
    case CoordinateProblem::out_of_range:
      m_problems.report(where, ProblemCode::coordinate_out_of_range, m_columns.first + "," + m_columns.second,
                        "(" + std::string(trim(row.first)) + ", " + std::string(trim(row.second)) +
                            ") is not a WGS84 latitude/longitude");
      return false;
  }

  // Vehicle ids reach every output: NUL and invalid UTF-8 become U+FFFD there, said here once per
  // row (the row is kept: the id stays distinct from others).
  std::string cleaned;
  std::string_view vehicle_id = vehicle;
  if (!clean_utf8(vehicle)) {
    cleaned = replace_invalid_utf8(vehicle);
    vehicle_id = cleaned;
    m_problems.report(where, ProblemCode::invalid_text, m_columns.vehicle,
                      "NUL or invalid UTF-8 in the vehicle id, read as " + quote(cleaned) +
                          " (each bad byte replaced by U+FFFD)");
  }
  m_pings.time.push_back(*time);
  m_pings.lat_e7.push_back(exact ? lat_e7 : to_e7(raw.lat));
  m_pings.lon_e7.push_back(exact ? lon_e7 : to_e7(raw.lon));
  m_pings.vehicle.push_back(m_pings.vehicles.intern(vehicle_id));
  m_pings.line.push_back(where.line);
  m_pings.file.push_back(where.file);

  auto optional_float = [&](std::vector<float>& column, const std::optional<std::string_view>& text,
                            const std::string& name, double lo, double hi) {
    if (column.empty() && !text) return;
    if (column.size() + 1 < m_pings.size()) column.resize(m_pings.size() - 1, kMissing);
    float value = kMissing;
    if (text && !trim(*text).empty()) {
      const auto parsed = parse_double(*text);
      if (parsed && *parsed >= lo && *parsed <= hi) {
        value = static_cast<float>(*parsed);
      } else {
        m_problems.report(where, ProblemCode::invalid_optional_field, name,
                          quote(*text) + " is not a number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                              "]; left empty, the ping is kept");
      }
    }
    column.push_back(value);
  };
  optional_float(m_pings.optional.accuracy_m, row.accuracy, m_columns.accuracy, 0.0, 1e6);
  optional_float(m_pings.optional.speed_kmh, row.speed, m_columns.speed, 0.0, 2000.0);
  optional_float(m_pings.optional.heading_deg, row.heading, m_columns.heading, 0.0, 360.0);
  if (!m_pings.optional.ignition.empty() || row.ignition) {
    auto& column = m_pings.optional.ignition;
    if (column.size() + 1 < m_pings.size()) column.resize(m_pings.size() - 1, std::int8_t{-1});
    std::int8_t value = -1;
    if (row.ignition && !trim(*row.ignition).empty()) {
      if (const auto parsed = parse_ignition(*row.ignition)) value = *parsed;
      else
        m_problems.report(where, ProblemCode::invalid_optional_field, m_columns.ignition,
                          quote(*row.ignition) + " is not on/off; left empty, the ping is kept");
    }
    column.push_back(value);
  }
  return true;
}

}  // namespace shiftline::ingest
