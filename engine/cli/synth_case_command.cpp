// `shiftline synth-case`: placeholder until the generator lands in this change.
#include <CLI/CLI.hpp>

#include "cli/options_internal.hpp"

namespace shiftline::cli {

std::function<int()> add_synth_case_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("synth-case", "Write the synthetic investigation case (not yet implemented)");
  return [cmd] { return cmd->parsed() ? 2 : -1; };
}

}  // namespace shiftline::cli
