// Temporary files and folders of this process, in one list, so that a run
// stopped by a signal leaves none behind (docs/outputs.md, "The output folder
// is a transaction"): the output folder being written (report::OutputDir) and
// private copies of inputs (ingest: SQLite-based inputs are read from a copy,
// docs/input-formats.md) alike.
#pragma once

#include <mutex>
#include <string>

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

/// For a signal watcher that then ends the process with _exit: waits for a step
/// in progress (a file being written, a commit, a copy), removes every listed
/// temporary path of this process, and keeps the lock so that nothing is
/// written or committed after it. Returns once done; the caller must not let the process go on.
void abandon_temporaries() noexcept;

}  // namespace shiftline
