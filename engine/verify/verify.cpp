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
    case PeriodKind::handover: return "handover";
    case PeriodKind::roster_unknown: return "roster_unknown";
  }
  return "unknown";
}

bool is_unobserved(PeriodKind k) noexcept { return k != PeriodKind::inside && k != PeriodKind::outside; }

std::string_view name(SegmentKind k) noexcept {
  switch (k) {
    case SegmentKind::vehicle: return "vehicle";
    case SegmentKind::no_vehicle: return "no_vehicle";
    case SegmentKind::roster_conflict: return "roster_conflict";
    case SegmentKind::handover: return "handover";
    case SegmentKind::roster_unknown: return "roster_unknown";
  }
  return "unknown";
}

std::string_view name(Basis b) noexcept {
  switch (b) {
    case Basis::seen_away: return "seen_away";
    case Basis::could_not_hold: return "could_not_hold";
    case Basis::seen_there_throughout: return "seen_there_throughout";
    case Basis::seen_there: return "seen_there";
    case Basis::seen_away_throughout: return "seen_away_throughout";
    case Basis::unreachable: return "unreachable";
    case Basis::could_have_been: return "could_have_been";
    case Basis::could_have_left: return "could_have_left";
    case Basis::not_seen_there: return "not_seen_there";
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


Meters margin_of(const clean::Track& track, std::size_t i, const VerifyConfig& config) {
  if (config.position_margin) return *config.position_margin;
  if (i < track.accuracy_m.size() && std::isfinite(track.accuracy_m[i])) return Meters{track.accuracy_m[i]};
  return config.fallback_margin;
}

Interval clip(Interval span, Interval window) {
  return Interval{std::max(span.start, window.start), std::min(span.end, window.end)};
}

std::optional<Anchor> anchor(const std::optional<Sighting>& s) {
  return s ? std::optional<Anchor>(Anchor{s->at, s->approach}) : std::nullopt;
}

// A ping measured against the place, without the vehicle's name: the scan makes one per ping, so
// it holds no string (no allocation per ping); a Sighting is made only for what is kept.
struct Seen {
  std::size_t index = 0;  // into the track
  Meters distance{0.0};
  Meters margin{0.0};
  Status status = Status::outside;
  Meters depth{0.0}, approach{0.0};
};

struct Scan {
  std::string_view vehicle;
  const clean::Track& track;
  const ingest::PlaceRow& place;
  const match::PlaceShape& shape;
  const VerifyConfig& config;
  Speed speed;

  // A polygon's nearest point is found in a local frame, which can overstate a far distance by a
  // fraction of a percent; the prism distances of a polygon place are taken 1% short, so that the
  // prisms stay conservative.
  [[nodiscard]] double prism_scale() const { return place.polygon.empty() ? 1.0 : 0.99; }

  [[nodiscard]] Seen measure(LatLon position, Meters margin) const {
    const Meters signed_distance = shape.signed_distance(position);
    Seen s;
    s.distance = Meters{std::max(0.0, signed_distance.value)};
    s.margin = margin;
    const Meters r = place.radius;
    s.status = signed_distance + margin <= r ? Status::inside
               : signed_distance - margin > r ? Status::outside
                                              : Status::uncertain;
    if (s.status == Status::inside) s.depth = (r - signed_distance - margin) * prism_scale();
    if (s.status == Status::outside)
      s.approach = Meters{std::max(0.0, signed_distance.value * prism_scale() - r.value - margin.value)};
    return s;
  }
  [[nodiscard]] Seen seen(std::size_t i) const {
    Seen s = measure(track.position[i], margin_of(track, i, config));
    s.index = i;
    return s;
  }
  [[nodiscard]] Sighting sighting(const Seen& s) const {
    return Sighting{std::string(vehicle), track.ping[s.index], track.time[s.index], track.position[s.index],
                    s.distance, s.margin, s.status, s.depth, s.approach};
  }
  [[nodiscard]] std::optional<Sighting> sighting(const std::optional<Seen>& s) const {
    return s ? std::optional<Sighting>(sighting(*s)) : std::nullopt;
  }
  [[nodiscard]] Discarded discarded(const clean::Discard& d) const {
    // A discarded row has no accuracy of its own in the track: the fallback margin, unless one is set.
    const Seen s = measure(d.position, config.position_margin.value_or(config.fallback_margin));
    return Discarded{Sighting{std::string(vehicle), d.ping, d.at, d.position, s.distance, s.margin, s.status,
                              s.depth, s.approach},
                     d.code};
  }
  [[nodiscard]] Instant time(const std::optional<Seen>& s) const { return track.time[s->index]; }
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
    // A silence is bounded by the pings around it; uncertain time by the pings around its uncertain
    // pings, which may themselves be at the place.
    if (p.kind == PeriodKind::unobserved || p.kind == PeriodKind::bridged) {
      out.reach = reach(anchor(out.from), anchor(out.to), p.span.start, p.span.end, m_scan.speed);
    } else if (p.kind == PeriodKind::uncertain) {
      const std::size_t n = m_scan.track.size();
      const auto before = p.from->index > 0 ? m_scan.sighting(m_scan.seen(p.from->index - 1)) : std::optional<Sighting>{};
      const auto after = p.to->index + 1 < n ? m_scan.sighting(m_scan.seen(p.to->index + 1)) : std::optional<Sighting>{};
      out.reach = reach(anchor(before), anchor(after), p.span.start, p.span.end, m_scan.speed);
    }
    m_out.push_back(std::move(out));
    m_pending.reset();
  }

  const Scan& m_scan;
  std::optional<Pending> m_pending;
  std::vector<Period> m_out;
};

// What the pings in the window show; ties go to the earlier ping (pings arrive in time order).
struct Extremes {
  std::optional<Seen> nearest, nearest_inside, farthest_outside, first_inside, last_inside, first, last;
  std::size_t inside_count = 0;
  void note(const Seen& s) {
    if (!first) first = s;
    last = s;
    if (!nearest || s.distance < nearest->distance) nearest = s;
    if (s.status == Status::inside) {
      ++inside_count;
      if (!first_inside) first_inside = s;
      last_inside = s;
      if (!nearest_inside || s.distance < nearest_inside->distance) nearest_inside = s;
    }
    if (s.status == Status::outside && (!farthest_outside || s.distance > farthest_outside->distance))
      farthest_outside = s;
  }
};

// Runs of one kind, merged as they are added in time order.
//   presence: closed intervals; two that touch are one (the vehicle could stay through the instant).
//   absence: two that touch at an inside ping are two (the vehicle was at the place at that instant).
void absorb(Run& into, Run&& run) {
  if (run.span.end >= into.span.end) {
    into.span.end = run.span.end;
    into.to = std::move(run.to);
    into.end_at_inside = run.end_at_inside;
  }
  into.longest_silence = std::max(into.longest_silence, run.longest_silence);
  into.bridged = into.bridged || run.bridged;
  into.officer_prism = into.officer_prism && run.officer_prism;
  if (run.roster_span)
    into.roster_span = into.roster_span ? Interval{std::min(into.roster_span->start, run.roster_span->start),
                                                         std::max(into.roster_span->end, run.roster_span->end)}
                                        : run.roster_span;
}

void add_presence(std::vector<Run>& runs, Run run) {
  if (!runs.empty() && run.span.start <= runs.back().span.end) return absorb(runs.back(), std::move(run));
  runs.push_back(std::move(run));
}

void add_absence(std::vector<Run>& runs, Run run) {
  if (run.span.end <= run.span.start) return;
  if (!runs.empty()) {
    const Run& last = runs.back();
    if (run.span.start < last.span.end ||
        (run.span.start == last.span.end && !last.end_at_inside && !run.start_at_inside))
      return absorb(runs.back(), std::move(run));
  }
  runs.push_back(std::move(run));
}

// The prisms of one stretch between two pings (either absent), clipped to the window: when it could
// have been at the place, and when away from it.
struct StretchProbe {
  const Scan& scan;
  Interval window;
  Observation& out;

  void operator()(const std::optional<Seen>& from, const std::optional<Seen>& to, bool silence, bool bridged) {
    const Instant t1 = from ? scan.time(from) : window.start;
    const Instant t2 = to ? scan.time(to) : window.end;
    const Interval part = clip({t1, t2}, window);
    if (part.end < part.start || (part.end == part.start && from && to)) return;
    Stretch s{scan.sighting(from), scan.sighting(to), part, silence || !from || !to, bridged, {}, scan.speed};
    s.reach = reach(anchor(s.from), anchor(s.to), part.start, part.end, scan.speed);
    if (!out.cannot_hold && !s.reach.can_hold(part.start, part.end)) out.cannot_hold = s;
    if (!s.silence && s.reach.reachable() &&
        (!out.longest_step_stay || s.reach.longest_stay() > out.longest_step_stay->reach.longest_stay()))
      out.longest_step_stay = s;
    const Millis silent = !s.silence ? Millis{0} : from && to ? t2 - t1 : part.length();
    if (s.reach.reachable())
      add_presence(out.presence, Run{{s.reach.earliest_arrival, s.reach.latest_departure}, s.from, s.to,
                                     out.vehicle_id, silent, bridged, false, false, scan.speed, {}, false});
    // Leaving takes depth/v after an inside ping; coming back as long before the next one.
    const bool leaves_inside = s.from && s.from->inside();
    const bool returns_inside = s.to && s.to->inside();
    const Instant away_from = leaves_inside ? t1 + travel_time(s.from->depth, scan.speed) : t1;
    const Instant away_to = returns_inside ? t2 - travel_time(s.to->depth, scan.speed) : t2;
    const Interval away = clip({away_from, away_to}, part);
    add_absence(out.absence, Run{away, s.from, s.to, out.vehicle_id, silent, bridged,
                                 leaves_inside && away_from >= part.start, returns_inside && away_to <= part.end,
                                 scan.speed, {}, false});
  }
};

}  // namespace

