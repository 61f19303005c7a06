#include "shiftline/match/match.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
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
using PlaceEntry = std::pair<Box2, PlaceIndex>;
using IncidentEntry = std::pair<Box3, IncidentIndex>;

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
    case DwellClass::duty_unknown: return "duty_unknown";
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

std::string_view name(AttendedBy a) noexcept {
  switch (a) {
    case AttendedBy::named_officer: return "named_officer";
    case AttendedBy::named_vehicle: return "named_vehicle";
    case AttendedBy::named_callsign: return "named_callsign";
    case AttendedBy::on_scene: return "on_scene";
  }
  return "unknown";
}

Millis TimeSplit::of(DwellClass c) const noexcept {
  switch (c) {
    case DwellClass::base: return base;
    case DwellClass::incident: return incident;
    case DwellClass::unexplained: return unexplained;
    case DwellClass::off_duty: return off_duty;
    case DwellClass::duty_unknown: return duty_unknown;
  }
  return Millis{0};
}

void TimeSplit::add(DwellClass c, Millis length) noexcept {
  switch (c) {
    case DwellClass::base: base += length; break;
    case DwellClass::incident: incident += length; break;
    case DwellClass::unexplained: unexplained += length; break;
    case DwellClass::off_duty: off_duty += length; break;
    case DwellClass::duty_unknown: duty_unknown += length; break;
  }
}

struct PlaceShape::Polygon {
  bg::model::polygon<Point2> shape;
};

PlaceShape::PlaceShape(const ingest::PlaceRow& place) : m_place(&place) {
  if (place.polygon.empty()) return;
  m_polygon = std::make_unique<Polygon>();
  for (const auto& v : place.polygon) bg::append(m_polygon->shape.outer(), Point2(v.lon, v.lat));
  for (const auto& hole : place.holes) {
    m_polygon->shape.inners().emplace_back();
    for (const auto& v : hole) bg::append(m_polygon->shape.inners().back(), Point2(v.lon, v.lat));
  }
  bg::correct(m_polygon->shape);
}
PlaceShape::~PlaceShape() = default;
PlaceShape::PlaceShape(PlaceShape&&) noexcept = default;
PlaceShape& PlaceShape::operator=(PlaceShape&&) noexcept = default;

Meters PlaceShape::distance(LatLon point) const {
  if (!m_polygon) return geodesic_distance(m_place->point, point);
  // covered_by: inside the outer ring and not strictly inside a hole (a hole's ring is boundary).
  if (bg::covered_by(Point2(point.lon, point.lat), m_polygon->shape)) return Meters{0.0};
  return boundary_distance(point);
}

bool PlaceShape::within(LatLon point, Meters r) const {
  if (!m_polygon) return geodesic_within(m_place->point, point, r);
  return distance(point) <= r;
}

Meters PlaceShape::signed_distance(LatLon point) const {
  if (!m_polygon) return geodesic_distance(m_place->point, point);
  const Meters boundary = boundary_distance(point);
  return bg::covered_by(Point2(point.lon, point.lat), m_polygon->shape) ? Meters{-boundary.value} : boundary;
}

// The distance to the nearest point of the outer ring or of a hole's ring.
Meters PlaceShape::boundary_distance(LatLon point) const {
  Meters nearest{std::numeric_limits<double>::infinity()};
  const auto along = [&](const std::vector<LatLon>& ring) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
      nearest = std::min(nearest, geodesic_distance(point, nearest_on_segment(point, ring[i], ring[i + 1])));
  };
  along(m_place->polygon);
  for (const auto& hole : m_place->holes) along(hole);
  return nearest;
}

Meters distance_to_place(const ingest::PlaceRow& place, LatLon point) { return PlaceShape(place).distance(point); }

bool place_holds(const ingest::PlaceRow& place, LatLon point) { return distance_to_place(place, point) <= place.radius; }

// What the robustness grid's points share (CaseIndex(base, config, factor)): everything but the
// incident tree, which holds the incident windows of the config.
struct CaseIndex::Places {
  bgi::rtree<PlaceEntry, bgi::quadratic<16>> places;
  /// (officer_id, place_id) -> look-up events, by time.
  std::map<std::pair<std::string, std::string>, std::vector<EventIndex>> lookups;
  /// Per place: its shape, built once (a query allocates nothing).
  std::vector<PlaceShape> shapes;
  /// Per incident: the polygon place whose area it has (located by a polygon place), else none.
  std::vector<std::optional<PlaceIndex>> incident_polygon;
  /// Per place (PlaceIndex::value): the incidents located at it.
  std::vector<std::vector<IncidentIndex>> incidents_at_place;
};

