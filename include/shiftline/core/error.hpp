// Errors that stop a run, and the exit codes they map to (docs/cli.md lists them).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace shiftline {

/// Process exit codes. Append-only: scripts test for them.
enum class ExitCode : int {
  ok = 0,
  internal_error = 1,      ///< a bug: please report it with the manifest
  usage = 2,               ///< bad command line or parameter
  input_error = 3,         ///< an input cannot be read or is not what it must be
  too_many_rejected = 4,   ///< no longer returned: --max-rejected exceeded is input_error (3) since issue 13
  output_refused = 5,      ///< output exists (no --force), or would overwrite an input
  input_changed = 6,       ///< an input's SHA-256 differed after the run
  not_reproduced = 7,      ///< `reproduce`: an output differs from the recorded one
  out_of_space = 8,        ///< the disk or quota filled while writing; --out was left as it was
  out_of_memory = 9,       ///< memory ran out; --out was left as it was
};
// A run stopped by SIGHUP, SIGINT or SIGTERM exits 128 + the signal's number (129, 130, 143), as
// shells report it; --out is left as it was (docs/outputs.md, "The output folder is a transaction").

/// Bad command line or parameter value.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An input that cannot be used at all. what() names file, line and field where known.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Output refused (exists, aliases an input) or could not be written.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The disk or the quota filled (ENOSPC, EDQUOT) while writing: "out of disk space writing FILE".
/// An OutputError, so callers that catch those still catch it.
struct OutOfSpaceError : OutputError {
  using OutputError::OutputError;
};

/// Memory ran out where it is not a std::bad_alloc of our own (e.g. GDAL or SQLite reports it).
struct OutOfMemoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An input changed while we read it (R3).
struct InputChangedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `reproduce`: the run was repeated, and an output differs from the one recorded.
struct NotReproducedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// "file:line: field: message", leaving out what is unknown.
[[nodiscard]] std::string located(const std::string& file, std::uint32_t line,
                                  const std::string& field, const std::string& message);

}  // namespace shiftline
