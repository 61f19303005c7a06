#include "shiftline/report/timeline_svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <variant>

#include "report/xml_text_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/report/wording.hpp"

namespace shiftline::report {
namespace {

using std::chrono::local_days;
using std::chrono::year_month_day;
using LocalMillis = std::chrono::local_time<Millis>;

constexpr double kMillisPerHour = 3'600'000.0;
constexpr int kPxDecimals = 2;
/// Ticks are looked for on this grid of UTC instants: every UTC offset in use since 1970 is a
/// multiple of 15 minutes, so every local whole hour lies on it.
constexpr Millis kTickGrid{15 * 60 * 1000};

// Okabe-Ito (Okabe and Ito 2008, "Color Universal Design"): distinguishable with every common
// colour-vision deficiency.
constexpr const char* kBlack = "#000000";
constexpr const char* kOrange = "#E69F00";
constexpr const char* kSkyBlue = "#56B4E9";
constexpr const char* kBluishGreen = "#009E73";
constexpr const char* kYellow = "#F0E442";
constexpr const char* kBlue = "#0072B2";
constexpr const char* kVermillion = "#D55E00";
constexpr const char* kReddishPurple = "#CC79A7";
constexpr const char* kWhite = "#FFFFFF";
constexpr const char* kUnknownGrey = "#999999";  ///< duty_unknown: no hue, so it reads as "no answer"
constexpr const char* kGrid = "#BBBBBB";
constexpr const char* kLaneShade = "#F4F4F4";

// ---- Time ----------------------------------------------------------------------------------

/// The real time span [start, end) of a local day.
struct Day {
  Instant start;
  Instant end;
};

LocalMillis local_of(const TimeZone* zone, Instant t) {
  const Millis offset = zone ? Millis{utc_offset(*zone, t)} : Millis{0};
  return LocalMillis{t.time_since_epoch() + offset};
}

Day day_span(const TimeZone* zone, year_month_day day) {
  const local_days d{day};
  return Day{local_midnight(zone, d), local_midnight(zone, d + std::chrono::days{1})};
}

// Whether [s, e] meets [from, to) for a positive time, or, for an instant (s == e), lies in it.
bool meets(Instant s, Instant e, Instant from, Instant to) {
  if (s == e) return s >= from && s < to;
  return std::max(s, from) < std::min(e, to);
}

bool meets(Instant s, Instant e, Day day) { return meets(s, e, day.start, day.end); }

// "2024-10-27 01:30:00 +01:00", or "2024-10-27 00:30:00 UTC" without a zone.
std::string when(const TimeZone* zone, Instant t) {
  std::string s = format_local(zone, t);
  s[10] = ' ';
  if (s.back() == 'Z') return s.substr(0, s.size() - 1) + " UTC";
  return s.insert(s.find_last_of("+-"), " ");
}

// "01:00 +01:00" for a tick at a whole local minute.
std::string clock_label(const TimeZone* zone, Instant t) {
  const std::string s = format_local(zone, t);
  return s.substr(11, 5) + " " + (s.back() == 'Z' ? std::string("UTC") : s.substr(s.find_last_of("+-")));
}

std::string offset_text(const TimeZone* zone, Instant t) {
  const std::string s = format_local(zone, t);
  return s.back() == 'Z' ? std::string("UTC") : s.substr(s.find_last_of("+-"));
}

// "1:10:00 (4200 s)": hours:minutes:seconds of elapsed time, then exact seconds.
std::string length_text(Millis d) {
  const long long s = d.count() / 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s % 3600 / 60, s % 60);
  return std::string(buf) + " (" + format_seconds(d) + " s)";
}

std::string span_text(const TimeZone* zone, Instant s, Instant e) {
  return "from " + when(zone, s) + " to " + when(zone, e) + "\nDuration " + length_text(e - s);
}

// ---- Text ----------------------------------------------------------------------------------

std::string escaped(std::string_view s, bool attribute) { return xml_escaped(s, attribute); }

std::string num(double px) { return format_fixed(px, kPxDecimals); }

std::string joined(const std::vector<std::string>& items, const char* separator = ";") {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
  return s;
}

std::string or_none(const std::string& s) { return s.empty() ? "none" : s; }

bool contains(const std::vector<std::string>& items, const std::string& x) {
  return std::find(items.begin(), items.end(), x) != items.end();
}

// ---- SVG writer ----------------------------------------------------------------------------

using Attrs = XmlAttrs;

/// Appends elements, one per line; attributes with empty values are left out.
class Svg {
 public:
  void open(std::string_view tag, const Attrs& attrs) {
    start(tag, attrs);
    m_out += ">\n";
  }
  void leaf(std::string_view tag, const Attrs& attrs) {
    start(tag, attrs);
    m_out += "/>\n";
  }
  void text(std::string_view tag, const Attrs& attrs, std::string_view content) {
    inline_text(tag, attrs, content);
    m_out += '\n';
  }
  /// Opens an element whose content stays on its line (no whitespace added inside).
  void inline_open(std::string_view tag, const Attrs& attrs) {
    start(tag, attrs);
    m_out += '>';
  }
  void inline_text(std::string_view tag, const Attrs& attrs, std::string_view content) {
    inline_open(tag, attrs);
    m_out += escaped(content, false);
    m_out += "</";
    m_out += tag;
    m_out += '>';
  }
  void close(std::string_view tag) {
    m_out += "</";
    m_out += tag;
    m_out += ">\n";
  }
  [[nodiscard]] std::string take() { return std::move(m_out); }

 private:
  void start(std::string_view tag, const Attrs& attrs) { append_start_tag(m_out, tag, attrs); }

  std::string m_out;
};

// ---- What is on the day --------------------------------------------------------------------

struct Context {
  const pipeline::Analysis& a;
  const TimeZone* zone;
  const TimelineStyle& style;
  const std::string& officer;
  year_month_day date;
  Day day;
  std::string prefix;
  std::vector<std::string> names;  ///< display names of the run's inputs

