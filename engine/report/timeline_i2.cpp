#include "shiftline/report/timeline_i2.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <variant>

#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/tables.hpp"

namespace shiftline::report {
namespace {

constexpr int kDegreeDecimals = 7;  // the storage resolution, about 1 cm
constexpr int kMetreDecimals = 2;

// The fixed order of event types at one instant. A shift ends before the next one starts at the
// same instant (shifts are [start, end)); what happened follows what was on the roster.
enum class EventType : std::uint8_t { shift_end, shift_start, incident, records_lookup, dwell, gap, claim };

std::string_view name(EventType t) noexcept {
  switch (t) {
    case EventType::shift_end: return "shift_end";
    case EventType::shift_start: return "shift_start";
    case EventType::incident: return "incident";
    case EventType::records_lookup: return "records_lookup";
    case EventType::dwell: return "dwell";
    case EventType::gap: return "gap";
    case EventType::claim: return "claim";
  }
  return "event";
}

struct Row {
  Instant at;
  std::optional<Instant> end;  ///< intervals only
  EventType type = EventType::dwell;
  std::string entity;
  std::string_view entity_type;  ///< officer, vehicle or incident
  std::string description;
  std::optional<LatLon> position;
  std::string source;
  std::string id;  ///< unique in the table: the event frame's identity in ANB
};

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s += separator;
    s += i;
  }
  return s;
}

std::string source_text(const std::vector<std::string>& names, SourceRef ref) {
  return names.at(ref.file) + ":" + std::to_string(ref.line);
}

