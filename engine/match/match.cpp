#include "shiftline/match/match.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace shiftline::match {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// Coordinates in the trees are plain (longitude, latitude[, time in ms]) numbers: the trees only
// pre-select; every match is confirmed with the geodesic distance.
using Point2 = bg::model::point<double, 2, bg::cs::cartesian>;
using Box2 = bg::model::box<Point2>;
using Point3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Box3 = bg::model::box<Point3>;
using PlaceEntry = std::pair<Box2, std::uint32_t>;
using IncidentEntry = std::pair<Box3, std::uint32_t>;

struct DegreeBox {
  double lat_min, lat_max, lon_min, lon_max;
};

// The boxes in degrees that hold everything within `metres` of [lat_min,lat_max] x [lon_min,lon_max]:
// one box, or two when it crosses the antimeridian. Conservative: the metres-per-degree figures
// are taken where they are smallest (10% margin on top).
std::vector<DegreeBox> boxes_around(DegreeBox core, Meters metres) {
  const double m = metres.value * 1.1;
  const double dlat = m / 110'574.0;  // metres per degree of latitude at the equator: the least
  const double lat_min = std::max(-90.0, core.lat_min - dlat);
  const double lat_max = std::min(90.0, core.lat_max + dlat);
  const double polemost = std::max(std::abs(lat_min), std::abs(lat_max));
  if (polemost > 89.0) return {{lat_min, lat_max, -180.0, 180.0}};
  const double dlon = m / (111'320.0 * std::cos(polemost * 3.14159265358979323846 / 180.0));
  const double lon_min = core.lon_min - dlon;
  const double lon_max = core.lon_max + dlon;
  if (lon_max - lon_min >= 360.0) return {{lat_min, lat_max, -180.0, 180.0}};
  if (lon_min < -180.0) return {{lat_min, lat_max, -180.0, lon_max}, {lat_min, lat_max, lon_min + 360.0, 180.0}};
  if (lon_max > 180.0) return {{lat_min, lat_max, lon_min, 180.0}, {lat_min, lat_max, -180.0, lon_max - 360.0}};
  return {{lat_min, lat_max, lon_min, lon_max}};
}

DegreeBox point_box(LatLon p) { return {p.lat, p.lat, p.lon, p.lon}; }

double ms(Instant t) { return static_cast<double>(t.time_since_epoch().count()); }

// The point of segment [a, b] nearest to p, found in a LocalFrame at p (within 0.1% of the
// geodesic up to 10 km; the distance to it is then measured geodesically).
LatLon nearest_on_segment(LatLon p, LatLon a, LatLon b) {
  const LocalFrame frame = LocalFrame::at(p.lat);
  const double bx = frame.east(b.lon - a.lon), by = frame.north(b.lat - a.lat);
  const double px = frame.east(p.lon - a.lon), py = frame.north(p.lat - a.lat);
  const double len2 = bx * bx + by * by;
  const double t = len2 > 0 ? std::clamp((px * bx + py * by) / len2, 0.0, 1.0) : 0.0;
  return LatLon::from_degrees(a.lat + t * (b.lat - a.lat), wrap_longitude(a.lon + t * wrap_longitude(b.lon - a.lon)));
}

bool is_lookup(const MatchConfig& config, const std::string& kind) {
  return std::find(config.lookup_kinds.begin(), config.lookup_kinds.end(), kind) != config.lookup_kinds.end();
}

template <class T>
bool contains(const std::vector<T>& sorted, const T& value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string_view name(DwellClass c) noexcept {
  switch (c) {
    case DwellClass::base: return "base";
    case DwellClass::incident: return "incident";
    case DwellClass::unexplained: return "unexplained";
    case DwellClass::off_duty: return "off_duty";
  }
  return "unknown";
}

std::string_view name(FlagKind k) noexcept {
  switch (k) {
    case FlagKind::revisit_after_closure: return "revisit_after_closure";
    case FlagKind::lookup_then_visit: return "lookup_then_visit";
  }
  return "unknown";
}

struct PlaceShape::Polygon {
  bg::model::polygon<Point2> shape;
};

PlaceShape::PlaceShape(const ingest::PlaceRow& place) : m_place(&place) {
  if (place.polygon.empty()) return;
  m_polygon = std::make_unique<Polygon>();
  for (const auto& v : place.polygon) bg::append(m_polygon->shape.outer(), Point2(v.lon, v.lat));
  bg::correct(m_polygon->shape);
}
PlaceShape::~PlaceShape() = default;
PlaceShape::PlaceShape(PlaceShape&&) noexcept = default;
PlaceShape& PlaceShape::operator=(PlaceShape&&) noexcept = default;

Meters PlaceShape::distance(LatLon point) const {
  if (!m_polygon) return geodesic_distance(m_place->point, point);
  if (bg::covered_by(Point2(point.lon, point.lat), m_polygon->shape)) return Meters{0.0};
  return boundary_distance(point);
}

Meters PlaceShape::signed_distance(LatLon point) const {
  if (!m_polygon) return geodesic_distance(m_place->point, point);
  const Meters boundary = boundary_distance(point);
  return bg::covered_by(Point2(point.lon, point.lat), m_polygon->shape) ? Meters{-boundary.value} : boundary;
}

Meters PlaceShape::boundary_distance(LatLon point) const {
  const auto& ring = m_place->polygon;
  Meters nearest{std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    nearest = std::min(nearest, geodesic_distance(point, nearest_on_segment(point, ring[i], ring[i + 1])));
  return nearest;
}

Meters distance_to_place(const ingest::PlaceRow& place, LatLon point) { return PlaceShape(place).distance(point); }

bool place_holds(const ingest::PlaceRow& place, LatLon point) { return distance_to_place(place, point) <= place.radius; }

struct CaseIndex::Trees {
  bgi::rtree<PlaceEntry, bgi::quadratic<16>> places;
  bgi::rtree<IncidentEntry, bgi::quadratic<16>> incidents;
  Meters largest_incident_radius{0.0};
  /// (officer_id, place_id) -> look-up events, by time.
  std::map<std::pair<std::string, std::string>, std::vector<std::uint32_t>> lookups;
};

CaseIndex::CaseIndex(const ingest::CaseTables& tables, const MatchConfig& config)
    : m_tables(tables), m_config(config), m_trees(std::make_unique<Trees>()) {
  std::vector<PlaceEntry> places;
  for (std::uint32_t i = 0; i < tables.places.size(); ++i) {
    const auto& p = tables.places[i];
    DegreeBox core = point_box(p.point);
    for (const auto& v : p.polygon) {
      core.lat_min = std::min(core.lat_min, v.lat), core.lat_max = std::max(core.lat_max, v.lat);
      core.lon_min = std::min(core.lon_min, v.lon), core.lon_max = std::max(core.lon_max, v.lon);
    }
    for (const auto& b : boxes_around(core, p.radius))
      places.emplace_back(Box2(Point2(b.lon_min, b.lat_min), Point2(b.lon_max, b.lat_max)), i);
  }
  m_trees->places = decltype(m_trees->places)(places);  // bulk load: deterministic packing

  std::vector<IncidentEntry> incidents;
  for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    m_trees->largest_incident_radius = std::max(m_trees->largest_incident_radius, inc.radius);
    incidents.emplace_back(Box3(Point3(inc.location.lon, inc.location.lat, ms(inc.opened - config.incident_before)),
                                Point3(inc.location.lon, inc.location.lat, ms(inc.closed + config.incident_after))),
                           i);
  }
  m_trees->incidents = decltype(m_trees->incidents)(incidents);

  m_incidents_at_place.resize(tables.places.size());
  for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    std::vector<std::uint32_t> at = places_at(inc.location);
    if (!inc.place_id.empty()) {
      const auto it = std::lower_bound(tables.places.begin(), tables.places.end(), inc.place_id,
                                       [](const ingest::PlaceRow& p, const std::string& id) { return p.place_id < id; });
      if (it != tables.places.end() && it->place_id == inc.place_id)
        at.push_back(static_cast<std::uint32_t>(it - tables.places.begin()));
    }
    sort_unique(at);
    for (const auto p : at) m_incidents_at_place[p].push_back(i);
  }

  for (std::uint32_t i = 0; i < tables.events.size(); ++i) {
    const auto& e = tables.events[i];
    if (!e.place_id.empty() && is_lookup(config, e.kind)) m_trees->lookups[{e.officer_id, e.place_id}].push_back(i);
  }
  for (auto& [key, list] : m_trees->lookups)
    std::sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::tie(tables.events[a].at, a) < std::tie(tables.events[b].at, b);
    });
}