  [[nodiscard]] std::string row(SourceRef ref) const { return names.at(ref.file) + ":" + std::to_string(ref.line); }
  [[nodiscard]] std::string paint(std::string_view pattern) const { return "url(#" + prefix + "-" + std::string(pattern) + ")"; }
};

/// The officer's roster on the day.
struct Selection {
  std::vector<ShiftIndex> shifts;             ///< roster order
  std::vector<const duty::Crewing*> crewings;  ///< of those shifts, meeting the day, roster order
  std::vector<std::string> vehicles;          ///< of those crewings, sorted, unique
};

Selection select(const Context& c) {
  Selection s;
  const duty::Roster& roster = c.a.roster;
  for (std::uint32_t i = 0; i < roster.shifts.size(); ++i) {
    const auto& shift = roster.shifts[i];
    if (shift.officer_id != c.officer || !meets(shift.start, shift.end, c.day)) continue;
    s.shifts.push_back(ShiftIndex{i});
    for (const duty::Crewing& crewing : roster.crewings_of_shift.at(i))
      if (meets(crewing.span.start, crewing.span.end, c.day)) {
        s.crewings.push_back(&crewing);
        s.vehicles.push_back(crewing.vehicle_id);
      }
  }
  std::sort(s.vehicles.begin(), s.vehicles.end());
  s.vehicles.erase(std::unique(s.vehicles.begin(), s.vehicles.end()), s.vehicles.end());
  return s;
}

// Whether the officer was in `vehicle` (a crewing of the day) during [s, e].
bool crewed_during(const Selection& sel, const std::string& vehicle, Instant s, Instant e) {
  return std::any_of(sel.crewings.begin(), sel.crewings.end(), [&](const duty::Crewing* cr) {
    return cr->vehicle_id == vehicle && meets(s, e, cr->span.start, cr->span.end);
  });
}

// ---- Items ---------------------------------------------------------------------------------

enum class Shape : std::uint8_t {
  bar,      ///< a rectangle over [start, end], label inside when it fits
  tick,     ///< a vertical line at start, label to its right
  marker,   ///< a diamond at start (records look-ups), label to its right
  bracket,  ///< an open bracket over [start, end], label inside it
};

/// One drawn record.
struct Item {
  std::string kind;  ///< data-kind
  std::string id;    ///< data-id
  Instant start;     ///< the record's own times (data-start-utc, data-end-utc)
  Instant end;
  Shape shape = Shape::bar;
  std::string fill;    ///< bar and marker fill
  std::string stroke;  ///< outline, tick or bracket colour
  double stroke_width = 1.0;
  std::string dash;                ///< stroke-dasharray, empty for solid
  std::vector<std::string> labels;  ///< text drawn with it, longest first: the first that fits is used
  bool label_beside = false;       ///< bar: when no label fits inside, draw the last one to its right
  std::string title;               ///< hover text
  Attrs data;                      ///< further data-* attributes
};

Item make_item(std::string kind, std::string id, Instant start, Instant end) {
  Item it;
  it.kind = std::move(kind);
  it.id = std::move(id);
  it.start = start;
  it.end = end;
  return it;
}

/// A named band of the timeline.
struct Lane {
  std::string name;
  std::vector<Item> items;
};

Item shift_item(const Context& c, ShiftIndex index) {
  const ingest::ShiftRow& s = c.a.roster.shift(index);
  Item it = make_item("shift", s.shift_id, s.start, s.end);
  it.fill = kSkyBlue;
  it.stroke = kBlack;
  it.stroke_width = 0.5;
  it.labels = {s.shift_id + (s.callsign.empty() ? "" : " (" + s.callsign + ")"), s.shift_id};
  it.label_beside = true;
  it.title = "Shift " + s.shift_id + " of " + s.officer_id + (s.callsign.empty() ? "" : ", callsign " + s.callsign) +
             "\n" + span_text(c.zone, s.start, s.end) + "\nVehicle on the roster: " + or_none(s.vehicle_id) +
             "\nSource row: " + c.row(s.source);
  it.data = {{"data-vehicle", s.vehicle_id}, {"data-callsign", s.callsign}};
  return it;
}

// The row a crewing comes from: the assignment that holds it, else its shift (own vehicle_id).
std::string crewing_source(const Context& c, const duty::Crewing& cr) {
  const ingest::ShiftRow& shift = c.a.roster.shift(cr.shift);
  for (const ingest::AssignmentRow& as : c.a.tables.assignments)
    if (as.officer_id == shift.officer_id && as.vehicle_id == cr.vehicle_id && as.start <= cr.span.start &&
        cr.span.end <= as.end)
      return "assignment, " + c.row(as.source);
  return "vehicle_id of shift " + shift.shift_id + ", " + c.row(shift.source);
}

Item crewing_item(const Context& c, const duty::Crewing& cr) {
  const ingest::ShiftRow& shift = c.a.roster.shift(cr.shift);
  Item it = make_item("crewing", shift.shift_id + "/" + cr.vehicle_id + "@" + format_utc(cr.span.start),
                      cr.span.start, cr.span.end);
  it.fill = kOrange;
  it.stroke = kBlack;
  it.stroke_width = 0.5;
  it.labels = {cr.vehicle_id};
  it.label_beside = true;
  it.title = shift.officer_id + " in " + cr.vehicle_id + " (shift " + shift.shift_id + ")\n" +
             span_text(c.zone, cr.span.start, cr.span.end) + "\nSource row: " + crewing_source(c, cr);
  if (cr.unattributed) {
    // The roster also puts the officer elsewhere then (or a rejected row of theirs applies).
    it.fill = kWhite;
    it.stroke = kOrange;
    it.stroke_width = 1.5;
    it.dash = "3 2";
    it.labels = {cr.vehicle_id + "?"};
    it.title += "\nAttributed to no one: the roster also puts " + shift.officer_id +
                " in another vehicle then, or a rejected roster row of theirs applies (warnings.csv)";
  }
  it.data = {{"data-vehicle", cr.vehicle_id}, {"data-shift", shift.shift_id},
             {"data-unattributed", cr.unattributed ? "yes" : ""}};
  return it;
}

struct ClassLook {
  const char* pattern;  ///< id suffix of its fill pattern
  const char* letter;   ///< label when the class name does not fit
};

ClassLook class_look(match::DwellClass k) {
  switch (k) {
    case match::DwellClass::base: return {"base", "B"};
    case match::DwellClass::incident: return {"incident", "I"};
    case match::DwellClass::unexplained: return {"unexplained", "U"};
    case match::DwellClass::off_duty: return {"off_duty", "O"};
    case match::DwellClass::duty_unknown: return {"duty_unknown", "?"};
  }
  return {"off_duty", "O"};
}

std::string dwell_title(const Context& c, const std::string& id, const pipeline::DwellRecord& d, const match::DwellMatch& m) {
  std::vector<std::string> places, incidents, flags;
  for (const PlaceIndex p : m.places) {
    const auto& place = c.a.tables.place(p);
    places.push_back(place.place_id + (place.label.empty() ? "" : " (" + place.label + ")"));
  }
  for (const IncidentIndex i : m.incidents) incidents.push_back(c.a.tables.incident(i).incident_id);
  if (m.partial_duty) flags.emplace_back("partial_duty");
  for (auto& text : flag_texts(c.a, m)) flags.push_back(std::move(text));
  std::string t = "Dwell " + id + ": " + std::string(match::name(m.dwell_class)) + "\n" +
                  span_text(c.zone, d.start, d.end);
  if (d.bridged_gap.count() > 0) t += ", of which " + format_seconds(d.bridged_gap) + " s a bridged silence";
  t += "\nTime: " + time_split_text(m.split);
  return t + "\nPlaces: " + or_none(joined(places, "; ")) + "\nCrew on duty: " + or_none(joined(m.crew.officer_ids)) +
         " (shifts " + or_none(joined(m.crew.shift_ids)) + ")\nIncidents explaining it: " + or_none(joined(incidents)) +
         "\nFlags: " + or_none(joined(flags)) + "\nSource rows: " + source_rows_text(c.names, d);
}

Item dwell_item(const Context& c, const std::string& vehicle, const pipeline::DwellRecord& d, const match::DwellMatch& m) {
  const std::string id = dwell_id(vehicle, d.sequence);
  const ClassLook look = class_look(m.dwell_class);
  Item it = make_item("dwell", id, d.start, d.end);
  it.fill = c.paint(look.pattern);
  it.stroke = kBlack;
  it.stroke_width = 0.5;
  // Where and how long, longest first (the first that fits the block is drawn): the place, or the
  // class where it is at no listed place, then the duration alone, then the class's letter.
  const std::string how_long = duration_text(d.end - d.start);
  const std::string cls(match::name(m.dwell_class));
  if (!m.places.empty()) {
    const ingest::PlaceRow& p = c.a.tables.place(m.places.front());
    const std::string more = m.places.size() > 1 ? " +" + std::to_string(m.places.size() - 1) : "";
    it.labels = {place_text(p.label, p.place_id) + more + ", " + how_long, p.place_id + more + ", " + how_long,
                 p.place_id + more};
  }
  it.labels.insert(it.labels.end(), {cls + ", " + how_long, how_long, cls, look.letter});
  it.title = dwell_title(c, id, d, m);
  std::vector<std::string> places, flags;
  for (const PlaceIndex p : m.places) places.push_back(c.a.tables.place(p).place_id);
  for (auto& text : flag_texts(c.a, m)) flags.push_back(std::move(text));
  it.data = {{"data-class", std::string(match::name(m.dwell_class))},
             {"data-vehicle", vehicle},
             {"data-places", joined(places)},
             {"data-partial-duty", m.partial_duty ? "yes" : ""},
             {"data-flags", joined(flags)}};
  return it;
}

Item gap_item(const Context& c, const std::string& vehicle, const pipeline::GapRecord& g) {
  Item it = make_item("gap", vehicle + "@" + format_utc(g.start), g.start, g.end);
  it.fill = c.paint("gap");
  it.stroke = kBlack;
  it.dash = "3 2";
  it.labels = {"no data", "gap"};
  const std::string bridged = g.bridged_by ? dwell_id(vehicle, *g.bridged_by) : std::string();
  it.title = "No data from " + vehicle + ": silence " + span_text(c.zone, g.start, g.end) + "\nMoved " +
             format_fixed(g.moved.value, 2) + " m between the pings either side" +
             (bridged.empty() ? "" : "; bridged by dwell " + bridged) + "\nPings either side: " + c.row(g.from_row) +
             ", " + c.row(g.to_row);
  it.data = {{"data-vehicle", vehicle}, {"data-bridged-by", bridged}};
  return it;
}

// The lanes of one vehicle: when the officer was in it, its dwells, its gaps. Adds the incidents
// that explain a dwell shown to `explaining`.
std::vector<Lane> vehicle_lanes(const Context& c, const Selection& sel, const std::string& vehicle,
                                std::set<IncidentIndex>& explaining) {
  std::vector<Lane> lanes{{"In " + vehicle, {}}, {vehicle + " dwells", {}}, {vehicle + " gaps", {}}};
  for (const duty::Crewing* cr : sel.crewings)
    if (cr->vehicle_id == vehicle) lanes[0].items.push_back(crewing_item(c, *cr));
  for (std::size_t k = 0; k < c.a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = c.a.run.vehicles[k];
    if (c.a.run.vehicle_name(v) != vehicle) continue;
    for (std::size_t d = 0; d < v.dwells.size(); ++d) {
      const pipeline::DwellRecord& dw = v.dwells[d];
      if (!meets(dw.start, dw.end, c.day) || !crewed_during(sel, vehicle, dw.start, dw.end)) continue;
      const match::DwellMatch& m = c.a.matches.at(k).at(d);
      lanes[1].items.push_back(dwell_item(c, vehicle, dw, m));
      explaining.insert(m.incidents.begin(), m.incidents.end());
    }
    for (const pipeline::GapRecord& g : v.gaps)
      if (meets(g.start, g.end, c.day) && crewed_during(sel, vehicle, g.start, g.end))
        lanes[2].items.push_back(gap_item(c, vehicle, g));
  }
  return lanes;
}

bool incident_about(const Context& c, const Selection& sel, const ingest::IncidentRow& inc) {
  if (contains(inc.officer_ids, c.officer)) return true;
  for (const ShiftIndex i : sel.shifts) {
    const ingest::ShiftRow& s = c.a.roster.shift(i);
    if (!s.callsign.empty() && contains(inc.callsigns, s.callsign) && meets(inc.opened, inc.closed, s.start, s.end))
      return true;
  }
  return std::any_of(inc.vehicle_ids.begin(), inc.vehicle_ids.end(),
                     [&](const std::string& v) { return crewed_during(sel, v, inc.opened, inc.closed); });
}

Item incident_item(const Context& c, const ingest::IncidentRow& inc) {
  Item it = make_item("incident", inc.incident_id, inc.opened, inc.closed);
  it.shape = inc.opened == inc.closed ? Shape::tick : Shape::bar;
  it.fill = kWhite;
  it.stroke = kBluishGreen;
  it.stroke_width = 2.0;
  it.labels = {inc.incident_id + (inc.type.empty() ? "" : " " + inc.type), inc.incident_id};
  it.label_beside = true;
  std::vector<std::string> rows;
  for (const SourceRef& r : inc.sources) rows.push_back(c.row(r));
  it.title = "Incident " + inc.incident_id + (inc.type.empty() ? "" : " (" + inc.type + ")") + "\nOpen " +
             span_text(c.zone, inc.opened, inc.closed) + (inc.closed_given ? "" : " (closing time not given: default length)") +
             "\nPlace: " + or_none(inc.place_id) + "\nUnits: vehicles " + or_none(joined(inc.vehicle_ids)) +
             "; officers " + or_none(joined(inc.officer_ids)) + "; callsigns " + or_none(joined(inc.callsigns)) +
             "\nSource rows: " + joined(rows);
  it.data = {{"data-type", inc.type}, {"data-place", inc.place_id}};
  return it;
}

Lane incident_lane(const Context& c, const Selection& sel, const std::set<IncidentIndex>& explaining) {
  Lane lane{"Incidents", {}};
  for (std::uint32_t i = 0; i < c.a.tables.incidents.size(); ++i) {
    const ingest::IncidentRow& inc = c.a.tables.incidents[i];
    if (meets(inc.opened, inc.closed, c.day) && (explaining.count(IncidentIndex{i}) || incident_about(c, sel, inc)))
      lane.items.push_back(incident_item(c, inc));
  }
  return lane;
}

// Look-up event -> the lookup_then_visit flags it is the evidence of ("PV01#3 at ADDR2").
std::map<EventIndex, std::vector<std::string>> lookup_evidence(const pipeline::Analysis& a) {
  std::map<EventIndex, std::vector<std::string>> out;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d)
      for (const match::Flag& f : a.matches[k][d].flags)
        if (f.kind == match::FlagKind::lookup_then_visit)
          out[std::get<EventIndex>(f.evidence)].push_back(
              dwell_id(a.run.vehicle_name(a.run.vehicles[k]), a.run.vehicles[k].dwells[d].sequence) + " at " +
              a.tables.place(f.place).place_id);
  for (auto& [event, visits] : out) visits.erase(std::unique(visits.begin(), visits.end()), visits.end());
  return out;
}

