// manifest.json: everything needed to examine and repeat a run (R4, R7, R11, R12).
//
// Sections: "tool" and "libraries" (versions, commit, flags, tz database), "command" (argv),
// "parameters" (every resolved value and whether it was a default or given), "environment"
// (variables that change behaviour), "inputs" (per file: path, size, mtime, SHA-256 before and
// after, driver, layer, CRS, columns, rows read/accepted/rejected by reason), "transform",
// "results", "outputs" (name, bytes, SHA-256). Facts of the run itself (wall clock, host, user,
// threads) are in "run" and nowhere else, so everything outside "run" is identical for identical
// inputs and parameters. Keys are sorted; numbers are integers or locale-free text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/pipeline/result.hpp"
#include "shiftline/report/output_dir.hpp"

namespace shiftline::report {

struct Parameter {
  std::string value;
  std::string source;  ///< "default" or "command line"
};

struct RunFacts {
  std::string started_utc;
  std::string finished_utc;
  double wall_seconds = 0.0;
  std::string host;
  std::string user;
  unsigned threads = 1;
};

struct ManifestData {
  std::string command;             ///< subcommand, e.g. "dwells"
  std::vector<std::string> argv;
  std::map<std::string, Parameter> parameters;
  const pipeline::RunResult* run = nullptr;
  /// Further counts for "results" (e.g. analyse: dwells by class, visits, flags).
  std::map<std::string, std::size_t> result_counts;
  std::vector<std::string> sha256_after;  ///< per input, same order
  /// Per input, per file of InputReport::files (same orders): SHA-256 after the run.
  std::vector<std::vector<std::string>> files_sha256_after;
  std::vector<WrittenFile> outputs;
  RunFacts facts;
};

/// The manifest text (JSON, 2-space indent, sorted keys, trailing newline).
[[nodiscard]] std::string manifest_json(const ManifestData& data);

/// One input as a manifest recorded it.
struct RecordedInput {
  std::string role;
  std::string path;            ///< as given on the command line
  std::string canonical_path;  ///< absolute, links resolved, at the time of the run
  std::string sha256_before;
  /// The other files it consisted of or GDAL read for it ("files": a -wal, a .dbf, a VRT's
  /// sources): canonical path -> SHA-256 before. Absent (nullopt) in manifests older than "files".
  std::optional<std::map<std::string, std::string>> files;
};

/// What a later command needs from an earlier run's manifest.json to repeat it exactly
/// (`shiftline timeline --from DIR`).
struct RecordedRun {
  std::string subcommand;         ///< "dwells", "analyse", "verify"
  std::vector<std::string> argv;  ///< as run, argv[0] included
  std::vector<RecordedInput> inputs;
  std::map<std::string, std::string> parameters;  ///< name -> resolved value
  std::vector<WrittenFile> outputs;               ///< every output but manifest.json, as written
  std::string tool_version;
  std::string tool_commit;
  std::string sha256;  ///< of manifest.json itself
};

/// Reads manifest.json at `path`. Throws InputError naming the file (and the missing key) when it
/// is not a regular file (ingest::check_input_file: a FIFO is never opened), cannot be read, is
/// not JSON, or lacks "command", "inputs", "parameters" or "tool".
[[nodiscard]] RecordedRun read_manifest(const std::string& path);

/// Versions of everything that can change a result (R12), as name -> text.
[[nodiscard]] std::map<std::string, std::string> library_versions();

/// Environment variables that can change behaviour (TZ, LC_*, LANG, GDAL_*, OGR_*, CPL_*, PROJ_*).
[[nodiscard]] std::map<std::string, std::string> relevant_environment();

}  // namespace shiftline::report