CaseIndex::~CaseIndex() = default;

std::vector<std::uint32_t> CaseIndex::places_at(LatLon point) const {
  std::vector<std::uint32_t> found;
  thread_local std::vector<PlaceEntry> hits;  // scratch: one per worker, no allocation per dwell
  hits.clear();
  m_trees->places.query(bgi::intersects(Point2(point.lon, point.lat)), std::back_inserter(hits));
  for (const auto& [box, i] : hits)
    if (place_holds(m_tables.places[i], point)) found.push_back(i);
  sort_unique(found);
  return found;
}

std::vector<std::uint32_t> CaseIndex::incidents_near(LatLon centre, Meters extra, Instant start, Instant end) const {
  std::vector<std::uint32_t> found;
  thread_local std::vector<IncidentEntry> hits;  // scratch: one per worker, no allocation per dwell
  hits.clear();
  for (const auto& b : boxes_around(point_box(centre), extra + m_trees->largest_incident_radius))
    m_trees->incidents.query(bgi::intersects(Box3(Point3(b.lon_min, b.lat_min, ms(start)), Point3(b.lon_max, b.lat_max, ms(end)))),
                             std::back_inserter(hits));
  for (const auto& [box, i] : hits) {
    const auto& inc = m_tables.incidents[i];
    if (geodesic_distance(centre, inc.location) <= inc.radius + extra) found.push_back(i);
  }
  sort_unique(found);
  return found;
}

