// The command line: subcommands, their flags, and how flags become a PipelineConfig.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace shiftline::cli {

/// Registers `synth-case` (the bundled case's generator) on `app`. The returned function runs it
/// and returns its exit code when it was the subcommand parsed, else -1 (synth_case_command.cpp).
std::function<int()> add_synth_case_command(CLI::App& app);

/// Parses and runs; returns the process exit code (ExitCode). Throws the engine's exceptions,
/// which main() maps to exit codes.
int run(int argc, char** argv);

}  // namespace shiftline::cli