Item event_item(const Context& c, const ingest::EventRow& e, const std::vector<std::string>* evidence_of) {
  const bool lookup = evidence_of || contains(c.style.lookup_kinds, e.kind);
  Item it = make_item("event", c.row(e.source), e.at, e.at);
  it.shape = lookup ? Shape::marker : Shape::tick;
  it.fill = kYellow;
  it.stroke = kBlack;
  it.stroke_width = lookup ? 1.0 : 1.5;
  if (lookup) it.labels = {"look-up " + (e.place_id.empty() ? e.subject : e.place_id), "look-up"};
  it.title = "Event " + e.kind + (lookup ? " (records look-up)" : "") + " by " + e.officer_id + "\nat " +
             when(c.zone, e.at) + "\nSubject: " + or_none(e.subject) + "\nPlace: " + or_none(e.place_id) +
             "\nDetail: " + or_none(e.detail);
  if (evidence_of) it.title += "\nEvidence of lookup_then_visit on " + joined(*evidence_of, ", ");
  it.title += "\nSource row: " + it.id;
  it.data = {{"data-event-kind", e.kind}, {"data-lookup", lookup ? "yes" : "no"}, {"data-place", e.place_id}};
  return it;
}

Lane event_lane(const Context& c) {
  Lane lane{"Events", {}};
  const auto evidence = lookup_evidence(c.a);
  for (std::uint32_t i = 0; i < c.a.tables.events.size(); ++i) {
    const ingest::EventRow& e = c.a.tables.events[i];
    if (e.officer_id != c.officer || !meets(e.at, e.at, c.day)) continue;
    const auto it = evidence.find(EventIndex{i});
    lane.items.push_back(event_item(c, e, it == evidence.end() ? nullptr : &it->second));
  }
  return lane;
}

