// The CSV tables of a run (docs/outputs.md lists every column with its unit).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/result.hpp"
#include "shiftline/report/csv_writer.hpp"

namespace shiftline::report {

/// dwells.csv: dwell_id,vehicle_id,start,end,start_local,end_local,duration_s,lat,lon,radius_m,
/// n_pings,bridged_gap_s,source_rows. Sorted by vehicle, then start.
/// `extra` appends columns (analyse); `rows` selects and orders the dwells written (default all,
/// by vehicle then start).
struct DwellRef {
  std::size_t vehicle = 0;  ///< index into pipeline::RunResult::vehicles
  std::size_t dwell = 0;    ///< index into its dwells
};
struct DwellColumns {
  std::vector<std::string> names;
  std::function<void(CsvWriter&, DwellRef)> write;
};
/// `row_starts`, when given, receives the offset of each data row in the text, in the order written.
[[nodiscard]] std::string dwells_csv(const pipeline::RunResult& run, const TimeZone* zone, const DwellColumns* extra = nullptr,
                                     const std::vector<DwellRef>* rows = nullptr,
                                     std::vector<std::size_t>* row_starts = nullptr);

/// gaps.csv: vehicle_id,start,end,duration_s,from_lat,from_lon,to_lat,to_lon,moved_m, then
/// start_local,end_local,from_row,to_row,bridged_by_dwell.
[[nodiscard]] std::string gaps_csv(const pipeline::RunResult& run, const TimeZone* zone);

/// rejected.csv: file,line,field,reason,detail for every row not used, by file then line.
[[nodiscard]] std::string rejected_csv(const pipeline::RunResult& run);

/// warnings.csv: same columns, rows that were used but carry a warning.
[[nodiscard]] std::string warnings_csv(const pipeline::RunResult& run);

/// dwell_pings.csv (optional): dwell_id,vehicle_id,source,timestamp,lat,lon for every ping of
/// every dwell.
[[nodiscard]] std::string dwell_pings_csv(const pipeline::RunResult& run);

/// A dwell's `source_rows` cell: `FILE:FIRST-LAST` per input file, `;`-separated; `names` are
/// the display names of the run's inputs.
[[nodiscard]] std::string source_rows_text(const std::vector<std::string>& names, const pipeline::DwellRecord& dwell);

/// `vehicle#sequence`, the stable id of a dwell.
[[nodiscard]] std::string dwell_id(const std::string& vehicle, std::size_t sequence);

}  // namespace shiftline::report
