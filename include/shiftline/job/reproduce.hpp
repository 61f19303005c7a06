// Repeating a recorded run from its manifest alone (evidence requirement R20: an independent party
// can examine the process and achieve the same result).
//
// The manifest records the command line, every parameter as resolved, every input's canonical
// path and SHA-256, and every output's SHA-256. A recorded run is repeated with this build only if
// (a) every input is found with its recorded SHA-256 (at its recorded path, or by file name in a
// folder the caller names: a case folder copied to another machine), and (b) this build resolves
// the recorded command line to the recorded value of every parameter (a default that changed
// between versions would otherwise change the figures without a word).
#pragma once

#include <string>
#include <vector>

#include "shiftline/job/job.hpp"
#include "shiftline/report/manifest.hpp"

namespace shiftline {

/// A recorded run, made runnable again.
struct RecordedJob {
  std::string manifest;          ///< the manifest's path
  report::RecordedRun recorded;  ///< as read
  Job job;                       ///< this build's parse of the recorded command line, inputs where found
};

/// Reads `manifest` (a manifest.json, or a folder holding one). Every input the command line names
/// is looked for at its recorded canonical path, then by its file name in each of `search`, and
/// taken where its SHA-256 is the recorded one. Throws InputChangedError naming an input found only
/// with another SHA-256, InputError when one is not found or when this build resolves a parameter
/// to another value than recorded (naming `parameters.NAME`), UsageError when the manifest is not a
/// run's (dwells, analyse, verify).
[[nodiscard]] RecordedJob recorded_job(const std::string& manifest, const std::vector<std::string>& search = {});

/// After the repeated run: every input read must be a recorded one, by role, file name and SHA-256
/// (R3; InputChangedError otherwise). Each is then given the path the recorded run gave it, so that
/// outputs cite rows and list inputs as that run did.
void match_recorded_inputs(const RecordedJob& recorded, pipeline::Analysis& analysis);

struct Reproduction {
  std::string folder;                   ///< where the outputs were written (removed when temporary)
  std::size_t outputs = 0;              ///< outputs recorded (manifest.json aside)
  std::size_t identical = 0;            ///< of them, byte-identical now
  std::vector<std::string> differences; ///< "NAME: recorded SHA, now SHA" (or missing), in recorded order
};

/// Repeats the run recorded in `manifest` into `out` (empty: a fresh temporary folder, removed
/// afterwards) and compares every output's SHA-256 with the recorded one. Throws as recorded_job,
/// and as run and write_outputs.
[[nodiscard]] Reproduction reproduce(const std::string& manifest, const std::string& out = {},
                                     const std::vector<std::string>& search = {}, Progress* progress = nullptr);

}  // namespace shiftline