struct VerdictLook {
  const char* colour;
  double width;
  const char* dash;
};

VerdictLook verdict_look(verify::Verdict v) {
  switch (v) {
    case verify::Verdict::supported: return {kBluishGreen, 2.0, ""};
    case verify::Verdict::contradicted: return {kVermillion, 3.0, ""};
    case verify::Verdict::inconclusive: return {kBlack, 2.0, "5 3"};
  }
  return {kBlack, 2.0, "5 3"};
}

Item claim_item(const Context& c, const ingest::ClaimRow& claim, const verify::ClaimResult& r) {
  const std::string verdict(verify::name(r.verdict));
  const VerdictLook look = verdict_look(r.verdict);
  Item it = make_item("claim", claim.claim_id, claim.start, claim.end);
  it.shape = Shape::bracket;
  it.stroke = look.colour;
  it.stroke_width = look.width;
  it.dash = look.dash;
  it.labels = {claim.claim_id + ": " + verdict};
  const std::string place = claim.place.place_id.empty() ? "the claimed position" : claim.place.place_id;
  it.title = "Claim " + claim.claim_id + ": " + verdict + " (" + std::string(verify::name(r.basis)) + ")\n" +
             claim.subject_id + " " + std::string(verify::name(claim.assertion)) + " at " + place + " " +
             span_text(c.zone, claim.start, claim.end) + "\nInside " + format_seconds(r.inside) + " s, outside " +
             format_seconds(r.outside) + " s, unobserved " + format_seconds(r.unobserved) + " s\n" +
             claim_explanation(claim, r, c.a.run.ingest.pings, c.names, c.zone, c.style.reach_speed) +
             (claim.note.empty() ? "" : "\nNote: " + claim.note) + "\nSource row: " + c.row(claim.source);
  it.data = {{"data-verdict", verdict},
             {"data-basis", std::string(verify::name(r.basis))},
             {"data-assertion", std::string(verify::name(claim.assertion))},
             {"data-subject", claim.subject_id},
             {"data-place", claim.place.place_id}};
  return it;
}

Lane claim_lane(const Context& c, const Selection& sel) {
  Lane lane{"Claims", {}};
  const std::size_t n = std::min(c.a.tables.claims.size(), c.a.claims.size());
  for (std::size_t i = 0; i < n; ++i) {
    const ingest::ClaimRow& claim = c.a.tables.claims[i];
    if (!meets(claim.start, claim.end, c.day)) continue;
    const bool about = claim.subject_kind == ingest::SubjectKind::officer
                           ? claim.subject_id == c.officer
                           : crewed_during(sel, claim.subject_id, claim.start, claim.end);
    if (about) lane.items.push_back(claim_item(c, claim, c.a.claims[i]));
  }
  return lane;
}

