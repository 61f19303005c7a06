#include "shiftline/report/claims_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"

namespace shiftline::report {
namespace {

using verify::Basis;
using verify::ClaimResult;
using verify::Period;
using verify::PeriodKind;
using verify::Sighting;
using verify::Run;

constexpr int kMetreDecimals = 2;

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

// "A", "A and B", "A, B and C".
std::string listed(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i)
    s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return s;
}

}  // namespace

// One unit per quantity: metres below 1 km (one decimal below 10 m), kilometres with one decimal
// from 1 km. Every distance in a sentence goes through here, the radius included.
std::string metres_text(Meters m) {
  char buf[32];
  if (m.value < 10.0) std::snprintf(buf, sizeof buf, "%.1f m", m.value);
  else if (m.value < 999.5) std::snprintf(buf, sizeof buf, "%.0f m", m.value);
  else std::snprintf(buf, sizeof buf, "%.1f km", m.value / 1000.0);
  return buf;
}

// "1 h 5 min", "12 min 30 s", "45 s", "under 1 s".
std::string length_text(Millis d) {
  const std::int64_t s = d.count() / 1000;
  if (s == 0) return d.count() > 0 ? "under 1 s" : "0 s";
  const std::int64_t h = s / 3600, m = s % 3600 / 60, sec = s % 60;
  std::string out;
  const auto part = [&out](std::int64_t v, const char* unit) {
    if (v > 0) out += (out.empty() ? "" : " ") + std::to_string(v) + " " + unit;
  };
  part(h, "h");
  part(m, "min");
  if (h == 0) part(sec, "s");
  return out.empty() ? std::to_string(s) + " s" : out;
}

namespace {

// Everything a sentence needs to name times, distances, rows, the subject and the place.
struct Words {
  const ingest::ClaimRow& claim;
  const ClaimResult& result;
  const ingest::PingTable& pings;
  const std::vector<std::string>& names;
  const TimeZone* zone;
  Speed configured;

  // "2024-10-26 21:14:05 +01:00" (with --tz) or "2024-10-26 20:14:05 UTC".
  [[nodiscard]] std::string when(Instant t) const {
    std::string s = format_local(zone, t);
    s[10] = ' ';
    if (s.back() == 'Z') return s.substr(0, s.size() - 1) + " UTC";
    return s.insert(s.find_last_of("+-"), " ");
  }
  [[nodiscard]] std::string row(std::uint32_t ping) const {
    const SourceRef ref = pings.source(ping);
    return names.at(ref.file) + ":" + std::to_string(ref.line);
  }
  [[nodiscard]] std::string row(const Sighting& s) const { return row(s.ping); }
  // "2024-... (pings.csv:12, 340 m from the place)": the place is named once elsewhere in the sentence.
  [[nodiscard]] std::string ping(const Sighting& s) const {
    return when(s.at) + " (" + row(s) + ", " + metres_text(s.distance) + " from the place)";
  }
  // "Flat 2, Elm Road (ADDR-A)", or the id alone when the place has no other label.
  [[nodiscard]] std::string place() const {
    const ingest::PlaceRow& p = claim.place;
    if (!p.place_id.empty()) return p.label.empty() || p.label == p.place_id ? p.place_id : p.label + " (" + p.place_id + ")";
    char buf[96];
    std::snprintf(buf, sizeof buf, "the claimed place (%.7f, %.7f, radius ", p.point.lat, p.point.lon);
    return buf + metres_text(p.radius) + ")";
  }
  [[nodiscard]] bool officer() const { return claim.subject_kind == ingest::SubjectKind::officer; }
  // The subject as tested in `vehicle` ("PV01", "PC1's vehicle PV01"); with no vehicle named, every
  // vehicle tested ("PC3's vehicles VC and VD"), or the officer alone.
  [[nodiscard]] std::string who(const std::string& vehicle) const {
    if (!officer()) return claim.subject_id;
    if (!vehicle.empty() && vehicle.find(';') == std::string::npos) return claim.subject_id + "'s vehicle " + vehicle;
    if (!vehicle.empty() || result.vehicles.empty()) return claim.subject_id;
    if (result.vehicles.size() == 1) return claim.subject_id + "'s vehicle " + result.vehicles.front();
    return claim.subject_id + "'s vehicles " + listed(result.vehicles);
  }
  [[nodiscard]] std::string was(const std::string& vehicle) const {
    return officer() && vehicle.empty() && result.vehicles.size() > 1 ? "were" : "was";
  }
  // "at 250 km/h", or "at 262 km/h (the fastest PV01 was seen to move)" when the vehicle's own
  // speed raised the bound.
  [[nodiscard]] std::string at_speed(Speed speed, const std::string& vehicle) const {
    char buf[160];
    if (speed.metres_per_second > configured.metres_per_second * (1 + 1e-12))
      std::snprintf(buf, sizeof buf, "at %.0f km/h (the fastest %s was seen to move)", speed.kmh(),
                    vehicle.empty() ? "a vehicle of the claim" : vehicle.c_str());
    else
      std::snprintf(buf, sizeof buf, "at %g km/h", speed.kmh());
    return buf;
  }
  [[nodiscard]] std::string span(Instant a, Instant b) const { return "from " + when(a) + " to " + when(b); }
};

// "A", "A or B", "A, B or C".
std::string alternatives(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i)
    s += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return s;
}

