#include "shiftline/report/analyse_tables.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <variant>

#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/tables.hpp"

namespace shiftline::report {
namespace {

constexpr int kMetreDecimals = 2;

std::vector<std::string> input_names(const pipeline::Analysis& a) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  return display_names(paths);
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

std::string source_text(const std::vector<std::string>& names, SourceRef ref) {
  return names.at(ref.file) + ":" + std::to_string(ref.line);
}

std::string incident_ids(const pipeline::Analysis& a, const std::vector<IncidentIndex>& incidents) {
  return incident_ids_text(a, incidents);
}

std::string flags_of(const pipeline::Analysis& a, const match::DwellMatch& m, const PlaceIndex* place) {
  return flags_text(a, m, place);
}

constexpr std::array<match::DwellClass, 5> kSplitOrder{match::DwellClass::incident, match::DwellClass::base,
                                                       match::DwellClass::unexplained, match::DwellClass::off_duty,
                                                       match::DwellClass::duty_unknown};

DwellColumns match_columns(const pipeline::Analysis& a) {
  DwellColumns c;
  c.names = {"class", "officer_ids", "shift_ids", "place_ids", "incident_ids", "nearest_incident_id",
             "nearest_incident_m", "flags", "incident_s", "base_s", "unexplained_s", "off_duty_s", "duty_unknown_s",
             "officer_on_duty_s", "context"};
  c.write = [&a](CsvWriter& csv, DwellRef ref) {
    const match::DwellMatch& m = a.matches.at(ref.vehicle).at(ref.dwell);
    std::vector<std::string> places;
    for (const PlaceIndex p : m.places) places.push_back(a.tables.place(p).place_id);
    csv.text(match::name(m.dwell_class)).text(joined(m.crew.officer_ids)).text(joined(m.crew.shift_ids));
    csv.text(joined(places)).text(incident_ids(a, m.incidents));
    if (m.nearest_incident) {
      csv.text(a.tables.incident(*m.nearest_incident).incident_id).fixed(m.nearest_incident_distance.value, kMetreDecimals);
    } else {
      csv.empty().empty();
    }
    csv.text(flags_of(a, m, nullptr));
    for (const auto k : kSplitOrder) csv.seconds(m.split.of(k));
    std::string context = context_text(a, m, nullptr);
    // A stay cut by the scope's edge says so: it may have begun earlier or lasted longer (docs/scope.md).
    const pipeline::DwellRecord& d = a.run.vehicles.at(ref.vehicle).dwells.at(ref.dwell);
    if (d.cut_by_scope_start)
      context += (context.empty() ? "" : "; ") + std::string("cut by the scope's start: the stay may have begun earlier");
    if (d.cut_by_scope_end)
      context += (context.empty() ? "" : "; ") + std::string("cut by the scope's end: the stay may have lasted longer");
    csv.text(officer_on_duty_text(m)).text(context);
  };
  return c;
}

struct VisitRow {
  PlaceIndex place;
  DwellRef dwell;
};

}  // namespace

std::string incident_ids_text(const pipeline::Analysis& a, const std::vector<IncidentIndex>& incidents) {
  std::vector<std::string> ids;
  for (const IncidentIndex i : incidents) ids.push_back(a.tables.incident(i).incident_id);
  return joined(ids);
}

// A flag against two officers is one text; flags.csv has a row for each.
static void add_flag_texts(const pipeline::Analysis& a, const match::DwellMatch& m, const PlaceIndex* place,
                    std::vector<std::string>& into) {
  for (const auto& f : m.flags) {
    if (place && f.place != *place) continue;
    std::string text = flag_text(a, f);
    if (std::find(into.begin(), into.end(), text) == into.end()) into.push_back(std::move(text));
  }
}

std::string flags_text(const pipeline::Analysis& a, const match::DwellMatch& m, const PlaceIndex* place) {
  std::vector<std::string> flags;
  if (m.partial_duty) flags.emplace_back("partial_duty");
  add_flag_texts(a, m, place, flags);
  return joined(flags);
}

std::vector<std::string> flag_texts(const pipeline::Analysis& a, const match::DwellMatch& m) {
  std::vector<std::string> flags;
  add_flag_texts(a, m, nullptr, flags);
  return flags;
}

bool has_unexplained_time(const match::DwellMatch& m) noexcept { return m.split.unexplained > Millis{0}; }

std::string officer_on_duty_text(const match::DwellMatch& m) {
  std::vector<std::string> parts;
  for (const auto& o : m.officers) parts.push_back(o.officer_id + "=" + format_seconds(o.on_duty_length));
  return joined(parts);
}

std::string time_split_text(const match::TimeSplit& split) {
  std::string s;
  for (const auto k : kSplitOrder)
    if (split.of(k) > Millis{0}) s += (s.empty() ? "" : ", ") + std::string(match::name(k)) + " " + format_seconds(split.of(k)) + " s";
  return s.empty() ? "none" : s;
}

std::string attendance_text(const pipeline::Analysis&, const match::Attender& who) {
  switch (who.how) {
    case match::AttendedBy::named_officer: return "named as an officer of the incident";
    case match::AttendedBy::named_vehicle:
      return "on duty in " + who.via + " (shift " + who.shift_id + ") while the incident was open; the incident names " + who.via;
    case match::AttendedBy::named_callsign:
      return "on shift " + who.shift_id + " with callsign " + who.via + " while the incident was open; the incident names " + who.via;
    case match::AttendedBy::on_scene:
      return "on duty in " + who.via + " (shift " + who.shift_id + ") at the incident's area while it was open (--incident-match any-unit)";
  }
  return "";
}

std::string context_text(const pipeline::Analysis& a, const match::DwellMatch& m, const PlaceIndex* place) {
  if (m.notes.empty()) return {};  // most dwells: no file names to work out
  const auto names = input_names(a);
  std::vector<std::string> notes;
  for (const auto& n : m.notes) {
    if (place && n.place != *place) continue;
    const bool revisit = n.about == match::FlagKind::revisit_after_closure;
    const std::string what =
        revisit ? a.tables.incident(std::get<IncidentIndex>(n.evidence)).incident_id
                : "look-up " + source_text(names, a.tables.event(std::get<EventIndex>(n.evidence)).source);
    const std::string where = " at " + a.tables.place(n.place).place_id;
    switch (n.kind) {
      case match::NoteKind::vehicle_attended:
        notes.push_back(what + where + ": this vehicle attended it (closed " + format_seconds(n.amount) +
                        " s before), none of its crew on duty now did: no flag");
        break;
      case match::NoteKind::too_little_duty:
        notes.push_back(what + where + ": " + (revisit ? "attended by " : "by ") + n.officer_id + ", on duty here only " +
                        format_seconds(n.amount) + " s that no incident explains (under --min-duty-overlap): no flag");
        break;
      case match::NoteKind::beyond_revisit_within:
        notes.push_back(what + where + ": attended by " + n.officer_id + ", closed " + format_seconds(n.amount) +
                        " s before the visit (over --revisit-within): no flag");
        break;
    }
  }
  return joined(notes);
}

std::string flag_text(const pipeline::Analysis& a, const match::Flag& flag) {
  std::string text(match::name(flag.kind));
  text += ':';
  if (flag.kind == match::FlagKind::revisit_after_closure) {
    text += a.tables.incident(std::get<IncidentIndex>(flag.evidence)).incident_id;
  } else {
    text += source_text(input_names(a), a.tables.event(std::get<EventIndex>(flag.evidence)).source);
  }
  return text;
}

DwellsTable analysed_dwells_table(const pipeline::Analysis& a, const TimeZone* zone) {
  const DwellColumns columns = match_columns(a);
  DwellsTable t;
  t.text = dwells_csv(a.run, zone, &columns, nullptr, &t.row_starts);
  t.row_starts.push_back(t.text.size());
  return t;
}

std::string unexplained_csv(const pipeline::Analysis& a, const DwellsTable& dwells) {
  struct Row {
    Millis length;
    std::size_t index;  // position in dwells.row_starts: vehicle by vehicle, in time order
  };
  std::vector<Row> rows;
  std::size_t index = 0;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d, ++index)
      if (has_unexplained_time(a.matches[k][d])) rows.push_back({a.matches[k][d].split.unexplained, index});
  // Most unexplained time first (not the whole dwell: an officer on duty for a second of an hour's
  // stay has a second unexplained); ties keep (vehicle, start) order.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.length > y.length; });
  const std::size_t header_end = dwells.row_starts.empty() ? dwells.text.size() : dwells.row_starts.front();
  std::string out = dwells.text.substr(0, header_end);
  for (const Row& r : rows)
    out.append(dwells.text, dwells.row_starts.at(r.index), dwells.row_starts.at(r.index + 1) - dwells.row_starts.at(r.index));
  return out;
}