// Labels of records that run past the day's edges get an arrow at that end ("<- S1", "S1 ->" in
// arrows), so that a bar cut at 00:00 is not read as starting then.
void mark_clipped(const Day& day, Item& it) {
  if (it.start >= day.start && it.end <= day.end) return;
  for (std::string& label : it.labels) {
    if (it.start < day.start) label = "\xE2\x86\x90 " + label;
    if (it.end > day.end) label += " \xE2\x86\x92";
  }
}

std::vector<Lane> lanes_of(const Context& c) {
  const Selection sel = select(c);
  std::vector<Lane> lanes{{"Shifts", {}}};
  for (const ShiftIndex i : sel.shifts) lanes[0].items.push_back(shift_item(c, i));
  std::set<IncidentIndex> explaining;
  for (const std::string& v : sel.vehicles)
    for (Lane& l : vehicle_lanes(c, sel, v, explaining)) lanes.push_back(std::move(l));
  lanes.push_back(incident_lane(c, sel, explaining));
  lanes.push_back(event_lane(c));
  lanes.push_back(claim_lane(c, sel));
  for (Lane& l : lanes) {
    std::stable_sort(l.items.begin(), l.items.end(), [](const Item& x, const Item& y) {
      return std::tie(x.start, x.end, x.id) < std::tie(y.start, y.end, y.id);
    });
    for (Item& it : l.items) mark_clipped(c.day, it);
  }
  return lanes;
}

// ---- Layout --------------------------------------------------------------------------------

/// Real time -> x, clamped to the day.
struct Scale {
  Day day;
  const TimelineStyle& style;
  [[nodiscard]] double x(Instant t) const {
    const Instant clamped = std::clamp(t, day.start, day.end);
    return style.label_width + static_cast<double>((clamped - day.start).count()) / kMillisPerHour * style.px_per_hour;
  }
  [[nodiscard]] double hours() const { return static_cast<double>((day.end - day.start).count()) / kMillisPerHour; }
  [[nodiscard]] double right() const { return x(day.end); }
};

double text_width(const TimelineStyle& style, std::string_view s, double font_size) {
  std::size_t chars = 0;
  for (const char ch : s) chars += (static_cast<unsigned char>(ch) & 0xC0u) != 0x80u ? 1 : 0;
  return static_cast<double>(chars) * font_size * style.char_width;
}

/// Where an item is drawn.
struct Box {
  double x0 = 0, x1 = 0;  ///< the record's extent on the axis (x1 >= x0 + min width for bars)
  double left = 0;        ///< extent including a label drawn beside it, for packing rows
  double reach = 0;
  std::string label;      ///< the label drawn, or empty
  double label_x = 0;     ///< where the label starts, or ends when label_end
  bool label_end = false;
};

// A label beside the item: right of `after`, or, when that would leave the page, left of x0.
void beside(const TimelineStyle& st, double page_right, double after, Box& b) {
  const double w = text_width(st, b.label, st.font_size);
  if (after + w + 4.0 <= page_right) {
    b.label_x = after;
    b.reach = std::max(b.reach, after + w + 4.0);
  } else {
    b.label_x = b.x0 - 3.0;
    b.label_end = true;
    b.left = std::min(b.left, b.label_x - w - 4.0);
  }
}

// The label of a bar: the first that fits inside, else (label_beside) the shortest, beside it.
void bar_label(const TimelineStyle& st, double page_right, const Item& it, Box& b) {
  for (const std::string& label : it.labels)
    if (text_width(st, label, st.font_size) + 6.0 <= b.x1 - b.x0) {
      b.label = label;
      b.label_x = b.x0 + 3.0;
      return;
    }
  if (!it.label_beside || it.labels.empty()) return;
  b.label = it.labels.back();
  beside(st, page_right, b.x1 + 3.0, b);
}

Box box_of(const Scale& s, const Item& it) {
  const TimelineStyle& st = s.style;
  const double page_right = s.right() + st.right_margin;
  Box b{s.x(it.start), s.x(it.end), 0, 0, {}, 0, false};
  const bool span = it.shape == Shape::bar || it.shape == Shape::bracket;
  if (span) b.x1 = std::max(b.x1, b.x0 + st.min_bar_width);
  b.left = span ? b.x0 : b.x0 - 4.0;
  b.reach = span ? b.x1 : b.x0 + 4.0;
  if (it.shape == Shape::bar) {
    bar_label(st, page_right, it, b);
  } else if (!it.labels.empty()) {
    b.label = it.labels.front();
    beside(st, page_right, b.x0 + (it.shape == Shape::bracket ? 4.0 : 7.0), b);
  }
  return b;
}

/// A lane's items placed in rows: each goes to the first row where it overlaps nothing.
struct LaneLayout {
  double top = 0;
  std::size_t rows = 1;
  std::vector<Box> boxes;
  std::vector<std::size_t> row_of;
};

LaneLayout pack(const Scale& s, const Lane& lane, double top) {
  LaneLayout l;
  l.top = top;
  std::vector<double> row_end;
  for (const Item& it : lane.items) {
    const Box b = box_of(s, it);
    std::size_t r = 0;
    while (r < row_end.size() && row_end[r] + 2.0 > b.left) ++r;
    if (r == row_end.size()) row_end.push_back(0);
    row_end[r] = b.reach;
    l.boxes.push_back(b);
    l.row_of.push_back(r);
  }
  l.rows = std::max<std::size_t>(1, row_end.size());
  return l;
}

/// The legend's entries, in order; legend_looks draws their swatches.
constexpr std::array<const char*, 15> kLegendTexts{
    "shift",           "in vehicle",         "in vehicle: attributed to no one", "dwell: base",
    "dwell: incident", "dwell: unexplained", "dwell: off duty",                  "dwell: duty unknown",
    "no data (gap)",   "incident",           "event",                            "records look-up",
    "claim supported", "claim contradicted", "claim inconclusive"};
constexpr double kLegendSwatch = 16.0;    ///< px
constexpr double kLegendEntryGap = 18.0;  ///< px after an entry's text

// (x, row) of each legend entry, wrapped to the page width.
std::vector<std::pair<double, std::size_t>> legend_places(const TimelineStyle& st, double width) {
  std::vector<std::pair<double, std::size_t>> out;
  double x = st.label_width;
  std::size_t row = 0;
  for (const char* text : kLegendTexts) {
    const double w = kLegendSwatch + 6.0 + text_width(st, text, st.font_size) + kLegendEntryGap;
    if (x + w > width && x > st.label_width) {
      x = st.label_width;
      ++row;
    }
    out.emplace_back(x, row);
    x += w;
  }
  return out;
}