// Why the roster ties the officer to no single vehicle in one segment.
std::string segment_text(const Words& w, const verify::Segment& seg) {
  const std::string& officer = w.claim.subject_id;
  switch (seg.kind) {
    case verify::SegmentKind::no_vehicle: return "the roster puts " + officer + " in no vehicle";
    case verify::SegmentKind::roster_conflict:
      return "the roster puts " + officer + " in " + listed(seg.vehicles) + " at once (overlapping shifts)";
    case verify::SegmentKind::handover: {
      std::vector<std::string> at_times, options = seg.vehicles;
      for (const Instant t : seg.roster_instants) at_times.push_back(w.when(t));
      if (seg.may_be_in_no_vehicle) options.emplace_back("no vehicle");
      return "the roster changes " + officer + "'s vehicle at " + listed(at_times) + ", and within its " +
             length_text(w.result.roster_tolerance) + " --roster-tolerance " + officer + " may have been in " +
             alternatives(options);
    }
    case verify::SegmentKind::roster_unknown: {
      std::vector<std::string> rows;
      for (const SourceRef& r : seg.rejected_rows) rows.push_back(w.names.at(r.file) + ":" + std::to_string(r.line));
      return std::string(rows.size() == 1 ? "a roster row that could not be read (" : "roster rows that could not be read (") +
             listed(rows) + ", rejected.csv) may cover this time, so the roster cannot say " +
             (seg.vehicles.empty() ? "in which vehicle, if any, " + officer + " was"
                                   : "whether " + officer + " was in " + alternatives(seg.vehicles) + " or in no vehicle");
    }
    case verify::SegmentKind::vehicle: break;
  }
  return "";
}