Sighting measure(std::string_view vehicle_id, const clean::Track& track, std::size_t i, const ingest::PlaceRow& place,
                 const match::PlaceShape& shape, const VerifyConfig& config) {
  const Scan scan{vehicle_id, track, place, shape, config, config.reach_speed};
  return scan.sighting(scan.seen(i));
}

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
  StretchProbe probe{scan, window, o};
  if (track.empty()) {
    periods.add(PeriodKind::unobserved, window, std::nullopt, std::nullopt);
    probe(std::nullopt, std::nullopt, true, false);
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

  if (track.time[0] > window.start) {
    periods.add(PeriodKind::unobserved, clip({window.start, track.time[0]}, window), std::nullopt, scan.seen(0));
    probe(std::nullopt, scan.seen(0), true, false);
  }
  Extremes extremes;
  std::optional<Seen> previous;
  for (std::size_t i = first; i <= last; ++i) {
    const Seen here = scan.seen(i);
    if (in_window(track.time[i])) extremes.note(here);
    if (previous) {
      const Interval segment{track.time[previous->index], track.time[i]};
      const Interval part = clip(segment, window);
      if (part.end > part.start) {
        const bool silence = segment.length() > config.gap;
        const bool bridged = silence && within_dwell(dwells, segment.start, segment.end);
        if (silence) {
          periods.add(bridged ? PeriodKind::bridged : PeriodKind::unobserved, part, previous, here);
        } else {
          // The midpoint rule, for the seconds table only: each ping stands for the half of the
          // step nearer to it.
          const Instant mid = segment.start + segment.length() / 2;
          periods.add(kind_of(previous->status), clip({segment.start, mid}, window), previous, previous);
          periods.add(kind_of(here.status), clip({mid, segment.end}, window), here, here);
        }
        probe(previous, here, silence, bridged);
      }
    }
    previous = here;
  }
  if (track.time[n - 1] < window.end) {
    periods.add(PeriodKind::unobserved, clip({track.time[n - 1], window.end}, window), scan.seen(n - 1), std::nullopt);
    probe(scan.seen(n - 1), std::nullopt, true, false);
  }
  o.periods = periods.finish();
  o.nearest = scan.sighting(extremes.nearest);
  o.nearest_inside = scan.sighting(extremes.nearest_inside);
  o.farthest_outside = scan.sighting(extremes.farthest_outside);
  o.first_inside = scan.sighting(extremes.first_inside);
  o.last_inside = scan.sighting(extremes.last_inside);
  o.inside_count = extremes.inside_count;
  o.first_ping = scan.sighting(extremes.first);
  o.last_ping = scan.sighting(extremes.last);

  // The rows cleaning set aside between the pings that bound the judged time.
  // The last ping at or before the start and the first at or after the end.
  const auto at_or_before = std::upper_bound(track.time.begin(), track.time.end(), window.start);
  const auto at_or_after = std::lower_bound(track.time.begin(), track.time.end(), window.end);
  const Instant judged_from = at_or_before != track.time.begin() ? *std::prev(at_or_before) : window.start;
  const Instant judged_to = at_or_after != track.time.end() ? *at_or_after : window.end;
  const auto from_discard = std::lower_bound(track.discarded.begin(), track.discarded.end(), judged_from,
                                             [](const clean::Discard& d, Instant t) { return d.at < t; });
  for (auto d = from_discard; d != track.discarded.end() && d->at <= judged_to; ++d)
    o.discarded.push_back(scan.discarded(*d));
  return o;
}

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