struct Layout {
  std::vector<LaneLayout> lanes;
  double lanes_bottom = 0;
  double width = 0;
  double height = 0;
};

Layout layout(const Scale& s, const std::vector<Lane>& lanes) {
  const TimelineStyle& st = s.style;
  Layout out;
  double y = st.title_height + st.axis_height;
  for (const Lane& lane : lanes) {
    out.lanes.push_back(pack(s, lane, y));
    y += static_cast<double>(out.lanes.back().rows) * st.row_height + st.lane_gap;
  }
  out.lanes_bottom = y;
  out.width = s.right() + st.right_margin;
  out.height = y + static_cast<double>(legend_places(st, out.width).back().second + 1) * st.row_height + st.lane_gap;
  if (!st.footnote.empty()) out.height += st.row_height;
  return out;
}

// ---- Drawing -------------------------------------------------------------------------------

// A label with a white halo, readable over patterns and grid lines.
Attrs label_attrs(double font_size, double x, double y, const char* anchor = "") {
  return {{"x", num(x)},
          {"y", num(y)},
          {"font-size", num(font_size)},
          {"text-anchor", anchor},
          {"fill", kBlack},
          {"stroke", kWhite},
          {"stroke-width", "3"},
          {"stroke-linejoin", "round"},
          {"paint-order", "stroke"}};
}

void pattern(Svg& svg, const Context& c, const char* name, int size, const char* rotate) {
  svg.open("pattern", {{"id", c.prefix + "-" + name},
                       {"width", std::to_string(size)},
                       {"height", std::to_string(size)},
                       {"patternUnits", "userSpaceOnUse"},
                       {"patternTransform", rotate}});
}

void draw_defs(Svg& svg, const Context& c) {
  svg.open("defs", {});
  pattern(svg, c, "base", 6, "");
  svg.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kBlue}});
  svg.close("pattern");
  pattern(svg, c, "incident", 6, "rotate(45)");
  svg.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kBluishGreen}});
  svg.leaf("rect", {{"width", "2"}, {"height", "6"}, {"fill", kWhite}});
  svg.close("pattern");
  pattern(svg, c, "unexplained", 6, "");
  svg.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kVermillion}});
  svg.leaf("path", {{"d", "M0 0L6 6M6 0L0 6"}, {"stroke", kBlack}, {"stroke-width", "1"}});
  svg.close("pattern");
  pattern(svg, c, "off_duty", 6, "");
  svg.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kReddishPurple}});
  svg.leaf("circle", {{"cx", "3"}, {"cy", "3"}, {"r", "1.2"}, {"fill", kWhite}});
  svg.close("pattern");
  pattern(svg, c, "duty_unknown", 6, "");
  svg.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kUnknownGrey}});
  svg.leaf("rect", {{"y", "2.5"}, {"width", "6"}, {"height", "1"}, {"fill", kWhite}});
  svg.close("pattern");
  pattern(svg, c, "gap", 8, "rotate(-45)");
  svg.leaf("rect", {{"width", "8"}, {"height", "8"}, {"fill", kWhite}});
  svg.leaf("rect", {{"width", "1.5"}, {"height", "8"}, {"fill", kBlack}});
  svg.close("pattern");
  svg.close("defs");
}

std::string heading(const Context& c) {
  const Millis length = c.day.end - c.day.start;
  const long long minutes = length.count() / 60000;
  std::string hours = std::to_string(minutes / 60) + " h";
  if (minutes % 60) hours += " " + std::to_string(minutes % 60) + " min";
  return c.officer + ", " + format_day(c.date) + " (" +
         (c.zone ? std::string(c.zone->name()) : std::string("UTC")) + "): " + hours + " from 00:00 " +
         offset_text(c.zone, c.day.start) + " to 24:00 " + offset_text(c.zone, c.day.end);
}

// Hour ticks: every instant of the day (both ends included) at which the local time is a whole hour.
std::vector<Instant> tick_instants(const Context& c) {
  std::vector<Instant> out;
  const Millis since = c.day.start.time_since_epoch();
  Instant t{since - since % kTickGrid + (since % kTickGrid == Millis{0} ? Millis{0} : kTickGrid)};
  for (; t <= c.day.end; t += kTickGrid)
    if (local_of(c.zone, t).time_since_epoch() % std::chrono::hours{1} == Millis{0}) out.push_back(t);
  return out;
}

// A tick label in two lines, the local time over its offset; its text reads "01:00 +01:00".
void tick_label(Svg& svg, const TimelineStyle& st, double x, double lanes_top, const std::string& label) {
  const std::size_t space = label.find(' ');
  const std::string at = num(x);
  svg.inline_open("text", label_attrs(st.tick_font_size, x, lanes_top - st.tick_font_size * 1.4, "middle"));
  svg.inline_text("tspan", {{"x", at}}, label.substr(0, space));
  svg.inline_text("tspan", {{"x", at}, {"dy", num(st.tick_font_size * 1.1)}}, label.substr(space));
  svg.close("text");
}

void draw_axis(Svg& svg, const Context& c, const Scale& s, const Layout& l) {
  const TimelineStyle& st = c.style;
  const double lanes_top = st.title_height + st.axis_height;
  for (const Instant t : tick_instants(c)) {
    const double x = s.x(t);
    svg.open("g", {{"data-kind", "tick"}, {"data-start-utc", format_utc(t)}, {"data-local", format_local(c.zone, t)}});
    svg.text("title", {}, when(c.zone, t) + " (" + format_utc(t) + ")");
    svg.leaf("line", {{"x1", num(x)}, {"y1", num(lanes_top - 2.0)}, {"x2", num(x)}, {"y2", num(l.lanes_bottom)},
                      {"stroke", kGrid}, {"stroke-width", "1"}});
    tick_label(svg, st, x, lanes_top, clock_label(c.zone, t));
    svg.close("g");
  }
}