std::optional<std::pair<std::uint32_t, Meters>> CaseIndex::nearest_incident(LatLon centre, Instant start,
                                                                           Instant end) const {
  // Candidates are ranked by their distance on a sphere of the mean Earth radius (haversine),
  // which differs from the WGS84 geodesic by less than 0.6% anywhere; only those within 1.5% of
  // the best get the geodesic, which decides.
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  constexpr double kMeanRadius = 6'371'008.8;
  const double cos_centre = std::cos(centre.lat * kRadians);
  const auto sphere = [&](LatLon at) {
    const double s_lat = std::sin((at.lat - centre.lat) * kRadians / 2);
    const double s_lon = std::sin(wrap_longitude(at.lon - centre.lon) * kRadians / 2);
    const double h = s_lat * s_lat + cos_centre * std::cos(at.lat * kRadians) * s_lon * s_lon;
    return 2 * kMeanRadius * std::asin(std::min(1.0, std::sqrt(h)));
  };
  // Growing boxes: a box that holds every point within R of the centre settles the answer as soon
  // as the best candidate in it is within R.
  thread_local std::vector<IncidentEntry> hits;  // scratch: one per worker
  for (const double reach : {2'000.0, 25'000.0, std::numeric_limits<double>::infinity()}) {
    hits.clear();
    const auto boxes = std::isfinite(reach) ? boxes_around(point_box(centre), Meters{reach})
                                            : std::vector<DegreeBox>{{-90.0, 90.0, -180.0, 180.0}};
    for (const auto& b : boxes)
      m_trees->incidents.query(
          bgi::intersects(Box3(Point3(b.lon_min, b.lat_min, ms(start)), Point3(b.lon_max, b.lat_max, ms(end)))),
          std::back_inserter(hits));
    thread_local std::vector<double> on_sphere;
    on_sphere.clear();
    double best_sphere = std::numeric_limits<double>::infinity();
    for (const auto& [box, i] : hits) {
      on_sphere.push_back(sphere(m_tables.incidents[i].location));
      best_sphere = std::min(best_sphere, on_sphere.back());
    }
    const double shortlist = best_sphere * 1.015 + 1.0;
    std::optional<std::pair<std::uint32_t, Meters>> best;
    for (std::size_t k = 0; k < hits.size(); ++k) {
      const std::uint32_t i = hits[k].second;
      if (on_sphere[k] > shortlist) continue;
      const Meters d = geodesic_distance(centre, m_tables.incidents[i].location);
      // Ties go to the smaller incident_id, so the answer never depends on the tree's layout.
      if (!best || d < best->second ||
          (d == best->second && m_tables.incidents[i].incident_id < m_tables.incidents[best->first].incident_id))
        best = std::pair{i, d};
    }
    if ((best && best->second.value <= reach) || !std::isfinite(reach)) return best;
  }
  return std::nullopt;
}

