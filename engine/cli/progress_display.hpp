// A one-line progress display on stderr (stage, rows, rate, time left) for people at a terminal.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "shiftline/core/progress.hpp"

namespace shiftline::cli {

/// Redraws the line four times a second on its own thread while it lives, then erases it. Does
/// nothing when `enabled` is false: callers pass `!quiet && stderr is a terminal`, so logs and
/// pipes never receive control characters.
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
