// The run commands (dwells, analyse, verify) on a CLI11 app, from the parameter table: used by
// Job::from_args and by the `shiftline` program, so that both parse exactly alike.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/job/job.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace shiftline::job_internal {

/// One run command on the app, with the storage CLI11 fills (node-based maps: addresses stay valid).
struct RunSubcommand {
  Command command = Command::dwells;
  CLI::App* app = nullptr;
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> list;
  std::map<std::string, bool> flag;
  std::map<std::string, CLI::Option*> option;
};

struct RunCommands {
  std::deque<RunSubcommand> subcommands;
};

/// Adds dwells, analyse and verify to `app`, each with the table's parameters for it: help from
/// the table with its default, required where the table says.
[[nodiscard]] std::unique_ptr<RunCommands> add_run_commands(CLI::App& app);

/// The job of the run command that was parsed, or nullopt when none was. Each given value goes
/// through its parameter's parse (UsageError names the flag). `argv` is recorded as the job's.
[[nodiscard]] std::optional<Job> parsed_job(const RunCommands& commands, std::vector<std::string> argv);

}  // namespace shiftline::job_internal
