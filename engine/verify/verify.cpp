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

Sighting sight(std::string_view vehicle, const clean::Track& track, std::size_t i, const ingest::PlaceRow& place,
               const VerifyConfig& config) {
  Sighting s;
  s.vehicle_id = std::string(vehicle);
  s.ping = track.ping[i];
  s.at = track.time[i];
  s.position = track.position[i];
  s.distance = match::distance_to_place(place, s.position);
  s.margin = margin_of(track, i, config);
  s.inside = s.distance <= place.radius + s.margin;
  return s;
}

// How far the sighting is from the place once the place's radius and the sighting's margin are
// allowed for: the distance the prism uses (0 when the sighting is at the place).
Anchor anchor(const Sighting& s, const ingest::PlaceRow& place) {
  return Anchor{s.at, Meters{std::max(0.0, (s.distance - place.radius - s.margin).value)}};
}

bool within_dwell(std::span<const Interval> dwells, Instant from, Instant to) {
  // The last dwell starting at or before `from` is the only one that can hold [from, to].
  auto it = std::upper_bound(dwells.begin(), dwells.end(), from,
                             [](Instant t, const Interval& d) { return t < d.start; });
  if (it == dwells.begin()) return false;
  --it;
  return it->start <= from && to <= it->end;
}

// Appends a period, merging it into the previous one when both are the same observed kind (a run
// of pings inside, or outside, is one period).
void add(std::vector<Period>& periods, Period p) {
  if (p.span.end <= p.span.start) return;
  if (!periods.empty()) {
    Period& last = periods.back();
    const bool observed = p.kind == PeriodKind::inside || p.kind == PeriodKind::outside;
    if (observed && last.kind == p.kind && last.span.end == p.span.start) {
      last.span.end = p.span.end;
      last.to = std::move(p.to);
      return;
    }
  }
  periods.push_back(std::move(p));
}

Interval clip(Interval span, Interval window) {
  return Interval{std::max(span.start, window.start), std::min(span.end, window.end)};
}

Period silence(std::string_view vehicle, Interval span, std::optional<Sighting> from, std::optional<Sighting> to,
               const ingest::PlaceRow& place, const VerifyConfig& config) {
  Period p;
  p.kind = PeriodKind::unobserved;
  p.span = span;
  p.vehicle_id = std::string(vehicle);
  const auto a = from ? std::optional<Anchor>(anchor(*from, place)) : std::nullopt;
  const auto b = to ? std::optional<Anchor>(anchor(*to, place)) : std::nullopt;
  p.reach = reach(a, b, span.start, span.end, config.reach_speed);
  p.from = std::move(from);
  p.to = std::move(to);
  return p;
}

void note_sighting(Observation& o, const Sighting& s) {
  if (s.at < o.window.start || s.at > o.window.end) return;
  // Ties go to the earlier ping (sightings arrive in time order).
  if (!o.nearest || s.distance < o.nearest->distance) o.nearest = s;
  if (s.inside && (!o.nearest_inside || s.distance < o.nearest_inside->distance)) o.nearest_inside = s;
  if (!s.inside && (!o.farthest_outside || s.distance > o.farthest_outside->distance)) o.farthest_outside = s;
}

}  // namespace

Observation observe(std::string_view vehicle_id, const clean::Track& track, std::span<const Interval> dwells,
                    const ingest::PlaceRow& place, Interval window, const VerifyConfig& config) {
  Observation o;
  o.vehicle_id = std::string(vehicle_id);
  o.window = window;
  o.has_pings = !track.empty();
  if (track.empty()) {
    add(o.periods, silence(vehicle_id, window, std::nullopt, std::nullopt, place, config));
    return o;
  }
  const std::size_t n = track.size();
  const auto at = [&](std::size_t i) { return sight(vehicle_id, track, i, place, config); };
  // Pings that can touch the window: the one before it, those in it, the one after it.
  const auto lo_it = std::lower_bound(track.time.begin(), track.time.end(), window.start);
  const auto hi_it = std::upper_bound(track.time.begin(), track.time.end(), window.end);
  const std::size_t lo = static_cast<std::size_t>(lo_it - track.time.begin());
  const std::size_t hi = static_cast<std::size_t>(hi_it - track.time.begin());
  const std::size_t first = lo > 0 ? lo - 1 : 0;
  const std::size_t last = std::min(hi, n - 1);

  if (track.time[0] > window.start) {
    const Sighting s0 = at(0);
    add(o.periods, silence(vehicle_id, clip({window.start, track.time[0]}, window), std::nullopt, s0, place, config));
  }
  std::optional<Sighting> previous;
  for (std::size_t i = first; i <= last; ++i) {
    Sighting here = at(i);
    note_sighting(o, here);
    if (previous) {
      const Interval segment{previous->at, here.at};
      const Interval part = clip(segment, window);
      if (part.end > part.start) {
        if (segment.length() > config.gap) {
          if (previous->inside && here.inside && within_dwell(dwells, segment.start, segment.end)) {
            Period p{PeriodKind::bridged, part, std::string(vehicle_id), previous, here, std::nullopt};
            add(o.periods, std::move(p));
          } else {
            add(o.periods, silence(vehicle_id, part, previous, here, place, config));
          }
        } else {
          // The midpoint rule: each ping stands for the half of the segment nearer to it.
          const Instant mid = segment.start + segment.length() / 2;
          const auto kind = [](const Sighting& s) { return s.inside ? PeriodKind::inside : PeriodKind::outside; };
          add(o.periods, Period{kind(*previous), clip({segment.start, mid}, window), std::string(vehicle_id),
                                previous, previous, std::nullopt});
          add(o.periods, Period{kind(here), clip({mid, segment.end}, window), std::string(vehicle_id), here, here,
                                std::nullopt});
        }
      }
    }
    previous = std::move(here);
  }
  if (track.time[n - 1] < window.end) {
    const Sighting sn = previous && previous->ping == track.ping[n - 1] ? *previous : at(n - 1);
    add(o.periods, silence(vehicle_id, clip({track.time[n - 1], window.end}, window), sn, std::nullopt, place, config));
  }
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