// "from A to B the roster puts PC1 in no vehicle, and from B to C ...": every segment of `span`
// that ties the officer to no single vehicle.
std::string roster_text(const Words& w, Interval span) {
  std::vector<std::string> parts;
  for (const verify::Segment& seg : w.result.segments)
    if (seg.kind != verify::SegmentKind::vehicle && seg.span.start < span.end && span.start < seg.span.end)
      parts.push_back(w.span(std::max(seg.span.start, span.start), std::min(seg.span.end, span.end)) + " " +
                      segment_text(w, seg));
  if (parts.empty()) return w.span(span.start, span.end) + " the roster does not tie " + w.claim.subject_id + " to one vehicle";
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

// The officer's own prism: the pings it is anchored on.
std::string anchors_text(const Words& w, const std::optional<Sighting>& from, const std::optional<Sighting>& to) {
  std::string s;
  if (from) s += "; " + w.claim.subject_id + " was last seen in " + from->vehicle_id + " at " + w.ping(*from);
  if (to) s += std::string(from ? " and next" : "; " + w.claim.subject_id + " was next seen") + " in " + to->vehicle_id +
               " at " + w.ping(*to);
  return s;
}

// Where a stretch of time lies among the vehicle's pings (either absent): "between the pings of
// PV01 at ... and ..., with a silence of 2 h", "after the last ping of PV01 at ...". `who` names
// the vehicle, or "its" when the sentence has named it already.
std::string stretch_text(const Words& w, const std::optional<Sighting>& from, const std::optional<Sighting>& to,
                         Millis silence, bool bridged, const std::string& who) {
  const std::string of = who == "its" ? "its pings" : "the pings of " + who;
  std::string s;
  if (from && to && from->vehicle_id != to->vehicle_id)  // a run through a handover
    s = "between the ping of " + w.who(from->vehicle_id) + " at " + w.ping(*from) + " and that of " +
        w.who(to->vehicle_id) + " at " + w.ping(*to);
  else if (from && to) s = "between " + of + " at " + w.ping(*from) + " and at " + w.ping(*to);
  else if (from) s = "after the last of " + of + ", at " + w.ping(*from);
  else if (to) s = "before the first of " + of + ", at " + w.ping(*to);
  else return (who == "its" ? std::string("it") : who) + " has no usable ping in the data";
  if (silence > Millis{0} && from && to)
    s += ", with no ping for " + length_text(silence) +
         (bridged ? ", a silence bridged by the dwell rule (which infers that the vehicle stayed: an inference, not an "
                    "observation)"
                  : "");
  return s;
}

// Where a run of possible presence or absence comes from: the vehicle's pings around it, and any
// time in it that the roster ties to no single vehicle.
std::string run_cause(const Words& w, const Run& run, const std::string& who) {
  if (!run.roster_span) return stretch_text(w, run.from, run.to, run.longest_silence, run.bridged, who);
  const Interval roster = *run.roster_span;
  const bool vehicle_before = run.span.start < roster.start, vehicle_after = roster.end < run.span.end;
  const auto ping_of = [&](const Sighting& p) { return who == "its" ? "its ping" : "the ping of " + w.who(p.vehicle_id); };
  std::string s;
  if (vehicle_before && run.from) s = "after " + ping_of(*run.from) + " at " + w.ping(*run.from) + ", ";
  s += roster_text(w, roster);
  if (!vehicle_before && !vehicle_after)
    s += run.officer_prism ? anchors_text(w, run.from, run.to)
                           : "; " + stretch_text(w, run.from, run.to, run.longest_silence, run.bridged, w.who(run.vehicle_id));
  if (vehicle_after && run.to) s += ", until " + ping_of(*run.to) + " at " + w.ping(*run.to);
  return s;
}

std::string could_not_hold(const Words& w, const verify::Reach& r, Interval span, const std::string& lead,
                           Speed speed, const std::string& vehicle) {
  const std::string how = w.at_speed(speed, vehicle);
  if (!r.reachable())
    return "Contradicted: " + lead + ", and " + how + " it could not have reached " + w.place() + " in between, " +
           w.span(span.start, span.end) + ".";
  if (r.earliest_arrival > span.start)
    return "Contradicted: " + lead + "; " + how + " it could not have been at " + w.place() + " before " +
           w.when(r.earliest_arrival) + ", but the claim has it there from " + w.when(span.start) + ", " +
           length_text(r.earliest_arrival - span.start) + " before it could have arrived.";
  return "Contradicted: " + lead + "; " + how + " it must have left " + w.place() + " by " +
         w.when(r.latest_departure) + ", but the claim has it there until " + w.when(span.end) + ", " +
         length_text(span.end - r.latest_departure) + " after it must have left.";
}

std::string inside_text(const Words& w, const Sighting& s) {
  const std::string radius = metres_text(w.claim.place.radius);
  const std::string margin = " allowing for the ping's " + metres_text(s.margin) + " margin";
  if (!w.claim.place.polygon.empty())
    return s.distance.value <= 0 ? "inside " + w.place() + "'s polygon" + (s.margin.value > 0 ? "," + margin : "")
                                 : metres_text(s.distance) + " from " + w.place() + "'s polygon, within its " +
                                       radius + margin;
  return "at " + w.place() + ", " + metres_text(s.distance) + " from its point, within its " + radius + " radius" +
         margin;
}

std::string only_vehicle(const ClaimResult& r) { return r.vehicles.size() == 1 ? r.vehicles.front() : ""; }

std::string supported_away(const Words& w, const Sighting* ping) {
  const ClaimResult& r = w.result;
  std::string s = "Supported: " + w.who({}) + " " + w.was({}) + " never seen at " + w.place() + ", and " +
                  w.at_speed(r.speed, only_vehicle(r)) +
                  (r.min_visit > Millis{0} ? " had no time for a stay of " + length_text(r.min_visit) + " (--min-visit) there"
                                           : " had no time to reach it") +
                  " between pings" + (r.basis == Basis::unreachable ? " or in any time unobserved" : "");
  if (ping) s += "; the closest approach was " + metres_text(ping->distance) + " at " + w.when(ping->at) + " (" + w.row(*ping) + ")";
  return s + ".";
}

std::string seen_there_throughout(const Words& w) {
  const ClaimResult& r = w.result;
  std::string s = "Supported: " + w.who({}) + " " + w.was({}) + " seen at " + w.place() + " " +
                  std::to_string(r.inside_count) + (r.inside_count == 1 ? " time " : " times ") +
                  w.span(r.first_inside->at, r.last_inside->at) + " (" + w.row(*r.first_inside) + " to " +
                  w.row(*r.last_inside) + ")";
  if (r.max_away == Millis{0})
    return s + ", and " + w.at_speed(r.speed, only_vehicle(r)) +
           " it had no time to leave between those pings (--presence-tolerance " + length_text(r.presence_tolerance) +
           ").";
  s += ", and " + w.at_speed(r.speed, only_vehicle(r)) + " it could have been away for at most " +
       length_text(r.max_away);
  if (r.decisive_run) s += " (" + run_cause(w, *r.decisive_run, "its") + ")";
  return s + ", within the " + length_text(r.presence_tolerance) + " --presence-tolerance.";
}

std::string could_have_left(const Words& w) {
  const ClaimResult& r = w.result;
  const Run& run = *r.decisive_run;
  std::string s = "Inconclusive: ";
  const bool roster_only = run.roster_span && run.officer_prism;
  std::string who = roster_only ? w.claim.subject_id : w.who(run.vehicle_id);
  if (r.inside_count > 0) {
    s += w.who({}) + " " + w.was({}) + " seen at " + w.place() + " " + std::to_string(r.inside_count) +
         (r.inside_count == 1 ? " time" : " times") + " in the interval, but ";
    if (!roster_only && w.result.vehicles.size() == 1) who = "its";
  }
  const std::string cause = run_cause(w, run, who);
  return s + cause + "; " + w.at_speed(run.speed, only_vehicle(r)) + " " +
         (roster_only ? w.claim.subject_id : std::string("it")) + " could have been away from " +
         (r.inside_count > 0 ? std::string("there") : w.place()) + " for up to " + length_text(run.span.length()) +
         ", " + w.span(run.span.start, run.span.end) + ", longer than the " + length_text(r.presence_tolerance) +
         " --presence-tolerance.";
}

std::string not_seen_there(const Words& w) {
  const ClaimResult& r = w.result;
  std::string s = "Inconclusive: no ping of " + w.who({}) + " within the interval places it at " + w.place();
  if (r.nearest)
    s += "; the closest, at " + w.ping(*r.nearest) + ", lies within its " + metres_text(r.nearest->margin) +
         " position margin of the place's edge, so it may or may not have been there";
  if (r.decisive_run && r.decisive_run->from && r.decisive_run->to && !r.decisive_run->roster_span)
    s += "; the interval lies " + stretch_text(w, r.decisive_run->from, r.decisive_run->to,
                                               r.decisive_run->longest_silence, r.decisive_run->bridged, "its");
  if (r.decisive_run)
    s += "; " + w.at_speed(r.speed, only_vehicle(r)) + " it could have been away for at most " +
         length_text(r.max_away) + ", within the " + length_text(r.presence_tolerance) + " --presence-tolerance";
  return s + ". Nothing in the data rules the claim out, and no ping in the interval supports it.";
}

std::string could_have_been(const Words& w) {
  const ClaimResult& r = w.result;
  const Run& run = *r.decisive_run;
  const bool roster_only = run.roster_span && run.officer_prism;
  const std::string subject = roster_only ? w.claim.subject_id : w.who(run.vehicle_id);
  std::string s = "Inconclusive: " + run_cause(w, run, subject) + "; " + w.at_speed(run.speed, only_vehicle(r)) + " " +
                  (roster_only ? subject : std::string("it")) + " could have been at " + w.place();
  const std::string visit = r.min_visit > Millis{0}
                                ? ", at least the " + length_text(r.min_visit) + " --min-visit"
                                : " (with --min-visit 0 any possible stay keeps the claim open)";
  if (run.span.length() == Millis{0}) return s + " at " + w.when(run.span.start) + ", if only for an instant" + visit + ".";
  return s + " for up to " + length_text(run.span.length()) + ", between " + w.when(run.span.start) + " and " +
         w.when(run.span.end) + visit + ".";
}

std::string sentence(const Words& w) {
  const ingest::ClaimRow& claim = w.claim;
  const ClaimResult& r = w.result;
  const Sighting* ping = r.decisive ? &*r.decisive : nullptr;
  switch (r.basis) {
    case Basis::seen_away:
      return "Contradicted: at " + w.when(ping->at) + " " + w.who(ping->vehicle_id) + " was " +
             metres_text(ping->distance) + " from " + w.place() + " (" + w.row(*ping) + "), beyond its " +
             metres_text(claim.place.radius) + " radius allowing for the ping's " + metres_text(ping->margin) +
             " margin.";
    case Basis::could_not_hold:
      if (const auto& st = r.decisive_stretch) {
        const std::string vehicle = st->from ? st->from->vehicle_id : st->to ? st->to->vehicle_id : "";
        const Millis silence = st->silence && st->from && st->to ? st->to->at - st->from->at : Millis{0};
        return could_not_hold(w, st->reach, st->span, stretch_text(w, st->from, st->to, silence, st->bridged, w.who(vehicle)),
                              st->speed, vehicle);
      }
      if (r.decisive_period) {
        const Period& p = r.periods.at(*r.decisive_period);
        return could_not_hold(w, *p.reach, p.span,
                              roster_text(w, p.span) + anchors_text(w, p.from, p.to),
                              p.speed, "");
      }
      break;
    case Basis::seen_there_throughout: return seen_there_throughout(w);
    case Basis::seen_there:
      return "Contradicted: at " + w.when(ping->at) + " " + w.who(ping->vehicle_id) + " was " + inside_text(w, *ping) +
             " (" + w.row(*ping) + ").";
    case Basis::seen_away_throughout:
    case Basis::unreachable: return supported_away(w, ping);
    case Basis::could_have_been:
      if (r.decisive_run) return could_have_been(w);
      break;
    case Basis::could_have_left:
      if (r.decisive_run) return could_have_left(w);
      break;
    case Basis::not_seen_there: return not_seen_there(w);
  }
  return "Inconclusive: the data neither show " + w.who({}) + " at " + w.place() + " throughout nor rule it out.";
}

// Every row cleaning set aside in the judged time, named with its reason.
std::string discarded_text(const Words& w) {
  const ClaimResult& r = w.result;
  if (r.discarded.empty()) return "";
  std::vector<std::string> rows;
  for (const verify::Discarded& d : r.discarded)
    rows.push_back(w.row(d.ping) + " (" + std::string(name(d.code)) + ", " + w.when(d.ping.at) + ", " +
                   metres_text(d.ping.distance) + " from " + w.place() + ")");
  return std::string(rows.size() == 1 ? " One row was" : " Rows were") + " set aside by cleaning in this time and not used: " +
         listed(rows) + ".";
}

}  // namespace

