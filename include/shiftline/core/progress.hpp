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
  /// matching: after every vehicle's dwells are matched, the findings and their robustness grid.
  enum class Stage : std::uint8_t { reading, vehicles, matching, writing };
  std::atomic<Stage> stage{Stage::reading};
  std::atomic<std::uint64_t> bytes_total{0};  ///< of the ping files (0 when unknown)
  std::atomic<std::uint64_t> bytes_done{0};
  std::atomic<std::uint64_t> rows{0};         ///< ping rows read so far
  std::atomic<std::uint64_t> vehicles_total{0};
  std::atomic<std::uint64_t> vehicles_done{0};
  /// While writing: the output being built and written ("report.gpkg"; text with static storage,
  /// null between outputs) and, for an output written in parts (a GeoPackage's layers), the part
  /// (static text), its number from 1 and the number of parts, and the items (features) so far.
  std::atomic<const char*> output{nullptr};
  std::atomic<const char*> output_part{nullptr};
  std::atomic<std::uint32_t> output_part_number{0};
  std::atomic<std::uint32_t> output_parts{0};
  std::atomic<std::uint64_t> output_items{0};

  /// Marks the start of building `name` (a string literal or other static text).
  void begin_output(const char* name) noexcept {
    output_part.store(nullptr, std::memory_order_relaxed);
    output_part_number.store(0, std::memory_order_relaxed);
    output_parts.store(0, std::memory_order_relaxed);
    output_items.store(0, std::memory_order_relaxed);
    output.store(name, std::memory_order_relaxed);
  }
  /// Marks the start of part `number` (from 1) of `parts` of the current output.
  void begin_part(const char* name, std::uint32_t number, std::uint32_t parts) noexcept {
    output_part_number.store(number, std::memory_order_relaxed);
    output_parts.store(parts, std::memory_order_relaxed);
    output_part.store(name, std::memory_order_relaxed);
  }
};

}  // namespace shiftline
