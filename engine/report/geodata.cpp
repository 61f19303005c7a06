#include "shiftline/report/geodata.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include "ingest/gdal_internal.hpp"
#include "report/xml_text_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/findings_table.hpp"
#include "shiftline/report/png.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/report/wording.hpp"

namespace shiftline::report {
namespace {

constexpr int kDegreeDecimals = 7;  // the storage resolution (about 1 cm), as in the CSV tables
constexpr int kMetreDecimals = 2;

// ---------------------------------------------------------------------------------------------
// One neutral description of every layer, written three ways (GeoPackage, GeoJSON, KML), so the
// three files cannot disagree about a field.

enum class FieldType : std::uint8_t { text, integer, real, datetime };
enum class GeometryKind : std::uint8_t { point, line, polygon };

struct FieldDef {
  const char* name;
  FieldType type;
};

// A field value. Reals keep the decimal text the CSV tables print (GeoJSON and KML write it as
// is) and the double that text denotes (the GeoPackage stores it), so the files agree digit for
// digit with the CSV.
struct Value {
  FieldType type = FieldType::text;
  bool null = false;
  std::string text;
  double real = 0.0;
  std::int64_t integer = 0;
  Instant time{};
};

double parse_double(const std::string& text) {
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) throw std::logic_error("geodata: not a number: " + text);
  return v;
}

// A coordinate as the CSV prints it (7 decimals), as a double.
double degrees(double v) { return parse_double(format_fixed(v, kDegreeDecimals)); }

struct Feature {
  std::vector<LatLon> coords;  ///< point: 1; line: the vertices (a track may have 1); polygon: closed ring
  std::vector<Instant> when;   ///< per vertex (tracks), else empty
  std::vector<LatLon> area;    ///< a polygon place's ring: GeoJSON and KML draw it instead of the point
  std::vector<std::vector<LatLon>> holes;  ///< a polygon's inner rings (the polygon is coords or area)
  std::vector<Value> values;   ///< parallel to the layer's fields
  // KML only.
  std::string name;
  std::string sentence;  ///< what the placemark is, read out (its description's first line)
  std::string vehicle;  ///< empty: not in a vehicle's folder
  Instant begin{}, end{};
  std::string style;

  Feature& text(std::string s) {
    Value v;
    v.text = std::move(s);
    values.push_back(std::move(v));
    return *this;
  }
  Feature& integer(std::int64_t n) {
    Value v;
    v.type = FieldType::integer;
    v.integer = n;
    v.text = std::to_string(n);
    values.push_back(std::move(v));
    return *this;
  }
  Feature& fixed(double x, int decimals) {
    Value v;
    v.type = FieldType::real;
    v.text = format_fixed(x, decimals);
    v.null = v.text.empty();  // not finite
    if (!v.null) v.real = parse_double(v.text);
    values.push_back(std::move(v));
    return *this;
  }
  Feature& seconds(Millis d) {
    Value v;
    v.type = FieldType::real;
    v.text = format_seconds(d);
    v.real = parse_double(v.text);
    values.push_back(std::move(v));
    return *this;
  }
  Feature& time(Instant t) {
    Value v;
    v.type = FieldType::datetime;
    v.time = t;
    v.text = format_utc(t);
    values.push_back(std::move(v));
    return *this;
  }
  Feature& null(FieldType type) {
    Value v;
    v.type = type;
    v.null = true;
    values.push_back(std::move(v));
    return *this;
  }
};

// A piece of a vehicle's track: between two gaps, and within one local day (--tz).
struct Segment {
  std::size_t first = 0;   ///< track indices, inclusive
  std::size_t last = 0;
  std::size_t number = 1;  ///< the vehicle's track between gaps that it is part of, from 1
  std::chrono::year_month_day day{};  ///< the local day of its pings
};

struct Context {
  const pipeline::Analysis& a;
  const TimeZone* zone;
  Speed reach_speed;
  bool smoothed;
  std::vector<std::string> names;             ///< display names of the run's inputs
  std::vector<std::vector<Segment>> segments;  ///< per vehicle: the track between gaps, cut at local midnight
  Instant first{}, last{};                     ///< first and last ping of the case
  bool claims_given = false;
  const findings::Findings* found = nullptr;  ///< the run's findings; null: no findings layer
  bool track_steps = false;                   ///< with the track_steps layer (report.gpkg only)

