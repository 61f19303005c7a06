#include "shiftline/verify/verify.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "shiftline/match/match.hpp"

namespace shiftline::verify {

std::string_view name(Verdict v) noexcept {
  switch (v) {
    case Verdict::supported: return "supported";
    case Verdict::contradicted: return "contradicted";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "unknown";
}

std::string_view name(ingest::Assertion a) noexcept {
  return a == ingest::Assertion::present ? "present" : "absent";
}

std::string_view name(PeriodKind k) noexcept {
  switch (k) {
    case PeriodKind::inside: return "inside";
    case PeriodKind::outside: return "outside";
    case PeriodKind::bridged: return "bridged";
    case PeriodKind::unobserved: return "unobserved";
    case PeriodKind::no_vehicle: return "no_vehicle";
  }
  return "unknown";
}

std::string_view name(Basis b) noexcept {
  switch (b) {
    case Basis::seen_away: return "seen_away";
    case Basis::could_not_hold: return "could_not_hold";
    case Basis::seen_there_throughout: return "seen_there_throughout";
    case Basis::seen_there: return "seen_there";
    case Basis::bridged_there: return "bridged_there";
    case Basis::seen_away_throughout: return "seen_away_throughout";
    case Basis::unreachable: return "unreachable";
    case Basis::could_have_been: return "could_have_been";
    case Basis::edge: return "edge";
  }
  return "unknown";
}

namespace {

using duty::Interval;

Meters margin_of(const clean::Track& track, std::size_t i, const VerifyConfig& config) {
  if (config.position_margin) return *config.position_margin;
  if (i < track.accuracy_m.size() && std::isfinite(track.accuracy_m[i])) return Meters{track.accuracy_m[i]};
  return config.fallback_margin;
}

// A ping measured against the place, without the vehicle's name: the scan makes one per ping, so
// it holds no string (no allocation per ping); a Sighting is made only for what is kept.
struct Seen {
  std::size_t index = 0;  // into the track
  Meters distance{0.0};
  Meters margin{0.0};
  bool inside = false;
};

struct Scan {
  std::string_view vehicle;
  const clean::Track& track;
  const ingest::PlaceRow& place;
  const VerifyConfig& config;

  [[nodiscard]] Seen seen(std::size_t i) const {
    Seen s;
    s.index = i;
    s.distance = match::distance_to_place(place, track.position[i]);
    s.margin = margin_of(track, i, config);
    s.inside = s.distance <= place.radius + s.margin;
    return s;
  }
  [[nodiscard]] Sighting sighting(const Seen& s) const {
    return Sighting{std::string(vehicle), track.ping[s.index], track.time[s.index], track.position[s.index],
                    s.distance, s.margin, s.inside};
  }
  [[nodiscard]] std::optional<Sighting> sighting(const std::optional<Seen>& s) const {
    return s ? std::optional<Sighting>(sighting(*s)) : std::nullopt;
  }
  // How far the ping is from the place once the place's radius and the ping's margin are allowed
  // for: the distance the prism uses (0 when the ping is at the place).
  [[nodiscard]] std::optional<Anchor> anchor(const std::optional<Seen>& s) const {
    if (!s) return std::nullopt;
    return Anchor{track.time[s->index], Meters{std::max(0.0, (s->distance - place.radius - s->margin).value)}};
  }
};

bool within_dwell(std::span<const Interval> dwells, Instant from, Instant to) {
  // The last dwell starting at or before `from` is the only one that can hold [from, to].
  auto it = std::upper_bound(dwells.begin(), dwells.end(), from,
                             [](Instant t, const Interval& d) { return t < d.start; });
  if (it == dwells.begin()) return false;
  --it;
  return it->start <= from && to <= it->end;
}

Interval clip(Interval span, Interval window) {
  return Interval{std::max(span.start, window.start), std::min(span.end, window.end)};
}

// Periods are collected as Pending (pings as Seen) and merged while collected: a run of pings
// inside, or outside, is one period. Each is turned into a Period once.
struct Pending {
  PeriodKind kind = PeriodKind::unobserved;
  Interval span;
  std::optional<Seen> from, to;
};

class Periods {
 public:
  explicit Periods(const Scan& scan) : m_scan(scan) {}

  void add(PeriodKind kind, Interval span, std::optional<Seen> from, std::optional<Seen> to) {
    if (span.end <= span.start) return;
    const bool observed = kind == PeriodKind::inside || kind == PeriodKind::outside;
    if (m_pending && observed && m_pending->kind == kind && m_pending->span.end == span.start) {
      m_pending->span.end = span.end;
      m_pending->to = to;
      return;
    }
    flush();
    m_pending = Pending{kind, span, from, to};
  }

  std::vector<Period> finish() {
    flush();
    return std::move(m_out);
  }

 private:
  void flush() {
    if (!m_pending) return;
    const Pending& p = *m_pending;
    Period out{p.kind, p.span, std::string(m_scan.vehicle), m_scan.sighting(p.from), m_scan.sighting(p.to), std::nullopt};
    if (p.kind == PeriodKind::unobserved)
      out.reach = reach(m_scan.anchor(p.from), m_scan.anchor(p.to), p.span.start, p.span.end, m_scan.config.reach_speed);
    m_out.push_back(std::move(out));
    m_pending.reset();
  }

  const Scan& m_scan;
  std::optional<Pending> m_pending;
  std::vector<Period> m_out;
};

// The nearest, nearest inside and farthest outside pings within the window; ties go to the
// earlier ping (pings arrive in time order).
struct Extremes {
  std::optional<Seen> nearest, nearest_inside, farthest_outside;
  void note(const Seen& s) {
    if (!nearest || s.distance < nearest->distance) nearest = s;
    if (s.inside && (!nearest_inside || s.distance < nearest_inside->distance)) nearest_inside = s;
    if (!s.inside && (!farthest_outside || s.distance > farthest_outside->distance)) farthest_outside = s;
  }
};

}  // namespace

Observation observe(std::string_view vehicle_id, const clean::Track& track, std::span<const Interval> dwells,
                    const ingest::PlaceRow& place, Interval window, const VerifyConfig& config) {
  Observation o;
  o.vehicle_id = std::string(vehicle_id);
  o.window = window;
  o.has_pings = !track.empty();
  const Scan scan{vehicle_id, track, place, config};
  Periods periods(scan);
  if (track.empty()) {
    periods.add(PeriodKind::unobserved, window, std::nullopt, std::nullopt);
    o.periods = periods.finish();
    return o;
  }
  const std::size_t n = track.size();
  // Pings that can touch the window: the one before it, those in it, the one after it.
  const auto lo = static_cast<std::size_t>(std::lower_bound(track.time.begin(), track.time.end(), window.start) -
                                           track.time.begin());
  const auto hi = static_cast<std::size_t>(std::upper_bound(track.time.begin(), track.time.end(), window.end) -
                                           track.time.begin());
  const std::size_t first = lo > 0 ? lo - 1 : 0;
  const std::size_t last = std::min(hi, n - 1);

  if (track.time[0] > window.start)
    periods.add(PeriodKind::unobserved, clip({window.start, track.time[0]}, window), std::nullopt, scan.seen(0));
  Extremes extremes;
  std::optional<Seen> previous;
  for (std::size_t i = first; i <= last; ++i) {
    const Seen here = scan.seen(i);
    if (track.time[i] >= window.start && track.time[i] <= window.end) extremes.note(here);
    if (previous) {
      const Interval segment{track.time[previous->index], track.time[i]};
      const Interval part = clip(segment, window);
      if (part.end > part.start) {
        if (segment.length() > config.gap) {
          const bool bridged = previous->inside && here.inside && within_dwell(dwells, segment.start, segment.end);
          periods.add(bridged ? PeriodKind::bridged : PeriodKind::unobserved, part, previous, here);
        } else {
          // The midpoint rule: each ping stands for the half of the segment nearer to it.
          const Instant mid = segment.start + segment.length() / 2;
          const auto kind = [](const Seen& s) { return s.inside ? PeriodKind::inside : PeriodKind::outside; };
          periods.add(kind(*previous), clip({segment.start, mid}, window), previous, previous);
          periods.add(kind(here), clip({mid, segment.end}, window), here, here);
        }
      }
    }
    previous = here;
  }
  if (track.time[n - 1] < window.end)
    periods.add(PeriodKind::unobserved, clip({track.time[n - 1], window.end}, window), scan.seen(n - 1), std::nullopt);
  o.periods = periods.finish();
  o.nearest = scan.sighting(extremes.nearest);
  o.nearest_inside = scan.sighting(extremes.nearest_inside);
  o.farthest_outside = scan.sighting(extremes.farthest_outside);
  return o;
}

namespace {

bool unobserved(const Period& p) { return p.kind == PeriodKind::unobserved || p.kind == PeriodKind::no_vehicle; }

void add_evidence(ClaimResult& r, const std::optional<Sighting>& s) {
  if (s) r.evidence.push_back(*s);
}

void add_period_evidence(ClaimResult& r, std::size_t index) {
  add_evidence(r, r.periods[index].from);
  add_evidence(r, r.periods[index].to);
}

template <class Better>
std::optional<Sighting> best(const std::vector<Observation>& obs, std::optional<Sighting> Observation::*field,
                             Better better) {
  std::optional<Sighting> out;
  for (const auto& o : obs)
    if (const auto& s = o.*field; s && (!out || better(*s, *out))) out = s;
  return out;
}

// Index of the first period satisfying `pred`, if any.
template <class Pred>
std::optional<std::size_t> find_period(const std::vector<Period>& periods, Pred pred) {
  for (std::size_t i = 0; i < periods.size(); ++i)
    if (pred(periods[i])) return i;
  return std::nullopt;
}

void decide_present(ClaimResult& r, const std::vector<Observation>& obs, Millis length) {
  if (const auto away = best(obs, &Observation::farthest_outside, [](const Sighting& a, const Sighting& b) {
        return a.distance > b.distance || (a.distance == b.distance && a.at < b.at);
      })) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::seen_away;
    r.decisive = away;
    add_evidence(r, away);
    return;
  }
  if (const auto i = find_period(r.periods, [](const Period& p) {
        return unobserved(p) && p.reach && !p.reach->can_hold(p.span.start, p.span.end);
      })) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::could_not_hold;
    r.decisive_period = i;
    add_period_evidence(r, *i);
    return;
  }
  if (r.inside == length) {
    r.verdict = Verdict::supported;
    r.basis = Basis::seen_there_throughout;
    add_evidence(r, r.periods.front().from);
    add_evidence(r, r.periods.back().to);
    for (std::size_t i = 0; i < r.periods.size(); ++i)
      if (r.periods[i].kind == PeriodKind::bridged) add_period_evidence(r, i);
    return;
  }
  r.verdict = Verdict::inconclusive;
  // The longest unobserved period is the one that leaves the most open.
  std::optional<std::size_t> open;
  for (std::size_t i = 0; i < r.periods.size(); ++i)
    if (unobserved(r.periods[i]) && (!open || r.periods[i].span.length() > r.periods[*open].span.length())) open = i;
  if (open) {
    r.basis = Basis::could_have_been;
    r.decisive_period = open;
    add_period_evidence(r, *open);
  } else {
    r.basis = Basis::edge;
    r.decisive_period = find_period(r.periods, [](const Period& p) { return p.kind == PeriodKind::outside; });
    if (r.decisive_period) add_period_evidence(r, *r.decisive_period);
  }
}

void decide_absent(ClaimResult& r, const std::vector<Observation>& obs) {
  if (const auto there = best(obs, &Observation::nearest_inside, [](const Sighting& a, const Sighting& b) {
        return a.distance < b.distance || (a.distance == b.distance && a.at < b.at);
      })) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::seen_there;
    r.decisive = there;
    add_evidence(r, there);
    return;
  }
  if (const auto i = find_period(r.periods, [](const Period& p) { return p.kind == PeriodKind::bridged; })) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::bridged_there;
    r.decisive_period = i;
    add_period_evidence(r, *i);
    return;
  }
  std::optional<std::size_t> longest_stay;
  bool any_unobserved = false;
  for (std::size_t i = 0; i < r.periods.size(); ++i) {
    const Period& p = r.periods[i];
    if (!unobserved(p)) continue;
    any_unobserved = true;
    if (p.reach->reachable() &&
        (!longest_stay || p.reach->longest_stay() > r.periods[*longest_stay].reach->longest_stay()))
      longest_stay = i;
  }
  if (r.inside == Millis{0} && !longest_stay) {
    r.verdict = Verdict::supported;
    r.basis = any_unobserved ? Basis::unreachable : Basis::seen_away_throughout;
    r.decisive = r.nearest;
    add_evidence(r, r.nearest);
    for (std::size_t i = 0; i < r.periods.size(); ++i)
      if (unobserved(r.periods[i])) add_period_evidence(r, i);
    return;
  }
  r.verdict = Verdict::inconclusive;
  if (longest_stay) {
    r.basis = Basis::could_have_been;
    r.decisive_period = longest_stay;
    add_period_evidence(r, *longest_stay);
  } else {
    r.basis = Basis::edge;
    r.decisive_period = find_period(r.periods, [](const Period& p) { return p.kind == PeriodKind::inside; });
    if (r.decisive_period) add_period_evidence(r, *r.decisive_period);
  }
}

}  // namespace

