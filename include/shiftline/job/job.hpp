// A run of Shiftline as a library call: what to run (Job), running it (run), and writing exactly
// the files and bytes the command line writes (write_outputs).
//
//   shiftline::Job job = shiftline::Job::from_args({"analyse", "--pings", "p.csv", "--tz", "Europe/London",
//                                                   "--out", "o"});
//   // or field by field: job.command = Command::analyse; job.pings = {"p.csv"}; job.shifts = "s.csv";
//   //                    job.params.dwell_radius = Meters{50};
//   shiftline::Result result = shiftline::run(job);  // dwells | analyse | verify | near, by job.command
//   shiftline::write_outputs(result, job);           // the output folder, manifest.json included
//
// Every parameter is declared once, in parameters.hpp; the command line, --help, the manifest and
// docs/cli.md are derived from that table.
#pragma once

#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shiftline/core/progress.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/job/parameters.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/pipeline/near.hpp"
#include "shiftline/report/manifest.hpp"

namespace shiftline {

/// What to run: the command, its inputs, its parameters and where to write.
struct Job {
  Command command = Command::dwells;
  std::vector<std::string> pings;  ///< ping inputs, in order
  std::string shifts, assignments, places, incidents, events, claims;  ///< case tables; empty: not given
  std::string basemap;             ///< analyse: a raster drawn under report.html's map; empty: none
  std::string out;                 ///< the output folder; empty: run() does not check it
  bool force = false;              ///< replace an existing output folder
  bool quiet = false;              ///< the command line prints nothing on stderr
  unsigned threads = 0;            ///< worker threads; 0: all cores. The result never depends on it
  Params params;
  /// Parameters given explicitly (names as in the table): the manifest says "command line" for
  /// these, "default" for the others that hold their default value.
  std::set<std::string> given;
  /// The words the job was made from (program name first), for the manifest. Empty for a job built
  /// field by field: the manifest then records the equivalent command line (to_args).
  std::vector<std::string> argv;

  /// Parses the command line after the program name, exactly as `shiftline` does: `args[0]` is the
  /// command (dwells, analyse, verify or near). Throws UsageError naming the flag and the reason.
  [[nodiscard]] static Job from_args(const std::vector<std::string>& args, std::string program = "shiftline");
};

/// The words that make `job` again through Job::from_args: the command, every input and every
/// parameter that differs from its default (in the table's order).
[[nodiscard]] std::vector<std::string> to_args(const Job& job);

/// Every recorded parameter of `job`'s command with its value as the manifest writes it and where
/// it came from ("command line", "default", or "set by the caller" for a job built in code).
[[nodiscard]] std::map<std::string, report::Parameter> resolved_parameters(const Job& job);

/// The engine's configuration for `job`. Throws UsageError when a value is out of range or
/// inconsistent (e.g. --basemap without html in --formats).
[[nodiscard]] pipeline::AnalyseConfig make_config(const Job& job, Progress* progress = nullptr);

/// The outputs beyond the CSV tables that `job` writes (analyse --formats).
[[nodiscard]] std::set<std::string> chosen_formats(const Job& job);

/// An input hashed again after it was read (R3): the file, and each file GDAL read for it
/// ("unreadable" for one gone or unreadable by then).
struct HashedAgain {
  std::string sha256;
  std::vector<std::string> files_sha256;
};

/// What a run found, typed: dwells with class and crew, gaps, rejected rows and warnings (in
/// analysis.run), visits, flags, shift figures, claims with verdicts (in analysis), and what the
/// manifest needs.
struct Result {
  Command command = Command::dwells;
  pipeline::Analysis analysis;  ///< for `dwells`, only `run` is filled
  pipeline::AnalyseConfig config;
  findings::FindingsConfig findings_config;  ///< analyse: from the parameters (make_findings_config)
  findings::Findings findings;  ///< analyse: ranked findings and spots, with their robustness
  pipeline::NearFound near;     ///< near: the place and window searched, the vehicles near it, their crews
  std::map<std::string, report::Parameter> parameters;
  std::map<std::string, std::size_t> counts;  ///< the manifest's result counts
  std::string summary;        ///< one line: rows read, used, rejected, vehicles, dwells, gaps
  std::string extra_summary;  ///< analyse: shifts, dwells by class, flags; verify: claims by verdict
  std::string started_utc;
  std::chrono::steady_clock::time_point wall_start;
  /// R3's second hashes, started by run() as soon as the pipeline has read its inputs when the run
  /// has more than one thread and an output folder, so that they are computed beside the findings
  /// and tables: one per input, empty for one read later (a basemap, read when the page is drawn).
  /// write_output_folder hashes every input not hashed here.
  std::shared_future<std::vector<std::optional<HashedAgain>>> hashed_again;
};

/// Runs `job`. When job.out is set, the output folder is checked first (OutputError before any
/// work: it exists without --force, or would replace an input). Throws UsageError, InputError.
[[nodiscard]] Result run(const Job& job, Progress* progress = nullptr);

/// What write_outputs wrote.
struct Written {
  std::string folder;
  std::vector<report::WrittenFile> files;  ///< in the order written, manifest.json last
  std::string manifest_sha256;
  std::string inputs_changed;  ///< inputs whose SHA-256 differed after the run (R3), or empty
};

/// Writes the output folder of `result` to job.out: exactly the files and bytes the command line
/// writes, manifest.json last, into a private folder moved into place whole (report::OutputDir;
/// on any exception job.out is as it was). Every input is hashed again (R3) once read (see
/// Result::hashed_again); a difference throws InputChangedError after the folder is in place.
/// (--max-rejected is applied by run(), before anything is written.)
Written write_outputs(const Result& result, const Job& job, Progress* progress = nullptr);

/// write_outputs in two steps, for a caller that reports between them (the command line prints
/// its summary): the folder, with the checks' findings in Written; then check_written throws them.
Written write_output_folder(const Result& result, const Job& job, Progress* progress = nullptr);
void check_written(const Written& written);

}  // namespace shiftline
