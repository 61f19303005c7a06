// Minimum rotated rectangle of a planar point set, ported from shapely so that the diameter
// detector measures what MovingPandas measures (docs/dwells.md, "Diameter method").
//
// MovingPandas' `mrr_diagonal` takes shapely's `minimum_rotated_rectangle` of the window's pings
// and measures from exterior coordinate 0 to coordinate 2. Which diagonal that is depends on how
// shapely builds the rectangle, and it matters: the rectangle is built in degrees, and on the ground
// its two diagonals differ (a degree of longitude is shorter than a degree of latitude). Shapely
// has two implementations:
//  - with GEOS < 3.12 (shapely 1.8; shapely 2.0 wheels, built with GEOS 3.11), its own
//    Python `_oriented_envelope_min_area`: for each edge of the convex hull, in hull order, rotate
//    the hull into the frame (u along the edge, v = u turned 90 degrees counter-clockwise), take its
//    axis-aligned envelope, keep the first edge whose envelope has the smallest area, and rotate the
//    envelope (minX minY, maxX minY, maxX maxY, minX maxY) back;
//  - with GEOS >= 3.12, GEOS `MinimumAreaRectangle`, whose corner 0 -> 2 is the OTHER diagonal of
//    the same rectangle (its corners start at the base edge's first vertex and run clockwise).
// The MovingPandas 0.22.4 stop lists in the shared data (docs/validation.md) are reproduced by the
// first and not by the second (e.g. AIS ship 265550210: 99.57 m versus 154.58 m for the window
// that decides its stop's end), so this port implements the first.
//
// The convex hull follows GEOS `ConvexHull`, which shapely calls in both cases: strictly convex
// vertices (collinear and repeated points dropped), clockwise, starting at the lowest point
// (smallest y, then smallest x). Orientation tests are exact (Shewchuk-style expansion arithmetic),
// as GEOS's are robust (double-double).
//
// NON-BIT-EXACT: numpy may evaluate the rotation u.x * x + u.y * y with a fused multiply-add where
// this port does not; the corners then differ in the last bit (far below a nanometre on the
// ground), which can only matter for a diagonal within a nanometre of the threshold.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "shiftline/core/geo.hpp"

namespace shiftline::dwell::detail {

/// A planar point. For the diameter detector x = longitude and y = latitude in degrees, used as
/// plain Cartesian numbers (no wrapping at the antimeridian), exactly as MovingPandas does.
struct XY {
  double x = 0.0;
  double y = 0.0;
  friend constexpr bool operator==(XY, XY) noexcept = default;
};

/// Exact orientation of c relative to the directed line a -> b: +1 left (counter-clockwise),
/// -1 right (clockwise), 0 collinear. Same convention as GEOS `Orientation::index`.
[[nodiscard]] int orientation(XY a, XY b, XY c) noexcept;

/// Convex hull in GEOS order: the strictly convex vertices, clockwise, starting at the vertex with
/// the smallest y (then smallest x); not closed. Degenerate sets: empty -> empty; all points equal
/// -> that point; all points collinear -> the two extreme points, smallest (x, y) first (GEOS
/// starts at the lowest; only the distance between them is used, and the geodesic is symmetric).
/// O(n log n).
[[nodiscard]] std::vector<XY> convex_hull(std::span<const XY> points);

/// What shapely's `minimum_rotated_rectangle` returns.
struct MinRotatedRect {
  enum class Kind : std::uint8_t { empty, point, line, polygon };
  Kind kind = Kind::empty;
  /// point: corner[0]; line: corner[0], corner[1] (its ends); polygon: the envelope corners
  /// (minX minY), (maxX minY), (maxX maxY), (minX maxY) in the frame of the chosen hull edge,
  /// rotated back (the order of shapely's exterior ring, which is counter-clockwise).
  std::array<XY, 4> corner{};
  /// polygon: index of the chosen hull edge (hull[i] -> hull[i + 1]); 0 otherwise.
  std::size_t base_edge = 0;
  /// polygon: the envelope area in the edge's frame, squared input units; 0 otherwise.
  double area = 0.0;
};

/// Minimum-area rectangle of a convex hull as `convex_hull` returns it (shapely's
/// `_oriented_envelope_min_area`). O(h^2) for h hull vertices, as shapely.
[[nodiscard]] MinRotatedRect minimum_rotated_rectangle_of_hull(std::span<const XY> hull);

/// Minimum-area rectangle of any point set (convex_hull, then the above).
[[nodiscard]] MinRotatedRect minimum_rotated_rectangle(std::span<const XY> points);

/// MovingPandas `mrr_diagonal(geom, spherical=True)` for a rectangle whose x/y are lon/lat
/// degrees: 0 for a point, the geodesic between the ends for a line, the geodesic from corner 0
/// to corner 2 for a polygon. (For exactly two pings MovingPandas measures the geodesic between
/// them; their hull is that line or point, so this gives the same value.)
[[nodiscard]] Meters mrr_diagonal_geodesic(const MinRotatedRect& rect) noexcept;

/// The geodesic between the corners (min lat, min lon) and (max lat, max lon) of the points'
/// bounding box: MovingPandas' cheap prefilter, which skips the rectangle when this is at least
/// 1.5 * max_diameter. Precondition: `points` not empty.
[[nodiscard]] Meters bbox_diagonal_geodesic(std::span<const XY> points) noexcept;

}  // namespace shiftline::dwell::detail