// The incident tree. Its boxes mix degrees (a city spans a tenth of one) and milliseconds (a month
// spans 2.6e9), and Boost's bulk loading splits along the widest axis: every node would be a
// slice of time across the whole area, and a query near one place walks every incident of its
// hours. So the tree holds each box with time scaled to count an hour as 0.01 degree (about a
// kilometre; kMsPerUnit), and splits by place as well as time. Dividing by a positive constant is
// monotonic, so the scaled query finds every box the exact one meets (and maybe a few that only
// touch after rounding); `query` then keeps exactly the hits of the exact boxes by the same test.
struct CaseIndex::Trees {
  static constexpr double kMsPerUnit = 3'600'000.0 / 0.01;
  using Scaled = std::pair<Box3, std::uint32_t>;  // the scaled box, and the entry in `exact`
  bgi::rtree<Scaled, bgi::quadratic<16>> scaled;
  std::vector<IncidentEntry> exact;
  Meters largest_incident_radius{0.0};

  static Box3 scale(const Box3& b) {
    return Box3(Point3(bg::get<0>(b.min_corner()), bg::get<1>(b.min_corner()), bg::get<2>(b.min_corner()) / kMsPerUnit),
                Point3(bg::get<0>(b.max_corner()), bg::get<1>(b.max_corner()), bg::get<2>(b.max_corner()) / kMsPerUnit));
  }
  void build(std::vector<IncidentEntry> entries) {
    exact = std::move(entries);
    std::vector<Scaled> boxes;
    boxes.reserve(exact.size());
    for (std::uint32_t k = 0; k < exact.size(); ++k) boxes.emplace_back(scale(exact[k].first), k);
    scaled = decltype(scaled)(boxes);
  }
  /// Appends to `out` every entry whose box intersects `box` (bg::intersects, as a tree query).
  void query(const Box3& box, std::vector<IncidentEntry>& out) const {
    thread_local std::vector<Scaled> candidates;  // scratch: one per worker
    candidates.clear();
    scaled.query(bgi::intersects(scale(box)), std::back_inserter(candidates));
    for (const auto& c : candidates)
      if (bg::intersects(exact[c.second].first, box)) out.push_back(exact[c.second]);
  }
};

namespace {

DegreeBox ring_box(LatLon point, const std::vector<LatLon>& ring) {
  DegreeBox core = point_box(point);
  for (const auto& v : ring) {
    core.lat_min = std::min(core.lat_min, v.lat), core.lat_max = std::max(core.lat_max, v.lat);
    core.lon_min = std::min(core.lon_min, v.lon), core.lon_max = std::max(core.lon_max, v.lon);
  }
  return core;
}

std::optional<PlaceIndex> place_index(const ingest::CaseTables& tables, const std::string& place_id) {
  if (place_id.empty()) return std::nullopt;
  const auto it = std::lower_bound(tables.places.begin(), tables.places.end(), place_id,
                                   [](const ingest::PlaceRow& p, const std::string& id) { return p.place_id < id; });
  if (it == tables.places.end() || it->place_id != place_id) return std::nullopt;
  return PlaceIndex{static_cast<std::uint32_t>(it - tables.places.begin())};
}

}  // namespace