PeriodKind period_kind(SegmentKind k) {
  switch (k) {
    case SegmentKind::no_vehicle: return PeriodKind::no_vehicle;
    case SegmentKind::roster_conflict: return PeriodKind::roster_conflict;
    case SegmentKind::handover: return PeriodKind::handover;
    case SegmentKind::roster_unknown: return PeriodKind::roster_unknown;
    case SegmentKind::vehicle: break;
  }
  return PeriodKind::unobserved;
}

void add_evidence(ClaimResult& r, const std::optional<Sighting>& s) {
  if (s) r.evidence.push_back(*s);
}

bool nearer(const Sighting& a, const Sighting& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.at < b.at);
}
bool farther(const Sighting& a, const Sighting& b) {
  return a.distance > b.distance || (a.distance == b.distance && a.at < b.at);
}

// The observations of one claim, by segment: each vehicle segment's own, and the candidates' views
// of time in no single vehicle.
struct ByRole {
  std::vector<const Observation*> own;
  std::vector<std::vector<const Observation*>> candidates;

  ByRole(const std::vector<Segment>& segments, const std::vector<Observation>& observations)
      : own(segments.size(), nullptr), candidates(segments.size()) {
    for (const auto& o : observations) {
      if (o.segment >= segments.size()) continue;
      if (segments[o.segment].kind == SegmentKind::vehicle) own[o.segment] = &o;
      else candidates[o.segment].push_back(&o);
    }
  }

