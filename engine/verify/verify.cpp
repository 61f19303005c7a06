#include "shiftline/verify/verify.hpp"

#include <algorithm>
#include <cmath>
#include <set>
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
    case PeriodKind::uncertain: return "uncertain";
    case PeriodKind::bridged: return "bridged";
    case PeriodKind::unobserved: return "unobserved";
    case PeriodKind::no_vehicle: return "no_vehicle";
    case PeriodKind::roster_conflict: return "roster_conflict";
  }
  return "unknown";
}

bool is_unobserved(PeriodKind k) noexcept {
  return k == PeriodKind::unobserved || k == PeriodKind::uncertain || k == PeriodKind::no_vehicle ||
         k == PeriodKind::roster_conflict;
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

Speed fastest_speed(const clean::Track& track, Speed floor) {
  // LocalFrame distances are within 0.1% of the geodesic over the metres to kilometres between
  // consecutive pings; 1% is added so that the bound errs high, the safe side for reachability.
  double fastest = floor.metres_per_second;
  for (std::size_t i = 1; i < track.size(); ++i) {
    const double seconds = std::chrono::duration<double>(track.time[i] - track.time[i - 1]).count();
    const double metres = local_distance(track.position[i - 1], track.position[i]).value * 1.01;
    fastest = std::max(fastest, metres / seconds);
  }
  return Speed{fastest};
}

namespace {

using duty::Interval;

Meters margin_of(const clean::Track& track, std::size_t i, const VerifyConfig& config) {
  if (config.position_margin) return *config.position_margin;
  if (i < track.accuracy_m.size() && std::isfinite(track.accuracy_m[i])) return Meters{track.accuracy_m[i]};
  return config.fallback_margin;
}

Interval clip(Interval span, Interval window) {
  return Interval{std::max(span.start, window.start), std::min(span.end, window.end)};
}

// A ping measured against the place, without the vehicle's name: the scan makes one per ping, so
// it holds no string (no allocation per ping); a Sighting is made only for what is kept.
struct Seen {
  std::size_t index = 0;  // into the track
  Meters distance{0.0};
  Meters margin{0.0};
  Status status = Status::outside;
};

struct Scan {
  std::string_view vehicle;
  const clean::Track& track;
  const ingest::PlaceRow& place;
  const match::PlaceShape& shape;
  const VerifyConfig& config;
  Speed speed;

  [[nodiscard]] Seen seen(std::size_t i) const {
    Seen s;
    s.index = i;
    s.distance = shape.distance(track.position[i]);
    s.margin = margin_of(track, i, config);
    s.status = s.distance <= place.radius                ? Status::inside
               : s.distance <= place.radius + s.margin ? Status::uncertain
                                                         : Status::outside;
    return s;
  }
  [[nodiscard]] Sighting sighting(const Seen& s) const {
    return Sighting{std::string(vehicle), track.ping[s.index], track.time[s.index], track.position[s.index],
                    s.distance, s.margin, s.status};
  }
  [[nodiscard]] std::optional<Sighting> sighting(const std::optional<Seen>& s) const {
    return s ? std::optional<Sighting>(sighting(*s)) : std::nullopt;
  }
  // How far the ping is from the place once the place's radius and the ping's margin are allowed
  // for: the distance the prism uses (0 when the ping may be at the place). A polygon's nearest
  // point is found in a local frame, which can overstate the distance of a far point by a fraction
  // of a percent; 1% is taken off so that the prism stays conservative.
  [[nodiscard]] std::optional<Anchor> anchor(const std::optional<Seen>& s) const {
    if (!s) return std::nullopt;
    const double scale = place.polygon.empty() ? 1.0 : 0.99;
    const double beyond = s->distance.value * scale - place.radius.value - s->margin.value;
    return Anchor{track.time[s->index], Meters{std::max(0.0, beyond)}};
  }
  [[nodiscard]] Reach prism(const std::optional<Seen>& from, const std::optional<Seen>& to, Interval span) const {
    return reach(anchor(from), anchor(to), span.start, span.end, speed);
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

PeriodKind kind_of(Status s) {
  switch (s) {
    case Status::inside: return PeriodKind::inside;
    case Status::uncertain: return PeriodKind::uncertain;
    case Status::outside: return PeriodKind::outside;
  }
  return PeriodKind::outside;
}

// Periods are collected as Pending (pings as Seen) and merged while collected: a run of pings with
// one status is one period. Each is turned into a Period once.
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
    const bool observed = kind == PeriodKind::inside || kind == PeriodKind::outside || kind == PeriodKind::uncertain;
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
    Period out{p.kind, p.span, std::string(m_scan.vehicle), m_scan.sighting(p.from), m_scan.sighting(p.to),
               std::nullopt, m_scan.speed};
    // A silence is bounded by the pings around it. Uncertain time is open throughout: its own pings
    // may be at the place (d = 0), and the steps to the pings around it are judged on their own.
    if (p.kind == PeriodKind::unobserved) out.reach = m_scan.prism(p.from, p.to, p.span);
    else if (is_unobserved(p.kind)) out.reach = m_scan.prism(std::nullopt, std::nullopt, p.span);
    m_out.push_back(std::move(out));
    m_pending.reset();
  }

  const Scan& m_scan;
  std::optional<Pending> m_pending;
  std::vector<Period> m_out;
};

// The nearest, nearest inside and farthest surely-outside pings within the window; ties go to the
// earlier ping (pings arrive in time order).
struct Extremes {
  std::optional<Seen> nearest, nearest_inside, farthest_outside;
  void note(const Seen& s) {
    if (!nearest || s.distance < nearest->distance) nearest = s;
    if (s.status == Status::inside && (!nearest_inside || s.distance < nearest_inside->distance)) nearest_inside = s;
    if (s.status == Status::outside && (!farthest_outside || s.distance > farthest_outside->distance))
      farthest_outside = s;
  }
};

}  // namespace

Observation observe(std::string_view vehicle_id, const clean::Track& track, std::span<const Interval> dwells,
                    const ingest::PlaceRow& place, Interval window, const VerifyConfig& config, bool end_inclusive,
                    std::optional<Speed> speed) {
  Observation o;
  o.vehicle_id = std::string(vehicle_id);
  o.window = window;
  o.has_pings = !track.empty();
  o.speed = speed ? *speed : fastest_speed(track, config.reach_speed);
  const match::PlaceShape shape(place);
  const Scan scan{vehicle_id, track, place, shape, config, o.speed};
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
  const auto in_window = [&](Instant t) {
    return t >= window.start && (t < window.end || (end_inclusive && t == window.end));
  };

  if (track.time[0] > window.start)
    periods.add(PeriodKind::unobserved, clip({window.start, track.time[0]}, window), std::nullopt, scan.seen(0));
  Extremes extremes;
  std::optional<Seen> previous;
  for (std::size_t i = first; i <= last; ++i) {
    const Seen here = scan.seen(i);
    if (in_window(track.time[i])) extremes.note(here);
    if (previous) {
      const Interval segment{track.time[previous->index], track.time[i]};
      const Interval part = clip(segment, window);
      if (part.end > part.start) {
        if (segment.length() > config.gap) {
          const bool bridged = previous->status == Status::inside && here.status == Status::inside &&
                               within_dwell(dwells, segment.start, segment.end);
          periods.add(bridged ? PeriodKind::bridged : PeriodKind::unobserved, part, previous, here);
        } else {
          // The midpoint rule: each ping stands for the half of the segment nearer to it.
          const Instant mid = segment.start + segment.length() / 2;
          periods.add(kind_of(previous->status), clip({segment.start, mid}, window), previous, previous);
          periods.add(kind_of(here.status), clip({mid, segment.end}, window), here, here);
          // Sampled, not silent, yet a short visit can hide between two pings: the prism says.
          const Reach r = scan.prism(previous, here, part);
          const auto between = [&] { return Between{scan.sighting(*previous), scan.sighting(here), part, r, o.speed}; };
          if (!o.cannot_hold && !r.can_hold(part.start, part.end)) o.cannot_hold = between();
          if (r.reachable() && (!o.longest_stay || r.longest_stay() > o.longest_stay->reach.longest_stay()))
            o.longest_stay = between();
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

void add_evidence(ClaimResult& r, const std::optional<Sighting>& s) {
  if (s) r.evidence.push_back(*s);
}

void add_period_evidence(ClaimResult& r, std::size_t index) {
  add_evidence(r, r.periods[index].from);
  add_evidence(r, r.periods[index].to);
}

void quote_between(ClaimResult& r, const Between& b) {
  r.decisive_between = b;
  r.evidence.push_back(b.from);
  r.evidence.push_back(b.to);
}

template <class Better>
std::optional<Sighting> best(const std::vector<Observation>& obs, std::optional<Sighting> Observation::*field,
                             Better better) {
  std::optional<Sighting> out;
  for (const auto& o : obs)
    if (const auto& s = o.*field; s && (!out || better(*s, *out))) out = s;
  return out;
}

bool nearer(const Sighting& a, const Sighting& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.at < b.at);
}

// The unobserved period whose prism leaves the place open (reachable for at least `min_visit`)
// with the longest possible stay, if any.
std::optional<std::size_t> longest_open_period(const ClaimResult& r, Millis min_visit) {
  std::optional<std::size_t> out;
  for (std::size_t i = 0; i < r.periods.size(); ++i) {
    const Period& p = r.periods[i];
    if (!is_unobserved(p.kind) || !p.reach->reachable() || p.reach->longest_stay() < min_visit) continue;
    if (!out || p.reach->longest_stay() > r.periods[*out].reach->longest_stay()) out = i;
  }
  return out;
}

std::optional<Between> longest_between(const std::vector<Observation>& obs, Millis min_visit) {
  std::optional<Between> out;
  for (const auto& o : obs)
    if (o.longest_stay && o.longest_stay->reach.longest_stay() >= min_visit &&
        (!out || o.longest_stay->reach.longest_stay() > out->reach.longest_stay()))
      out = o.longest_stay;
  return out;
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
  // The earliest stretch, silent or sampled, that the vehicle could not have spent at the place.
  std::optional<std::size_t> period;
  for (std::size_t i = 0; i < r.periods.size() && !period; ++i)
    if (is_unobserved(r.periods[i].kind) && !r.periods[i].reach->can_hold(r.periods[i].span.start, r.periods[i].span.end))
      period = i;
  std::optional<Between> between;
  for (const auto& o : obs)
    if (o.cannot_hold && (!between || o.cannot_hold->span.start < between->span.start)) between = o.cannot_hold;
  if (period || between) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::could_not_hold;
    if (period && (!between || r.periods[*period].span.start <= between->span.start)) {
      r.decisive_period = period;
      add_period_evidence(r, *period);
    } else {
      quote_between(r, *between);
    }
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
    if (is_unobserved(r.periods[i].kind) && (!open || r.periods[i].span.length() > r.periods[*open].span.length()))
      open = i;
  if (open) {
    r.basis = Basis::could_have_been;
    r.decisive_period = open;
    add_period_evidence(r, *open);
    return;
  }
  r.basis = Basis::edge;
  for (std::size_t i = 0; i < r.periods.size() && !r.decisive_period; ++i)
    if (r.periods[i].kind == PeriodKind::outside) r.decisive_period = i;
  if (r.decisive_period) add_period_evidence(r, *r.decisive_period);
}

void decide_absent(ClaimResult& r, const std::vector<Observation>& obs, Millis min_visit) {
  if (const auto there = best(obs, &Observation::nearest_inside, nearer)) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::seen_there;
    r.decisive = there;
    add_evidence(r, there);
    return;
  }
  for (std::size_t i = 0; i < r.periods.size(); ++i)
    if (r.periods[i].kind == PeriodKind::bridged) {
      r.verdict = Verdict::contradicted;
      r.basis = Basis::bridged_there;
      r.decisive_period = i;
      add_period_evidence(r, i);
      return;
    }
  const std::optional<std::size_t> period = longest_open_period(r, min_visit);
  const std::optional<Between> between = longest_between(obs, min_visit);
  if (r.inside == Millis{0} && !period && !between) {
    r.verdict = Verdict::supported;
    const bool any_unobserved =
        std::any_of(r.periods.begin(), r.periods.end(), [](const Period& p) { return is_unobserved(p.kind); });
    r.basis = any_unobserved ? Basis::unreachable : Basis::seen_away_throughout;
    r.decisive = r.nearest;
    add_evidence(r, r.nearest);
    for (std::size_t i = 0; i < r.periods.size(); ++i)
      if (is_unobserved(r.periods[i].kind) || !r.nearest) add_period_evidence(r, i);
    return;
  }
  r.verdict = Verdict::inconclusive;
  if (period || between) {
    r.basis = Basis::could_have_been;
    if (period && (!between || r.periods[*period].reach->longest_stay() >= between->reach.longest_stay())) {
      r.decisive_period = period;
      add_period_evidence(r, *period);
    } else {
      quote_between(r, *between);
    }
    return;
  }
  r.basis = Basis::edge;
  for (std::size_t i = 0; i < r.periods.size() && !r.decisive_period; ++i)
    if (r.periods[i].kind == PeriodKind::inside) r.decisive_period = i;
  if (r.decisive_period) add_period_evidence(r, *r.decisive_period);
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

}  // namespace

ClaimResult judge(const ingest::ClaimRow& claim, std::vector<Observation> observations,
                  const std::vector<Unassigned>& unassigned, const VerifyConfig& config) {
  ClaimResult r;
  r.speed = config.reach_speed;
  r.min_visit = config.min_visit;
  std::sort(observations.begin(), observations.end(), [](const Observation& a, const Observation& b) {
    return std::tie(a.window.start, a.vehicle_id) < std::tie(b.window.start, b.vehicle_id);
  });
  for (auto& o : observations) {
    r.vehicles.push_back(o.vehicle_id);
    r.vehicle_without_pings = r.vehicle_without_pings || !o.has_pings;
    r.speed.metres_per_second = std::max(r.speed.metres_per_second, o.speed.metres_per_second);
    for (auto& p : o.periods) r.periods.push_back(std::move(p));
  }
  for (const Unassigned& u : unassigned) {
    const PeriodKind kind = u.vehicles.empty() ? PeriodKind::no_vehicle : PeriodKind::roster_conflict;
    r.periods.push_back(Period{kind, u.span, joined(u.vehicles), std::nullopt, std::nullopt,
                               reach(std::nullopt, std::nullopt, u.span.start, u.span.end, config.reach_speed),
                               config.reach_speed});
  }
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
      case PeriodKind::uncertain: r.uncertain += len; r.unobserved += len; break;
      case PeriodKind::no_vehicle:
      case PeriodKind::roster_conflict: r.no_vehicle += len; r.unobserved += len; break;
      case PeriodKind::unobserved: r.unobserved += len; break;
    }
    if (is_unobserved(p.kind)) {
      const bool reachable = p.reach->reachable();
      r.feasible = r.feasible.value_or(false) || reachable;
      if (reachable) r.max_possible_stay = std::max(r.max_possible_stay.value_or(Millis{0}), p.reach->longest_stay());
    }
  }
  for (const auto& o : observations)
    if (o.longest_stay)
      r.max_stay_between_pings = std::max(r.max_stay_between_pings.value_or(Millis{0}), o.longest_stay->reach.longest_stay());
  r.nearest = best(observations, &Observation::nearest, nearer);

  if (claim.assertion == ingest::Assertion::present) decide_present(r, observations, claim.end - claim.start);
  else decide_absent(r, observations, config.min_visit);

  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Sighting& a, const Sighting& b) { return std::tie(a.at, a.ping) < std::tie(b.at, b.ping); });
  r.evidence.erase(std::unique(r.evidence.begin(), r.evidence.end(),
                               [](const Sighting& a, const Sighting& b) { return a.ping == b.ping; }),
                   r.evidence.end());
  return r;
}

