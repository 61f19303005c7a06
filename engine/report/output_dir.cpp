#include "shiftline/report/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/temporary.hpp"

namespace shiftline::report {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempTag = ".shiftline-tmp-";

// Absolute, symlinks resolved where they exist, no trailing separator: the folder that is replaced.
std::string resolved(const std::string& path) {
  std::error_code ec;
  std::string s = fs::weakly_canonical(fs::absolute(path, ec), ec).string();
  if (ec) s = fs::absolute(path).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Where an input's name sits (its folder resolved, the last component kept: a symlink inside
// --out is inside it even when it points elsewhere), and where its bytes are.
std::vector<std::string> input_locations(const std::string& input) {
  std::error_code ec;
  const fs::path abs = fs::absolute(input, ec);
  std::vector<std::string> out{resolved(input)};
  if (!ec && abs.has_filename()) out.push_back((fs::path(resolved(abs.parent_path().string())) / abs.filename()).string());
  return out;
}

bool inside(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
         (folder == "/" || path[folder.size()] == '/');
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

[[noreturn]] void fail(int err, const std::string& file, const std::string& what, const std::string& out) {
  if (err == ENOSPC || err == EDQUOT)
    throw OutOfSpaceError("out of disk space writing " + file + " (" + std::strerror(err) + "); " + out +
                          " was left as it was");
  throw OutputError(file + ": " + what + ": " + std::strerror(err) + "; " + out + " was left as it was");
}

// 0777 minus the umask, read without changing it (umask(2) would, for every thread).
mode_t folder_mode() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(0777 & ~std::stoul(line.substr(6), nullptr, 8));
  return 0755;
}

void fsync_folder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category());
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw std::system_error(err, std::generic_category());
}

// Temporary folders of `name` that a killed run left: removed when no live run holds their lock.
// A symlink of that name is not followed (O_NOFOLLOW) and is left alone.
void remove_stale(const fs::path& parent, const std::string& name) {
  const std::string prefix = "." + name + std::string(kTempTag);
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.size() != prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0) continue;
    if (!std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(prefix.size()), entry.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
      continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat held {}, now {};
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &held) == 0 && ::lstat(it->path().c_str(), &now) == 0 &&
        held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
      std::error_code ignored;
      fs::remove_all(it->path(), ignored);
    }
    ::close(fd);
  }
}

}  // namespace

void check_output_folder(const std::string& path, bool force, const std::vector<std::string>& inputs) {
  if (path.empty()) throw OutputError("--out: no output folder given");
  const std::string target = resolved(path);
  for (const auto& input : inputs)
    if (same_file(path, input) || resolved(input) == target)
      throw OutputError(path + ": output folder is an input; choose another --out");
  if (fs::path(target).parent_path() == fs::path(target) || !fs::path(target).has_filename())
    throw OutputError(path + ": cannot be replaced as a whole (the root folder); choose another --out");
  struct stat st {}, lst {};
  if (::stat(path.c_str(), &st) != 0) {
    if (::lstat(path.c_str(), &lst) == 0)
      throw OutputError(path + ": exists and is not a folder (a symlink to nothing); choose another --out");
    if (errno != ENOENT) throw OutputError(path + ": cannot be used as the output folder: " + std::strerror(errno));
    return;
  }
  if (!S_ISDIR(st.st_mode)) throw OutputError(path + ": exists and is not a folder; choose another --out");
  if (!force) throw OutputError(path + ": output folder exists; use --force to replace it");
  for (const auto& input : inputs)
    for (const auto& where : input_locations(input))
      if (inside(where, target))
        throw OutputError(input + ": is inside " + path +
                          ", which --force replaces as a whole; choose another --out or move the input");
  std::error_code ec;
  const bool empty = fs::is_empty(target, ec);
  struct stat manifest {};
  if (!empty && !(::lstat((fs::path(target) / "manifest.json").c_str(), &manifest) == 0 && S_ISREG(manifest.st_mode)))
    throw OutputError(path + ": holds files but no manifest.json, so it is not a shiftline output folder; --force "
                             "replaces the whole folder, so choose another --out");
}

