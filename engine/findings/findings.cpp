#include "shiftline/findings/findings.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>
#include <variant>

namespace shiftline::findings {

std::string_view name(FindingKind k) noexcept {
  switch (k) {
    case FindingKind::revisit_after_closure: return "revisit_after_closure";
    case FindingKind::lookup_then_visit: return "lookup_then_visit";
    case FindingKind::recurring_place: return "recurring_place";
    case FindingKind::listed_address_visit: return "listed_address_visit";
    case FindingKind::off_duty_use: return "off_duty_use";
    case FindingKind::claim_contradicted: return "claim_contradicted";
    case FindingKind::long_unexplained: return "long_unexplained";
  }
  return "";
}

namespace {

// The officer's on-duty time in the dwell that is unexplained (not base, incident, off duty or
// duty unknown): their on-duty intervals intersected with the dwell's unexplained pieces. Both
// lists are in time order and each is disjoint, so one merge pass suffices.
Millis officer_unexplained(const match::DwellMatch& m, const match::OfficerTime& o) {
  Millis total{0};
  std::size_t j = 0;
  for (const Interval& duty : o.on_duty) {
    while (j < m.pieces.size() && m.pieces[j].span.end <= duty.start) ++j;
    for (std::size_t k = j; k < m.pieces.size() && m.pieces[k].span.start < duty.end; ++k) {
      if (m.pieces[k].time_class != match::DwellClass::unexplained) continue;
      const Instant a = std::max(duty.start, m.pieces[k].span.start), b = std::min(duty.end, m.pieces[k].span.end);
      if (a < b) total += b - a;
    }
  }
  return total;
}

// The address place of the dwell nearest its centre (ties: place order), if any.
std::optional<PlaceIndex> nearest_address(const pipeline::Analysis& a, const match::DwellMatch& m, LatLon centre) {
  std::optional<PlaceIndex> best;
  double best_m = 0;
  for (const PlaceIndex p : m.places) {
    const ingest::PlaceRow& place = a.tables.place(p);
    if (place.kind != ingest::PlaceKind::address) continue;
    const double d = match::distance_to_place(place, centre).value;
    if (!best || d < best_m) best = p, best_m = d;
  }
  return best;
}

bool within_base(const pipeline::Analysis& a, const match::DwellMatch& m) {
  return std::any_of(m.places.begin(), m.places.end(),
                     [&](PlaceIndex p) { return a.tables.place(p).kind == ingest::PlaceKind::base; });
}

// The shift rows that put the officer on duty in the dwell (roster evidence).
void add_shift_rows(const pipeline::Analysis& a, const std::vector<std::string>& shift_ids, std::vector<SourceRef>& into) {
  for (const auto& s : a.roster.shifts)
    if (std::binary_search(shift_ids.begin(), shift_ids.end(), s.shift_id)) into.push_back(s.source);
}

void sort_unique(std::vector<SourceRef>& refs) {
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
}

const match::OfficerTime* officer_of(const match::DwellMatch& m, const std::string& officer_id) {
  for (const auto& o : m.officers)
    if (o.officer_id == officer_id) return &o;
  return nullptr;
}

// Which (officer, dwell) pairs are a finding already, and which dwells are in any finding.
struct Taken {
  std::set<std::tuple<std::string, std::size_t, std::size_t>> officer_dwells;
  std::set<DwellRef> dwells;
  void add(const std::string& officer, DwellRef d) {
    officer_dwells.emplace(officer, d.vehicle, d.dwell);
    dwells.insert(d);
  }
  [[nodiscard]] bool has(const std::string& officer, DwellRef d) const {
    return officer_dwells.contains({officer, d.vehicle, d.dwell});
  }
};

Finding dwell_finding(const pipeline::Analysis& a, FindingKind kind, DwellRef ref) {
  const auto& v = a.run.vehicles.at(ref.vehicle);
  const auto& d = v.dwells.at(ref.dwell);
  Finding f;
  f.kind = kind;
  f.vehicle_ids = {a.run.vehicle_name(v)};
  f.location = d.location;
  f.start = d.start;
  f.end = d.end;
  f.dwells = {ref};
  return f;
}

// revisit_after_closure and lookup_then_visit: one finding per flag.
void flag_findings(const pipeline::Analysis& a, std::vector<Finding>& out, Taken& taken) {
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t i = 0; i < a.matches[k].size(); ++i) {
      const match::DwellMatch& m = a.matches[k][i];
      for (std::size_t n = 0; n < m.flags.size(); ++n) {
        const match::Flag& flag = m.flags[n];
        const bool revisit = flag.kind == match::FlagKind::revisit_after_closure;
        Finding f = dwell_finding(a, revisit ? FindingKind::revisit_after_closure : FindingKind::lookup_then_visit, {k, i});
        f.officer_id = flag.officer_id;
        f.flag = n;
        f.place = flag.place;
        f.location = a.tables.place(flag.place).point;
        f.start = flag.visit_start;
        if (const auto* o = officer_of(m, flag.officer_id); o && !o->on_duty.empty()) f.end = o->on_duty.back().end;
        f.duration = flag.on_duty;
        if (revisit) {
          const auto& sources = a.tables.incident(std::get<IncidentIndex>(flag.evidence)).sources;
          f.evidence.insert(f.evidence.end(), sources.begin(), sources.end());
        } else {
          f.evidence.push_back(a.tables.event(std::get<EventIndex>(flag.evidence)).source);
        }
        add_shift_rows(a, flag.shift_ids, f.evidence);
        sort_unique(f.evidence);
        taken.add(flag.officer_id, {k, i});
        out.push_back(std::move(f));
      }
    }
}

// listed_address_visit and long_unexplained: per officer on duty in a dwell, their unexplained
// time, unless the (officer, dwell) is a finding already.
void officer_findings(const pipeline::Analysis& a, const FindingsConfig& config, FindingKind kind,
                      std::vector<Finding>& out, Taken& taken) {
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t i = 0; i < a.matches[k].size(); ++i) {
      const match::DwellMatch& m = a.matches[k][i];
      if (m.split.unexplained <= Millis{0}) continue;
      const LatLon centre = a.run.vehicles[k].dwells[i].location;
      const std::optional<PlaceIndex> address = nearest_address(a, m, centre);
      for (const match::OfficerTime& o : m.officers) {
        if (taken.has(o.officer_id, {k, i}) || o.on_duty.empty()) continue;
        const Millis unexplained = officer_unexplained(m, o);
        if (unexplained <= Millis{0}) continue;
        if (kind == FindingKind::listed_address_visit ? !address || unexplained < config.min_share
                                                      : unexplained < config.long_dwell)
          continue;
        Finding f = dwell_finding(a, kind, {k, i});
        f.officer_id = o.officer_id;
        f.place = address;
        if (address && kind == FindingKind::listed_address_visit) f.location = a.tables.place(*address).point;
        f.start = o.on_duty.front().start;
        f.end = o.on_duty.back().end;
        f.duration = unexplained;
        add_shift_rows(a, o.shift_ids, f.evidence);
        sort_unique(f.evidence);
        taken.add(o.officer_id, {k, i});
        out.push_back(std::move(f));
      }
    }
}

