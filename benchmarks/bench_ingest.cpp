// Ingest benchmarks (docs/conventions.md, 12) on the seeded synthetic fleet, generated into a
// temporary file at start-up: SHIFTLINE_BENCH_PINGS pings (default 1,000,000) of
// SHIFTLINE_BENCH_VEHICLES vehicles (default 100), seed 1. items/s is pings/s.
//
//   BM_Ingest          run_ingest: read + SHA-256 + parse + columns (what shiftline_parse_only times)
//   BM_CsvTokenise     CsvReader alone: blocks, SHA-256, splitting into fields
//   BM_ParseIso8601    the timestamp parser on the file's own timestamps
//   BM_GenerateFleet   write_synthetic_fleet into a discarding stream (the generator's speed)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <streambuf>
#include <string>
#include <vector>

#include <unistd.h>

#include "shiftline/core/problem.hpp"
#include "shiftline/ingest/csv.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/pipeline/synth.hpp"

namespace {

std::size_t env_count(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

shiftline::pipeline::SynthConfig fleet_config() {
  shiftline::pipeline::SynthConfig config;
  config.seed = 1;
  config.pings = env_count("SHIFTLINE_BENCH_PINGS", 1'000'000);
  config.vehicles = env_count("SHIFTLINE_BENCH_VEHICLES", 100);
  return config;
}

// The fleet as a CSV file in the temporary directory, removed at exit.
struct FleetFile {
  std::string path;
  std::size_t pings = 0;
  std::uintmax_t bytes = 0;
  FleetFile() {
    const auto config = fleet_config();
    path = (std::filesystem::temp_directory_path() /
            ("shiftline_bench_ingest_" + std::to_string(::getpid()) + ".csv"))
               .string();
    std::ofstream out(path, std::ios::binary);
    (void)shiftline::pipeline::write_synthetic_fleet(config, out);
    out.close();
    pings = config.pings;
    bytes = std::filesystem::file_size(path);
  }
  ~FleetFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  FleetFile(const FleetFile&) = delete;
  FleetFile& operator=(const FleetFile&) = delete;
};

const FleetFile* g_fleet = nullptr;

void BM_Ingest(benchmark::State& state) {
  shiftline::ingest::IngestConfig config;
  config.paths = {g_fleet->path};
  std::size_t n = 0;
  for (auto _ : state) {
    shiftline::ProblemSink problems;
    const auto result = shiftline::ingest::run_ingest(config, problems);
    n = result.pings.size();
    benchmark::DoNotOptimize(result.pings.time.data());
  }
  if (n != g_fleet->pings) state.SkipWithError("ingest rejected rows of the synthetic fleet");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(g_fleet->pings));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(g_fleet->bytes));
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CsvTokenise(benchmark::State& state) {
  std::size_t fields = 0;
  for (auto _ : state) {
    shiftline::ingest::CsvReader reader(g_fleet->path);
    shiftline::ingest::CsvRecord record;
    while (reader.next(record)) fields += record.fields.size();
    benchmark::DoNotOptimize(reader.finish_sha256());
  }
  benchmark::DoNotOptimize(fields);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(g_fleet->pings));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(g_fleet->bytes));
}
BENCHMARK(BM_CsvTokenise)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseIso8601(benchmark::State& state) {
  std::vector<std::string> texts;
  {
    shiftline::ingest::CsvReader reader(g_fleet->path);
    shiftline::ingest::CsvRecord record;
    while (texts.size() < 4096 && reader.next(record)) texts.emplace_back(record.fields.at(1));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const shiftline::CivilParse p = shiftline::parse_iso8601(texts[i++ & 4095]);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseIso8601);

class DiscardBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void BM_GenerateFleet(benchmark::State& state) {
  const auto config = fleet_config();
  for (auto _ : state) {
    DiscardBuffer buffer;
    std::ostream out(&buffer);
    benchmark::DoNotOptimize(shiftline::pipeline::write_synthetic_fleet(config, out).size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(config.pings));
}
BENCHMARK(BM_GenerateFleet)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const FleetFile fleet;
  g_fleet = &fleet;
  benchmark::AddCustomContext("fleet", std::to_string(fleet.pings) + " pings, " + std::to_string(fleet.bytes) + " bytes");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