  template <class Better>
  [[nodiscard]] std::optional<Sighting> best(std::optional<Sighting> Observation::*field, Better better) const {
    std::optional<Sighting> out;
    for (const Observation* o : own)
      if (o)
        if (const auto& s = o->*field; s && (!out || better(*s, *out))) out = s;
    return out;
  }
  // The officer's own prism over time in no single vehicle: anchored on the last ping of the
  // vehicle segment before it and the first ping of the one after it.
  [[nodiscard]] Period officer_period(const std::vector<Segment>& segments, std::size_t k, Speed speed) const {
    const Segment& seg = segments[k];
    std::optional<Sighting> before, after;
    for (std::size_t j = k; j-- > 0;)
      if (own[j]) {
        before = own[j]->last_ping;
        break;
      }
    for (std::size_t j = k + 1; j < segments.size(); ++j)
      if (own[j]) {
        after = own[j]->first_ping;
        break;
      }
    Period p{period_kind(seg.kind), seg.span, joined(seg.vehicles), before, after, std::nullopt, speed};
    p.reach = reach(anchor(before), anchor(after), seg.span.start, seg.span.end, speed);
    return p;
  }
};

// Whether the candidates' own tracks can narrow what is said of time in no single vehicle: only
// when the officer was surely in one of them.
bool candidates_narrow(const Segment& seg, const std::vector<const Observation*>& candidates) {
  return (seg.kind == SegmentKind::handover || seg.kind == SegmentKind::roster_conflict) &&
         !seg.may_be_in_no_vehicle && !candidates.empty() && candidates.size() == seg.vehicles.size();
}

// In a handover or roster conflict without a "no vehicle" candidate the officer was in one of the
// candidates: the officer's own prism narrows to the hull of the times at which some candidate
// could have been at the place (between two such times the officer, moving from one vehicle to the
// other at the place, could have stayed there). When none could, it is unreachable: shown as an
// earliest arrival at the period's end after a latest departure at its start. Returns the hull as a
// run, bounded by the candidates' pings around it.
std::optional<Run> narrow(Period& p, const std::vector<const Observation*>& candidates) {
  if (!p.reach->reachable()) return std::nullopt;
  const Interval prism{p.reach->earliest_arrival, p.reach->latest_departure};
  std::optional<Run> hull;
  for (const Observation* c : candidates)
    for (const Run& run : c->presence) {
      const Interval part = clip(run.span, prism);
      if (part.end < part.start) continue;
      if (!hull) {
        hull = run;
        hull->span = part;
        hull->roster_span = p.span;
        continue;
      }
      if (part.start < hull->span.start) hull->span.start = part.start, hull->from = run.from;
      if (part.end > hull->span.end) hull->span.end = part.end, hull->to = run.to;
      if (run.vehicle_id != hull->vehicle_id) hull->vehicle_id = p.vehicle_id;
      hull->longest_silence = std::max(hull->longest_silence, run.longest_silence);
      hull->bridged = hull->bridged || run.bridged;
    }
  p.reach = hull ? Reach{hull->span.start, hull->span.end} : Reach{p.span.end, p.span.start};
  return hull;
}

