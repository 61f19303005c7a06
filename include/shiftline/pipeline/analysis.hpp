// What an `analyse` run found: the `dwells` result plus the case tables, the roster, each dwell's
// match, each shift's figures and each claim's verdict. Produced by run_analyse (analyse.hpp);
// the report stage writes it (report/analyse_tables.hpp and the other outputs).
#pragma once

#include <vector>

#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/match/match.hpp"
#include "shiftline/match/shift_figures.hpp"
#include "shiftline/pipeline/result.hpp"
#include "shiftline/pipeline/scope.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::pipeline {

struct Analysis {
  /// Dwells, gaps and problems. `run.ingest.inputs` lists the ping files, then the case tables
  /// (role set), so SourceRef::file indexes every input of the run.
  RunResult run;
  ingest::CaseTables tables;
  duty::Roster roster;
  /// matches[v][d]: the match of run.vehicles[v].dwells[d].
  std::vector<std::vector<match::DwellMatch>> matches;
  std::vector<match::ShiftFigures> shifts;  ///< same index as roster.shifts
  std::vector<verify::ClaimResult> claims;  ///< same index as tables.claims
  /// What the scope dropped from the case tables (docs/scope.md); zero without a scope. The
  /// roster and the tables above are already cut to the scope.
  ScopeCounts scope_counts;
  /// The scope resolved against the full roster (inactive without one): the spans of each
  /// vehicle's pings the run kept, so that a re-run (findings' robustness) keeps the same.
  Scope scope;
};

}  // namespace shiftline::pipeline
