// The robustness grid behind assess_robustness (docs/findings.md, "Robustness"), with the finder
// as a parameter so that it can be tested with a finder of the test's own.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "shiftline/findings/findings.hpp"
#include "shiftline/pipeline/analyse.hpp"

namespace shiftline::findings::robustness_internal {

/// What a grid point makes the re-run redo, from the first step it changes on.
enum class Redo : std::uint8_t {
  dwells,    ///< dwell radius, minimum dwell, gap: dwells, then matching, flags and claims
  matching,  ///< incident radius and windows: matching and flags (dwells and claims as in the run)
  claims,    ///< reach speed: claims only (dwells, matching and shift figures as in the run)
};

/// One point of the grid: the run's configuration with one parameter moved to one end of its range.
struct GridPoint {
  std::string label;  ///< as Robustness::lost_at says it: "--min-dwell 300 s"
  pipeline::AnalyseConfig config;
  /// Every incident's radius (its own radius_m or --incident-radius) is multiplied by this.
  double incident_radius_factor = 1.0;
  Redo redo = Redo::dwells;
};

/// The grid for a run made with `config`: one parameter at a time at each end of its documented
/// range (the points equal to the run's own value left out, since the run is that point); the
/// incident parameters only when the run has incidents, reach speed only when it tests claims.
[[nodiscard]] std::vector<GridPoint> grid(const pipeline::AnalyseConfig& config, bool with_incidents,
                                          bool with_claims);

/// Positions in analysis.run.vehicles that the findings rest on: each finding's vehicles, every
/// vehicle an officer of a recurring_place finding was on duty in, every vehicle of a claim's
/// parts. Sorted, unique.
[[nodiscard]] std::vector<std::size_t> vehicles_of(const pipeline::AnalyseConfig& config,
                                                   const pipeline::Analysis& analysis, const Findings& found);

/// Re-runs `analysis` (made with `config`) at each grid point for the vehicles at `vehicles`
/// (positions in analysis.run.vehicles) only, and calls `each(point index, analysis)` one point at
/// a time, in grid order. The analysis passed holds those vehicles only (run.vehicles, matches in
/// the same order); it is what run_analyse with the point's configuration gives for them, save for
/// what other vehicles contribute, and for its shift figures, which are the run's (docs/findings.md,
/// "Robustness"). Each vehicle is cleaned once for
/// the whole grid; vehicles run in parallel on config.pipeline.threads.
void rerun(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
           std::span<const GridPoint> points, std::span<const std::size_t> vehicles,
           const std::function<void(std::size_t, const pipeline::Analysis&)>& each);

/// Whether `again` is the finding `base` found again: same kind and officer (and, without an
/// officer, a vehicle in common); the same claim, else the same place, else a location within
/// config.spots.radius; and overlapping time ([start, end], closed).
[[nodiscard]] bool same_finding(const Finding& base, const Finding& again, const FindingsConfig& config);

using Finder = std::function<Findings(const pipeline::Analysis&)>;

/// assess_robustness with `finder` in place of find_findings.
void assess(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
            const FindingsConfig& findings_config, Findings& found, const Finder& finder);

}  // namespace shiftline::findings::robustness_internal