  [[nodiscard]] std::string row(SourceRef ref) const { return names.at(ref.file) + ":" + std::to_string(ref.line); }
  [[nodiscard]] std::string local(Instant t) const { return format_local(zone, t); }
};

using Emit = std::function<void(Feature&&)>;

struct LayerDef {
  const char* name;
  GeometryKind geometry;
  const char* description;
  std::vector<FieldDef> fields;
  void (*build)(const Context&, const Emit&);
  bool in_geojson = true;
  bool in_kml = true;
  bool measured = false;  ///< GeoPackage lines with each vertex's time as M (Unix seconds)
};

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

// The pings first..last of a track between gaps, cut at each local midnight: one piece per local
// day, so that a day's KML folder and a time filter on `start`/`end` show that day's driving. No
// vertex is made up at midnight; the step from a day's last ping to the next day's first is in
// neither day's line, and is a feature of track_steps.
void add_day_pieces(const clean::Track& t, std::size_t first, std::size_t last, std::size_t number,
                    const TimeZone* zone, std::vector<Segment>& out) {
  while (first <= last) {
    const std::chrono::year_month_day day = local_date(zone, t.time[first]);
    const Instant next = local_midnight(zone, std::chrono::local_days{day} + std::chrono::days{1});
    const auto end = std::lower_bound(t.time.begin() + static_cast<std::ptrdiff_t>(first),
                                      t.time.begin() + static_cast<std::ptrdiff_t>(last + 1), next);
    const auto piece_last = static_cast<std::size_t>(end - t.time.begin()) - 1;
    out.push_back({first, piece_last, number, day});
    first = piece_last + 1;
  }
}

// The track between gaps, by local day: a gap's two pings are consecutive track points, so each
// gap ends one segment and starts the next.
std::vector<Segment> segments_of(const pipeline::VehicleResult& v, const std::string& vehicle, const TimeZone* zone) {
  const clean::Track& t = v.track;
  if (t.empty()) {
    if (v.pings_used > 0)
      throw std::invalid_argument("geodata: vehicle '" + vehicle +
                                  "' has pings but no track; run the pipeline with keep_tracks");
    return {};
  }
  std::vector<Segment> out;
  std::size_t first = 0;
  std::size_t number = 1;
  for (const pipeline::GapRecord& g : v.gaps) {
    const auto it = std::lower_bound(t.time.begin(), t.time.end(), g.start);
    if (it == t.time.end() || *it != g.start || it + 1 == t.time.end() || *(it + 1) != g.end)
      throw std::logic_error("geodata: a gap of '" + vehicle + "' is not between two consecutive track points");
    const auto k = static_cast<std::size_t>(it - t.time.begin());
    add_day_pieces(t, first, k, number++, zone, out);
    first = k + 1;
  }
  add_day_pieces(t, first, t.size() - 1, number, zone, out);
  return out;
}

Context make_context(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                     const findings::Findings* found) {
  Context c{a, zone, reach_speed, smoothed, {}, {}, {}, {}, false, found};
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  c.names = display_names(paths);
  bool any = false;
  for (const pipeline::VehicleResult& v : a.run.vehicles) {
    c.segments.push_back(segments_of(v, a.run.vehicle_name(v), zone));
    if (v.pings_used == 0) continue;
    c.first = any ? std::min(c.first, v.first_ping) : v.first_ping;
    c.last = any ? std::max(c.last, v.last_ping) : v.last_ping;
    any = true;
  }
  for (const auto& role : a.tables.roles) c.claims_given = c.claims_given || role == "claims";
  return c;
}

// Officers on duty in `vehicle` at the instant `t`: crewings with start <= t < end.
std::string officers_at(const duty::Roster& roster, const std::string& vehicle, Instant t) {
  const auto it = roster.crewings_of_vehicle.find(vehicle);
  if (it == roster.crewings_of_vehicle.end()) return {};
  const auto& crewings = it->second;  // by start
  const auto longest = roster.longest_crewing.find(vehicle);
  const Millis reach = longest == roster.longest_crewing.end() ? Millis{0} : longest->second;
  const auto by_start = [](const duty::Crewing& c, Instant x) { return c.span.start < x; };
  auto from = std::lower_bound(crewings.begin(), crewings.end(), t - reach, by_start);
  std::vector<std::string> ids;
  for (; from != crewings.end() && from->span.start <= t; ++from)
    if (from->span.end > t) ids.push_back(roster.shift(from->shift).officer_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return joined(ids);
}

// Officers on duty in `vehicle` during [start, end] (positive overlap, as dwells.csv), or at the
// instant when the span has no length.
std::string officers_during(const duty::Roster& roster, const std::string& vehicle, Instant start, Instant end) {
  if (end <= start) return officers_at(roster, vehicle, start);
  return joined(duty::crew_during(roster, vehicle, start, end).officer_ids);
}

std::string incident_ids(const pipeline::Analysis& a, const std::vector<IncidentIndex>& incidents) {
  return incident_ids_text(a, incidents);
}

std::string flags_of(const pipeline::Analysis& a, const match::DwellMatch& m, const PlaceIndex* place) {
  return flags_text(a, m, place);
}

// ---------------------------------------------------------------------------------------------
// Layers.

const std::vector<FieldDef> kPingFields{{"vehicle_id", FieldType::text}, {"time", FieldType::datetime},
                                        {"time_local", FieldType::text}, {"source", FieldType::text},
                                        {"officer_ids", FieldType::text}, {"segment", FieldType::integer}};

void build_pings(const Context& c, const Emit& emit) {
  const auto& pings = c.a.run.ingest.pings;
  for (std::size_t k = 0; k < c.a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = c.a.run.vehicles[k];
    const std::string& vehicle = c.a.run.vehicle_name(v);
    std::size_t s = 0;
    for (std::size_t i = 0; i < v.track.size(); ++i) {
      while (i > c.segments[k][s].last) ++s;
      const Instant t = v.track.time[i];
      Feature f;
      f.coords = {v.track.position[i]};
      f.text(vehicle).time(t).text(c.local(t)).text(c.row(pings.source(v.track.ping[i])));
      f.text(officers_at(c.a.roster, vehicle, t)).integer(static_cast<std::int64_t>(c.segments[k][s].number));
      emit(std::move(f));
    }
  }
}

const std::vector<FieldDef> kTrackFields{
    {"vehicle_id", FieldType::text}, {"segment", FieldType::integer},  {"start", FieldType::datetime},
    {"end", FieldType::datetime},    {"start_local", FieldType::text}, {"end_local", FieldType::text},
    {"duration_s", FieldType::real}, {"n_pings", FieldType::integer},  {"first_row", FieldType::text},
    {"last_row", FieldType::text},   {"officer_ids", FieldType::text}, {"local_day", FieldType::text}};

std::string day_text(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return buf;
}

void build_tracks(const Context& c, const Emit& emit) {
  const auto& pings = c.a.run.ingest.pings;
  for (std::size_t k = 0; k < c.a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = c.a.run.vehicles[k];
    const std::string& vehicle = c.a.run.vehicle_name(v);
    for (std::size_t s = 0; s < c.segments[k].size(); ++s) {
      const Segment seg = c.segments[k][s];
      const Instant start = v.track.time[seg.first], end = v.track.time[seg.last];
      Feature f;
      f.coords.assign(v.track.position.begin() + static_cast<std::ptrdiff_t>(seg.first),
                      v.track.position.begin() + static_cast<std::ptrdiff_t>(seg.last + 1));
      f.when.assign(v.track.time.begin() + static_cast<std::ptrdiff_t>(seg.first),
                    v.track.time.begin() + static_cast<std::ptrdiff_t>(seg.last + 1));
      f.text(vehicle).integer(static_cast<std::int64_t>(seg.number)).time(start).time(end);
      f.text(c.local(start)).text(c.local(end)).seconds(end - start);
      f.integer(static_cast<std::int64_t>(seg.last - seg.first + 1));
      f.text(c.row(pings.source(v.track.ping[seg.first]))).text(c.row(pings.source(v.track.ping[seg.last])));
      f.text(officers_during(c.a.roster, vehicle, start, end)).text(day_text(seg.day));
      f.name = vehicle + " track " + std::to_string(seg.number) + ", " + day_text(seg.day);
      f.sentence = vehicle + "'s track " + std::to_string(seg.number) + " (between gaps) on " + day_text(seg.day) +
                   ": " + std::to_string(seg.last - seg.first + 1) + " pings over " + duration_text(end - start);
      f.vehicle = vehicle;
      f.begin = start;
      f.end = end;
      f.style = "track";
      emit(std::move(f));
    }
  }
}

const std::vector<FieldDef> kStepFields{
    {"vehicle_id", FieldType::text}, {"segment", FieldType::integer},  {"start", FieldType::datetime},
    {"end", FieldType::datetime},    {"start_local", FieldType::text}, {"end_local", FieldType::text},
    {"duration_s", FieldType::real}, {"from_row", FieldType::text},    {"to_row", FieldType::text}};

// One feature per step between consecutive pings of a track between gaps (a gap is not a step: it
// is in the gaps layer), for a moving-dot animation: at any instant of the step, the dot is on it.
void build_track_steps(const Context& c, const Emit& emit) {
  const auto& pings = c.a.run.ingest.pings;
  for (std::size_t k = 0; k < c.a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = c.a.run.vehicles[k];
    const std::string& vehicle = c.a.run.vehicle_name(v);
    const auto& pieces = c.segments[k];
    for (std::size_t s = 0; s < pieces.size(); ++s) {
      // The step out of a piece's last ping goes to the next piece's first when both are one
      // track between gaps (the step across local midnight).
      const bool joined = s + 1 < pieces.size() && pieces[s + 1].number == pieces[s].number;
      const std::size_t last = joined ? pieces[s].last + 1 : pieces[s].last;
      for (std::size_t i = pieces[s].first; i < last; ++i) {
        const Instant start = v.track.time[i], end = v.track.time[i + 1];
        Feature f;
        f.coords = {v.track.position[i], v.track.position[i + 1]};
        f.when = {start, end};
        f.text(vehicle).integer(static_cast<std::int64_t>(pieces[s].number)).time(start).time(end);
        f.text(c.local(start)).text(c.local(end)).seconds(end - start);
        f.text(c.row(pings.source(v.track.ping[i]))).text(c.row(pings.source(v.track.ping[i + 1])));
        emit(std::move(f));
      }
    }
  }
}

const std::vector<FieldDef> kDwellFields{
    {"dwell_id", FieldType::text},        {"vehicle_id", FieldType::text},    {"start", FieldType::datetime},
    {"end", FieldType::datetime},         {"start_local", FieldType::text},   {"end_local", FieldType::text},
    {"duration_s", FieldType::real},      {"lat", FieldType::real},           {"lon", FieldType::real},
    {"radius_m", FieldType::real},        {"n_pings", FieldType::integer},    {"bridged_gap_s", FieldType::real},
    {"source_rows", FieldType::text},     {"class", FieldType::text},         {"officer_ids", FieldType::text},
    {"shift_ids", FieldType::text},       {"place_ids", FieldType::text},     {"incident_ids", FieldType::text},
    {"nearest_incident_id", FieldType::text}, {"nearest_incident_m", FieldType::real}, {"flags", FieldType::text},
    {"incident_s", FieldType::real},      {"base_s", FieldType::real},        {"unexplained_s", FieldType::real},
    {"off_duty_s", FieldType::real},      {"duty_unknown_s", FieldType::real}, {"officer_on_duty_s", FieldType::text},
    {"context", FieldType::text}};

void build_dwells(const Context& c, const Emit& emit) {
  const pipeline::Analysis& a = c.a;
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = a.run.vehicles[k];
    const std::string& vehicle = a.run.vehicle_name(v);
    for (std::size_t i = 0; i < v.dwells.size(); ++i) {
      const pipeline::DwellRecord& d = v.dwells[i];
      const match::DwellMatch& m = a.matches.at(k).at(i);
      const std::string id = dwell_id(vehicle, d.sequence);
      const std::string cls(match::name(m.dwell_class));
      std::vector<std::string> places;
      for (const PlaceIndex p : m.places) places.push_back(a.tables.place(p).place_id);
      Feature f;
      f.coords = {d.location};
      f.text(id).text(vehicle).time(d.start).time(d.end).text(c.local(d.start)).text(c.local(d.end));
      f.seconds(d.end - d.start).fixed(d.location.lat, kDegreeDecimals).fixed(d.location.lon, kDegreeDecimals);
      f.fixed(d.radius.value, kMetreDecimals).integer(static_cast<std::int64_t>(d.n_pings)).seconds(d.bridged_gap);
      f.text(source_rows_text(c.names, d)).text(cls).text(joined(m.crew.officer_ids)).text(joined(m.crew.shift_ids));
      f.text(joined(places)).text(incident_ids(a, m.incidents));
      if (m.nearest_incident) {
        f.text(a.tables.incident(*m.nearest_incident).incident_id);
        f.fixed(m.nearest_incident_distance.value, kMetreDecimals);
      } else {
        f.text({}).null(FieldType::real);
      }
      f.text(flags_of(a, m, nullptr));
      f.seconds(m.split.incident).seconds(m.split.base).seconds(m.split.unexplained).seconds(m.split.off_duty);
      f.seconds(m.split.duty_unknown);
      f.text(officer_on_duty_text(m)).text(context_text(a, m, nullptr));
      f.name = id;
      std::vector<std::string> at;
      for (const PlaceIndex p : m.places) at.push_back(place_text(a.tables.place(p).label, a.tables.place(p).place_id));
      f.sentence = vehicle + " stayed " + duration_text(d.end - d.start) + " " +
                   (at.empty() ? std::string("at no listed place") : "at " + listed(at)) + "; class " + cls;
      if (const std::string flags = flags_of(a, m, nullptr); !flags.empty()) f.sentence += "; flags " + flags;
      if (!m.crew.officer_ids.empty()) f.sentence += "; on duty in it: " + listed(m.crew.officer_ids);
      f.vehicle = vehicle;
      f.begin = d.start;
      f.end = d.end;
      f.style = "dwell-" + cls + (m.flags.empty() ? "" : "-flagged");
      emit(std::move(f));
    }
  }
}

const std::vector<FieldDef> kGapFields{
    {"vehicle_id", FieldType::text},  {"start", FieldType::datetime},   {"end", FieldType::datetime},
    {"duration_s", FieldType::real},  {"from_lat", FieldType::real},    {"from_lon", FieldType::real},
    {"to_lat", FieldType::real},      {"to_lon", FieldType::real},      {"moved_m", FieldType::real},
    {"start_local", FieldType::text}, {"end_local", FieldType::text},   {"from_row", FieldType::text},
    {"to_row", FieldType::text},      {"bridged_by_dwell", FieldType::text}, {"officer_ids", FieldType::text}};

void build_gaps(const Context& c, const Emit& emit) {
  for (const pipeline::VehicleResult& v : c.a.run.vehicles) {
    const std::string& vehicle = c.a.run.vehicle_name(v);
    for (std::size_t i = 0; i < v.gaps.size(); ++i) {
      const pipeline::GapRecord& g = v.gaps[i];
      Feature f;
      f.coords = {g.from, g.to};
      f.text(vehicle).time(g.start).time(g.end).seconds(g.end - g.start);
      f.fixed(g.from.lat, kDegreeDecimals).fixed(g.from.lon, kDegreeDecimals);
      f.fixed(g.to.lat, kDegreeDecimals).fixed(g.to.lon, kDegreeDecimals).fixed(g.moved.value, kMetreDecimals);
      f.text(c.local(g.start)).text(c.local(g.end)).text(c.row(g.from_row)).text(c.row(g.to_row));
      f.text(g.bridged_by ? dwell_id(vehicle, *g.bridged_by) : std::string());
      f.text(officers_during(c.a.roster, vehicle, g.start, g.end));
      f.name = vehicle + " gap " + std::to_string(i + 1);
      f.sentence = "No ping from " + vehicle + " for " + duration_text(g.end - g.start) + "; " +
                   metres_text(g.moved) + " in a straight line from the ping before to the ping after";
      f.vehicle = vehicle;
      f.begin = g.start;
      f.end = g.end;
      f.style = "gap";
      emit(std::move(f));
    }
  }
}

const std::vector<FieldDef> kPlaceFields{{"place_id", FieldType::text}, {"label", FieldType::text},
                                         {"kind", FieldType::text},     {"shape", FieldType::text},
                                         {"lat", FieldType::real},      {"lon", FieldType::real},
                                         {"radius_m", FieldType::real}, {"source", FieldType::text}};

Feature place_feature(const Context& c, const ingest::PlaceRow& p) {
  Feature f;
  f.coords = {p.point};
  f.text(p.place_id).text(p.label).text(p.kind == ingest::PlaceKind::base ? "base" : "address");
  f.text(p.polygon.empty() ? "point" : "polygon");
  f.fixed(p.point.lat, kDegreeDecimals).fixed(p.point.lon, kDegreeDecimals).fixed(p.radius.value, kMetreDecimals);
  f.text(c.row(p.source));
  f.name = p.place_id;
  f.sentence = place_text(p.label, p.place_id) + ", " + (p.kind == ingest::PlaceKind::base ? "a base" : "an address");
  f.begin = c.first;  // a place has no time of its own: shown throughout the case
  f.end = c.last;
  f.style = "place";
  return f;
}

void build_places(const Context& c, const Emit& emit) {
  for (const auto& p : c.a.tables.places) {
    Feature f = place_feature(c, p);
    f.area = p.polygon;
    f.holes = p.holes;
    emit(std::move(f));
  }
}

void build_place_areas(const Context& c, const Emit& emit) {
  for (const auto& p : c.a.tables.places) {
    if (p.polygon.empty()) continue;
    Feature f = place_feature(c, p);
    f.coords = p.polygon;
    f.holes = p.holes;
    emit(std::move(f));
  }
}

const std::vector<FieldDef> kIncidentFields{
    {"incident_id", FieldType::text},  {"type", FieldType::text},         {"opened", FieldType::datetime},
    {"closed", FieldType::datetime},   {"opened_local", FieldType::text}, {"closed_local", FieldType::text},
    {"closed_given", FieldType::text}, {"place_id", FieldType::text},     {"lat", FieldType::real},
    {"lon", FieldType::real},          {"radius_m", FieldType::real},     {"vehicle_ids", FieldType::text},
    {"officer_ids", FieldType::text},  {"callsigns", FieldType::text},    {"source_rows", FieldType::text}};

void build_incidents(const Context& c, const Emit& emit) {
  for (const auto& inc : c.a.tables.incidents) {
    std::vector<std::string> rows;
    for (const auto& s : inc.sources) rows.push_back(c.row(s));
    Feature f;
    f.coords = {inc.location};
    f.text(inc.incident_id).text(inc.type).time(inc.opened).time(inc.closed);
    f.text(c.local(inc.opened)).text(c.local(inc.closed)).text(inc.closed_given ? "yes" : "no").text(inc.place_id);
    f.fixed(inc.location.lat, kDegreeDecimals).fixed(inc.location.lon, kDegreeDecimals);
    f.fixed(inc.radius.value, kMetreDecimals).text(joined(inc.vehicle_ids)).text(joined(inc.officer_ids));
    f.text(joined(inc.callsigns)).text(joined(rows));
    f.name = inc.incident_id;
    f.sentence = "Incident " + inc.incident_id + (inc.type.empty() ? "" : " (" + inc.type + ")") +
                 (inc.place_id.empty() ? "" : " at " + inc.place_id) +
                 (inc.vehicle_ids.empty() ? "" : "; units named: " + listed(inc.vehicle_ids));
    f.begin = inc.opened;
    f.end = inc.closed;
    f.style = "incident";
    emit(std::move(f));
  }
}

const std::vector<FieldDef> kVisitFields{
    {"place_id", FieldType::text},    {"label", FieldType::text},         {"vehicle_id", FieldType::text},
    {"officer_ids", FieldType::text}, {"start", FieldType::datetime},     {"end", FieldType::datetime},
    {"start_local", FieldType::text}, {"end_local", FieldType::text},     {"duration_s", FieldType::real},
    {"class", FieldType::text},       {"incident_ids", FieldType::text},  {"flags", FieldType::text},
    {"dwell_id", FieldType::text},    {"place_kind", FieldType::text},    {"distance_m", FieldType::real},
    {"shift_ids", FieldType::text},   {"shape_distance_m", FieldType::real}, {"unexplained_s", FieldType::real},
    {"context", FieldType::text}};

// visits.csv's rows and order: by place_id, then start, then vehicle.
void build_visits(const Context& c, const Emit& emit) {
  const pipeline::Analysis& a = c.a;
  struct Row {
    PlaceIndex place;
    std::size_t vehicle, dwell;
  };
  std::vector<Row> rows;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d)
      for (const PlaceIndex p : a.matches[k][d].places) rows.push_back({p, k, d});
  const auto start = [&a](const Row& r) { return a.run.vehicles[r.vehicle].dwells[r.dwell].start; };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
    return std::tuple(x.place, start(x), x.vehicle) < std::tuple(y.place, start(y), y.vehicle);
  });
  for (const Row& r : rows) {
    const auto& place = a.tables.place(r.place);
    const pipeline::VehicleResult& v = a.run.vehicles[r.vehicle];
    const pipeline::DwellRecord& d = v.dwells[r.dwell];
    const match::DwellMatch& m = a.matches[r.vehicle][r.dwell];
    const std::string& vehicle = a.run.vehicle_name(v);
    Feature f;
    f.coords = {d.location};
    f.text(place.place_id).text(place.label).text(vehicle).text(joined(m.crew.officer_ids));
    f.time(d.start).time(d.end).text(c.local(d.start)).text(c.local(d.end)).seconds(d.end - d.start);
    f.text(std::string(match::name(m.dwell_class))).text(incident_ids(a, m.incidents));
    f.text(flags_of(a, m, &r.place)).text(dwell_id(vehicle, d.sequence));
    f.text(place.kind == ingest::PlaceKind::base ? "base" : "address");
    f.fixed(geodesic_distance(place.point, d.location).value, kMetreDecimals).text(joined(m.crew.shift_ids));
    f.fixed(match::distance_to_place(place, d.location).value, kMetreDecimals).seconds(m.split.unexplained);
    f.text(context_text(a, m, &r.place));
    emit(std::move(f));
  }
}

