// timeline_i2.csv: every event of an `analyse` run as one row, in the shape an i2 Analyst's
// Notebook import specification maps onto a timeline chart (docs/i2-import.md says how to import
// it; docs/outputs.md lists the columns).
//
// Rows: shift_start and shift_end (entity: the officer), dwell and gap (the vehicle), incident
// (the incident), records_lookup (the officer; events whose kind is a look-up kind), claim (the
// claim's subject, officer or vehicle). A dwell, gap, incident or claim is one row with its start
// in date,time and its end in end_date,end_time; a shift is two point rows, so that coming on and
// going off duty each sit on the officer's theme line at their own moment.
//
// Times are written in `zone` (UTC when null) as `YYYY-MM-DD` and `HH:MM:SS`, with the UTC offset
// in force beside them, and again in UTC, so a wall-clock time in the repeated autumn hour is never
// ambiguous. When any instant of the table has milliseconds, every time is written `HH:MM:SS.mmm`
// (one format per column, which the import needs).
//
// Sorted by UTC instant of date,time, then event type in the fixed order shift_end, shift_start,
// incident, records_lookup, dwell, gap, claim, then entity, source and id (bytewise): a total
// order, so the bytes depend only on the pipeline::Analysis, never on threads.
#pragma once

#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::report {

/// The table, header included. `lookup_kinds` are the event kinds written as records_lookup rows
/// (`--lookup-kinds`, MatchConfig::lookup_kinds); other events are not on the timeline. O(n log n)
/// in the number of rows.
[[nodiscard]] std::string timeline_i2_csv(const pipeline::Analysis& a, const TimeZone* zone,
                                          const std::vector<std::string>& lookup_kinds);

/// The same with the default look-up kinds (`records_lookup`).
[[nodiscard]] std::string timeline_i2_csv(const pipeline::Analysis& a, const TimeZone* zone);

}  // namespace shiftline::report