std::string visits_csv(const pipeline::Analysis& a, const TimeZone* zone) {
  std::vector<VisitRow> rows;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d)
      for (const PlaceIndex p : a.matches[k][d].places) rows.push_back({p, {k, d}});
  const auto start = [&a](const VisitRow& r) { return a.run.vehicles[r.dwell.vehicle].dwells[r.dwell.dwell].start; };
  std::stable_sort(rows.begin(), rows.end(), [&](const VisitRow& x, const VisitRow& y) {
    return std::tuple(x.place, start(x), x.dwell.vehicle) < std::tuple(y.place, start(y), y.dwell.vehicle);
  });
  std::string out;
  CsvWriter csv(out);
  csv.header({"place_id", "label", "vehicle_id", "officer_ids", "start", "end", "start_local", "end_local",
              "duration_s", "class", "incident_ids", "flags", "dwell_id", "place_kind", "distance_m", "shift_ids",
              "shape_distance_m", "unexplained_s", "context"});
  for (const auto& r : rows) {
    const auto& place = a.tables.place(r.place);
    const auto& v = a.run.vehicles[r.dwell.vehicle];
    const auto& d = v.dwells[r.dwell.dwell];
    const auto& m = a.matches[r.dwell.vehicle][r.dwell.dwell];
    const std::string& vehicle = a.run.vehicle_name(v);
    csv.text(place.place_id).text(place.label).text(vehicle).text(joined(m.crew.officer_ids));
    csv.text(format_utc(d.start)).text(format_utc(d.end)).text(format_local(zone, d.start)).text(format_local(zone, d.end));
    csv.seconds(d.end - d.start).text(match::name(m.dwell_class)).text(incident_ids(a, m.incidents));
    csv.text(flags_of(a, m, &r.place)).text(dwell_id(vehicle, d.sequence));
    csv.text(place.kind == ingest::PlaceKind::base ? "base" : "address");
    // For a point place its shape is its point: one geodesic serves both columns.
    const Meters to_point = geodesic_distance(place.point, d.location);
    const Meters to_shape = place.polygon.empty() ? to_point : match::distance_to_place(place, d.location);
    csv.fixed(to_point.value, kMetreDecimals).text(joined(m.crew.shift_ids));
    csv.fixed(to_shape.value, kMetreDecimals).seconds(m.split.unexplained);
    csv.text(context_text(a, m, &r.place));
    csv.end_row();
  }
  return out;
}