Run officer_run(const Period& p, Interval span) {
  return Run{span, p.from, p.to, p.vehicle_id, Millis{0}, false, false, false, p.speed, span, true};
}

// A candidate vehicle's run, as the officer's in time in no single vehicle.
Run candidate_run(Run run, Interval segment) {
  run.roster_span = clip(run.span, segment);
  run.start_at_inside = run.end_at_inside = false;
  return run;
}

// Runs of possible presence over the whole interval.
std::vector<Run> presence_runs(const std::vector<Segment>& segments, const ByRole& roles,
                               const std::vector<std::optional<Period>>& officer,
                               const std::vector<std::optional<Run>>& narrowed) {
  std::vector<Run> all;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (roles.own[k]) {
      all.insert(all.end(), roles.own[k]->presence.begin(), roles.own[k]->presence.end());
      continue;
    }
    if (narrowed[k]) all.push_back(*narrowed[k]);
    else if (officer[k] && officer[k]->reach->reachable() && !candidates_narrow(segments[k], roles.candidates[k]))
      all.push_back(officer_run(*officer[k], {officer[k]->reach->earliest_arrival, officer[k]->reach->latest_departure}));
  }
  std::stable_sort(all.begin(), all.end(), [](const Run& a, const Run& b) { return a.span.start < b.span.start; });
  std::vector<Run> merged;
  for (Run& run : all) add_presence(merged, std::move(run));
  return merged;
}

// When the officer could have been away in time in no single vehicle, by the officer's own
// anchors: not before leaving the place after an inside ping of the vehicle segment before, nor
// after coming back for an inside ping of the one after.
Interval officer_away(const Period& p) {
  Interval away = p.span;
  if (p.from && p.from->inside()) away.start = std::max(away.start, p.from->at + travel_time(p.from->depth, p.speed));
  if (p.to && p.to->inside()) away.end = std::min(away.end, p.to->at - travel_time(p.to->depth, p.speed));
  return away;
}

// Runs of possible absence over the whole interval.
std::vector<Run> absence_runs(const std::vector<Segment>& segments, const ByRole& roles,
                              const std::vector<std::optional<Period>>& officer) {
  std::vector<Run> all;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (roles.own[k]) {
      all.insert(all.end(), roles.own[k]->absence.begin(), roles.own[k]->absence.end());
      continue;
    }
    if (!officer[k]) continue;
    const Interval bound = officer_away(*officer[k]);
    if (!candidates_narrow(segments[k], roles.candidates[k])) {
      all.push_back(officer_run(*officer[k], bound));
      continue;
    }
    // The officer could have been away whenever one of the candidates could.
    for (const Observation* c : roles.candidates[k])
      for (Run run : c->absence) {
        run.span = clip(run.span, bound);
        all.push_back(candidate_run(std::move(run), segments[k].span));
      }
  }
  std::stable_sort(all.begin(), all.end(), [](const Run& a, const Run& b) { return a.span.start < b.span.start; });
  std::vector<Run> merged;
  for (Run& run : all) {
    if (!merged.empty() && run.span.end <= merged.back().span.end && run.span.start >= merged.back().span.start)
      continue;  // inside a run already there (candidates overlap)
    add_absence(merged, std::move(run));
  }
  return merged;
}

const Run* longest(const std::vector<Run>& runs) {
  const Run* out = nullptr;
  for (const Run& r : runs)
    if (!out || r.span.length() > out->span.length()) out = &r;
  return out;
}

void quote_run(ClaimResult& r, const Run& run) {
  r.decisive_run = run;
  add_evidence(r, run.from);
  add_evidence(r, run.to);
}

