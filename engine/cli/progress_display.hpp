// A progress display on stderr (stage, rows, rate, time left, the output being written) for people
// at a terminal: one line per stage, redrawn in place while the stage lasts.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "shiftline/core/progress.hpp"

namespace shiftline::cli {

/// What the display writes at each tick, apart from the clock and the terminal so that tests can
/// drive it. Each stage keeps one line: while it lasts the line is redrawn in place ("\r", erase
/// to the end), and only when its text changes; when the next stage begins, the finished stage's
/// line is drawn once more from the final counters and ended with a newline.
class ProgressPainter {
 public:
  /// The bytes to write now (empty when nothing changed). `elapsed`: seconds since the run began;
  /// `width`: the terminal's columns. A line is cut to width - 1 characters: a line that wraps
  /// cannot be redrawn in place, and each redraw would add a line.
  [[nodiscard]] std::string paint(const Progress& p, double elapsed, std::size_t width);
  /// The bytes to write when the run ends: the last stage's line, final, and a newline; nothing
  /// when no line was drawn.
  [[nodiscard]] std::string finish(const Progress& p, double elapsed, std::size_t width);

 private:
  [[nodiscard]] std::string text(const Progress& p, Progress::Stage stage, double elapsed, std::size_t width) const;
  std::optional<Progress::Stage> m_stage;  ///< of the line on screen
  double m_stage_start = 0.0;
  std::string m_line;  ///< on screen now
};

/// Redraws four times a second on its own thread while it lives (nothing in the first second:
/// short runs stay silent), then ends the last line. Does nothing when `enabled` is false: callers
/// pass `!quiet && stderr is a terminal`, so logs and pipes never receive control characters.
class ProgressDisplay {
 public:
  ProgressDisplay(const Progress& progress, bool enabled);
  ~ProgressDisplay();
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  /// stderr is a terminal and the environment does not ask for silence (TERM=dumb).
  [[nodiscard]] static bool terminal();

 private:
  void loop();
  const Progress& m_progress;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace shiftline::cli