std::string shifts_csv(const pipeline::Analysis& a, const TimeZone* zone) {
  std::set<std::string> kinds;
  for (const auto& e : a.tables.events) kinds.insert(e.kind);
  std::vector<std::string> header{"shift_id",   "officer_id", "start",         "end",           "on_duty_s",
                                  "coverage",   "gap_s",      "moving_s",      "distance_km",   "incident_s",
                                  "base_s",     "unexplained_s", "unexplained_n", "events_n"};
  for (const auto& k : kinds) header.push_back("events_" + k + "_n");
  for (const char* extra :
       {"start_local", "end_local", "vehicle_ids", "callsign", "crewed_s", "unassigned_s", "source", "unattributed_s"})
    header.emplace_back(extra);
  const auto names = input_names(a);
  std::string out;
  CsvWriter csv(out);
  csv.header(header);
  for (std::size_t i = 0; i < a.roster.shifts.size(); ++i) {
    const auto& s = a.roster.shifts[i];
    const auto& f = a.shifts.at(i);
    csv.text(s.shift_id).text(s.officer_id).text(format_utc(s.start)).text(format_utc(s.end));
    csv.seconds(f.on_duty).fixed(f.coverage(), 4).seconds(f.gap).seconds(f.moving).fixed(f.distance.value / 1000.0, 3);
    csv.seconds(f.incident).seconds(f.base).seconds(f.unexplained);
    csv.integer(static_cast<std::int64_t>(f.unexplained_n)).integer(static_cast<std::int64_t>(f.events_n));
    for (const auto& k : kinds) {
      const auto it = f.events_by_kind.find(k);
      csv.integer(it == f.events_by_kind.end() ? 0 : static_cast<std::int64_t>(it->second));
    }
    std::vector<std::string> vehicles;
    for (const auto& c : a.roster.crewings_of_shift.at(i))
      if (!c.unattributed) vehicles.push_back(c.vehicle_id);
    std::sort(vehicles.begin(), vehicles.end());
    vehicles.erase(std::unique(vehicles.begin(), vehicles.end()), vehicles.end());
    csv.text(format_local(zone, s.start)).text(format_local(zone, s.end)).text(joined(vehicles)).text(s.callsign);
    csv.seconds(f.crewed).seconds(f.unassigned).text(source_text(names, s.source)).seconds(f.unattributed);
    csv.end_row();
  }
  return out;
}