// The earliest stretch, or time in no single vehicle, in which the subject could not have been at
// the place throughout.
bool could_not_hold(ClaimResult& r, const ByRole& roles) {
  std::optional<Stretch> stretch;
  for (const Observation* o : roles.own)
    if (o && o->cannot_hold && (!stretch || o->cannot_hold->span.start < stretch->span.start)) stretch = o->cannot_hold;
  std::optional<std::size_t> period;
  for (std::size_t i = 0; i < r.periods.size() && !period; ++i) {
    const Period& p = r.periods[i];
    const bool officer = p.kind == PeriodKind::no_vehicle || p.kind == PeriodKind::roster_conflict ||
                         p.kind == PeriodKind::handover || p.kind == PeriodKind::roster_unknown;
    if (officer && !p.reach->can_hold(p.span.start, p.span.end)) period = i;
  }
  if (!stretch && !period) return false;
  r.verdict = Verdict::contradicted;
  r.basis = Basis::could_not_hold;
  if (period && (!stretch || r.periods[*period].span.start < stretch->span.start)) {
    r.decisive_period = period;
    add_evidence(r, r.periods[*period].from);
    add_evidence(r, r.periods[*period].to);
  } else {
    r.decisive_stretch = stretch;
    add_evidence(r, stretch->from);
    add_evidence(r, stretch->to);
  }
  return true;
}

void decide_present(ClaimResult& r, const ByRole& roles, const std::vector<Run>& absence, Millis tolerance) {
  if (const auto away = roles.best(&Observation::farthest_outside, farther)) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::seen_away;
    r.decisive = away;
    add_evidence(r, away);
    return;
  }
  if (could_not_hold(r, roles)) return;
  const Run* away = longest(absence);
  if (r.inside_count > 0 && r.max_away <= tolerance) {
    r.verdict = Verdict::supported;
    r.basis = Basis::seen_there_throughout;
    add_evidence(r, r.first_inside);
    add_evidence(r, r.last_inside);
    if (away) quote_run(r, *away);
    return;
  }
  r.verdict = Verdict::inconclusive;
  r.basis = r.max_away > tolerance ? Basis::could_have_left : Basis::not_seen_there;
  if (away) quote_run(r, *away);
  if (r.basis == Basis::not_seen_there) add_evidence(r, r.nearest);
}

void decide_absent(ClaimResult& r, const ByRole& roles, const std::vector<Run>& presence, Millis min_visit) {
  if (const auto there = roles.best(&Observation::nearest_inside, nearer)) {
    r.verdict = Verdict::contradicted;
    r.basis = Basis::seen_there;
    r.decisive = there;
    add_evidence(r, there);
    return;
  }
  if (const Run* stay = longest(presence); stay && stay->span.length() >= min_visit) {
    r.verdict = Verdict::inconclusive;
    r.basis = Basis::could_have_been;
    quote_run(r, *stay);
    return;
  }
  r.verdict = Verdict::supported;
  r.basis = r.unobserved > Millis{0} ? Basis::unreachable : Basis::seen_away_throughout;
  r.decisive = r.nearest;
  add_evidence(r, r.nearest);
  for (const Period& p : r.periods)
    if (is_unobserved(p.kind) || !r.nearest) {
      add_evidence(r, p.from);
      add_evidence(r, p.to);
    }
}

void add_seconds(ClaimResult& r) {
  for (const Period& p : r.periods) {
    const Millis len = p.span.length();
    switch (p.kind) {
      case PeriodKind::inside: r.inside += len; break;
      case PeriodKind::outside: r.outside += len; break;
      case PeriodKind::bridged: r.bridged += len; break;
      case PeriodKind::uncertain: r.uncertain += len; break;
      case PeriodKind::no_vehicle:
      case PeriodKind::roster_conflict:
      case PeriodKind::handover:
      case PeriodKind::roster_unknown: r.no_vehicle += len; break;
      case PeriodKind::unobserved: break;
    }
    if (!is_unobserved(p.kind)) continue;
    r.unobserved += len;
    const bool reachable = p.reach->reachable();
    r.feasible = r.feasible.value_or(false) || reachable;
    if (reachable) r.max_possible_stay = std::max(r.max_possible_stay.value_or(Millis{0}), p.reach->longest_stay());
  }
}

}  // namespace

