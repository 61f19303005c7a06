// The output folder is a transaction (R2, docs/outputs.md "The output folder is a transaction"):
// every file is written into a fresh private temporary folder beside --out and the folder is moved
// into place only when complete, so that after any failure, signal or kill --out is absent, the
// previous complete run, or the new complete run; never a mix. Every refusal comes before anything
// is written. Hashes what it writes for the manifest.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace shiftline::report {

struct WrittenFile {
  std::string name;     ///< file name inside the output folder (`FOLDER/FILE` in a subfolder)
  std::string sha256;
  std::uint64_t bytes = 0;
};

/// The refusals of --out, none of which writes anything. Throws OutputError when `path`:
/// is an input; exists and is not a folder (a symlink is followed; a dangling one is refused);
/// exists and `force` is false; exists, `force` is true, and it holds an input (the whole folder
/// would be replaced) or is neither empty nor holds a manifest.json (it is not a run's folder);
/// has no parent folder (`/`).
void check_output_folder(const std::string& path, bool force, const std::vector<std::string>& inputs);

/// One run's output folder. The constructor checks (check_output_folder), removes stale temporary
/// folders of the same --out that no live process holds (left by a kill), and creates
/// `.NAME.shiftline-tmp-XXXXXX` beside it (mkdtemp: mode 0700, same file system, so the final move
/// is a rename), locked with flock(2) while this object lives. Missing parent folders of --out are
/// created. Not thread-safe; one writer.
class OutputDir {
 public:
  OutputDir(std::string path, bool force, const std::vector<std::string>& inputs);
  /// Not committed: the temporary folder is removed, --out is untouched.
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  /// Writes `name` into the temporary folder: created O_EXCL|O_NOFOLLOW, written, fsync'd. `name`
  /// is a plain file name or `FOLDER/FILE`, one level down (geojson/dwells.geojson): the subfolder
  /// is made on first use and fsync'd at commit. Throws std::logic_error for any other name,
  /// OutOfSpaceError ("out of disk space writing OUT/NAME") on ENOSPC or EDQUOT, OutputError on
  /// any other failure.
  WrittenFile write(const std::string& name, const std::string& content);

  /// Moves the folder into place: rename(2) when --out does not exist (refusing one that appeared
  /// meanwhile); with --force, renameat2(RENAME_EXCHANGE) and removal of the old folder (where the
  /// file system lacks it: the old folder renamed aside, the new one renamed in, the old removed).
  /// The folder gets the mode a new folder would (0777 minus the umask); the parent is fsync'd.
  void commit();

  /// --out as given.
  [[nodiscard]] const std::string& path() const noexcept { return m_path; }
  [[nodiscard]] const std::vector<WrittenFile>& written() const noexcept { return m_written; }
  /// The temporary folder (for tests and messages).
  [[nodiscard]] const std::string& temporary() const noexcept { return m_temporary; }

 private:
  int subfolder_fd(const std::string& name);  // made on first use

  std::string m_path;       // as given
  std::string m_target;     // absolute, symlinks resolved: what is replaced
  std::string m_temporary;  // the private folder beside m_target
  int m_dir_fd = -1;        // the temporary folder, flock'd
  std::vector<std::pair<std::string, int>> m_subfolders;  // made by write(), with their fds
  bool m_replace = false;   // --force and m_target existed
  bool m_committed = false;
  std::vector<WrittenFile> m_written;
};

}  // namespace shiftline::report
