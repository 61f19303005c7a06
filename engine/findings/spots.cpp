#include "shiftline/findings/spots.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/intersects.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "shiftline/match/match.hpp"

namespace shiftline::findings {
namespace {

using match::DwellClass;

// The longest bracket (previous crewing's end to next crewing's start) over which an off-duty dwell
// is attributed to the officer on both sides (docs/findings.md, "Recurring spots").
constexpr Millis kLongestBracket{24LL * 3600 * 1000};

// Where a dwell is and when: the contents the canonical order and the spatial band read.
struct DwellKey {
  Instant start;
  std::string_view vehicle;
  std::size_t sequence = 0;
  LatLon at;
};

// One officer's part in one dwell: what spots are built from.
struct Visit {
  DwellRef ref;
  DwellKey key;
  std::string_view officer;
  std::string_view shift;  ///< the officer's shift when the visit began: what `shifts` counts
  Millis time{0};          ///< the officer's time in it
  DwellClass dwell_class = DwellClass::off_duty;
  bool grouped = false;    ///< unexplained, or off_duty away from a base: a spot is made of these
};

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using DegreePoint = bg::model::point<double, 2, bg::cs::cartesian>;  // (lon, lat) in degrees
using DegreeBox = bg::model::box<DegreePoint>;

// Every visit by position, for the "who else stopped here" count of each spot. A fleet has tens of
// thousands of spots: scanning a latitude band per spot walked 13.8 M visits on the fleet benchmark
// (200 vehicles x 30 days); the tree visits only those in the box (docs/findings.md). It is built
// on the 17th query: the first 16 scan.
class VisitTree {
 public:
  explicit VisitTree(const std::vector<Visit>& visits) : m_visits(visits) {}
  // Every visit in [lat - lat_half, lat + lat_half] x [lon - lon_half, lon + lon_half] (longitudes
  // wrapped across the antimeridian), each once, in no set order.
  void in_box(LatLon at, double lat_half, double lon_half, std::vector<std::size_t>& out) {
    out.clear();
    std::vector<DegreeBox> boxes;
    const double south = at.lat - lat_half, north = at.lat + lat_half;
    const auto box = [&](double west, double east) { boxes.emplace_back(DegreePoint(west, south), DegreePoint(east, north)); };
    if (lon_half >= 180.0) {
      box(-180.0, 180.0);
    } else {
      const double west = at.lon - lon_half, east = at.lon + lon_half;
      box(std::max(west, -180.0), std::min(east, 180.0));
      if (west < -180.0) box(west + 360.0, 180.0);
      if (east > 180.0) box(-180.0, east - 360.0);
    }
    // A fleet with few recurring spots asks a few times: a scan of the visits is then cheaper than
    // building the tree (about 10 ms on the fleet benchmark). Both apply the same test,
    // bg::intersects.
    if (++m_queries <= kScansBeforeTree) {
      for (std::size_t i = 0; i < m_visits.size(); ++i) {
        const DegreePoint p(m_visits[i].key.at.lon, m_visits[i].key.at.lat);
        if (std::any_of(boxes.begin(), boxes.end(), [&](const DegreeBox& b) { return bg::intersects(p, b); }))
          out.push_back(i);
      }
      return;
    }
    if (!m_tree) build();
    thread_local std::vector<Entry> hits;
    hits.clear();
    for (const DegreeBox& b : boxes) m_tree->query(bgi::intersects(b), std::back_inserter(hits));
    for (const auto& [point, i] : hits) out.push_back(i);
    std::sort(out.begin(), out.end());  // a visit on the antimeridian can be in two boxes
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

 private:
  static constexpr int kScansBeforeTree = 16;
  using Entry = std::pair<DegreePoint, std::size_t>;
  using Tree = bgi::rtree<Entry, bgi::quadratic<16>>;
  void build() {
    std::vector<Entry> entries;
    entries.reserve(m_visits.size());
    for (std::size_t i = 0; i < m_visits.size(); ++i)
      entries.emplace_back(DegreePoint(m_visits[i].key.at.lon, m_visits[i].key.at.lat), i);
    m_tree.emplace(entries);  // bulk load: deterministic packing
  }
  const std::vector<Visit>& m_visits;
  int m_queries = 0;
  std::optional<Tree> m_tree;
};

// The nearest place to a point without measuring every place: places by latitude, searched outward
// from the point's latitude, stopping where the latitude difference alone puts a place farther than
// the nearest found. That bound is exact, not approximate: a geodesic between two latitudes is at
// least the meridian arc between them, at least 110,574 m per degree (WGS84's meridian radius of
// curvature at the equator, its smallest: 6,335,439 m), and the distance to a place's shape
// (match::distance_to_place) is measured to a point within its latitude range.
class PlacesByLatitude {
 public:
  explicit PlacesByLatitude(const std::vector<ingest::PlaceRow>& places) {
    m_entries.reserve(places.size());
    for (std::uint32_t p = 0; p < places.size(); ++p) {
      Entry e{places[p].point.lat, places[p].point.lat, p};
      const auto widen = [&](const std::vector<LatLon>& ring) {
        for (const LatLon& v : ring) e.south = std::min(e.south, v.lat), e.north = std::max(e.north, v.lat);
      };
      widen(places[p].polygon);
      for (const auto& hole : places[p].holes) widen(hole);
      m_tallest = std::max(m_tallest, e.north - e.south);
      m_entries.push_back(e);
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry& x, const Entry& y) { return std::tie(x.south, x.place) < std::tie(y.south, y.place); });
  }

