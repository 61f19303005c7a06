// The synthetic investigation case (synth_case.hpp states what it promises).
//
// Planning comes first and holds everything but the pings: the roster (officer o drives vehicle
// o / 2, days when o is even, nights when odd, resting when (day + o) % 7 is 0 or 1), the places,
// the story's fixed stops, random incidents (each a fixed stop of its unit), the base stays
// between staffed intervals, and random patrol stops filling the staffed time that is left. Every
// two consecutive stops of a vehicle are at least `min_gap` apart, enough to drive across the
// area. Then each vehicle's pings are rendered stop by stop: parked pings with noise, and a
// polyline leg of equal 30 s steps (260-480 m) between stops, redrawn until every two consecutive
// pings are 150 m apart or more.
#include "shiftline/pipeline/synth_case.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/synth_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"

namespace shiftline::pipeline {
namespace {

using detail::distance;
using detail::mix64;
using detail::Point;
using detail::Random;
using detail::uniform_in_disc;
using std::chrono::hours;
using std::chrono::minutes;

constexpr LatLon kCentre = LatLon::from_degrees(52.6309, -1.1398);  // Leicester, UK
constexpr double kNoise = 2.0;          // GPS noise sigma, metres; cut at 3 sigma
constexpr double kMinStep = 260.0;      // metres per 30 s step: 31 km/h
constexpr double kMaxStep = 480.0;      // 58 km/h
constexpr double kMinApart = 150.0;     // consecutive pings around and between stops
constexpr Millis kTick{Millis{30'000}};  // driving ping interval
constexpr Millis kParkedEvery{Millis{120'000}};
constexpr Millis kLongParkedEvery{Millis{240'000}};
constexpr Millis kLongStay{Millis{3 * 3600'000}};

std::int64_t minutes_of(Millis d) { return std::chrono::duration_cast<minutes>(d).count(); }
Millis mins(std::int64_t m) { return Millis{m * 60'000}; }

// --- Europe/London by the UK rule in force since 1996 (own arithmetic, no tz database needed).
Instant last_sunday_0100(std::int64_t year, unsigned month) {
  const std::int64_t last = days_from_civil(year, month, 31);  // March and October have 31 days
  const std::int64_t weekday = ((last + 4) % 7 + 7) % 7;        // 0 = Sunday (1970-01-01: Thursday)
  return Instant{Millis{(last - weekday) * 86'400'000 + 3'600'000}};
}

std::int64_t year_of(Instant t) { return std::stoll(format_utc(t).substr(0, 4)); }

bool summer_time(Instant t) {
  const std::int64_t y = year_of(t);
  return t >= last_sunday_0100(y, 3) && t < last_sunday_0100(y, 10);
}

minutes london_offset(Instant t) { return summer_time(t) ? minutes{60} : minutes{0}; }

// Wall clock (day, hour, minute) in London -> Instant. Not for the hours the clocks skip or repeat.
Instant london(std::chrono::sys_days day, int hour, int minute) {
  const Instant as_utc = Instant{day} + hours{hour} + minutes{minute};
  const Instant summer = as_utc - hours{1};
  return summer_time(summer) ? summer : as_utc;
}

// True when the wall-clock text of t happens twice (the hour before and after the autumn change).
bool repeated_hour(Instant t) {
  const Instant change = last_sunday_0100(year_of(t), 10);
  return t >= change - hours{1} && t < change + hours{1};
}

std::string local_text(Instant t) {
  std::string s = format_utc(t + london_offset(t));
  s[10] = ' ';
  s.pop_back();  // the Z
  return s;
}

std::string pad(std::size_t n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

std::string letters(std::size_t i) {  // 0 -> A, 25 -> Z, 26 -> AA
  std::string s;
  ++i;
  while (i > 0) {
    --i;
    s.insert(s.begin(), static_cast<char>('A' + i % 26));
    i /= 26;
  }
  return s;
}

std::string fixed7(double degrees) {
  std::int64_t v = to_e7(degrees);
  std::string s = v < 0 ? "-" : "";
  v = v < 0 ? -v : v;
  s += std::to_string(v / 10'000'000) + "." + pad(static_cast<std::size_t>(v % 10'000'000), 7);
  return s;
}

// --- The plan.

struct Officer {
  std::string id;
  std::size_t vehicle = 0;
  bool night = false;
};

struct Shift {
  std::string id;
  std::size_t officer = 0;
  Instant start, end;
  std::size_t vehicle = 0;
  std::string callsign;
};

// An officer in a vehicle over [start, end): from a shift, or from an assignment overriding it.
struct Crew {
  std::size_t officer = 0;
  Instant start, end;
  std::string callsign;
};

struct Place {
  std::string id, label;
  bool base = false;
  Point p;
};

struct Unit {
  std::size_t vehicle = 0;
  bool vehicle_named = true;
  std::string officer, callsign;
};

enum class Style : std::uint8_t { full, place_only, callsign_only, two_units_joined, two_rows };

struct Incident {
  Instant opened, closed;
  Point where;
  long place = -1;
  std::string type;
  std::vector<Unit> units;
  Style style = Style::full;
  std::string id;
  std::string story;  // label of the story row to fill with the id
};

struct Event {
  Instant at;
  std::string officer, kind, subject, place_id, detail;
  std::string story;
};

struct Stop {
  Instant t0, t1;  // first and last parked ping
  Point spot;
  std::string label;
  std::string place_id;
  Instant silent_from{}, silent_to{};  // no ping strictly between (when silent_to > silent_from)
  // Where the pings put it, when not at `spot` (the recurring stop): the pings are drawn for `spot`
  // as ever, so the random stream and every other ping stay as they were, and replaced.
  std::optional<Point> shown;
};

class Planner {
 public:
  explicit Planner(const SynthCaseConfig& c)
      : m_config(c),
        m_random(mix64(mix64(c.seed) ^ 0x5A17CA5EULL)),
        m_frame(LocalFrame::at(kCentre.lat)),
        m_radius(5000.0 * std::max(1.0, std::sqrt(static_cast<double>(c.places) / 400.0))),
        m_keep_clear(c.places <= 50 ? 300.0 : 120.0),
        m_width(std::max<std::size_t>(2, std::to_string(c.vehicles).size())) {
    // Enough to drive across the area at 450 m per step, and three steps more, in whole minutes.
    const auto steps = static_cast<std::int64_t>(std::ceil(2.0 * m_radius / 450.0)) + 3;
    m_min_gap = mins((steps * 30 + 59) / 60);
  }

  void plan();
  void write_tables(const std::filesystem::path& dir);
  void write_pings(const std::filesystem::path& dir);
  SynthCaseResult result() { return SynthCaseResult{std::move(m_truth_story_and_rest()), m_ping_rows}; }

 private:
  // Helpers.
  std::string vehicle_id(std::size_t v) const { return "PV" + pad(v + 1, m_width); }
  std::chrono::sys_days day(std::size_t d) const { return m_config.start + std::chrono::days{d}; }
  Instant at(std::size_t d, int h, int m) const { return london(day(d), h, m); }
  LatLon to_latlon(Point p) const {
    return LatLon::from_degrees(kCentre.lat + p.y / m_frame.metres_per_deg_lat,
                                kCentre.lon + p.x / m_frame.metres_per_deg_lon);
  }
  Point from_latlon(double lat, double lon) const {
    return Point{(lon - kCentre.lon) * m_frame.metres_per_deg_lon, (lat - kCentre.lat) * m_frame.metres_per_deg_lat};
  }
  Point offset(Point p, double metres, Random& r) const {
    const Point d = uniform_in_disc(r, metres);
    return Point{p.x + d.x, p.y + d.y};
  }
  bool works(std::size_t officer, std::size_t d) const { return (d + officer) % 7 > 1; }
  const Crew* crew_at(std::size_t v, Instant t) const {
    for (const Crew& c : m_crew[v])
      if (c.start <= t && t < c.end) return &c;
    return nullptr;
  }
  const Crew* crew_covering(std::size_t v, Instant a, Instant b) const {
    for (const Crew& c : m_crew[v])
      if (c.start <= a && b <= c.end) return &c;
    return nullptr;
  }
  bool clear_of_places(Point p, double metres) const {
    const auto cell = [this](double x) { return static_cast<long>(std::floor(x / m_keep_clear)); };
    for (long i = cell(p.x) - 1; i <= cell(p.x) + 1; ++i)
      for (long j = cell(p.y) - 1; j <= cell(p.y) + 1; ++j)
        if (const auto it = m_grid.find({i, j}); it != m_grid.end())
          for (const Point& q : it->second)
            if (distance(p, q) < metres) return false;
    return true;
  }
  void remember(Point p) {
    m_grid[{static_cast<long>(std::floor(p.x / m_keep_clear)), static_cast<long>(std::floor(p.y / m_keep_clear))}].push_back(p);
  }
  Point free_spot(double within) {
    for (int attempt = 0;; ++attempt) {
      const Point p = uniform_in_disc(m_random, within);
      if (clear_of_places(p, m_keep_clear) || attempt > 200) return p;
    }
  }
  // Does [t0, t1] keep min_gap from every fixed stop of v?
  bool free_for(std::size_t v, Instant t0, Instant t1) const {
    for (const Stop& s : m_fixed[v])
      if (t0 < s.t1 + m_min_gap && s.t0 < t1 + m_min_gap) return false;
    return true;
  }
  // Inside one crew interval of v, with room to leave and reach base.
  bool staffed_with_room(std::size_t v, Instant t0, Instant t1) const {
    return crew_covering(v, t0 - m_min_gap - mins(16), t1 + m_min_gap + mins(16)) != nullptr;
  }
  void add_story(CaseTruth row) { m_story.push_back(std::move(row)); }
  std::vector<CaseTruth> m_truth_story_and_rest() {
    std::vector<CaseTruth> out = std::move(m_story);
    out.insert(out.end(), std::make_move_iterator(m_rest.begin()), std::make_move_iterator(m_rest.end()));
    return out;
  }

  void plan_roster();
  std::string relief_row(std::size_t line);
  void plan_places();
  void plan_story();
  void plan_incidents();
  void plan_stops();
  void plan_recurring();
  void plan_events();
  std::string person() { return "Person " + pad(static_cast<std::size_t>(m_random.between(1, 9999)), 4) + " (synthetic)"; }

  const SynthCaseConfig& m_config;
  Random m_random;
  LocalFrame m_frame;
  double m_radius;
  double m_keep_clear;
  std::size_t m_width;
  Millis m_min_gap{0};

  std::vector<Officer> m_officers;
  std::vector<Shift> m_shifts;
  struct Assignment {
    std::size_t officer, vehicle;
    Instant start, end;
  };
  std::vector<Assignment> m_assignments;
  std::vector<std::vector<Crew>> m_crew;  // per vehicle, by start
  std::vector<Place> m_places;            // bases first, then addresses (A is index 3)
  std::map<std::pair<long, long>, std::vector<Point>> m_grid;  // places and incident points
  std::vector<Incident> m_incidents;
  std::vector<Event> m_events;
  std::vector<std::vector<Stop>> m_fixed;  // per vehicle: story and incident stops
  std::vector<std::vector<Stop>> m_stops;  // per vehicle: everything, by time
  std::vector<std::size_t> m_home;         // per vehicle: base place index
  std::vector<CaseTruth> m_story, m_rest;
  std::size_t m_ping_rows = 0;
  std::size_t m_subject_revisit_vehicle = 0;
};

void Planner::plan() {
  m_crew.resize(m_config.vehicles);
  m_fixed.resize(m_config.vehicles);
  m_stops.resize(m_config.vehicles);
  plan_roster();
  plan_places();
  plan_story();
  plan_incidents();
  plan_stops();
  plan_recurring();
  plan_events();
}

void Planner::plan_roster() {
  const std::size_t n = m_config.vehicles * 2;
  for (std::size_t o = 0; o < n; ++o) m_officers.push_back(Officer{"PC" + std::to_string(4471 + 7 * o), o / 2, o % 2 == 1});
  for (std::size_t d = 0; d < m_config.days; ++d)
    for (std::size_t o = 0; o < n; ++o) {
      if (!works(o, d)) continue;
      const Officer& officer = m_officers[o];
      Shift s;
      s.officer = o;
      s.vehicle = officer.vehicle;
      s.start = officer.night ? at(d, 22, 0) : at(d, 7, 0);
      s.end = officer.night ? at(d + 1, 7, 0) : at(d, 17, 0);
      std::string date = format_utc(Instant{day(d)}).substr(0, 10);
      std::erase(date, '-');
      s.id = "S" + date + (officer.night ? "N-" : "D-") + officer.id;
      s.callsign = "NC" + pad(officer.vehicle + 1, m_width) + (officer.night ? "N" : "D");
      m_shifts.push_back(s);
      if (repeated_hour(s.start + hours{4}) || (s.end - s.start) != hours{officer.night ? 9 : 10})
        add_story(CaseTruth{"clock_change_shift", vehicle_id(s.vehicle), s.start, s.end, "", {}, officer.id, "",
                            s.id + " lasts " + std::to_string(minutes_of(s.end - s.start) / 60) + " h"});
    }
  // The crew change: officer 2 (day shifts in vehicle 1) takes vehicle 3 at 12:00 on day 8, when
  // vehicle 3's own day officer (6) rests.
  const std::size_t d = 8;
  const Instant noon = at(d, 12, 0);
  m_assignments.push_back({2, 1, at(d, 7, 0), noon});
  m_assignments.push_back({2, 3, noon, at(d, 17, 0)});
  add_story(CaseTruth{"crew_change", vehicle_id(3), noon, at(d, 17, 0), "", {}, m_officers[2].id, "",
                      "assignments.csv: " + vehicle_id(1) + " until 12:00 then " + vehicle_id(3)});
  for (const Shift& s : m_shifts) {
    bool overridden = false;
    for (const Assignment& a : m_assignments)
      if (a.officer == s.officer && a.start < s.end && s.start < a.end) {
        m_crew[a.vehicle].push_back(Crew{s.officer, std::max(a.start, s.start), std::min(a.end, s.end), s.callsign});
        overridden = true;
      }
    if (!overridden) m_crew[s.vehicle].push_back(Crew{s.officer, s.start, s.end, s.callsign});
  }
  for (auto& c : m_crew) std::sort(c.begin(), c.end(), [](const Crew& a, const Crew& b) { return a.start < b.start; });
}

// A late rota correction appended to shifts.csv: a relief for vehicle 1 on the night of the autumn
// change (its own night officer rests then in the bundled case), its start written in the hour
// that happens twice. analyse rejects the row (ambiguous_local_time) and must call vehicle 1's
// duty then unknown, not off duty. Nothing else is planned around it (no crew, no events), so the
// pings are the same with or without it. Empty when the change is outside the case.
std::string Planner::relief_row(std::size_t line) {
  const Instant change = last_sunday_0100(year_of(Instant{day(0)}), 10);  // 01:00 UTC
  if (change < Instant{day(0)} || change >= Instant{day(m_config.days)}) return "";
  const std::string officer = "PC" + std::to_string(4471 + 7 * 2 * m_config.vehicles);
  const std::string date = format_utc(change).substr(0, 10);
  const Instant end = change + hours{6};  // 07:00 GMT
  std::string id_date = date;
  std::erase(id_date, '-');
  add_story(CaseTruth{"rejected_roster", vehicle_id(1), change - minutes{30}, end, "", {}, officer, "",
                      "shifts.csv:" + std::to_string(line) + " ambiguous_local_time"});
  return "S" + id_date + "R-" + officer + "," + officer + "," + date + " 01:30:00," + local_text(end) + "," +
         vehicle_id(1) + ",NC" + pad(2, m_width) + "R\n";
}

void Planner::plan_places() {
  const auto base = [this](std::string id, std::string label, double lat, double lon) {
    m_places.push_back(Place{std::move(id), std::move(label), true, from_latlon(lat, lon)});
    remember(m_places.back().p);
  };
  base("BASE-STN1", "Central police station (synthetic)", 52.6335, -1.1410);
  base("BASE-STN2", "South police station (synthetic)", 52.6080, -1.1150);
  base("BASE-CUSTODY", "Custody suite (synthetic)", 52.6190, -1.1700);
  const double separation = m_config.places <= 50 ? 400.0 : 150.0;
  for (std::size_t i = 0; i < m_config.places; ++i) {
    Point p;
    for (int attempt = 0;; ++attempt) {
      p = uniform_in_disc(m_random, 0.8 * m_radius);
      if (clear_of_places(p, std::max(separation, m_keep_clear)) || attempt > 500) break;
    }
    m_places.push_back(Place{"ADDR-" + letters(i), "Address " + letters(i) + " (synthetic)", false, p});
    remember(p);
  }
  m_home.resize(m_config.vehicles);
  for (std::size_t v = 0; v < m_config.vehicles; ++v) m_home[v] = v % 2;
}

void Planner::plan_story() {
  const std::size_t a = 3;  // Address A
  const Place& address_a = m_places[a];
  const auto fixed = [this](std::size_t v, Instant t0, Instant t1, Point spot, std::string label, std::string place_id) {
    m_fixed[v].push_back(Stop{t0, t1, spot, std::move(label), std::move(place_id), {}, {}, {}});
    return m_fixed[v].back();
  };
  const auto dwell_row = [this](const Stop& s, std::size_t v, std::string officer, std::string detail) {
    add_story(CaseTruth{s.label, vehicle_id(v), s.t0, s.t1, s.place_id, to_latlon(s.spot), std::move(officer), "",
                        std::move(detail)});
  };
  const Officer& subject = m_officers[0];
  // Day 3: the domestic at Address A, attended by vehicle 0 with the subject officer.
  {
    const Stop s = fixed(0, at(2, 10, 26), at(2, 11, 21), offset(address_a.p, 3.0, m_random), "story_incident", address_a.id);
    Incident inc{at(2, 10, 14), at(2, 11, 32), address_a.p, static_cast<long>(a), "domestic", {}, Style::full, "", "story_incident"};
    inc.units.push_back(Unit{0, true, subject.id, crew_at(0, s.t0)->callsign});
    m_incidents.push_back(inc);
    dwell_row(s, 0, subject.id, "attends the domestic at Address A (incident listed with this car)");
  }
  // Day 5: the subject's records look-up naming Address A.
  m_events.push_back(Event{at(4, 15, 47) + Seconds{12}, subject.id, "records_lookup", "Jordan Example (synthetic)",
                           address_a.id, "PNC person check (synthetic)", "story_lookup"});
  add_story(CaseTruth{"story_lookup", "", m_events.back().at, m_events.back().at, address_a.id, to_latlon(address_a.p),
                      subject.id, "", ""});
  // Day 6: an hour at Address A, on duty, with no incident.
  {
    const Stop s = fixed(0, at(5, 11, 2), at(5, 12, 4), offset(address_a.p, 3.0, m_random), "story_revisit", address_a.id);
    dwell_row(s, 0, subject.id, "about an hour at Address A on duty with no incident");
  }
  // Day 10 (index 9): vehicle 2 stops before the end of its day shift and stays past 17:00.
  {
    const Stop s = fixed(2, at(9, 16, 41), at(9, 17, 23), free_spot(0.8 * m_radius), "partial_duty", "");
    dwell_row(s, 2, m_officers[4].id, "straddles the end of the day shift at 17:00");
  }
  // Day 11: vehicle 1 parked away from any base between shifts, nobody on duty.
  {
    const Stop s = fixed(1, at(10, 18, 6), at(10, 18, 52), free_spot(0.8 * m_radius), "off_duty", "");
    dwell_row(s, 1, "", "parked away from any base with nobody on duty");
  }
  // Day 12: vehicle 3 waits 200 m from an incident it is listed on.
  {
    const Point x = free_spot(0.7 * m_radius);
    remember(x);
    const double bearing = m_random.uniform(0.0, 6.283185307179586);
    const Point spot{x.x + 200.0 * std::cos(bearing), x.y + 200.0 * std::sin(bearing)};
    const Stop s = fixed(3, at(11, 14, 12), at(11, 14, 46), spot, "near_miss", "");
    const Crew* crew = crew_at(3, s.t0);
    Incident inc{at(11, 14, 5), at(11, 14, 50), x, -1, "concern for welfare", {}, Style::full, "", "near_miss"};
    inc.units.push_back(Unit{3, true, m_officers[crew->officer].id, crew->callsign});
    m_incidents.push_back(inc);
    dwell_row(s, 3, m_officers[crew->officer].id, "200 m from the incident it is listed on: not explained");
  }
  // Day 13: vehicle 2 attends an incident that names vehicle 1.
  {
    const Point y = free_spot(0.7 * m_radius);
    remember(y);
    const Stop s = fixed(2, at(12, 10, 31), at(12, 11, 4), offset(y, 5.0, m_random), "wrong_unit", "");
    Incident inc{at(12, 10, 20), at(12, 11, 10), y, -1, "theft", {}, Style::full, "", "wrong_unit"};
    inc.units.push_back(Unit{1, true, "", ""});
    m_incidents.push_back(inc);
    dwell_row(s, 2, m_officers[crew_at(2, s.t0)->officer].id,
              "at an incident that lists " + vehicle_id(1) + ": explained only with --incident-match any-unit");
  }
  m_subject_revisit_vehicle = 0;
}

void Planner::plan_incidents() {
  static const char* const kTypes[] = {"theft", "burglary", "assault", "concern for welfare", "road traffic collision",
                                       "anti-social behaviour", "domestic", "criminal damage"};
  const std::size_t planted = m_incidents.size();
  for (std::size_t i = planted; i < m_config.incidents; ++i) {
    bool placed = false;
    for (int attempt = 0; attempt < 2000 && !placed; ++attempt) {
      const auto v = static_cast<std::size_t>(m_random.between(0, m_config.vehicles - 1));
      if (m_crew[v].empty()) continue;
      const Crew& c = m_crew[v][m_random.between(0, m_crew[v].size() - 1)];
      const Millis stay = mins(static_cast<std::int64_t>(m_random.between(15, 60)));
      const Instant lo = c.start + m_min_gap + mins(16);
      const Instant hi = c.end - m_min_gap - mins(16) - stay;
      if (hi <= lo) continue;
      const Instant t0 = lo + mins(static_cast<std::int64_t>(m_random.between(0, static_cast<std::uint64_t>(minutes_of(hi - lo)))));
      const Instant t1 = t0 + stay;
      const Instant opened = t0 - mins(static_cast<std::int64_t>(m_random.between(4, 15)));
      const Instant closed = t1 + mins(static_cast<std::int64_t>(m_random.between(2, 12)));
      if (repeated_hour(opened) || repeated_hour(closed) || !free_for(v, t0, t1)) continue;
      Incident inc;
      inc.opened = opened;
      inc.closed = closed;
      inc.type = kTypes[m_random.between(0, 7)];
      const bool at_place = m_config.places > 1 && m_random.uniform() < 0.5;
      if (at_place) {
        inc.place = static_cast<long>(m_random.between(4, m_places.size() - 1));  // never Address A
        inc.where = m_places[static_cast<std::size_t>(inc.place)].p;
      } else {
        inc.where = free_spot(0.8 * m_radius);
        remember(inc.where);
      }
      const Point spot = offset(inc.where, at_place ? 3.0 : 20.0, m_random);
      inc.units.push_back(Unit{v, true, m_officers[c.officer].id, c.callsign});
      switch (i % 6) {
        case 1: inc.style = at_place ? Style::place_only : Style::full; break;
        case 2: inc.style = Style::callsign_only; break;
        case 3: inc.style = Style::two_units_joined; break;
        case 5: inc.style = Style::two_rows; break;
        default: inc.style = Style::full;
      }
      const std::string place_id = at_place ? m_places[static_cast<std::size_t>(inc.place)].id : "";
      m_fixed[v].push_back(Stop{t0, t1, spot, "incident", place_id, {}, {}, {}});
      if (inc.style == Style::two_units_joined || inc.style == Style::two_rows) {
        bool second = false;
        for (std::size_t k = 1; k < m_config.vehicles && !second; ++k) {
          const std::size_t w = (v + k) % m_config.vehicles;
          const Instant w0 = t0 + mins(3);
          if (!staffed_with_room(w, w0, t1) || !free_for(w, w0, t1)) continue;
          const Crew* cw = crew_at(w, w0);
          m_fixed[w].push_back(Stop{w0, t1, offset(spot, 4.0, m_random), "incident", place_id, {}, {}, {}});
          inc.units.push_back(Unit{w, true, m_officers[cw->officer].id, cw->callsign});
          second = true;
        }
        if (!second) inc.style = Style::full;
      }
      m_incidents.push_back(std::move(inc));
      placed = true;
    }
    if (!placed) throw UsageError("synthetic case: cannot fit " + std::to_string(m_config.incidents) +
                                  " incidents into the staffed time of " + std::to_string(m_config.vehicles) + " vehicles");
  }
  for (auto& f : m_fixed) std::sort(f.begin(), f.end(), [](const Stop& a, const Stop& b) { return a.t0 < b.t0; });
  // Ids in order of opening.
  std::vector<std::size_t> order(m_incidents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [this](std::size_t a, std::size_t b) { return m_incidents[a].opened < m_incidents[b].opened; });
  std::vector<Incident> sorted;
  sorted.reserve(order.size());
  const std::size_t width = std::max<std::size_t>(4, std::to_string(order.size()).size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted.push_back(std::move(m_incidents[order[k]]));
    sorted.back().id = "INC-" + pad(k + 1, width);
    for (CaseTruth& row : m_story)
      if (!sorted.back().story.empty() && row.label == sorted.back().story) row.incident_id = sorted.back().id;
  }
  m_incidents = std::move(sorted);
}

void Planner::plan_stops() {
  const Instant period_start = at(0, 0, 0);
  const Instant period_end = at(m_config.days, 8, 0);
  for (std::size_t v = 0; v < m_config.vehicles; ++v) {
    Random random(mix64(mix64(m_config.seed) ^ (0xD1B54A32D192ED03ULL * (v + 1))));
    const Point home = m_places[m_home[v]].p;
    const std::string home_id = m_places[m_home[v]].id;
    // Base windows: every time between crew intervals, with 5-15 min to leave and come back.
    std::vector<std::pair<Instant, Instant>> windows;
    Instant from = period_start;
    for (const Crew& c : m_crew[v]) {
      const Instant back = c.start + mins(static_cast<std::int64_t>(random.between(5, 15)));
      windows.emplace_back(from, back);
      from = c.end - mins(static_cast<std::int64_t>(random.between(5, 15)));
    }
    windows.emplace_back(from, period_end);
    // Merge windows too close to patrol between them; cut out the fixed stops outside staffing.
    std::vector<std::pair<Instant, Instant>> merged;
    for (const auto& w : windows) {
      if (!merged.empty() && w.first - merged.back().second < 2 * m_min_gap + mins(10))
        merged.back().second = w.second;
      else
        merged.push_back(w);
    }
    std::vector<Stop> all = m_fixed[v];
    for (auto [a, b] : merged) {
      for (const Stop& f : m_fixed[v]) {
        if (!(f.t0 - m_min_gap - mins(2) < b && a < f.t1 + m_min_gap + mins(2))) continue;
        const Instant cut_to = f.t0 - m_min_gap - mins(2);
        if (cut_to - a >= mins(10)) all.push_back(Stop{a, cut_to, offset(home, 3.0, random), "base", home_id, {}, {}, {}});
        a = f.t1 + m_min_gap + mins(2);
      }
      if (b - a >= mins(10) || b == period_end || a == period_start)
        all.push_back(Stop{a, b, offset(home, 3.0, random), "base", home_id, {}, {}, {}});
    }
    std::sort(all.begin(), all.end(), [](const Stop& x, const Stop& y) { return x.t0 < y.t0; });
    // Fill staffed time between consecutive stops with patrol stops.
    std::vector<Stop>& out = m_stops[v];
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (i > 0 && all[i].t0 - out.back().t1 < m_min_gap)
        throw std::logic_error("synthetic case: stops of " + vehicle_id(v) + " too close at " + format_utc(all[i].t0));
      out.push_back(all[i]);
      if (i + 1 == all.size()) break;
      Instant t = all[i].t1;
      const Instant next = all[i + 1].t0;
      if (crew_covering(v, t, next) == nullptr) continue;
      for (;;) {
        const Millis drive = m_min_gap + mins(static_cast<std::int64_t>(random.between(0, 25)));
        const Millis stay = mins(static_cast<std::int64_t>(random.between(5, 30)));
        if (t + drive + stay + m_min_gap > next) break;
        Point spot;
        for (int attempt = 0;; ++attempt) {
          spot = uniform_in_disc(random, 0.9 * m_radius);
          if (clear_of_places(spot, m_keep_clear) || attempt > 200) break;
        }
        out.push_back(Stop{t + drive, t + drive + stay, spot, "patrol", "", {}, {}, {}});
        t = t + drive + stay;
      }
    }
  }
  // The silent unit: vehicle 3 at base over the night of day 8 (index 7), nobody on duty; its
  // unit reports nothing from 18:00 to 05:44.
  const Instant quiet_from = at(7, 18, 0);
  const Instant quiet_to = at(8, 5, 44);
  for (Stop& s : m_stops[3])
    if (s.t0 < quiet_from && quiet_to < s.t1) {
      s.silent_from = quiet_from;
      s.silent_to = quiet_to;
      s.label = "bridged_silence";
      add_story(CaseTruth{"bridged_silence", vehicle_id(3), s.t0, s.t1, s.place_id, to_latlon(s.spot), "", "",
                          "no ping from " + format_utc(quiet_from) + " to " + format_utc(quiet_to)});
    }
}

// The subject's recurring stop at an address on no list: four patrol stops of vehicle 0 in the
// subject's day shifts (days 4, 10 twice, and 12: three shifts) are moved to where the first of
// them is, a patrol spot clear of every place and incident point. Only these stops' pings and the
// legs to and from them change (Stop::shown); every row keeps its line.
void Planner::plan_recurring() {
  const Officer& subject = m_officers[0];
  std::vector<Stop*> chosen;
  for (const auto& [d, hour] : std::vector<std::pair<std::size_t, int>>{{3, 12}, {9, 10}, {9, 14}, {11, 12}}) {
    for (Stop& s : m_stops[0]) {
      const Crew* c = crew_covering(0, s.t0, s.t1);
      if (s.label != "patrol" || s.t0 < at(d, hour, 0) || c == nullptr || c->officer != 0) continue;
      if (std::find(chosen.begin(), chosen.end(), &s) == chosen.end()) chosen.push_back(&s);
      break;
    }
  }
  if (chosen.size() < 4) return;  // a case too crowded for it: no recurring stop
  Random random(mix64(mix64(m_config.seed) ^ 0x2EC0221ULL));
  const Point spot = chosen.front()->spot;
  for (Stop* s : chosen) {
    if (s != chosen.front()) s->shown = offset(spot, 4.0, random);
    s->label = "recurring_stop";
    add_story(CaseTruth{s->label, vehicle_id(0), s->t0, s->t1, "", to_latlon(s->shown ? *s->shown : s->spot),
                        subject.id, "", "a stop at an address on no list, again and again"});
  }
}

void Planner::plan_events() {
  // Radio status at each crew interval's start and end; look-ups and stop-searches while on duty.
  for (std::size_t v = 0; v < m_config.vehicles; ++v) {
    for (const Crew& c : m_crew[v]) {
      const std::string& officer = m_officers[c.officer].id;
      const auto event = [&](Instant t, std::string kind, std::string subject, std::string place, std::string detail) {
        if (!repeated_hour(t)) m_events.push_back(Event{t, officer, std::move(kind), std::move(subject), std::move(place), std::move(detail), ""});
      };
      event(c.start + Seconds{static_cast<std::int64_t>(m_random.between(30, 400))}, "radio_status", "", "",
            "status 2 available " + c.callsign);
      event(c.end - Seconds{static_cast<std::int64_t>(m_random.between(30, 400))}, "radio_status", "", "",
            "status 6 off duty " + c.callsign);
      const std::size_t lookups = m_random.between(0, 2);
      for (std::size_t k = 0; k < lookups; ++k) {
        const Instant t = c.start + Seconds{static_cast<std::int64_t>(m_random.between(1800, static_cast<std::uint64_t>(
                                                                          std::chrono::duration_cast<Seconds>(c.end - c.start).count() - 1800)))};
        const bool with_place = m_config.places > 1 && m_random.uniform() < 0.5;
        const std::string place = with_place ? m_places[m_random.between(4, m_places.size() - 1)].id : "";
        event(t, "records_lookup", person(), place, "PNC person check (synthetic)");
      }
    }
    for (const Stop& s : m_stops[v]) {
      const bool patrol = s.label == "patrol" || s.label == "recurring_stop";  // a recurring stop is a patrol stop moved
      if (!patrol || m_random.uniform() >= 0.08) continue;
      const Crew* c = crew_at(v, s.t0);
      if (c == nullptr) continue;
      const Instant t = s.t0 + mins(2);
      if (!repeated_hour(t))
        m_events.push_back(Event{t, m_officers[c->officer].id, "stop_search", person(), "", "stop and search no further action (synthetic)", ""});
    }
  }
  std::stable_sort(m_events.begin(), m_events.end(), [](const Event& a, const Event& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.officer < b.officer;
  });
  for (std::size_t i = 0; i < m_events.size(); ++i)
    if (!m_events[i].story.empty())
      for (CaseTruth& row : m_story)
        if (row.label == m_events[i].story) row.detail = "events.csv:" + std::to_string(i + 2);
}

// Each table replaces its file whole, never through a link planted under its name (WholeFile).
void write_file(const std::filesystem::path& path, const std::string& text) { write_whole_file(path.string(), text); }

void Planner::write_tables(const std::filesystem::path& dir) {
  std::string t = "shift_id,officer_id,start,end,vehicle_id,callsign\n";
  std::vector<const Shift*> shifts;
  for (const Shift& s : m_shifts) shifts.push_back(&s);
  std::stable_sort(shifts.begin(), shifts.end(), [](const Shift* a, const Shift* b) { return a->start < b->start; });
  for (const Shift* s : shifts)
    t += s->id + "," + m_officers[s->officer].id + "," + local_text(s->start) + "," + local_text(s->end) + "," +
         vehicle_id(s->vehicle) + "," + s->callsign + "\n";
  t += relief_row(shifts.size() + 2);
  write_file(dir / "shifts.csv", t);

  t = "officer_id,vehicle_id,start,end\n";
  for (const Assignment& a : m_assignments)
    t += m_officers[a.officer].id + "," + vehicle_id(a.vehicle) + "," + local_text(a.start) + "," + local_text(a.end) + "\n";
  write_file(dir / "assignments.csv", t);

  t = "place_id,label,kind,lat,lon,radius_m\n";
  for (const Place& p : m_places) {
    const LatLon ll = to_latlon(p.p);
    t += p.id + "," + p.label + "," + (p.base ? "base" : "address") + "," + fixed7(ll.lat) + "," + fixed7(ll.lon) + ",50\n";
  }
  write_file(dir / "places.csv", t);

  t = "incident_id,opened,closed,lat,lon,place_id,type,vehicle_id,officer_id,callsign\n";
  for (const Incident& inc : m_incidents) {
    const LatLon ll = to_latlon(inc.where);
    const std::string place = inc.place >= 0 ? m_places[static_cast<std::size_t>(inc.place)].id : "";
    const std::string head = inc.id + "," + local_text(inc.opened) + "," + local_text(inc.closed) + "," +
                             (inc.style == Style::place_only ? "," : fixed7(ll.lat) + "," + fixed7(ll.lon)) + "," + place +
                             "," + inc.type + ",";
    const auto unit = [this](const Unit& u) { return u.vehicle_named ? vehicle_id(u.vehicle) : std::string(); };
    switch (inc.style) {
      case Style::callsign_only:
        t += head + ",," + inc.units[0].callsign + "\n";
        break;
      case Style::two_units_joined:
        t += head + unit(inc.units[0]) + ";" + unit(inc.units[1]) + "," + inc.units[0].officer + ";" + inc.units[1].officer +
             "," + inc.units[0].callsign + ";" + inc.units[1].callsign + "\n";
        break;
      case Style::two_rows:
        for (const Unit& u : inc.units) t += head + unit(u) + "," + u.officer + "," + u.callsign + "\n";
        break;
      default:
        t += head + unit(inc.units[0]) + "," + inc.units[0].officer + "," + inc.units[0].callsign + "\n";
    }
  }
  write_file(dir / "incidents.csv", t);

  t = "timestamp,officer_id,kind,subject,place_id,detail\n";
  for (const Event& e : m_events)
    t += local_text(e.at) + "," + e.officer + "," + e.kind + "," + e.subject + "," + e.place_id + "," + e.detail + "\n";
  write_file(dir / "events.csv", t);
}

// --- Pings.

class PingWriter {
 public:
  explicit PingWriter(const std::filesystem::path& path) : m_file(path.string()) {
    m_text = "vehicle_id,timestamp,lat,lon\n";
  }
  void row(const std::string& id, Instant t, LatLon ll) {
    m_text += id + "," + format_utc(t) + "," + fixed7(ll.lat) + "," + fixed7(ll.lon) + "\n";
    ++m_rows;
    if (m_text.size() > (std::size_t{1} << 20)) flush();
  }
  void raw(const std::string& line) {
    m_text += line + "\n";
    ++m_rows;
  }
  void flush() {
    m_file.out() << m_text;
    m_text.clear();
  }
  /// The rows so far become pings.csv (a failed write is named here).
  void commit() {
    flush();
    m_file.commit();
  }
  [[nodiscard]] std::size_t rows() const noexcept { return m_rows; }

 private:
  WholeFile m_file;
  std::string m_text;
  std::size_t m_rows = 0;
};

Point noisy(Point p, Random& r) {
  double ex = r.normal() * kNoise;
  double ey = r.normal() * kNoise;
  const double r2 = ex * ex + ey * ey;
  const double cut = 3.0 * kNoise;
  if (r2 > cut * cut) {
    const double k = cut / std::sqrt(r2);
    ex *= k;
    ey *= k;
  }
  return Point{p.x + ex, p.y + ey};
}

// True positions of the n - 1 driving pings of a leg of n steps from a to b, or empty when the
// drawn polyline breaks the 150 m rule.
std::vector<Point> draw_leg(Point a, Point b, std::size_t n, double area, Random& r) {
  const double d = distance(a, b);
  const double lo = std::max(kMinStep, d / static_cast<double>(n));
  if (lo > kMaxStep) throw std::logic_error("synthetic case: a leg too short in time for its length");
  const double step = r.uniform(lo, kMaxStep);
  double left = step * static_cast<double>(n);
  std::vector<Point> line{a};
  Point here = a;
  for (int k = 0; k < 100; ++k) {
    const double dq = distance(here, b);
    if (left <= 2.0 * dq) {
      if (left - dq > 1e-6) {  // the apex of an isosceles triangle with legs summing to `left`
        const Point m{(here.x + b.x) / 2.0, (here.y + b.y) / 2.0};
        const Point u{(b.x - here.x) / dq, (b.y - here.y) / dq};
        const double h = std::sqrt(std::max(0.0, left * left / 4.0 - dq * dq / 4.0));
        const double side = r.uniform() < 0.5 ? 1.0 : -1.0;
        line.push_back(Point{m.x - u.y * h * side, m.y + u.x * h * side});
      }
      line.push_back(b);
      left = 0.0;
      break;
    }
    Point w{};
    bool found = false;
    for (int t = 0; t < 50 && !found; ++t) {
      w = uniform_in_disc(r, area);
      const double dw = distance(here, w);
      found = dw >= 300.0 && dw + distance(w, b) <= left;
    }
    if (!found) return {};
    left -= distance(here, w);
    line.push_back(w);
    here = w;
  }
  if (left != 0.0) return {};
  // Walk the polyline in steps.
  std::vector<Point> pings;
  std::size_t seg = 0;
  double into = 0.0;  // metres along segment `seg`
  for (std::size_t k = 1; k < n; ++k) {
    double go = step;
    while (seg + 1 < line.size()) {
      const double len = distance(line[seg], line[seg + 1]);
      if (into + go <= len) {
        into += go;
        break;
      }
      go -= len - into;
      into = 0.0;
      ++seg;
    }
    if (seg + 1 >= line.size()) return {};
    const Point p0 = line[seg];
    const Point p1 = line[seg + 1];
    const double len = distance(p0, p1);
    pings.push_back(Point{p0.x + (p1.x - p0.x) * into / len, p0.y + (p1.y - p0.y) * into / len});
  }
  Point previous = a;
  for (const Point& p : pings) {
    if (distance(previous, p) < kMinApart) return {};
    previous = p;
  }
  if (distance(previous, b) < kMinApart) return {};
  return pings;
}

void Planner::write_pings(const std::filesystem::path& dir) {
  PingWriter out(dir / "pings.csv");
  Instant dup_time{};
  LatLon dup_at{};
  std::size_t dup_line = 0;
  for (std::size_t v = 0; v < m_config.vehicles; ++v) {
    Random r(mix64(mix64(m_config.seed) ^ (0x9E3779B97F4A7C15ULL * (v + 1))));
    Random side(mix64(mix64(m_config.seed) ^ (0x5D1E5EEDULL * (v + 1))));  // for moved stops (Stop::shown)
    const std::string id = vehicle_id(v);
    const std::vector<Stop>& stops = m_stops[v];
    std::size_t gaps = 0;
    for (std::size_t i = 0; i < stops.size(); ++i) {
      const Stop& s = stops[i];
      const Millis every = s.t1 - s.t0 > kLongStay ? kLongParkedEvery : kParkedEvery;
      const bool silent = s.silent_to > s.silent_from;
      Instant t = s.t0;
      Instant last = Instant::min();
      const auto parked = [&]() {
        const Point p = noisy(s.spot, r);
        return to_latlon(s.shown ? noisy(*s.shown, side) : p);
      };
      while (t < s.t1) {
        if (silent && t > s.silent_from && t < s.silent_to) {
          if (last < s.silent_from) out.row(id, s.silent_from, parked());
          t = s.silent_to;
          continue;
        }
        out.row(id, t, parked());
        last = t;
        t += every;
      }
      out.row(id, s.t1, parked());
      if (s.label == "base" || s.label == "patrol" || s.label == "incident")  // story stops are in m_story
        m_rest.push_back(CaseTruth{s.label, id, s.t0, s.t1, s.place_id, to_latlon(s.spot), "", "", ""});
      if (i + 1 == stops.size()) break;
      const Stop& next = stops[i + 1];
      const auto n = static_cast<std::size_t>((next.t0 - s.t1) / kTick);
      std::vector<Point> leg;
      for (int attempt = 0; leg.empty(); ++attempt) {
        if (attempt > 5000) throw std::logic_error("synthetic case: no leg for " + id + " at " + format_utc(s.t1));
        leg = draw_leg(s.spot, next.spot, n, m_radius, r);
      }
      std::vector<Point> shown_leg;  // the leg the pings show, when a moved stop ends it
      const bool moved = s.shown || next.shown;
      for (int attempt = 0; moved && shown_leg.empty(); ++attempt) {
        if (attempt > 5000) throw std::logic_error("synthetic case: no leg for " + id + " at " + format_utc(s.t1));
        shown_leg = draw_leg(s.shown.value_or(s.spot), next.shown.value_or(next.spot), n, m_radius, side);
      }
      // A silence of 6-30 min in the middle of some long legs.
      std::size_t skip_from = n;
      std::size_t skip_to = n;
      if (n >= 40 && r.uniform() < 0.02 && gaps < 1 + m_config.days / 3) {
        const std::size_t m = std::min<std::size_t>(r.between(11, 59), n - 6);
        const std::size_t first = r.between(3, n - 3 - m);
        const std::vector<Point>& drawn = moved ? shown_leg : leg;
        if (distance(leg[first - 2], leg[first + m - 1]) > 200.0 && distance(drawn[first - 2], drawn[first + m - 1]) > 200.0) {
          skip_from = first;
          skip_to = first + m;
          ++gaps;
          m_rest.push_back(CaseTruth{"driving_gap", id, s.t1 + kTick * static_cast<std::int64_t>(first - 1),
                                     s.t1 + kTick * static_cast<std::int64_t>(first + m), "", {}, "", "",
                                     std::to_string(minutes_of(kTick * static_cast<std::int64_t>(m + 1))) + " min"});
        }
      }
      for (std::size_t k = 1; k < n; ++k) {
        if (k >= skip_from && k < skip_to) continue;
        const Instant tk = s.t1 + kTick * static_cast<std::int64_t>(k);
        const LatLon drawn = to_latlon(noisy(leg[k - 1], r));
        const LatLon ll = moved ? to_latlon(noisy(shown_leg[k - 1], side)) : drawn;
        out.row(id, tk, ll);
        if (v == 1 && dup_time == Instant{} && tk >= at(6, 13, 0) && k > 2 && k + 2 < n && (k + 1 < skip_from || k > skip_to)) {
          dup_time = tk;
          dup_at = ll;
          dup_line = out.rows() + 1;
        }
      }
    }
  }
  // Bad rows, appended out of order.
  const std::string v1 = vehicle_id(1);
  const auto line = [&out]() { return out.rows() + 2; };
  const auto bad = [&](const std::string& text, const std::string& reason) {
    m_story.push_back(CaseTruth{"rejected", v1, {}, {}, "", {}, "", "", "pings.csv:" + std::to_string(line()) + " " + reason});
    out.raw(text);
  };
  m_story.push_back(CaseTruth{"rejected", v1, {}, {}, "", {}, "", "", "pings.csv:" + std::to_string(dup_line) +
                                                                          " conflicting_duplicate (a driving ping)"});
  bad(v1 + ",25/10/2024 14:02," + fixed7(dup_at.lat) + "," + fixed7(dup_at.lon), "ambiguous_date");
  bad(v1 + "," + format_utc(dup_time + Seconds{10}) + ",0,0", "null_island");
  bad(v1 + "," + format_utc(dup_time + Seconds{20}) + ",95.1234567," + fixed7(dup_at.lon), "coordinate_out_of_range");
  bad(v1 + "," + format_utc(dup_time) + "," + fixed7(dup_at.lat + 0.0027) + "," + fixed7(dup_at.lon),
      "conflicting_duplicate (with the driving ping at " + format_utc(dup_time) + ")");
  out.commit();
  m_ping_rows = out.rows();
}

}  // namespace

void validate(const SynthCaseConfig& c) {
  const auto fail = [](const std::string& what) { throw UsageError("synthetic case: " + what); };
  if (c.vehicles < 4 || c.vehicles > 9999) fail("vehicles must be between 4 and 9999 (the story needs four)");
  if (c.days < 14 || c.days > 366) fail("days must be between 14 and 366 (the story spans 13 days)");
  if (c.places < 3 || c.places > 100'000) fail("places must be between 3 and 100000");
  if (c.incidents < 5 || c.incidents > c.vehicles * c.days * 4)
    fail("incidents must be between 5 and 4 per vehicle and day (" + std::to_string(c.vehicles * c.days * 4) + ")");
  const auto y = static_cast<int>(std::chrono::year_month_day{c.start}.year());
  if (y < 1996 || y > 2099) fail("start must be in 1996-2099 (the UK summer-time rule applied)");
}

SynthCaseResult write_synthetic_case(const SynthCaseConfig& config, const std::filesystem::path& dir) {
  validate(config);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError(dir.string() + ": cannot create: " + ec.message());
  Planner planner(config);
  planner.plan();
  planner.write_tables(dir);
  planner.write_pings(dir);
  return planner.result();
}

void write_case_truth(const SynthCaseResult& result, std::ostream& csv) {
  std::ostringstream text;
  text << "label,vehicle_id,start,end,start_local,end_local,place_id,lat,lon,officer_id,incident_id,detail\n";
  for (const CaseTruth& t : result.truth) {
    const bool timed = t.start != Instant{};
    const bool located = !(t.location == LatLon{});
    text << t.label << ',' << t.vehicle_id << ',' << (timed ? format_utc(t.start) : "") << ','
         << (timed ? format_utc(t.end) : "") << ',' << (timed ? format_with_offset(t.start, london_offset(t.start)) : "")
         << ',' << (timed ? format_with_offset(t.end, london_offset(t.end)) : "") << ',' << t.place_id << ','
         << (located ? fixed7(t.location.lat) : "") << ',' << (located ? fixed7(t.location.lon) : "") << ','
         << t.officer_id << ',' << t.incident_id << ',' << t.detail << '\n';
  }
  csv << text.str();
  if (!csv) throw OutputError("truth: cannot write");
}

}  // namespace shiftline::pipeline
