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

constexpr int kMetreDecimals = 2;

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

// Everything a sentence needs to name times, distances and rows.
struct Words {
  const ingest::ClaimRow& claim;
  const ingest::PingTable& pings;
  const std::vector<std::string>& names;
  const TimeZone* zone;
  verify::Speed speed;

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
  [[nodiscard]] std::string place() const {
    return claim.place.place_id.empty() ? "the claimed place" : claim.place.place_id;
  }
  [[nodiscard]] std::string subject(const std::string& vehicle) const {
    if (claim.subject_kind == ingest::SubjectKind::vehicle || vehicle.empty()) return claim.subject_id;
    return claim.subject_id + "'s vehicle " + vehicle;
  }
  [[nodiscard]] std::string kmh() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g km/h", speed.kmh());
    return buf;
  }
};

std::string metres_text(Meters m) {
  char buf[32];
  if (m.value < 10.0) std::snprintf(buf, sizeof buf, "%.1f m", m.value);
  else if (m.value < 1000.0) std::snprintf(buf, sizeof buf, "%.0f m", m.value);
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

std::string silence_text(const Words& w, const Period& p) {
  const std::string who = w.subject(p.vehicle_id);
  if (p.kind == PeriodKind::no_vehicle)
    return "from " + w.when(p.span.start) + " to " + w.when(p.span.end) + " " + w.claim.subject_id +
           " was in no vehicle on the roster, so the location data cannot show where " + w.claim.subject_id + " was";
  if (p.from && p.to)
    return "there is no ping of " + who + " from " + w.when(p.from->at) + " (" + w.row(*p.from) + ") to " +
           w.when(p.to->at) + " (" + w.row(*p.to) + ")";
  if (p.from) return who + " sent no ping after " + w.when(p.from->at) + " (" + w.row(*p.from) + ")";
  if (p.to) return who + " sent no ping before " + w.when(p.to->at) + " (" + w.row(*p.to) + ")";
  return who + " has no usable ping in the data";
}

std::string could_not_hold(const Words& w, const Period& p) {
  const verify::Reach& r = *p.reach;
  const std::string who = w.subject(p.vehicle_id);
  if (!r.reachable())
    return "Contradicted: " + silence_text(w, p) + ", and at " + w.kmh() + " " + who + " could not have reached " +
           w.place() + " in that time.";
  if (r.earliest_arrival > p.span.start && p.from)
    return "Contradicted: " + who + " was " + metres_text(p.from->distance) + " from " + w.place() + " at " +
           w.when(p.from->at) + " (" + w.row(*p.from) + ") and at " + w.kmh() + " could not have been there before " +
           w.when(r.earliest_arrival) + "; the claim has it there from " + w.when(p.span.start) + ".";
  return "Contradicted: " + who + " was " + metres_text(p.to->distance) + " from " + w.place() + " at " +
         w.when(p.to->at) + " (" + w.row(*p.to) + ") and at " + w.kmh() + " must have left by " +
         w.when(r.latest_departure) + "; the claim has it there until " + w.when(p.span.end) + ".";
}

std::string could_have_been(const Words& w, const Period& p, bool present) {
  std::string s = "Inconclusive: " + silence_text(w, p);
  if (p.kind == PeriodKind::no_vehicle || (!p.from && !p.to)) return s + ".";
  const verify::Reach& r = *p.reach;
  const std::string who = w.subject(p.vehicle_id);
  if (present && r.can_hold(p.span.start, p.span.end))
    return s + "; at " + w.kmh() + " " + who + " could have been at " + w.place() + " throughout " +
           w.when(p.span.start) + " to " + w.when(p.span.end) + ".";
  return s + "; at " + w.kmh() + " " + who + " could have been at " + w.place() + " for up to " +
         length_text(r.longest_stay()) + ", between " + w.when(r.earliest_arrival) + " and " +
         w.when(r.latest_departure) + ".";
}

std::string edge(const Words& w, const Period& p, bool present) {
  const Sighting& s = p.from ? *p.from : *p.to;
  return "Inconclusive: only the ping at " + w.when(s.at) + " (" + w.row(s) + "), outside the claimed interval, " +
         "shows " + w.subject(p.vehicle_id) + (present ? " away from " : " at ") + w.place() + " (" +
         metres_text(s.distance) + " from it); by the midpoint rule it stands for " +
         length_text(p.span.length()) + " of the interval, and no ping within the interval agrees.";
}

std::string bridged_clause(const Words& w, const ClaimResult& r) {
  std::string s;
  for (const Period& p : r.periods)
    if (p.kind == PeriodKind::bridged)
      s += "; the silence from " + w.when(p.from->at) + " to " + w.when(p.to->at) + " (" + w.row(*p.from) + ", " +
           w.row(*p.to) + ") is bridged by the dwell rule, with pings at the place on both sides";
  return s;
}

}  // namespace

