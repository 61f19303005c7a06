#include "support/peer_stops.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/track_builder.hpp"

namespace shiftline::test {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

}  // namespace

std::vector<PeerStop> read_peer_stops(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "vehicle_id,start,end,duration_s,lat,lon") << path;
  std::vector<PeerStop> stops;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = split_csv_line(line);
    if (f.size() != 6) {
      ADD_FAILURE() << path << ": bad line " << line;
      continue;
    }
    PeerStop s{f[0], at(f[1]), at(f[2]), std::stod(f[3]), std::nullopt};
    if (!f[4].empty() && !f[5].empty()) s.location = LatLon::from_degrees(std::stod(f[4]), std::stod(f[5]));
    stops.push_back(s);
  }
  return stops;
}

}  // namespace shiftline::test