// Clock changes inside the day: a dashed line with the offsets before and after.
void draw_clock_changes(Svg& svg, const Context& c, const Scale& s, const Layout& l) {
  if (!c.zone) return;
  Instant t = c.day.start;
  while (true) {
    const auto info = c.zone->get_info(std::chrono::floor<Seconds>(t));
    const Instant change{info.end};
    if (change >= c.day.end || change <= t) return;
    const std::string before = offset_text(c.zone, t), after = offset_text(c.zone, change);
    t = change;
    if (before == after) continue;
    const double x = s.x(change);
    svg.open("g", {{"data-kind", "clock-change"}, {"data-start-utc", format_utc(change)}});
    svg.text("title", {}, "Clock change at " + format_utc(change) + ": UTC offset " + before + " to " + after);
    // The label sits above the tick labels, the line below them.
    const double lanes_top = c.style.title_height + c.style.axis_height;
    svg.leaf("line", {{"x1", num(x)}, {"y1", num(lanes_top - 2.0)}, {"x2", num(x)}, {"y2", num(l.lanes_bottom)},
                      {"stroke", kBlack}, {"stroke-width", "1.5"}, {"stroke-dasharray", "6 3"}});
    svg.text("text", label_attrs(c.style.font_size, x, lanes_top - c.style.tick_font_size * 2.6 - 4.0, "middle"),
             "clocks change: " + before + " to " + after);
    svg.close("g");
  }
}

void draw_lane_frame(Svg& svg, const Context& c, const Scale& s, const Lane& lane, const LaneLayout& l, std::size_t n) {
  const TimelineStyle& st = c.style;
  const double h = static_cast<double>(l.rows) * st.row_height;
  if (n % 2 == 0)
    svg.leaf("rect", {{"x", num(st.label_width)}, {"y", num(l.top)}, {"width", num(s.right() - st.label_width)},
                      {"height", num(h)}, {"fill", kLaneShade}});
  svg.text("text", {{"x", "6"}, {"y", num(l.top + st.row_height / 2.0 + st.font_size * 0.35)}, {"font-size", num(st.font_size)},
                    {"font-weight", "bold"}, {"fill", kBlack}},
           lane.name);
  svg.leaf("line", {{"x1", "0"}, {"y1", num(l.top + h + st.lane_gap / 2.0)}, {"x2", num(s.right())},
                    {"y2", num(l.top + h + st.lane_gap / 2.0)}, {"stroke", kGrid}, {"stroke-width", "0.5"}});
}

std::string clipped(const Item& it, const Day& day) {
  const bool left = it.start < day.start, right = it.end > day.end;
  return left && right ? "both" : left ? "start" : right ? "end" : "";
}

void draw_shape(Svg& svg, const TimelineStyle& st, const Item& it, const Box& b, double y) {
  const double mid = y + st.bar_height / 2.0, bottom = y + st.bar_height;
  const Attrs stroke{{"stroke", it.stroke}, {"stroke-width", num(it.stroke_width)}, {"stroke-dasharray", it.dash}};
  const auto with = [&stroke](Attrs a) {
    a.insert(a.end(), stroke.begin(), stroke.end());
    return a;
  };
  switch (it.shape) {
    case Shape::bar:
      svg.leaf("rect", with({{"x", num(b.x0)}, {"y", num(y)}, {"width", num(b.x1 - b.x0)}, {"height", num(st.bar_height)},
                             {"fill", it.fill}}));
      break;
    case Shape::tick:
      svg.leaf("rect", {{"x", num(b.x0 - 3.0)}, {"y", num(y)}, {"width", "6"}, {"height", num(st.bar_height)},
                        {"fill", kBlack}, {"fill-opacity", "0"}});
      svg.leaf("line", with({{"x1", num(b.x0)}, {"y1", num(y)}, {"x2", num(b.x0)}, {"y2", num(bottom)}}));
      break;
    case Shape::marker: {
      const double r = st.bar_height / 2.0;
      svg.leaf("path", with({{"d", "M" + num(b.x0) + " " + num(y) + "L" + num(b.x0 + r) + " " + num(mid) + "L" + num(b.x0) +
                                       " " + num(bottom) + "L" + num(b.x0 - r) + " " + num(mid) + "Z"},
                             {"fill", it.fill}}));
      break;
    }
    case Shape::bracket:
      svg.leaf("path", with({{"d", "M" + num(b.x0) + " " + num(bottom) + "V" + num(y) + "H" + num(b.x1) + "V" + num(bottom)},
                             {"fill", "none"}}));
      break;
  }
}

void draw_item(Svg& svg, const Context& c, const Item& it, const Box& b, double y) {
  const TimelineStyle& st = c.style;
  Attrs g{{"data-kind", it.kind}, {"data-id", it.id}, {"data-start-utc", format_utc(it.start)},
          {"data-end-utc", format_utc(it.end)}, {"data-clipped", clipped(it, c.day)}};
  g.insert(g.end(), it.data.begin(), it.data.end());
  svg.open("g", g);
  svg.text("title", {}, it.title);
  draw_shape(svg, st, it, b, y);
  if (!b.label.empty()) {
    const double text_y = y + st.bar_height / 2.0 + st.font_size * 0.35;
    svg.text("text",
             label_attrs(st.font_size, b.label_x, it.shape == Shape::bracket ? text_y + 2.0 : text_y, b.label_end ? "end" : ""),
             b.label);
  }
  svg.close("g");
}

void draw_lanes(Svg& svg, const Context& c, const Scale& s, const std::vector<Lane>& lanes, const Layout& l) {
  for (std::size_t n = 0; n < lanes.size(); ++n) draw_lane_frame(svg, c, s, lanes[n], l.lanes[n], n);
  for (std::size_t n = 0; n < lanes.size(); ++n) {
    const LaneLayout& ll = l.lanes[n];
    for (std::size_t i = 0; i < lanes[n].items.size(); ++i) {
      const double y = ll.top + static_cast<double>(ll.row_of[i]) * c.style.row_height +
                       (c.style.row_height - c.style.bar_height) / 2.0;
      draw_item(svg, c, lanes[n].items[i], ll.boxes[i], y);
    }
  }
}