const std::vector<std::uint32_t>& CaseIndex::lookups_of(const std::string& officer,
                                                        const std::string& place_id) const {
  static const std::vector<std::uint32_t> none;
  const auto it = m_trees->lookups.find({officer, place_id});
  return it == m_trees->lookups.end() ? none : it->second;
}

const std::vector<std::uint32_t>& CaseIndex::incidents_at_place(std::uint32_t place) const {
  return m_incidents_at_place.at(place);
}

DwellMatch classify(const CaseIndex& index, const duty::Roster& roster, const DwellFacts& dwell) {
  const auto& tables = index.tables();
  DwellMatch m;
  m.crew = duty::crew_during(roster, dwell.vehicle_id, dwell.start, dwell.end);
  const Millis on_duty = m.crew.on_duty_length();
  m.partial_duty = on_duty > Millis{0} && on_duty < dwell.end - dwell.start;
  m.places = index.places_at(dwell.centre);
  const bool at_base = std::any_of(m.places.begin(), m.places.end(),
                                   [&](std::uint32_t p) { return tables.places[p].kind == ingest::PlaceKind::base; });
  const std::string vehicle(dwell.vehicle_id);
  for (const auto i : index.incidents_near(dwell.centre, dwell.radius, dwell.start, dwell.end)) {
    const auto& inc = tables.incidents[i];
    const bool unit_named = contains(inc.vehicle_ids, vehicle) ||
                            std::any_of(m.crew.officer_ids.begin(), m.crew.officer_ids.end(),
                                        [&](const std::string& o) { return contains(inc.officer_ids, o); }) ||
                            std::any_of(m.crew.callsigns.begin(), m.crew.callsigns.end(),
                                        [&](const std::string& c) { return contains(inc.callsigns, c); });
    if (index.config().any_unit || !inc.names_units() || unit_named) m.incidents.push_back(i);
  }
  std::sort(m.incidents.begin(), m.incidents.end(), [&](std::uint32_t a, std::uint32_t b) {
    return tables.incidents[a].incident_id < tables.incidents[b].incident_id;
  });
  if (const auto nearest = index.nearest_incident(dwell.centre, dwell.start, dwell.end)) {
    m.nearest_incident = nearest->first;
    m.nearest_incident_distance = nearest->second;
  }
  m.dwell_class = at_base                    ? DwellClass::base
                  : !m.incidents.empty()     ? DwellClass::incident
                  : on_duty > Millis{0}      ? DwellClass::unexplained
                                             : DwellClass::off_duty;
  return m;
}

Attendance attendance(const ingest::CaseTables& tables, const duty::Roster& roster,
                      const std::vector<DwellFacts>& dwells, const std::vector<DwellMatch>& matches) {
  Attendance a;
  a.vehicles.resize(tables.incidents.size());
  a.officers.resize(tables.incidents.size());
  std::map<std::string_view, std::vector<const ingest::ShiftRow*>> shifts_with_callsign;
  for (const auto& shift : roster.shifts)
    if (!shift.callsign.empty()) shifts_with_callsign[shift.callsign].push_back(&shift);
  for (std::size_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    a.vehicles[i] = inc.vehicle_ids;
    a.officers[i] = inc.officer_ids;
    // A named callsign stands for whoever worked a shift with it while the incident was open.
    for (const auto& callsign : inc.callsigns) {
      const auto found = shifts_with_callsign.find(callsign);
      if (found == shifts_with_callsign.end()) continue;
      for (const auto* shift : found->second)
        if (shift->start <= inc.closed && shift->end > inc.opened) a.officers[i].push_back(shift->officer_id);
    }
  }
  for (std::size_t d = 0; d < dwells.size(); ++d)
    for (const auto i : matches[d].incidents) {
      a.vehicles[i].emplace_back(dwells[d].vehicle_id);
      a.officers[i].insert(a.officers[i].end(), matches[d].crew.officer_ids.begin(), matches[d].crew.officer_ids.end());
    }
  for (auto& v : a.vehicles) sort_unique(v);
  for (auto& v : a.officers) sort_unique(v);
  return a;
}

