// shiftline_parse_only FILE: runs only ingest (CSV reading, SHA-256 of the bytes, time and
// coordinate parsing, interning, the ping columns) on FILE and prints
//   pings=N seconds=S pings_per_s=R
// on stdout, and the rejected-row count on stderr. The denominator of scripts/bench's ratios.
#include <chrono>
#include <cstdio>
#include <exception>

#include "shiftline/core/problem.hpp"
#include "shiftline/ingest/ingest.hpp"

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::fprintf(stderr, "usage: shiftline_parse_only FILE\n");
    return 2;
  }
  shiftline::ingest::IngestConfig config;
  config.paths = {argv[1]};
  shiftline::ProblemSink problems;
  const auto t0 = std::chrono::steady_clock::now();
  const shiftline::ingest::IngestResult result = shiftline::ingest::run_ingest(config, problems);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::size_t n = result.pings.size();
  std::printf("pings=%zu seconds=%.3f pings_per_s=%.0f\n", n, seconds, static_cast<double>(n) / seconds);
  std::fprintf(stderr, "shiftline_parse_only: rows_read=%llu rejected=%zu vehicles=%zu\n",
               static_cast<unsigned long long>(result.inputs.front().rows_read),
               problems.count(shiftline::Severity::rejected), result.pings.vehicles.size());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "shiftline_parse_only: %s\n", e.what());
  return 1;
}
