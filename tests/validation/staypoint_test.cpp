// Validation of the stay-point detector against trackintel and scikit-mobility (docs/validation.md,
// "Stay-point method vs trackintel and scikit-mobility").
//
// Peer lists (`<folder>/peer/*.csv`, columns vehicle_id,start,end,duration_s,lat,lon):
//   - trackintel-expected__sliding_d25m_t5min_gap1e6min: trackintel's own expected staypoints for
//     geolife_trackintel_long (generate_staypoints(method="sliding", dist_threshold=25,
//     time_threshold=5, gap_threshold=1e6), include_last=False; SOURCE.md of that folder);
//   - skmob__r25m_t5min_gap1e6min and skmob__r100m_t5min_gap15min: scikit-mobility 1.3.0
//     stay_locations(spatial_radius_km, minutes_for_a_stop, no_data_for_minutes) (the .meta.json).
//
// trackintel follows Li et al. (2008), scikit-mobility Ramaswamy and Toyama (2004); both, like
// Shiftline, grow a window from an anchor ping, with different rules (read from their source: mie-lab/trackintel
// trackintel/preprocessing/positionfixes.py
// `_generate_staypoints_sliding_user` and trackintel/geogr haversine_dist; scikit-mobility
// skmob/preprocessing/detection.py `_stay_locations_array` and skmob/utils/gislib.py
// `getDistanceByHaversine`). From an anchor ping a, every peer and Shiftline find the same first
// ping c farther than the radius from a (up to the distance: the peers use a sphere of radius
// 6,371 km, Shiftline the WGS84 geodesic). Then:
//   - the peer has a stay when t[c] - t[a] >= T (trackintel) or > T (scikit-mobility); its pings
//     are a..c-1 and it ends at t[c], the first ping OUTSIDE; the next anchor is c, stay or not;
//   - Shiftline has a dwell when c-1 > a and t[c-1] - t[a] >= T; it ends at t[c-1], the last ping
//     inside; the next anchor is c after a dwell and a+1 otherwise (docs/dwells.md).
// So at a shared anchor a Shiftline dwell implies a peer stay with the same first ping, ending one
// ping later, and duration_peer - duration_ours = t[c] - t[c-1]. The converse fails when the
// observed span t[c-1] - t[a] is below T (the peer counts the silence or the travel up to the
// first ping outside), and after such an anchor the two anchor sequences differ: the peer jumps
// to c, Shiftline tries a+1, a+2, ... . End and gap rules: trackintel drops a window still open at
// the last ping (include_last=False); scikit-mobility keeps it, ending at the last ping (which it
// leaves out of the median); scikit-mobility drops a stay that runs into a silence longer than
// `no_data_for_minutes` and restarts after it. Shiftline is run with `gap` = the peer's gap
// threshold and `max_bridge` = 0 (never bridge: neither peer does) when the peer has one, and with
// no gap rule when its threshold is 1e6 minutes.
//
// Asserted, per data set and peer list:
//   1. a replica of the peer's loop (below, written from its source) run on our cleaned track
//      reproduces the peer list exactly: every start and end, and for scikit-mobility the location
//      (per-axis median of pings a..c-1) within 5 cm (the CSV prints 7 decimals). The replica's
//      anchors, including those that gave no stay, are then used to name causes;
//   2. per anchor, through the library: for every peer stay (a, c), detect_stay_points on the
//      pings a..c alone has a dwell starting at a exactly when c-1 > a and t[c-1] - t[a] >= T,
//      ending at the ping just before c (at c when scikit-mobility's stay ends at a last ping still
//      inside), and then duration_peer - duration_ours = t[c] - t[c-1] exactly;
//   3. sphere vs geodesic: at every anchor of the peer and every dwell anchor of ours the first
//      ping outside is found by both distances, and both distances of the deciding ping are
//      computed (the closest to the radius is printed). The peer's replica is rerun with the
//      geodesic: a peer stay that changes makes a `metric_flip` difference, reported with both
//      distances of the ping where the two anchor chains part. Shiftline's decision at each of its
//      anchors is redone with the sphere and must not change (it does not on these data);
//   4. full pipeline (ingest, clean, detect_stay_points with the peer's radius and duration): a
//      peer stay matches a Shiftline dwell with the same first ping and the last ping as in 2
//      (times identical to the millisecond). Every stay on one side only gets a cause computed
//      from the rules above (Cause) and must be listed with that cause in kKnownDifferences; a
//      listed difference that no longer occurs fails the test, and so does an unexplained one.
//
// When ${SHIFTLINE_SHARED_DIR}/data/real is missing the tests are skipped (GTEST_SKIP).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "support/peer_stops.hpp"
#include "support/track_builder.hpp"