// off_duty_use: a dwell outside every base with at least min_share of time when no one was on
// duty in the vehicle, unless the dwell is in an earlier finding (of any officer).
void off_duty_findings(const pipeline::Analysis& a, const FindingsConfig& config, std::vector<Finding>& out,
                       Taken& taken) {
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t i = 0; i < a.matches[k].size(); ++i) {
      const match::DwellMatch& m = a.matches[k][i];
      const Millis off = m.split.off_duty;
      if (off <= Millis{0} || off < config.min_share || within_base(a, m) || taken.dwells.contains({k, i})) continue;
      Finding f = dwell_finding(a, FindingKind::off_duty_use, {k, i});
      f.place = nearest_address(a, m, f.location);
      bool first = true;
      for (const match::TimePiece& piece : m.pieces) {
        if (piece.time_class != match::DwellClass::off_duty) continue;
        if (first) f.start = piece.span.start;
        f.end = piece.span.end;
        first = false;
      }
      f.duration = off;
      taken.add({}, {k, i});
      out.push_back(std::move(f));
    }
}

std::optional<PlaceIndex> place_by_id(const pipeline::Analysis& a, const std::string& place_id) {
  if (place_id.empty()) return std::nullopt;
  const auto& places = a.tables.places;  // by place_id
  const auto it = std::lower_bound(places.begin(), places.end(), place_id,
                                   [](const ingest::PlaceRow& p, const std::string& id) { return p.place_id < id; });
  if (it == places.end() || it->place_id != place_id) return std::nullopt;
  return PlaceIndex{static_cast<std::uint32_t>(it - places.begin())};
}