CaseIndex::CaseIndex(const ingest::CaseTables& tables, const MatchConfig& config)
    : m_tables(tables), m_config(config) {
  const auto built = std::make_shared<Places>();
  m_places = built;  // places_at, below, reads it while it is built
  Places& shared = *built;
  std::vector<PlaceEntry> places;
  shared.shapes.reserve(tables.places.size());
  for (std::uint32_t i = 0; i < tables.places.size(); ++i) {
    const auto& p = tables.places[i];
    shared.shapes.emplace_back(p);
    for (const auto& b : boxes_around(ring_box(p.point, p.polygon), p.radius))
      places.emplace_back(Box2(Point2(b.lon_min, b.lat_min), Point2(b.lon_max, b.lat_max)), PlaceIndex{i});
  }
  shared.places = decltype(shared.places)(places);  // bulk load: deterministic packing

  shared.incident_polygon.assign(tables.incidents.size(), std::nullopt);
  for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    if (const auto p = place_index(tables, inc.place_id); inc.located_by_place && p && !tables.place(*p).polygon.empty())
      shared.incident_polygon[i] = *p;
  }
  build_incident_tree();

  shared.incidents_at_place.resize(tables.places.size());
  for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    std::vector<PlaceIndex> at = places_at(inc.location);
    if (const auto p = place_index(tables, inc.place_id)) at.push_back(*p);
    sort_unique(at);
    for (const PlaceIndex p : at) shared.incidents_at_place[p.value].push_back(IncidentIndex{i});
  }

  for (std::uint32_t i = 0; i < tables.events.size(); ++i) {
    const auto& e = tables.events[i];
    if (!e.place_id.empty() && is_lookup(config, e.kind))
      shared.lookups[{e.officer_id, e.place_id}].push_back(EventIndex{i});
  }
  for (auto& [key, list] : shared.lookups)
    std::sort(list.begin(), list.end(), [&](EventIndex a, EventIndex b) {
      return std::tie(tables.event(a).at, a) < std::tie(tables.event(b).at, b);
    });
}

CaseIndex::CaseIndex(const CaseIndex& base, const MatchConfig& config, double incident_radius_factor)
    : m_tables(base.m_tables), m_config(config), m_places(base.m_places), m_radius_factor(incident_radius_factor) {
  // The shared parts were built from the base's look-up kinds: another set would need them rebuilt.
  if (config.lookup_kinds != base.m_config.lookup_kinds)
    throw std::logic_error("CaseIndex: a derived index must keep its base's look-up kinds");
  build_incident_tree();
}

// An incident's box holds its area before its radius: its location, or its polygon place. The
// queries widen their own boxes by the largest incident radius.
void CaseIndex::build_incident_tree() {
  m_trees = std::make_unique<Trees>();
  std::vector<IncidentEntry> incidents;
  for (std::uint32_t i = 0; i < m_tables.incidents.size(); ++i) {
    const auto& inc = m_tables.incidents[i];
    m_trees->largest_incident_radius = std::max(m_trees->largest_incident_radius, incident_radius(IncidentIndex{i}));
    DegreeBox area = point_box(inc.location);
    if (const auto p = m_places->incident_polygon[i]) area = ring_box(inc.location, m_tables.place(*p).polygon);
    // A polygon across the antimeridian is split like a widened box.
    for (const auto& b : boxes_around(area, Meters{0.0}))
      incidents.emplace_back(Box3(Point3(b.lon_min, b.lat_min, ms(inc.opened - m_config.incident_before)),
                                  Point3(b.lon_max, b.lat_max, ms(inc.closed + m_config.incident_after))),
                             IncidentIndex{i});
  }
  m_trees->build(std::move(incidents));
}

Meters CaseIndex::incident_radius(IncidentIndex incident) const {
  const Meters r = m_tables.incident(incident).radius;
  return m_radius_factor == 1.0 ? r : Meters{r.value * m_radius_factor};
}

CaseIndex::~CaseIndex() = default;

std::vector<PlaceIndex> CaseIndex::places_at(LatLon point, Meters extra) const {
  std::vector<PlaceIndex> found;
  thread_local std::vector<PlaceEntry> hits;  // scratch: one per worker, no allocation per dwell
  hits.clear();
  for (const auto& b : boxes_around(point_box(point), extra))
    m_places->places.query(bgi::intersects(Box2(Point2(b.lon_min, b.lat_min), Point2(b.lon_max, b.lat_max))),
                          std::back_inserter(hits));
  for (const auto& [box, i] : hits)
    if (m_places->shapes[i.value].within(point, m_tables.place(i).radius + extra)) found.push_back(i);
  sort_unique(found);
  return found;
}

Meters CaseIndex::incident_distance(IncidentIndex incident, LatLon point) const {
  if (const auto polygon = m_places->incident_polygon.at(incident.value))
    return m_places->shapes[polygon->value].distance(point);
  return geodesic_distance(point, m_tables.incident(incident).location);
}

bool CaseIndex::incident_within(IncidentIndex incident, LatLon point, Meters r) const {
  if (const auto polygon = m_places->incident_polygon.at(incident.value))
    return m_places->shapes[polygon->value].within(point, r);
  return geodesic_within(point, m_tables.incident(incident).location, r);
}

