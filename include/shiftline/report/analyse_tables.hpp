// The tables an `analyse` run adds to those of `dwells` (docs/outputs.md lists every column).
#pragma once

#include <string>

#include "shiftline/core/ids.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::report {

/// dwells.csv of `analyse`: the dwells.csv columns, then class,officer_ids,shift_ids,place_ids,
/// incident_ids,nearest_incident_id,nearest_incident_m,flags,incident_s,base_s,unexplained_s,
/// off_duty_s,duty_unknown_s,officer_on_duty_s,context; with the place of each dwell's row in the
/// text, so that unexplained.csv copies the rows instead of formatting them again.
struct DwellsTable {
  std::string text;
  std::vector<std::size_t> row_starts;  ///< per dwell, vehicle by vehicle in time order; then text.size()
};
[[nodiscard]] DwellsTable analysed_dwells_table(const pipeline::Analysis& a, const TimeZone* zone);

/// Whether a dwell is a row of unexplained.csv: some of its time is unexplained, whatever its class.
[[nodiscard]] bool has_unexplained_time(const match::DwellMatch& m) noexcept;

/// unexplained.csv: the same columns, every dwell with unexplained time, most unexplained time
/// first (ties: vehicle, then start).
[[nodiscard]] std::string unexplained_csv(const pipeline::Analysis& a, const DwellsTable& dwells);

/// visits.csv: one row per (dwell, place whose area holds it), by place_id, then start, then vehicle.
[[nodiscard]] std::string visits_csv(const pipeline::Analysis& a, const TimeZone* zone);

/// shifts.csv: one row per shift, by officer then start, with coverage and time by class, and one
/// events_<kind>_n column per event kind (sorted by kind).
[[nodiscard]] std::string shifts_csv(const pipeline::Analysis& a, const TimeZone* zone);

/// flags.csv: every revisit and look-up flag with the evidence behind it, by visit start.
[[nodiscard]] std::string flags_csv(const pipeline::Analysis& a, const TimeZone* zone);

/// The flags cell of dwells.csv (place null: every flag) or visits.csv (only those about `*place`):
/// partial_duty first, then each flag as flag_text writes it, `;`-separated.
[[nodiscard]] std::string flags_text(const pipeline::Analysis& a, const match::DwellMatch& m,
                                     const PlaceIndex* place);

/// Incident ids of `incidents`, `;`-separated.
[[nodiscard]] std::string incident_ids_text(const pipeline::Analysis& a,
                                            const std::vector<IncidentIndex>& incidents);

/// The text of a flag as dwells.csv writes it, e.g. `revisit_after_closure:INC-7`.
[[nodiscard]] std::string flag_text(const pipeline::Analysis& a, const match::Flag& flag);

/// The texts of a dwell's flags in order, each once (a flag against two officers is one text),
/// without partial_duty.
[[nodiscard]] std::vector<std::string> flag_texts(const pipeline::Analysis& a, const match::DwellMatch& m);

/// How an officer's attendance at an incident is known, as flags.csv's `attendance` says it.
[[nodiscard]] std::string attendance_text(const pipeline::Analysis& a, const match::Attender& who);

/// The `context` cell of dwells.csv (place null: every note) or visits.csv (only those about
/// `*place`): why evidence at the place raised no flag, `;`-separated.
[[nodiscard]] std::string context_text(const pipeline::Analysis& a, const match::DwellMatch& m,
                                       const PlaceIndex* place);

/// The `officer_on_duty_s` cell: `OFFICER=SECONDS` for each officer on duty in the dwell (their
/// part of it), by officer_id, `;`-separated.
[[nodiscard]] std::string officer_on_duty_text(const match::DwellMatch& m);

/// A dwell's time by class in words, e.g. `unexplained 1920 s, off_duty 12480 s` (classes with no
/// time left out).
[[nodiscard]] std::string time_split_text(const match::TimeSplit& split);

}  // namespace shiftline::report
