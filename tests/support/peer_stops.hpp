// Stop lists written by other tools (MovingPandas, trackintel, scikit-mobility) in the shared real
// data: `vehicle_id,start,end,duration_s,lat,lon` (../shared/data/real/README.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::test {

struct PeerStop {
  std::string vehicle;
  Instant start;
  Instant end;
  double duration_s = 0.0;
  std::optional<LatLon> location;  ///< empty where the list gives none (trackintel's expected list)
};

/// Reads a peer stop list; a malformed header or line is a test failure (ADD_FAILURE), not a crash.
[[nodiscard]] std::vector<PeerStop> read_peer_stops(const std::filesystem::path& path);

}  // namespace shiftline::test
