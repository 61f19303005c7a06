#include "shiftline/pipeline/scope.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "shiftline/core/error.hpp"

namespace shiftline::pipeline {
namespace {

using Spans = std::vector<Interval>;

bool contains(const std::vector<std::string>& sorted, std::string_view id) {
  return std::binary_search(sorted.begin(), sorted.end(), id, std::less<>{});
}

// a ∩ b, both sorted and disjoint; pieces of zero length are dropped.
Spans intersect(const Spans& a, const Spans& b) {
  Spans out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const Instant s = std::max(a[i].start, b[j].start);
    const Instant e = std::min(a[i].end, b[j].end);
    if (s < e) out.push_back({s, e});
    if (a[i].end < b[j].end) ++i;
    else ++j;
  }
  return out;
}

Spans clip(Interval span, const Spans& to) { return intersect(Spans{span}, to); }

// span minus the sorted, disjoint `cut`.
Spans subtract(Interval span, const Spans& cut) {
  Spans out;
  Instant at = span.start;
  for (const auto& c : cut) {
    if (c.end <= at) continue;
    if (c.start >= span.end) break;
    if (c.start > at) out.push_back({at, c.start});
    at = std::max(at, c.end);
  }
  if (at < span.end) out.push_back({at, span.end});
  return out;
}

bool meets(const Spans& spans, Interval w) {
  return std::any_of(spans.begin(), spans.end(), [&](const Interval& s) { return s.start < w.end && w.start < s.end; });
}

// Every vehicle that may be named, and every officer: those with a kept crewing piece, and the subjects.
std::set<std::string, std::less<>> visible_officers(const duty::Roster& scoped, const ScopeConfig& config) {
  std::set<std::string, std::less<>> out(config.officers.begin(), config.officers.end());
  for (std::size_t i = 0; i < scoped.shifts.size(); ++i)
    if (!scoped.crewings_of_shift[i].empty() || config.officers.empty()) out.insert(scoped.shifts[i].officer_id);
  return out;
}

void check_ids(const char* flag, const std::vector<std::string>& wanted, const std::set<std::string>& known,
               const char* what) {
  for (const auto& id : wanted) {
    if (known.contains(id)) continue;
    std::string some;
    std::size_t n = 0;
    for (const auto& k : known) {
      if (n++ == 10) {
        some += ", ...";
        break;
      }
      some += (some.empty() ? "" : ", ") + k;
    }
    throw UsageError(std::string(flag) + " '" + id + "': " + what + " (there are " + std::to_string(known.size()) +
                     (known.empty() ? "" : ": " + some) + ")");
  }
}

}  // namespace

void check_scope_officers(const ScopeConfig& config, const duty::Roster& roster) {
  std::set<std::string> known;
  for (const auto& s : roster.shifts) known.insert(s.officer_id);
  check_ids("--officer", config.officers, known, "no shift of this officer in the roster");
}

void check_scope_vehicles(const ScopeConfig& config, const std::vector<std::string>& vehicles_with_pings) {
  check_ids("--vehicle", config.vehicles, {vehicles_with_pings.begin(), vehicles_with_pings.end()},
            "no accepted ping of this vehicle in the input");
}

Interval ScopeConfig::range() const noexcept { return {from.value_or(kTimeRangeStart), to.value_or(kTimeRangeEnd)}; }

std::string ScopeConfig::describe() const {
  if (!active()) return {};
  const auto list = [](const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
    return s.empty() ? std::string("all") : s;
  };
  return "officers " + list(officers) + "; vehicles " + list(vehicles) + "; from " +
         (from ? format_utc(*from) : std::string("open")) + " to " + (to ? format_utc(*to) : std::string("open")) +
         "; margin " + format_seconds(margin) + " s";
}

std::vector<Interval> Scope::spans_of(std::string_view vehicle) const {
  if (!active) return {Interval{kTimeRangeStart, kTimeRangeEnd}};
  const auto it = kept.find(vehicle);
  return it != kept.end() ? it->second : others;
}

bool Scope::keeps(std::string_view vehicle, Instant t) const {
  const auto spans = spans_of(vehicle);
  return std::any_of(spans.begin(), spans.end(), [t](const Interval& s) { return s.start <= t && t < s.end; });
}

