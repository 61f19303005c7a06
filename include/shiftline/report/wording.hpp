// How sentences name durations, times, places and lists: one style for every sentence the
// report writes (findings.csv, claims.csv; docs/findings.md, "Sentences").
#pragma once

#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"

namespace shiftline::report {

/// A duration to read out, rounded DOWN (in the subject's favour: a stay is never said to be
/// longer than it was): "1 h 02 min", "45 min", "1 min" from one minute; "59 s", "1 s" under a
/// minute; "under 1 s" for a positive duration under a second; "0 s". Hours are not folded into
/// days ("26 h 05 min"). Negative durations are written as 0 s.
[[nodiscard]] std::string duration_text(Millis d);

/// duration_text of `d` where the sentence compares it with `other` ("at most X, within the Y
/// --presence-tolerance"): when both round down to the same text but differ, `d` is written to
/// the second ("19 min 57 s", "1 h 02 min 03 s", still truncated), so that the comparison reads
/// true. Call it for both sides.
[[nodiscard]] std::string duration_text(Millis d, Millis other);

/// A local time to read out, with its offset: "2024-10-26 11:02:13 +01:00" (with a zone), or
/// "2024-10-26 10:02:13 UTC" (zone null). Exact, never rounded (milliseconds as `.mmm` when there
/// are any, as format_local writes them).
[[nodiscard]] std::string time_text(const TimeZone* zone, Instant t);

/// "from 2024-10-26 11:02:13 +01:00 to 12:04:50 +01:00": the end without its date when it falls
/// on the same local date (and in the same zone notation) as the start.
[[nodiscard]] std::string span_text(const TimeZone* zone, Instant start, Instant end);

/// A place by its label with its id in brackets, "Address A (ADDR-A)"; the id alone when the
/// label is empty or equals it.
[[nodiscard]] std::string place_text(const std::string& label, const std::string& id);

/// One unit per distance: metres below 1 km (one decimal below 10 m), kilometres with one decimal
/// from 1 km.
[[nodiscard]] std::string metres_text(Meters m);

/// "A", "A and B", "A, B and C"; empty for none.
[[nodiscard]] std::string listed(const std::vector<std::string>& items);

}  // namespace shiftline::report