const std::vector<FieldDef> kClaimFields{
    {"claim_id", FieldType::text},          {"verdict", FieldType::text},
    {"feasible", FieldType::text},          {"inside_s", FieldType::real},
    {"outside_s", FieldType::real},         {"unobserved_s", FieldType::real},
    {"max_possible_stay_s", FieldType::real}, {"nearest_m", FieldType::real},
    {"nearest_at", FieldType::datetime},    {"evidence_rows", FieldType::text},
    {"explanation", FieldType::text},       {"assertion", FieldType::text},
    {"subject", FieldType::text},           {"subject_id", FieldType::text},
    {"vehicles", FieldType::text},          {"place_id", FieldType::text},
    {"place_lat", FieldType::real},         {"place_lon", FieldType::real},
    {"radius_m", FieldType::real},          {"start", FieldType::datetime},
    {"end", FieldType::datetime},           {"start_local", FieldType::text},
    {"end_local", FieldType::text},         {"basis", FieldType::text},
    {"bridged_s", FieldType::real},         {"no_vehicle_s", FieldType::real},
    {"nearest_at_local", FieldType::text},  {"nearest_row", FieldType::text},
    {"note", FieldType::text},              {"source", FieldType::text}};

// The claim, its verdict and the figures behind it, as claims.csv has them (a subset of its columns,
// in its order): one feature per claim in the table's order, at the claim's place point.
void build_claims(const Context& c, const Emit& emit) {
  const pipeline::Analysis& a = c.a;
  const auto& pings = a.run.ingest.pings;
  for (std::size_t i = 0; i < a.claims.size(); ++i) {
    const ingest::ClaimRow& claim = a.tables.claims.at(i);
    const verify::ClaimResult& r = a.claims[i];
    std::vector<std::string> rows;
    for (const verify::Sighting& s : r.evidence) rows.push_back(c.row(pings.source(s.ping)));
    const std::string verdict(verify::name(r.verdict));
    Feature f;
    f.coords = {claim.place.point};
    f.text(claim.claim_id).text(verdict).text(!r.feasible ? "" : *r.feasible ? "yes" : "no");
    f.seconds(r.inside).seconds(r.outside).seconds(r.unobserved);
    if (r.max_possible_stay) f.seconds(*r.max_possible_stay);
    else f.null(FieldType::real);
    if (r.nearest) f.fixed(r.nearest->distance.value, kMetreDecimals).time(r.nearest->at);
    else f.null(FieldType::real).null(FieldType::datetime);
    f.text(joined(rows))
        .text(claim_explanation(claim, r, pings, c.names, c.zone, c.reach_speed, c.smoothed) +
              observed_stay_text(a, i, c.zone));  // as claims.csv has it
    f.text(std::string(verify::name(claim.assertion)));
    f.text(claim.subject_kind == ingest::SubjectKind::vehicle ? "vehicle" : "officer").text(claim.subject_id);
    f.text(joined(r.vehicles)).text(claim.place.place_id);
    f.fixed(claim.place.point.lat, kDegreeDecimals).fixed(claim.place.point.lon, kDegreeDecimals);
    f.fixed(claim.place.radius.value, kMetreDecimals).time(claim.start).time(claim.end);
    f.text(c.local(claim.start)).text(c.local(claim.end)).text(std::string(verify::name(r.basis)));
    f.seconds(r.bridged).seconds(r.no_vehicle);
    if (r.nearest) f.text(c.local(r.nearest->at)).text(c.row(pings.source(r.nearest->ping)));
    else f.text({}).text({});
    f.text(claim.note).text(c.row(claim.source));
    f.name = claim.claim_id;
    f.begin = claim.start;
    f.end = claim.end;
    f.style = "claim-" + verdict;
    emit(std::move(f));
  }
}