ClaimResult judge(const ingest::ClaimRow& claim, std::vector<Observation> observations,
                  const std::vector<Interval>& no_vehicle) {
  ClaimResult r;
  std::sort(observations.begin(), observations.end(), [](const Observation& a, const Observation& b) {
    return std::tie(a.window.start, a.vehicle_id) < std::tie(b.window.start, b.vehicle_id);
  });
  for (auto& o : observations) {
    r.vehicles.push_back(o.vehicle_id);
    r.vehicle_without_pings = r.vehicle_without_pings || !o.has_pings;
    for (auto& p : o.periods) r.periods.push_back(std::move(p));
  }
  for (const Interval& span : no_vehicle)
    r.periods.push_back(Period{PeriodKind::no_vehicle, span, {}, std::nullopt, std::nullopt,
                               reach(std::nullopt, std::nullopt, span.start, span.end, Speed{1.0})});
  std::stable_sort(r.periods.begin(), r.periods.end(), [](const Period& a, const Period& b) {
    return std::tie(a.span.start, a.vehicle_id) < std::tie(b.span.start, b.vehicle_id);
  });
  std::sort(r.vehicles.begin(), r.vehicles.end());
  r.vehicles.erase(std::unique(r.vehicles.begin(), r.vehicles.end()), r.vehicles.end());

  for (const Period& p : r.periods) {
    const Millis len = p.span.length();
    switch (p.kind) {
      case PeriodKind::inside: r.inside += len; break;
      case PeriodKind::bridged: r.inside += len; r.bridged += len; break;
      case PeriodKind::outside: r.outside += len; break;
      case PeriodKind::no_vehicle: r.no_vehicle += len; r.unobserved += len; break;
      case PeriodKind::unobserved: r.unobserved += len; break;
    }
    if (unobserved(p)) {
      const bool reachable = p.reach->reachable();
      r.feasible = r.feasible.value_or(false) || reachable;
      if (reachable) r.max_possible_stay = std::max(r.max_possible_stay.value_or(Millis{0}), p.reach->longest_stay());
    }
  }
  r.nearest = best(observations, &Observation::nearest, [](const Sighting& a, const Sighting& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.at < b.at);
  });

  if (claim.assertion == ingest::Assertion::present) decide_present(r, observations, claim.end - claim.start);
  else decide_absent(r, observations);

  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Sighting& a, const Sighting& b) { return std::tie(a.at, a.ping) < std::tie(b.at, b.ping); });
  r.evidence.erase(std::unique(r.evidence.begin(), r.evidence.end(),
                               [](const Sighting& a, const Sighting& b) { return a.ping == b.ping; }),
                   r.evidence.end());
  return r;
}

ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster) {
  ClaimPlan plan;
  plan.no_vehicle.resize(claims.size());
  for (std::uint32_t c = 0; c < claims.size(); ++c) {
    const ingest::ClaimRow& claim = claims[c];
    const Interval window{claim.start, claim.end};
    if (claim.subject_kind == ingest::SubjectKind::vehicle) {
      plan.parts.push_back({c, claim.subject_id, window});
      continue;
    }
    // The officer's crewings that overlap the claim, by (start, vehicle).
    std::vector<duty::Crewing> crewings;
    // roster.shifts is sorted by officer_id first.
    const auto from = std::partition_point(roster.shifts.begin(), roster.shifts.end(),
                                           [&](const ingest::ShiftRow& s) { return s.officer_id < claim.subject_id; });
    const auto to = std::partition_point(from, roster.shifts.end(),
                                         [&](const ingest::ShiftRow& s) { return s.officer_id == claim.subject_id; });
    for (auto s = from; s != to; ++s)
      for (const duty::Crewing& crewing : roster.crewings_of_shift[static_cast<std::size_t>(s - roster.shifts.begin())])
        if (crewing.span.start < window.end && window.start < crewing.span.end) crewings.push_back(crewing);
    std::sort(crewings.begin(), crewings.end(), [](const duty::Crewing& a, const duty::Crewing& b) {
      return std::tie(a.span.start, a.vehicle_id) < std::tie(b.span.start, b.vehicle_id);
    });
    Instant cursor = window.start;
    for (const duty::Crewing& crewing : crewings) {
      const Interval part = clip(Interval{std::max(crewing.span.start, cursor), crewing.span.end}, window);
      if (part.end <= part.start) continue;
      if (part.start > cursor) plan.no_vehicle[c].push_back({cursor, part.start});
      plan.parts.push_back({c, crewing.vehicle_id, part});
      cursor = part.end;
    }
    if (cursor < window.end) plan.no_vehicle[c].push_back({cursor, window.end});
  }
  return plan;
}

}  // namespace shiftline::verify