OutputDir::OutputDir(std::string path, bool force, const std::vector<std::string>& inputs) : m_path(std::move(path)) {
  check_output_folder(m_path, force, inputs);
  m_target = resolved(m_path);
  struct stat st {};
  m_replace = ::stat(m_target.c_str(), &st) == 0;
  const fs::path parent = fs::path(m_target).parent_path();
  const std::string name = fs::path(m_target).filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) fail(ec.value(), parent.string(), "cannot create the folder", m_path);
  remove_stale(parent, name);
  std::string pattern = (parent / ("." + name + std::string(kTempTag) + "XXXXXX")).string();
  const std::lock_guard lock(temporaries_mutex());
  if (!::mkdtemp(pattern.data())) fail(errno, pattern, "cannot create a temporary folder", m_path);
  m_temporary = pattern;
  enlist_temporary(m_temporary);
  m_dir_fd = ::open(m_temporary.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  // Held until the folder is in place: another run's remove_stale() leaves a locked folder alone.
  if (m_dir_fd < 0 || ::flock(m_dir_fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    if (m_dir_fd >= 0) ::close(m_dir_fd);
    m_dir_fd = -1;
    fs::remove_all(m_temporary, ec);
    delist_temporary(m_temporary);
    fail(err, m_temporary, "cannot lock the temporary folder", m_path);
  }
}

OutputDir::~OutputDir() {
  const std::lock_guard lock(temporaries_mutex());
  if (!m_committed && !m_temporary.empty()) {
    std::error_code ec;
    fs::remove_all(m_temporary, ec);
    delist_temporary(m_temporary);
  }
  for (const auto& [folder, fd] : m_subfolders) ::close(fd);
  if (m_dir_fd >= 0) ::close(m_dir_fd);
}

int OutputDir::subfolder_fd(const std::string& name) {
  for (const auto& [folder, fd] : m_subfolders)
    if (folder == name) return fd;
  const std::string shown = (fs::path(m_path) / name).string();
  if (::mkdirat(m_dir_fd, name.c_str(), 0777) != 0) fail(errno, shown, "cannot create the folder", m_path);
  const int fd = ::openat(m_dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail(errno, shown, "cannot open the folder", m_path);
  m_subfolders.emplace_back(name, fd);
  return fd;
}

WrittenFile OutputDir::write(const std::string& name, const std::string& content) {
  const auto plain = [](std::string_view part) {
    return !part.empty() && part != "." && part != ".." && part.find('/') == std::string_view::npos;
  };
  const auto slash = name.find('/');
  const std::string folder = slash == std::string::npos ? std::string() : name.substr(0, slash);
  const std::string leaf = slash == std::string::npos ? name : name.substr(slash + 1);
  if (!plain(leaf) || (slash != std::string::npos && !plain(folder)))
    throw std::logic_error("OutputDir::write: '" + name + "' is not a file name or FOLDER/FILE");
  const std::string shown = (fs::path(m_path) / name).string();
  const std::lock_guard lock(temporaries_mutex());
  if (m_committed || m_dir_fd < 0) throw std::logic_error("OutputDir::write after commit: " + name);
  const int dir = folder.empty() ? m_dir_fd : subfolder_fd(folder);
  // Only inside our own folder, and never through a link planted there.
  const int fd = ::openat(dir, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(errno, shown, "cannot create", m_path);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      fail(err, shown, "write failed", m_path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(err, shown, "cannot flush to disk", m_path);
  }
  if (::close(fd) != 0) fail(errno, shown, "cannot close", m_path);
  WrittenFile file{name, sha256_hex(content), content.size()};
  m_written.push_back(file);
  return file;
}

void OutputDir::commit() {
  const std::lock_guard lock(temporaries_mutex());
  if (m_committed) return;
  if (m_dir_fd < 0) throw std::logic_error("OutputDir::commit without a folder");
  for (const auto& [folder, fd] : m_subfolders)
    if (::fsync(fd) != 0) fail(errno, (fs::path(m_path) / folder).string(), "cannot flush the folder", m_path);
  if (::fchmod(m_dir_fd, folder_mode()) != 0 || ::fsync(m_dir_fd) != 0)
    fail(errno, m_path, "cannot flush the temporary folder " + m_temporary, m_path);
  const std::string parent = fs::path(m_target).parent_path().string();
  std::string old;  // where the previous folder is once the new one is in place
  // A new folder: never over one that appeared meanwhile (plain rename would take an empty one).
  const auto move_new = [&] {
    if (::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(), RENAME_NOREPLACE) == 0) return;
    if (errno != EINVAL && errno != ENOSYS) {
      if (errno == EEXIST || errno == ENOTEMPTY)
        throw OutputError(m_path + ": appeared while the run was writing; nothing was replaced");
      fail(errno, m_path, "cannot move the folder into place", m_path);
    }
    struct stat st {};
    if (::stat(m_target.c_str(), &st) == 0)
      throw OutputError(m_path + ": appeared while the run was writing; nothing was replaced");
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) fail(errno, m_path, "cannot move the folder into place", m_path);
  };
  bool exchanged = false;
  if (m_replace) {
    if (::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(), RENAME_EXCHANGE) == 0) {
      exchanged = true;
      old = m_temporary;  // the previous folder now has the temporary name
    } else if (errno == ENOENT) {
      move_new();  // --out was removed meanwhile
    } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
      // No RENAME_EXCHANGE here: the old folder aside under a temporary name, then the new one in.
      std::string aside = (fs::path(parent) / ("." + fs::path(m_target).filename().string() + std::string(kTempTag) + "XXXXXX")).string();
      if (!::mkdtemp(aside.data())) fail(errno, aside, "cannot create a temporary folder", m_path);
      enlist_temporary(aside);
      if (::rename(m_target.c_str(), aside.c_str()) != 0) {
        const int err = errno;
        ::rmdir(aside.c_str());
        delist_temporary(aside);
        fail(err, m_path, "cannot move the previous folder aside", m_path);
      }
      if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        ::rename(aside.c_str(), m_target.c_str());
        delist_temporary(aside);
        fail(err, m_path, "cannot move the folder into place", m_path);
      }
      old = aside;
    } else {
      fail(errno, m_path, "cannot replace the folder", m_path);
    }
  } else {
    move_new();
  }
  try {
    fsync_folder(parent);
  } catch (const std::system_error& e) {
    // Not durable: put back what was there, so that the failure leaves --out as it was.
    if (exchanged) ::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(), RENAME_EXCHANGE);
    else if (old.empty()) ::rename(m_target.c_str(), m_temporary.c_str());
    else {
      ::rename(m_target.c_str(), m_temporary.c_str());
      ::rename(old.c_str(), m_target.c_str());
      delist_temporary(old);
    }
    fail(e.code().value(), m_path, "cannot flush the parent folder", m_path);
  }
  m_committed = true;
  for (const auto& [folder, fd] : m_subfolders) ::close(fd);
  m_subfolders.clear();
  ::close(m_dir_fd);
  m_dir_fd = -1;
  delist_temporary(m_temporary);
  if (!old.empty()) {
    std::error_code ec;
    fs::remove_all(old, ec);  // a leftover is stale and the next run removes it
    delist_temporary(old);
  }
}

}  // namespace shiftline::report
