// Shared by the kill test and the fault-injection test: start `shiftline` with its own
// environment, and judge an output folder against its manifest.
#pragma once

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "shiftline/core/sha256.hpp"
#include "shiftline/report/manifest.hpp"

extern char** environ;

namespace shiftline_integrity {

namespace fs = std::filesystem;

const std::string kBinary = std::string(SHIFTLINE_BINARY_DIR) + "/shiftline";

inline std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::set<std::string> names(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    out.insert(it->path().filename().string());
  return out;
}

/// Every file under `dir`, as its path relative to `dir` (geojson/dwells.geojson), sorted.
inline std::set<std::string> files(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) out.insert(fs::relative(it->path(), dir).string());
  return out;
}

/// Every file under `dir` by relative path, with its bytes' SHA-256.
inline std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& name : files(dir)) out[name] = shiftline::sha256_file((dir / name).string());
  return out;
}

/// "" when `dir` holds exactly manifest.json and the outputs it lists, each with the listed
/// SHA-256; else what is wrong.
inline std::string inconsistency(const fs::path& dir) {
  if (!fs::exists(dir / "manifest.json")) return dir.string() + ": no manifest.json";
  const auto recorded = shiftline::report::read_manifest((dir / "manifest.json").string());
  std::set<std::string> listed{"manifest.json"};
  for (const auto& o : recorded.outputs) {
    listed.insert(o.name);
    if (!fs::exists(dir / o.name)) return o.name + ": listed, missing";
    if (shiftline::sha256_file((dir / o.name).string()) != o.sha256) return o.name + ": SHA-256 differs from the manifest";
  }
  for (const auto& name : files(dir))
    if (!listed.contains(name)) return name + ": in the folder, not in its manifest";
  return "";
}

/// A running `shiftline`: stdout and stderr go to `log`.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, const fs::path& log) {
    std::vector<std::string> words{kBinary};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    std::vector<std::string> vars;
    for (char** e = environ; *e; ++e) {
      const std::string v = *e;
      if (!env.contains(v.substr(0, v.find('=')))) vars.push_back(v);
    }
    for (const auto& [k, v] : env) vars.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& v : vars) envp.push_back(v.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawn(&m_pid, kBinary.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + kBinary);
    m_start = std::chrono::steady_clock::now();
  }
  void signal(int sig) const { ::kill(m_pid, sig); }
  /// The wait status.
  int wait() {
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    return status;
  }
  /// True while it runs.
  [[nodiscard]] bool running() {
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid) {
      m_done_status = status;
      m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
      m_done = true;
    }
    return !m_done;
  }
  [[nodiscard]] bool done() const { return m_done; }
  [[nodiscard]] int done_status() const { return m_done_status; }
  [[nodiscard]] double seconds() const { return m_seconds; }
  [[nodiscard]] double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  }

 private:
  pid_t m_pid = -1;
  std::chrono::steady_clock::time_point m_start;
  double m_seconds = 0;
  bool m_done = false;
  int m_done_status = 0;
};

/// Runs to the end; returns the exit code (or -signal).
inline int run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, const fs::path& log) {
  Child c(args, env, log);
  const int status = c.wait();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// A shifts table for a synth fleet: one officer per vehicle, on duty all of the first day.
inline std::string synth_shifts(int vehicles) {
  std::string text = "officer_id,start,end,shift_id,vehicle_id\n";
  for (int v = 1; v <= vehicles; ++v) {
    char id[16];
    std::snprintf(id, sizeof id, "V%04d", v);
    text += "PC" + std::to_string(v) + ",2024-03-01T00:00:00Z,2024-03-02T00:00:00Z,S" + std::to_string(v) + "," + id + "\n";
  }
  return text;
}

}  // namespace shiftline_integrity
