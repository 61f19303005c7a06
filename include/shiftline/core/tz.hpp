// Time zones through Howard Hinnant's date/tz on the OS tz database.
//
// This header is the only place that includes <date/tz.h>: a translation unit compiled without
// USE_OS_TZDB=1 still links against Debian's libdate-tz and crashes at run time
// (docs/time.md, "Why the code looks as it does"), so the check below turns that into a compile error.
#pragma once

#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "shiftline/core/time.hpp"

#if !defined(USE_OS_TZDB) || USE_OS_TZDB != 1
#error "shiftline needs date-tz built with USE_OS_TZDB=1; link date::date-tz"
#endif

namespace shiftline {

using TimeZone = date::time_zone;

/// How to read a wall-clock time that happens twice (the autumn clock change).
enum class AmbiguityPolicy : std::uint8_t { reject, earliest, latest };

/// Looks a zone up by IANA name (`Europe/London`); nullptr when unknown.
[[nodiscard]] const TimeZone* find_zone(std::string_view name) noexcept;

/// Why a wall-clock time could not become an Instant.
enum class LocalTimeError : std::uint8_t { none, ambiguous, nonexistent };

struct LocalResolution {
  Instant instant{};
  LocalTimeError error = LocalTimeError::none;
};

/// Wall-clock time in `zone` -> Instant. Nonexistent times (the spring gap) are always an error,
/// never shifted (date's choose::earliest would move 01:30 to 02:00 silently). Ambiguous times
/// are an error under AmbiguityPolicy::reject, else the earlier or later of the two instants.
[[nodiscard]] LocalResolution resolve_local(const TimeZone& zone,
                                            std::chrono::local_time<Millis> local,
                                            AmbiguityPolicy policy);

/// UTC offset in force in `zone` at `t` (east positive), to the second: local mean time has
/// seconds (Europe/London before 1847: -00:01:15), and rounding them to minutes shifted the time.
[[nodiscard]] std::chrono::seconds utc_offset(const TimeZone& zone, Instant t);

/// The local calendar date of `t` in `zone` (UTC when zone is null).
[[nodiscard]] std::chrono::year_month_day local_date(const TimeZone* zone, Instant t);

/// The first instant of the local date `day` in `zone` (UTC when null): its 00:00; the earlier
/// of the two when 00:00 happens twice; the clock change when 00:00 is skipped (Asia/Beirut,
/// America/Santiago), so that consecutive days tile time with no gap and no overlap.
[[nodiscard]] Instant local_midnight(const TimeZone* zone, std::chrono::local_days day);

/// `format_with_offset` in `zone`, or `format_utc` when zone is null.
[[nodiscard]] std::string format_local(const TimeZone* zone, Instant t);

/// Version of the OS tz database (first line of /usr/share/zoneinfo/tzdata.zi, e.g. "2025b");
/// "unknown" when unreadable. date's own get_tzdb().version says "unknown" on Debian.
[[nodiscard]] std::string tzdata_version();

}  // namespace shiftline
