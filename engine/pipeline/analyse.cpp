#include "shiftline/pipeline/analyse.hpp"

#include <algorithm>
#include <future>
#include <optional>
#include <utility>

namespace shiftline::pipeline {
namespace {

match::DwellFacts facts_of(std::string_view vehicle, const report::DwellRecord& d) {
  return match::DwellFacts{vehicle, d.start, d.end, d.location, d.radius};
}

std::vector<std::string> ping_vehicle_names(const report::RunResult& run) {
  std::vector<std::string> names;
  for (const auto& v : run.vehicles) names.push_back(run.vehicle_name(v));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

report::Analysis run_analyse(const AnalyseConfig& config) {
  report::Analysis a;
  const auto first_table = static_cast<std::uint16_t>(config.pipeline.ingest.paths.size());
  // The case tables are read on one more thread while the pings are read: they are independent
  // until the first vehicle is matched, and reading them takes a tenth of the pings' time.
  ingest::check_case_tables_config(config.tables);
  ProblemSink table_problems;
  auto tables = std::async(std::launch::async, [&config, first_table] {
    std::pair<ingest::CaseTables, ProblemSink> read;
    read.first = ingest::read_case_tables(config.tables, first_table, read.second);
    return read;
  });
  std::optional<match::CaseIndex> index;
  const auto prepare_case = [&] {
    auto [read, problems] = tables.get();
    a.tables = std::move(read);
    table_problems = std::move(problems);
    for (std::size_t i = 0; i < a.tables.inputs.size() && i < a.tables.roles.size(); ++i)
      a.tables.inputs[i].role = a.tables.roles[i];
    std::vector<std::string> paths = config.pipeline.ingest.paths;
    for (const auto& in : a.tables.inputs) paths.push_back(in.path);
    a.roster = duty::build_roster(a.tables.shifts, a.tables.assignments, paths, table_problems);
    index.emplace(a.tables, config.match);
  };

  // First pass, on the worker that found the dwells: class of each dwell, figures of each crewing.
  std::vector<std::vector<match::CrewingFigures>> crewings;
  PipelineConfig pipeline = config.pipeline;
  pipeline.before_vehicles = [&](std::size_t count) {
    prepare_case();
    a.matches.resize(count);
    crewings.resize(count);
  };
  pipeline.after_vehicle = [&](std::size_t k, std::string_view vehicle, const clean::Track& track,
                               report::VehicleResult& v) {
    auto& matches = a.matches[k];
    std::vector<match::DwellSpan> spans;
    for (std::size_t d = 0; d < v.dwells.size(); ++d) {
      matches.push_back(match::classify(*index, a.roster, facts_of(vehicle, v.dwells[d])));
      spans.push_back({{v.dwells[d].start, v.dwells[d].end}, matches.back().dwell_class, d});
    }
    crewings[k] = match::crewing_figures(a.roster, std::string(vehicle), track, spans, config.pipeline.gap.gap);
  };
  a.run = run_dwells(pipeline);

  // Second pass: who attended each incident needs every vehicle's first pass.
  std::vector<match::DwellFacts> all_facts;
  std::vector<match::DwellMatch> all_matches;
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    const std::string& name = a.run.vehicle_name(a.run.vehicles[k]);
    for (std::size_t d = 0; d < a.run.vehicles[k].dwells.size(); ++d) {
      all_facts.push_back(facts_of(name, a.run.vehicles[k].dwells[d]));
      all_matches.push_back(std::move(a.matches[k][d]));  // moved back below: no copy
    }
  }
  const match::Attendance attended = match::attendance(a.tables, a.roster, all_facts, all_matches);
  for (std::size_t k = 0, i = 0; k < a.matches.size(); ++k)
    for (auto& m : a.matches[k]) m = std::move(all_matches[i++]);
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    const std::string& name = a.run.vehicle_name(a.run.vehicles[k]);
    for (std::size_t d = 0; d < a.run.vehicles[k].dwells.size(); ++d)
      match::add_flags(*index, attended, facts_of(name, a.run.vehicles[k].dwells[d]), a.matches[k][d]);
  }

  std::vector<match::CrewingFigures> all_crewings;
  for (auto& list : crewings) std::move(list.begin(), list.end(), std::back_inserter(all_crewings));
  a.shifts = match::shift_figures(a.roster, all_crewings, a.tables.events);

  match::report_unseen_units(a.tables, a.roster, ping_vehicle_names(a.run), table_problems);
  for (const auto& in : a.tables.inputs) a.run.ingest.inputs.push_back(in);
  // One --crs for every table: the pings' pinned operation, or the case tables' when only they use x,y.
  if (!a.run.ingest.transform) a.run.ingest.transform = a.tables.transform;
  a.run.problems.merge(std::move(table_problems));
  a.run.problems.sort();
  return a;
}

}  // namespace shiftline::pipeline
