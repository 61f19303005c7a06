#include "shiftline/pipeline/near.hpp"

#include <algorithm>
#include <utility>

#include "shiftline/core/error.hpp"

namespace shiftline::pipeline {

NearFound run_near(const AnalyseConfig& config, const NearSearch& search, Analysis& a) {
  ingest::check_case_tables_config(config.tables);
  const auto first_table = static_cast<std::uint16_t>(config.pipeline.ingest.paths.size());
  // The few case tables `near` reads are small: read before the pings, so that an unknown --place
  // is refused before minutes of ping reading.
  ProblemSink table_problems;
  a.tables = ingest::read_case_tables(config.tables, first_table, table_problems);
  for (std::size_t i = 0; i < a.tables.inputs.size() && i < a.tables.roles.size(); ++i)
    a.tables.inputs[i].role = a.tables.roles[i];
  std::vector<std::string> paths = config.pipeline.ingest.paths;
  for (const auto& in : a.tables.inputs) paths.push_back(in.path);
  a.roster = duty::build_roster(a.tables.shifts, a.tables.assignments, paths, table_problems, a.tables.rejected_roster);

  NearFound found;
  found.query.window = search.window;
  if (search.at) {
    found.query.place.point = *search.at;
  } else {
    const auto it = std::find_if(a.tables.places.begin(), a.tables.places.end(),
                                 [&](const ingest::PlaceRow& p) { return p.place_id == search.place_id; });
    if (it == a.tables.places.end())
      throw UsageError("--place '" + search.place_id + "': no place with that place_id in " + config.tables.places);
    found.query.place = *it;
  }
  // --radius replaces the place's own radius_m (docs/near.md, "The place").
  found.query.place.radius = search.radius;

  verify::VerifyConfig verify = config.verify;
  verify.gap = config.pipeline.gap.gap;
  verify.smoothed = config.pipeline.smooth;
  std::vector<verify::NearVehicle> all;
  PipelineConfig pipeline = config.pipeline;
  pipeline.before_vehicles = [&all](std::size_t count) { all.resize(count); };
  // Each worker writes only its vehicle's slot.
  pipeline.after_vehicle = [&](std::size_t k, std::string_view vehicle, const clean::Track& track, VehicleResult&) {
    all[k] = verify::near_vehicle(vehicle, track, found.query, verify);
  };
  a.run = run_dwells(pipeline);

  for (auto& v : all)
    if (v.listed()) found.vehicles.push_back(std::move(v));
  std::sort(found.vehicles.begin(), found.vehicles.end(), verify::near_order);
  for (const auto& v : found.vehicles) found.officers.push_back(verify::officers_near(a.roster, v));

  for (const auto& in : a.tables.inputs) a.run.ingest.inputs.push_back(in);
  if (!a.run.ingest.transform) a.run.ingest.transform = a.tables.transform;
  a.run.problems.merge(std::move(table_problems));
  a.run.problems.sort();
  return found;
}

}  // namespace shiftline::pipeline
