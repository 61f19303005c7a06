#include "shiftline/core/temporary.hpp"

#include <fcntl.h>
#include <stdlib.h>  // mkostemp
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <vector>

#include "shiftline/core/error.hpp"

namespace shiftline {
namespace {

namespace fs = std::filesystem;

// Leaked on purpose: the signal watcher may use it until _exit, after static destructors ran.
struct Registry {
  std::mutex mutex;
  std::vector<std::string> paths;
};

Registry& registry() {
  static auto *r = new Registry;
  return *r;
}

}  // namespace

std::mutex& temporaries_mutex() { return registry().mutex; }

void enlist_temporary(const std::string& path) { registry().paths.push_back(path); }

void delist_temporary(const std::string& path) {
  auto& paths = registry().paths;
  paths.erase(std::remove(paths.begin(), paths.end(), path), paths.end());
}

TemporaryPath::TemporaryPath(std::string path) : m_path(std::move(path)) {
  const std::lock_guard lock(temporaries_mutex());
  enlist_temporary(m_path);
  m_registered = true;
}

TemporaryPath::~TemporaryPath() {
  const std::lock_guard lock(temporaries_mutex());
  if (!m_registered) return;
  std::error_code ec;
  fs::remove_all(m_path, ec);
  delist_temporary(m_path);
}

void TemporaryPath::release() {
  const std::lock_guard lock(temporaries_mutex());
  if (m_registered) delist_temporary(m_path);
  m_registered = false;
}

// The temporary's descriptor as a stream: written with write(2) (no second open by name, which a
// link planted in between could redirect); the first error is kept for commit().
struct WholeFile::State : std::streambuf {
  int fd = -1;
  int error = 0;
  std::unique_ptr<TemporaryPath> temporary;
  std::array<char, std::size_t{1} << 16> buffer{};
  std::ostream stream{this};

  State() { setp(buffer.data(), buffer.data() + buffer.size()); }
  bool drain() {
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (error == 0 && left > 0) {
      const ssize_t n = ::write(fd, p, left);
      if (n > 0) {
        p += n;
        left -= static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EINTR) {
        error = errno;
      }
    }
    setp(buffer.data(), buffer.data() + buffer.size());
    return error == 0;
  }
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }
};

WholeFile::WholeFile(std::string path) : m_path(std::move(path)), m_state(std::make_unique<State>()) {
  std::string temporary = m_path + ".XXXXXX";
  m_state->fd = ::mkostemp(temporary.data(), O_CLOEXEC | O_NOFOLLOW);
  if (m_state->fd < 0) throw OutputError(m_path + ": cannot create a temporary file beside it: " + std::strerror(errno));
  m_state->temporary = std::make_unique<TemporaryPath>(std::move(temporary));  // removed on failure and on a signal
}

WholeFile::~WholeFile() {
  if (m_state->fd >= 0) ::close(m_state->fd);
}

std::ostream& WholeFile::out() noexcept { return m_state->stream; }

void WholeFile::commit() {
  State& s = *m_state;
  s.stream.flush();
  int err = s.error;
  if (err == 0 && !s.stream) err = EIO;
  if (err == 0 && (::fchmod(s.fd, 0644) != 0 || ::fsync(s.fd) != 0)) err = errno;
  if (::close(s.fd) != 0 && err == 0) err = errno;
  s.fd = -1;
  if (err == 0 && ::rename(s.temporary->path().c_str(), m_path.c_str()) != 0) err = errno;
  if (err == ENOSPC || err == EDQUOT)
    throw OutOfSpaceError("out of disk space writing " + m_path + " (" + std::strerror(err) + ")");
  if (err != 0) throw OutputError(m_path + ": cannot write: " + std::strerror(err));
  s.temporary->release();
}

void write_whole_file(const std::string& path, std::string_view bytes) {
  WholeFile file(path);
  file.out().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.commit();
}

void abandon_temporaries() noexcept {
  registry().mutex.lock();  // never unlocked: the process ends next
  for (const auto& path : registry().paths) {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  registry().paths.clear();
}

}  // namespace shiftline