const std::vector<FieldDef> kFindingFields{
    {"finding_id", FieldType::text},  {"rank", FieldType::integer},    {"kind", FieldType::text},
    {"officer_id", FieldType::text},  {"vehicle_ids", FieldType::text}, {"place_id", FieldType::text},
    {"place_label", FieldType::text}, {"start", FieldType::datetime},   {"end", FieldType::datetime},
    {"start_local", FieldType::text}, {"end_local", FieldType::text},   {"duration_s", FieldType::real},
    {"visits", FieldType::integer},   {"robust", FieldType::text},      {"robustness", FieldType::text},
    {"sentence", FieldType::text},    {"evidence_rows", FieldType::text}, {"dwell_ids", FieldType::text}};

// The findings in rank order, at the place, spot or dwell centre, with the columns of findings.csv
// (but lat, lon: the geometry holds them).
void build_findings(const Context& c, const Emit& emit) {
  const pipeline::Analysis& a = c.a;
  const findings::Findings& found = *c.found;
  const FindingWords words{c.reach_speed, c.smoothed};
  for (std::size_t i = 0; i < found.findings.size(); ++i) {
    const findings::Finding& x = found.findings[i];
    std::string place_id, place_label;
    if (x.place) {
      place_id = a.tables.place(*x.place).place_id;
      place_label = a.tables.place(*x.place).label;
    } else if (x.spot && *x.spot < found.spots.size()) {
      place_id = found.spots[*x.spot].spot_id;
    }
    std::vector<std::string> dwell_ids;
    for (const auto& d : x.dwells) {
      const auto& v = a.run.vehicles.at(d.vehicle);
      dwell_ids.push_back(dwell_id(a.run.vehicle_name(v), v.dwells.at(d.dwell).sequence));
    }
    Feature f;
    f.coords = {x.location};
    f.text(finding_id(i + 1)).integer(static_cast<std::int64_t>(i + 1)).text(std::string(findings::name(x.kind)));
    f.text(x.officer_id).text(joined(x.vehicle_ids)).text(place_id).text(place_label);
    f.time(x.start).time(x.end).text(c.local(x.start)).text(c.local(x.end)).seconds(x.duration);
    f.integer(static_cast<std::int64_t>(x.visits));
    f.text(!x.robustness.assessed ? "" : x.robustness.robust ? "yes" : "no").text(robustness_text(x.robustness));
    f.text(finding_sentence(a, found, x, c.zone, c.names, words)).text(finding_rows(a, x, c.names));
    f.text(joined(dwell_ids));
    f.name = finding_id(i + 1) + " " + std::string(findings::name(x.kind));
    f.begin = x.start;
    f.end = x.end;
    f.style = "finding";
    emit(std::move(f));
  }
}

std::vector<LayerDef> layers(const Context& c) {
  std::vector<LayerDef> out;
  // The findings first: what to read first (docs/findings.md).
  if (c.found)
    out.push_back({"findings", GeometryKind::point, "Findings in rank order, each with its sentence (findings.csv)",
                   kFindingFields, build_findings});
  const std::vector<LayerDef> rest{
      {"pings", GeometryKind::point, "Every ping used (cleaned track), with its source row and the officers on duty",
       kPingFields, build_pings, false, false},
      {"tracks", GeometryKind::line,
       "The track of each vehicle between data gaps, one feature per local day; M: each vertex's Unix time (s)",
       kTrackFields, build_tracks, true, true, true},
      {"track_steps", GeometryKind::line,
       "Each step between consecutive pings (not across a gap), with its start and end; M: Unix time (s)",
       kStepFields, build_track_steps, false, false, true},
      {"dwells", GeometryKind::point, "Dwells with class, crew, places, incidents and flags (dwells.csv)",
       kDwellFields, build_dwells},
      {"gaps", GeometryKind::line, "Silences longer than --gap, from the last ping before to the first after",
       kGapFields, build_gaps},
      {"places", GeometryKind::point, "Places (the point; for a polygon place the centroid of its outer ring)",
       kPlaceFields, build_places},
      {"place_areas", GeometryKind::polygon, "The polygons of polygon places", kPlaceFields, build_place_areas,
       false, false},
      {"incidents", GeometryKind::point, "Incidents at their location, open from opened to closed", kIncidentFields,
       build_incidents},
      {"visits", GeometryKind::point, "Dwells at known places, one per (dwell, place), at the dwell (visits.csv)",
       kVisitFields, build_visits, true, false},
  };
  for (const LayerDef& def : rest)
    if (c.track_steps || std::string_view(def.name) != "track_steps") out.push_back(def);
  if (c.claims_given)
    out.push_back({"claims", GeometryKind::point, "Claims at their place, with verdict and explanation (claims.csv)",
                   kClaimFields, build_claims});
  return out;
}

// ---------------------------------------------------------------------------------------------
// Colours: Okabe and Ito (2008), "Color Universal Design", distinguishable with every common
// colour-vision deficiency.

struct Rgb {
  int r, g, b;
};
constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kOrange{230, 159, 0};
constexpr Rgb kSkyBlue{86, 180, 233};
constexpr Rgb kBluishGreen{0, 158, 115};
constexpr Rgb kYellow{240, 228, 66};
constexpr Rgb kBlue{0, 114, 178};
constexpr Rgb kVermillion{213, 94, 0};
constexpr Rgb kReddishPurple{204, 121, 167};
constexpr Rgb kGrey{153, 153, 153};

struct Category {
  const char* value;
  Rgb colour;
};
const std::vector<Category> kClassColours{
    {"base", kBlue}, {"incident", kBluishGreen}, {"unexplained", kVermillion}, {"off_duty", kReddishPurple},
    {"duty_unknown", kGrey}};
const std::vector<Category> kVerdictColours{
    {"supported", kBluishGreen}, {"contradicted", kVermillion}, {"inconclusive", kOrange}};

std::string hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Text escaping for JSON (XML: xml_text_internal.hpp). Input text is passed through when it is
// valid UTF-8; an invalid byte becomes U+FFFD, so the file stays well-formed.

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (n == 1) {
      const char ch = s[i];
      switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(ch) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(ch)));
            out += buf;
          } else {
            out += ch;
          }
      }
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  out += '"';
}

// ---------------------------------------------------------------------------------------------
// QGIS layer styles (the `layer_styles` table QGIS reads and writes in a GeoPackage): QML for
// QGIS, SLD for other tools. Each style also names the layer's time fields for the Temporal
// Controller (QGIS 3.14 and later).

struct StyleDef {
  const char* layer;
  GeometryKind geometry;
  const char* attribute;               ///< categorized on this field; nullptr: one symbol
  const std::vector<Category>* categories;
  Rgb colour;                          ///< the one symbol's colour
  const char* start_field;
  const char* end_field;               ///< nullptr: an instant
  double size_mm;                      ///< marker size or line width
  bool dashed;
};

