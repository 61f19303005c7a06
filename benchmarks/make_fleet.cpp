// shiftline_make_fleet: writes the seeded synthetic fleet (pipeline/synth.hpp) to a CSV file, for
// scripts/bench and for trying the engine on large inputs without committing them.
//
//   shiftline_make_fleet [--pings N] [--vehicles M] [--seed S] [--gaps G] [--grouped] OUT
//
// Prints `pings=N dwells=D gaps=G seconds=S pings_per_s=R` on stdout (the generator's speed,
// including writing the file). Exit codes: 0 ok, 2 bad arguments, 1 anything else.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>

#include "shiftline/core/error.hpp"
#include "shiftline/pipeline/synth.hpp"

namespace {

std::size_t parse_count(std::string_view flag, std::string_view text) {
  std::size_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size())
    throw shiftline::UsageError(std::string(flag) + ": not a count: '" + std::string(text) + "'");
  return value;
}

int run(int argc, char** argv) {
  shiftline::pipeline::SynthConfig config;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) throw shiftline::UsageError(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--pings") config.pings = parse_count(arg, value());
    else if (arg == "--vehicles") config.vehicles = parse_count(arg, value());
    else if (arg == "--seed") config.seed = parse_count(arg, value());
    else if (arg == "--gaps") config.gaps_per_vehicle = parse_count(arg, value());
    else if (arg == "--grouped") config.interleave = false;
    else if (!arg.empty() && arg.front() != '-' && out_path.empty()) out_path = arg;
    else throw shiftline::UsageError("unexpected argument '" + std::string(arg) + "'");
  }
  if (out_path.empty())
    throw shiftline::UsageError(
        "usage: shiftline_make_fleet [--pings N] [--vehicles M] [--seed S] [--gaps G] [--grouped] OUT");
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw shiftline::OutputError("cannot write " + out_path);
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<shiftline::pipeline::PlantedGap> gaps;
  const auto dwells = shiftline::pipeline::write_synthetic_fleet(config, out, gaps);
  out.close();
  if (!out) throw shiftline::OutputError("cannot write " + out_path);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("pings=%zu dwells=%zu gaps=%zu seconds=%.3f pings_per_s=%.0f\n", config.pings, dwells.size(),
              gaps.size(), seconds, static_cast<double>(config.pings) / seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  return run(argc, argv);
} catch (const shiftline::UsageError& e) {
  std::fprintf(stderr, "shiftline_make_fleet: %s\n", e.what());
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "shiftline_make_fleet: %s\n", e.what());
  return 1;
}
