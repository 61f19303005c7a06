// The `analyse` job: the `dwells` pipeline, then duty alignment and matching of every dwell to
// places, incidents and events (docs/analyse.md).
#pragma once

#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/match/match.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/scope.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::pipeline {

struct AnalyseConfig {
  PipelineConfig pipeline;  ///< pings, cleaning, dwells (after_vehicle is set by run_analyse)
  ingest::CaseTablesConfig tables;
  match::MatchConfig match;
  verify::VerifyConfig verify;  ///< used when tables.claims is given (verify.gap is set from pipeline.gap)
  /// A raster drawn under report.html's map (`--basemap`): described, hashed and listed among the
  /// inputs (role "basemap", ingest::describe_raster) so that the manifest names it. Empty: none.
  std::string basemap;
  /// --officer, --vehicle, --from, --to, --scope-margin (docs/scope.md); inactive by default.
  ScopeConfig scope;
};

/// Reads the case tables on one more thread while the pings are read, builds the roster and the
/// index once the pings are in, then matches each vehicle's dwells on the worker that found them.
/// A ping error is reported before a table error. The result does not depend on the number of
/// threads. Claims (tables.claims), when given, are tested on the same workers (docs/verify.md).
[[nodiscard]] Analysis run_analyse(const AnalyseConfig& config);

}  // namespace shiftline::pipeline