const std::vector<StyleDef>& style_defs() {
  static const std::vector<StyleDef> defs{
      {"pings", GeometryKind::point, nullptr, nullptr, kSkyBlue, "time", nullptr, 1.2, false},
      {"tracks", GeometryKind::line, nullptr, nullptr, kSkyBlue, "start", "end", 0.6, false},
      {"track_steps", GeometryKind::line, nullptr, nullptr, kSkyBlue, "start", "end", 0.6, false},
      {"dwells", GeometryKind::point, "class", &kClassColours, kGrey, "start", "end", 3.0, false},
      {"gaps", GeometryKind::line, nullptr, nullptr, kBlack, "start", "end", 0.5, true},
      {"incidents", GeometryKind::point, nullptr, nullptr, kYellow, "opened", "closed", 3.0, false},
      {"visits", GeometryKind::point, "class", &kClassColours, kGrey, "start", "end", 2.4, false},
      {"claims", GeometryKind::point, "verdict", &kVerdictColours, kGrey, "start", "end", 3.6, false},
      {"findings", GeometryKind::point, nullptr, nullptr, kVermillion, "start", "end", 4.2, false},
  };
  return defs;
}

std::string qml_colour(Rgb c) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255";
}

// A symbol with its properties written twice: as the <Option> map QGIS 3.10+ reads, and as the
// <prop> list earlier 3.x read.
std::string qml_symbol(const StyleDef& s, int index, Rgb colour) {
  std::vector<std::pair<std::string, std::string>> props;
  std::string type, cls;
  if (s.geometry == GeometryKind::point) {
    type = "marker";
    cls = "SimpleMarker";
    props = {{"color", qml_colour(colour)},       {"name", "circle"},
             {"outline_color", "35,35,35,255"},   {"outline_style", "solid"},
             {"outline_width", "0.2"},            {"outline_width_unit", "MM"},
             {"size", format_fixed(s.size_mm, 1)}, {"size_unit", "MM"}};
  } else {
    type = "line";
    cls = "SimpleLine";
    props = {{"capstyle", "round"},
             {"joinstyle", "round"},
             {"line_color", qml_colour(colour)},
             {"line_style", s.dashed ? "dash" : "solid"},
             {"line_width", format_fixed(s.size_mm, 1)},
             {"line_width_unit", "MM"}};
  }
  std::string x = "      <symbol type=\"" + type + "\" name=\"" + std::to_string(index) +
                  "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n        <layer class=\"" + cls +
                  "\" enabled=\"1\" locked=\"0\" pass=\"0\">\n          <Option type=\"Map\">\n";
  for (const auto& [k, v] : props)
    x += "            <Option name=\"" + k + "\" type=\"QString\" value=\"" + v + "\"/>\n";
  x += "          </Option>\n";
  for (const auto& [k, v] : props) x += "          <prop k=\"" + k + "\" v=\"" + v + "\"/>\n";
  x += "        </layer>\n      </symbol>\n";
  return x;
}

std::string qml(const StyleDef& s) {
  std::string x = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                  "<qgis version=\"3.28.0-Firenze\" styleCategories=\"Symbology|Temporal\">\n";
  // mode 1: instant from a field; mode 2: start and end from fields; limitMode 1: both ends
  // included (a dwell covers [start, end]).
  x += std::string("  <temporal enabled=\"1\" mode=\"") + (s.end_field ? "2" : "1") + "\" startField=\"" +
       s.start_field + "\" endField=\"" + (s.end_field ? s.end_field : "") +
       "\" limitMode=\"1\" accumulate=\"0\" durationField=\"\" durationUnit=\"min\" fixedDuration=\"0\""
       " startExpression=\"\" endExpression=\"\">\n    <fixedRange>\n      <start></start>\n      <end></end>\n"
       "    </fixedRange>\n  </temporal>\n";
  if (s.attribute) {
    x += std::string("  <renderer-v2 type=\"categorizedSymbol\" attr=\"") + s.attribute +
         "\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" referencescale=\"-1\">\n    <categories>\n";
    for (std::size_t i = 0; i < s.categories->size(); ++i) {
      const Category& cat = (*s.categories)[i];
      x += "      <category symbol=\"" + std::to_string(i) + "\" value=\"" + cat.value + "\" label=\"" + cat.value +
           "\" render=\"true\" type=\"string\"/>\n";
    }
    x += "    </categories>\n    <symbols>\n";
    for (std::size_t i = 0; i < s.categories->size(); ++i)
      x += qml_symbol(s, static_cast<int>(i), (*s.categories)[i].colour);
    x += "    </symbols>\n  </renderer-v2>\n";
  } else {
    x += "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" "
         "referencescale=\"-1\">\n    <symbols>\n";
    x += qml_symbol(s, 0, s.colour);
    x += "    </symbols>\n  </renderer-v2>\n";
  }
  x += std::string("  <layerGeometryType>") + (s.geometry == GeometryKind::point ? "0" : "1") +
       "</layerGeometryType>\n</qgis>\n";
  return x;
}

std::string sld_symbolizer(const StyleDef& s, Rgb colour) {
  if (s.geometry == GeometryKind::point) {
    // SLD sizes are pixels at 90 dpi here (QGIS's convention: 1 mm ~ 3.54 px).
    return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>"
           "<se:Fill><se:SvgParameter name=\"fill\">" +
           hex(colour) +
           "</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name=\"stroke\">#232323</se:SvgParameter>"
           "<se:SvgParameter name=\"stroke-width\">1</se:SvgParameter></se:Stroke></se:Mark><se:Size>" +
           format_fixed(s.size_mm * 3.54, 0) + "</se:Size></se:Graphic></se:PointSymbolizer>";
  }
  return "<se:LineSymbolizer><se:Stroke><se:SvgParameter name=\"stroke\">" + hex(colour) +
         "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">" + format_fixed(s.size_mm * 3.54, 0) +
         "</se:SvgParameter>" +
         (s.dashed ? "<se:SvgParameter name=\"stroke-dasharray\">7 3</se:SvgParameter>" : "") +
         "</se:Stroke></se:LineSymbolizer>";
}

std::string sld(const StyleDef& s) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
      "xmlns:se=\"http://www.opengis.net/se\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.1.0\" "
      "xsi:schemaLocation=\"http://www.opengis.net/sld "
      "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
      " <NamedLayer>\n  <se:Name>" +
      std::string(s.layer) + "</se:Name>\n  <UserStyle>\n   <se:Name>" + s.layer +
      "</se:Name>\n   <se:FeatureTypeStyle>\n";
  if (s.attribute) {
    for (const Category& cat : *s.categories)
      x += std::string("    <se:Rule><se:Name>") + cat.value +
           "</se:Name><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>" + s.attribute +
           "</ogc:PropertyName><ogc:Literal>" + cat.value + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>" +
           sld_symbolizer(s, cat.colour) + "</se:Rule>\n";
  } else {
    x += std::string("    <se:Rule><se:Name>") + s.layer + "</se:Name>" + sld_symbolizer(s, s.colour) + "</se:Rule>\n";
  }
  x += "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
  return x;
}

// ---------------------------------------------------------------------------------------------
// GeoPackage through GDAL.

// Sets a GDAL configuration option for this thread only and restores it on exit, so that
// concurrent GDAL work on other threads never sees it.
class ThreadConfigOption {
 public:
  ThreadConfigOption(const char* key, const std::string& value) : m_key(key) {
    const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
    if (old) m_old = old;
    m_had = old != nullptr;
    CPLSetThreadLocalConfigOption(key, value.c_str());
  }
  ~ThreadConfigOption() { CPLSetThreadLocalConfigOption(m_key, m_had ? m_old.c_str() : nullptr); }
  ThreadConfigOption(const ThreadConfigOption&) = delete;
  ThreadConfigOption& operator=(const ThreadConfigOption&) = delete;

 private:
  const char* m_key;
  std::string m_old;
  bool m_had = false;
};

// Set when GDAL or SQLite said, while writing, that memory ran out: /vsimem/ files live in memory,
// so SQLite's later "disk I/O error" is then out of memory, and is reported as such.
thread_local bool t_out_of_memory = false;

void CPL_STDCALL quiet_handler(CPLErr, CPLErrorNum number, const char* message) {
  if (number == CPLE_OutOfMemory || (message && std::strstr(message, "out of memory"))) t_out_of_memory = true;
}

// GDAL's errors go to its last-error slot, not to stderr, while writing.
class QuietGdalErrors {
 public:
  QuietGdalErrors() {
    CPLPushErrorHandler(quiet_handler);
    CPLErrorReset();
    t_out_of_memory = false;
  }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

// A /vsimem/ file (and SQLite's side files) removed on every exit path.
class MemFile {
 public:
  MemFile() {
    static std::atomic<std::uint64_t> counter{0};
    m_path = "/vsimem/shiftline-geodata-" + std::to_string(counter.fetch_add(1)) + ".gpkg";
  }
  ~MemFile() {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) VSIUnlink((m_path + suffix).c_str());
  }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }
  /// The file's bytes, taken out of GDAL's memory (the file is then empty); `output` names the
  /// output in the error when GDAL wrote nothing.
  [[nodiscard]] std::string take(const std::string& output) const {
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(m_path.c_str(), &size, TRUE);
    if (!data) throw OutputError(output + ": GDAL wrote no file");
    std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
    VSIFree(data);
    return bytes;
  }

 private:
  std::string m_path;
};

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};

