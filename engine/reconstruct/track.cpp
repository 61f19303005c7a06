#include "shiftline/reconstruct/track.hpp"

#include <algorithm>

namespace shiftline::reconstruct {

std::vector<Gap> find_gaps(const Track& track, const GapConfig& config) {
  std::vector<Gap> gaps;
  for (std::size_t i = 0; i + 1 < track.size(); ++i)
    if (track.time[i + 1] - track.time[i] > config.gap) gaps.push_back(Gap{i});
  return gaps;
}

std::optional<Position> position_at(const Track& track, Instant t, const GapConfig& config) {
  if (track.empty() || t < track.time.front() || t > track.time.back()) return std::nullopt;
  const auto it = std::lower_bound(track.time.begin(), track.time.end(), t);
  const auto after = static_cast<std::size_t>(it - track.time.begin());
  Position p;
  if (*it == t) {
    p.before = p.after = after;
    p.at = track.position[after];
    return p;
  }
  p.before = after - 1;
  p.after = after;
  const double span = std::chrono::duration<double>(track.time[p.after] - track.time[p.before]).count();
  const double f = std::chrono::duration<double>(t - track.time[p.before]).count() / span;
  const LatLon a = track.position[p.before];
  const LatLon b = track.position[p.after];
  const double lon = wrap_longitude(a.lon + f * wrap_longitude(b.lon - a.lon));
  p.at = LatLon::from_degrees(a.lat + f * (b.lat - a.lat), lon);
  p.from_before = geodesic_distance(p.at, a);
  p.to_after = geodesic_distance(p.at, b);
  p.in_gap = track.time[p.after] - track.time[p.before] > config.gap;
  return p;
}

}  // namespace shiftline::reconstruct
