// The tables an `analyse` run adds to those of `dwells` (docs/outputs.md lists every column).
#pragma once

#include <string>

#include "shiftline/core/tz.hpp"
#include "shiftline/report/analysis.hpp"

namespace shiftline::report {

/// dwells.csv of `analyse`: the dwells.csv columns, then class,officer_ids,shift_ids,place_ids,
/// incident_ids,nearest_incident_id,nearest_incident_m,flags; with the place of each dwell's row
/// in the text, so that unexplained.csv copies the rows instead of formatting them again.
struct DwellsTable {
  std::string text;
  std::vector<std::size_t> row_starts;  ///< per dwell, vehicle by vehicle in time order; then text.size()
};
[[nodiscard]] DwellsTable analysed_dwells_table(const Analysis& a, const TimeZone* zone);

/// unexplained.csv: the same columns, `unexplained` dwells only, longest first (ties: vehicle,
/// then start).
[[nodiscard]] std::string unexplained_csv(const Analysis& a, const DwellsTable& dwells);

/// visits.csv: one row per (dwell, place whose area holds it), by place_id, then start, then vehicle.
[[nodiscard]] std::string visits_csv(const Analysis& a, const TimeZone* zone);

/// shifts.csv: one row per shift, by officer then start, with coverage and time by class, and one
/// events_<kind>_n column per event kind (sorted by kind).
[[nodiscard]] std::string shifts_csv(const Analysis& a, const TimeZone* zone);

/// flags.csv: every revisit and look-up flag with the evidence behind it, by visit start.
[[nodiscard]] std::string flags_csv(const Analysis& a, const TimeZone* zone);

/// The flags cell of dwells.csv (place null: every flag) or visits.csv (only those about `*place`):
/// partial_duty first, then each flag as flag_text writes it, `;`-separated.
[[nodiscard]] std::string flags_text(const Analysis& a, const match::DwellMatch& m, const std::uint32_t* place);

/// Incident ids of `incidents` (indices into a.tables.incidents), `;`-separated.
[[nodiscard]] std::string incident_ids_text(const Analysis& a, const std::vector<std::uint32_t>& incidents);

/// The text of a flag as dwells.csv writes it, e.g. `revisit_after_closure:INC-7`.
[[nodiscard]] std::string flag_text(const Analysis& a, const match::Flag& flag);

}  // namespace shiftline::report
