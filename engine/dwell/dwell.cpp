#include <algorithm>
#include <cmath>
#include <vector>

#include "shiftline/dwell/dwell.hpp"

namespace shiftline::dwell {
namespace {

void fill_radius(const clean::Track& track, Dwell& dwell) {
  // The geodesic is exact but costs about a microsecond; the local frame ranks the pings by
  // distance (error < 0.1%), and only those that could be the farthest are measured exactly.
  const LocalFrame frame = LocalFrame::at(dwell.location.lat);
  double max_local2 = 0.0;
  for (std::size_t k = dwell.first; k <= dwell.last; ++k)
    max_local2 = std::max(max_local2, frame.distance2(dwell.location, track.position[k]));
  const double threshold = std::sqrt(max_local2) * 0.99;
  Meters radius{0.0};
  for (std::size_t k = dwell.first; k <= dwell.last; ++k)
    if (std::sqrt(frame.distance2(dwell.location, track.position[k])) >= threshold)
      radius = std::max(radius, geodesic_distance(dwell.location, track.position[k]));
  dwell.radius = radius;
}

}  // namespace

std::vector<Dwell> detect_dwells(const clean::Track& track, const DwellConfig& config) {
  return config.method == Method::stay_point ? detect_stay_points(track, config)
                                             : detect_diameter_stops(track, config);
}

void summarise_mean(const clean::Track& track, Dwell& dwell) {
  // Longitudes are averaged as offsets from the first ping, so a dwell on the antimeridian works.
  const LatLon origin = track.position[dwell.first];
  double lat = 0.0;
  double dlon = 0.0;
  for (std::size_t k = dwell.first; k <= dwell.last; ++k) {
    lat += track.position[k].lat;
    dlon += wrap_longitude(track.position[k].lon - origin.lon);
  }
  const auto count = static_cast<double>(dwell.last - dwell.first + 1);
  dwell.location = LatLon::from_degrees(lat / count, wrap_longitude(origin.lon + dlon / count));
  fill_radius(track, dwell);
}

void summarise_median(const clean::Track& track, Dwell& dwell) {
  // Per-axis median as MovingPandas' get_stop_points (pandas median: mean of the two middle values).
  std::vector<double> lats;
  std::vector<double> lons;
  for (std::size_t k = dwell.first; k <= dwell.last; ++k) {
    lats.push_back(track.position[k].lat);
    lons.push_back(track.position[k].lon);
  }
  const auto median = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
  };
  const double lat = median(lats);
  const double lon = median(lons);
  dwell.location = LatLon::from_degrees(lat, lon);
  fill_radius(track, dwell);
}

}  // namespace shiftline::dwell