namespace {

// The officer's crewings that overlap [window), clipped to it.
std::vector<duty::Crewing> crewings_in(const duty::Roster& roster, const std::string& officer, Interval window) {
  std::vector<duty::Crewing> out;
  // roster.shifts is sorted by officer_id first.
  const auto from = std::partition_point(roster.shifts.begin(), roster.shifts.end(),
                                         [&](const ingest::ShiftRow& s) { return s.officer_id < officer; });
  const auto to = std::partition_point(from, roster.shifts.end(),
                                       [&](const ingest::ShiftRow& s) { return s.officer_id == officer; });
  for (auto s = from; s != to; ++s)
    for (const duty::Crewing& c : roster.crewings_of_shift[static_cast<std::size_t>(s - roster.shifts.begin())])
      if (c.span.start < window.end && window.start < c.span.end) {
        out.push_back(c);
        out.back().span = clip(c.span, window);
      }
  return out;
}

}  // namespace

ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster) {
  ClaimPlan plan;
  plan.unassigned.resize(claims.size());
  for (std::uint32_t c = 0; c < claims.size(); ++c) {
    const ingest::ClaimRow& claim = claims[c];
    const Interval window{claim.start, claim.end};
    if (claim.subject_kind == ingest::SubjectKind::vehicle) {
      plan.parts.push_back({c, claim.subject_id, window, true});
      continue;
    }
    // Elementary stretches between every crewing boundary, each with the set of vehicles the
    // roster puts the officer in; neighbours with the same set are merged.
    const std::vector<duty::Crewing> crewings = crewings_in(roster, claim.subject_id, window);
    std::set<Instant> cuts{window.start, window.end};
    for (const auto& k : crewings) cuts.insert({k.span.start, k.span.end});
    std::vector<std::pair<Interval, std::vector<std::string>>> stretches;
    for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
      const Interval piece{*it, *std::next(it)};
      std::set<std::string> in;
      for (const auto& k : crewings)
        if (k.span.start <= piece.start && piece.end <= k.span.end) in.insert(k.vehicle_id);
      std::vector<std::string> vehicles(in.begin(), in.end());
      if (!stretches.empty() && stretches.back().second == vehicles && stretches.back().first.end == piece.start)
        stretches.back().first.end = piece.end;
      else
        stretches.emplace_back(piece, std::move(vehicles));
    }
    for (auto& [span, vehicles] : stretches) {
      if (vehicles.size() == 1) plan.parts.push_back({c, vehicles.front(), span, span.end == window.end});
      else plan.unassigned[c].push_back({span, std::move(vehicles)});
    }
  }
  return plan;
}

}  // namespace shiftline::verify
