// The command line: subcommands, their flags, and how flags become a PipelineConfig.
#pragma once

namespace shiftline::cli {

/// Parses and runs; returns the process exit code (ExitCode). Throws the engine's exceptions,
/// which main() maps to exit codes.
int run(int argc, char** argv);

}  // namespace shiftline::cli