[[noreturn]] void gdal_failed(const std::string& what) {
  const std::string detail = CPLGetLastErrorMsg();
  if (t_out_of_memory)
    throw OutOfMemoryError("out of memory building report.gpkg: " + what + (detail.empty() ? "" : ": " + detail));
  throw OutputError("report.gpkg: " + what + (detail.empty() ? "" : ": " + detail));
}

// GeoPackage's timestamp form, `YYYY-MM-DDTHH:MM:SS.SSSZ` (GeoPackage 1.2, requirement 15).
std::string gpkg_timestamp(Instant t) {
  std::string s = format_utc(t);  // `...:SSZ` or `...:SS.mmmZ`
  if (s.size() >= 2 && s[s.size() - 5] != '.') s.insert(s.size() - 1, ".000");
  return s;
}

void set_datetime(OGRFeature& f, int field, Instant t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<Millis> hms{t - day};
  const double second =
      static_cast<double>(hms.seconds().count()) + static_cast<double>(hms.subseconds().count()) / 1000.0;
  f.SetField(field, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
             static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
             static_cast<int>(hms.minutes().count()), static_cast<float>(second), 100 /* UTC */);
}

OGRFieldType ogr_type(FieldType t) {
  switch (t) {
    case FieldType::text: return OFTString;
    case FieldType::integer: return OFTInteger64;
    case FieldType::real: return OFTReal;
    case FieldType::datetime: return OFTDateTime;
  }
  return OFTString;
}

OGRwkbGeometryType ogr_geometry(GeometryKind g, bool measured) {
  switch (g) {
    case GeometryKind::point: return wkbPoint;
    case GeometryKind::line: return measured ? wkbLineStringM : wkbLineString;
    case GeometryKind::polygon: return wkbPolygon;
  }
  return wkbUnknown;
}

// Seconds since 1970-01-01T00:00:00Z, to the millisecond: a vertex's M value.
double unix_seconds(Instant t) { return static_cast<double>(t.time_since_epoch().count()) / 1000.0; }

std::unique_ptr<OGRGeometry> ogr_geometry(GeometryKind kind, const std::vector<LatLon>& coords,
                                          const std::vector<std::vector<LatLon>>& holes,
                                          const std::vector<Instant>* when) {
  switch (kind) {
    case GeometryKind::point:
      return std::make_unique<OGRPoint>(degrees(coords.at(0).lon), degrees(coords.at(0).lat));
    case GeometryKind::line: {
      auto line = std::make_unique<OGRLineString>();
      const bool measured = when != nullptr;
      if (measured && when->size() != coords.size()) throw std::logic_error("geodata: a time per vertex");
      const auto add = [&](std::size_t i) {
        if (measured) line->addPointM(degrees(coords[i].lon), degrees(coords[i].lat), unix_seconds((*when)[i]));
        else line->addPoint(degrees(coords[i].lon), degrees(coords[i].lat));
      };
      for (std::size_t i = 0; i < coords.size(); ++i) add(i);
      // A track segment of one ping (a ping alone between two gaps) is a line of two equal points:
      // a LineString needs two, and dropping the ping would hide it.
      if (coords.size() == 1) add(0);
      return line;
    }
    case GeometryKind::polygon: {
      auto polygon = std::make_unique<OGRPolygon>();
      const auto add_ring = [&](const std::vector<LatLon>& vertices) {
        auto ring = std::make_unique<OGRLinearRing>();
        for (const LatLon& p : vertices) ring->addPoint(degrees(p.lon), degrees(p.lat));
        polygon->addRingDirectly(ring.release());
      };
      add_ring(coords);
      for (const auto& hole : holes) add_ring(hole);
      return polygon;
    }
  }
  return nullptr;
}

// Tells the progress line which layer is written and how many features so far, published every
// 4,096 features so that the writers pay no atomic operation per feature.
class LayerProgress {
 public:
  LayerProgress(Progress* progress, const std::vector<LayerDef>& defs, bool LayerDef::*included)
      : m_progress(progress) {
    for (const LayerDef& def : defs) m_total += included == nullptr || def.*included ? 1U : 0U;
  }
  void layer(const LayerDef& def) {
    if (m_progress) m_progress->begin_part(def.name, ++m_number, m_total);
  }
  void feature() {
    if (m_progress && (++m_features & 4095U) == 0) m_progress->output_items.store(m_features, std::memory_order_relaxed);
  }

 private:
  Progress* m_progress;
  std::uint32_t m_total = 0;
  std::uint32_t m_number = 0;
  std::uint64_t m_features = 0;
};

void write_gpkg_layer(GDALDataset& ds, OGRSpatialReference& srs, const LayerDef& def, const Context& c,
                      LayerProgress& shown) {
  CPLStringList options;
  options.SetNameValue("GEOMETRY_NAME", "geom");
  options.SetNameValue("FID", "fid");
  options.SetNameValue("SPATIAL_INDEX", "YES");
  options.SetNameValue("DESCRIPTION", def.description);
  OGRLayer* layer = ds.CreateLayer(def.name, &srs, ogr_geometry(def.geometry, def.measured), options.List());
  if (!layer) gdal_failed(std::string("cannot create layer ") + def.name);
  for (const FieldDef& fd : def.fields) {
    OGRFieldDefn field(fd.name, ogr_type(fd.type));
    if (layer->CreateField(&field) != OGRERR_NONE) gdal_failed(std::string("cannot create field ") + fd.name);
  }
  if (layer->StartTransaction() != OGRERR_NONE) gdal_failed("cannot start a transaction");
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  def.build(c, [&](Feature&& f) {
    if (f.values.size() != def.fields.size())
      throw std::logic_error(std::string("geodata: wrong number of values in layer ") + def.name);
    OGRFeature feature(defn);
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      const Value& v = f.values[i];
      const int field = static_cast<int>(i);
      if (v.null) {
        feature.SetFieldNull(field);
        continue;
      }
      switch (v.type) {
        case FieldType::text: feature.SetField(field, v.text.c_str()); break;
        case FieldType::integer: feature.SetField(field, static_cast<GIntBig>(v.integer)); break;
        case FieldType::real: feature.SetField(field, v.real); break;
        case FieldType::datetime: set_datetime(feature, field, v.time); break;
      }
    }
    feature.SetGeometryDirectly(ogr_geometry(def.geometry, f.coords, f.holes, def.measured ? &f.when : nullptr).release());
    if (layer->CreateFeature(&feature) != OGRERR_NONE) gdal_failed(std::string("cannot write to layer ") + def.name);
    shown.feature();
  });
  if (layer->CommitTransaction() != OGRERR_NONE) gdal_failed(std::string("cannot commit layer ") + def.name);
}

// The table QGIS creates when it saves a style in a GeoPackage (same name, fields and types), with
// one default style per styled layer.
void write_layer_styles(GDALDataset& ds, const std::vector<LayerDef>& written, Instant stamp) {
  CPLStringList options;
  options.SetNameValue("FID", "id");
  options.SetNameValue("DESCRIPTION", "QGIS layer styles");
  OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, options.List());
  if (!layer) gdal_failed("cannot create layer layer_styles");
  const struct {
    const char* name;
    OGRFieldType type;
    int width;
  } fields[] = {{"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256},
                {"f_table_name", OFTString, 256},    {"f_geometry_column", OFTString, 256},
                {"styleName", OFTString, 30},        {"styleQML", OFTString, 0},
                {"styleSLD", OFTString, 0},          {"useAsDefault", OFTInteger, 0},
                {"description", OFTString, 0},       {"owner", OFTString, 30},
                {"ui", OFTString, 30},               {"update_time", OFTDateTime, 0}};
  for (const auto& fd : fields) {
    OGRFieldDefn field(fd.name, fd.type);
    field.SetWidth(fd.width);
    if (fd.type == OFTInteger) field.SetSubType(OFSTBoolean);
    if (layer->CreateField(&field) != OGRERR_NONE) gdal_failed(std::string("cannot create field ") + fd.name);
  }
  if (layer->StartTransaction() != OGRERR_NONE) gdal_failed("cannot start a transaction");
  for (const StyleDef& s : style_defs()) {
    const bool present = std::any_of(written.begin(), written.end(),
                                     [&](const LayerDef& d) { return std::string_view(d.name) == s.layer; });
    if (!present) continue;
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("f_table_catalog", "");
    f.SetField("f_table_schema", "");
    f.SetField("f_table_name", s.layer);
    f.SetField("f_geometry_column", "geom");
    f.SetField("styleName", s.layer);
    f.SetField("styleQML", qml(s).c_str());
    f.SetField("styleSLD", sld(s).c_str());
    f.SetField("useAsDefault", 1);
    f.SetField("description", "Shiftline default style (Okabe-Ito colours; time fields for the Temporal Controller)");
    f.SetField("owner", "");
    set_datetime(f, f.GetFieldIndex("update_time"), stamp);
    if (layer->CreateFeature(&f) != OGRERR_NONE) gdal_failed("cannot write to layer layer_styles");
  }
  if (layer->CommitTransaction() != OGRERR_NONE) gdal_failed("cannot commit layer layer_styles");
}

// ---------------------------------------------------------------------------------------------
// GeoJSON.