// The incidents among tree hits whose area lies within radius + extra of `centre`.
template <class Hits>
std::vector<IncidentIndex> CaseIndex::near_among(const Hits& hits, LatLon centre, Meters extra) const {
  std::vector<IncidentIndex> found;
  for (const auto& [box, i] : hits)
    if (incident_within(i, centre, incident_radius(i) + extra)) found.push_back(i);
  sort_unique(found);
  return found;
}

// The nearest incident among tree hits (nearest_incident_within's rules).
template <class Hits>
std::optional<std::pair<IncidentIndex, Meters>> CaseIndex::nearest_among(const Hits& hits, LatLon centre,
                                                                         Instant start, Instant end, Meters within,
                                                                         Millis time) const {
  std::optional<std::pair<IncidentIndex, Meters>> best;
  for (const auto& [box, i] : hits) {
    const auto& inc = m_tables.incident(i);
    if (inc.opened > end + time || inc.closed < start - time) continue;
    // Measured only when it may be within reach and no farther than the nearest so far (a tie
    // is measured: the smaller incident_id wins it).
    if (!incident_within(i, centre, within) || (best && !incident_within(i, centre, best->second))) continue;
    const Meters d = incident_distance(i, centre);
    if (d > within) continue;
    if (!best || d < best->second || (d == best->second && inc.incident_id < m_tables.incident(best->first).incident_id))
      best = std::pair{i, d};
  }
  return best;
}

std::vector<IncidentIndex> CaseIndex::incidents_near(LatLon centre, Meters extra, Instant start, Instant end) const {
  thread_local std::vector<IncidentEntry> hits;  // scratch: one per worker, no allocation per dwell
  hits.clear();
  for (const auto& b : boxes_around(point_box(centre), extra + m_trees->largest_incident_radius))
    m_trees->query(Box3(Point3(b.lon_min, b.lat_min, ms(start)), Point3(b.lon_max, b.lat_max, ms(end))), hits);
  return near_among(hits, centre, extra);
}

std::optional<std::pair<IncidentIndex, Meters>> CaseIndex::nearest_incident_within(LatLon centre, Instant start,
                                                                                  Instant end, Meters within,
                                                                                  Millis time) const {
  // A tree box spans [opened - before, closed + after], which holds [opened, closed]: querying
  // [start - time, end + time] finds a superset; the exact rules decide.
  thread_local std::vector<IncidentEntry> hits;  // scratch: one per worker
  hits.clear();
  for (const auto& b : boxes_around(point_box(centre), within))
    m_trees->query(Box3(Point3(b.lon_min, b.lat_min, ms(start - time)), Point3(b.lon_max, b.lat_max, ms(end + time))),
                   hits);
  return nearest_among(hits, centre, start, end, within, time);
}

CaseIndex::NearbyIncidents CaseIndex::incidents_around(LatLon centre, Meters extra, Instant start, Instant end) const {
  const Meters within = m_config.nearest_incident_within;
  const Millis time = m_config.nearest_incident_time;
  const auto near_boxes = boxes_around(point_box(centre), extra + m_trees->largest_incident_radius);
  const auto nearest_boxes = boxes_around(point_box(centre), within);
  if (near_boxes.size() != 1 || nearest_boxes.size() != 1)  // across the antimeridian: as asked one by one
    return {incidents_near(centre, extra, start, end), nearest_incident_within(centre, start, end, within, time)};
  const DegreeBox& n = near_boxes.front();
  const DegreeBox& f = nearest_boxes.front();
  const Box3 near_box(Point3(n.lon_min, n.lat_min, ms(start)), Point3(n.lon_max, n.lat_max, ms(end)));
  const Box3 nearest_box(Point3(f.lon_min, f.lat_min, ms(start - time)), Point3(f.lon_max, f.lat_max, ms(end + time)));
  Box3 joined = near_box;
  bg::expand(joined, nearest_box);
  thread_local std::vector<IncidentEntry> hits, near_hits, nearest_hits;  // scratch: one per worker
  hits.clear();
  near_hits.clear();
  nearest_hits.clear();
  m_trees->query(joined, hits);
  // Each query's own hits, by the tree's own test: what it would have found alone.
  for (const auto& hit : hits) {
    if (bg::intersects(hit.first, near_box)) near_hits.push_back(hit);
    if (bg::intersects(hit.first, nearest_box)) nearest_hits.push_back(hit);
  }
  return {near_among(near_hits, centre, extra), nearest_among(nearest_hits, centre, start, end, within, time)};
}

