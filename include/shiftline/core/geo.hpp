// Coordinates, distances and speeds.
//
// LatLon is WGS84 latitude/longitude in degrees; it is valid when latitude is in [-90, 90] and
// longitude in [-180, 180]. Input that has not been checked is RawLatLon; check() makes a LatLon
// or says why not. Metres are their own type so that a distance cannot be confused with degrees,
// and a Speed holds metres per second so that km/h cannot be mistaken for it.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <optional>

namespace shiftline {

/// A length in metres.
struct Meters {
  double value = 0.0;
  constexpr explicit Meters(double v = 0.0) noexcept : value(v) {}
  friend constexpr auto operator<=>(Meters, Meters) noexcept = default;
  friend constexpr Meters operator+(Meters a, Meters b) noexcept { return Meters{a.value + b.value}; }
  friend constexpr Meters operator-(Meters a, Meters b) noexcept { return Meters{a.value - b.value}; }
  friend constexpr Meters operator*(Meters a, double k) noexcept { return Meters{a.value * k}; }
};

/// A speed (a speed bound, or the fastest a vehicle was seen to move) in metres per second.
struct Speed {
  double metres_per_second = 0.0;
  [[nodiscard]] static constexpr Speed from_kmh(double kmh) noexcept { return Speed{kmh / 3.6}; }
  [[nodiscard]] constexpr double kmh() const noexcept { return metres_per_second * 3.6; }
};

/// A checked WGS84 position in degrees.
struct LatLon {
  double lat = 0.0;  ///< degrees north, [-90, 90]
  double lon = 0.0;  ///< degrees east, [-180, 180]
  static constexpr LatLon from_degrees(double lat_deg, double lon_deg) noexcept {
    return LatLon{lat_deg, lon_deg};
  }
  friend constexpr bool operator==(LatLon, LatLon) noexcept = default;
};

/// A position read from input, not yet range-checked.
struct RawLatLon {
  double lat = 0.0;
  double lon = 0.0;
};

enum class CoordinateProblem : std::uint8_t { none, not_finite, out_of_range, null_island };

/// Range check: finite, lat in [-90,90], lon in [-180,180], and not exactly (0,0), which is what
/// receivers without a fix report ("null island").
[[nodiscard]] constexpr CoordinateProblem check(RawLatLon raw) noexcept {
  if (!std::isfinite(raw.lat) || !std::isfinite(raw.lon)) return CoordinateProblem::not_finite;
  if (raw.lat < -90.0 || raw.lat > 90.0 || raw.lon < -180.0 || raw.lon > 180.0)
    return CoordinateProblem::out_of_range;
  if (raw.lat == 0.0 && raw.lon == 0.0) return CoordinateProblem::null_island;
  return CoordinateProblem::none;
}

/// A longitude (or longitude difference) in degrees brought into [-180, 180), so that arithmetic
/// across the antimeridian takes the short way. Exact for |degrees| < 540.
[[nodiscard]] constexpr double wrap_longitude(double degrees) noexcept {
  if (degrees >= 180.0) return degrees - 360.0;
  if (degrees < -180.0) return degrees + 360.0;
  return degrees;
}

/// Compact storage: degrees * 1e7 in int32 (resolution about 1.1 cm), exactly what a 7-decimal
/// text holds. Arithmetic is always done on doubles.
inline constexpr double kE7 = 1e7;
[[nodiscard]] inline std::int32_t to_e7(double degrees) noexcept {
  return static_cast<std::int32_t>(std::llround(degrees * kE7));
}
[[nodiscard]] constexpr double from_e7(std::int32_t e7) noexcept { return static_cast<double>(e7) / kE7; }

/// Geodesic distance on the WGS84 ellipsoid (Karney 2013, through PROJ's geodesic API); accurate
/// to nanometres. Use for every distance that is reported.
[[nodiscard]] Meters geodesic_distance(LatLon a, LatLon b) noexcept;

/// Local metric frame around a reference latitude: east/north metres from degree differences,
/// using the WGS84 meridional and prime-vertical radii of curvature at that latitude. Within
/// 0.1% of the geodesic up to 10 km (tests/unit/core/geo_test.cpp measures it); for the hot path.
/// Longitude differences are wrapped into [-180, 180) so tracks across the antimeridian work.
struct LocalFrame {
  double metres_per_deg_lat = 0.0;
  double metres_per_deg_lon = 0.0;
  [[nodiscard]] static LocalFrame at(double lat_deg) noexcept;
  [[nodiscard]] double east(double dlon_deg) const noexcept { return wrap_longitude(dlon_deg) * metres_per_deg_lon; }
  [[nodiscard]] double north(double dlat_deg) const noexcept { return dlat_deg * metres_per_deg_lat; }
  /// Squared planar distance in m^2 between two positions near the frame's latitude.
  [[nodiscard]] double distance2(LatLon a, LatLon b) const noexcept {
    const double dx = east(b.lon - a.lon);
    const double dy = north(b.lat - a.lat);
    return dx * dx + dy * dy;
  }
};

/// Fast approximate distance: a LocalFrame at the mean latitude of the two points.
[[nodiscard]] Meters local_distance(LatLon a, LatLon b) noexcept;

/// Exactly `geodesic_distance(a, b) <= r`, mostly without the geodesic: local_distance decides
/// when it lies more than 1% inside or outside `r`, ten times its error bound where that bound is
/// measured (0.1% up to 10 km, latitudes within 70 degrees of the equator); anywhere else, and
/// within 1% of `r`, the geodesic decides. For the many neighbour tests of clustering.
[[nodiscard]] bool geodesic_within(LatLon a, LatLon b, Meters r) noexcept;

}  // namespace shiftline
