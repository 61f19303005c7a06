// The command line: subcommands, their flags, and how flags become a PipelineConfig.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "shiftline/pipeline/analyse.hpp"

namespace CLI {
class App;
}

namespace shiftline::cli {

/// Registers `synth-case` (the bundled case's generator) on `app`. The returned function runs it
/// and returns its exit code when it was the subcommand parsed, else -1 (synth_case_command.cpp).
std::function<int()> add_synth_case_command(CLI::App& app);

/// Registers `timeline` (one officer-day timeline as SVG or PNG, from an `analyse` output folder)
/// on `app`; the returned function is as for add_synth_case_command (timeline_command.cpp).
std::function<int()> add_timeline_command(CLI::App& app);

/// What `shiftline analyse ARGS` runs with: `args` are the words after the subcommand's name,
/// parsed by the same flags and rules as the command line.
struct AnalyseRun {
  pipeline::AnalyseConfig config;
  /// Every parameter as the manifest records it (name -> resolved value), input paths as given.
  std::map<std::string, std::string> parameters;
};

/// Parses `args`; every input path (pings, case tables, claims, basemap) is then passed through
/// `input_path` (e.g. to the canonical path a manifest recorded). Throws UsageError when the
/// words do not parse.
[[nodiscard]] AnalyseRun analyse_run_from_args(const std::vector<std::string>& args,
                                               const std::function<std::string(const std::string&)>& input_path);

/// Parses and runs; returns the process exit code (ExitCode). Throws the engine's exceptions,
/// which main() maps to exit codes.
int run(int argc, char** argv);

}  // namespace shiftline::cli