// "45 s", "12 min 30 s", "1 h 2 min" (seconds dropped from an hour up: duration_s is exact).
std::string length_text(Millis d) {
  const std::int64_t s = d.count() / 1000;
  const std::int64_t h = s / 3600, m = s % 3600 / 60, sec = s % 60;
  if (h > 0) return std::to_string(h) + " h" + (m > 0 ? " " + std::to_string(m) + " min" : "");
  if (m > 0) return std::to_string(m) + " min" + (sec > 0 ? " " + std::to_string(sec) + " s" : "");
  if (s == 0 && d.count() > 0) return "under 1 s";
  return std::to_string(s) + " s";
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// One instant as the columns show it: date, time and offset, split from the ISO form
// `YYYY-MM-DDTHH:MM:SS[.mmm]+HH:MM`.
struct Civil {
  std::string date, time, offset;
};

Civil civil(Instant t, std::chrono::seconds offset, bool with_millis) {
  const std::string s = format_with_offset(t, offset);
  const std::size_t tee = s.find('T');
  // The offset is `+HH:MM`, or `+HH:MM:SS` for local mean time: its sign is the last + or -.
  const std::size_t sign = s.find_last_of("+-");
  Civil c{s.substr(0, tee), s.substr(tee + 1, sign - (tee + 1)), s.substr(sign)};
  if (with_millis && c.time.find('.') == std::string::npos) c.time += ".000";
  return c;
}

class Builder {
 public:
  Builder(const pipeline::Analysis& a, const std::vector<std::string>& lookup_kinds) : m_a(a), m_kinds(lookup_kinds) {
    std::vector<std::string> paths;
    for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
    m_names = display_names(paths);
    index_dwell_references();
  }

  std::vector<Row> rows() {
    shifts();
    dwells_and_gaps();
    incidents();
    lookups();
    claims();
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& x, const Row& y) {
      return std::tie(x.at, x.type, x.entity, x.source, x.id) < std::tie(y.at, y.type, y.entity, y.source, y.id);
    });
    return std::move(m_rows);
  }

 private:
  // Which dwells each incident explains or is a revisit flag of, and which each look-up flags, so
  // that an incident's or look-up's row names the dwells it bears on.
  void index_dwell_references() {
    for (std::size_t k = 0; k < m_a.matches.size(); ++k) {
      const auto& v = m_a.run.vehicles.at(k);
      for (std::size_t d = 0; d < m_a.matches[k].size(); ++d) {
        const std::string id = dwell_id(m_a.run.vehicle_name(v), v.dwells.at(d).sequence);
        const auto& m = m_a.matches[k][d];
        for (const IncidentIndex i : m.incidents) m_explains[i].push_back(id);
        for (const auto& f : m.flags) {
          if (f.kind == match::FlagKind::revisit_after_closure)
            m_revisits[std::get<IncidentIndex>(f.evidence)].push_back(id);
          else
            m_lookup_visits[std::get<EventIndex>(f.evidence)].push_back(id);
        }
      }
    }
    // Dwell ids in (vehicle, time) order already; sort bytewise, as lists in cells are.
    // (A flag against two officers names its dwell once.)
    const auto sort_ids = [](auto& index) {
      for (auto& [key, ids] : index) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      }
    };
    sort_ids(m_explains);
    sort_ids(m_revisits);
    sort_ids(m_lookup_visits);
  }

  void shifts() {
    for (std::size_t i = 0; i < m_a.roster.shifts.size(); ++i) {
      const auto& s = m_a.roster.shifts[i];
      std::vector<std::string> vehicles;  // in time order, a vehicle once per stint
      for (const auto& c : m_a.roster.crewings_of_shift.at(i))
        if (vehicles.empty() || vehicles.back() != c.vehicle_id) vehicles.push_back(c.vehicle_id);
      const std::string source = source_text(m_names, s.source);
      Row start{s.start, std::nullopt, EventType::shift_start, s.officer_id, "officer", {}, std::nullopt, source,
                "shift_start:" + s.shift_id};
      start.description = s.officer_id + " on duty, shift " + s.shift_id + " (" + length_text(s.end - s.start) +
                          ") in " + (vehicles.empty() ? "no vehicle" : joined(vehicles, " then ")) +
                          (s.callsign.empty() ? "" : "; callsign " + s.callsign);
      m_rows.push_back(std::move(start));
      Row end{s.end, std::nullopt, EventType::shift_end, s.officer_id, "officer", {}, std::nullopt, source,
              "shift_end:" + s.shift_id};
      end.description = s.officer_id + " off duty, end of shift " + s.shift_id;
      if (i < m_a.shifts.size() && m_a.shifts[i].unexplained_n > 0)
        end.description += "; " + plural(m_a.shifts[i].unexplained_n, "unexplained dwell");
      m_rows.push_back(std::move(end));
    }
  }

  void dwells_and_gaps() {
    for (std::size_t k = 0; k < m_a.run.vehicles.size(); ++k) {
      const auto& v = m_a.run.vehicles[k];
      const std::string& vehicle = m_a.run.vehicle_name(v);
      for (std::size_t d = 0; d < v.dwells.size(); ++d) {
        const auto& dw = v.dwells[d];
        const std::string id = dwell_id(vehicle, dw.sequence);
        Row r{dw.start, dw.end, EventType::dwell, vehicle, "vehicle", {}, dw.location, source_rows_text(m_names, dw),
              "dwell:" + id};
        r.description = vehicle + " dwell " + length_text(dw.end - dw.start);
        if (k < m_a.matches.size() && d < m_a.matches[k].size()) r.description += match_text(m_a.matches[k][d]);
        m_rows.push_back(std::move(r));
      }
      for (const auto& g : v.gaps) {
        const std::string from = source_text(m_names, g.from_row);
        Row r{g.start, g.end, EventType::gap, vehicle, "vehicle", {}, g.from,
              from + ";" + source_text(m_names, g.to_row), "gap:" + from};
        r.description = vehicle + " no data for " + length_text(g.end - g.start) + "; moved " +
                        format_fixed(g.moved.value, kMetreDecimals) + " m; " +
                        (g.bridged_by ? "bridged by dwell " + dwell_id(vehicle, *g.bridged_by) : "not bridged");
        m_rows.push_back(std::move(r));
      }
    }
  }

  // ` at PLACES, CLASS[ INCIDENTS]; on duty OFFICERS|nobody on duty[; flags FLAGS]`
  std::string match_text(const match::DwellMatch& m) const {
    std::vector<std::string> places, incidents, flags;
    for (const PlaceIndex p : m.places) places.push_back(m_a.tables.place(p).place_id);
    for (const IncidentIndex i : m.incidents) incidents.push_back(m_a.tables.incident(i).incident_id);
    if (m.partial_duty) flags.emplace_back("partial_duty");
    for (auto& text : flag_texts(m_a, m)) flags.push_back(std::move(text));
    std::string s = " at " + (places.empty() ? std::string("no known place") : joined(places, ", ")) + ", " +
                    std::string(match::name(m.dwell_class));
    if (m.dwell_class == match::DwellClass::incident) s += " " + joined(incidents, ", ");
    s += m.crew.officer_ids.empty() ? "; nobody on duty" : "; on duty " + joined(m.crew.officer_ids, ", ");
    if (!flags.empty()) s += "; flags " + joined(flags, ", ");
    return s;
  }

  void incidents() {
    for (std::uint32_t i = 0; i < m_a.tables.incidents.size(); ++i) {
      const auto& inc = m_a.tables.incidents[i];
      std::vector<std::string> sources;
      for (const auto& s : inc.sources) sources.push_back(source_text(m_names, s));
      Row r{inc.opened, inc.closed, EventType::incident, inc.incident_id, "incident", {}, inc.location,
            joined(sources, ";"), "incident:" + inc.incident_id};
      r.description = inc.incident_id + (inc.type.empty() ? "" : " " + inc.type) +
                      (inc.place_id.empty() ? "" : " at " + inc.place_id);
      std::vector<std::string> units = inc.vehicle_ids;
      units.insert(units.end(), inc.officer_ids.begin(), inc.officer_ids.end());
      units.insert(units.end(), inc.callsigns.begin(), inc.callsigns.end());
      r.description += units.empty() ? "; no unit named" : "; units " + joined(units, ", ");
      if (!inc.closed_given) r.description += "; closing time not recorded (default length)";
      if (const auto it = m_explains.find(IncidentIndex{i}); it != m_explains.end())
        r.description += "; explains " + joined(it->second, ", ");
      if (const auto it = m_revisits.find(IncidentIndex{i}); it != m_revisits.end())
        r.description += "; revisited after closure by " + joined(it->second, ", ");
      m_rows.push_back(std::move(r));
    }
  }

  void lookups() {
    for (std::uint32_t i = 0; i < m_a.tables.events.size(); ++i) {
      const auto& e = m_a.tables.events[i];
      if (std::find(m_kinds.begin(), m_kinds.end(), e.kind) == m_kinds.end()) continue;
      const std::string source = source_text(m_names, e.source);
      Row r{e.at, std::nullopt, EventType::records_lookup, e.officer_id, "officer", {}, std::nullopt, source,
            "records_lookup:" + source};
      r.description = e.officer_id + " " + e.kind + (e.subject.empty() ? "" : " on " + e.subject);
      if (!e.place_id.empty()) {
        r.description += " about " + e.place_id;
        r.position = place_point(e.place_id);
      }
      if (!e.detail.empty()) r.description += ": " + e.detail;
      if (const auto it = m_lookup_visits.find(EventIndex{i}); it != m_lookup_visits.end())
        r.description += "; flags the visit " + joined(it->second, ", ");
      m_rows.push_back(std::move(r));
    }
  }

  void claims() {
    for (std::size_t i = 0; i < m_a.tables.claims.size() && i < m_a.claims.size(); ++i) {
      const auto& c = m_a.tables.claims[i];
      const auto& result = m_a.claims[i];
      std::vector<std::string> sources{source_text(m_names, c.source)};
      for (const auto& s : result.evidence) sources.push_back(source_text(m_names, m_a.run.ingest.pings.source(s.ping)));
      const bool officer = c.subject_kind == ingest::SubjectKind::officer;
      Row r{c.start, c.end, EventType::claim, c.subject_id, officer ? "officer" : "vehicle", {}, c.place.point,
            joined(sources, ";"), "claim:" + c.claim_id};
      const std::string place =
          c.place.place_id.empty() ? format_fixed(c.place.point.lat, kDegreeDecimals) + " " +
                                         format_fixed(c.place.point.lon, kDegreeDecimals) + " within " +
                                         format_fixed(c.place.radius.value, kMetreDecimals) + " m"
                                   : c.place.place_id;
      r.description = "Claim " + c.claim_id + ": " + c.subject_id +
                      (c.assertion == ingest::Assertion::present ? " was at " + place + " throughout"
                                                                 : " did not go to " + place) +
                      ": " + std::string(verify::name(result.verdict)) + " (" + std::string(verify::name(result.basis)) +
                      ")";
      if (result.decisive)
        r.description += "; decisive ping " + source_text(m_names, m_a.run.ingest.pings.source(result.decisive->ping));
      m_rows.push_back(std::move(r));
    }
  }

  std::optional<LatLon> place_point(const std::string& place_id) const {
    const auto& places = m_a.tables.places;  // by place_id
    const auto it = std::lower_bound(places.begin(), places.end(), place_id,
                                     [](const ingest::PlaceRow& p, const std::string& id) { return p.place_id < id; });
    if (it == places.end() || it->place_id != place_id) return std::nullopt;
    return it->point;
  }

  const pipeline::Analysis& m_a;
  const std::vector<std::string>& m_kinds;
  std::vector<std::string> m_names;
  std::map<IncidentIndex, std::vector<std::string>> m_explains, m_revisits;  // dwell ids by incident
  std::map<EventIndex, std::vector<std::string>> m_lookup_visits;             // dwell ids by look-up event
  std::vector<Row> m_rows;
};

}  // namespace

