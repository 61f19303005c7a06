#include "shiftline/core/geo.hpp"

#include <geodesic.h>

#include <numbers>

namespace shiftline {
namespace {

constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1.0 / 298.257223563;

const geod_geodesic& wgs84() noexcept {
  static const geod_geodesic g = [] {
    geod_geodesic init{};
    geod_init(&init, kWgs84A, kWgs84F);
    return init;
  }();
  return g;
}

constexpr double kDegToRad = std::numbers::pi / 180.0;

}  // namespace

Meters geodesic_distance(LatLon a, LatLon b) noexcept {
  double s12 = 0.0;
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
  return Meters{s12};
}

LocalFrame LocalFrame::at(double lat_deg) noexcept {
  // Radii of curvature of the WGS84 ellipsoid: meridional M and prime vertical N.
  const double e2 = kWgs84F * (2.0 - kWgs84F);
  const double phi = lat_deg * kDegToRad;
  const double s = std::sin(phi);
  const double w2 = 1.0 - e2 * s * s;
  const double w = std::sqrt(w2);
  const double n = kWgs84A / w;
  const double m = kWgs84A * (1.0 - e2) / (w2 * w);
  return LocalFrame{m * kDegToRad, n * std::cos(phi) * kDegToRad};
}

Meters local_distance(LatLon a, LatLon b) noexcept {
  const LocalFrame frame = LocalFrame::at(0.5 * (a.lat + b.lat));
  return Meters{std::sqrt(frame.distance2(a, b))};
}

bool geodesic_within(LatLon a, LatLon b, Meters r) noexcept {
  constexpr double kMargin = 1.01;  // local_distance is within 0.1% where it decides
  if (std::abs(a.lat) <= 70.0 && std::abs(b.lat) <= 70.0) {
    const double approx = local_distance(a, b).value;
    if (approx <= 10'000.0) {
      if (approx * kMargin < r.value) return true;
      if (approx > r.value * kMargin) return false;
    }
  }
  return geodesic_distance(a, b) <= r;
}

}  // namespace shiftline
