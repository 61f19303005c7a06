// The per-vehicle steps of `dwells` and `analyse`, and the matching passes after them, shared by
// the full run (pipeline.cpp, analyse.cpp) and the robustness re-runs of the findings stage
// (findings/robustness.cpp): a rule exists once, so a re-run with other parameters is the full
// run's code on fewer vehicles (docs/findings.md, "Robustness").
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/match/match.hpp"
#include "shiftline/match/shift_figures.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::pipeline::steps {

/// Worker threads for a `--threads` value: 0 is every core (at least 1).
[[nodiscard]] unsigned resolve_threads(unsigned threads);

/// The dwell detector's configuration as the run uses it (its gap is the gap threshold's).
[[nodiscard]] dwell::DwellConfig effective_dwell_config(const PipelineConfig& config);

/// Cleans one vehicle's rows into `track` (reused buffer), and smooths it when config.smooth.
void clean_track(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const PipelineConfig& config,
                 clean::Track& track, ProblemSink& problems);
/// The smoothing step of clean_track alone (nothing without config.smooth).
void smooth_if_asked(const PipelineConfig& config, clean::Track& track);

/// Everything after cleaning for one vehicle: its dwells and gaps (out.dwells, out.gaps, counts).
void analyse_track(const clean::Track& track, const PipelineConfig& config, const dwell::DwellConfig& dwell_config,
                   const ingest::PingTable& pings, VehicleResult& out);

/// Scope (docs/scope.md): one vehicle's rows split by the kept `spans`; each span cleaned and
/// analysed on its own (so the time between spans is no gap and no dwell bridges it), the results
/// joined in time order into `track` and `out`; a dwell at a span's edge with pings dropped beyond
/// it is marked cut. `dropped` and `in_scope` receive the rows outside and inside the spans.
void analyse_scoped(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const std::vector<Interval>& spans,
                    const PipelineConfig& config, const dwell::DwellConfig& dwell_config, clean::Track& track,
                    VehicleResult& out, ProblemSink& problems, std::vector<SourceRef>& dropped,
                    std::vector<SourceRef>& in_scope);

[[nodiscard]] match::DwellFacts facts_of(std::string_view vehicle, const DwellRecord& d);

/// A dwell's first pass known without classifying it again (the robustness re-runs: a dwell whose
/// facts the run already classified with the same index); nullopt: classify it.
using KnownMatch = std::function<std::optional<match::DwellMatch>(std::size_t dwell)>;

/// First pass of matching for one vehicle, on the worker that holds its track: the class of each
/// dwell (`matches`, one per dwell of `v`) and, unless `crewings` is null, the figures of each
/// crewing.
void match_vehicle(const match::CaseIndex& index, const duty::Roster& roster, std::string_view vehicle,
                   const clean::Track& track, const VehicleResult& v, Millis gap,
                   std::vector<match::DwellMatch>& matches, std::vector<match::CrewingFigures>* crewings,
                   const KnownMatch& known = {});

/// Who attended each incident, from every dwell of `run` (matches[k][d] is the first pass of
/// run.vehicles[k].dwells[d]). With --incident-match assigned it rests on the roster and the
/// incident rows alone (match::attendance), not on the dwells.
[[nodiscard]] match::Attendance attendance_of(const match::CaseIndex& index, const duty::Roster& roster,
                                              const RunResult& run, std::vector<std::vector<match::DwellMatch>>& matches);
/// The flags and notes of each dwell of `run`, given the attendance.
void flag_dwells(const match::CaseIndex& index, const match::Attendance& attended, const RunResult& run,
                 std::vector<std::vector<match::DwellMatch>>& matches);
/// Second pass: attendance_of, then flag_dwells.
void attend_and_flag(const match::CaseIndex& index, const duty::Roster& roster, const RunResult& run,
                     std::vector<std::vector<match::DwellMatch>>& matches);

/// The verify configuration `analyse --claims` uses: the run's gap threshold and smoothing.
[[nodiscard]] verify::VerifyConfig claims_config(const AnalyseConfig& config);

/// Claims are tested part by part on the worker that holds each vehicle's track, then judged once
/// every part is in.
class ClaimCheck {
 public:
  void prepare(const ingest::CaseTables& tables, const duty::Roster& roster, const verify::VerifyConfig& config);
  /// Touches only the slots of this vehicle's parts: safe on parallel workers.
  void observe(std::string_view vehicle, const clean::Track& track, const VehicleResult& v);
  /// One result per claim (tables.claims order); a part no vehicle observed is judged with no track.
  [[nodiscard]] std::vector<verify::ClaimResult> judge();
  [[nodiscard]] const verify::ClaimPlan& plan() const noexcept { return m_plan; }

 private:
  void observe_part(std::size_t i, const clean::Track& track, std::span<const Interval> dwells, Speed speed);

  const ingest::CaseTables* m_tables = nullptr;
  verify::VerifyConfig m_config;
  verify::ClaimPlan m_plan;
  std::vector<verify::Observation> m_observations;
  std::vector<char> m_observed;  // not vector<bool>: workers write neighbouring slots
  std::map<std::string, std::vector<std::size_t>, std::less<>> m_parts_of;
};

}  // namespace shiftline::pipeline::steps
