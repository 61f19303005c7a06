// Test fixtures in text (docs/conventions.md, 9): an ASCII map names places on a grid of known
// cell size, and a track text such as "A@08:00 A@08:25 1@08:31 B@08:40" turns into pings.
//
// Positions are placed with the geodesic direct problem (PROJ geod_direct), not with the engine's
// local frame, so tests that measure distances check the engine against an independent method.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::test {

/// The point `east_m` east and `north_m` north of `origin` (two geodesic steps: north, then east).
[[nodiscard]] LatLon offset(LatLon origin, double east_m, double north_m);

/// Parses an ISO 8601 instant with offset or Z; aborts the test on bad text.
[[nodiscard]] Instant at(std::string_view iso);

/// A grid whose characters are cells `cell_m` metres wide; any non-space, non-'.' character names
/// the cell's centre. Row 0 is the top (north). The origin (top-left cell) is `origin`.
class AsciiMap {
 public:
  AsciiMap(std::string_view grid, double cell_m, LatLon origin = LatLon::from_degrees(51.5, -0.12));
  [[nodiscard]] LatLon operator[](char name) const;

 private:
  std::map<char, LatLon> m_points;
};

/// Builds a Track from "A@08:00 B@08:05:30 ..." on `day` (YYYY-MM-DD, UTC). Ping indices are
/// 0..n-1 in text order. Times must increase.
[[nodiscard]] clean::Track make_track(const AsciiMap& map, std::string_view pings, std::string_view day = "2024-01-15");

/// A Track from explicit positions and times.
[[nodiscard]] clean::Track make_track(const std::vector<LatLon>& positions, const std::vector<Instant>& times);

}  // namespace shiftline::test