  // The place nearest `at` (ties: the smaller place index, i.e. place_id), with its distance.
  [[nodiscard]] std::optional<std::pair<PlaceIndex, Meters>> nearest(const std::vector<ingest::PlaceRow>& places,
                                                                     LatLon at) const {
    constexpr double kLeastMetresPerDegree = 110'574.0;
    std::optional<std::pair<PlaceIndex, Meters>> best;
    const auto consider = [&](const Entry& e) {
      const Meters d = match::distance_to_place(places[e.place], at);
      if (!best || d < best->second || (d == best->second && e.place < best->first.value))
        best = std::pair{PlaceIndex{e.place}, d};
    };
    const auto beyond = [&](double degrees) {  // a place this many degrees away cannot be nearer
      return best && degrees * kLeastMetresPerDegree > best->second.value;
    };
    const auto split = std::lower_bound(m_entries.begin(), m_entries.end(), at.lat,
                                        [](const Entry& e, double lat) { return e.south < lat; });
    // Northward, `south` rises: the bound only grows. Southward, a place reaches at most m_tallest
    // above its `south`.
    auto up = split;
    auto down = split;
    while (up != m_entries.end() || down != m_entries.begin()) {
      if (up != m_entries.end()) {
        if (beyond(up->south - at.lat)) up = m_entries.end();
        else consider(*up++);
      }
      if (down != m_entries.begin()) {
        const Entry& e = *(down - 1);
        if (beyond(at.lat - e.south - m_tallest)) down = m_entries.begin();
        else consider(e), --down;
      }
    }
    return best;
  }

