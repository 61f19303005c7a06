#include "shiftline/report/output_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::report {
namespace {

namespace fs = std::filesystem;

bool same_file(const fs::path& a, const std::string& b) {
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

OutputDir::OutputDir(std::string path, bool force, const std::vector<std::string>& inputs) : m_path(std::move(path)) {
  std::error_code ec;
  for (const auto& input : inputs) {
    m_inputs.push_back(fs::weakly_canonical(input, ec).string());
    if (same_file(m_path, input)) throw OutputError(m_path + ": output folder is an input; choose another --out");
  }
  if (fs::exists(m_path, ec) || fs::is_symlink(m_path, ec)) {
    if (!fs::is_directory(m_path, ec))
      throw OutputError(m_path + ": exists and is not a folder; choose another --out");
    if (!force) throw OutputError(m_path + ": output folder exists; use --force to replace its files");
  }
  // Created on the first write, so a run that fails before writing leaves nothing behind. An
  // input inside the output folder is fine, but never one of the names we write (see write()).
}

WrittenFile OutputDir::write(const std::string& name, const std::string& content) {
  const fs::path target = fs::path(m_path) / name;
  std::error_code ec;
  if (!fs::is_directory(m_path, ec) && (!fs::create_directories(m_path, ec) || ec))
    throw OutputError(m_path + ": cannot create output folder: " + ec.message());
  const std::string canonical = fs::weakly_canonical(target, ec).string();
  for (std::size_t i = 0; i < m_inputs.size(); ++i)
    if (canonical == m_inputs[i] || same_file(target, m_inputs[i]))
      throw OutputError(target.string() + ": would overwrite an input; choose another --out");
  const fs::path temp = fs::path(m_path) / ("." + name + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(temp.string() + ": cannot create: " + std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw OutputError(temp.string() + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) throw OutputError(temp.string() + ": cannot flush to disk");
  if (std::rename(temp.c_str(), target.c_str()) != 0)
    throw OutputError(target.string() + ": cannot rename into place: " + std::strerror(errno));
  WrittenFile file{name, sha256_hex(content), content.size()};
  m_written.push_back(file);
  return file;
}

}  // namespace shiftline::report
