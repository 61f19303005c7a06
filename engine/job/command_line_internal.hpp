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
class Validator;
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

/// The rule for every path on the command line (an input, --out, --basemap, --from, reproduce's
/// folder...): valid UTF-8 (core/utf8_internal.hpp, clean_utf8), since the manifest (JSON) and the
/// citations name every file exactly and could not name this one. Given to each path-valued
/// option with `->check(utf8_path())`; a name that breaks it is exit 2, "FLAG: 'NAME' is not valid
/// UTF-8 ...", NAME escaped (docs/cli.md, "File names").
[[nodiscard]] CLI::Validator utf8_path();

/// The table's parameters whose value is a path: the inputs (with --basemap) and --out.
[[nodiscard]] inline bool names_a_path(const ParameterSpec& s) {
  return s.kind == ParameterKind::input || s.name == "out";
}

}  // namespace shiftline::job_internal
