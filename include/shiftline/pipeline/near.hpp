// The `near` job: the `dwells` pipeline's ingest and cleaning, then every vehicle's cleaned track
// measured against one place over one window (verify/near.hpp; docs/near.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/verify/near.hpp"

namespace shiftline::pipeline {

/// Where to look: a point (`at`) or a listed place (`place_id`, read from config.tables.places),
/// the search radius and the window [from, to].
struct NearSearch {
  std::optional<LatLon> at;
  std::string place_id;
  Meters radius{100.0};
  Interval window;
};

/// What run_near found: the place searched (radius = the search radius), the vehicles listed
/// (NearVehicle::listed) in near.csv's order, and each one's officers on duty (same index).
struct NearFound {
  verify::NearQuery query;
  std::vector<verify::NearVehicle> vehicles;
  std::vector<std::vector<std::string>> officers;
};

/// Reads the case tables given in config.tables (shifts, assignments, places), builds the roster,
/// then runs the pipeline and measures each vehicle's track on the worker that cleaned it. The
/// result does not depend on the number of threads. Throws UsageError when `place_id` is not in
/// the places table. `analysis` receives the run (inputs, problems), tables and roster.
[[nodiscard]] NearFound run_near(const AnalyseConfig& config, const NearSearch& search, Analysis& analysis);

}  // namespace shiftline::pipeline
