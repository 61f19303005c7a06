// Diameter stops: MovingPandas 0.22.4 `TrajectoryStopDetector.get_stop_points(max_diameter,
// min_duration)` ported exactly (movingpandas/trajectory_stop_detector.py `_process_traj`,
// movingpandas/geometry_utils.py `mrr_diagonal`), with Shiftline's gap rule layered on top.
// docs/dwells.md ("Diameter method") states the rule; docs/validation.md compares the results with
// MovingPandas' own on real data.
//
// MovingPandas, per trajectory, keeps a window of consecutive pings ending at the current one:
//  1. append the ping; if the window is not stopped, drop pings from its front while more than 2
//     remain and the window spans at least min_duration (so it ends up spanning less, or 2 pings);
//  2. the window is stopped when it has at least 2 pings, the geodesic between the corners
//     (min lat, min lon) and (max lat, max lon) of its bounding box is below 1.5 * max_diameter
//     (a prefilter), and the diagonal of its minimum rotated rectangle, computed in lon/lat degrees
//     and measured from corner 0 to corner 2 as a geodesic, is below max_diameter (2 pings: their
//     geodesic distance);
//  3. if it is not stopped but was at the previous ping, and has at least 2 pings, the stop runs
//     from the window's first ping to the ping before this one; when that spans at least
//     min_duration it is emitted and the window restarts at this ping (otherwise it is kept whole
//     and trimmed at the next ping);
//  4. after the last ping, a window still stopped that spans at least min_duration is emitted.
// A stop's location is the per-axis median of its pings (summarise_median).
//
// Distances are geodesics on WGS84 through PROJ's geod_inverse, which is Karney's algorithm (Karney
// 2013, "Algorithms for geodesics"); MovingPandas measures with geopy's `distance.distance`, which
// is geopy's `geodesic`, also Karney's algorithm (geographiclib) on WGS84, so both agree to
// rounding (nanometres).
//
// Shiftline's gap rule: a silence longer than config.gap that cannot be bridged (longer than
// config.max_bridge, or the pings either side are more than config.max_diameter apart) splits the
// track, and the MovingPandas algorithm runs on each piece on its own. Silences longer than
// config.gap inside a stop were bridgeable; their total is Dwell::bridged_gap.
//
// ASYMPTOTIC BEHAVIOR: O(n * w log w) for n pings and windows of w pings. While a window is
// stopped it only grows, and its hull is updated from the previous hull plus the new ping, so a
// long stop costs O(h log h) per ping for a hull of h vertices, not O(w log w).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "min_rect_internal.hpp"
#include "shiftline/dwell/dwell.hpp"

namespace shiftline::dwell {
namespace detail {
namespace {

// ---- Exact arithmetic for the orientation predicate (Shewchuk 1997, "Adaptive Precision
// Floating-Point Arithmetic and Fast Robust Geometric Predicates"). Needs IEEE double arithmetic
// without contraction, which -ffp-contract=off guarantees; std::fma is an explicit, exact call.

void two_sum(double a, double b, double& sum, double& err) noexcept {
  sum = a + b;
  const double bv = sum - a;
  const double av = sum - bv;
  err = (a - av) + (b - bv);
}

void two_diff(double a, double b, double& diff, double& err) noexcept {
  diff = a - b;
  const double bv = a - diff;
  const double av = diff + bv;
  err = (a - av) + (bv - b);
}

void two_product(double a, double b, double& product, double& err) noexcept {
  product = a * b;
  err = std::fma(a, b, -product);
}

/// A nonoverlapping expansion, components in increasing magnitude, zeros eliminated.
class Expansion {
 public:
  /// Adds b exactly (GROW-EXPANSION-ZEROELIM).
  void add(double b) noexcept {
    double q = b;
    std::size_t out = 0;
    for (std::size_t i = 0; i < m_size; ++i) {
      double sum = 0.0;
      double err = 0.0;
      two_sum(q, m_c[i], sum, err);
      q = sum;
      if (err != 0.0) m_c[out++] = err;
    }
    if (q != 0.0) m_c[out++] = q;
    m_size = out;
  }
  /// Sign of the exact sum: that of the largest component.
  [[nodiscard]] int sign() const noexcept {
    if (m_size == 0) return 0;
    return m_c[m_size - 1] > 0.0 ? 1 : -1;
  }