namespace shiftline::dwell {
namespace {

namespace fs = std::filesystem;

const fs::path kRealData = fs::path(SHIFTLINE_SHARED_DIR) / "data" / "real";

/// The peer's median and the median of the same pings of our track: the peer CSV prints at most
/// 7 decimals (about 1 cm).
constexpr Meters kLocationTolerance{0.05};

/// "No gap rule": about 3,000 years.
constexpr Millis kNoGap{std::numeric_limits<Millis::rep>::max() / 4};

enum class Peer : std::uint8_t { trackintel, skmob };

// ---------------------------------------------------------------------------------------------
// The peers' distances, written as their Python source evaluates them (same operations in the same
// order, no contraction: the project builds with -ffp-contract=off).

/// trackintel haversine_dist(lon_1, lat_1, lon_2, lat_2, r=6371000, float_flag=True): metres,
/// spherical law of cosines through acos. math.radians(x) is x * (pi / 180).
double trackintel_haversine_m(LatLon a, LatLon b) {
  constexpr double kDegToRad = std::numbers::pi / 180.0;
  const double lon_1 = a.lon * kDegToRad;
  const double lat_1 = a.lat * kDegToRad;
  const double lon_2 = b.lon * kDegToRad;
  const double lat_2 = b.lat * kDegToRad;
  const double cos_lat2 = std::cos(lat_2);
  const double cos_lat1 = std::cos(lat_1);
  const double cos_lat_d = std::cos(lat_1 - lat_2);
  const double cos_lon_d = std::cos(lon_1 - lon_2);
  return 6371000.0 * std::acos(cos_lat_d - cos_lat1 * cos_lat2 * (1.0 - cos_lon_d));
}

/// scikit-mobility gislib.getDistanceByHaversine((lat1, lon1), (lat2, lon2)): kilometres, earth
/// radius 6371.0 km; degrees to radians as x * pi / 180.0.
double skmob_haversine_km(LatLon p1, LatLon p2) {
  constexpr double kPi = std::numbers::pi;
  const double lon1 = p1.lon * kPi / 180.0;
  const double lon2 = p2.lon * kPi / 180.0;
  const double lat1 = p1.lat * kPi / 180.0;
  const double lat2 = p2.lat * kPi / 180.0;
  const double dlon = lon2 - lon1;
  const double dlat = lat2 - lat1;
  const double s_lat = std::sin(dlat / 2);
  const double s_lon = std::sin(dlon / 2.0);
  const double a = s_lat * s_lat + std::cos(lat1) * std::cos(lat2) * (s_lon * s_lon);
  const double c = 2.0 * std::atan2(std::sqrt(a), std::sqrt(1.0 - a));
  return 6371.0 * c;
}

double seconds(Millis d) { return std::chrono::duration<double>(d).count(); }

// ---------------------------------------------------------------------------------------------
// Parameters of one comparison.

struct Params {
  Peer peer = Peer::skmob;
  double radius_m = 0.0;     ///< trackintel dist_threshold; scikit-mobility spatial_radius_km * 1000
  double radius_km = 0.0;    ///< scikit-mobility spatial_radius_km as given (compared in km)
  double minutes = 0.0;      ///< time_threshold / minutes_for_a_stop
  double gap_minutes = 0.0;  ///< gap_threshold / no_data_for_minutes
  [[nodiscard]] Millis min_duration() const { return Millis{std::llround(minutes * 60'000.0)}; }
  [[nodiscard]] Millis gap() const { return Millis{std::llround(gap_minutes * 60'000.0)}; }
  /// Measure with the WGS84 geodesic instead of the peer's sphere (to show that the choice of
  /// distance changes no stay on these data).
  bool geodesic = false;
  /// The peer's own "farther than the radius" (trackintel: >=, scikit-mobility: >).
  [[nodiscard]] bool peer_outside(LatLon a, LatLon b) const {
    if (geodesic) {
      const double g = geodesic_distance(a, b).value;
      return peer == Peer::trackintel ? g >= radius_m : g > radius_m;
    }
    return peer == Peer::trackintel ? trackintel_haversine_m(a, b) >= radius_m : skmob_haversine_km(a, b) > radius_km;
  }
  [[nodiscard]] double peer_distance_m(LatLon a, LatLon b) const {
    return peer == Peer::trackintel ? trackintel_haversine_m(a, b) : skmob_haversine_km(a, b) * 1000.0;
  }
};

// ---------------------------------------------------------------------------------------------
// Replicas of the peers' loops on one track. A stay covers pings first..end-1 and ends at
// t[end]; `end_inside` marks scikit-mobility's stay closed by the track's last ping while still
// inside the radius (then `end` is that last ping, itself inside). `anchors` are all the anchors
// the loop used, in order, whether a stay followed or not.

struct PeerStay {
  std::size_t first = 0;
  std::size_t end = 0;
  bool end_inside = false;
};
struct PeerRun {
  std::vector<PeerStay> stays;
  std::vector<std::size_t> anchors;
};

/// trackintel `_generate_staypoints_sliding_user` with include_last=False.
PeerRun trackintel_sliding(const clean::Track& t, const Params& p) {
  PeerRun run;
  const std::size_t n = t.size();
  if (n == 0) return run;
  run.anchors.push_back(0);
  std::size_t start = 0;
  for (std::size_t curr = 1; curr < n; ++curr) {
    if (t.time[curr] - t.time[curr - 1] > p.gap()) {  // gap_times[curr]
      start = curr;
      run.anchors.push_back(curr);
      continue;
    }
    if (p.peer_outside(t.position[start], t.position[curr])) {  // haversine_dist >= dist_threshold
      if (t.time[curr] - t.time[start] >= p.min_duration()) run.stays.push_back({start, curr, false});
      start = curr;
      run.anchors.push_back(curr);
    }
  }
  return run;  // include_last=False: the window still open here is dropped
}

/// scikit-mobility `_stay_locations_array` with min_speed_kmh=None (leaving time = t of the first
/// ping outside, or of the last ping). Times compared in minutes as utils.diff_seconds(...) / 60.
PeerRun skmob_stay_locations(const clean::Track& t, const Params& p) {
  PeerRun run;
  const std::size_t n = t.size();
  if (n == 0) return run;
  run.anchors.push_back(0);
  const auto minutes = [&t](std::size_t from, std::size_t to) { return seconds(t.time[to] - t.time[from]) / 60.; };
  std::size_t s = 0;
  const std::size_t lendata = n - 1;
  for (std::size_t i = 0; i < lendata; ++i) {
    const std::size_t c = i + 1;
    if (minutes(i, c) > p.gap_minutes) {  // no data for too long: not a stop, restart here
      s = c;
      run.anchors.push_back(c);
    }
    const double dt = minutes(s, c);
    const bool outside = p.peer_outside(t.position[s], t.position[c]);  // Dr > stop_radius
    const bool last = i == lendata - 1;
    if (outside || last) {
      // `if Dt > minutes or last:` then `if len(sum_lat) > 0 and Dt > minutes:` (sum_lat holds
      // pings s..c-1; it is empty only when the anchor was just reset to c, where Dt = 0).
      if (s < c && dt > p.minutes) run.stays.push_back({s, c, !outside});
      s = c;
      if (run.anchors.back() != c) run.anchors.push_back(c);
    }
  }
  return run;
}

PeerRun run_peer(const clean::Track& t, const Params& p) {
  return p.peer == Peer::trackintel ? trackintel_sliding(t, p) : skmob_stay_locations(t, p);
}

/// The first ping after `a` that ends a window from anchor `a` under `outside`, or n: a ping
/// farther than the radius, or one after a silence longer than the gap threshold (neither peer nor
/// Shiftline, as configured here, carries a window across such a silence).
template <typename Outside>
std::size_t first_outside(const clean::Track& t, std::size_t a, Millis gap, Outside outside) {
  for (std::size_t k = a + 1; k < t.size(); ++k)
    if (t.time[k] - t.time[k - 1] > gap || outside(t.position[a], t.position[k])) return k;
  return t.size();
}

// ---------------------------------------------------------------------------------------------
// Peer CSV and our pipeline.

using CsvStop = test::PeerStop;

struct VehicleTrack {
  std::string name;
  clean::Track track;
};

/// pings.csv through ingest and clean (default rules), one track per vehicle in name order.
std::vector<VehicleTrack> load_tracks(const fs::path& pings_csv, std::map<std::string, std::size_t>& removed) {
  ingest::IngestConfig ingest_config;
  ingest_config.paths = {pings_csv.string()};
  ProblemSink problems;
  const ingest::IngestResult ingested = ingest::run_ingest(ingest_config, problems);
  const clean::VehicleGroups groups = clean::group_by_vehicle(ingested.pings);
  std::vector<VehicleTrack> tracks;
  for (std::size_t k = 0; k < groups.count(); ++k) {
    VehicleTrack v;
    v.name = ingested.pings.vehicles.name(groups.vehicles[k]);
    clean::clean_vehicle(ingested.pings, groups.rows(k), clean::CleanConfig{}, v.track, problems);
    tracks.push_back(std::move(v));
  }
  removed = problems.counts_by_code(Severity::rejected);
  return tracks;
}

double median(std::vector<double> v) {  // numpy.median: mean of the two middle values
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
}

LatLon median_location(const clean::Track& t, std::size_t first, std::size_t last) {
  std::vector<double> lats;
  std::vector<double> lons;
  for (std::size_t k = first; k <= last; ++k) {
    lats.push_back(t.position[k].lat);
    lons.push_back(t.position[k].lon);
  }
  return LatLon::from_degrees(median(lats), median(lons));
}

clean::Track slice(const clean::Track& t, std::size_t first, std::size_t end_exclusive) {
  const auto b = static_cast<std::ptrdiff_t>(first);
  const auto e = static_cast<std::ptrdiff_t>(end_exclusive);
  clean::Track s;
  s.vehicle = t.vehicle;
  s.time.assign(t.time.begin() + b, t.time.begin() + e);
  s.position.assign(t.position.begin() + b, t.position.begin() + e);
  s.ping.assign(t.ping.begin() + b, t.ping.begin() + e);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Differences.

enum class Side : std::uint8_t { peer_only, ours_only };

enum class Cause : std::uint8_t {
  /// Peer stay (a, c) with a Shiftline anchor at a and the same first ping outside, but the last
  /// ping inside is less than T after a (or is a itself): the peer's duration runs to the first
  /// ping OUTSIDE, and here most of it is a silence or the travel after the last ping inside.
  short_observed_span,
  /// Peer stay whose first ping lies inside a Shiftline dwell that starts earlier, at a ping the
  /// peer's anchor jumped over (the peer restarts at the first ping outside a too-short window,
  /// Shiftline at the next ping).
  inside_our_dwell,
  /// Shiftline dwell whose first ping the peer never used as an anchor: its window from the
  /// previous anchor (a stay or too short) ran past it.
  peer_skipped_anchor,
  /// Shiftline dwell still open at the last ping; trackintel drops it (include_last=False).
  open_at_end,
  /// Shiftline dwell ending before a silence longer than the peer's gap threshold; scikit-mobility
  /// drops such a stay, Shiftline keeps the part before the silence.
  gap_dropped,
  /// The first ping outside differs between the sphere (peer) and the geodesic (Shiftline).
  metric_flip,
  unexplained,
};

const char* to_string(Cause c) {
  switch (c) {
    case Cause::short_observed_span:
      return "short_observed_span";
    case Cause::inside_our_dwell:
      return "inside_our_dwell";
    case Cause::peer_skipped_anchor:
      return "peer_skipped_anchor";
    case Cause::open_at_end:
      return "open_at_end";
    case Cause::gap_dropped:
      return "gap_dropped";
    case Cause::metric_flip:
      return "metric_flip";
    case Cause::unexplained:
      return "unexplained";
  }
  return "?";
}

/// A stay found by one side only, with the cause the test computes for it (docs/validation.md
/// explains each).
struct KnownDifference {
  const char* folder;
  const char* label;
  const char* vehicle;
  const char* start;  ///< ISO 8601 UTC: the stay's first ping
  const char* end;    ///< peer: its end (first ping outside); ours: our last ping
  Side side;
  Cause cause;
};

constexpr Side P = Side::peer_only;
constexpr Side O = Side::ours_only;
constexpr Cause kShort = Cause::short_observed_span;
constexpr Cause kInside = Cause::inside_our_dwell;
constexpr Cause kSkipped = Cause::peer_skipped_anchor;
constexpr Cause kGap = Cause::gap_dropped;
constexpr Cause kFlip = Cause::metric_flip;

// clang-format off
const std::vector<KnownDifference> kKnownDifferences = {
#define TL "geolife_trackintel_long"
#define TI "trackintel-expected__sliding_d25m_t5min_gap1e6min"
#define S25 "skmob__r25m_t5min_gap1e6min"
#define S100 "skmob__r100m_t5min_gap15min"
  // geolife_trackintel_long, 25 m / 5 min, no gap rule: the same 27 for trackintel and scikit-mobility
  // (their lists are identical). The kFlip pair: the peer's window from 09:52:35 ends at 09:53:11,
  // 25.018 m on the sphere but 24.984 m on the geodesic; with the geodesic its anchors would reach
  // 09:55:26 and its stay 09:55:26 .. 10:03:39 would match ours.
  {TL, TI, "000", "2008-10-23T03:05:05Z", "2008-10-23T04:08:07Z", P, kShort},
  {TL, TI, "000", "2008-10-23T04:34:42Z", "2008-10-23T09:42:25Z", P, kShort},
  {TL, TI, "000", "2008-10-23T09:55:31Z", "2008-10-23T10:03:39Z", P, kFlip},
  {TL, TI, "000", "2008-10-23T10:20:56Z", "2008-10-23T10:26:35Z", P, kShort},
  {TL, TI, "000", "2008-10-23T10:32:35Z", "2008-10-23T10:44:31Z", P, kShort},
  {TL, TI, "000", "2008-10-23T10:45:46Z", "2008-10-23T11:09:22Z", P, kInside},
  {TL, TI, "000", "2008-10-23T11:11:02Z", "2008-10-24T02:09:59Z", P, kShort},
  {TL, TI, "000", "2008-10-24T02:15:19Z", "2008-10-24T02:21:54Z", P, kInside},
  {TL, TI, "000", "2008-10-24T02:29:26Z", "2008-10-24T02:41:31Z", P, kShort},
  {TL, TI, "000", "2008-10-23T09:55:26Z", "2008-10-23T10:02:29Z", O, kFlip},
  {TL, TI, "000", "2008-10-23T10:45:41Z", "2008-10-23T11:08:22Z", O, kSkipped},
  {TL, TI, "000", "2008-10-24T02:15:09Z", "2008-10-24T02:21:54Z", O, kSkipped},
  {TL, TI, "001", "2008-10-23T06:01:47Z", "2008-10-23T10:32:53Z", P, kShort},
  {TL, TI, "001", "2008-10-23T11:10:24Z", "2008-10-23T11:49:08Z", P, kShort},
  {TL, TI, "001", "2008-10-23T11:49:53Z", "2008-10-23T23:43:46Z", P, kInside},
  {TL, TI, "001", "2008-10-24T00:15:00Z", "2008-10-24T00:20:39Z", P, kShort},
  {TL, TI, "001", "2008-10-24T00:23:08Z", "2008-10-24T01:45:41Z", P, kShort},
  {TL, TI, "001", "2008-10-24T02:02:51Z", "2008-10-24T02:28:19Z", P, kShort},
  {TL, TI, "001", "2008-10-24T02:31:37Z", "2008-10-24T03:16:35Z", P, kShort},
  {TL, TI, "001", "2008-10-24T03:26:35Z", "2008-10-24T03:33:15Z", P, kShort},
  {TL, TI, "001", "2008-10-24T04:00:18Z", "2008-10-24T04:07:56Z", P, kInside},
  {TL, TI, "001", "2008-10-24T04:12:55Z", "2008-10-24T05:28:05Z", P, kShort},
  {TL, TI, "001", "2008-10-24T05:39:53Z", "2008-10-24T06:08:42Z", P, kShort},
  {TL, TI, "001", "2008-10-23T11:49:33Z", "2008-10-23T23:43:36Z", O, kSkipped},
  {TL, TI, "001", "2008-10-24T02:03:01Z", "2008-10-24T02:28:19Z", O, kSkipped},
  {TL, TI, "001", "2008-10-24T03:59:03Z", "2008-10-24T04:08:21Z", O, kSkipped},
  {TL, TI, "001", "2008-10-24T04:13:15Z", "2008-10-24T05:28:09Z", O, kSkipped},

  {TL, S25, "000", "2008-10-23T03:05:05Z", "2008-10-23T04:08:07Z", P, kShort},
  {TL, S25, "000", "2008-10-23T04:34:42Z", "2008-10-23T09:42:25Z", P, kShort},
  {TL, S25, "000", "2008-10-23T09:55:31Z", "2008-10-23T10:03:39Z", P, kFlip},
  {TL, S25, "000", "2008-10-23T10:20:56Z", "2008-10-23T10:26:35Z", P, kShort},
  {TL, S25, "000", "2008-10-23T10:32:35Z", "2008-10-23T10:44:31Z", P, kShort},
  {TL, S25, "000", "2008-10-23T10:45:46Z", "2008-10-23T11:09:22Z", P, kInside},
  {TL, S25, "000", "2008-10-23T11:11:02Z", "2008-10-24T02:09:59Z", P, kShort},
  {TL, S25, "000", "2008-10-24T02:15:19Z", "2008-10-24T02:21:54Z", P, kInside},
  {TL, S25, "000", "2008-10-24T02:29:26Z", "2008-10-24T02:41:31Z", P, kShort},
  {TL, S25, "000", "2008-10-23T09:55:26Z", "2008-10-23T10:02:29Z", O, kFlip},
  {TL, S25, "000", "2008-10-23T10:45:41Z", "2008-10-23T11:08:22Z", O, kSkipped},
  {TL, S25, "000", "2008-10-24T02:15:09Z", "2008-10-24T02:21:54Z", O, kSkipped},
  {TL, S25, "001", "2008-10-23T06:01:47Z", "2008-10-23T10:32:53Z", P, kShort},
  {TL, S25, "001", "2008-10-23T11:10:24Z", "2008-10-23T11:49:08Z", P, kShort},
  {TL, S25, "001", "2008-10-23T11:49:53Z", "2008-10-23T23:43:46Z", P, kInside},
  {TL, S25, "001", "2008-10-24T00:15:00Z", "2008-10-24T00:20:39Z", P, kShort},
  {TL, S25, "001", "2008-10-24T00:23:08Z", "2008-10-24T01:45:41Z", P, kShort},
  {TL, S25, "001", "2008-10-24T02:02:51Z", "2008-10-24T02:28:19Z", P, kShort},
  {TL, S25, "001", "2008-10-24T02:31:37Z", "2008-10-24T03:16:35Z", P, kShort},
  {TL, S25, "001", "2008-10-24T03:26:35Z", "2008-10-24T03:33:15Z", P, kShort},
  {TL, S25, "001", "2008-10-24T04:00:18Z", "2008-10-24T04:07:56Z", P, kInside},
  {TL, S25, "001", "2008-10-24T04:12:55Z", "2008-10-24T05:28:05Z", P, kShort},
  {TL, S25, "001", "2008-10-24T05:39:53Z", "2008-10-24T06:08:42Z", P, kShort},
  {TL, S25, "001", "2008-10-23T11:49:33Z", "2008-10-23T23:43:36Z", O, kSkipped},
  {TL, S25, "001", "2008-10-24T02:03:01Z", "2008-10-24T02:28:19Z", O, kSkipped},
  {TL, S25, "001", "2008-10-24T03:59:03Z", "2008-10-24T04:08:21Z", O, kSkipped},
  {TL, S25, "001", "2008-10-24T04:13:15Z", "2008-10-24T05:28:09Z", O, kSkipped},

  // 100 m / 5 min, scikit-mobility gap 15 min (Shiftline: gap 15 min, never bridged).
  {"bus_liverpool_bods", S100, "4733", "2026-01-26T17:40:58Z", "2026-01-26T17:46:00Z", P, kShort},
  {"bus_liverpool_bods", S100, "4836", "2026-01-26T16:45:04Z", "2026-01-26T16:50:20Z", P, kShort},

  {"geolife_movingpandas", S100, "000", "2009-06-29T11:04:07Z", "2009-06-29T11:09:12Z", O, kSkipped},
  {"geolife_movingpandas", S100, "002", "2009-02-04T11:11:16Z", "2009-02-04T11:16:58Z", P, kInside},
  {"geolife_movingpandas", S100, "002", "2009-02-25T13:59:55Z", "2009-02-25T14:13:05Z", P, kShort},
  {"geolife_movingpandas", S100, "002", "2009-03-10T10:43:41Z", "2009-03-10T10:49:17Z", P, kShort},
  {"geolife_movingpandas", S100, "002", "2009-02-04T11:11:10Z", "2009-02-04T11:17:06Z", O, kSkipped},
  {"geolife_movingpandas", S100, "002", "2009-03-10T11:41:20Z", "2009-03-10T11:46:57Z", O, kSkipped},
  {"geolife_movingpandas", S100, "019", "2008-12-11T05:00:15Z", "2008-12-11T05:06:06Z", O, kSkipped},

  {TL, S100, "000", "2008-10-23T09:45:05Z", "2008-10-23T09:55:56Z", P, kInside},
  {TL, S100, "000", "2008-10-23T09:55:56Z", "2008-10-23T10:03:39Z", P, kInside},
  {TL, S100, "000", "2008-10-23T10:14:46Z", "2008-10-23T10:20:11Z", P, kInside},
  {TL, S100, "000", "2008-10-23T10:20:11Z", "2008-10-23T10:26:35Z", P, kShort},
  {TL, S100, "000", "2008-10-23T10:31:35Z", "2008-10-23T10:44:31Z", P, kShort},
  {TL, S100, "000", "2008-10-24T02:11:34Z", "2008-10-24T02:22:09Z", P, kInside},
  {TL, S100, "000", "2008-10-24T02:22:09Z", "2008-10-24T02:47:06Z", P, kInside},
  {TL, S100, "000", "2008-10-23T09:44:50Z", "2008-10-23T09:50:45Z", O, kSkipped},
  {TL, S100, "000", "2008-10-23T09:50:50Z", "2008-10-23T10:04:54Z", O, kSkipped},
  {TL, S100, "000", "2008-10-23T10:11:01Z", "2008-10-23T10:20:01Z", O, kSkipped},
  {TL, S100, "000", "2008-10-24T02:11:29Z", "2008-10-24T02:21:59Z", O, kSkipped},
  {TL, S100, "000", "2008-10-24T02:22:04Z", "2008-10-24T02:47:06Z", O, kSkipped},
  {TL, S100, "001", "2008-10-23T11:03:41Z", "2008-10-23T11:09:05Z", P, kInside},
  {TL, S100, "001", "2008-10-24T00:14:40Z", "2008-10-24T00:21:04Z", P, kInside},
  {TL, S100, "001", "2008-10-24T03:26:30Z", "2008-10-24T03:50:05Z", P, kInside},
  {TL, S100, "001", "2008-10-24T03:56:21Z", "2008-10-24T04:08:59Z", P, kInside},
  {TL, S100, "001", "2008-10-24T06:11:07Z", "2008-10-24T06:23:12Z", P, kInside},
  {TL, S100, "001", "2008-10-23T11:03:32Z", "2008-10-23T11:08:48Z", O, kSkipped},
  {TL, S100, "001", "2008-10-23T11:49:08Z", "2008-10-23T12:04:28Z", O, kGap},
  {TL, S100, "001", "2008-10-24T00:12:30Z", "2008-10-24T00:21:56Z", O, kSkipped},
  {TL, S100, "001", "2008-10-24T03:22:15Z", "2008-10-24T03:29:30Z", O, kSkipped},
  {TL, S100, "001", "2008-10-24T03:29:35Z", "2008-10-24T03:50:15Z", O, kSkipped},
  {TL, S100, "001", "2008-10-24T03:56:03Z", "2008-10-24T04:09:46Z", O, kSkipped},
  {TL, S100, "001", "2008-10-24T06:09:22Z", "2008-10-24T06:22:10Z", O, kSkipped},
#undef TL
#undef TI
#undef S25
#undef S100
};
// clang-format on

// ---------------------------------------------------------------------------------------------

struct Case {
  const char* folder;
  const char* label;  ///< peer file name without .csv
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string label = info.param.label;
  label = label.substr(0, label.find("__"));
  for (char& ch : label)
    if (ch == '-') ch = '_';
  return std::string(info.param.folder) + "_" + label + "_" +
         std::string(info.param.label).substr(std::string(info.param.label).find("__") + 2);
}

/// Reads the peer's parameters from its .meta.json. trackintel's expected list carries none in the
/// meta: its parameters are those of the trackintel test that asserts it (SOURCE.md), checked
/// against the label.
Params read_params(const nlohmann::json& meta) {
  Params p;
  const std::string tool = meta.at("tool").get<std::string>();
  if (tool == "trackintel-expected") {
    EXPECT_EQ(meta.at("label").get<std::string>(), "sliding_d25m_t5min_gap1e6min");
    p.peer = Peer::trackintel;
    p.radius_m = 25.0;
    p.radius_km = 0.025;
    p.minutes = 5.0;
    p.gap_minutes = 1e6;
  } else {
    EXPECT_EQ(tool, "skmob");
    EXPECT_EQ(meta.at("tool_version").get<std::string>(), "1.3.0");
    p.peer = Peer::skmob;
    p.radius_km = meta.at("params").at("radius_km").get<double>();
    p.radius_m = p.radius_km * 1000.0;
    p.minutes = meta.at("params").at("minutes").get<double>();
    p.gap_minutes = meta.at("params").at("gap_minutes").get<double>();
  }
  return p;
}

std::string at_ping(const clean::Track& t, std::size_t k) {
  return k < t.size() ? format_utc(t.time[k]) : std::string("(end of track)");
}

class StayPointPeer : public testing::TestWithParam<Case> {};

TEST_P(StayPointPeer, EveryDifferenceHasItsCause) {
  const Case c = GetParam();
  const fs::path folder = kRealData / c.folder;
  const fs::path peer_csv = folder / "peer" / (std::string(c.label) + ".csv");
  const fs::path meta_json = folder / "peer" / (std::string(c.label) + ".meta.json");
  if (!fs::exists(kRealData))
    GTEST_SKIP() << "shared real data not found at " << kRealData << " (set SHIFTLINE_SHARED_DIR)";
  ASSERT_TRUE(fs::exists(peer_csv)) << peer_csv;
  ASSERT_TRUE(fs::exists(meta_json)) << meta_json;

  std::ifstream meta_in(meta_json);
  const nlohmann::json meta = nlohmann::json::parse(meta_in);
  const Params params = read_params(meta);
  const bool peer_has_gap_rule = params.gap_minutes < 1e5;

  DwellConfig config;
  config.method = Method::stay_point;
  config.radius = Meters{params.radius_m};
  config.min_duration = params.min_duration();
  // The peer's gap rule where it has one, never bridged (neither peer bridges a silence);
  // otherwise none.
  config.gap = peer_has_gap_rule ? params.gap() : kNoGap;
  config.max_bridge = peer_has_gap_rule ? Millis{0} : kNoGap;
  const Millis window_gap = peer_has_gap_rule ? params.gap() : kNoGap;

  const std::vector<CsvStop> peer_csv_stops = test::read_peer_stops(peer_csv);
  ASSERT_EQ(peer_csv_stops.size(), meta.at("stops").get<std::size_t>()) << "peer CSV and its meta disagree";
  std::map<std::string, std::size_t> removed;
  const std::vector<VehicleTrack> tracks = load_tracks(folder / "pings.csv", removed);

  std::vector<KnownDifference> expected;
  for (const KnownDifference& d : kKnownDifferences)
    if (std::string(d.folder) == c.folder && std::string(d.label) == c.label) expected.push_back(d);
  std::vector<bool> seen(expected.size(), false);
  const auto check_known = [&](const std::string& vehicle, Instant start, Instant end, Side side, Cause cause,
                               const std::string& detail) {
    for (std::size_t k = 0; k < expected.size(); ++k) {
      const KnownDifference& d = expected[k];
      if (d.side != side || vehicle != d.vehicle || start != test::at(d.start) || end != test::at(d.end)) continue;
      seen[k] = true;
      EXPECT_EQ(to_string(d.cause), std::string(to_string(cause)))
          << vehicle << " " << format_utc(start) << " .. " << format_utc(end) << ": " << detail;
      return;
    }
    ADD_FAILURE() << (side == Side::peer_only ? "peer stay not found: " : "stay the peer does not have: ") << vehicle
                  << " " << format_utc(start) << " .. " << format_utc(end) << ", cause " << to_string(cause) << ": "
                  << detail;
  };

  std::size_t peer_total = 0;
  std::size_t ours_total = 0;
  std::size_t matched = 0;
  std::size_t anchor_same_end = 0;
  std::size_t anchor_declined = 0;
  std::map<Cause, std::size_t> causes;
  Meters worst_median_offset{0.0};
  Meters worst_mean_vs_median{0.0};
  double duration_difference_s = 0.0;  // sum over matches of peer - ours
  // Sphere vs geodesic. `flips`: anchors (all of the peer's, and Shiftline's dwell anchors that
  // are not the peer's) whose first ping outside differs between the two distances;
  // `stay_changes`: cases where the other distance would change a stay (the peer's replica rerun
  // with the geodesic; Shiftline's decision at each of its anchors redone with the sphere).
  std::size_t anchors_compared = 0;
  std::size_t flips = 0;
  std::size_t stay_changes = 0;
  double closest_margin_m = std::numeric_limits<double>::infinity();
  std::string closest_detail;
  const auto geo_outside = [&](LatLon a, LatLon b) { return geodesic_distance(a, b).value > params.radius_m; };
  const auto peer_outside = [&](LatLon a, LatLon b) { return params.peer_outside(a, b); };
  const auto both_distances = [&](const clean::Track& t, std::size_t a, std::size_t k) {
    std::ostringstream s;
    s.precision(10);
    s << "anchor " << at_ping(t, a) << ", ping " << at_ping(t, k);
    if (k < t.size())
      s << ": sphere " << params.peer_distance_m(t.position[a], t.position[k]) << " m, geodesic "
        << geodesic_distance(t.position[a], t.position[k]).value << " m";
    return s.str();
  };
  /// First ping outside from `a` by both distances; records the deciding ping closest to the radius.
  const auto deciding = [&](const std::string& vehicle, const clean::Track& t, std::size_t a) {
    ++anchors_compared;
    const std::size_t cp = first_outside(t, a, window_gap, peer_outside);
    const std::size_t cg = first_outside(t, a, window_gap, geo_outside);
    for (const std::size_t k : {cp, cg}) {
      if (k >= t.size() || t.time[k] - t.time[k - 1] > window_gap) continue;
      const double h = params.peer_distance_m(t.position[a], t.position[k]);
      const double g = geodesic_distance(t.position[a], t.position[k]).value;
      const double margin = std::min(std::abs(h - params.radius_m), std::abs(g - params.radius_m));
      if (margin < closest_margin_m) {
        closest_margin_m = margin;
        closest_detail = vehicle + " " + both_distances(t, a, k);
      }
    }
    if (cp != cg) ++flips;
    return std::pair{cp, cg};
  };

  for (const VehicleTrack& v : tracks) {
    const clean::Track& t = v.track;
    const std::size_t n = t.size();
    const PeerRun peer = run_peer(t, params);
    const std::vector<Dwell> ours = detect_stay_points(t, config);
    peer_total += peer.stays.size();
    ours_total += ours.size();

    // 1. The replica reproduces the peer's list: same stays, same order, same times.
    std::vector<CsvStop> csv;
    for (const CsvStop& s : peer_csv_stops)
      if (s.vehicle == v.name) csv.push_back(s);
    ASSERT_EQ(peer.stays.size(), csv.size()) << v.name << ": the replica does not reproduce the peer's list";
    for (std::size_t k = 0; k < csv.size(); ++k) {
      const PeerStay& ps = peer.stays[k];
      ASSERT_EQ(format_utc(t.time[ps.first]), format_utc(csv[k].start)) << v.name << " stay " << k;
      ASSERT_EQ(format_utc(t.time[ps.end]), format_utc(csv[k].end)) << v.name << " stay " << k;
      EXPECT_DOUBLE_EQ(csv[k].duration_s, seconds(csv[k].end - csv[k].start)) << v.name << " stay " << k;
      if (csv[k].location) {  // scikit-mobility: median of pings first..end-1
        const Meters off = geodesic_distance(median_location(t, ps.first, ps.end - 1), *csv[k].location);
        worst_median_offset = std::max(worst_median_offset, off);
        EXPECT_LE(off, kLocationTolerance)
            << v.name << " " << format_utc(csv[k].start) << ": median " << off.value << " m from the peer's";
      }
    }

    const auto dwell_at = [&ours](std::size_t first) -> const Dwell* {
      for (const Dwell& d : ours)
        if (d.first == first) return &d;
      return nullptr;
    };
    const auto dwell_covering = [&ours](std::size_t a) -> const Dwell* {
      for (const Dwell& d : ours)
        if (d.first < a && a <= d.last) return &d;
      return nullptr;
    };

    // 2. Per anchor, through the library: the pings a..c alone.
    for (const PeerStay& ps : peer.stays) {
      const std::size_t want_last = ps.end_inside ? ps.end : ps.end - 1;
      const clean::Track sub = slice(t, ps.first, std::min(n, ps.end + 1));
      const std::vector<Dwell> sub_dwells = detect_stay_points(sub, config);
      const bool has = !sub_dwells.empty() && sub_dwells.front().first == 0;
      if (const auto [cp, cg] = deciding(v.name, t, ps.first); cp != cg) {
        ADD_FAILURE() << v.name << " peer stay " << at_ping(t, ps.first) << ": "
                      << both_distances(t, ps.first, std::min(cp, cg));
        continue;
      }
      const bool long_enough = want_last > ps.first && t.time[want_last] - t.time[ps.first] >= config.min_duration;
      EXPECT_EQ(has, long_enough) << v.name << " anchor " << at_ping(t, ps.first);
      if (has) {
        ++anchor_same_end;
        EXPECT_EQ(sub_dwells.front().last + ps.first, want_last) << v.name << " anchor " << at_ping(t, ps.first);
        const double peer_s = seconds(t.time[ps.end] - t.time[ps.first]);
        const double ours_s = seconds(sub.time[sub_dwells.front().last] - sub.time[0]);
        const double tail_s = ps.end_inside ? 0.0 : seconds(t.time[ps.end] - t.time[ps.end - 1]);
        EXPECT_EQ(peer_s - ours_s, tail_s) << v.name << " anchor " << at_ping(t, ps.first);
      } else {
        ++anchor_declined;
      }
    }
    // 3. Sphere vs geodesic. The peer's rule rerun with the geodesic: a stay that changes is a
    // metric flip, explained by the anchor where the two anchor chains part.
    Params geo_params = params;
    geo_params.geodesic = true;
    const PeerRun peer_geo = run_peer(t, geo_params);
    const auto same = [](const PeerStay& x, const PeerStay& y) {
      return x.first == y.first && x.end == y.end && x.end_inside == y.end_inside;
    };
    const auto in = [&same](const std::vector<PeerStay>& list, const PeerStay& x) {
      return std::any_of(list.begin(), list.end(), [&](const PeerStay& y) { return same(x, y); });
    };
    for (const PeerStay& x : peer.stays) stay_changes += in(peer_geo.stays, x) ? 0U : 1U;
    /// Where the sphere's and the geodesic's anchor chains last part before ping `x`: an anchor
    /// both use, after which the next anchor differs; with both distances of the deciding ping.
    const auto chains_part = [&](std::size_t x) {
      std::string text = "no parting of the anchor chains before it";
      for (std::size_t k = 0; k + 1 < peer.anchors.size() && peer.anchors[k] < x; ++k) {
        const std::size_t a = peer.anchors[k];
        const auto g = std::lower_bound(peer_geo.anchors.begin(), peer_geo.anchors.end(), a);
        if (g == peer_geo.anchors.end() || *g != a) continue;
        const std::size_t next_g = std::next(g) == peer_geo.anchors.end() ? n : *std::next(g);
        if (next_g != peer.anchors[k + 1])
          text = "the peer's anchor chains by sphere and geodesic part at " +
                 both_distances(t, a, std::min(next_g, peer.anchors[k + 1]));
      }
      return text;
    };
    for (const std::size_t a : peer.anchors)
      if (std::none_of(peer.stays.begin(), peer.stays.end(), [a](const PeerStay& s) { return s.first == a; }))
        (void)deciding(v.name, t, a);
    // Shiftline's decision at each of its anchors (every ping not inside one of its dwells) is the
    // same with the sphere, so its dwells would be too.
    for (std::size_t a = 0; a < n; ++a) {
      if (dwell_covering(a) != nullptr) continue;
      if (dwell_at(a) != nullptr && !std::binary_search(peer.anchors.begin(), peer.anchors.end(), a))
        (void)deciding(v.name, t, a);
      const std::size_t cp = first_outside(t, a, window_gap, peer_outside);
      const std::size_t cg = first_outside(t, a, window_gap, geo_outside);
      const auto dwell_until = [&](std::size_t end) {
        return end - 1 > a && t.time[end - 1] - t.time[a] >= config.min_duration;
      };
      if (dwell_until(cp) != dwell_until(cg) || (dwell_until(cg) && cp != cg)) {
        ADD_FAILURE() << v.name << ": Shiftline's dwell decision would change with the sphere at "
                      << both_distances(t, a, std::min(cp, cg));
      }
    }

    // 4. Full pipeline: matches, and the cause of every difference.
    std::vector<bool> ours_matched(ours.size(), false);
    for (const PeerStay& ps : peer.stays) {
      const std::size_t want_last = ps.end_inside ? ps.end : ps.end - 1;
      const Dwell* d = dwell_at(ps.first);
      if (d != nullptr && d->last == want_last) {
        ++matched;
        ours_matched[static_cast<std::size_t>(d - ours.data())] = true;
        duration_difference_s += seconds(t.time[ps.end] - t.time[d->last]);
        worst_mean_vs_median =
            std::max(worst_mean_vs_median, geodesic_distance(d->location, median_location(t, ps.first, ps.end - 1)));
        continue;
      }
      Cause cause = Cause::unexplained;
      std::ostringstream detail;
      const std::size_t cg = first_outside(t, ps.first, window_gap, geo_outside);
      if (!in(peer_geo.stays, ps)) {
        cause = Cause::metric_flip;
        detail << "the peer's rule with the geodesic does not give this stay; " << chains_part(ps.first);
      } else if (const Dwell* cover = dwell_covering(ps.first)) {
        cause = Cause::inside_our_dwell;
        detail << "inside Shiftline's dwell " << at_ping(t, cover->first) << " .. " << at_ping(t, cover->last);
      } else if (cg != (ps.end_inside ? n : ps.end)) {
        cause = Cause::metric_flip;
        detail << "first ping outside by the geodesic " << at_ping(t, cg);
      } else if (!(want_last > ps.first && t.time[want_last] - t.time[ps.first] >= config.min_duration)) {
        cause = Cause::short_observed_span;
        detail << "pings inside: " << (ps.end - ps.first) << ", over " << seconds(t.time[ps.end - 1] - t.time[ps.first])
               << " s, then " << seconds(t.time[ps.end] - t.time[ps.end - 1]) << " s to the first ping outside";
      }
      ++causes[cause];
      std::cout << "[ differs  ] peer only " << v.name << " " << at_ping(t, ps.first) << " .. " << at_ping(t, ps.end)
                << ": " << to_string(cause) << ": " << detail.str() << "\n";
      check_known(v.name, t.time[ps.first], t.time[ps.end], Side::peer_only, cause, detail.str());
    }
    for (std::size_t k = 0; k < ours.size(); ++k) {
      if (ours_matched[k]) continue;
      const Dwell& d = ours[k];
      Cause cause = Cause::unexplained;
      std::ostringstream detail;
      const auto it = std::find(peer.anchors.begin(), peer.anchors.end(), d.first);
      const bool peer_geo_has = std::any_of(peer_geo.stays.begin(), peer_geo.stays.end(), [&](const PeerStay& y) {
        return y.first == d.first && (y.end_inside ? y.end : y.end - 1) == d.last;
      });
      if (peer_geo_has) {
        cause = Cause::metric_flip;
        detail << "the peer's rule with the geodesic gives this stay; " << chains_part(d.first);
      } else if (it == peer.anchors.end()) {
        cause = Cause::peer_skipped_anchor;
        const auto next = std::upper_bound(peer.anchors.begin(), peer.anchors.end(), d.first);
        const std::size_t prev = *std::prev(next);
        const std::size_t after = next == peer.anchors.end() ? n : *next;
        const bool was_stay =
            std::any_of(peer.stays.begin(), peer.stays.end(), [prev](const PeerStay& s) { return s.first == prev; });
        detail << "the peer's window " << at_ping(t, prev) << " .. " << at_ping(t, after) << " ("
               << (was_stay ? "a stay" : "too short") << ") ran past it";
      } else {
        const std::size_t peer_next = std::next(it) == peer.anchors.end() ? n : *std::next(it);
        const bool ended_by_gap = d.last + 1 < n && t.time[d.last + 1] - t.time[d.last] > config.gap;
        if (params.peer == Peer::trackintel && d.last + 1 == n && peer_next == n) {
          cause = Cause::open_at_end;
        } else if (params.peer == Peer::skmob && peer_has_gap_rule && ended_by_gap && peer_next == d.last + 1) {
          cause = Cause::gap_dropped;
          detail << "silence of " << seconds(t.time[d.last + 1] - t.time[d.last]) << " s after it";
        } else if (first_outside(t, d.first, window_gap, peer_outside) != d.last + 1) {
          cause = Cause::metric_flip;
        }
      }
      ++causes[cause];
      std::cout << "[ differs  ] ours only " << v.name << " " << at_ping(t, d.first) << " .. " << at_ping(t, d.last)
                << ": " << to_string(cause) << ": " << detail.str() << "\n";
      check_known(v.name, t.time[d.first], t.time[d.last], Side::ours_only, cause, detail.str());
    }
  }
  for (std::size_t k = 0; k < expected.size(); ++k)
    EXPECT_TRUE(seen[k]) << "listed difference no longer occurs: " << expected[k].vehicle << " " << expected[k].start
                         << " .. " << expected[k].end << " (" << to_string(expected[k].cause)
                         << "): update kKnownDifferences";
  const auto count_of = [&causes](Cause cause) {
    const auto it = causes.find(cause);
    return it == causes.end() ? std::size_t{0} : it->second;
  };
  EXPECT_EQ(count_of(Cause::unexplained), 0U);

  std::cout << "[ figures  ] " << c.folder << " " << c.label << ": peer " << peer_total << ", Shiftline " << ours_total
            << ", matched " << matched << "; at the peer's stay anchors alone Shiftline has the stay "
            << anchor_same_end << ", declines it " << anchor_declined << "; peer minus Shiftline duration over matches "
            << duration_difference_s << " s; causes:";
  for (const auto& [cause, count] : causes) std::cout << " " << to_string(cause) << " " << count;
  std::cout << "; largest median offset " << worst_median_offset.value << " m, our mean vs peer median up to "
            << worst_mean_vs_median.value << " m; sphere vs geodesic: " << anchors_compared
            << " deciding anchors, first ping outside differs at " << flips << ", peer stays changed by the geodesic "
            << stay_changes << ", closest deciding ping " << closest_margin_m << " m from the radius ("
            << closest_detail << "); rows set aside:";
  for (const auto& [code, count] : removed) std::cout << " " << code << " " << count;
  std::cout << "\n";
  RecordProperty("peer_stays", static_cast<int>(peer_total));
  RecordProperty("our_stays", static_cast<int>(ours_total));
  RecordProperty("matched", static_cast<int>(matched));
}

INSTANTIATE_TEST_SUITE_P(SharedRealData, StayPointPeer,
                         testing::Values(Case{"geolife_trackintel_long",
                                              "trackintel-expected__sliding_d25m_t5min_gap1e6min"},
                                         Case{"geolife_trackintel_long", "skmob__r25m_t5min_gap1e6min"},
                                         Case{"ais_dma_movingpandas", "skmob__r100m_t5min_gap15min"},
                                         Case{"bus_liverpool_bods", "skmob__r100m_t5min_gap15min"},
                                         Case{"geolife_movingpandas", "skmob__r100m_t5min_gap15min"},
                                         Case{"geolife_trackintel_long", "skmob__r100m_t5min_gap15min"}),
                         case_name);

}  // namespace
}  // namespace shiftline::dwell
