#include "cli/progress_display.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace shiftline::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string count_text(double n) {
  char buf[32];
  if (n >= 1e6) std::snprintf(buf, sizeof buf, "%.1f M", n / 1e6);
  else if (n >= 1e3) std::snprintf(buf, sizeof buf, "%.0f k", n / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

std::string left_text(double seconds) {
  char buf[32];
  if (seconds >= 3600) std::snprintf(buf, sizeof buf, "~%.0f h %02.0f min left", seconds / 3600, std::fmod(seconds, 3600) / 60);
  else if (seconds >= 60) std::snprintf(buf, sizeof buf, "~%.0f min %02.0f s left", std::floor(seconds / 60), std::fmod(seconds, 60));
  else std::snprintf(buf, sizeof buf, "~%.0f s left", seconds);
  return buf;
}

// The remaining time at the mean rate so far; empty until there is something to go on.
std::string estimate(double done, double total, double elapsed) {
  if (total <= 0 || done <= 0 || elapsed < 1.0 || done >= total) return {};
  return "  " + left_text((total - done) * elapsed / done);
}

std::string line_of(const Progress& p, double reading_elapsed, double stage_elapsed) {
  const auto rows = static_cast<double>(p.rows.load(std::memory_order_relaxed));
  switch (p.stage.load(std::memory_order_relaxed)) {
    case Progress::Stage::reading: {
      const auto done = static_cast<double>(p.bytes_done.load(std::memory_order_relaxed));
      const auto total = static_cast<double>(p.bytes_total.load(std::memory_order_relaxed));
      std::string s = "reading pings: " + count_text(rows) + " rows";
      if (total > 0) s += "  " + std::to_string(static_cast<int>(100.0 * done / total)) + "%";
      if (reading_elapsed > 0.5) s += "  " + count_text(rows / reading_elapsed) + " rows/s";
      return s + estimate(done, total, reading_elapsed);
    }
    case Progress::Stage::vehicles: {
      const auto done = static_cast<double>(p.vehicles_done.load(std::memory_order_relaxed));
      const auto total = static_cast<double>(p.vehicles_total.load(std::memory_order_relaxed));
      return "tracks and dwells: vehicle " + count_text(done) + " of " + count_text(total) +
             estimate(done, total, stage_elapsed);
    }
    case Progress::Stage::matching: return "matching dwells, flags and claims";
    case Progress::Stage::writing: return "writing outputs";
  }
  return {};
}

}  // namespace

bool ProgressDisplay::terminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) == 1 && !(term && std::strcmp(term, "dumb") == 0);
}

ProgressDisplay::ProgressDisplay(const Progress& progress, bool enabled) : m_progress(progress) {
  if (enabled) m_thread = std::thread([this] { loop(); });
}

ProgressDisplay::~ProgressDisplay() {
  if (!m_thread.joinable()) return;
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void ProgressDisplay::loop() {
  const Clock::time_point start = Clock::now();
  Clock::time_point stage_start = start;
  Progress::Stage stage = m_progress.stage.load();
  bool drawn = false;
  std::unique_lock lock(m_mutex);
  // Nothing is drawn in the first second: short runs stay silent.
  while (!m_wake.wait_for(lock, std::chrono::milliseconds(drawn ? 250 : 1000), [this] { return m_stop; })) {
    const Clock::time_point now = Clock::now();
    if (const auto s = m_progress.stage.load(); s != stage) {
      stage = s;
      stage_start = now;
    }
    const double since_start = std::chrono::duration<double>(now - start).count();
    const double in_stage = std::chrono::duration<double>(now - stage_start).count();
    const std::string text = line_of(m_progress, stage == Progress::Stage::reading ? since_start : 0.0, in_stage);
    std::fprintf(stderr, "\r\033[Kshiftline: %s", text.c_str());
    std::fflush(stderr);
    drawn = true;
  }
  if (drawn) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

}  // namespace shiftline::cli
