#include "shiftline/pipeline/analyse.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <utility>

#include "pipeline/steps_internal.hpp"
#include "shiftline/ingest/raster.hpp"

namespace shiftline::pipeline {
namespace {

std::vector<std::string> ping_vehicle_names(const RunResult& run) {
  std::vector<std::string> names;
  for (const auto& v : run.vehicles) names.push_back(run.vehicle_name(v));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

namespace steps {

match::DwellFacts facts_of(std::string_view vehicle, const DwellRecord& d) {
  return match::DwellFacts{vehicle, d.start, d.end, d.location, d.radius};
}

void match_vehicle(const match::CaseIndex& index, const duty::Roster& roster, std::string_view vehicle,
                   const clean::Track& track, const VehicleResult& v, Millis gap,
                   std::vector<match::DwellMatch>& matches, std::vector<match::CrewingFigures>* crewings,
                   const KnownMatch& known) {
  matches.clear();
  matches.reserve(v.dwells.size());  // spans point into it
  std::vector<match::DwellSpan> spans;
  for (std::size_t d = 0; d < v.dwells.size(); ++d) {
    std::optional<match::DwellMatch> m;
    if (known) m = known(d);
    matches.push_back(m ? std::move(*m) : match::classify(index, roster, facts_of(vehicle, v.dwells[d])));
    spans.push_back({{v.dwells[d].start, v.dwells[d].end}, matches.back().dwell_class, d, &matches.back().pieces});
  }
  if (crewings) *crewings = match::crewing_figures(roster, std::string(vehicle), track, spans, gap);
}

match::Attendance attendance_of(const match::CaseIndex& index, const duty::Roster& roster, const RunResult& run,
                                std::vector<std::vector<match::DwellMatch>>& matches) {
  // Assigned matching (the default) rests on the roster and the incident rows alone: no dwell is
  // read, so none is gathered (59,055 matches moved twice on the fleet benchmark).
  if (!index.config().any_unit) return match::attendance(index, roster, {}, {});
  // With any-unit, who attended each incident needs every vehicle's first pass.
  std::vector<match::DwellFacts> all_facts;
  std::vector<match::DwellMatch> all_matches;
  for (std::size_t k = 0; k < run.vehicles.size(); ++k) {
    const std::string& name = run.vehicle_name(run.vehicles[k]);
    for (std::size_t d = 0; d < run.vehicles[k].dwells.size(); ++d) {
      all_facts.push_back(facts_of(name, run.vehicles[k].dwells[d]));
      all_matches.push_back(std::move(matches[k][d]));  // moved back below: no copy
    }
  }
  match::Attendance attended = match::attendance(index, roster, all_facts, all_matches);
  for (std::size_t k = 0, i = 0; k < matches.size(); ++k)
    for (auto& m : matches[k]) m = std::move(all_matches[i++]);
  return attended;
}

void flag_dwells(const match::CaseIndex& index, const match::Attendance& attended, const RunResult& run,
                 std::vector<std::vector<match::DwellMatch>>& matches) {
  for (std::size_t k = 0; k < run.vehicles.size(); ++k) {
    const std::string& name = run.vehicle_name(run.vehicles[k]);
    for (std::size_t d = 0; d < run.vehicles[k].dwells.size(); ++d)
      match::add_flags(index, attended, facts_of(name, run.vehicles[k].dwells[d]), matches[k][d]);
  }
}

void attend_and_flag(const match::CaseIndex& index, const duty::Roster& roster, const RunResult& run,
                     std::vector<std::vector<match::DwellMatch>>& matches) {
  flag_dwells(index, attendance_of(index, roster, run, matches), run, matches);
}

verify::VerifyConfig claims_config(const AnalyseConfig& config) {
  verify::VerifyConfig verify = config.verify;
  verify.gap = config.pipeline.gap.gap;
  verify.smoothed = config.pipeline.smooth;
  return verify;
}

void ClaimCheck::prepare(const ingest::CaseTables& tables, const duty::Roster& roster,
                         const verify::VerifyConfig& config) {
  m_tables = &tables;
  m_config = config;
  m_plan = verify::plan_claims(tables.claims, roster, config.roster_tolerance, tables.rejected_roster);
  m_observations.resize(m_plan.parts.size());
  m_observed.assign(m_plan.parts.size(), 0);
  for (std::size_t i = 0; i < m_plan.parts.size(); ++i) m_parts_of[m_plan.parts[i].vehicle_id].push_back(i);
}

void ClaimCheck::observe(std::string_view vehicle, const clean::Track& track, const VehicleResult& v) {
  const auto it = m_parts_of.find(vehicle);
  if (it == m_parts_of.end()) return;
  std::vector<Interval> dwells;
  for (const auto& d : v.dwells) dwells.push_back({d.start, d.end});
  const Speed speed = verify::fastest_speed(track, m_config.reach_speed);  // once per vehicle
  for (const std::size_t i : it->second) observe_part(i, track, dwells, speed);
}

std::vector<verify::ClaimResult> ClaimCheck::judge() {
  const clean::Track no_track;  // a vehicle with no usable ping
  for (std::size_t i = 0; i < m_plan.parts.size(); ++i)
    if (!m_observed[i]) observe_part(i, no_track, {}, m_config.reach_speed);
  std::vector<std::vector<verify::Observation>> by_claim(m_tables ? m_tables->claims.size() : 0);
  for (std::size_t i = 0; i < m_plan.parts.size(); ++i)
    by_claim[m_plan.parts[i].claim].push_back(std::move(m_observations[i]));
  std::vector<verify::ClaimResult> results;
  for (std::size_t c = 0; c < by_claim.size(); ++c)
    results.push_back(verify::judge(m_tables->claims[c], m_plan.segments[c], std::move(by_claim[c]), m_config));
  return results;
}

void ClaimCheck::observe_part(std::size_t i, const clean::Track& track, std::span<const Interval> dwells,
                              Speed speed) {
  const verify::ClaimPart& part = m_plan.parts[i];
  m_observations[i] = verify::observe(part.vehicle_id, track, dwells, m_tables->claims[part.claim].place, part.window,
                                      m_config, part.end_inclusive, speed);
  m_observations[i].segment = part.segment;
  m_observed[i] = 1;
}

}  // namespace steps

Analysis run_analyse(const AnalyseConfig& config) {
  Analysis a;
  const auto first_table = static_cast<std::uint16_t>(config.pipeline.ingest.paths.size());
  // The case tables are read on one more thread while the pings are read: they are independent
  // until the first vehicle is matched, and reading them takes a tenth of the pings' time.
  ingest::check_case_tables_config(config.tables);
  // A basemap that cannot be placed on a map is refused before the work, not after it.
  std::vector<ingest::InputReport> basemap;
  if (!config.basemap.empty()) basemap = ingest::describe_raster(config.basemap, "basemap");
  ProblemSink table_problems;
  auto tables = std::async(std::launch::async, [&config, first_table] {
    std::pair<ingest::CaseTables, ProblemSink> read;
    read.first = ingest::read_case_tables(config.tables, first_table, read.second);
    return read;
  });
  std::optional<match::CaseIndex> index;
  steps::ClaimCheck claims;
  Scope& scope = a.scope;
  duty::Roster full_roster;  // with a scope: the roster before it, for unit_not_seen only
  const auto prepare_case = [&] {
    auto [read, problems] = tables.get();
    a.tables = std::move(read);
    table_problems = std::move(problems);
    for (std::size_t i = 0; i < a.tables.inputs.size() && i < a.tables.roles.size(); ++i)
      a.tables.inputs[i].role = a.tables.roles[i];
    std::vector<std::string> paths = config.pipeline.ingest.paths;
    for (const auto& in : a.tables.inputs) paths.push_back(in.path);
    a.roster = duty::build_roster(a.tables.shifts, a.tables.assignments, paths, table_problems, a.tables.rejected_roster);
    if (config.scope.active()) {  // data minimisation, once, before anything is matched (scope.hpp)
      check_scope_officers(config.scope, a.roster);
      scope = resolve_scope(config.scope, &a.roster);
      full_roster = std::move(a.roster);
      a.roster = scope_roster(full_roster, config.scope, scope, a.scope_counts);
      scope_case_tables(a.tables, a.roster, config.scope, scope, config.match.lookup_window,
                        config.match.incident_before, config.match.incident_after, a.scope_counts);
    }
    index.emplace(a.tables, config.match);
    claims.prepare(a.tables, a.roster, steps::claims_config(config));
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
                               VehicleResult& v) {
    steps::match_vehicle(*index, a.roster, vehicle, track, v, config.pipeline.gap.gap, a.matches[k], &crewings[k]);
    claims.observe(vehicle, track, v);
  };
  if (config.scope.active()) pipeline.scope = [&scope](std::string_view vehicle) { return scope.spans_of(vehicle); };
  a.run = run_dwells(pipeline);
  if (config.scope.active()) {  // vehicles with nothing in scope are gone from a.run.vehicles
    std::vector<std::vector<match::DwellMatch>> matches;
    std::vector<std::vector<match::CrewingFigures>> kept_crewings;
    for (const std::size_t k : a.run.scoped_slots) {
      matches.push_back(std::move(a.matches[k]));
      kept_crewings.push_back(std::move(crewings[k]));
    }
    a.matches = std::move(matches);
    crewings = std::move(kept_crewings);
  }

  // Second pass: who attended each incident needs every vehicle's first pass.
  steps::attend_and_flag(*index, a.roster, a.run, a.matches);

  std::vector<match::CrewingFigures> all_crewings;
  for (auto& list : crewings) std::move(list.begin(), list.end(), std::back_inserter(all_crewings));
  a.shifts = match::shift_figures(a.roster, all_crewings, a.tables.events);
  a.claims = claims.judge();

  std::vector<std::string> seen = ping_vehicle_names(a.run);
  if (config.scope.active()) {  // a unit the scope dropped was seen all the same
    seen.clear();
    for (std::size_t v = 0; v < a.run.ingest.pings.vehicles.size(); ++v)
      seen.push_back(a.run.ingest.pings.vehicles.name(static_cast<VehicleIndex>(v)));
    std::sort(seen.begin(), seen.end());
  }
  match::report_unseen_units(a.tables, config.scope.active() ? full_roster : a.roster, seen, table_problems);
  if (config.scope.active()) {
    scope_after_matching(a.tables, a.roster, config.scope, scope);
    a.scope_counts.problems += withhold_details(table_problems);
  }
  for (const auto& in : a.tables.inputs) a.run.ingest.inputs.push_back(in);
  for (auto& file : basemap) a.run.ingest.inputs.push_back(std::move(file));
  // One --crs for every table: the pings' pinned operation, or the case tables' when only they use x,y.
  if (!a.run.ingest.transform) a.run.ingest.transform = a.tables.transform;
  a.run.problems.merge(std::move(table_problems));
  a.run.problems.sort();
  return a;
}

}  // namespace shiftline::pipeline
