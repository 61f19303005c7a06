// `shiftline synth-case`: writes the synthetic investigation case (synth_case.hpp).
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "cli/options_internal.hpp"
#include "job/command_line_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/pipeline/synth_case.hpp"

namespace shiftline::cli {
namespace {

struct SynthCaseFlags {
  pipeline::SynthCaseConfig config;
  std::string out;
  std::string truth;
  std::string start;
};

// `--start`: a date (YYYY-MM-DD) or an ISO 8601 date-time whose date part is taken; the day
// begins at 00:00 Europe/London.
std::chrono::sys_days start_day(const std::string& text) {
  const std::string full = text.size() == 10 ? text + "T00:00" : text;
  const CivilParse parsed = parse_iso8601(full);
  if (!parsed.ok()) throw UsageError("--start: '" + text + "': " + std::string(describe(parsed.error)));
  return std::chrono::sys_days{std::chrono::year{parsed.time.year} / parsed.time.month / parsed.time.day};
}

int run_synth_case(const SynthCaseFlags& f) {
  pipeline::SynthCaseConfig config = f.config;
  if (!f.start.empty()) config.start = start_day(f.start);
  pipeline::validate(config);
  const pipeline::SynthCaseResult result = pipeline::write_synthetic_case(config, f.out);
  if (!f.truth.empty()) {
    WholeFile truth(f.truth);
    pipeline::write_case_truth(result, truth.out());
    truth.commit();
  }
  return 0;
}

}  // namespace

std::function<int()> add_synth_case_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "synth-case", "Write a deterministic synthetic investigation case: pings, shifts, assignments, places, incidents, events");
  auto flags = std::make_shared<SynthCaseFlags>();
  cmd->add_option("--out", flags->out, "Folder to write the six CSVs into (created when missing)")
      ->required()
      ->check(job_internal::utf8_path());
  cmd->add_option("--seed", flags->config.seed, "Seed (default 20241027: the bundled case)");
  cmd->add_option("--vehicles", flags->config.vehicles, "Patrol cars, at least 4 (default 4)");
  cmd->add_option("--days", flags->config.days, "Local days, at least 14 (default 14)");
  cmd->add_option("--incidents", flags->config.incidents, "Incidents, at least 5 (default 25)");
  cmd->add_option("--places", flags->config.places, "Addresses besides the three bases (default 10)");
  cmd->add_option("--start", flags->start, "First local day, YYYY-MM-DD, Europe/London (default 2024-10-21)");
  cmd->add_option("--truth", flags->truth, "Also write the planted truth (story, dwells, gaps, bad rows) to this CSV")
      ->check(job_internal::utf8_path());
  return [cmd, flags] { return cmd->parsed() ? run_synth_case(*flags) : -1; };
}

}  // namespace shiftline::cli