std::string claim_explanation(const ingest::ClaimRow& claim, const ClaimResult& r, const ingest::PingTable& pings,
                              const std::vector<std::string>& names, const TimeZone* zone, Speed reach_speed,
                              bool smoothed) {
  const Words w{claim, r, pings, names, zone, reach_speed};
  std::string s = sentence(w) + discarded_text(w);
  if (smoothed) s += " Positions and distances are from the smoothed track (--smooth).";
  return s;
}

std::string claims_csv(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  const std::vector<std::string> names = display_names(paths);
  const auto& pings = a.run.ingest.pings;
  const auto row_of = [&](const Sighting& s) {
    const SourceRef ref = pings.source(s.ping);
    return names.at(ref.file) + ":" + std::to_string(ref.line);
  };
  std::string out;
  CsvWriter csv(out);
  csv.header({"claim_id", "verdict", "feasible", "inside_s", "outside_s", "unobserved_s", "max_possible_stay_s",
              "nearest_m", "nearest_at", "evidence_rows", "explanation", "assertion", "subject", "subject_id",
              "vehicles", "place_id", "place_lat", "place_lon", "radius_m", "start", "end", "start_local", "end_local",
              "basis", "bridged_s", "no_vehicle_s", "nearest_at_local", "nearest_row", "note", "source",
              "uncertain_s", "max_stay_between_pings_s", "reach_speed_kmh", "max_away_s", "presence_tolerance_s",
              "roster_tolerance_s", "discarded_rows"});
  for (std::size_t c = 0; c < a.claims.size(); ++c) {
    const ingest::ClaimRow& claim = a.tables.claims[c];
    const ClaimResult& r = a.claims[c];
    csv.text(claim.claim_id).text(verify::name(r.verdict));
    csv.text(!r.feasible ? "" : *r.feasible ? "yes" : "no");
    csv.seconds(r.inside).seconds(r.outside).seconds(r.unobserved);
    if (r.max_possible_stay) csv.seconds(*r.max_possible_stay);
    else csv.empty();
    if (r.nearest) csv.fixed(r.nearest->distance.value, kMetreDecimals).text(format_utc(r.nearest->at));
    else csv.empty().empty();
    std::vector<std::string> rows;
    for (const Sighting& s : r.evidence) rows.push_back(row_of(s));
    csv.text(joined(rows));
    csv.text(claim_explanation(claim, r, pings, names, zone, reach_speed, smoothed));
    csv.text(verify::name(claim.assertion));
    csv.text(claim.subject_kind == ingest::SubjectKind::vehicle ? "vehicle" : "officer").text(claim.subject_id);
    csv.text(joined(r.vehicles)).text(claim.place.place_id);
    csv.fixed(claim.place.point.lat, 7).fixed(claim.place.point.lon, 7).fixed(claim.place.radius.value, kMetreDecimals);
    csv.text(format_utc(claim.start)).text(format_utc(claim.end));
    csv.text(format_local(zone, claim.start)).text(format_local(zone, claim.end));
    csv.text(verify::name(r.basis)).seconds(r.bridged).seconds(r.no_vehicle);
    if (r.nearest) csv.text(format_local(zone, r.nearest->at)).text(row_of(*r.nearest));
    else csv.empty().empty();
    csv.text(claim.note).text(names.at(claim.source.file) + ":" + std::to_string(claim.source.line));
    csv.seconds(r.uncertain);
    if (r.max_stay_between_pings) csv.seconds(*r.max_stay_between_pings);
    else csv.empty();
    csv.fixed(r.speed.kmh(), 3);
    csv.seconds(r.max_away).seconds(r.presence_tolerance).seconds(r.roster_tolerance);
    std::vector<std::string> discarded;
    for (const verify::Discarded& d : r.discarded) discarded.push_back(row_of(d.ping) + ":" + std::string(name(d.code)));
    csv.text(joined(discarded));
    csv.end_row();
  }
  return out;
}

