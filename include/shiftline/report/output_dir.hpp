// The output folder: refuses to overwrite without --force and to alias an input (R2); writes each
// file to a temporary name, flushes it to disk and renames it, so a file is either complete or
// absent; hashes what it writes for the manifest.
#pragma once

#include <string>
#include <vector>

namespace shiftline::report {

struct WrittenFile {
  std::string name;     ///< file name inside the output folder
  std::string sha256;
  std::uint64_t bytes = 0;
};

class OutputDir {
 public:
  /// Checks `path`: throws OutputError when it exists and `force` is false, or when it is an input
  /// or a symlink to one. The folder is created by the first write(). With `force`, only the files
  /// this run writes are replaced; nothing else in the folder is touched.
  OutputDir(std::string path, bool force, const std::vector<std::string>& inputs);

  /// Writes `name` atomically. Throws OutputError when `name` would replace an input.
  WrittenFile write(const std::string& name, const std::string& content);
  [[nodiscard]] const std::string& path() const noexcept { return m_path; }
  [[nodiscard]] const std::vector<WrittenFile>& written() const noexcept { return m_written; }

 private:
  std::string m_path;
  std::vector<std::string> m_inputs;  // canonical paths
  std::vector<WrittenFile> m_written;
};

}  // namespace shiftline::report