 private:
  std::array<double, 20> m_c{};  // 16 additions add at most 16 components
  std::size_t m_size = 0;
};

}  // namespace

int orientation(XY a, XY b, XY c) noexcept {
  // Fast filter: Shewchuk's ccwerrboundA = (3 + 16 eps) eps with eps = 2^-53.
  constexpr double kErrBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53;
  const double det_left = (b.x - a.x) * (c.y - a.y);
  const double det_right = (b.y - a.y) * (c.x - a.x);
  const double det = det_left - det_right;
  const double bound = kErrBound * (std::fabs(det_left) + std::fabs(det_right));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  // Exact: each difference is split into value + rounding error, each product into 2 terms.
  std::array<double, 2> bax{};
  std::array<double, 2> cay{};
  std::array<double, 2> bay{};
  std::array<double, 2> cax{};
  two_diff(b.x, a.x, bax[0], bax[1]);
  two_diff(c.y, a.y, cay[0], cay[1]);
  two_diff(b.y, a.y, bay[0], bay[1]);
  two_diff(c.x, a.x, cax[0], cax[1]);
  Expansion sum;
  for (const double u : bax) {
    for (const double v : cay) {
      double product = 0.0;
      double err = 0.0;
      two_product(u, v, product, err);
      sum.add(err);
      sum.add(product);
    }
  }
  for (const double u : bay) {
    for (const double v : cax) {
      double product = 0.0;
      double err = 0.0;
      two_product(u, v, product, err);
      sum.add(-err);
      sum.add(-product);
    }
  }
  return sum.sign();
}

std::vector<XY> convex_hull(std::span<const XY> points) {
  std::vector<XY> p(points.begin(), points.end());
  std::sort(p.begin(), p.end(), [](XY a, XY b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
  p.erase(std::unique(p.begin(), p.end()), p.end());
  if (p.size() <= 2) return p;  // a point, or a line given by its ends, smallest (x, y) first

  // Andrew's monotone chain with exact orientation; collinear points are dropped (<= 0).
  std::vector<XY> h(2 * p.size());
  std::size_t k = 0;
  for (const XY q : p) {
    while (k >= 2 && orientation(h[k - 2], h[k - 1], q) <= 0) --k;
    h[k++] = q;
  }
  for (std::size_t i = p.size() - 1, lower = k + 1; i > 0; --i) {
    while (k >= lower && orientation(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);  // counter-clockwise from the smallest (x, y); the last point repeated the first
  if (h.size() == 2) return h;  // all collinear: the two extremes, smallest x (then y) first

  // GEOS order: clockwise, from the smallest y (then smallest x).
  std::reverse(h.begin(), h.end());
  const auto lowest = std::min_element(h.begin(), h.end(), [](XY a, XY b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  std::rotate(h.begin(), lowest, h.end());
  return h;
}

MinRotatedRect minimum_rotated_rectangle_of_hull(std::span<const XY> hull) {
  MinRotatedRect rect;
  if (hull.empty()) return rect;
  if (hull.size() == 1) {
    rect.kind = MinRotatedRect::Kind::point;
    rect.corner[0] = hull[0];
    return rect;
  }
  if (hull.size() == 2) {
    rect.kind = MinRotatedRect::Kind::line;
    rect.corner[0] = hull[0];
    rect.corner[1] = hull[1];
    return rect;
  }

  // shapely `_oriented_envelope_min_area`: one candidate per edge of the closed hull ring, in ring
  // order; Python's min() keeps the first of equal areas, hence the strict <.
  struct Frame {
    double ux = 0.0, uy = 0.0, vx = 0.0, vy = 0.0;
    double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  };
  Frame best;
  double best_area = std::numeric_limits<double>::infinity();
  const std::size_t h = hull.size();
  for (std::size_t i = 0; i < h; ++i) {
    const XY p1 = hull[i];
    const XY p2 = hull[(i + 1) % h];
    const double dx = p2.x - p1.x;
    const double dy = p2.y - p1.y;
    const double length = std::sqrt(dx * dx + dy * dy);
    Frame f;
    f.ux = dx / length;
    f.uy = dy / length;
    f.vx = -f.uy;  // the perpendicular, u turned counter-clockwise
    f.vy = f.ux;
    // affine_transform(hull, (ux, uy, vx, vy, 0, 0)).envelope
    f.min_x = f.min_y = std::numeric_limits<double>::infinity();
    f.max_x = f.max_y = -std::numeric_limits<double>::infinity();
    for (const XY p : hull) {
      const double x = f.ux * p.x + f.uy * p.y;
      const double y = f.vx * p.x + f.vy * p.y;
      f.min_x = std::min(f.min_x, x);
      f.max_x = std::max(f.max_x, x);
      f.min_y = std::min(f.min_y, y);
      f.max_y = std::max(f.max_y, y);
    }
    // GEOS's shoelace area of the envelope ring evaluates to exactly this product.
    const double area = (f.max_x - f.min_x) * (f.max_y - f.min_y);
    if (area < best_area) {
      best_area = area;
      best = f;
      rect.base_edge = i;
    }
  }
  // The envelope ring (minX minY, maxX minY, maxX maxY, minX maxY), rotated back with
  // affine_transform(rect, (ux, vx, uy, vy, 0, 0)).
  const std::array<XY, 4> envelope{XY{best.min_x, best.min_y}, XY{best.max_x, best.min_y},
                                   XY{best.max_x, best.max_y}, XY{best.min_x, best.max_y}};
  for (std::size_t k = 0; k < 4; ++k) {
    const XY e = envelope[k];
    rect.corner[k] = XY{best.ux * e.x + best.vx * e.y, best.uy * e.x + best.vy * e.y};
  }
  rect.kind = MinRotatedRect::Kind::polygon;
  rect.area = best_area;
  return rect;
}

MinRotatedRect minimum_rotated_rectangle(std::span<const XY> points) {
  const std::vector<XY> hull = convex_hull(points);
  return minimum_rotated_rectangle_of_hull(hull);
}

Meters mrr_diagonal_geodesic(const MinRotatedRect& rect) noexcept {
  const auto geo = [](XY p) { return LatLon::from_degrees(p.y, p.x); };
  switch (rect.kind) {
    case MinRotatedRect::Kind::line:
      return geodesic_distance(geo(rect.corner[0]), geo(rect.corner[1]));
    case MinRotatedRect::Kind::polygon:
      return geodesic_distance(geo(rect.corner[0]), geo(rect.corner[2]));
    default:
      return Meters{0.0};
  }
}

Meters bbox_diagonal_geodesic(std::span<const XY> points) noexcept {
  double min_x = points[0].x;
  double max_x = points[0].x;
  double min_y = points[0].y;
  double max_y = points[0].y;
  for (const XY p : points) {
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
  }
  return geodesic_distance(LatLon::from_degrees(min_y, min_x), LatLon::from_degrees(max_y, max_x));
}

}  // namespace detail

namespace {

using detail::XY;

/// The silence before track[k] splits the track: longer than the gap threshold and not bridgeable.
bool splits_before(const clean::Track& track, std::size_t k, const DwellConfig& config) {
  const Millis silence = track.time[k] - track.time[k - 1];
  if (silence <= config.gap) return false;
  return silence > config.max_bridge ||
         geodesic_distance(track.position[k - 1], track.position[k]) > config.max_diameter;
}

/// The convex hull of the window track[lo .. hi] (inclusive), updated ping by ping.
class WindowHull {
 public:
  explicit WindowHull(const clean::Track& track) : m_track(track) {}

  /// Makes the hull that of track[lo .. hi]. Adding the next ping to an unchanged front reuses
  /// the previous hull (hull(S + p) = hull(hull(S) + p)); anything else recomputes it.
  const std::vector<XY>& update(std::size_t lo, std::size_t hi) {
    m_points.clear();
    if (m_valid && lo == m_lo && hi == m_hi + 1) {
      m_points.assign(m_hull.begin(), m_hull.end());
    } else {
      for (std::size_t k = lo; k < hi; ++k) m_points.push_back(at(k));
    }
    m_points.push_back(at(hi));
    m_hull = detail::convex_hull(m_points);
    m_lo = lo;
    m_hi = hi;
    m_valid = true;
    return m_hull;
  }

 private:
  [[nodiscard]] XY at(std::size_t k) const { return XY{m_track.position[k].lon, m_track.position[k].lat}; }

  const clean::Track& m_track;
  std::vector<XY> m_points;
  std::vector<XY> m_hull;
  std::size_t m_lo = 0;
  std::size_t m_hi = 0;
  bool m_valid = false;
};

/// MovingPandas `_process_traj` on track[begin, end): appends its stops as (first, last) dwells.
void process_piece(const clean::Track& track, std::size_t begin, std::size_t end, const DwellConfig& config,
                   std::vector<Dwell>& stops) {
  const auto emit = [&stops](std::size_t first, std::size_t last) {
    Dwell d;
    d.first = first;
    d.last = last;
    stops.push_back(d);
  };
  const Meters prefilter = config.max_diameter * 1.5;
  WindowHull window(track);
  std::size_t lo = begin;  // the window is track[lo .. k]
  bool is_stopped = false;
  bool previously_stopped = false;
  for (std::size_t k = begin; k < end; ++k) {
    if (!is_stopped) {
      // Drop pings from the front while more than 2 remain and the window spans min_duration.
      while (k - lo + 1 > 2 && track.time[k] - track.time[lo] >= config.min_duration) ++lo;
    }
    const std::vector<XY>& hull = window.update(lo, k);
    is_stopped = false;
    if (k - lo + 1 > 1 && detail::bbox_diagonal_geodesic(hull) < prefilter &&
        detail::mrr_diagonal_geodesic(detail::minimum_rotated_rectangle_of_hull(hull)) < config.max_diameter)
      is_stopped = true;
    if (!is_stopped && previously_stopped && k - lo + 1 > 1) {
      // The stop ended at the previous ping.
      if (track.time[k - 1] - track.time[lo] >= config.min_duration) {
        emit(lo, k - 1);
        lo = k;
      }
    }
    previously_stopped = is_stopped;
  }
  if (is_stopped && track.time[end - 1] - track.time[lo] >= config.min_duration) emit(lo, end - 1);
}

}  // namespace

std::vector<Dwell> detect_diameter_stops(const clean::Track& track, const DwellConfig& config) {
  std::vector<Dwell> dwells;
  const std::size_t n = track.size();
  std::size_t begin = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    if (k == n || splits_before(track, k, config)) {
      process_piece(track, begin, k, config, dwells);
      begin = k;
    }
  }
  for (Dwell& d : dwells) {
    for (std::size_t k = d.first + 1; k <= d.last; ++k) {
      const Millis silence = track.time[k] - track.time[k - 1];
      if (silence > config.gap) d.bridged_gap += silence;
    }
    summarise_median(track, d);
  }
  return dwells;
}

}  // namespace shiftline::dwell
