// Identifiers and indices.
//
// Interned identifiers: each distinct vehicle id string is stored once and referred to by a
// dense 32-bit index, so the ping columns hold no strings (docs/conventions.md, 2;
// docs/architecture.md, "Data flow and memory").
//
// Tagged indices: a row of one table is referred to by an index whose type names the table
// (PlaceIndex, IncidentIndex, EventIndex, ShiftIndex), so an index into one table cannot be used
// for another, nor an integer for any of them, without a visible conversion.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shiftline {

/// A position in one table, tagged with the table (the idea of OSRM's util/alias.hpp): made from
/// an integer only explicitly, read back through `value`; ordered like the integer. Indices into
/// different tables are different types, so they neither compare nor convert to each other.
template <class Tag>
struct Index {
  std::uint32_t value = 0;
  constexpr Index() noexcept = default;
  constexpr explicit Index(std::uint32_t v) noexcept : value(v) {}
  friend constexpr auto operator<=>(Index, Index) noexcept = default;
};

struct PlaceTag;
struct IncidentTag;
struct EventTag;
struct ShiftTag;
/// Index into ingest::CaseTables::places (ordered by place_id).
using PlaceIndex = Index<PlaceTag>;
/// Index into ingest::CaseTables::incidents (ordered by opened, then incident_id).
using IncidentIndex = Index<IncidentTag>;
/// Index into ingest::CaseTables::events (ordered by officer_id, time, source row).
using EventIndex = Index<EventTag>;
/// Index into duty::Roster::shifts (ordered by officer_id, start, shift_id).
using ShiftIndex = Index<ShiftTag>;

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
