#include "shiftline/core/temporary.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

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

void abandon_temporaries() noexcept {
  registry().mutex.lock();  // never unlocked: the process ends next
  for (const auto& path : registry().paths) {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  registry().paths.clear();
}

}  // namespace shiftline
