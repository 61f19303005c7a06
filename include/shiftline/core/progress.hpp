// Progress of a long run: counters the pipeline updates and a display reads from another thread.
//
// Every field is atomic and updated coarsely (per block of records, per 65,536 rows, per vehicle),
// so the hot path pays nothing measurable. Nothing here reaches an output file: progress is for
// the person at the terminal only.
#pragma once

#include <atomic>
#include <cstdint>

namespace shiftline {

struct Progress {
  enum class Stage : std::uint8_t { reading, vehicles, matching, writing };
  std::atomic<Stage> stage{Stage::reading};
  std::atomic<std::uint64_t> bytes_total{0};  ///< of the ping files (0 when unknown)
  std::atomic<std::uint64_t> bytes_done{0};
  std::atomic<std::uint64_t> rows{0};         ///< ping rows read so far
  std::atomic<std::uint64_t> vehicles_total{0};
  std::atomic<std::uint64_t> vehicles_done{0};
};

}  // namespace shiftline