const std::vector<EventIndex>& CaseIndex::lookups_of(const std::string& officer,
                                                     const std::string& place_id) const {
  static const std::vector<EventIndex> none;
  const auto it = m_places->lookups.find({officer, place_id});
  return it == m_places->lookups.end() ? none : it->second;
}

const std::vector<IncidentIndex>& CaseIndex::incidents_at_place(PlaceIndex place) const {
  return m_places->incidents_at_place.at(place.value);
}

namespace {


Interval clip(Interval a, Interval b) { return {std::max(a.start, b.start), std::min(a.end, b.end)}; }

// The parts of the dwell an incident explains (docs/analyse.md, "Incidents"): inside its window
// [opened - before, closed + after], where its unit rule holds. A named vehicle holds for the
// whole dwell; a named officer or callsign while that officer (or a holder of that callsign) is on
// duty in the vehicle; each unit with its own row's closing. With any-unit, or when the incident
// names no unit, the incident's window alone decides.
std::vector<Interval> explained_parts(const CaseIndex& index, const duty::Roster& roster,
                                      const ingest::IncidentRow& inc, const DwellFacts& dwell,
                                      const duty::CrewOnDuty& crew) {
  const Interval whole{dwell.start, dwell.end};
  const MatchConfig& config = index.config();
  const auto window = [&](Instant closed) { return Interval{inc.opened - config.incident_before, closed + config.incident_after}; };
  std::vector<Interval> parts;
  if (config.any_unit || !inc.names_units()) {
    parts.push_back(clip(window(inc.closed), whole));
  } else {
    if (const auto* u = inc.unit(ingest::UnitKind::vehicle, dwell.vehicle_id)) parts.push_back(clip(window(u->closed), whole));
    for (const duty::Crewing& c : crew.crewings) {
      const auto& shift = roster.shift(c.shift);
      if (const auto* u = inc.unit(ingest::UnitKind::officer, shift.officer_id)) parts.push_back(clip(window(u->closed), c.span));
      if (shift.callsign.empty()) continue;
      if (const auto* u = inc.unit(ingest::UnitKind::callsign, shift.callsign)) parts.push_back(clip(window(u->closed), c.span));
    }
  }
  return duty::merge_intervals(std::move(parts));
}

bool covers(const std::vector<Interval>& spans, Interval piece) {
  return duty::overlap_length(spans, piece) == piece.length();
}

// Every instant of the dwell gets one class: nobody on duty -> duty_unknown where a rejected row or
// a roster conflict leaves duty unknown, else off_duty; on duty -> base at a base, else incident
// inside an explaining incident's part, else unexplained.
std::vector<TimePiece> time_pieces(const DwellFacts& dwell, const duty::CrewOnDuty& crew, bool at_base,
                                   const std::vector<Interval>& explained) {
  std::vector<Instant> cuts{dwell.start, dwell.end};
  for (const auto* spans : {&crew.on_duty, &crew.unknown, &explained})
    for (const Interval& s : *spans) cuts.insert(cuts.end(), {s.start, s.end});
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<TimePiece> pieces;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    const Interval piece{cuts[k], cuts[k + 1]};
    if (piece.start < dwell.start || piece.end > dwell.end) continue;
    DwellClass c = DwellClass::off_duty;
    if (covers(crew.on_duty, piece)) {
      c = at_base ? DwellClass::base : covers(explained, piece) ? DwellClass::incident : DwellClass::unexplained;
    } else if (covers(crew.unknown, piece)) {
      c = DwellClass::duty_unknown;
    }
    if (!pieces.empty() && pieces.back().time_class == c) pieces.back().span.end = piece.end;
    else pieces.push_back(TimePiece{piece, c});
  }
  return pieces;
}

// The class holding most of the dwell's time; a tie goes to the class that accuses least, in the
// order base, incident, duty_unknown, off_duty, unexplained.
DwellClass majority(const TimeSplit& split) {
  DwellClass best = DwellClass::base;
  for (const DwellClass c : {DwellClass::incident, DwellClass::duty_unknown, DwellClass::off_duty, DwellClass::unexplained})
    if (split.of(c) > split.of(best)) best = c;
  return best;
}

