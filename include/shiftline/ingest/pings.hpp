// Pings in columns (structure of arrays): one entry per accepted input row, in input order.
//
// Memory per ping: 8 (time) + 4 + 4 (lat/lon at 1e-7 degrees) + 4 (vehicle) + 4 (line) + 2 (file)
// = 26 bytes, plus 4 per optional column present in the input. Strings never appear per ping:
// vehicle ids are interned in `vehicles`.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/provenance.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::ingest {

inline constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

/// Optional per-ping values. A column is empty when no input had it; NaN (or -1 for ignition)
/// marks a row without a value.
struct OptionalColumns {
  std::vector<float> accuracy_m;   ///< horizontal accuracy, metres (1 sigma as reported)
  std::vector<float> speed_kmh;    ///< reported speed, km/h
  std::vector<float> heading_deg;  ///< reported heading, degrees clockwise from north
  std::vector<std::int8_t> ignition;  ///< 1 on, 0 off, -1 unknown
};

struct PingTable {
  std::vector<Instant> time;
  std::vector<std::int32_t> lat_e7;
  std::vector<std::int32_t> lon_e7;
  std::vector<VehicleIndex> vehicle;
  std::vector<std::uint32_t> line;
  std::vector<std::uint16_t> file;
  OptionalColumns optional;
  VehicleRegistry vehicles;

  [[nodiscard]] std::size_t size() const noexcept { return time.size(); }
  [[nodiscard]] LatLon position(std::size_t i) const noexcept {
    return LatLon::from_degrees(from_e7(lat_e7[i]), from_e7(lon_e7[i]));
  }
  [[nodiscard]] SourceRef source(std::size_t i) const noexcept { return SourceRef{file[i], line[i]}; }
  void reserve(std::size_t n);
  /// Appends another table's rows (vehicle ids re-interned here), e.g. a block parsed on another
  /// thread. Optional columns present on one side only are padded with missing values.
  void append(const PingTable& part);
};

}  // namespace shiftline::ingest