std::string timeline_i2_csv(const pipeline::Analysis& a, const TimeZone* zone, const std::vector<std::string>& lookup_kinds) {
  const std::vector<Row> rows = Builder(a, lookup_kinds).rows();
  bool millis = false;
  for (const Row& r : rows)
    millis = millis || r.at.time_since_epoch().count() % 1000 != 0 ||
             (r.end && r.end->time_since_epoch().count() % 1000 != 0);
  const auto offset = [zone](Instant t) { return zone ? utc_offset(*zone, t) : std::chrono::seconds{0}; };

  std::string out;
  CsvWriter csv(out);
  csv.header({"date", "time", "end_date", "end_time", "entity", "entity_type", "event_type", "description", "lat",
              "lon", "source", "utc_offset", "end_utc_offset", "utc_date", "utc_time", "end_utc_date", "end_utc_time",
              "duration_s", "id"});
  for (const Row& r : rows) {
    const Civil local = civil(r.at, offset(r.at), millis);
    const Civil utc = civil(r.at, std::chrono::minutes{0}, millis);
    std::optional<Civil> end_local, end_utc;
    if (r.end) {
      end_local = civil(*r.end, offset(*r.end), millis);
      end_utc = civil(*r.end, std::chrono::minutes{0}, millis);
    }
    csv.text(local.date).text(local.time);
    if (end_local) csv.text(end_local->date).text(end_local->time);
    else csv.empty().empty();
    csv.text(r.entity).text(r.entity_type).text(name(r.type)).text(r.description);
    if (r.position) csv.fixed(r.position->lat, kDegreeDecimals).fixed(r.position->lon, kDegreeDecimals);
    else csv.empty().empty();
    csv.text(r.source).text(local.offset).text(end_local ? end_local->offset : std::string());
    csv.text(utc.date).text(utc.time);
    if (end_utc) csv.text(end_utc->date).text(end_utc->time);
    else csv.empty().empty();
    if (r.end) csv.seconds(*r.end - r.at);
    else csv.empty();
    csv.text(r.id);
    csv.end_row();
  }
  return out;
}

std::string timeline_i2_csv(const pipeline::Analysis& a, const TimeZone* zone) {
  return timeline_i2_csv(a, zone, match::MatchConfig{}.lookup_kinds);
}

}  // namespace shiftline::report
