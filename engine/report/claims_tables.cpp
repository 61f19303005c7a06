#include "shiftline/report/claims_tables.hpp"

#include <cmath>
#include <cstdio>

#include "shiftline/report/csv_writer.hpp"

namespace shiftline::report {
namespace {

using verify::Basis;
using verify::ClaimResult;
using verify::Period;
using verify::PeriodKind;
using verify::Sighting;
using verify::Between;
using duty::Interval;

constexpr int kMetreDecimals = 2;

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

std::string metres_text(Meters m) {
  char buf[32];
  if (m.value < 10.0) std::snprintf(buf, sizeof buf, "%.1f m", m.value);
  else if (m.value < 1000.0) std::snprintf(buf, sizeof buf, "%.0f m", m.value);
  else std::snprintf(buf, sizeof buf, "%.1f km", m.value / 1000.0);
  return buf;
}

// Everything a sentence needs to name times, distances and rows.
struct Words {
  const ingest::ClaimRow& claim;
  const ClaimResult& result;
  const ingest::PingTable& pings;
  const std::vector<std::string>& names;
  const TimeZone* zone;
  verify::Speed configured;

  // "2024-10-26 21:14:05 +01:00" (with --tz) or "2024-10-26 20:14:05 UTC".
  [[nodiscard]] std::string when(Instant t) const {
    std::string s = format_local(zone, t);
    s[10] = ' ';
    if (s.back() == 'Z') return s.substr(0, s.size() - 1) + " UTC";
    return s.insert(s.size() - 6, " ");
  }
  [[nodiscard]] std::string row(const Sighting& s) const {
    const SourceRef ref = pings.source(s.ping);
    return names.at(ref.file) + ":" + std::to_string(ref.line);
  }
  // "2024-... (pings.csv:12, 340 m from ADDR-A)".
  [[nodiscard]] std::string ping(const Sighting& s) const {
    return when(s.at) + " (" + row(s) + ", " + metres_text(s.distance) + " from " + place() + ")";
  }
  [[nodiscard]] std::string place() const {
    if (!claim.place.place_id.empty()) return claim.place.place_id;
    char buf[96];
    std::snprintf(buf, sizeof buf, "the claimed place (%.7f, %.7f, radius %g m)", claim.place.point.lat,
                  claim.place.point.lon, claim.place.radius.value);
    return buf;
  }
  [[nodiscard]] std::string subject(const std::string& vehicle) const {
    if (claim.subject_kind == ingest::SubjectKind::vehicle) return claim.subject_id;
    if (vehicle.empty()) {
      std::string all;
      for (const auto& v : result.vehicles) all += (all.empty() ? "" : " and ") + v;
      return all.empty() ? claim.subject_id : claim.subject_id + "'s vehicles " + all;
    }
    return claim.subject_id + "'s vehicle " + vehicle;
  }
  // "at 130 km/h", or "at 162 km/h (the fastest PV01 was seen to move)" when the vehicle's own
  // speed raised the bound.
  [[nodiscard]] std::string at_speed(verify::Speed speed, const std::string& vehicle) const {
    char buf[128];
    if (speed.metres_per_second > configured.metres_per_second * (1 + 1e-12))
      std::snprintf(buf, sizeof buf, "at %.0f km/h (the fastest %s was seen to move)", speed.kmh(), vehicle.c_str());
    else
      std::snprintf(buf, sizeof buf, "at %g km/h", speed.kmh());
    return buf;
  }
};

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

std::string silence_text(const Words& w, const Period& p) {
  const std::string who = w.subject(p.vehicle_id);
  const std::string span = "from " + w.when(p.span.start) + " to " + w.when(p.span.end);
  switch (p.kind) {
    case PeriodKind::no_vehicle:
      return span + " " + w.claim.subject_id + " was in no vehicle on the roster, so the location data cannot show where " +
             w.claim.subject_id + " was";
    case PeriodKind::roster_conflict:
      return span + " the roster puts " + w.claim.subject_id + " in more than one vehicle (" + p.vehicle_id +
             "; overlapping shifts), so that time cannot be tested";
    case PeriodKind::uncertain:
      return "the ping at " + w.ping(*p.from) + " lies within its position margin (" + metres_text(p.from->margin) +
             ") of the place's " + metres_text(w.claim.place.radius) + " radius, so " + who +
             " may or may not have been there";
    default: break;
  }
  if (p.from && p.to) return "there is no ping of " + who + " from " + w.ping(*p.from) + " to " + w.ping(*p.to);
  if (p.from) return who + " sent no ping after " + w.ping(*p.from);
  if (p.to) return who + " sent no ping before " + w.ping(*p.to);
  return who + " has no usable ping in the data";
}

std::string could_not_hold(const Words& w, const verify::Reach& r, Interval span, bool has_from,
                           const std::string& vehicle, verify::Speed speed, const std::string& lead) {
  const std::string who = w.subject(vehicle);
  const std::string how = w.at_speed(speed, vehicle);
  if (!r.reachable())
    return "Contradicted: " + lead + ", and " + how + " " + who + " could not have reached " + w.place() + " in between.";
  if (r.earliest_arrival > span.start && has_from)
    return "Contradicted: " + lead + "; " + how + " " + who + " could not have been at " + w.place() + " before " +
           w.when(r.earliest_arrival) + ", but the claim has it there from " + w.when(span.start) + ".";
  return "Contradicted: " + lead + "; " + how + " " + who + " must have left " + w.place() + " by " +
         w.when(r.latest_departure) + ", but the claim has it there until " + w.when(span.end) + ".";
}

std::string between_lead(const Words& w, const Between& b) {
  return w.subject(b.from.vehicle_id) + " was seen at " + w.ping(b.from) + " and at " + w.ping(b.to);
}

std::string could_have_been(const Words& w, const Period& p, bool present) {
  std::string s = "Inconclusive: " + silence_text(w, p);
  if (p.kind != PeriodKind::unobserved || (!p.from && !p.to)) return s + ".";
  const verify::Reach& r = *p.reach;
  const std::string who = w.subject(p.vehicle_id);
  const std::string how = w.at_speed(p.speed, p.vehicle_id);
  if (present && r.can_hold(p.span.start, p.span.end))
    return s + "; " + how + " " + who + " could have been at " + w.place() + " throughout " + w.when(p.span.start) +
           " to " + w.when(p.span.end) + ".";
  return s + "; " + how + " " + who + " could have been at " + w.place() + " for up to " +
         length_text(r.longest_stay()) + ", between " + w.when(r.earliest_arrival) + " and " +
         w.when(r.latest_departure) + ".";
}

std::string could_have_been(const Words& w, const Between& b) {
  return "Inconclusive: " + between_lead(w, b) + "; " + w.at_speed(b.speed, b.from.vehicle_id) +
         " it could have been at " + w.place() + " in between for up to " + length_text(b.reach.longest_stay()) +
         ", between " + w.when(b.reach.earliest_arrival) + " and " + w.when(b.reach.latest_departure) + ".";
}

std::string edge(const Words& w, const Period& p, bool present) {
  const Sighting& s = p.from ? *p.from : *p.to;
  return "Inconclusive: only the ping at " + w.ping(s) + ", outside the claimed interval, shows " +
         w.subject(p.vehicle_id) + (present ? " away from " : " at ") + w.place() +
         "; by the midpoint rule it stands for " + length_text(p.span.length()) +
         " of the interval, and no ping within the interval agrees.";
}

std::string bridged_clause(const Words& w, const ClaimResult& r) {
  std::string s;
  for (const Period& p : r.periods)
    if (p.kind == PeriodKind::bridged)
      s += "; the silence from " + w.when(p.from->at) + " to " + w.when(p.to->at) + " (" + w.row(*p.from) + ", " +
           w.row(*p.to) + ") is bridged by the dwell rule, with pings at the place on both sides";
  return s;
}

std::string inside_text(const Words& w, const Sighting& s) {
  const std::string radius = metres_text(w.claim.place.radius);
  if (!w.claim.place.polygon.empty())
    return s.distance.value <= 0 ? "inside " + w.place() + "'s polygon"
                                 : metres_text(s.distance) + " from " + w.place() + "'s polygon, within its " + radius;
  return "at " + w.place() + ", " + metres_text(s.distance) + " from its point, within its " + radius + " radius";
}

std::string only_vehicle(const ClaimResult& r) { return r.vehicles.size() == 1 ? r.vehicles.front() : ""; }

std::string supported_away(const Words& w, const Sighting* ping) {
  const ClaimResult& r = w.result;
  std::string s = "Supported: " + w.subject(only_vehicle(r)) + " was never seen at " + w.place() + ", and " +
                  w.at_speed(r.speed, only_vehicle(r).empty() ? "it" : only_vehicle(r)) +
                  (r.min_visit > Millis{0} ? " had no time for a stay of " + length_text(r.min_visit) + " (--min-visit) there"
                                           : " had no time to reach it") +
                  " between pings" + (r.basis == Basis::unreachable ? " or in any silence" : "");
  if (ping) s += "; its closest approach was " + metres_text(ping->distance) + " at " + w.when(ping->at) + " (" + w.row(*ping) + ")";
  return s + ".";
}

std::string sentence(const Words& w) {
  const ingest::ClaimRow& claim = w.claim;
  const ClaimResult& r = w.result;
  const bool present = claim.assertion == ingest::Assertion::present;
  const Period* period = r.decisive_period ? &r.periods.at(*r.decisive_period) : nullptr;
  const Sighting* ping = r.decisive ? &*r.decisive : nullptr;
  const Between* between = r.decisive_between ? &*r.decisive_between : nullptr;
  switch (r.basis) {
    case Basis::seen_away:
      return "Contradicted: at " + w.when(ping->at) + " " + w.subject(ping->vehicle_id) + " was " +
             metres_text(ping->distance) + " from " + w.place() + " (" + w.row(*ping) + "), beyond its " +
             metres_text(claim.place.radius) + " radius and the ping's " + metres_text(ping->margin) + " margin.";
    case Basis::could_not_hold:
      if (between)
        return could_not_hold(w, between->reach, between->span, true, between->from.vehicle_id, between->speed,
                              between_lead(w, *between));
      return could_not_hold(w, *period->reach, period->span, period->from.has_value(), period->vehicle_id,
                            period->speed, silence_text(w, *period));
    case Basis::seen_there_throughout:
      return "Supported: " + w.subject(only_vehicle(r)) + " was at " + w.place() + " throughout " +
             w.when(claim.start) + " to " + w.when(claim.end) + " (pings " + w.row(*r.periods.front().from) + " to " +
             w.row(*r.periods.back().to) + ")" + bridged_clause(w, r) + ".";
    case Basis::seen_there:
      return "Contradicted: at " + w.when(ping->at) + " " + w.subject(ping->vehicle_id) + " was " +
             inside_text(w, *ping) + " (" + w.row(*ping) + ").";
    case Basis::bridged_there:
      return "Contradicted: " + w.subject(period->vehicle_id) + " was at " + w.place() + " at " +
             w.when(period->from->at) + " (" + w.row(*period->from) + ") and again at " + w.when(period->to->at) +
             " (" + w.row(*period->to) + ") with no ping between; the dwell rule bridges that silence, which covers " +
             length_text(period->span.length()) + " of the claimed interval.";
    case Basis::seen_away_throughout:
    case Basis::unreachable: return supported_away(w, ping);
    case Basis::could_have_been:
      if (between) return could_have_been(w, *between);
      if (period) return could_have_been(w, *period, present);
      break;
    case Basis::edge:
      if (period && (period->from || period->to)) return edge(w, *period, present);
      break;
  }
  return "Inconclusive: the data neither show " + w.subject({}) + " at " + w.place() + " throughout nor rule it out.";
}

}  // namespace

std::string claim_explanation(const ingest::ClaimRow& claim, const ClaimResult& r, const ingest::PingTable& pings,
                              const std::vector<std::string>& names, const TimeZone* zone, verify::Speed reach_speed,
                              bool smoothed) {
  const Words w{claim, r, pings, names, zone, reach_speed};
  std::string s = sentence(w);
  if (smoothed) s += " Positions and distances are from the smoothed track (--smooth).";
  return s;
}

std::string claims_csv(const Analysis& a, const TimeZone* zone, verify::Speed reach_speed, bool smoothed) {
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
              "uncertain_s", "max_stay_between_pings_s", "reach_speed_kmh"});
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
    csv.end_row();
  }
  return out;
}

std::string claim_periods_csv(const Analysis& a, const TimeZone* zone) {
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
