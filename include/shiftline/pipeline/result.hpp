// What a `dwells` run found, per vehicle, with provenance: the values the report stage writes
// (report/tables.hpp). Produced by run_dwells (pipeline.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/reconstruct/track.hpp"

namespace shiftline::pipeline {

/// The lines of one input file that hold a dwell's pings: [first_line, last_line].
struct LineRange {
  std::uint16_t file = 0;
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
};

struct DwellRecord {
  std::size_t sequence = 0;  ///< 1-based per vehicle, in time order
  Instant start;
  Instant end;
  LatLon location;
  Meters radius{0.0};
  std::size_t n_pings = 0;
  Millis bridged_gap{0};
  std::vector<LineRange> source_lines;  ///< one per input file, in file order
  std::vector<std::uint32_t> pings;     ///< PingTable rows, time order (kept only with --dwell-pings)
  /// Its first (last) ping is the first (last) of a scope span and the vehicle has pings before
  /// (after) that span that the scope dropped: the stay may have begun earlier (lasted longer).
  bool cut_by_scope_start = false;
  bool cut_by_scope_end = false;
};

struct GapRecord {
  Instant start;  ///< time of the last ping before the silence
  Instant end;    ///< time of the first ping after it
  LatLon from;
  LatLon to;
  Meters moved{0.0};  ///< geodesic distance between the two pings
  SourceRef from_row;
  SourceRef to_row;
  std::optional<std::size_t> bridged_by;  ///< sequence of the dwell that bridges it
};

struct VehicleResult {
  VehicleIndex vehicle = 0;
  std::size_t rows = 0;        ///< accepted by ingest
  std::size_t pings_used = 0;  ///< after cleaning
  std::size_t rows_out_of_scope = 0;  ///< accepted by ingest, dropped by the scope (not in `rows`)
  Instant first_ping;
  Instant last_ping;
  std::vector<DwellRecord> dwells;
  std::vector<GapRecord> gaps;
  /// The cleaned (and, with --smooth, smoothed) track; kept only with PipelineConfig::keep_tracks
  /// (for outputs that draw tracks and pings), else empty.
  clean::Track track;
};

struct RunResult {
  ingest::IngestResult ingest;
  ProblemSink problems;                 ///< every rejected row and warning, sorted by source
  std::vector<VehicleResult> vehicles;  ///< in vehicle-name order
  /// Scope: ingest problems that fell on rows the scope dropped (not listed, counted), and ingest
  /// problems whose detail was withheld (scope.hpp, withhold_details).
  std::size_t problems_out_of_scope = 0;
  std::size_t rows_out_of_scope = 0;  ///< ping rows accepted by ingest and dropped by the scope
  std::size_t problems_withheld = 0;
  /// Scope: the vehicles with no ping in scope are removed from `vehicles`; this holds, for each
  /// one kept, its index before (the `k` that after_vehicle was called with). Empty: no scope.
  std::vector<std::size_t> scoped_slots;
  [[nodiscard]] const std::string& vehicle_name(const VehicleResult& v) const {
    return ingest.pings.vehicles.name(v.vehicle);
  }
};

}  // namespace shiftline::pipeline