std::vector<OfficerTime> officer_times(const duty::Roster& roster, const duty::CrewOnDuty& crew,
                                       const std::vector<TimePiece>& pieces) {
  std::map<std::string_view, OfficerTime> by_officer;
  for (const duty::Crewing& c : crew.crewings) {
    const auto& shift = roster.shift(c.shift);
    OfficerTime& o = by_officer[shift.officer_id];
    o.officer_id = shift.officer_id;
    o.shift_ids.push_back(shift.shift_id);
    o.on_duty.push_back(c.span);
  }
  std::vector<OfficerTime> out;
  for (auto& [id, o] : by_officer) {
    sort_unique(o.shift_ids);
    o.on_duty = duty::merge_intervals(std::move(o.on_duty));
    for (const Interval& i : o.on_duty) o.on_duty_length += i.length();
    for (const TimePiece& p : pieces)
      if (p.time_class == DwellClass::base || p.time_class == DwellClass::unexplained)
        o.unexplained_or_base += duty::overlap_length(o.on_duty, p.span);
    if (!o.on_duty.empty()) out.push_back(std::move(o));
  }
  return out;
}

// Positive overlap with an incident's open time [opened, closed]; an incident opened and closed at
// one instant is met by a span that holds that instant. Touching is not attending.
bool met_while_open(Interval span, Instant opened, Instant closed) {
  if (opened == closed) return span.start <= opened && opened < span.end;
  return std::max(span.start, opened) < std::min(span.end, closed);
}

}  // namespace

DwellMatch classify(const CaseIndex& index, const duty::Roster& roster, const DwellFacts& dwell) {
  const auto& tables = index.tables();
  DwellMatch m;
  m.crew = duty::crew_during(roster, dwell.vehicle_id, dwell.start, dwell.end);
  const Millis on_duty = m.crew.on_duty_length();
  m.partial_duty = on_duty > Millis{0} && on_duty < dwell.end - dwell.start;
  // Places and incidents are tested with the dwell's extent, its radius.
  m.places = index.places_at(dwell.centre, dwell.radius);
  const bool at_base = std::any_of(m.places.begin(), m.places.end(),
                                   [&](PlaceIndex p) { return tables.place(p).kind == ingest::PlaceKind::base; });
  std::vector<Interval> explained;
  auto nearby = index.incidents_around(dwell.centre, dwell.radius, dwell.start, dwell.end);
  for (const IncidentIndex i : nearby.near) {
    const auto parts = explained_parts(index, roster, tables.incident(i), dwell, m.crew);
    if (parts.empty()) continue;  // touching the window, or no named unit in the vehicle
    m.incidents.push_back(i);
    explained.insert(explained.end(), parts.begin(), parts.end());
  }
  explained = duty::merge_intervals(std::move(explained));
  std::sort(m.incidents.begin(), m.incidents.end(), [&](IncidentIndex a, IncidentIndex b) {
    return tables.incident(a).incident_id < tables.incident(b).incident_id;
  });
  if (nearby.nearest) {
    m.nearest_incident = nearby.nearest->first;
    m.nearest_incident_distance = nearby.nearest->second;
  }
  m.pieces = time_pieces(dwell, m.crew, at_base, explained);
  for (const TimePiece& p : m.pieces) m.split.add(p.time_class, p.span.length());
  // A dwell of no length has no time to divide: it is off duty unless at a base.
  m.dwell_class = dwell.end > dwell.start ? majority(m.split) : at_base ? DwellClass::base : DwellClass::off_duty;
  m.officers = officer_times(roster, m.crew, m.pieces);
  return m;
}

