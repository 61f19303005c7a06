#include "shiftline/job/reproduce.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "job/job_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/temporary.hpp"
#include "shiftline/report/output_dir.hpp"

namespace shiftline {
namespace {

namespace fs = std::filesystem;

std::string manifest_path(const std::string& given) {
  std::error_code ec;
  return fs::is_directory(given, ec) ? (fs::path(given) / "manifest.json").string() : given;
}

// The recorded input the command line names as `given` (the path as it was typed).
const report::RecordedInput& recorded_input(const RecordedJob& r, const std::string& given) {
  for (const auto& input : r.recorded.inputs)
    if (input.path == given) return input;
  throw InputError(located(r.manifest, 0, "inputs", "does not list " + given + ", which the command line names"));
}

// Where the input is now: its recorded canonical path, else a file of the same name in a search
// folder, whichever holds the recorded bytes.
std::string find_input(const RecordedJob& r, const report::RecordedInput& input, const std::vector<std::string>& search) {
  std::vector<std::string> candidates{input.canonical_path.empty() ? input.path : input.canonical_path};
  const std::string file_name = fs::path(candidates.front()).filename().string();
  for (const auto& folder : search) candidates.push_back((fs::path(folder) / file_name).string());
  std::string differs;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) continue;
    if (sha256_file(candidate) == input.sha256_before) return candidate;
    if (differs.empty()) differs = candidate;
  }
  if (!differs.empty())
    throw InputChangedError(differs + ": SHA-256 differs from " + input.sha256_before + " in " + r.manifest +
                            "; the input changed since that run");
  throw InputError(located(r.manifest, 0, "inputs",
                           input.path + " (" + input.role + ") is not at " + candidates.front() +
                               (search.empty() ? "" : " nor, by its file name, in the folders given with --inputs")));
}

}  // namespace

RecordedJob recorded_job(const std::string& given, const std::vector<std::string>& search) {
  RecordedJob r;
  r.manifest = manifest_path(given);
  r.recorded = report::read_manifest(r.manifest);
  if (!command_named(r.recorded.subcommand))
    throw UsageError(r.manifest + ": written by `" + r.recorded.subcommand + "`, which writes no repeatable run");
  if (r.recorded.argv.size() < 2) throw InputError(located(r.manifest, 0, "command.argv", "holds no command line"));
  try {
    r.job = Job::from_args({r.recorded.argv.begin() + 1, r.recorded.argv.end()}, r.recorded.argv.front());
  } catch (const UsageError& e) {
    throw InputError(located(r.manifest, 0, "command.argv", std::string("does not parse with this build: ") + e.what()));
  }
  // Compared before any input is moved: the basemap's recorded value is its path as given.
  for (const auto& [name, value] : resolved_parameters(r.job)) {
    const auto then = r.recorded.parameters.find(name);
    if (then != r.recorded.parameters.end() && then->second != value.value)
      throw InputError(located(r.manifest, 0, "parameters." + name,
                               "recorded '" + then->second + "', but this build resolves the same command line to '" +
                                   value.value + "'; the run cannot be repeated exactly"));
  }
  job_internal::for_each_input(r.job, [&](std::string& path) { path = find_input(r, recorded_input(r, path), search); });
  r.job.out.clear();
  r.job.force = false;
  return r;
}

void match_recorded_inputs(const RecordedJob& r, pipeline::Analysis& a) {
  for (auto& now : a.run.ingest.inputs) {
    const std::string name = fs::path(now.canonical_path.empty() ? now.path : now.canonical_path).filename().string();
    const auto then = std::find_if(r.recorded.inputs.begin(), r.recorded.inputs.end(), [&](const report::RecordedInput& i) {
      return i.role == now.role &&
             fs::path(i.canonical_path.empty() ? i.path : i.canonical_path).filename().string() == name;
    });
    if (then == r.recorded.inputs.end())
      throw InputError(located(r.manifest, 0, "inputs", "does not list " + now.path + " (" + now.role + ")"));
    if (then->sha256_before != now.sha256_before)
      throw InputChangedError(now.path + ": SHA-256 " + now.sha256_before + " differs from " + then->sha256_before +
                              " in " + r.manifest + "; the input changed since that run");
    // The files GDAL read for it (a -wal, a VRT's sources) must be those of that run, by name and
    // bytes: a changed source changes results while the input's own hash stays the same.
    if (then->files) {
      for (const auto& file : now.files) {
        const std::string file_name = fs::path(file.canonical_path).filename().string();
        const auto was = std::find_if(then->files->begin(), then->files->end(), [&](const auto& recorded) {
          return fs::path(recorded.first).filename().string() == file_name;
        });
        if (was == then->files->end())
          throw InputChangedError(now.path + ": reads " + file.path + ", which " + r.manifest +
                                  " does not list among its files; the input changed since that run");
        if (was->second != file.sha256_before)
          throw InputChangedError(now.path + ": " + file.path + " has SHA-256 " + file.sha256_before + ", not " +
                                  was->second + " as in " + r.manifest + "; the input changed since that run");
      }
      if (then->files->size() != now.files.size())
        throw InputChangedError(now.path + ": consists of " + std::to_string(now.files.size()) + " other file(s) now, " +
                                std::to_string(then->files->size()) + " in " + r.manifest +
                                "; the input changed since that run");
    }
    now.path = then->path;  // rows are cited by the names the run used; canonical_path stays where it was read
  }
}

Reproduction reproduce(const std::string& manifest, const std::string& out, const std::vector<std::string>& search,
                       Progress* progress) {
  RecordedJob r = recorded_job(manifest, search);
  Job& job = r.job;
  job.argv = r.recorded.argv;
  job.quiet = true;
  // Without --out: a fresh private folder in $TMPDIR, removed on every path out (and on a signal).
  std::optional<TemporaryPath> temporary;
  if (out.empty()) {
    std::string pattern = (fs::temp_directory_path() / "shiftline-reproduce-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw OutputError(pattern + ": cannot create a temporary folder");
    temporary.emplace(pattern);
    job.out = (fs::path(pattern) / "run").string();
    job.force = false;
  } else {
    job.out = out;
  }
  Reproduction result;
  result.folder = job.out;
  Result run_result = run(job, progress);
  match_recorded_inputs(r, run_result.analysis);
  const Written written = write_outputs(run_result, job, progress);
  for (const auto& then : r.recorded.outputs) {
    ++result.outputs;
    const auto now = std::find_if(written.files.begin(), written.files.end(),
                                  [&](const report::WrittenFile& f) { return f.name == then.name; });
    if (now == written.files.end()) result.differences.push_back(then.name + ": recorded, not written now");
    else if (now->sha256 != then.sha256)
      result.differences.push_back(then.name + ": recorded SHA-256 " + then.sha256 + ", now " + now->sha256);
    else ++result.identical;
  }
  for (const auto& now : written.files)
    if (now.name != "manifest.json" &&
        std::none_of(r.recorded.outputs.begin(), r.recorded.outputs.end(),
                     [&](const report::WrittenFile& f) { return f.name == now.name; }))
      result.differences.push_back(now.name + ": written now, not recorded");
  return result;
}

}  // namespace shiftline