Scope resolve_scope(const ScopeConfig& config, const duty::Roster* roster) {
  Scope s;
  s.active = config.active();
  if (!s.active) return s;
  const Spans range{config.range()};
  if (config.officers.empty()) {
    if (config.vehicles.empty()) s.others = range;
    else
      for (const auto& v : config.vehicles) s.kept[v] = range;
    return s;
  }
  if (!roster) throw std::logic_error("resolve_scope: --officer needs the roster");
  std::map<std::string, Spans, std::less<>> windows, subject;
  for (std::size_t i = 0; i < roster->shifts.size(); ++i) {
    if (!contains(config.officers, roster->shifts[i].officer_id)) continue;
    for (const auto& c : roster->crewings_of_shift[i]) {
      if (!config.vehicles.empty() && !contains(config.vehicles, c.vehicle_id)) continue;
      windows[c.vehicle_id].push_back({c.span.start - config.margin, c.span.end + config.margin});
      subject[c.vehicle_id].push_back(c.span);
    }
  }
  for (auto& [v, spans] : windows) {
    Spans kept = intersect(duty::merge_intervals(std::move(spans)), range);
    if (!kept.empty()) s.kept[v] = std::move(kept);
  }
  for (auto& [v, spans] : subject) {
    Spans time = intersect(duty::merge_intervals(std::move(spans)), range);
    if (!time.empty()) s.subject_time[v] = std::move(time);
  }
  return s;
}

duty::Roster scope_roster(const duty::Roster& full, const ScopeConfig& config, const Scope& scope, ScopeCounts& counts) {
  if (!scope.active) return full;
  duty::Roster out;
  const Interval range = config.range();
  std::map<std::string, Spans, std::less<>> withheld;  // vehicle -> crew time dropped from it
  for (std::size_t i = 0; i < full.shifts.size(); ++i) {
    const ingest::ShiftRow& shift = full.shifts[i];
    const bool subject = config.officers.empty() || contains(config.officers, shift.officer_id);
    std::vector<duty::Crewing> pieces;
    for (const auto& c : full.crewings_of_shift[i]) {
      Spans allowed = scope.spans_of(c.vehicle_id);
      if (!subject) {
        const auto it = scope.subject_time.find(c.vehicle_id);
        allowed = it == scope.subject_time.end() ? Spans{} : it->second;
      }
      const Spans kept = clip(c.span, allowed);
      Millis kept_length{0};
      for (const auto& k : kept) {
        duty::Crewing piece = c;
        piece.span = k;
        pieces.push_back(piece);
        kept_length += k.length();
      }
      if (kept_length != c.span.length()) ++counts.crewings;
      if (!c.unattributed)
        for (const auto& dropped : subtract(c.span, kept)) withheld[c.vehicle_id].push_back(dropped);
    }
    const bool no_vehicle = full.crewings_of_shift[i].empty();
    const bool in_range = shift.start < range.end && range.start < shift.end;
    const bool keep = !pieces.empty() || (subject && no_vehicle && in_range && config.vehicles.empty());
    if (!keep) {
      ++counts.shifts;
      continue;
    }
    ingest::ShiftRow row = shift;
    if (subject) {
      row.start = std::max(row.start, range.start);
      row.end = std::min(row.end, range.end);
    } else {  // a co-crew's shift says no more than the time shared with a subject
      row.start = pieces.front().span.start;
      row.end = pieces.front().span.end;
      for (const auto& p : pieces) {
        row.start = std::min(row.start, p.span.start);
        row.end = std::max(row.end, p.span.end);
      }
    }
    const ShiftIndex index{static_cast<std::uint32_t>(out.shifts.size())};
    for (auto& p : pieces) p.shift = index;
    out.shifts.push_back(std::move(row));
    out.crewings_of_shift.push_back(std::move(pieces));
  }
  for (const auto& pieces : out.crewings_of_shift)
    for (const auto& c : pieces) {
      if (c.unattributed) {
        out.unknown_of_vehicle[c.vehicle_id].push_back(c.span);
        continue;
      }
      out.crewings_of_vehicle[c.vehicle_id].push_back(c);
      auto& longest = out.longest_crewing[c.vehicle_id];
      longest = std::max(longest, c.span.length());
    }
  for (const auto& [v, spans] : full.unknown_of_vehicle)
    for (const auto& u : spans) out.unknown_of_vehicle[v].push_back(u);
  // Crew time of someone outside the scope in a kept vehicle: duty is withheld, so unknown, never
  // "off duty" (that would read as a vehicle out with nobody on duty in it).
  for (auto& [v, spans] : withheld)
    for (const auto& w : clip(Interval{kTimeRangeStart, kTimeRangeEnd}, duty::merge_intervals(spans)))
      out.unknown_of_vehicle[v].push_back(w);
  for (auto& [v, spans] : out.unknown_of_vehicle) spans = duty::merge_intervals(std::move(spans));
  for (auto& [v, list] : out.crewings_of_vehicle)
    std::sort(list.begin(), list.end(), [](const duty::Crewing& a, const duty::Crewing& b) {
      return std::tie(a.span.start, a.shift) < std::tie(b.span.start, b.shift);
    });
  return out;
}