 private:
  struct Entry {
    double south, north;  // degrees: the place's latitude range (point and rings)
    std::uint32_t place;
  };
  std::vector<Entry> m_entries;
  double m_tallest = 0.0;
};

// Degrees of latitude that hold every point within `m` metres (10% margin, at the equator's
// smallest metres per degree): the band a geodesic check is needed in.
double lat_band(Meters m) { return m.value * 1.1 / 110'574.0; }

bool at_base(const pipeline::Analysis& a, const match::DwellMatch& m) {
  return std::any_of(m.places.begin(), m.places.end(),
                     [&](PlaceIndex p) { return a.tables.place(p).kind == ingest::PlaceKind::base; });
}

// The local date of `t` in `zone` (UTC without one), as days since 1970-01-01: a number to count
// distinct days with.
std::int64_t local_day(const TimeZone* zone, Instant t) {
  return std::chrono::local_days{local_date(zone, t)}.time_since_epoch().count();
}

// The officers of the crewings of `vehicle` ending last at or before `t` (forward: starting first at
// or after `t`), with that instant and its shift.
struct Bracket {
  Instant at{};
  std::vector<std::string_view> officers;  // distinct, sorted
  std::string_view shift;
};
std::optional<Bracket> bracket(const duty::Roster& roster, const std::vector<duty::Crewing>& crewings, Instant t,
                               bool forward) {
  std::optional<Bracket> b;
  for (const duty::Crewing& c : crewings) {
    const Instant edge = forward ? c.span.start : c.span.end;
    if (forward ? edge < t : edge > t) continue;
    const bool better = !b || (forward ? edge < b->at : edge > b->at);
    if (better) b = Bracket{edge, {}, roster.shift(c.shift).shift_id};
    const std::string_view officer = roster.shift(c.shift).officer_id;
    if (b->at == edge && std::find(b->officers.begin(), b->officers.end(), officer) == b->officers.end())
      b->officers.push_back(officer);
  }
  if (b) std::sort(b->officers.begin(), b->officers.end());
  return b;
}

struct Attribution {
  std::string_view officer;
  std::string_view shift;  ///< the shift of the crewing before: the visit counts for it
};

std::optional<Attribution> attribution(const pipeline::Analysis& a, DwellRef ref) {
  const auto& m = a.matches.at(ref.vehicle).at(ref.dwell);
  if (!m.officers.empty() || m.dwell_class != DwellClass::off_duty) return std::nullopt;
  const auto& d = a.run.vehicles.at(ref.vehicle).dwells.at(ref.dwell);
  const std::string& vehicle = a.run.vehicle_name(a.run.vehicles[ref.vehicle]);
  const auto found = a.roster.crewings_of_vehicle.find(vehicle);
  if (found == a.roster.crewings_of_vehicle.end()) return std::nullopt;
  const auto before = bracket(a.roster, found->second, d.start, false);
  const auto after = bracket(a.roster, found->second, d.end, true);
  if (!before || !after || before->officers.size() != 1 || before->officers != after->officers) return std::nullopt;
  if (after->at - before->at > kLongestBracket) return std::nullopt;
  if (const auto unknown = a.roster.unknown_of_vehicle.find(vehicle); unknown != a.roster.unknown_of_vehicle.end())
    for (const Interval& u : unknown->second)
      if (u.start < after->at && before->at < u.end) return std::nullopt;  // someone else may have had it
  return Attribution{*before->officers.begin(), before->shift};
}

// Sorts `values`, drops repeats and returns how many are left.
template <typename T>
std::size_t distinct_count(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values.size();
}

// Every officer's part in every dwell: on-duty time from the match, else the attribution.
std::vector<Visit> visits_of(const pipeline::Analysis& a) {
  std::vector<Visit> out;
  for (std::size_t v = 0; v < a.matches.size(); ++v)
    for (std::size_t d = 0; d < a.matches[v].size(); ++d) {
      const auto& m = a.matches[v][d];
      const DwellRef ref{v, d};
      const auto& rec = a.run.vehicles[v].dwells[d];
      const DwellKey key{rec.start, a.run.vehicle_name(a.run.vehicles[v]), rec.sequence, rec.location};
      const bool grouped =
          m.dwell_class == DwellClass::unexplained || (m.dwell_class == DwellClass::off_duty && !at_base(a, m));
      for (const match::OfficerTime& o : m.officers) {
        // The shift of the officer's earliest crewing in the dwell (crewings are by start, then shift).
        std::string_view shift;
        for (const duty::Crewing& c : m.crew.crewings)
          if (a.roster.shift(c.shift).officer_id == o.officer_id) {
            shift = a.roster.shift(c.shift).shift_id;
            break;
          }
        out.push_back(Visit{ref, key, o.officer_id, shift, o.on_duty_length, m.dwell_class, grouped});
      }
      if (const auto who = attribution(a, ref)) {
        out.push_back(Visit{ref, key, who->officer, who->shift, rec.end - rec.start, m.dwell_class, grouped});
      }
    }
  return out;
}

}  // namespace

std::optional<std::string> attributed_officer(const pipeline::Analysis& analysis, DwellRef dwell) {
  if (const auto who = attribution(analysis, dwell)) return std::string(who->officer);
  return std::nullopt;
}

std::vector<Spot> find_spots(const pipeline::Analysis& a, const SpotConfig& config) {
  // The canonical order: start, vehicle_id, sequence (contents only, never row or index order).
  const auto earlier = [](const DwellKey& x, const DwellKey& y) {
    return std::tie(x.start, x.vehicle, x.sequence) < std::tie(y.start, y.vehicle, y.sequence);
  };
  // A cheap test in longitude first (10% margin, metres per degree of longitude taken at most as
  // large as at p's latitude plus the band): only pairs it cannot rule out get the geodesic.
  const double band = lat_band(config.radius);
  const auto lon_band = [&](LatLon p) {  // degrees of longitude that hold every point within R of p
    constexpr double kRadians = 3.14159265358979323846 / 180.0;
    const double per_degree = 111'320.0 * std::cos(std::min(90.0, std::abs(p.lat) + band) * kRadians);
    return per_degree > 0.0 ? (config.radius.value * 1.1 + 1.0) / per_degree : 360.0;
  };
  const auto within = [&](LatLon p, LatLon q, double lon_limit) {
    if (std::abs(wrap_longitude(q.lon - p.lon)) > lon_limit) return false;
    return geodesic_within(p, q, config.radius);
  };

  std::vector<Visit> visits = visits_of(a);
  // By officer, then latitude: each officer's visits are one run, searchable by latitude band.
  std::sort(visits.begin(), visits.end(), [&](const Visit& x, const Visit& y) {
    if (x.officer != y.officer) return x.officer < y.officer;
    const DwellKey &kx = x.key, &ky = y.key;
    if (kx.at.lat != ky.at.lat) return kx.at.lat < ky.at.lat;
    return earlier(kx, ky);
  });
  // Built for the first recurring spot: every visit (any class), for other_officers and
  // explained_visits; the places, for the nearest.
  std::optional<VisitTree> every_visit;
  std::optional<PlacesByLatitude> places_by_lat;
  std::vector<std::size_t> in_box;

  std::vector<Spot> spots;
  std::vector<std::string_view> shifts, vehicles;
  std::vector<std::int64_t> days;
  for (std::size_t begin = 0; begin < visits.size();) {
    std::size_t end = begin;
    while (end < visits.size() && visits[end].officer == visits[begin].officer) ++end;
    const std::string officer(visits[begin].officer);
    // The officer's grouped visits (in latitude order) and their neighbours within radius.
    std::vector<std::size_t> grouped;
    for (std::size_t i = begin; i < end; ++i)
      if (visits[i].grouped) grouped.push_back(i);
    const auto at_of = [&](std::size_t g) { return visits[grouped[g]].key.at; };
    std::vector<std::vector<std::size_t>> near(grouped.size());
    for (std::size_t g = 0; g < grouped.size(); ++g) {
      const double lon_limit = lon_band(at_of(g));
      for (std::size_t h = g; h < grouped.size() && at_of(h).lat - at_of(g).lat <= band; ++h)
        if (within(at_of(g), at_of(h), lon_limit)) {
          near[g].push_back(h);
          if (h != g) near[h].push_back(g);
        }
    }
    // Leaders by most neighbours, then the canonical order.
    std::vector<std::size_t> order(grouped.size());
    for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      if (near[x].size() != near[y].size()) return near[x].size() > near[y].size();
      return earlier(visits[grouped[x]].key, visits[grouped[y]].key);
    });
    std::vector<bool> taken(grouped.size(), false);
    std::vector<std::pair<DwellKey, Spot>> mine;  // with the key of the spot's first visit
    for (const std::size_t leader : order) {
      if (taken[leader]) continue;
      Spot s;
      s.officer_id = officer;
      s.centre = at_of(leader);
      std::vector<const Visit*> members;
      for (const std::size_t h : near[leader])
        if (!taken[h]) {
          taken[h] = true;
          members.push_back(&visits[grouped[h]]);
        }
      std::sort(members.begin(), members.end(),
                [&](const Visit* x, const Visit* y) { return earlier(x->key, y->key); });
      // Distinct shifts, vehicles and days, counted in reused buffers: a fleet has tens of
      // thousands of spots, nearly all of one visit, and three std::sets per spot allocated a node
      // for each of its visits.
      shifts.clear();
      vehicles.clear();
      days.clear();
      s.first = Instant::max();
      s.last = Instant::min();
      for (const Visit* v : members) {
        const auto& d = a.run.vehicles[v->ref.vehicle].dwells[v->ref.dwell];
        s.dwells.push_back(v->ref);
        // The leader's own dwell is at the centre: no geodesic for a distance of zero.
        if (d.location != s.centre) s.radius = std::max(s.radius, geodesic_distance(s.centre, d.location));
        s.total += v->time;
        s.first = std::min(s.first, d.start);
        s.last = std::max(s.last, d.end);
        if (!v->shift.empty()) shifts.push_back(v->shift);
        vehicles.push_back(a.run.vehicle_name(a.run.vehicles[v->ref.vehicle]));
        days.push_back(local_day(config.zone, d.start));
      }
      s.visits = members.size();
      s.shifts = distinct_count(shifts);
      s.days = distinct_count(days);
      distinct_count(vehicles);
      s.vehicle_ids.assign(vehicles.begin(), vehicles.end());
      s.recurring = s.shifts >= config.min_visits;
      // Who else stopped here, this officer's explained stops here, and the nearest place: for a
      // recurring spot only, what recurring.csv and the findings show (a fleet has tens of thousands
      // of spots, nearly all of one visit).
      if (s.recurring) {
        if (!every_visit) every_visit.emplace(visits);
        std::set<std::string_view> others;
        const double lon_limit = lon_band(s.centre);
        every_visit->in_box(s.centre, band, lon_limit, in_box);
        for (const std::size_t i : in_box) {
          const Visit& v = visits[i];
          if (!within(s.centre, v.key.at, lon_limit)) continue;
          if (v.officer != officer) others.insert(v.officer);
          else if (v.dwell_class == DwellClass::incident || v.dwell_class == DwellClass::base) ++s.explained_visits;
        }
        s.other_officers = others.size();
        s.shared = 1 + s.other_officers >= config.shared_officers;
      }
      if (s.recurring) {
        if (!places_by_lat) places_by_lat.emplace(a.tables.places);
        if (const auto nearest = places_by_lat->nearest(a.tables.places, s.centre)) {
          s.nearest_place = nearest->first;
          s.nearest_place_distance = nearest->second;
        }
      }
      mine.emplace_back(members.front()->key, std::move(s));
    }
    // Numbered by first visit (the canonical order of each spot's first dwell).
    std::sort(mine.begin(), mine.end(), [&](const auto& x, const auto& y) { return earlier(x.first, y.first); });
    for (std::size_t n = 0; n < mine.size(); ++n) {
      mine[n].second.spot_id = officer + ":S" + std::to_string(n + 1);
      spots.push_back(std::move(mine[n].second));
    }
    begin = end;
  }
  return spots;
}

}  // namespace shiftline::findings
