#include "cli/progress_display.hpp"

#include <sys/ioctl.h>
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

std::string writing_text(const Progress& p) {
  const char* output = p.output.load(std::memory_order_relaxed);
  if (output == nullptr) return "writing outputs";
  std::string s = std::string("writing ") + output;
  if (const char* part = p.output_part.load(std::memory_order_relaxed)) {
    s += std::string(": layer ") + part + " (" + std::to_string(p.output_part_number.load(std::memory_order_relaxed)) +
         " of " + std::to_string(p.output_parts.load(std::memory_order_relaxed)) + ")";
    if (const auto items = p.output_items.load(std::memory_order_relaxed); items > 0)
      s += ", " + count_text(static_cast<double>(items)) + " features";
  }
  return s;
}

std::string line_of(const Progress& p, Progress::Stage stage, double reading_elapsed, double stage_elapsed) {
  const auto rows = static_cast<double>(p.rows.load(std::memory_order_relaxed));
  switch (stage) {
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
    case Progress::Stage::matching: return "findings and their robustness";
    case Progress::Stage::writing: return writing_text(p);
  }
  return {};
}

}  // namespace

std::string ProgressPainter::text(const Progress& p, Progress::Stage stage, double elapsed, std::size_t width) const {
  const double stage_elapsed = elapsed - m_stage_start;
  std::string line = "shiftline: " + line_of(p, stage, stage == Progress::Stage::reading ? elapsed : 0.0, stage_elapsed);
  if (width > 1 && line.size() > width - 1) line.resize(width - 1);
  return line;
}

std::string ProgressPainter::paint(const Progress& p, double elapsed, std::size_t width) {
  const Progress::Stage stage = p.stage.load(std::memory_order_relaxed);
  std::string out;
  if (m_stage && *m_stage != stage) {
    // The finished stage keeps its line, drawn from its final counters.
    out = "\r\033[K" + text(p, *m_stage, elapsed, width) + "\n";
    m_line.clear();
  }
  if (!m_stage || *m_stage != stage) {
    m_stage = stage;
    m_stage_start = elapsed;
  }
  std::string line = text(p, stage, elapsed, width);
  if (line != m_line) {
    out += "\r\033[K" + line;
    m_line = std::move(line);
  }
  return out;
}

std::string ProgressPainter::finish(const Progress& p, double elapsed, std::size_t width) {
  if (!m_stage) return {};
  std::string out = "\r\033[K" + text(p, *m_stage, elapsed, width) + "\n";
  m_stage.reset();
  m_line.clear();
  return out;
}

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

namespace {

// The terminal's width in columns (80 when it cannot be asked).
std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

void put(const std::string& bytes) {
  if (bytes.empty()) return;
  std::fputs(bytes.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace

void ProgressDisplay::loop() {
  const Clock::time_point start = Clock::now();
  ProgressPainter painter;
  bool drawn = false;
  std::unique_lock lock(m_mutex);
  // Nothing is drawn in the first second: short runs stay silent.
  while (!m_wake.wait_for(lock, std::chrono::milliseconds(drawn ? 250 : 1000), [this] { return m_stop; })) {
    put(painter.paint(m_progress, std::chrono::duration<double>(Clock::now() - start).count(), terminal_width()));
    drawn = true;
  }
  put(painter.finish(m_progress, std::chrono::duration<double>(Clock::now() - start).count(), terminal_width()));
}

}  // namespace shiftline::cli