// claim_contradicted: one finding per contradicted claim, resting on the claim row and the
// decisive pings.
void claim_findings(const pipeline::Analysis& a, std::vector<Finding>& out) {
  for (std::size_t c = 0; c < a.claims.size() && c < a.tables.claims.size(); ++c) {
    const verify::ClaimResult& r = a.claims[c];
    if (r.verdict != verify::Verdict::contradicted) continue;
    const ingest::ClaimRow& claim = a.tables.claims[c];
    Finding f;
    f.kind = FindingKind::claim_contradicted;
    if (claim.subject_kind == ingest::SubjectKind::officer) f.officer_id = claim.subject_id;
    f.vehicle_ids = r.vehicles;
    f.place = place_by_id(a, claim.place.place_id);
    f.claim = c;
    f.location = claim.place.point;
    f.start = claim.start;
    f.end = claim.end;
    f.duration = claim.end - claim.start;
    f.evidence.push_back(claim.source);
    // The robustness re-runs (robustness.cpp) judge findings of an analysis that holds no ping rows:
    // they compare findings by kind, subject, place and time, never by citation.
    const ingest::PingTable& pings = a.run.ingest.pings;
    for (const verify::Sighting& s : r.evidence)
      if (s.ping < pings.size()) f.evidence.push_back(pings.source(s.ping));
    sort_unique(f.evidence);
    out.push_back(std::move(f));
  }
}

std::size_t group(const Finding& f) { return f.kind == FindingKind::recurring_place && f.shared ? 1 : 0; }

}  // namespace

std::vector<Finding> recurring_place_findings(const std::vector<Spot>& spots) {
  std::vector<Finding> out;
  for (std::size_t s = 0; s < spots.size(); ++s) {
    const Spot& spot = spots[s];
    if (!spot.recurring) continue;
    Finding f;
    f.kind = FindingKind::recurring_place;
    f.officer_id = spot.officer_id;
    f.vehicle_ids = spot.vehicle_ids;
    f.spot = s;
    f.location = spot.centre;
    f.start = spot.first;
    f.end = spot.last;
    f.duration = spot.total;
    f.visits = spot.visits;
    f.dwells = spot.dwells;
    f.shared = spot.shared;
    out.push_back(std::move(f));
  }
  return out;
}

bool ranks_before(const Finding& a, const Finding& b) {
  // Kind, then (recurring_place) unshared before shared, then longest first; the rest is the tie
  // rule, so that the order never depends on the order the findings were made in.
  if (a.kind != b.kind) return a.kind < b.kind;
  if (group(a) != group(b)) return group(a) < group(b);
  if (a.duration != b.duration) return a.duration > b.duration;
  return std::tie(a.start, a.officer_id, a.vehicle_ids, a.place, a.spot, a.claim, a.dwells, a.evidence) <
         std::tie(b.start, b.officer_id, b.vehicle_ids, b.place, b.spot, b.claim, b.dwells, b.evidence);
}

void rank(std::vector<Finding>& findings) { std::stable_sort(findings.begin(), findings.end(), ranks_before); }

Findings find_findings(const pipeline::Analysis& analysis, const FindingsConfig& config, std::vector<Spot> spots) {
  Findings found;
  found.spots = std::move(spots);
  Taken taken;
  // In rank order of kind, so that a dwell is claimed by its earliest kind (docs/findings.md).
  flag_findings(analysis, found.findings, taken);
  for (Finding& f : recurring_place_findings(found.spots)) {
    for (const DwellRef& d : f.dwells) taken.add(f.officer_id, d);
    found.findings.push_back(std::move(f));
  }
  officer_findings(analysis, config, FindingKind::listed_address_visit, found.findings, taken);
  off_duty_findings(analysis, config, found.findings, taken);
  claim_findings(analysis, found.findings);
  officer_findings(analysis, config, FindingKind::long_unexplained, found.findings, taken);
  rank(found.findings);
  return found;
}

Findings find_findings(const pipeline::Analysis& analysis, const FindingsConfig& config) {
  return find_findings(analysis, config, find_spots(analysis, config.spots));
}

}  // namespace shiftline::findings
