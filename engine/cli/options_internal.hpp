// The command line: the subcommands beyond the run commands (whose flags come from the library's
// parameter table, shiftline/job/parameters.hpp).
#pragma once

#include <functional>
#include <string>

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

/// Parses and runs; returns the process exit code (ExitCode). Throws the engine's exceptions,
/// which main() maps to exit codes.
int run(int argc, char** argv);

}  // namespace shiftline::cli
