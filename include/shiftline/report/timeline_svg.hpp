// A timeline of one officer on one local calendar day, as an SVG document: the officer's shifts,
// the vehicles the roster puts the officer in, those vehicles' dwells (coloured by class) and
// data gaps while the officer was in them, incidents, the officer's events (records look-ups
// highlighted) and claims with their verdicts.
//
// The day runs from 00:00 to 24:00 local time in `zone` (UTC when zone is null). The horizontal
// axis is real (UTC) time, so a day with a clock change is 23 or 25 hours wide and every length
// on the page is proportional to elapsed time; tick labels give the local time with its UTC
// offset ("01:00 +01:00", then "01:00 +00:00" an hour later on 2024-10-27 in Europe/London).
//
// The document is self-contained (no scripts, links, fonts or images; font-family sans-serif)
// and deterministic: the same pipeline::Analysis and arguments give the same bytes (numbers are written
// locale-free with fixed decimals). Every XML id starts with svg_id_prefix(officer, day), so
// several timelines can be inlined in one HTML page. Colours are the Okabe-Ito palette; dwell
// classes and gaps also differ by pattern and carry a text label, so the page reads in greyscale.
//
// Machine-readable structure, for tests and the HTML page:
// - the root <svg> has data-officer, data-day (YYYY-MM-DD), data-zone, data-start-utc and
//   data-end-utc (the instants of local 00:00 and 24:00);
// - every drawn record is a <g> with data-kind (shift, crewing, dwell, gap, incident, event,
//   claim), data-id, data-start-utc and data-end-utc (the record's own times, ISO 8601 UTC, even
//   where the drawing is clipped to the day; data-clipped is then "start", "end" or "both"), a
//   <title> for hover text (id, local times with offset, duration, class, places, source rows)
//   and kind-specific data-* attributes (data-class, data-verdict, data-lookup, ...);
// - every hour tick is a <g data-kind="tick"> with data-start-utc and data-local (local time with
//   offset) holding a <line> at its x; a clock change is a <g data-kind="clock-change">.
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::report {

/// One officer on one local calendar day. Ordered by officer_id (bytewise), then day.
struct OfficerDay {
  std::string officer_id;
  std::chrono::year_month_day day;
  friend bool operator==(const OfficerDay&, const OfficerDay&) = default;
  friend std::strong_ordering operator<=>(const OfficerDay& x, const OfficerDay& y) {
    if (const auto c = x.officer_id <=> y.officer_id; c != 0) return c;
    return x.day <=> y.day;
  }
};

/// Every (officer, local day in `zone`) that one of the officer's shifts or crewings touches for a
/// positive time: a shift [start, end) touches each local date from that of `start` to that of
/// the last millisecond before `end` (a shift ending at 24:00 does not touch the next day).
/// Sorted, unique. Null zone: UTC dates.
[[nodiscard]] std::vector<OfficerDay> officer_days(const pipeline::Analysis& a, const TimeZone* zone);

/// Layout (all lengths in px, user units of the SVG) and the two run parameters that change what
/// is drawn. The defaults give a 24-hour day 1728 px wide plus the lane names.
struct TimelineStyle {
  double px_per_hour = 72.0;        ///< horizontal scale: px per real (UTC) hour
  double label_width = 160.0;       ///< lane-name column left of the time axis
  double right_margin = 40.0;       ///< after 24:00, room for the last tick label
  double title_height = 24.0;       ///< the heading line at the top
  double axis_height = 46.0;        ///< clock-change labels and two-line tick labels above the first lane
  double row_height = 22.0;         ///< one row of a lane; overlapping items get rows of their own
  double bar_height = 14.0;         ///< height of a bar within its row
  double lane_gap = 6.0;            ///< vertical space between lanes
  double legend_height = 44.0;      ///< legend below the last lane
  double font_size = 11.0;          ///< lane names, labels and legend
  double tick_font_size = 10.0;     ///< hour tick labels
  double min_bar_width = 1.0;       ///< a shorter bar is drawn this wide, so that it stays visible
  double char_width = 0.6;          ///< estimated glyph width as a fraction of the font size
  /// Event kinds drawn as records look-ups; pass the run's --lookup-kinds (MatchConfig). Events
  /// that are the evidence of a lookup_then_visit flag are highlighted whatever their kind.
  std::vector<std::string> lookup_kinds{"records_lookup"};
  /// The run's --reach-speed-kmh, for the claim explanations in hover text (VerifyConfig).
  Speed reach_speed = verify::VerifyConfig{}.reach_speed;
  /// One line of text under the legend (a <text data-kind="footnote">), e.g. where a timeline for a
  /// case file came from; empty: none, and no room is made for it.
  std::string footnote;
};

/// The timeline of `officer_id` on local `day` in `zone` (null: UTC), as a standalone SVG document
/// (UTF-8, no XML declaration, so it can also be inlined in HTML). An officer with nothing on the
/// day gets the empty lanes. Records shown:
/// - shifts of the officer that overlap the day; crewings of those shifts that overlap it;
/// - per vehicle of those crewings: its dwells and gaps that overlap both the day and one of those
///   crewings for a positive time (drawn whole within the day, also when only partly crewed);
/// - incidents open during the day that name the officer, a callsign of one of those shifts, or
///   one of those vehicles while the officer was in it, or that explain a dwell shown;
/// - the officer's events during the day;
/// - claims about the officer, or about one of those vehicles while the officer was in it, whose
///   interval overlaps the day.
/// Throws UsageError when `day` is not a valid date, or a style length is negative or not finite
/// (px_per_hour must be > 0). Time: linear in the sizes of the case tables and the dwells, gaps and
/// flags of the whole analysis (every record is looked at once per call).
[[nodiscard]] std::string officer_day_svg(const pipeline::Analysis& a, const TimeZone* zone, const std::string& officer_id,
                                          std::chrono::year_month_day day, const TimelineStyle& style = {});

/// The prefix of every XML id in officer_day_svg's document: "tl-" + officer id (bytes other than
/// ASCII letters and digits written as "_XX" in hex) + "-" + YYYYMMDD. Distinct for distinct
/// (officer, day), and a valid XML name.
[[nodiscard]] std::string svg_id_prefix(const std::string& officer_id, std::chrono::year_month_day day);

/// "2024-10-27".
[[nodiscard]] std::string format_day(std::chrono::year_month_day day);

}  // namespace shiftline::report