std::string claim_periods_csv(const pipeline::Analysis& a, const TimeZone* zone) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  const std::vector<std::string> names = display_names(paths);
  const auto& pings = a.run.ingest.pings;
  std::string out;
  CsvWriter csv(out);
  csv.header({"claim_id", "vehicle_id", "kind", "start", "end", "start_local", "end_local", "seconds", "from_row",
              "from_m", "to_row", "to_m", "reachable", "earliest_arrival", "latest_departure", "max_possible_stay_s", "reach_speed_kmh"});
  const auto ping = [&](const std::optional<Sighting>& s) {
    if (!s) {
      csv.empty().empty();
      return;
    }
    const SourceRef ref = pings.source(s->ping);
    csv.text(names.at(ref.file) + ":" + std::to_string(ref.line)).fixed(s->distance.value, kMetreDecimals);
  };
  for (std::size_t c = 0; c < a.claims.size(); ++c)
    for (const Period& p : a.claims[c].periods) {
      csv.text(a.tables.claims[c].claim_id).text(p.vehicle_id).text(verify::name(p.kind));
      csv.text(format_utc(p.span.start)).text(format_utc(p.span.end));
      csv.text(format_local(zone, p.span.start)).text(format_local(zone, p.span.end)).seconds(p.span.length());
      ping(p.from);
      ping(p.to);
      if (p.reach) {
        // Unreachable: the earliest arrival is after the latest departure; both are shown.
        csv.text(p.reach->reachable() ? "yes" : "no");
        csv.text(format_utc(p.reach->earliest_arrival)).text(format_utc(p.reach->latest_departure));
        if (p.reach->reachable()) csv.seconds(p.reach->longest_stay());
        else csv.empty();
        csv.fixed(p.speed.kmh(), 3);
      } else {
        csv.empty().empty().empty().empty().empty();
      }
      csv.end_row();
    }
  return out;
}

}  // namespace shiftline::report