// Swatches in the order of kLegendTexts, drawn like the records they stand for.
std::vector<Item> legend_looks(const Context& c) {
  const auto look = [](Shape shape, std::string fill, std::string stroke, double width, std::string dash) {
    Item it;
    it.shape = shape;
    it.fill = std::move(fill);
    it.stroke = std::move(stroke);
    it.stroke_width = width;
    it.dash = std::move(dash);
    return it;
  };
  return {look(Shape::bar, kSkyBlue, kBlack, 0.5, ""),
          look(Shape::bar, kOrange, kBlack, 0.5, ""),
          look(Shape::bar, kWhite, kOrange, 1.5, "3 2"),
          look(Shape::bar, c.paint("base"), kBlack, 0.5, ""),
          look(Shape::bar, c.paint("incident"), kBlack, 0.5, ""),
          look(Shape::bar, c.paint("unexplained"), kBlack, 0.5, ""),
          look(Shape::bar, c.paint("off_duty"), kBlack, 0.5, ""),
          look(Shape::bar, c.paint("duty_unknown"), kBlack, 0.5, ""),
          look(Shape::bar, c.paint("gap"), kBlack, 1.0, "3 2"),
          look(Shape::bar, kWhite, kBluishGreen, 2.0, ""),
          look(Shape::tick, "", kBlack, 1.5, ""),
          look(Shape::marker, kYellow, kBlack, 1.0, ""),
          look(Shape::bracket, "", kBluishGreen, 2.0, ""),
          look(Shape::bracket, "", kVermillion, 3.0, ""),
          look(Shape::bracket, "", kBlack, 2.0, "5 3")};
}

void draw_legend(Svg& svg, const Context& c, const Layout& l) {
  const TimelineStyle& st = c.style;
  const std::vector<Item> looks = legend_looks(c);
  const auto places = legend_places(st, l.width);
  svg.open("g", {{"class", "legend"}});
  svg.text("text", {{"x", "6"}, {"y", num(l.lanes_bottom + st.row_height / 2.0 + st.font_size * 0.35)},
                    {"font-size", num(st.font_size)}, {"font-weight", "bold"}, {"fill", kBlack}},
           "Legend");
  for (std::size_t i = 0; i < looks.size(); ++i) {
    const auto [x, row] = places.at(i);
    const double y = l.lanes_bottom + static_cast<double>(row) * st.row_height + (st.row_height - st.bar_height) / 2.0;
    const bool point = looks[i].shape == Shape::tick || looks[i].shape == Shape::marker;
    draw_shape(svg, st, looks[i], Box{point ? x + kLegendSwatch / 2.0 : x, x + kLegendSwatch, 0, 0, {}, 0, false}, y);
    svg.text("text", {{"x", num(x + kLegendSwatch + 6.0)}, {"y", num(y + st.bar_height / 2.0 + st.font_size * 0.35)},
                      {"font-size", num(st.font_size)}, {"fill", kBlack}},
             kLegendTexts.at(i));
  }
  svg.close("g");
}

// Refuses a style that cannot give a drawing: a scale that is not a positive number, or a length
// that is negative or not finite.
void check_style(const TimelineStyle& st) {
  const double lengths[] = {st.label_width,  st.right_margin,   st.title_height,  st.axis_height,
                            st.row_height,   st.bar_height,     st.lane_gap,      st.font_size,
                            st.tick_font_size, st.min_bar_width, st.char_width};
  const bool ok = std::isfinite(st.px_per_hour) && st.px_per_hour > 0 &&
                  std::all_of(std::begin(lengths), std::end(lengths), [](double v) { return std::isfinite(v) && v >= 0; });
  if (!ok) throw UsageError("timeline: every TimelineStyle length must be a finite number >= 0, px_per_hour > 0");
}

std::string render(const Context& c, const std::vector<Lane>& lanes) {
  const Scale s{c.day, c.style};
  const Layout l = layout(s, lanes);
  Svg svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"id", c.prefix},
                   {"width", num(l.width)},
                   {"height", num(l.height)},
                   {"viewBox", "0 0 " + num(l.width) + " " + num(l.height)},
                   {"font-family", "sans-serif"},
                   {"role", "img"},
                   {"aria-labelledby", c.prefix + "-title"},
                   {"data-officer", c.officer},
                   {"data-day", format_day(c.date)},
                   {"data-zone", c.zone ? std::string(c.zone->name()) : std::string("UTC")},
                   {"data-start-utc", format_utc(c.day.start)},
                   {"data-end-utc", format_utc(c.day.end)}});
  const std::string title = heading(c);
  svg.text("title", {{"id", c.prefix + "-title"}}, "Timeline of " + title);
  draw_defs(svg, c);
  svg.leaf("rect", {{"width", num(l.width)}, {"height", num(l.height)}, {"fill", kWhite}});
  svg.text("text", {{"x", "6"}, {"y", num(c.style.title_height - 8.0)}, {"font-size", num(c.style.font_size + 2.0)},
                    {"font-weight", "bold"}, {"fill", kBlack}},
           title);
  draw_axis(svg, c, s, l);
  draw_lanes(svg, c, s, lanes, l);
  draw_clock_changes(svg, c, s, l);
  draw_legend(svg, c, l);
  if (!c.style.footnote.empty())
    svg.text("text", {{"data-kind", "footnote"}, {"x", "6"}, {"y", num(l.height - 8.0)},
                      {"font-size", num(c.style.tick_font_size)}, {"fill", kBlack}},
             c.style.footnote);
  svg.close("svg");
  return svg.take();
}

}  // namespace

std::string format_day(year_month_day day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return buf;
}

std::string svg_id_prefix(const std::string& officer_id, year_month_day day) {
  std::string p = "tl-" + id_part(officer_id);
  std::string d = format_day(day);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return p + "-" + d;
}

std::vector<OfficerDay> officer_days(const pipeline::Analysis& a, const TimeZone* zone) {
  std::set<OfficerDay> days;
  const auto add = [&](const std::string& officer, Instant start, Instant end) {
    const local_days last{local_date(zone, end - Millis{1})};
    for (local_days d{local_date(zone, start)}; d <= last; d += std::chrono::days{1}) days.insert({officer, year_month_day{d}});
  };
  for (std::size_t i = 0; i < a.roster.shifts.size(); ++i) {
    const ingest::ShiftRow& s = a.roster.shifts[i];
    add(s.officer_id, s.start, s.end);
    for (const duty::Crewing& cr : a.roster.crewings_of_shift.at(i)) add(s.officer_id, cr.span.start, cr.span.end);
  }
  return {days.begin(), days.end()};
}

std::string officer_day_svg(const pipeline::Analysis& a, const TimeZone* zone, const std::string& officer_id, year_month_day day,
                            const TimelineStyle& style) {
  if (!day.ok()) throw UsageError("timeline: " + format_day(day) + " is not a valid date");
  check_style(style);
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  const Context c{a, zone, style, officer_id, day, day_span(zone, day), svg_id_prefix(officer_id, day),
                  display_names(paths)};
  return render(c, lanes_of(c));
}

}  // namespace shiftline::report
