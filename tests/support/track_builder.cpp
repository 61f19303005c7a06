#include "support/track_builder.hpp"

#include <geodesic.h>
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace shiftline::test {

LatLon offset(LatLon origin, double east_m, double north_m) {
  geod_geodesic g{};
  geod_init(&g, 6378137.0, 1.0 / 298.257223563);
  double lat1 = 0, lon1 = 0, lat2 = 0, lon2 = 0;
  geod_direct(&g, origin.lat, origin.lon, north_m >= 0 ? 0.0 : 180.0, std::abs(north_m), &lat1, &lon1, nullptr);
  geod_direct(&g, lat1, lon1, east_m >= 0 ? 90.0 : -90.0, std::abs(east_m), &lat2, &lon2, nullptr);
  return LatLon::from_degrees(lat2, lon2);
}

Instant at(std::string_view iso) {
  const CivilParse p = parse_iso8601(iso);
  if (!p.ok()) throw std::invalid_argument("bad test time: " + std::string(iso));
  return to_instant(p.time);
}

AsciiMap::AsciiMap(std::string_view grid, double cell_m, LatLon origin) {
  std::size_t row = 0;
  std::size_t col = 0;
  for (const char c : grid) {
    if (c == '\n') {
      ++row;
      col = 0;
      continue;
    }
    if (c != ' ' && c != '.')
      m_points[c] = offset(origin, static_cast<double>(col) * cell_m, -static_cast<double>(row) * cell_m);
    ++col;
  }
}

LatLon AsciiMap::operator[](char name) const {
  const auto it = m_points.find(name);
  if (it == m_points.end()) throw std::invalid_argument(std::string("no point '") + name + "' on the map");
  return it->second;
}

clean::Track make_track(const AsciiMap& map, std::string_view pings, std::string_view day) {
  std::vector<LatLon> positions;
  std::vector<Instant> times;
  std::istringstream in{std::string(pings)};
  std::string token;
  while (in >> token) {
    const auto atpos = token.find('@');
    if (atpos != 1) throw std::invalid_argument("bad ping token: " + token);
    std::string clock = token.substr(2);
    if (clock.size() == 5) clock += ":00";
    positions.push_back(map[token[0]]);
    times.push_back(at(std::string(day) + "T" + clock + "Z"));
  }
  return make_track(positions, times);
}

clean::Track make_track(const std::vector<LatLon>& positions, const std::vector<Instant>& times) {
  clean::Track track;
  track.position = positions;
  track.time = times;
  for (std::size_t i = 0; i < positions.size(); ++i) track.ping.push_back(static_cast<std::uint32_t>(i));
  return track;
}

}  // namespace shiftline::test