// A coordinate of a GeoJSON or KML geometry. format_fixed writes a non-finite number as an empty
// cell (right for a CSV), which here would make invalid JSON or a misplaced KML vertex; the
// pipeline stops before a NaN gets this far, so one here is a bug (exit 1).
std::string coordinate(double degrees) {
  if (!std::isfinite(degrees)) throw std::logic_error("geodata: a coordinate is not a finite number");
  return format_fixed(degrees, kDegreeDecimals);
}

void json_position(std::string& out, LatLon p) {
  out += '[';
  out += coordinate(p.lon);
  out += ',';
  out += coordinate(p.lat);
  out += ']';
}

void json_positions(std::string& out, const std::vector<LatLon>& ps) {
  out += '[';
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i) out += ',';
    json_position(out, ps[i]);
  }
  out += ']';
}

// RFC 7946 section 3.1.6: exterior rings anticlockwise (shoelace sign in lon, lat).
std::vector<LatLon> anticlockwise(std::vector<LatLon> ring) {
  double twice_area = 0.0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    twice_area += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  if (twice_area < 0.0) std::reverse(ring.begin(), ring.end());
  return ring;
}

void json_geometry(std::string& out, GeometryKind kind, const Feature& f) {
  if (!f.area.empty()) kind = GeometryKind::polygon;
  switch (kind) {
    case GeometryKind::point:
      out += "{\"type\":\"Point\",\"coordinates\":";
      json_position(out, f.coords.at(0));
      break;
    case GeometryKind::line: {
      out += "{\"type\":\"LineString\",\"coordinates\":";
      std::vector<LatLon> line = f.coords;
      if (line.size() == 1) line.push_back(line[0]);  // see ogr_geometry: a lone ping stays visible
      json_positions(out, line);
      break;
    }
    case GeometryKind::polygon:
      out += "{\"type\":\"Polygon\",\"coordinates\":[";
      json_positions(out, anticlockwise(f.area.empty() ? f.coords : f.area));
      // Holes run clockwise (RFC 7946 section 3.1.6).
      for (const auto& hole : f.holes) {
        std::vector<LatLon> ring = anticlockwise(hole);
        std::reverse(ring.begin(), ring.end());
        out += ',';
        json_positions(out, ring);
      }
      out += ']';
      break;
  }
  out += '}';
}

void json_value(std::string& out, const Value& v) {
  if (v.null) {
    out += "null";
    return;
  }
  switch (v.type) {
    case FieldType::text:
    case FieldType::datetime: json_string(out, v.text); break;
    case FieldType::integer:
    case FieldType::real: out += v.text; break;
  }
}

// ---------------------------------------------------------------------------------------------
// KML.

// KML colours are aabbggrr.
std::string kml_colour(Rgb c, int alpha = 255) {
  char buf[12];
  std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x", alpha, c.b, c.g, c.r);
  return buf;
}

// Map symbols: inside report.kmz as files/SHAPE.png (icon_png), so that nothing is fetched. The
// plain report.kml names no icon file (a viewer draws its own default symbol, tinted): it cannot
// carry pictures, and a web address would be a request leaving the machine.
std::string kml_icon(IconShape shape, bool with_files) {
  return with_files ? std::string("<Icon><href>files/") + icon_file(shape) + "</href></Icon>" : std::string();
}

std::string kml_icon_style(const std::string& id, Rgb c, double scale, IconShape shape, bool with_files) {
  return "<Style id=\"" + id + "\"><IconStyle><color>" + kml_colour(c) + "</color><scale>" + format_fixed(scale, 1) +
         "</scale>" + kml_icon(shape, with_files) + "</IconStyle></Style>\n";
}

// A flagged dwell is a triangle and a finding a diamond, besides their colours: shape as well as
// colour, for readers who cannot tell the colours apart.
std::string kml_styles(bool with_files) {
  std::string x;
  for (const Category& cat : kClassColours) {
    x += kml_icon_style(std::string("dwell-") + cat.value, cat.colour, 1.2, IconShape::circle, with_files);
    x += kml_icon_style(std::string("dwell-") + cat.value + "-flagged", cat.colour, 1.5, IconShape::triangle, with_files);
  }
  for (const Category& cat : kVerdictColours)
    x += kml_icon_style(std::string("claim-") + cat.value, cat.colour, 1.4, IconShape::circle, with_files);
  x += kml_icon_style("incident", kYellow, 1.2, IconShape::square, with_files);
  x += kml_icon_style("finding", kVermillion, 1.8, IconShape::diamond, with_files);
  x += "<Style id=\"track\"><LineStyle><color>" + kml_colour(kSkyBlue) + "</color><width>3</width></LineStyle>"
       "<IconStyle><scale>0.5</scale>" + kml_icon(IconShape::circle, with_files) + "</IconStyle></Style>\n";
  x += "<Style id=\"gap\"><LineStyle><color>" + kml_colour(kBlack) + "</color><width>2</width></LineStyle></Style>\n";
  x += "<Style id=\"place\"><IconStyle><color>" + kml_colour(kGrey) + "</color>" + kml_icon(IconShape::circle, with_files) +
       "</IconStyle><LineStyle><color>" + kml_colour(kGrey) + "</color><width>2</width></LineStyle>"
       "<PolyStyle><color>" + kml_colour(kGrey, 0x40) + "</color></PolyStyle></Style>\n";
  return x;
}

std::string kml_coordinates(const std::vector<LatLon>& ps) {
  std::string s;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i) s += ' ';
    s += coordinate(ps[i].lon) + "," + coordinate(ps[i].lat);
  }
  return s;
}

std::string kml_geometry(GeometryKind kind, const Feature& f) {
  if (!f.when.empty()) {
    // gx:Track: every <when> first, then every <gx:coord>, in the same order (KML 2.2 extension).
    std::string x = "<gx:Track>";
    for (const Instant t : f.when) x += "<when>" + format_utc(t) + "</when>";
    for (const LatLon& p : f.coords)
      x += "<gx:coord>" + coordinate(p.lon) + " " + coordinate(p.lat) +
           " 0</gx:coord>";
    return x + "</gx:Track>";
  }
  if (!f.area.empty()) kind = GeometryKind::polygon;
  switch (kind) {
    case GeometryKind::point:
      return "<Point><coordinates>" + kml_coordinates({f.coords.at(0)}) + "</coordinates></Point>";
    case GeometryKind::line:
      return "<LineString><tessellate>1</tessellate><coordinates>" + kml_coordinates(f.coords) +
             "</coordinates></LineString>";
    case GeometryKind::polygon:
    {
      std::string x = "<Polygon><outerBoundaryIs><LinearRing><coordinates>" +
                      kml_coordinates(f.area.empty() ? f.coords : f.area) + "</coordinates></LinearRing></outerBoundaryIs>";
      for (const auto& hole : f.holes)
        x += "<innerBoundaryIs><LinearRing><coordinates>" + kml_coordinates(hole) + "</coordinates></LinearRing></innerBoundaryIs>";
      return x + "</Polygon>";
    }
  }
  return {};
}

// Tracks, dwells and gaps go in the folders of their vehicle and day; other layers in one folder
// each (written even when empty, so a reader sees that there were none).
bool vehicle_layer(const LayerDef& def) {
  const std::string_view name = def.name;
  return name == "tracks" || name == "dwells" || name == "gaps";
}

// The text of `def`'s field `name` in `f`; empty when the layer has no such field or it is null.
std::string field_text(const LayerDef& def, const Feature& f, std::string_view name) {
  for (std::size_t i = 0; i < def.fields.size() && i < f.values.size(); ++i)
    if (name == def.fields[i].name) return f.values[i].null ? std::string() : f.values[i].text;
  return {};
}

// The rows a feature comes from, as its layer's fields cite them (`FILE:LINE`).
std::string cited_rows(const LayerDef& def, const Feature& f) {
  for (const char* field : {"evidence_rows", "source_rows", "source"})
    if (std::string rows = field_text(def, f, field); !rows.empty()) return rows;
  for (const auto& [from, to] : {std::pair{"first_row", "last_row"}, std::pair{"from_row", "to_row"}}) {
    const std::string a = field_text(def, f, from), b = field_text(def, f, to);
    if (!a.empty()) return a == b ? a : a + " to " + b;
  }
  return {};
}

// What a reader sees on clicking a placemark (Google Earth shows it as HTML): what it is, its
// times with their UTC offset, and the rows it comes from. Findings and claims say it in their
// own sentence (findings.csv's `sentence`, claims.csv's `explanation`).
std::string kml_description(const LayerDef& def, const Feature& f, const Context& c) {
  std::string sentence = f.sentence;
  for (const char* field : {"sentence", "explanation"})
    if (sentence.empty()) sentence = field_text(def, f, field);
  const std::string when = f.begin == f.end ? time_text(c.zone, f.begin) : span_text(c.zone, f.begin, f.end);
  std::string html = xml_escaped(sentence) + "<br>" + xml_escaped(when);
  if (const std::string rows = cited_rows(def, f); !rows.empty()) html += "<br>Rows: " + xml_escaped(rows);
  return "<description>" + xml_escaped(html) + "</description>";
}