void add_flags(const CaseIndex& index, const Attendance& attended, const DwellFacts& dwell, DwellMatch& match) {
  if (match.dwell_class != DwellClass::unexplained) return;
  const auto& tables = index.tables();
  const std::string vehicle(dwell.vehicle_id);
  std::vector<std::uint32_t> flagged_incidents;
  for (const auto p : match.places) {
    for (const auto i : index.incidents_at_place(p)) {
      const auto& inc = tables.incidents[i];
      if (inc.closed > dwell.start) continue;
      if (contains(flagged_incidents, i)) {
        // One flag per incident; it names the place the incident itself names, when visited.
        if (tables.places[p].place_id == inc.place_id)
          for (auto& f : match.flags)
            if (f.kind == FlagKind::revisit_after_closure && f.evidence == i) f.place = p;
        continue;
      }
      std::optional<std::string> who;
      if (contains(attended.vehicles[i], vehicle)) who = "";
      for (const auto& o : match.crew.officer_ids)
        if (!who && contains(attended.officers[i], o)) who = o;
      if (!who) continue;
      match.flags.push_back(Flag{FlagKind::revisit_after_closure, p, i, dwell.start - inc.closed, *who});
      flagged_incidents.push_back(i);
      std::sort(flagged_incidents.begin(), flagged_incidents.end());
    }
  }
  const Millis window = index.config().lookup_window;
  for (const auto p : match.places) {
    for (const auto& officer : match.crew.officer_ids) {
      const auto& lookups = index.lookups_of(officer, tables.places[p].place_id);
      for (const auto e : lookups) {
        const Instant at = tables.events[e].at;
        if (at > dwell.start) break;
        if (at >= dwell.start - window)
          match.flags.push_back(Flag{FlagKind::lookup_then_visit, p, e, dwell.start - at, officer});
      }
    }
  }
  // By kind, then evidence as written (docs/analyse.md): incident_id, or the event's row. Row
  // indices would follow the tables' sort order ((opened, id); (officer, time)) instead.
  std::sort(match.flags.begin(), match.flags.end(), [&](const Flag& a, const Flag& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.evidence != b.evidence) {
      if (a.kind == FlagKind::revisit_after_closure)
        return tables.incidents[a.evidence].incident_id < tables.incidents[b.evidence].incident_id;
      return tables.events[a.evidence].source < tables.events[b.evidence].source;
    }
    return a.place < b.place;
  });
}

void report_unseen_units(const ingest::CaseTables& tables, const duty::Roster& roster,
                         const std::vector<std::string>& ping_vehicles, ProblemSink& problems) {
  std::vector<std::string> officers, callsigns;
  for (const auto& s : roster.shifts) {
    officers.push_back(s.officer_id);
    if (!s.callsign.empty()) callsigns.push_back(s.callsign);
  }
  sort_unique(officers);
  sort_unique(callsigns);
  // A roster vehicle that never pings would make every dwell of the real vehicle look off duty.
  for (const auto& s : tables.shifts)
    if (!s.vehicle_id.empty() && !contains(ping_vehicles, s.vehicle_id))
      problems.report(s.source, ProblemCode::unit_not_seen, "vehicle_id",
                      "vehicle '" + s.vehicle_id + "' of shift " + s.shift_id + " never appears in the pings");
  for (const auto& a : tables.assignments)
    if (!contains(ping_vehicles, a.vehicle_id))
      problems.report(a.source, ProblemCode::unit_not_seen, "vehicle_id",
                      "vehicle '" + a.vehicle_id + "' assigned to " + a.officer_id + " never appears in the pings");
  for (const auto& inc : tables.incidents) {
    const SourceRef where = inc.sources.empty() ? SourceRef{} : inc.sources.front();
    const auto warn = [&](const std::vector<std::string>& units, const std::vector<std::string>& known,
                          const char* field, const char* where_not) {
      for (const auto& u : units)
        if (!contains(known, u))
          problems.report(where, ProblemCode::unit_not_seen, field,
                          "unit '" + u + "' of incident " + inc.incident_id + " never appears in " + where_not);
    };
    warn(inc.vehicle_ids, ping_vehicles, "vehicle_id", "the pings");
    warn(inc.officer_ids, officers, "officer_id", "the shifts");
    warn(inc.callsigns, callsigns, "callsign", "the shifts");
  }
}

}  // namespace shiftline::match