Attendance attendance(const CaseIndex& index, const duty::Roster& roster, const std::vector<DwellFacts>& dwells,
                      const std::vector<DwellMatch>& matches) {
  const auto& tables = index.tables();
  Attendance a;
  a.vehicles.resize(tables.incidents.size());
  a.officers.resize(tables.incidents.size());
  std::map<std::string_view, std::vector<ShiftIndex>> shifts_with_callsign;
  for (std::uint32_t s = 0; s < roster.shifts.size(); ++s)
    if (!roster.shifts[s].callsign.empty()) shifts_with_callsign[roster.shifts[s].callsign].push_back(ShiftIndex{s});
  for (std::size_t i = 0; i < tables.incidents.size(); ++i) {
    const auto& inc = tables.incidents[i];
    auto& who = a.officers[i];
    for (const ingest::IncidentUnit& u : inc.units) {
      switch (u.kind) {
        case ingest::UnitKind::officer: who.push_back(Attender{u.id, AttendedBy::named_officer, "", ""}); break;
        case ingest::UnitKind::vehicle: {
          a.vehicles[i].push_back(u.id);
          // Whoever the roster puts on duty in it while this unit was on the incident.
          const auto found = roster.crewings_of_vehicle.find(u.id);
          if (found == roster.crewings_of_vehicle.end()) break;
          for (const duty::Crewing& c : found->second)
            if (met_while_open(c.span, inc.opened, u.closed))
              who.push_back(Attender{roster.shift(c.shift).officer_id, AttendedBy::named_vehicle, u.id,
                                     roster.shift(c.shift).shift_id});
          break;
        }
        case ingest::UnitKind::callsign: {
          // A callsign stands for whoever worked a shift with it while this unit was on the incident.
          const auto found = shifts_with_callsign.find(u.id);
          if (found == shifts_with_callsign.end()) break;
          for (const ShiftIndex s : found->second) {
            const ingest::ShiftRow& shift = roster.shift(s);
            if (met_while_open({shift.start, shift.end}, inc.opened, u.closed))
              who.push_back(Attender{shift.officer_id, AttendedBy::named_callsign, u.id, shift.shift_id});
          }
          break;
        }
      }
    }
  }
  // any-unit: on duty in a vehicle that stayed in the incident's area while it was open. A car
  // parked at a base is at the base, not at the incident.
  if (index.config().any_unit)
    for (std::size_t d = 0; d < dwells.size(); ++d) {
      const DwellMatch& m = matches[d];
      if (std::any_of(m.places.begin(), m.places.end(),
                      [&](PlaceIndex p) { return tables.place(p).kind == ingest::PlaceKind::base; }))
        continue;
      for (const IncidentIndex i : m.incidents) {
        const auto& inc = tables.incident(i);
        bool carried = false;
        for (const duty::Crewing& c : m.crew.crewings)
          if (met_while_open(c.span, inc.opened, inc.closed)) {
            a.officers[i.value].push_back(Attender{roster.shift(c.shift).officer_id, AttendedBy::on_scene,
                                                   std::string(dwells[d].vehicle_id), roster.shift(c.shift).shift_id});
            carried = true;
          }
        if (carried) a.vehicles[i.value].emplace_back(dwells[d].vehicle_id);
      }
    }
  for (auto& v : a.vehicles) sort_unique(v);
  for (auto& v : a.officers) sort_unique(v);
  return a;
}

namespace {

// The first way (in AttendedBy order) `officer` is known to have attended, or null.
const Attender* attended_by(const std::vector<Attender>& attenders, const std::string& officer) {
  const auto it = std::lower_bound(attenders.begin(), attenders.end(), officer,
                                   [](const Attender& a, const std::string& id) { return a.officer_id < id; });
  return it != attenders.end() && it->officer_id == officer ? &*it : nullptr;
}

// One revisit flag per (incident, officer); it names the place the incident itself names, when
// visited, else the first visited place (by place_id).
void add_revisit(DwellMatch& match, const ingest::CaseTables& tables, Flag flag) {
  for (Flag& f : match.flags)
    if (f.kind == FlagKind::revisit_after_closure && f.evidence == flag.evidence && f.officer_id == flag.officer_id) {
      if (tables.place(flag.place).place_id == tables.incident(std::get<IncidentIndex>(flag.evidence)).place_id)
        f.place = flag.place;
      return;
    }
  match.flags.push_back(std::move(flag));
}

}  // namespace