std::string kml_placemark(const LayerDef& def, const Feature& f, const Context& c) {
  std::string x = "<Placemark><name>" + xml_escaped(f.name) + "</name>" + kml_description(def, f, c);
  // Every feature has a span; a zero-length one (a lone ping) is a TimeStamp.
  if (f.begin == f.end) x += "<TimeStamp><when>" + format_utc(f.begin) + "</when></TimeStamp>";
  else x += "<TimeSpan><begin>" + format_utc(f.begin) + "</begin><end>" + format_utc(f.end) + "</end></TimeSpan>";
  x += "<styleUrl>#" + f.style + "</styleUrl><ExtendedData>";
  x += "<Data name=\"layer\"><value>" + std::string(def.name) + "</value></Data>";
  for (std::size_t i = 0; i < def.fields.size(); ++i)
    x += "<Data name=\"" + std::string(def.fields[i].name) + "\"><value>" +
         (f.values[i].null ? std::string() : xml_escaped(f.values[i].text)) + "</value></Data>";
  x += "</ExtendedData>" + kml_geometry(def.geometry, f) + "</Placemark>\n";
  return x;
}

}  // namespace

std::string geopackage_bytes(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                             const findings::Findings* found, Progress* progress, bool track_steps) {
  Context c = make_context(a, zone, reach_speed, smoothed, found);
  c.track_steps = track_steps;
  ingest::start_gdal();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw OutputError("report.gpkg: GDAL has no GPKG driver");
  const std::string stamp = gpkg_timestamp(c.last);
  MemFile file;
  {
    // GDAL stamps gpkg_contents.last_change with the wall clock unless OGR_CURRENT_DATE is set:
    // the last ping's time makes the bytes a function of the data alone.
    const ThreadConfigOption date("OGR_CURRENT_DATE", stamp);
    const QuietGdalErrors quiet;
    CPLStringList options;
    options.SetNameValue("VERSION", "1.2");
    std::unique_ptr<GDALDataset, DatasetCloser> ds(
        driver->Create(file.path().c_str(), 0, 0, 0, GDT_Unknown, options.List()));
    if (!ds) gdal_failed("cannot create the GeoPackage");
    OGRSpatialReference srs;
    if (srs.importFromEPSG(4326) != OGRERR_NONE) gdal_failed("cannot make EPSG:4326");
    // x = longitude, y = latitude, whatever EPSG's axis order (latitude first) says.
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::vector<LayerDef> defs = layers(c);
    LayerProgress shown(progress, defs, nullptr);
    for (const LayerDef& def : defs) {
      shown.layer(def);
      write_gpkg_layer(*ds, srs, def, c, shown);
    }
    write_layer_styles(*ds, defs, c.last);
    GDALDataset* raw = ds.release();
    GDALClose(GDALDataset::ToHandle(raw));  // writes last_change and the spatial indexes
    if (CPLGetLastErrorType() >= CE_Failure) gdal_failed("cannot finish the GeoPackage");
  }
  return file.take("report.gpkg");
}

std::string geojson_text(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                         const findings::Findings* found, Progress* progress) {
  return geojson_files(a, zone, reach_speed, smoothed, found, progress, false).all;
}

GeoJsonFiles geojson_files(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                           const findings::Findings* found, Progress* progress, bool per_layer) {
  const Context c = make_context(a, zone, reach_speed, smoothed, found);
  GeoJsonFiles files;
  std::string& out = files.all;
  out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  bool first = true;
  const std::vector<LayerDef> defs = layers(c);
  LayerProgress shown(progress, defs, &LayerDef::in_geojson);
  std::string feature;
  for (const LayerDef& def : defs) {
    if (!def.in_geojson) continue;
    shown.layer(def);
    // One FeatureCollection per layer, named (a foreign member GDAL and QGIS take as the layer's
    // name): each file loads as one layer.
    std::string layer = "{\"type\":\"FeatureCollection\",\"name\":";
    json_string(layer, def.name);
    layer += ",\"features\":[\n";
    bool first_in_layer = true;
    def.build(c, [&](Feature&& f) {
      shown.feature();
      feature = "{\"type\":\"Feature\",\"geometry\":";
      json_geometry(feature, def.geometry, f);
      feature += ",\"properties\":{\"layer\":";
      json_string(feature, def.name);
      for (std::size_t i = 0; i < def.fields.size(); ++i) {
        feature += ',';
        json_string(feature, def.fields[i].name);
        feature += ':';
        json_value(feature, f.values.at(i));
      }
      feature += "}}";
      if (!first) out += ",\n";
      first = false;
      out += feature;
      if (per_layer) {
        if (!first_in_layer) layer += ",\n";
        first_in_layer = false;
        layer += feature;
      }
    });
    if (per_layer) files.layers.emplace_back(def.name, layer + "\n]}\n");
  }
  out += "\n]}\n";
  return files;
}

namespace {

// The KML document but its styles, which are all that differs between report.kml and the KMZ's
// doc.kml: the text before them and after them.
std::pair<std::string, std::string> kml_parts(const Context& c, Progress* progress) {
  // vehicle -> local day -> placemarks; the rest by layer, in layer order.
  std::map<std::string, std::map<std::string, std::vector<std::pair<Instant, std::string>>>> by_vehicle;
  std::vector<std::pair<std::string, std::string>> folders;  // (layer, placemarks)
  const std::vector<LayerDef> defs = layers(c);
  LayerProgress shown(progress, defs, &LayerDef::in_kml);
  for (const LayerDef& def : defs) {
    if (!def.in_kml) continue;
    shown.layer(def);
    std::string placemarks;
    def.build(c, [&](Feature&& f) {
      shown.feature();
      if (!vehicle_layer(def)) {
        placemarks += kml_placemark(def, f, c);
        return;
      }
      const std::string day = c.local(f.begin).substr(0, 10);
      by_vehicle[f.vehicle][day].emplace_back(f.begin, kml_placemark(def, f, c));
    });
    if (!vehicle_layer(def)) folders.emplace_back(def.name, placemarks);
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
      "<Document>\n<name>Shiftline case</name>\n<open>1</open>\n";
  std::string head = std::move(out);
  out.clear();
  // The findings folder first (layers() puts the layer first): what to read first.
  for (auto it = folders.begin(); it != folders.end(); ++it)
    if (it->first == "findings") {
      out += "<Folder><name>findings</name><open>1</open>\n" + it->second + "</Folder>\n";
      folders.erase(it);
      break;
    }
  for (auto& [vehicle, days] : by_vehicle) {
    out += "<Folder><name>" + xml_escaped(vehicle) + "</name>\n";
    for (auto& [day, items] : days) {
      // In time order; at equal starts tracks, then dwells, then gaps (the order they were made).
      std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      out += "<Folder><name>" + day + "</name>\n";
      for (const auto& item : items) out += item.second;
      out += "</Folder>\n";
    }
    out += "</Folder>\n";
  }
  for (const auto& [name, placemarks] : folders)
    out += "<Folder><name>" + name + "</name>\n" + placemarks + "</Folder>\n";
  out += "</Document>\n</kml>\n";
  return {std::move(head), std::move(out)};
}

// The zip through GDAL's own writer (cpl_conv.h), as GDAL writes every other non-CSV format here.
// Each entry is stamped with the case's last ping, not the clock: GDAL 3.6 writes a zero date
// whatever it is told, later versions honour TIMESTAMP; either way equal inputs give equal bytes.
std::string kmz_zip(const std::string& doc, Instant stamp) {
  ingest::start_gdal();
  const QuietGdalErrors quiet;
  MemFile file;
  void* zip = CPLCreateZip(file.path().c_str(), nullptr);
  if (!zip) throw OutputError(std::string("report.kmz: GDAL cannot create the zip: ") + CPLGetLastErrorMsg());
  CPLStringList options;
  options.SetNameValue(
      "TIMESTAMP", std::to_string(std::chrono::floor<std::chrono::seconds>(stamp).time_since_epoch().count()).c_str());
  const auto add = [&](const std::string& name, const std::string& bytes) {
    bool ok = CPLCreateFileInZip(zip, name.c_str(), options.List()) == CE_None;
    for (std::size_t done = 0; ok && done < bytes.size();) {  // CPLWriteFileInZip takes an int
      const std::size_t n = std::min<std::size_t>(bytes.size() - done, std::size_t{1} << 30);
      ok = CPLWriteFileInZip(zip, bytes.data() + done, static_cast<int>(n)) == CE_None;
      done += n;
    }
    ok = CPLCloseFileInZip(zip) == CE_None && ok;
    if (!ok) {
      CPLCloseZip(zip);
      throw OutputError("report.kmz: cannot write " + name + ": " + CPLGetLastErrorMsg());
    }
  };
  add("doc.kml", doc);  // first: a KMZ reader opens the first .kml it finds
  for (const IconShape shape : {IconShape::circle, IconShape::square, IconShape::triangle, IconShape::diamond})
    add(std::string("files/") + icon_file(shape), icon_png(shape));
  if (CPLCloseZip(zip) != CE_None)
    throw OutputError(std::string("report.kmz: cannot finish the zip: ") + CPLGetLastErrorMsg());
  return file.take("report.kmz");
}

}  // namespace

std::string kml_text(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                     const findings::Findings* found, Progress* progress) {
  return kml_files(a, zone, reach_speed, smoothed, found, progress, false).kml;
}

KmlFiles kml_files(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                   const findings::Findings* found, Progress* progress, bool with_kmz) {
  const Context c = make_context(a, zone, reach_speed, smoothed, found);
  const auto [head, body] = kml_parts(c, progress);
  KmlFiles files;
  files.kml = head + kml_styles(false) + body;
  if (with_kmz) files.kmz = kmz_zip(head + kml_styles(true) + body, c.last);
  return files;
}

}  // namespace shiftline::report