std::string flags_csv(const pipeline::Analysis& a, const TimeZone* zone) {
  struct Row {
    DwellRef dwell;
    const match::Flag* flag;
  };
  std::vector<Row> rows;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d)
      for (const auto& f : a.matches[k][d].flags) rows.push_back({{k, d}, &f});
  const auto start = [&a](const Row& r) { return a.run.vehicles[r.dwell.vehicle].dwells[r.dwell.dwell].start; };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
    return std::tuple(start(x), x.dwell.vehicle) < std::tuple(start(y), y.dwell.vehicle);
  });
  const auto names = input_names(a);
  std::string out;
  CsvWriter csv(out);
  csv.header({"flag", "kind", "dwell_id", "vehicle_id", "officer_ids", "shift_ids", "place_id", "label", "visit_start",
              "visit_end", "visit_start_local", "visit_end_local", "duration_s", "evidence_id", "evidence_time",
              "evidence_time_local", "evidence_officer_id", "evidence_subject", "evidence_detail", "before_visit_s",
              "evidence_rows", "dwell_source_rows", "officer_on_duty_s", "officer_visit_s", "officer_visit_start",
              "attendance", "closed_recorded", "also_base_ids", "crew_officer_ids"});
  for (const auto& r : rows) {
    const auto& v = a.run.vehicles[r.dwell.vehicle];
    const auto& d = v.dwells[r.dwell.dwell];
    const auto& m = a.matches[r.dwell.vehicle][r.dwell.dwell];
    const match::Flag& f = *r.flag;
    const auto& place = a.tables.place(f.place);
    const std::string& vehicle = a.run.vehicle_name(v);
    std::vector<std::string> bases;
    for (const PlaceIndex b : f.also_bases) bases.push_back(a.tables.place(b).place_id);
    const std::string also = bases.empty() ? "" : "; the visit is also within base " + joined(bases);
    csv.text(flag_text(a, f)).text(match::name(f.kind)).text(dwell_id(vehicle, d.sequence)).text(vehicle);
    csv.text(f.officer_id).text(joined(f.shift_ids)).text(place.place_id).text(place.label);
    csv.text(format_utc(d.start)).text(format_utc(d.end)).text(format_local(zone, d.start)).text(format_local(zone, d.end));
    csv.seconds(d.end - d.start);
    std::vector<std::string> rows_text;
    std::string attendance, closed_recorded;
    if (f.kind == match::FlagKind::revisit_after_closure) {
      const auto& inc = a.tables.incident(std::get<IncidentIndex>(f.evidence));
      attendance = f.attended ? attendance_text(a, *f.attended) : "";
      closed_recorded = inc.closed_given ? "yes" : "no";
      csv.text(inc.incident_id).text(format_utc(inc.closed)).text(format_local(zone, inc.closed));
      csv.text(f.officer_id).empty();
      csv.text("incident " + inc.incident_id + (inc.type.empty() ? "" : " (" + inc.type + ")") + " opened " +
               format_utc(inc.opened) + ", closed " + format_utc(inc.closed) +
               (inc.closed_given ? "" : " (assumed: no closed recorded, opened + --incident-default-length)") +
               ", attended by " + f.officer_id + ": " + attendance + also);
      for (const auto& s : inc.sources) rows_text.push_back(source_text(names, s));
    } else {
      const auto& e = a.tables.event(std::get<EventIndex>(f.evidence));
      csv.text(source_text(names, e.source)).text(format_utc(e.at)).text(format_local(zone, e.at));
      csv.text(e.officer_id).text(e.subject).text(e.kind + (e.detail.empty() ? "" : ": " + e.detail) + also);
      rows_text.push_back(source_text(names, e.source));
    }
    csv.seconds(f.before_visit).text(joined(rows_text));
    csv.text(source_rows_text(names, d));
    csv.seconds(f.on_duty).seconds(f.unexplained_or_base).text(format_utc(f.visit_start));
    csv.text(attendance).text(closed_recorded).text(joined(bases)).text(joined(m.crew.officer_ids));
    csv.end_row();
  }
  return out;
}

}  // namespace shiftline::report
