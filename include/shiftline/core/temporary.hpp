// Temporary files and folders of this process, in one list, so that a run
// stopped by a signal leaves none behind (docs/outputs.md, "The output folder
// is a transaction"): the output folder being written (report::OutputDir) and
// private copies of inputs (ingest: SQLite-based inputs are read from a copy,
// docs/input-formats.md) alike.
#pragma once

#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace shiftline {

/// Held while a temporary path is created, written, renamed or removed, so that
/// abandon_temporaries() never runs in the middle of such a step.
[[nodiscard]] std::mutex& temporaries_mutex();

/// Adds or removes `path` in the list abandon_temporaries() removes. The caller
/// holds temporaries_mutex().
void enlist_temporary(const std::string& path);
void delist_temporary(const std::string& path);

/// A temporary file or folder, removed by the destructor unless release()d, and
/// by abandon_temporaries().
class TemporaryPath {
 public:
  explicit TemporaryPath(std::string path);
  ~TemporaryPath();
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  /// Keeps the path (it was renamed into place).
  void release();
  [[nodiscard]] const std::string& path() const noexcept { return m_path; }

 private:
  std::string m_path;
  bool m_registered = false;
};

/// A file written whole or not at all, replacing whatever `path` names without ever following it:
/// the bytes go to a new file beside `path` (`path.XXXXXX`, created by mkostemp with O_CREAT|O_EXCL
/// and O_NOFOLLOW, so a planted file or link is never opened), and commit() fsyncs it and
/// rename(2)s it over `path` (a link at `path` is replaced, never written through). Without
/// commit() (an exception, a signal) the temporary is removed. Errors name `path`: OutputError,
/// or OutOfSpaceError on ENOSPC/EDQUOT.
class WholeFile {
 public:
  explicit WholeFile(std::string path);
  ~WholeFile();
  WholeFile(const WholeFile&) = delete;
  WholeFile& operator=(const WholeFile&) = delete;
  /// Where to write; a failed write is reported by commit().
  [[nodiscard]] std::ostream& out() noexcept;
  void commit();

 private:
  struct State;
  std::string m_path;
  std::unique_ptr<State> m_state;
};

/// `bytes` written to `path` through a WholeFile.
void write_whole_file(const std::string& path, std::string_view bytes);

/// For a signal watcher that then ends the process with _exit: waits for a step
/// in progress (a file being written, a commit, a copy), removes every listed
/// temporary path of this process, and keeps the lock so that nothing is
/// written or committed after it. Returns once done; the caller must not let the process go on.
void abandon_temporaries() noexcept;

}  // namespace shiftline
