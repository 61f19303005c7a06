// Clean and dwell benchmarks (docs/conventions.md, 12) on the seeded synthetic fleet:
// SHIFTLINE_BENCH_PINGS pings (default 1,000,000) of SHIFTLINE_BENCH_VEHICLES vehicles (default
// 100), seed 1, written to a temporary file and ingested once at start-up. items/s is pings/s.
//
//   BM_GroupByVehicle  clean::group_by_vehicle over the ingested table
//   BM_Clean           clean_vehicle for every vehicle (sort check, duplicates, rollover, spikes)
//   BM_StayPoint       detect_stay_points on every cleaned track (includes summarise_mean)
//   BM_Diameter        detect_diameter_stops; skipped while the detector returns no dwells
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/pipeline/synth.hpp"

namespace {

std::size_t env_count(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// The fleet, ingested, grouped and cleaned once.
struct Fleet {
  std::size_t planted = 0;
  shiftline::ingest::PingTable pings;
  shiftline::clean::VehicleGroups groups;
  std::vector<shiftline::clean::Track> tracks;
  Fleet() {
    shiftline::pipeline::SynthConfig synth;
    synth.seed = 1;
    synth.pings = env_count("SHIFTLINE_BENCH_PINGS", 1'000'000);
    synth.vehicles = env_count("SHIFTLINE_BENCH_VEHICLES", 100);
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("shiftline_bench_dwell_" + std::to_string(::getpid()) + ".csv"))
                                 .string();
    {
      std::ofstream out(path, std::ios::binary);
      planted = shiftline::pipeline::write_synthetic_fleet(synth, out).size();
    }
    shiftline::ingest::IngestConfig config;
    config.paths = {path};
    shiftline::ProblemSink problems;
    pings = shiftline::ingest::run_ingest(config, problems).pings;
    std::filesystem::remove(path);
    groups = shiftline::clean::group_by_vehicle(pings);
    tracks.resize(groups.count());
    for (std::size_t k = 0; k < groups.count(); ++k)
      shiftline::clean::clean_vehicle(pings, groups.rows(k), shiftline::clean::CleanConfig{}, tracks[k], problems);
  }
};

const Fleet* g_fleet = nullptr;

void set_items(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(g_fleet->pings.size()));
}

void BM_GroupByVehicle(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(shiftline::clean::group_by_vehicle(g_fleet->pings).order.data());
  set_items(state);
}
BENCHMARK(BM_GroupByVehicle)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Clean(benchmark::State& state) {
  shiftline::clean::Track track;
  for (auto _ : state) {
    shiftline::ProblemSink problems;
    for (std::size_t k = 0; k < g_fleet->groups.count(); ++k) {
      shiftline::clean::clean_vehicle(g_fleet->pings, g_fleet->groups.rows(k), shiftline::clean::CleanConfig{}, track,
                                      problems);
      benchmark::DoNotOptimize(track.time.data());
    }
  }
  set_items(state);
}
BENCHMARK(BM_Clean)->Unit(benchmark::kMillisecond)->UseRealTime();

void run_detector(benchmark::State& state, shiftline::dwell::Method method) {
  shiftline::dwell::DwellConfig config;
  config.method = method;
  std::size_t found = 0;
  for (const auto& track : g_fleet->tracks) found += shiftline::dwell::detect_dwells(track, config).size();
  if (found == 0) {
    state.SkipWithError("detector returns no dwells (not implemented yet?)");
    return;
  }
  for (auto _ : state)
    for (const auto& track : g_fleet->tracks) benchmark::DoNotOptimize(shiftline::dwell::detect_dwells(track, config).data());
  set_items(state);
  state.counters["dwells"] = static_cast<double>(found);
  state.counters["planted"] = static_cast<double>(g_fleet->planted);
}

void BM_StayPoint(benchmark::State& state) { run_detector(state, shiftline::dwell::Method::stay_point); }
BENCHMARK(BM_StayPoint)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Diameter(benchmark::State& state) { run_detector(state, shiftline::dwell::Method::diameter); }
BENCHMARK(BM_Diameter)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const Fleet fleet;
  g_fleet = &fleet;
  benchmark::AddCustomContext("fleet", std::to_string(fleet.pings.size()) + " pings, " +
                                           std::to_string(fleet.tracks.size()) + " vehicles");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