ClaimResult judge(const ingest::ClaimRow& claim, const std::vector<Segment>& segments,
                  std::vector<Observation> observations, const VerifyConfig& config) {
  ClaimResult r;
  r.segments = segments;
  r.speed = config.reach_speed;
  r.min_visit = config.min_visit;
  r.presence_tolerance = config.presence_tolerance;
  r.roster_tolerance = config.roster_tolerance;
  std::sort(observations.begin(), observations.end(), [](const Observation& a, const Observation& b) {
    return std::tie(a.segment, a.window.start, a.vehicle_id) < std::tie(b.segment, b.window.start, b.vehicle_id);
  });
  for (const auto& o : observations) {
    r.vehicles.push_back(o.vehicle_id);
    r.vehicle_without_pings = r.vehicle_without_pings || !o.has_pings;
    r.speed.metres_per_second = std::max(r.speed.metres_per_second, o.speed.metres_per_second);
    r.discarded.insert(r.discarded.end(), o.discarded.begin(), o.discarded.end());
  }
  std::sort(r.vehicles.begin(), r.vehicles.end());
  r.vehicles.erase(std::unique(r.vehicles.begin(), r.vehicles.end()), r.vehicles.end());
  std::sort(r.discarded.begin(), r.discarded.end(), [](const Discarded& a, const Discarded& b) {
    return std::tie(a.ping.at, a.ping.ping) < std::tie(b.ping.at, b.ping.ping);
  });
  r.discarded.erase(std::unique(r.discarded.begin(), r.discarded.end(),
                                [](const Discarded& a, const Discarded& b) { return a.ping.ping == b.ping.ping; }),
                    r.discarded.end());

  const ByRole roles(segments, observations);
  std::vector<std::optional<Period>> officer(segments.size());
  std::vector<std::optional<Run>> narrowed(segments.size());
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (roles.own[k]) {
      r.periods.insert(r.periods.end(), roles.own[k]->periods.begin(), roles.own[k]->periods.end());
      if (const auto& s = roles.own[k]->longest_step_stay)
        r.max_stay_between_pings = std::max(r.max_stay_between_pings.value_or(Millis{0}), s->reach.longest_stay());
      r.inside_count += roles.own[k]->inside_count;
      if (!r.first_inside) r.first_inside = roles.own[k]->first_inside;
      if (roles.own[k]->last_inside) r.last_inside = roles.own[k]->last_inside;
    } else if (segments[k].kind != SegmentKind::vehicle) {
      officer[k] = roles.officer_period(segments, k, r.speed);
      if (candidates_narrow(segments[k], roles.candidates[k])) narrowed[k] = narrow(*officer[k], roles.candidates[k]);
      r.periods.push_back(*officer[k]);
    }
  }
  add_seconds(r);
  r.nearest = roles.best(&Observation::nearest, nearer);
  const std::vector<Run> absence = absence_runs(segments, roles, officer);
  if (const Run* away = longest(absence)) r.max_away = away->span.length();

  if (claim.assertion == ingest::Assertion::present) {
    decide_present(r, roles, absence, config.presence_tolerance);
  } else {
    decide_absent(r, roles, presence_runs(segments, roles, officer, narrowed), config.min_visit);
  }

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

// Where the roster puts the officer over `span`, without tolerance: stretches with one set of
// vehicles each, neighbours with the same set merged.
using Stretches = std::vector<std::pair<Interval, std::vector<std::string>>>;
Stretches roster_stretches(const duty::Roster& roster, const std::string& officer, Interval span) {
  const std::vector<duty::Crewing> crewings = crewings_in(roster, officer, span);
  std::set<Instant> cuts{span.start, span.end};
  for (const auto& k : crewings) cuts.insert({k.span.start, k.span.end});
  Stretches out;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const Interval piece{*it, *std::next(it)};
    std::set<std::string> in;
    for (const auto& k : crewings)
      if (k.span.start <= piece.start && piece.end <= k.span.end) in.insert(k.vehicle_id);
    std::vector<std::string> vehicles(in.begin(), in.end());
    if (!out.empty() && out.back().second == vehicles) out.back().first.end = piece.end;
    else out.emplace_back(piece, std::move(vehicles));
  }
  return out;
}

// The handovers: every roster instant widened by the tolerance, overlapping ones merged, each with
// the vehicles of every stretch it touches.
std::vector<Segment> handovers(const Stretches& stretches, Millis tolerance) {
  std::vector<Segment> out;
  if (tolerance <= Millis{0}) return out;
  for (std::size_t i = 1; i < stretches.size(); ++i) {
    const Instant instant = stretches[i].first.start;
    const Interval around{instant - tolerance, instant + tolerance};
    if (!out.empty() && around.start <= out.back().span.end) {
      out.back().span.end = around.end;
      out.back().roster_instants.push_back(instant);
    } else {
      out.push_back(Segment{SegmentKind::handover, around, {}, false, {instant}, {}, true});
    }
  }
  for (Segment& h : out) {
    std::set<std::string> vehicles;
    for (const auto& [span, in] : stretches)
      if (span.start < h.span.end && h.span.start < span.end) {
        vehicles.insert(in.begin(), in.end());
        h.may_be_in_no_vehicle = h.may_be_in_no_vehicle || in.empty();
      }
    h.vehicles.assign(vehicles.begin(), vehicles.end());
  }
  return out;
}

