// The whole `dwells` job: ingest -> clean -> (smooth) -> gaps -> dwells, vehicles in parallel.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/pipeline/result.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "shiftline/reconstruct/track.hpp"

namespace shiftline::pipeline {

struct PipelineConfig {
  ingest::IngestConfig ingest;
  clean::CleanConfig clean;
  reconstruct::GapConfig gap;
  dwell::DwellConfig dwell;  ///< dwell.gap is set from gap.gap by run_dwells
  bool smooth = false;
  reconstruct::SmoothConfig smoothing;
  /// Worker threads; 0 = all cores. The result never depends on it.
  unsigned threads = 0;
  /// Keep each dwell's ping rows (for dwell_pings.csv).
  bool keep_dwell_pings = false;
  /// Keep each vehicle's cleaned track in its VehicleResult (for maps, timelines and geodata).
  bool keep_tracks = false;
  /// Called once per vehicle, on the worker thread that processed it, with its cleaned track and
  /// result (index = position in RunResult::vehicles). Used by `analyse` to match while the
  /// track is in memory; must only touch state of that vehicle.
  std::function<void(std::size_t, std::string_view vehicle_id, const clean::Track&, VehicleResult&)>
      after_vehicle;
  /// Called once with the number of vehicles, after ingest and before any after_vehicle call.
  std::function<void(std::size_t)> before_vehicles;
  /// Scope (docs/scope.md): the spans of a vehicle's pings to keep (sorted, disjoint), asked once
  /// per vehicle on its worker after before_vehicles (so it may use what that built; read-only).
  /// Pings outside are dropped before cleaning and counted (VehicleResult::rows_out_of_scope); each
  /// span is cleaned and searched for gaps and dwells on its own, so the time between two spans is
  /// neither a gap nor bridged by a dwell. Unset: every ping is kept.
  std::function<std::vector<Interval>(std::string_view vehicle_id)> scope;
};

/// Runs the pipeline. Per-row problems are in the result; throws InputError/UsageError when an
/// input cannot be used at all.
[[nodiscard]] RunResult run_dwells(const PipelineConfig& config);

/// One vehicle's cleaned (and, if configured, smoothed) track. Throws InputError when the vehicle
/// has no usable ping. Used by `where`.
struct VehicleTrack {
  RunResult run;  ///< ingest and problems (vehicles left empty)
  clean::Track track;
};
[[nodiscard]] VehicleTrack load_vehicle_track(const PipelineConfig& config, const std::string& vehicle_id);

}  // namespace shiftline::pipeline