void add_flags(const CaseIndex& index, const Attendance& attended, const DwellFacts& dwell, DwellMatch& match) {
  const auto& tables = index.tables();
  const MatchConfig& config = index.config();
  std::vector<PlaceIndex> bases;
  for (const PlaceIndex p : match.places)
    if (tables.place(p).kind == ingest::PlaceKind::base) bases.push_back(p);
  const auto flag_for = [&](FlagKind kind, PlaceIndex place, Evidence evidence, Millis before, const OfficerTime& o) {
    return Flag{kind, place, evidence, before, o.officer_id, o.shift_ids, o.first(), o.on_duty_length,
                o.unexplained_or_base, std::nullopt, bases};
  };
  // Flags are about addresses: a base is where officers are expected to be.
  for (const PlaceIndex p : match.places) {
    if (tables.place(p).kind == ingest::PlaceKind::base) continue;
    for (const OfficerTime& o : match.officers) {
      const bool enough = o.unexplained_or_base >= config.min_duty_overlap;
      for (const IncidentIndex i : index.incidents_at_place(p)) {
        const auto& inc = tables.incident(i);
        if (inc.closed > o.first()) continue;  // not closed before the officer came
        const Attender* how = attended_by(attended.officers[i.value], o.officer_id);
        if (!how) continue;
        const Millis since = o.first() - inc.closed;
        if (since > config.revisit_within) {
          match.notes.push_back(Note{NoteKind::beyond_revisit_within, FlagKind::revisit_after_closure, p, i, o.officer_id, since});
        } else if (!enough) {
          // Said only when some of their time here is unexplained; all of it explained is no visit.
          if (o.unexplained_or_base > Millis{0})
            match.notes.push_back(
                Note{NoteKind::too_little_duty, FlagKind::revisit_after_closure, p, i, o.officer_id, o.unexplained_or_base});
        } else {
          Flag f = flag_for(FlagKind::revisit_after_closure, p, i, since, o);
          f.attended = *how;
          add_revisit(match, tables, std::move(f));
        }
      }
      for (const EventIndex e : index.lookups_of(o.officer_id, tables.place(p).place_id)) {
        const Instant at = tables.event(e).at;
        if (at > o.first()) break;
        if (at < o.first() - config.lookup_window) continue;
        if (enough)
          match.flags.push_back(flag_for(FlagKind::lookup_then_visit, p, e, o.first() - at, o));
        else if (o.unexplained_or_base > Millis{0})
          match.notes.push_back(Note{NoteKind::too_little_duty, FlagKind::lookup_then_visit, p, e, o.officer_id, o.unexplained_or_base});
      }
    }
    // The vehicle came back to an incident it attended, with none of those officers: context
    // (unless an incident explains all of this dwell).
    const std::string vehicle(dwell.vehicle_id);
    if (match.split.incident >= dwell.end - dwell.start) continue;
    for (const IncidentIndex i : index.incidents_at_place(p)) {
      const auto& inc = tables.incident(i);
      if (inc.closed > dwell.start || !contains(attended.vehicles[i.value], vehicle)) continue;
      const bool crew_attended = std::any_of(match.officers.begin(), match.officers.end(), [&](const OfficerTime& o) {
        return attended_by(attended.officers[i.value], o.officer_id) != nullptr;
      });
      if (!crew_attended)
        match.notes.push_back(Note{NoteKind::vehicle_attended, FlagKind::revisit_after_closure, p, i, "", dwell.start - inc.closed});
    }
  }
  // By kind, then evidence as written (docs/analyse.md): incident_id, or the event's row. Row
  // indices would follow the tables' sort order ((opened, id); (officer, time)) instead.
  // Called only with evidence of one kind (the kinds are compared first).
  const auto evidence_less = [&](const Evidence& a, const Evidence& b) {
    if (const auto* incident = std::get_if<IncidentIndex>(&a))
      return tables.incident(*incident).incident_id < tables.incident(std::get<IncidentIndex>(b)).incident_id;
    return tables.event(std::get<EventIndex>(a)).source < tables.event(std::get<EventIndex>(b)).source;
  };
  std::sort(match.flags.begin(), match.flags.end(), [&](const Flag& a, const Flag& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.evidence != b.evidence) return evidence_less(a.evidence, b.evidence);
    return std::tie(a.place, a.officer_id) < std::tie(b.place, b.officer_id);
  });
  std::sort(match.notes.begin(), match.notes.end(), [&](const Note& a, const Note& b) {
    if (a.about != b.about) return a.about < b.about;
    if (a.evidence != b.evidence) return evidence_less(a.evidence, b.evidence);
    return std::tie(a.kind, a.officer_id, a.place) < std::tie(b.kind, b.officer_id, b.place);
  });
  // One note per (kind, evidence, officer): the first place.
  match.notes.erase(std::unique(match.notes.begin(), match.notes.end(),
                                [](const Note& a, const Note& b) {
                                  return a.kind == b.kind && a.about == b.about && a.evidence == b.evidence &&
                                         a.officer_id == b.officer_id;
                                }),
                    match.notes.end());
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