SegmentKind kind_of_set(const std::vector<std::string>& vehicles) {
  return vehicles.empty() ? SegmentKind::no_vehicle
         : vehicles.size() == 1 ? SegmentKind::vehicle
                                : SegmentKind::roster_conflict;
}

std::vector<Segment> officer_segments(const ingest::ClaimRow& claim, const duty::Roster& roster, Millis tolerance,
                                      const std::vector<ingest::RejectedRosterRow>& rejected) {
  const Interval window{claim.start, claim.end};
  // Roster instants within the tolerance of the interval count too.
  const Stretches stretches =
      roster_stretches(roster, claim.subject_id, {window.start - tolerance, window.end + tolerance});
  const std::vector<Segment> around = handovers(stretches, tolerance);
  std::vector<const ingest::RejectedRosterRow*> unreadable;  // the officer's rows that may apply here
  for (const auto& row : rejected)
    if (row.officer_id == claim.subject_id && row.from < window.end && window.start < row.to) unreadable.push_back(&row);
  std::set<Instant> cuts{window.start, window.end};
  const auto cut = [&](Instant a, Instant b) {
    cuts.insert({std::clamp(a, window.start, window.end), std::clamp(b, window.start, window.end)});
  };
  for (const auto& [span, in] : stretches) cut(span.start, span.end);
  for (const Segment& h : around) cut(h.span.start, h.span.end);
  for (const auto* row : unreadable) cut(row->from, row->to);
  std::vector<Segment> out;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const Interval piece{*it, *std::next(it)};
    Segment seg;
    const auto h = std::find_if(around.begin(), around.end(),
                                [&](const Segment& s) { return s.span.start <= piece.start && piece.end <= s.span.end; });
    if (h != around.end()) {
      seg = *h;
    } else {
      const auto s = std::find_if(stretches.begin(), stretches.end(), [&](const auto& st) {
        return st.first.start <= piece.start && piece.end <= st.first.end;
      });
      seg.vehicles = s->second;
      seg.kind = kind_of_set(seg.vehicles);
    }
    seg.span = piece;
    // A roster row that could not be read may cover the piece: the roster cannot say where the
    // officer was. Any vehicle it or the rest of the roster names is a candidate, and none.
    std::set<std::string> candidates(seg.vehicles.begin(), seg.vehicles.end());
    std::vector<SourceRef> rows;
    for (const auto* row : unreadable)
      if (row->from < piece.end && piece.start < row->to) {
        rows.push_back(row->source);
        if (!row->vehicle_id.empty()) candidates.insert(row->vehicle_id);
      }
    if (!rows.empty()) {
      seg.kind = SegmentKind::roster_unknown;
      seg.vehicles.assign(candidates.begin(), candidates.end());
      seg.may_be_in_no_vehicle = true;
      seg.rejected_rows = std::move(rows);
    }
    const bool same = !out.empty() && out.back().kind == seg.kind && out.back().vehicles == seg.vehicles &&
                      out.back().roster_instants == seg.roster_instants &&
                      out.back().rejected_rows == seg.rejected_rows && out.back().span.end == piece.start;
    if (same) out.back().span.end = piece.end;
    else out.push_back(std::move(seg));
  }
  for (Segment& s : out) s.end_inclusive = s.span.end == window.end;
  return out;
}

}  // namespace

ClaimPlan plan_claims(const std::vector<ingest::ClaimRow>& claims, const duty::Roster& roster, Millis roster_tolerance,
                      const std::vector<ingest::RejectedRosterRow>& rejected) {
  ClaimPlan plan;
  plan.segments.resize(claims.size());
  for (std::uint32_t c = 0; c < claims.size(); ++c) {
    const ingest::ClaimRow& claim = claims[c];
    std::vector<Segment>& segments = plan.segments[c];
    if (claim.subject_kind == ingest::SubjectKind::vehicle)
      segments.push_back(Segment{SegmentKind::vehicle, {claim.start, claim.end}, {claim.subject_id}, false, {}, {}, true});
    else
      segments = officer_segments(claim, roster, roster_tolerance, rejected);
    for (std::uint32_t k = 0; k < segments.size(); ++k)
      if (segments[k].kind != SegmentKind::no_vehicle)
        for (const std::string& vehicle : segments[k].vehicles)
          plan.parts.push_back({c, k, vehicle, segments[k].span, segments[k].end_inclusive});
  }
  return plan;
}

}  // namespace shiftline::verify