std::string claim_explanation(const ingest::ClaimRow& claim, const ClaimResult& r, const ingest::PingTable& pings,
                              const std::vector<std::string>& names, const TimeZone* zone, verify::Speed reach_speed) {
  const Words w{claim, pings, names, zone, reach_speed};
  const bool present = claim.assertion == ingest::Assertion::present;
  const Period* period = r.decisive_period ? &r.periods.at(*r.decisive_period) : nullptr;
  const Sighting* ping = r.decisive ? &*r.decisive : nullptr;
  switch (r.basis) {
    case Basis::seen_away:
      return "Contradicted: at " + w.when(ping->at) + " " + w.subject(ping->vehicle_id) + " was " +
             metres_text(ping->distance) + " from " + w.place() + " (" + w.row(*ping) + ").";
    case Basis::could_not_hold: return could_not_hold(w, *period);
    case Basis::seen_there_throughout: {
      const Period& first = r.periods.front();
      const Period& last = r.periods.back();
      return "Supported: " + w.subject(first.vehicle_id) + " was at " + w.place() + " throughout " +
             w.when(claim.start) + " to " + w.when(claim.end) + " (pings " + w.row(*first.from) + " to " +
             w.row(*last.to) + ")" + bridged_clause(w, r) + ".";
    }
    case Basis::seen_there:
      return "Contradicted: at " + w.when(ping->at) + " " + w.subject(ping->vehicle_id) + " was at " + w.place() +
             ", " + metres_text(ping->distance) + " from it (" + w.row(*ping) + ").";
    case Basis::bridged_there:
      return "Contradicted: " + w.subject(period->vehicle_id) + " was at " + w.place() + " at " +
             w.when(period->from->at) + " (" + w.row(*period->from) + ") and again at " + w.when(period->to->at) +
             " (" + w.row(*period->to) + ") with no ping between; the dwell rule bridges that silence, which covers " +
             length_text(period->span.length()) + " of the claimed interval.";
    case Basis::seen_away_throughout:
      if (!ping) return "Supported: the pings either side of the claimed interval show " + w.subject({}) + " away from " + w.place() + ".";
      return "Supported: " + w.subject(ping->vehicle_id) + " was seen away from " + w.place() +
             " throughout; its closest approach was " + metres_text(ping->distance) + " at " + w.when(ping->at) + " (" +
             w.row(*ping) + ").";
    case Basis::unreachable: {
      std::size_t silences = 0;
      for (const Period& p : r.periods) silences += p.kind == PeriodKind::unobserved ? 1 : 0;
      std::string s = "Supported: " + w.subject(r.vehicles.empty() ? "" : r.vehicles.front()) + " was not seen at " +
                      w.place() + ", and at " + w.kmh() + " could not have reached it in " +
                      (silences == 1 ? "the silence" : "any of the " + std::to_string(silences) + " silences") +
                      " in the interval";
      if (ping) s += "; its closest approach was " + metres_text(ping->distance) + " at " + w.when(ping->at) + " (" + w.row(*ping) + ")";
      return s + ".";
    }
    case Basis::could_have_been:
      if (period) return could_have_been(w, *period, present);
      break;
    case Basis::edge:
      if (period && (period->from || period->to)) return edge(w, *period, present);
      break;
  }
  return "Inconclusive: the data neither show " + w.subject({}) + " at " + w.place() + " throughout nor rule it out.";
}

std::string claims_csv(const Analysis& a, const TimeZone* zone, verify::Speed reach_speed) {
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
              "basis", "bridged_s", "no_vehicle_s", "nearest_at_local", "nearest_row", "note", "source"});
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
    csv.text(claim_explanation(claim, r, pings, names, zone, reach_speed));
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
              "from_m", "to_row", "to_m", "reachable", "earliest_arrival", "latest_departure", "max_possible_stay_s"});
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
      } else {
        csv.empty().empty().empty().empty();
      }
      csv.end_row();
    }
  return out;
}

}  // namespace shiftline::report
