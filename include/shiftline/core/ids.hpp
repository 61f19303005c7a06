// Interned identifiers: each distinct vehicle id string is stored once and referred to by a
// dense 32-bit index, so the ping columns hold no strings (docs/conventions.md, 2; docs/architecture.md, "Data flow and memory").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shiftline {

/// Dense index of an interned vehicle id. Indices follow first appearance in the input, which is
/// not a stable order: sort by name (VehicleRegistry::sorted()) before anything reaches output.
using VehicleIndex = std::uint32_t;

class VehicleRegistry {
 public:
  /// Index of `name`, adding it when new. Amortised O(1); the last hit is cached because pings of
  /// one vehicle often come in runs.
  VehicleIndex intern(std::string_view name);
  [[nodiscard]] const std::string& name(VehicleIndex index) const { return m_names.at(index); }
  [[nodiscard]] std::size_t size() const noexcept { return m_names.size(); }
  /// Lookup without adding; returns size() when absent.
  [[nodiscard]] VehicleIndex find(std::string_view name) const;
  /// Indices ordered by name (bytewise), the order of every output.
  [[nodiscard]] std::vector<VehicleIndex> sorted() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, VehicleIndex, Hash, std::equal_to<>> m_index;
  std::vector<std::string> m_names;
  VehicleIndex m_last = 0;
  bool m_has_last = false;
};

}  // namespace shiftline