void scope_case_tables(ingest::CaseTables& tables, const duty::Roster& scoped, const ScopeConfig& config,
                       const Scope& scope, Millis lookup_window, Millis incident_before, Millis incident_after,
                       ScopeCounts& counts) {
  if (!scope.active) return;
  const Interval range = config.range();
  std::map<std::string, Spans, std::less<>> pieces_of;  // officer -> kept crewing pieces
  for (std::size_t i = 0; i < scoped.shifts.size(); ++i)
    for (const auto& c : scoped.crewings_of_shift[i]) pieces_of[scoped.shifts[i].officer_id].push_back(c.span);
  for (auto& [o, spans] : pieces_of) spans = duty::merge_intervals(std::move(spans));
  const auto pieces = [&](const std::string& officer) {
    const auto it = pieces_of.find(officer);
    return it == pieces_of.end() ? Spans{} : it->second;
  };
  const auto in_range = [&](Interval w) { return w.start < range.end && range.start < w.end; };
  const bool everyone = config.officers.empty() && config.vehicles.empty();

  const auto before_events = tables.events.size();
  std::erase_if(tables.events, [&](const ingest::EventRow& e) {
    const bool at_in_range = range.start <= e.at && e.at < range.end;
    if ((everyone || contains(config.officers, e.officer_id)) && at_in_range) return false;
    return !meets(pieces(e.officer_id), Interval{e.at, e.at + lookup_window + Millis{1}});
  });
  counts.events += before_events - tables.events.size();

  // Every kept span of every vehicle, for incidents.
  Spans all_kept = scope.others;
  for (const auto& [v, spans] : scope.kept) all_kept.insert(all_kept.end(), spans.begin(), spans.end());
  all_kept = duty::merge_intervals(std::move(all_kept));
  const auto before_incidents = tables.incidents.size();
  std::erase_if(tables.incidents, [&](const ingest::IncidentRow& inc) {
    return !meets(all_kept, Interval{inc.opened - incident_before, inc.closed + incident_after + Millis{1}});
  });
  counts.incidents += before_incidents - tables.incidents.size();

  const auto before_claims = tables.claims.size();
  std::erase_if(tables.claims, [&](const ingest::ClaimRow& c) {
    const Interval w{c.start, c.end};
    if (c.subject_kind == ingest::SubjectKind::vehicle) return !meets(scope.spans_of(c.subject_id), w);
    if ((everyone || contains(config.officers, c.subject_id)) && in_range(w)) return false;
    return !meets(pieces(c.subject_id), w);
  });
  counts.claims += before_claims - tables.claims.size();
}

void scope_after_matching(ingest::CaseTables& tables, const duty::Roster& scoped, const ScopeConfig& config,
                          const Scope& scope) {
  if (!scope.active) return;
  const auto officers = visible_officers(scoped, config);
  std::set<std::string, std::less<>> callsigns;
  for (const auto& s : scoped.shifts)
    if (!s.callsign.empty()) callsigns.insert(s.callsign);
  const auto vehicle_kept = [&](const std::string& v) { return !scope.spans_of(v).empty(); };
  tables.shifts = scoped.shifts;
  std::map<std::string, Spans, std::less<>> pieces_of;  // officer -> kept crewing pieces
  for (std::size_t i = 0; i < scoped.shifts.size(); ++i)
    for (const auto& c : scoped.crewings_of_shift[i]) pieces_of[scoped.shifts[i].officer_id].push_back(c.span);
  std::erase_if(tables.assignments, [&](const ingest::AssignmentRow& as) {
    const auto it = pieces_of.find(as.officer_id);
    return it == pieces_of.end() || !meets(it->second, Interval{as.start, as.end});
  });
  std::erase_if(tables.rejected_roster,
                [&](const ingest::RejectedRosterRow& r) { return !officers.contains(r.officer_id); });
  for (auto& inc : tables.incidents) {
    std::erase_if(inc.officer_ids, [&](const std::string& o) { return !officers.contains(o); });
    std::erase_if(inc.vehicle_ids, [&](const std::string& v) { return !vehicle_kept(v); });
    std::erase_if(inc.callsigns, [&](const std::string& c) { return !callsigns.contains(c); });
    std::erase_if(inc.units, [&](const ingest::IncidentUnit& u) {
      switch (u.kind) {
        case ingest::UnitKind::officer: return !officers.contains(u.id);
        case ingest::UnitKind::vehicle: return !vehicle_kept(u.id);
        case ingest::UnitKind::callsign: return !callsigns.contains(u.id);
      }
      return true;
    });
  }
}

std::size_t withhold_details(ProblemSink& sink) {
  ProblemSink out;
  for (const auto& p : sink.problems()) out.report(p.where, p.code, p.field, std::string(kWithheldDetail));
  const std::size_t n = sink.problems().size();
  sink = std::move(out);
  return n;
}

}  // namespace shiftline::pipeline
