// Claim verification against docs/verify.md: where a ping is (inside, uncertain, outside, the margin
// both ways; depth and reach distance; polygon places), the speed bound (200 km/h, raised per
// vehicle), observe (the two prisms of every stretch: steps, silences, open ends, an empty track;
// runs of possible presence and absence and how they merge; periods by the midpoint rule; discarded
// rows), judge (every verdict and basis of both assertions; --presence-tolerance and --min-visit at
// their boundaries; officers over handover, no_vehicle and roster_conflict segments) and
// plan_claims (segments from the roster with --roster-tolerance).
//
// Every expected value is worked out by hand from the rules in docs/verify.md, never read off the
// engine. The place X is the point 52.63 N, 1.14 W with radius 50 m; most pings lie due north of
// it. Distances are PROJ's geod (WGS84), run by hand, not the engine's:
//   echo "52.63 -1.14 52.6301797 -1.14" | geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f  ->    19.996889
//   echo "52.63 -1.14 52.6302687 -1.14" | geod ...                                   ->    29.900746
//   echo "52.63 -1.14 52.6302705 -1.14" | geod ...                                   ->    30.101049
//   echo "52.63 -1.14 52.6303586 -1.14" | geod ...                                   ->    39.904755
//   echo "52.63 -1.14 52.6303604 -1.14" | geod ...                                   ->    40.105058
//   echo "52.63 -1.14 52.6304035 -1.14" | geod ...                                   ->    44.901195
//   echo "52.63 -1.14 52.6304053 -1.14" | geod ...                                   ->    45.101498
//   echo "52.63 -1.14 52.6304484 -1.14" | geod ...                                   ->    49.897636
//   echo "52.63 -1.14 52.6304502 -1.14" | geod ...                                   ->    50.097939
//   echo "52.63 -1.14 52.6304934 -1.14" | geod ...                                   ->    54.905204
//   echo "52.63 -1.14 52.6304952 -1.14" | geod ...                                   ->    55.105507
//   echo "52.63 -1.14 52.6305383 -1.14" | geod ...                                   ->    59.901645
//   echo "52.63 -1.14 52.6305401 -1.14" | geod ...                                   ->    60.101948
//   echo "52.63 -1.14 52.6306281 -1.14" | geod ...                                   ->    69.894526
//   echo "52.63 -1.14 52.6306299 -1.14" | geod ...                                   ->    70.094829
//   echo "52.63 -1.14 52.6344932 -1.14" | geod ...                                   ->   500.000300
//   echo "52.63 -1.14 52.6389864 -1.14" | geod ...                                   ->  1000.000981
//   echo "52.63 -1.14 52.6407837 -1.14" | geod ...                                   ->  1200.003586
//   echo "52.63 -1.14 52.6479728 -1.14" | geod ...                                   ->  2000.003488
//   echo "52.63 -1.14 52.6569591 -1.14" | geod ...                                   ->  2999.996393
//   echo "52.63 -1.14 52.7198633 -1.14" | geod ...                                   -> 10000.000560
// The square place SQ (lat 52.630..52.631, lon -1.1400..-1.1385, radius 0; see square_place): its
// centre (52.6305, -1.13925) is 50.781735 m from the east and the west edge (geod to (52.6305,
// -1.1385) and (52.6305, -1.1400)) and 55.639652 m from the north and south edges, so its signed
// distance is -50.781735 m. Points on the parallel 52.6305 near the east edge (geod -f %.7f from
// (52.6305, -1.1385) at azimuth 90 / 270, then geod -I back to the edge):
//   52.6305 -1.1382785  14.997539 m east (outside)    52.6305 -1.1384262   4.996923 m east
//   52.6305 -1.1385738   4.996923 m west (inside)     52.6305 -1.1387215  14.997539 m west
//   echo "52.6305 -1.1385 52.6304991 -1.1237309" | geod ...                          ->  1000.000711
// (the last from the foot of the perpendicular on the east edge; feet 0.1 m north or south give the
// same to the micrometre.) The road 120 m east of X (lon -1.1382277, `echo "52.63 -1.14 90 120" |
// geod +ellps=WGS84 -f %.7f`) at the latitudes of 1440 m north to 1760 m south of X in 320 m steps
// lies at (geod -I from X):
//   52.6429404 1444.990161   52.6400648 1126.413708   52.6371891 808.947228   52.6343135 494.775023
//   52.6314378  199.997923   52.6285622  200.000252   52.6256865 494.777543   52.6228109 808.949180
//   52.6199352 1126.414738   52.6170596 1444.989947   52.6141839 1764.089795
//
// Where a ping is, radius r = 50 m, margin u (docs/verify.md): inside when distance + u <= r,
// outside when distance - u > r, else uncertain; depth r - (distance + u) for an inside ping, reach
// distance ("approach") distance - r - u for an outside one. With u = 10: inside up to 40 m,
// uncertain above 40 m up to 60 m, outside beyond 60 m.
//
// Most tests set the speed bound to exactly 20 m/s (72 km/h, at20()), so that 1 m takes 50 ms:
//   20 m north, inside:  depth    50 - 29.996889 =   20.003111 m ->   1000.156 ms ->   1000 ms
//   500 m,      outside: approach 500.000300 - 60 =  440.000300 m ->  22000.015 ms ->  22000 ms
//   1 km,       outside: approach                    940.000981 m ->  47000.049 ms ->  47000 ms
//   1.2 km,     outside: approach                   1140.003586 m ->  57000.179 ms ->  57000 ms
//   2 km,       outside: approach                   1940.003488 m ->  97000.174 ms ->  97000 ms
//   10 km,      outside: approach                   9940.000560 m -> 497000.028 ms -> 497000 ms (8 min 17 s)
// (travel times rounded down to the millisecond). At 20 m/s a vehicle whose track moves faster than
// 20 / 1.01 = 19.8 m/s between two consecutive pings raises its own bound; every track at 20 m/s here
// stays below that (the largest: 1 km in a minute, 16.7 m/s; with 1%, 16.8 m/s), unless the test
// says otherwise.
// A few tests use the default 200 km/h (55.555... m/s: 1 m takes 18 ms):
//   20 m north:  depth    20.003111 m ->    360.056 ms ->    360 ms
//   500 m:    approach   440.000300 m ->   7920.005 ms ->   7920 ms
//   1 km:     approach   940.000981 m ->  16920.018 ms ->  16920 ms
//   10 km:    approach  9940.000560 m -> 178920.010 ms -> 178920 ms
//   the road (d - 60): 139.997923 m -> 2519.963 -> 2519 ms;  140.000252 m -> 2520.005 -> 2520 ms;
//             434.775023 -> 7825.950 -> 7825 ms;  434.777543 -> 7825.996 -> 7825 ms;
//             748.947228 -> 13481.050 -> 13481 ms;  748.949180 -> 13481.085 -> 13481 ms;
//             1066.413708 -> 19195.447 -> 19195 ms;  1066.414738 -> 19195.465 -> 19195 ms;
//             1384.989947 -> 24929.819 -> 24929 ms.
// Times are UTC on 2024-03-05 unless written in full. Track rows (Sighting::ping) are 0, 1, 2 ...
// in time order; each test lists which clock time is which row.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/match/match.hpp"
#include "shiftline/verify/verify.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline {
// Failure messages show an interval as its two instants.
void PrintTo(const Interval& i, std::ostream* os);
void PrintTo(const Interval& i, std::ostream* os) { *os << format_utc(i.start) << " to " << format_utc(i.end); }
}  // namespace shiftline

namespace shiftline::verify {

// Readable failure messages for the enums (found by gtest through ADL). Own words, not name(), so
// that a wrong name() cannot hide a wrong verdict.
void PrintTo(Verdict v, std::ostream* os);
void PrintTo(Basis b, std::ostream* os);
void PrintTo(Status s, std::ostream* os);
void PrintTo(PeriodKind k, std::ostream* os);
void PrintTo(SegmentKind k, std::ostream* os);
void PrintTo(Verdict v, std::ostream* os) {
  switch (v) {
    case Verdict::supported: *os << "supported"; return;
    case Verdict::contradicted: *os << "contradicted"; return;
    case Verdict::inconclusive: *os << "inconclusive"; return;
  }
  *os << "Verdict?";
}
void PrintTo(Basis b, std::ostream* os) {
  switch (b) {
    case Basis::seen_away: *os << "seen_away"; return;
    case Basis::could_not_hold: *os << "could_not_hold"; return;
    case Basis::seen_there_throughout: *os << "seen_there_throughout"; return;
    case Basis::seen_there: *os << "seen_there"; return;
    case Basis::seen_away_throughout: *os << "seen_away_throughout"; return;
    case Basis::unreachable: *os << "unreachable"; return;
    case Basis::could_have_been: *os << "could_have_been"; return;
    case Basis::could_have_left: *os << "could_have_left"; return;
    case Basis::not_seen_there: *os << "not_seen_there"; return;
  }
  *os << "Basis?";
}
void PrintTo(Status s, std::ostream* os) {
  switch (s) {
    case Status::inside: *os << "inside"; return;
    case Status::uncertain: *os << "uncertain"; return;
    case Status::outside: *os << "outside"; return;
  }
  *os << "Status?";
}
void PrintTo(PeriodKind k, std::ostream* os) {
  switch (k) {
    case PeriodKind::inside: *os << "inside"; return;
    case PeriodKind::outside: *os << "outside"; return;
    case PeriodKind::uncertain: *os << "uncertain"; return;
    case PeriodKind::bridged: *os << "bridged"; return;
    case PeriodKind::unobserved: *os << "unobserved"; return;
    case PeriodKind::no_vehicle: *os << "no_vehicle"; return;
    case PeriodKind::roster_conflict: *os << "roster_conflict"; return;
    case PeriodKind::handover: *os << "handover"; return;
    case PeriodKind::roster_unknown: *os << "roster_unknown"; return;
  }
  *os << "PeriodKind?";
}
void PrintTo(SegmentKind k, std::ostream* os) {
  switch (k) {
    case SegmentKind::vehicle: *os << "vehicle"; return;
    case SegmentKind::no_vehicle: *os << "no_vehicle"; return;
    case SegmentKind::roster_conflict: *os << "roster_conflict"; return;
    case SegmentKind::handover: *os << "handover"; return;
    case SegmentKind::roster_unknown: *os << "roster_unknown"; return;
  }
  *os << "SegmentKind?";
}

namespace {

using ingest::Assertion;
using test::at;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

LatLon ll(double lat, double lon) { return LatLon::from_degrees(lat, lon); }

const LatLon kX = ll(52.63, -1.14);           // the place's point
const LatLon kN20 = ll(52.6301797, -1.14);    //    19.996889 m
const LatLon kN29_9 = ll(52.6302687, -1.14);  //    29.900746 m
const LatLon kN30_1 = ll(52.6302705, -1.14);  //    30.101049 m
const LatLon kN39_9 = ll(52.6303586, -1.14);  //    39.904755 m
const LatLon kN40_1 = ll(52.6303604, -1.14);  //    40.105058 m
const LatLon kN44_9 = ll(52.6304035, -1.14);  //    44.901195 m
const LatLon kN45_1 = ll(52.6304053, -1.14);  //    45.101498 m
const LatLon kN49_9 = ll(52.6304484, -1.14);  //    49.897636 m
const LatLon kN50_1 = ll(52.6304502, -1.14);  //    50.097939 m
const LatLon kN54_9 = ll(52.6304934, -1.14);  //    54.905204 m
const LatLon kN55_1 = ll(52.6304952, -1.14);  //    55.105507 m
const LatLon kN59_9 = ll(52.6305383, -1.14);  //    59.901645 m
const LatLon kN60_1 = ll(52.6305401, -1.14);  //    60.101948 m
const LatLon kN69_9 = ll(52.6306281, -1.14);  //    69.894526 m
const LatLon kN70_1 = ll(52.6306299, -1.14);  //    70.094829 m
const LatLon kN500 = ll(52.6344932, -1.14);   //   500.000300 m
const LatLon kN1k = ll(52.6389864, -1.14);    //  1000.000981 m
const LatLon kN1_2k = ll(52.6407837, -1.14);  //  1200.003586 m
const LatLon kN2k = ll(52.6479728, -1.14);    //  2000.003488 m
const LatLon kN3k = ll(52.6569591, -1.14);    //  2999.996393 m
const LatLon kN10k = ll(52.7198633, -1.14);   // 10000.000560 m
// Around the square SQ (square_place): its centre, and points west (inside) and east (outside) of
// its east edge on the parallel 52.6305.
const LatLon kSqCentre = ll(52.6305, -1.13925);     // -50.781735 m (signed)
const LatLon kSqIn15 = ll(52.6305, -1.1387215);     // -14.997539 m
const LatLon kSqIn5 = ll(52.6305, -1.1385738);      //  -4.996923 m
const LatLon kSqOut5 = ll(52.6305, -1.1384262);     //   4.996923 m
const LatLon kSqOut15 = ll(52.6305, -1.1382785);    //  14.997539 m
const LatLon kEast1k = ll(52.6304991, -1.1237309);  // 1000.000711 m east of the east edge

constexpr float kNoAccuracy = std::numeric_limits<float>::quiet_NaN();

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }
constexpr Millis ms(long long n) { return Millis{n}; }
constexpr Millis secs(long long s) { return Millis{s * 1000}; }
constexpr Millis mins(long long m) { return Millis{m * 60'000}; }

// "09:02:35.261" from an instant on the test day (full text when on another day).
std::string hms(Instant x) {
  const std::string s = format_utc(x);
  if (s.rfind("2024-03-05T", 0) != 0) return s;
  return s.substr(11, s.size() - 12);
}

// --- Tracks ----------------------------------------------------------------------------------

struct Ping {
  LatLon where;
  Instant when;
  float accuracy = kNoAccuracy;
};
using Pings = std::vector<Ping>;

// A ping at `where` every `step` from `first` to `last`, both included.
Pings every(LatLon where, Instant first, Instant last, Millis step = mins(4)) {
  Pings out;
  for (Instant x = first; x <= last; x += step) out.push_back(Ping{where, x});
  return out;
}
Pings every(LatLon where, const char* first, const char* last, Millis step = mins(4)) {
  return every(where, t(first), t(last), step);
}
Pings operator+(Pings a, const Pings& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
// The same pings with the one at `clock` moved to `where` (and given `accuracy`, when asked).
Pings moved(Pings p, const char* at_clock, LatLon where, std::optional<float> accuracy = std::nullopt) {
  const Instant x = t(at_clock);
  const auto it = std::find_if(p.begin(), p.end(), [&](const Ping& q) { return q.when == x; });
  EXPECT_NE(it, p.end()) << "no ping at " << at_clock;
  if (it != p.end()) {
    it->where = where;
    if (accuracy) it->accuracy = *accuracy;
  }
  return p;
}
// The same pings, every one with `accuracy`.
Pings with_accuracy(Pings p, float accuracy) {
  for (auto& q : p) q.accuracy = accuracy;
  return p;
}

// A track of the pings; accuracy_m is filled only when asked (else the input had no column).
clean::Track track(const Pings& pings, bool with_accuracy = false) {
  std::vector<LatLon> positions;
  std::vector<Instant> times;
  for (const auto& p : pings) {
    positions.push_back(p.where);
    times.push_back(p.when);
  }
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
  clean::Track tr = test::make_track(positions, times);
  if (with_accuracy)
    for (const auto& p : pings) tr.accuracy_m.push_back(p.accuracy);
  return tr;
}

// --- Places, claims, configurations ----------------------------------------------------------

ingest::PlaceRow point_place(LatLon p = kX, double radius = 50.0, std::string id = "X") {
  ingest::PlaceRow row;
  row.place_id = std::move(id);
  row.label = row.place_id;
  row.point = p;
  row.radius = Meters{radius};
  return row;
}

// The square lat 52.630..52.631, lon -1.1400..-1.1385 (closed ring), radius 0.
ingest::PlaceRow square_place() {
  ingest::PlaceRow row = point_place(kSqCentre, 0.0, "SQ");
  row.polygon = {ll(52.630, -1.1400), ll(52.630, -1.1385), ll(52.631, -1.1385), ll(52.631, -1.1400),
                 ll(52.630, -1.1400)};
  return row;
}

ingest::ClaimRow claim(Assertion assertion, Instant start, Instant end, std::string subject = "V1",
                       ingest::SubjectKind kind = ingest::SubjectKind::vehicle, ingest::PlaceRow place = point_place(),
                       std::string id = "C1") {
  ingest::ClaimRow c;
  c.claim_id = std::move(id);
  c.subject_kind = kind;
  c.subject_id = std::move(subject);
  c.place = std::move(place);
  c.start = start;
  c.end = end;
  c.assertion = assertion;
  c.source = SourceRef{5, 2};
  return c;
}
ingest::ClaimRow present(const char* from, const char* to) { return claim(Assertion::present, t(from), t(to)); }
ingest::ClaimRow absent(const char* from, const char* to) { return claim(Assertion::absent, t(from), t(to)); }

Interval span(const char* from, const char* to) { return Interval{t(from), t(to)}; }

// The speed bound set to exactly 20 m/s (72 km/h): 1 m of travel takes 50 ms.
VerifyConfig at20() {
  VerifyConfig c;
  c.reach_speed = Speed{20.0};
  return c;
}
VerifyConfig at20_min_visit(Millis m) {
  VerifyConfig c = at20();
  c.min_visit = m;
  return c;
}
VerifyConfig at20_tolerance(Millis m) {
  VerifyConfig c = at20();
  c.presence_tolerance = m;
  return c;
}

// A vehicle claim's one segment: the whole interval on its vehicle, the end inclusive.
std::vector<Segment> vehicle_segment(const ingest::ClaimRow& c) {
  Segment s;
  s.kind = SegmentKind::vehicle;
  s.span = Interval{c.start, c.end};
  s.vehicles = {c.subject_id};
  s.end_inclusive = true;
  return {s};
}

// One vehicle over the whole interval of a vehicle claim.
Observation observe_claim(const ingest::ClaimRow& c, const clean::Track& tr, const std::vector<Interval>& dwells,
                          const VerifyConfig& config) {
  return observe(c.subject_id, tr, dwells, c.place, Interval{c.start, c.end}, config);
}

// A vehicle claim: observe, then judge over its one segment.
ClaimResult check(const ingest::ClaimRow& c, const clean::Track& tr, const std::vector<Interval>& dwells = {},
                  const VerifyConfig& config = at20()) {
  std::vector<Observation> all;
  all.push_back(observe_claim(c, tr, dwells, config));
  all.back().segment = 0;
  return judge(c, vehicle_segment(c), std::move(all), config);
}

// --- Reading results -------------------------------------------------------------------------

// "V1:7", or "-" when absent.
std::string tag(const std::optional<Sighting>& s) {
  return s ? s->vehicle_id + ":" + std::to_string(s->ping) : std::string("-");
}
// The row alone when the ping is the period's own vehicle's, else its tag.
std::string row_in(const std::optional<Sighting>& s, const std::string& vehicle) {
  return s && s->vehicle_id == vehicle ? std::to_string(s->ping) : tag(s);
}

// "inside V1 09:00:00-10:00:00 1>16": kind, vehicle, span, the pings of `from` and `to`.
std::string kind_word(PeriodKind k) {
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
  return "?";
}
std::string describe(const Period& p) {
  return kind_word(p.kind) + " " + p.vehicle_id + " " + hms(p.span.start) + "-" + hms(p.span.end) + " " +
         row_in(p.from, p.vehicle_id) + ">" + row_in(p.to, p.vehicle_id);
}
std::vector<std::string> describe(const std::vector<Period>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(describe(p));
  return out;
}
// "09:02:35.261>09:05:00": earliest arrival > latest departure of a period's prism.
std::string prism(const Reach& r) { return hms(r.earliest_arrival) + ">" + hms(r.latest_departure); }
std::string prism(const Period& p) { return p.reach ? prism(*p.reach) : std::string("none"); }
// "V1:0>V1:1 09:00:00-09:02:00 09:00:26.028>09:02:00": a stretch: its pings, its span (clipped to
// the window), its prism.
std::string describe(const std::optional<Stretch>& s) {
  if (!s) return "none";
  return tag(s->from) + ">" + tag(s->to) + " " + hms(s->span.start) + "-" + hms(s->span.end) + " " + prism(s->reach);
}
// "09:00:47-09:07:38 V1:0>V1:2": a run's span and the pings at its ends.
std::string describe(const Run& r) {
  return hms(r.span.start) + "-" + hms(r.span.end) + " " + tag(r.from) + ">" + tag(r.to);
}
std::string describe(const std::optional<Run>& r) { return r ? describe(*r) : std::string("none"); }
std::vector<std::string> describe(const std::vector<Run>& runs) {
  std::vector<std::string> out;
  for (const auto& r : runs) out.push_back(describe(r));
  return out;
}
// "V1:7" for each evidence ping.
std::vector<std::string> evidence(const ClaimResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.evidence) out.push_back(tag(s));
  return out;
}
long long count(const std::optional<Millis>& m) { return m ? m->count() : -1; }

// The seconds of claims.csv, in milliseconds: inside, outside, unobserved, and the bridged,
// uncertain and no-single-vehicle parts of unobserved.
void expect_seconds(const ClaimResult& r, long long inside, long long outside, long long unobserved,
                    long long bridged = 0, long long uncertain = 0, long long no_vehicle = 0) {
  EXPECT_EQ(r.inside.count(), inside);
  EXPECT_EQ(r.outside.count(), outside);
  EXPECT_EQ(r.unobserved.count(), unobserved);
  EXPECT_EQ(r.bridged.count(), bridged);
  EXPECT_EQ(r.uncertain.count(), uncertain);
  EXPECT_EQ(r.no_vehicle.count(), no_vehicle);
}

// The sighting of the only ping within a second of `when`.
Sighting sighting_at(const clean::Track& tr, Instant when, const VerifyConfig& config = at20(),
                     const ingest::PlaceRow& place = point_place()) {
  const Observation o =
      observe("V1", tr, std::vector<Interval>{}, place, Interval{when - secs(1), when + secs(1)}, config);
  EXPECT_TRUE(o.nearest.has_value()) << hms(when);
  return o.nearest.value_or(Sighting{});
}

// =============================================================================================
// Names and defaults
// =============================================================================================

TEST(VerifyNames, AreTheWordsOfClaimsCsv) {
  EXPECT_EQ(name(Verdict::supported), "supported");
  EXPECT_EQ(name(Verdict::contradicted), "contradicted");
  EXPECT_EQ(name(Verdict::inconclusive), "inconclusive");
  EXPECT_EQ(name(Assertion::present), "present");
  EXPECT_EQ(name(Assertion::absent), "absent");
  EXPECT_EQ(name(Basis::seen_away), "seen_away");
  EXPECT_EQ(name(Basis::could_not_hold), "could_not_hold");
  EXPECT_EQ(name(Basis::seen_there_throughout), "seen_there_throughout");
  EXPECT_EQ(name(Basis::could_have_left), "could_have_left");
  EXPECT_EQ(name(Basis::not_seen_there), "not_seen_there");
  EXPECT_EQ(name(Basis::seen_there), "seen_there");
  EXPECT_EQ(name(Basis::seen_away_throughout), "seen_away_throughout");
  EXPECT_EQ(name(Basis::unreachable), "unreachable");
  EXPECT_EQ(name(Basis::could_have_been), "could_have_been");
  EXPECT_EQ(name(PeriodKind::inside), "inside");
  EXPECT_EQ(name(PeriodKind::outside), "outside");
  EXPECT_EQ(name(PeriodKind::uncertain), "uncertain");
  EXPECT_EQ(name(PeriodKind::bridged), "bridged");
  EXPECT_EQ(name(PeriodKind::unobserved), "unobserved");
  EXPECT_EQ(name(PeriodKind::no_vehicle), "no_vehicle");
  EXPECT_EQ(name(PeriodKind::roster_conflict), "roster_conflict");
  EXPECT_EQ(name(PeriodKind::handover), "handover");
  EXPECT_EQ(name(SegmentKind::vehicle), "vehicle");
  EXPECT_EQ(name(SegmentKind::no_vehicle), "no_vehicle");
  EXPECT_EQ(name(SegmentKind::roster_conflict), "roster_conflict");
  EXPECT_EQ(name(SegmentKind::handover), "handover");
}

TEST(VerifyNames, EverythingButInsideAndOutsideIsUnobserved) {
  // unobserved_s holds silences (bridged ones included), uncertain time, and time in no single
  // vehicle (no_vehicle, roster_conflict, handover).
  EXPECT_FALSE(is_unobserved(PeriodKind::inside));
  EXPECT_FALSE(is_unobserved(PeriodKind::outside));
  EXPECT_TRUE(is_unobserved(PeriodKind::uncertain));
  EXPECT_TRUE(is_unobserved(PeriodKind::bridged));
  EXPECT_TRUE(is_unobserved(PeriodKind::unobserved));
  EXPECT_TRUE(is_unobserved(PeriodKind::no_vehicle));
  EXPECT_TRUE(is_unobserved(PeriodKind::roster_conflict));
  EXPECT_TRUE(is_unobserved(PeriodKind::handover));
}

TEST(VerifyDefaults, AreTheDocumentedOnes) {
  const VerifyConfig c;
  EXPECT_DOUBLE_EQ(c.reach_speed.kmh(), 200.0);  // --reach-speed-kmh 200
  EXPECT_FALSE(c.position_margin.has_value());
  EXPECT_DOUBLE_EQ(c.fallback_margin.value, 10.0);
  EXPECT_EQ(c.gap, mins(5));
  EXPECT_EQ(c.min_visit, Millis{0});          // any possible stay keeps an absence open
  EXPECT_EQ(c.presence_tolerance, secs(60));  // --presence-tolerance 60 s
  EXPECT_EQ(c.roster_tolerance, mins(2));     // --roster-tolerance 2 min
  // 72 km/h is exactly the 20 m/s most tests use.
  EXPECT_DOUBLE_EQ(at20().reach_speed.kmh(), 72.0);
}

TEST(VerifyDefaults, TheResultCarriesTheParametersItWasDecidedWith) {
  VerifyConfig c = at20();
  c.min_visit = secs(45);
  c.presence_tolerance = secs(30);
  c.roster_tolerance = mins(3);
  const ClaimResult r = check(present("09:00", "09:10"), track(every(kN20, "08:59", "09:11", mins(1))), {}, c);
  EXPECT_EQ(r.min_visit, secs(45));
  EXPECT_EQ(r.presence_tolerance, secs(30));
  EXPECT_EQ(r.roster_tolerance, mins(3));
  EXPECT_DOUBLE_EQ(r.speed.kmh(), 72.0);
}

// =============================================================================================
// Where a ping is: inside, uncertain, outside (the margin both ways); depth and reach distance
// =============================================================================================

TEST(Status, BandsOfAPointPlaceAllowTheMarginBothWays) {
  // Radius 50. One ping a minute from 09:00 (rows 0..15), each with its accuracy (NaN: 10 m).
  //   u = 10: inside iff d <= 40, outside iff d > 60;  u = 20: inside iff d <= 30, outside iff d > 70;
  //   u = 5:  inside iff d <= 45, outside iff d > 55;  u = 0:  inside iff d <= 50, outside iff d > 50.
  // Depth = 50 - (d + u) for inside pings, approach = d - 50 - u for outside ones, else 0.
  const auto tr = track(
      Pings{Ping{kN39_9, t("09:00"), kNoAccuracy}, Ping{kN40_1, t("09:01"), kNoAccuracy},
            Ping{kN59_9, t("09:02"), kNoAccuracy}, Ping{kN60_1, t("09:03"), kNoAccuracy},
            Ping{kN29_9, t("09:04"), 20.0F}, Ping{kN30_1, t("09:05"), 20.0F}, Ping{kN69_9, t("09:06"), 20.0F},
            Ping{kN70_1, t("09:07"), 20.0F}, Ping{kN44_9, t("09:08"), 5.0F}, Ping{kN45_1, t("09:09"), 5.0F},
            Ping{kN54_9, t("09:10"), 5.0F}, Ping{kN55_1, t("09:11"), 5.0F}, Ping{kN49_9, t("09:12"), 0.0F},
            Ping{kN50_1, t("09:13"), 0.0F}, Ping{kX, t("09:14"), kNoAccuracy}, Ping{kN1k, t("09:15"), kNoAccuracy}},
      true);
  struct Want {
    const char* at;
    double distance, margin;
    Status status;
    double depth, approach;
  };
  for (const Want& w : {
           Want{"09:00", 39.904755, 10.0, Status::inside, 0.095245, 0.0},   // 49.904755 <= 50
           Want{"09:01", 40.105058, 10.0, Status::uncertain, 0.0, 0.0},     // 50.105 > 50, 30.105 <= 50
           Want{"09:02", 59.901645, 10.0, Status::uncertain, 0.0, 0.0},     // 49.902 <= 50
           Want{"09:03", 60.101948, 10.0, Status::outside, 0.0, 0.101948},  // 50.101948 > 50
           Want{"09:04", 29.900746, 20.0, Status::inside, 0.099254, 0.0},
           Want{"09:05", 30.101049, 20.0, Status::uncertain, 0.0, 0.0},
           Want{"09:06", 69.894526, 20.0, Status::uncertain, 0.0, 0.0},
           Want{"09:07", 70.094829, 20.0, Status::outside, 0.0, 0.094829},
           Want{"09:08", 44.901195, 5.0, Status::inside, 0.098805, 0.0},
           Want{"09:09", 45.101498, 5.0, Status::uncertain, 0.0, 0.0},
           Want{"09:10", 54.905204, 5.0, Status::uncertain, 0.0, 0.0},
           Want{"09:11", 55.105507, 5.0, Status::outside, 0.0, 0.105507},
           Want{"09:12", 49.897636, 0.0, Status::inside, 0.102364, 0.0},   // accuracy 0 is a margin of 0
           Want{"09:13", 50.097939, 0.0, Status::outside, 0.0, 0.097939},  // no uncertain band at all
           Want{"09:14", 0.0, 10.0, Status::inside, 40.0, 0.0},            // at the point: depth 50 - 10
           Want{"09:15", 1000.000981, 10.0, Status::outside, 0.0, 940.000981},
       }) {
    const Sighting s = sighting_at(tr, t(w.at));
    EXPECT_NEAR(s.distance.value, w.distance, 1e-3) << w.at;
    EXPECT_DOUBLE_EQ(s.margin.value, w.margin) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
    EXPECT_EQ(s.inside(), w.status == Status::inside) << w.at;
    EXPECT_NEAR(s.depth.value, w.depth, 1e-3) << w.at;
    EXPECT_NEAR(s.approach.value, w.approach, 1e-3) << w.at;
    EXPECT_EQ(s.vehicle_id, "V1");
    EXPECT_EQ(s.at, t(w.at));
  }
}

TEST(Status, PositionMarginOverridesEveryAccuracy) {
  // --position-margin 5: inside iff d <= 45, outside iff d > 55, whatever the ping's accuracy
  // (even an accuracy of 0).
  const auto tr = track(Pings{Ping{kN69_9, t("09:00"), 20.0F}, Ping{kN54_9, t("09:01"), 20.0F},
                              Ping{kN55_1, t("09:02"), 20.0F}, Ping{kN44_9, t("09:03"), kNoAccuracy},
                              Ping{kN45_1, t("09:04"), kNoAccuracy}, Ping{kN49_9, t("09:05"), 0.0F}},
                        true);
  VerifyConfig config = at20();
  config.position_margin = Meters{5.0};
  struct Want {
    const char* at;
    Status status;
  };
  for (const Want& w :
       {Want{"09:00", Status::outside}, Want{"09:01", Status::uncertain}, Want{"09:02", Status::outside},
        Want{"09:03", Status::inside}, Want{"09:04", Status::uncertain}, Want{"09:05", Status::uncertain}}) {
    const Sighting s = sighting_at(tr, t(w.at), config);
    EXPECT_DOUBLE_EQ(s.margin.value, 5.0) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
  }
}

TEST(Status, TenMetresWhenTheInputHasNoAccuracyColumn) {
  const auto tr = track(
      Pings{Ping{kN59_9, t("09:00")}, Ping{kN60_1, t("09:01")}, Ping{kN39_9, t("09:02")}, Ping{kN40_1, t("09:03")}});
  ASSERT_TRUE(tr.accuracy_m.empty());
  struct Want {
    const char* at;
    Status status;
  };
  for (const Want& w : {Want{"09:00", Status::uncertain}, Want{"09:01", Status::outside}, Want{"09:02", Status::inside},
                        Want{"09:03", Status::uncertain}}) {
    const Sighting s = sighting_at(tr, t(w.at));
    EXPECT_DOUBLE_EQ(s.margin.value, 10.0) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
  }
}

TEST(Status, PolygonPlaceDistanceIsSignedNegativeInside) {
  // The square SQ, radius 0. Signed distances (header): centre -50.781735, 15 m inside the east
  // edge -14.997539, 5 m inside -4.996923, 5 m outside 4.996923, 15 m outside 14.997539.
  const ingest::PlaceRow sq = square_place();
  const match::PlaceShape shape(sq);
  EXPECT_NEAR(shape.signed_distance(kSqCentre).value, -50.781735, 1e-3);
  EXPECT_NEAR(shape.signed_distance(kSqIn15).value, -14.997539, 1e-3);
  EXPECT_NEAR(shape.signed_distance(kSqIn5).value, -4.996923, 1e-3);
  EXPECT_NEAR(shape.signed_distance(kSqOut5).value, 4.996923, 1e-3);
  EXPECT_NEAR(shape.signed_distance(kSqOut15).value, 14.997539, 1e-3);

  // With the 10 m margin (no accuracy column), r = 0:
  //   centre: -50.78 + 10 <= 0: inside;   15 m in: -15.00 + 10 = -5.00 <= 0: inside;
  //   5 m in: -5.00 + 10 = 5.00 > 0 and -5.00 - 10 <= 0: uncertain;
  //   5 m out: 5.00 + 10 > 0 and 5.00 - 10 <= 0: uncertain;   15 m out: 15.00 - 10 = 5.00 > 0: outside.
  // A Sighting's distance is 0 inside the polygon (verify.hpp: "0 inside it").
  const auto tr = track(Pings{Ping{kSqCentre, t("09:00")}, Ping{kSqIn15, t("09:01")}, Ping{kSqIn5, t("09:02")},
                              Ping{kSqOut5, t("09:03")}, Ping{kSqOut15, t("09:04")}});
  struct Want {
    const char* at;
    double distance;
    Status status;
  };
  for (const Want& w :
       {Want{"09:00", 0.0, Status::inside}, Want{"09:01", 0.0, Status::inside}, Want{"09:02", 0.0, Status::uncertain},
        Want{"09:03", 4.996923, Status::uncertain}, Want{"09:04", 14.997539, Status::outside}}) {
    const Sighting s = sighting_at(tr, t(w.at), at20(), sq);
    EXPECT_NEAR(s.distance.value, w.distance, 1e-3) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
  }
  // With a margin of 0 the uncertain band vanishes: 5 m inside is inside, 5 m outside is outside.
  VerifyConfig zero = at20();
  zero.position_margin = Meters{0.0};
  EXPECT_EQ(sighting_at(tr, t("09:02"), zero, sq).status, Status::inside);
  EXPECT_EQ(sighting_at(tr, t("09:03"), zero, sq).status, Status::outside);
}

TEST(Status, PolygonPrismDistancesAreTakenOnePercentShort) {
  // RULE-QUESTION: docs/verify.md says "For a polygon place the reach distance is taken 1% short
  // (its nearest point is found in a local frame, which can overstate a far distance slightly)".
  // It does not say whether the 1% applies to the distance before r and u are taken off, or to
  // the reach distance d - r - u, nor whether it applies to an inside ping's depth. The reason
  // given (the distance can be overstated) and the aim ("so the prism stays conservative") apply
  // to every distance the prisms take from the polygon, depth included: an overstated depth would
  // lengthen "the time it needs to leave" and shorten runs of possible absence. Read so here; the
  // figures are taken with --position-margin 0 and the square's radius 0, where the two readings
  // of "reach distance" agree.
  VerifyConfig zero = at20();
  zero.position_margin = Meters{0.0};
  const ingest::PlaceRow sq = square_place();
  // Depth of the centre: 0.99 * 50.781735 = 50.273918 m; approach 15 m east: 0.99 * 14.997539 =
  // 14.847564 m. The distances themselves are not shortened.
  const auto near = track(Pings{Ping{kSqCentre, t("09:00")}, Ping{kSqOut15, t("09:01")}});
  const Sighting centre = sighting_at(near, t("09:00"), zero, sq);
  EXPECT_EQ(centre.status, Status::inside);
  EXPECT_NEAR(centre.depth.value, 50.273918, 1e-3);
  const Sighting east = sighting_at(near, t("09:01"), zero, sq);
  EXPECT_EQ(east.status, Status::outside);
  EXPECT_NEAR(east.distance.value, 14.997539, 1e-3);
  EXPECT_NEAR(east.approach.value, 14.847564, 1e-3);

  // Pings at 09:00 and 09:20 at kEast1k, 1000.000711 m east of the east edge; window
  // 09:00:10-09:19:50 (inside a silence), at 20 m/s:
  //   the square: 0.99 * 1000.000711 = 990.000704 m -> 49500.035 ms -> 49500 ms
  //   the point (52.6305, -1.1385), radius 0: 1000.000711 m -> 50000.036 ms -> 50000 ms
  const auto tr = track(Pings{Ping{kEast1k, t("09:00")}, Ping{kEast1k, t("09:20")}});
  const Observation o = observe("V1", tr, std::vector<Interval>{}, sq, span("09:00:10", "09:19:50"), zero);
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:00:10-09:19:50 0>1"));
  ASSERT_EQ(o.periods.size(), 1U);
  EXPECT_EQ(prism(o.periods[0]), "09:00:49.500>09:19:10.500");
  EXPECT_NEAR(sighting_at(tr, t("09:00"), zero, sq).distance.value, 1000.000711, 1e-3);
  const Observation pt = observe("V1", tr, std::vector<Interval>{}, point_place(ll(52.6305, -1.1385), 0.0, "E"),
                                 span("09:00:10", "09:19:50"), zero);
  ASSERT_EQ(pt.periods.size(), 1U);
  EXPECT_EQ(prism(pt.periods[0]), "09:00:50>09:19:10");
}

// =============================================================================================
// The speed bound: 200 km/h by default, raised per vehicle to its fastest
// =============================================================================================

TEST(SpeedBound, RaisedToTheFastestTheVehicleWasSeenToMove) {
  // Rows: 0 08:00 10 km north; 1 08:02 at X; 2 08:30, 3 08:56, 4 09:00:30, 5 09:04:30, 10 km north.
  // 08:00-08:02: 10 km in 120 s. In the local frame at the mean latitude 52.67493165 (meridional
  // radius of curvature M = a(1-e^2)/(1-e^2 sin^2 phi)^1.5, times the 0.0898633 degrees in
  // radians) that is 10000.000565 m; plus 1%: 10100.000571 m / 120 s = 84.166671 m/s =
  // 303.000017 km/h, above the default 200. Every other step is slower.
  const Pings fast{Ping{kN10k, t("08:00")}, Ping{kX, t("08:02")},       Ping{kN10k, t("08:30")},
                   Ping{kN10k, t("08:56")}, Ping{kN10k, t("09:00:30")}, Ping{kN10k, t("09:04:30")}};
  // The same with row 1 at 08:10: 10 km in 10 min, 60.6 km/h with 1%: the bound stays 200.
  Pings slow = fast;
  slow[1].when = t("08:10");

  EXPECT_NEAR(fastest_speed(track(fast), Speed::from_kmh(200.0)).kmh(), 303.000017, 1e-3);
  EXPECT_NEAR(fastest_speed(track(fast), Speed::from_kmh(400.0)).kmh(), 400.0, 1e-9);  // at least the floor
  EXPECT_NEAR(fastest_speed(track(slow), Speed::from_kmh(200.0)).kmh(), 200.0, 1e-9);
  EXPECT_NEAR(fastest_speed(clean::Track{}, Speed{20.0}).kmh(), 72.0, 1e-9);

  // Claim: absent 08:57-09:00, inside the step 08:56-09:00:30 (rows 3, 4; 4.5 min, not a silence),
  // both 10 km away (approach 9940.000560 m).
  //   At 200 km/h: 178920 ms each way: arrival 08:58:58.920 after departure 08:57:31.080:
  //   unreachable. The midpoint rule (08:58:15) makes all of it outside: no unobserved time.
  //   At 84.166671 m/s: 9940.000560 / 84.166671 = 118.099010 s -> 118099 ms: from 08:57:58.099 to
  //   09:00:30 - 118.099 s = 08:58:31.901, a possible stay of 33802 ms.
  const auto c = absent("08:57", "09:00");
  const VerifyConfig defaults;
  const Observation o_slow = observe_claim(c, track(slow), {}, defaults);
  EXPECT_NEAR(o_slow.speed.kmh(), 200.0, 1e-9);
  EXPECT_THAT(describe(o_slow.presence), IsEmpty());
  const ClaimResult r_slow = check(c, track(slow), {}, defaults);
  EXPECT_EQ(r_slow.verdict, Verdict::supported);
  EXPECT_EQ(r_slow.basis, Basis::seen_away_throughout);
  expect_seconds(r_slow, 0, 180'000, 0);
  EXPECT_FALSE(r_slow.nearest.has_value());  // no ping in the interval
  EXPECT_NEAR(r_slow.speed.kmh(), 200.0, 1e-9);

  const Observation o_fast = observe_claim(c, track(fast), {}, defaults);
  EXPECT_NEAR(o_fast.speed.kmh(), 303.000017, 1e-3);
  EXPECT_THAT(describe(o_fast.presence), ElementsAre("08:57:58.099-08:58:31.901 V1:3>V1:4"));
  const ClaimResult r_fast = check(c, track(fast), {}, defaults);
  EXPECT_EQ(r_fast.verdict, Verdict::inconclusive);
  EXPECT_EQ(r_fast.basis, Basis::could_have_been);
  EXPECT_EQ(describe(r_fast.decisive_run), "08:57:58.099-08:58:31.901 V1:3>V1:4");
  EXPECT_EQ(count(r_fast.max_stay_between_pings), 33'802);
  EXPECT_NEAR(r_fast.speed.kmh(), 303.000017, 1e-3);
  EXPECT_THAT(evidence(r_fast), ElementsAre("V1:3", "V1:4"));

  // A bound given to observe is used as it is (verify.hpp: computed once per track).
  const Observation given = observe("V1", track(fast), std::vector<Interval>{}, c.place, span("08:57", "09:00"),
                                    defaults, true, Speed::from_kmh(200.0));
  EXPECT_NEAR(given.speed.kmh(), 200.0, 1e-9);
  EXPECT_THAT(describe(given.presence), IsEmpty());
}

// =============================================================================================
// observe: the two prisms of every stretch, runs, periods
// =============================================================================================

TEST(Observe, TheTwoPrismsOfAStep) {
  // Rows: 0 09:00 1 km (outside, 47000 ms away), 1 09:04 20 m (inside, 1000 ms deep), 2 09:08
  // 500 m (outside, 22000 ms away). Window 09:00-09:08, 20 m/s.
  // Could it have been at X?  0>1: from 09:00 + 47 s = 09:00:47 to 09:04 - 0 = 09:04:00;
  //                           1>2: from 09:04:00 to 09:08 - 22 s = 09:07:38.
  // They touch at the inside ping: one run 09:00:47-09:07:38.
  // Could it have been away?  0>1: from 09:00 (not inside) to 09:04 - 1 s = 09:03:59;
  //                           1>2: from 09:04 + 1 s = 09:04:01 to 09:08 (not inside).
  // The inside ping separates them.
  const auto tr = track(Pings{Ping{kN1k, t("09:00")}, Ping{kN20, t("09:04")}, Ping{kN500, t("09:08")}});
  const Observation o = observe("V1", tr, std::vector<Interval>{}, point_place(), span("09:00", "09:08"), at20());
  EXPECT_EQ(o.vehicle_id, "V1");
  EXPECT_EQ(o.window, span("09:00", "09:08"));
  EXPECT_TRUE(o.has_pings);
  EXPECT_DOUBLE_EQ(o.speed.kmh(), 72.0);
  EXPECT_THAT(describe(o.presence), ElementsAre("09:00:47-09:07:38 V1:0>V1:2"));
  EXPECT_THAT(describe(o.absence), ElementsAre("09:00:00-09:03:59 V1:0>V1:1", "09:04:01-09:08:00 V1:1>V1:2"));
  ASSERT_EQ(o.absence.size(), 2U);
  EXPECT_FALSE(o.absence[0].start_at_inside);
  EXPECT_TRUE(o.absence[0].end_at_inside);
  EXPECT_TRUE(o.absence[1].start_at_inside);
  EXPECT_FALSE(o.absence[1].end_at_inside);
  // The first stretch that cannot hold X throughout: 0>1 (arrival 09:00:47, after 09:00).
  EXPECT_EQ(describe(o.cannot_hold), "V1:0>V1:1 09:00:00-09:04:00 09:00:47>09:04:00");
  ASSERT_TRUE(o.cannot_hold.has_value());
  EXPECT_FALSE(o.cannot_hold->silence);
  EXPECT_DOUBLE_EQ(o.cannot_hold->speed.kmh(), 72.0);
  // The step with the longest possible stay: 1>2, 218000 ms (0>1: 193000 ms).
  EXPECT_EQ(describe(o.longest_step_stay), "V1:1>V1:2 09:04:00-09:08:00 09:04:00>09:07:38");
  ASSERT_TRUE(o.longest_step_stay.has_value());
  EXPECT_EQ(o.longest_step_stay->reach.longest_stay(), ms(218'000));
  // The midpoint rule: 09:02 and 09:06. No prism on observed periods.
  EXPECT_THAT(describe(o.periods), ElementsAre("outside V1 09:00:00-09:02:00 0>0", "inside V1 09:02:00-09:06:00 1>1",
                                               "outside V1 09:06:00-09:08:00 2>2"));
  for (const Period& p : o.periods) EXPECT_FALSE(p.reach.has_value()) << describe(p);
  // The pings in the window (its end, 09:08, included).
  EXPECT_EQ(tag(o.nearest), "V1:1");
  EXPECT_EQ(tag(o.nearest_inside), "V1:1");
  EXPECT_EQ(tag(o.farthest_outside), "V1:0");  // 1 km, farther than 500 m
  EXPECT_EQ(tag(o.first_inside), "V1:1");
  EXPECT_EQ(tag(o.last_inside), "V1:1");
  EXPECT_EQ(o.inside_count, 1U);
  EXPECT_EQ(tag(o.first_ping), "V1:0");
  EXPECT_EQ(tag(o.last_ping), "V1:2");
  ASSERT_TRUE(o.farthest_outside.has_value());
  EXPECT_NEAR(o.farthest_outside->approach.value, 940.000981, 1e-3);
  ASSERT_TRUE(o.nearest_inside.has_value());
  EXPECT_NEAR(o.nearest_inside->depth.value, 20.003111, 1e-3);
}

TEST(Observe, ASilenceAndTheOpenStretchAfterTheLastPing) {
  // Rows: 0 08:50 1 km, 1 09:10 500 m; nothing after. Window 09:00-09:25, 20 m/s.
  // 0>1 (a 20 min silence) over 09:00-09:10: arrival 08:50:47, clipped to 09:00; departure
  // 09:10 - 22 s = 09:09:38: it cannot hold X up to 09:10.
  // After row 1 (open) over 09:10-09:25: arrival 09:10:22, departure open (09:25).
  // Possible absence: no inside ping at all: 09:00-09:25 throughout (the outside ping at 09:10
  // does not interrupt it).
  const auto tr = track(Pings{Ping{kN1k, t("08:50")}, Ping{kN500, t("09:10")}});
  const Observation o = observe("V1", tr, std::vector<Interval>{}, point_place(), span("09:00", "09:25"), at20());
  EXPECT_THAT(describe(o.presence), ElementsAre("09:00:00-09:09:38 V1:0>V1:1", "09:10:22-09:25:00 V1:1>-"));
  EXPECT_THAT(describe(o.absence), ElementsAre("09:00:00-09:25:00 V1:0>-"));
  EXPECT_EQ(describe(o.cannot_hold), "V1:0>V1:1 09:00:00-09:10:00 09:00:00>09:09:38");
  ASSERT_TRUE(o.cannot_hold.has_value());
  EXPECT_TRUE(o.cannot_hold->silence);
  EXPECT_FALSE(o.cannot_hold->bridged);
  EXPECT_FALSE(o.longest_step_stay.has_value());  // both stretches are silences
  EXPECT_THAT(describe(o.periods),
              ElementsAre("unobserved V1 09:00:00-09:10:00 0>1", "unobserved V1 09:10:00-09:25:00 1>-"));
  ASSERT_EQ(o.periods.size(), 2U);
  EXPECT_EQ(prism(o.periods[0]), "09:00:00>09:09:38");
  EXPECT_EQ(prism(o.periods[1]), "09:10:22>09:25:00");
  EXPECT_EQ(tag(o.nearest), "V1:1");
  EXPECT_EQ(tag(o.first_ping), "V1:1");
  EXPECT_EQ(tag(o.last_ping), "V1:1");
  EXPECT_EQ(o.inside_count, 0U);
  EXPECT_FALSE(o.first_inside.has_value());

  // As an absence claim: the longer run of possible presence (878000 ms after 09:10:22 against
  // 578000 ms before 09:09:38) is quoted.
  const ClaimResult a = check(absent("09:00", "09:25"), tr);
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  EXPECT_EQ(describe(a.decisive_run), "09:10:22-09:25:00 V1:1>-");
  expect_seconds(a, 0, 0, 1'500'000);
  EXPECT_EQ(a.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(a.max_possible_stay), 878'000);
  EXPECT_FALSE(a.max_stay_between_pings.has_value());
  EXPECT_EQ(a.max_away, ms(1'500'000));
  EXPECT_THAT(evidence(a), ElementsAre("V1:1"));
  // As a presence claim: row 1 is a ping in the interval surely away.
  const ClaimResult p = check(present("09:00", "09:25"), tr);
  EXPECT_EQ(p.verdict, Verdict::contradicted);
  EXPECT_EQ(p.basis, Basis::seen_away);
  EXPECT_EQ(tag(p.decisive), "V1:1");
}

TEST(Observe, TheOpenStretchBeforeTheFirstPing) {
  // Rows: 0 09:10 1 km, 1 09:12 1 km. Window 09:00-09:11, 20 m/s.
  // Before row 0 (open) over 09:00-09:10: arrival open (09:00), departure 09:10 - 47 s = 09:09:13.
  // 0>1 (2 min, a step) over 09:10-09:11: arrival 09:10:47, departure min(09:11, 09:12 - 47 s).
  const auto tr = track(Pings{Ping{kN1k, t("09:10")}, Ping{kN1k, t("09:12")}});
  const Observation o = observe("V1", tr, std::vector<Interval>{}, point_place(), span("09:00", "09:11"), at20());
  EXPECT_THAT(describe(o.presence), ElementsAre("09:00:00-09:09:13 ->V1:0", "09:10:47-09:11:00 V1:0>V1:1"));
  EXPECT_THAT(describe(o.absence), ElementsAre("09:00:00-09:11:00 ->V1:1"));
  EXPECT_EQ(describe(o.cannot_hold), "->V1:0 09:00:00-09:10:00 09:00:00>09:09:13");
  ASSERT_TRUE(o.cannot_hold.has_value());
  EXPECT_TRUE(o.cannot_hold->silence);  // open on a side
  EXPECT_EQ(describe(o.longest_step_stay), "V1:0>V1:1 09:10:00-09:11:00 09:10:47>09:11:00");
  // Before the first ping: unobserved; 09:10-09:12 by the midpoint rule: row 0 until 09:11.
  EXPECT_THAT(describe(o.periods),
              ElementsAre("unobserved V1 09:00:00-09:10:00 ->0", "outside V1 09:10:00-09:11:00 0>0"));
  EXPECT_EQ(prism(o.periods.at(0)), "09:00:00>09:09:13");
}

TEST(Observe, EmptyTrackIsOneStretchOpenBothWays) {
  const clean::Track empty;
  const Observation o =
      observe("V1", empty, std::vector<Interval>{}, point_place(), span("09:00", "10:00"), at20());
  EXPECT_FALSE(o.has_pings);
  EXPECT_DOUBLE_EQ(o.speed.kmh(), 72.0);
  EXPECT_FALSE(o.nearest.has_value());
  EXPECT_FALSE(o.first_ping.has_value());
  EXPECT_FALSE(o.last_ping.has_value());
  EXPECT_FALSE(o.cannot_hold.has_value());
  EXPECT_FALSE(o.longest_step_stay.has_value());
  EXPECT_THAT(describe(o.presence), ElementsAre("09:00:00-10:00:00 ->-"));
  EXPECT_THAT(describe(o.absence), ElementsAre("09:00:00-10:00:00 ->-"));
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:00:00-10:00:00 ->-"));
  EXPECT_EQ(prism(o.periods.at(0)), "09:00:00>10:00:00");
  EXPECT_THAT(o.discarded, IsEmpty());

  // Present: nothing rules it out, but it could have been away all hour.
  const ClaimResult p = check(present("09:00", "10:00"), empty);
  EXPECT_EQ(p.verdict, Verdict::inconclusive);
  EXPECT_EQ(p.basis, Basis::could_have_left);
  expect_seconds(p, 0, 0, 3'600'000);
  EXPECT_EQ(p.max_away, ms(3'600'000));
  EXPECT_EQ(describe(p.decisive_run), "09:00:00-10:00:00 ->-");
  EXPECT_TRUE(p.vehicle_without_pings);
  EXPECT_EQ(p.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(p.max_possible_stay), 3'600'000);
  EXPECT_FALSE(p.max_stay_between_pings.has_value());
  EXPECT_FALSE(p.nearest.has_value());
  EXPECT_EQ(p.inside_count, 0U);
  EXPECT_THAT(evidence(p), IsEmpty());
  EXPECT_THAT(p.vehicles, ElementsAre("V1"));
  // Absent: it could have been there all hour.
  const ClaimResult a = check(absent("09:00", "10:00"), empty);
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  EXPECT_EQ(describe(a.decisive_run), "09:00:00-10:00:00 ->-");
  EXPECT_TRUE(a.vehicle_without_pings);
  // At the default speed the bound reported is 200 km/h.
  EXPECT_NEAR(check(absent("09:00", "10:00"), empty, {}, VerifyConfig{}).speed.kmh(), 200.0, 1e-9);
}

TEST(Observe, GapOfExactlyFiveMinutesIsNotASilence) {
  const auto place = point_place();
  const std::vector<Interval> none;
  // 09:00 and 09:05 at 20 m (300000 ms, no more than --gap): a step; the midpoint rule, inside
  // throughout; the step's whole part in the window is a possible stay (both pings inside).
  const auto five = track(Pings{Ping{kN20, t("09:00")}, Ping{kN20, t("09:05")}});
  const Observation o5 = observe("V1", five, none, place, span("09:01", "09:04"), at20());
  EXPECT_THAT(describe(o5.periods), ElementsAre("inside V1 09:01:00-09:04:00 0>1"));
  EXPECT_EQ(describe(o5.longest_step_stay), "V1:0>V1:1 09:01:00-09:04:00 09:01:00>09:04:00");
  // 1 ms more: a silence, unobserved, with its prism; not a step.
  const auto more = track(Pings{Ping{kN20, t("09:00")}, Ping{kN20, t("09:05:00.001")}});
  const Observation o = observe("V1", more, none, place, span("09:01", "09:04"), at20());
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:01:00-09:04:00 0>1"));
  EXPECT_EQ(prism(o.periods.at(0)), "09:01:00>09:04:00");
  EXPECT_FALSE(o.longest_step_stay.has_value());
  EXPECT_THAT(describe(o.presence), ElementsAre("09:01:00-09:04:00 V1:0>V1:1"));
  // --gap 10 min: 7 min between pings is not a silence.
  VerifyConfig ten = at20();
  ten.gap = mins(10);
  const auto seven = track(Pings{Ping{kN20, t("09:00")}, Ping{kN20, t("09:07")}});
  EXPECT_THAT(describe(observe("V1", seven, none, place, span("09:01", "09:06"), ten).periods),
              ElementsAre("inside V1 09:01:00-09:06:00 0>1"));
  EXPECT_THAT(describe(observe("V1", seven, none, place, span("09:01", "09:06"), at20()).periods),
              ElementsAre("unobserved V1 09:01:00-09:06:00 0>1"));
}

TEST(Observe, PresenceRunsMergeThroughAnUncertainOrInsidePingNotAnOutsideOne) {
  // Rows: 0 09:00 1 km, 1 09:04 (below), 2 09:08 1 km. Window 09:00-09:08, 20 m/s.
  const auto with_middle = [](LatLon middle) {
    return observe("V1", track(Pings{Ping{kN1k, t("09:00")}, Ping{middle, t("09:04")}, Ping{kN1k, t("09:08")}}),
                   std::vector<Interval>{}, point_place(), span("09:00", "09:08"), at20());
  };
  // Uncertain (54.905 m: approach 0): 0>1 from 09:00:47 to 09:04:00, 1>2 from 09:04:00 to
  // 09:08 - 47 s = 09:07:13: they touch at 09:04 and merge. No inside ping: away throughout.
  const Observation uncertain = with_middle(kN54_9);
  EXPECT_THAT(describe(uncertain.presence), ElementsAre("09:00:47-09:07:13 V1:0>V1:2"));
  ASSERT_EQ(uncertain.presence.size(), 1U);
  EXPECT_EQ(uncertain.presence[0].span.length(), ms(386'000));
  EXPECT_THAT(describe(uncertain.absence), ElementsAre("09:00:00-09:08:00 V1:0>V1:2"));
  // Inside (20 m): the same possible stay; but the inside ping splits the possible absence at
  // 09:04 - 1 s and 09:04 + 1 s.
  const Observation inside = with_middle(kN20);
  EXPECT_THAT(describe(inside.presence), ElementsAre("09:00:47-09:07:13 V1:0>V1:2"));
  EXPECT_THAT(describe(inside.absence), ElementsAre("09:00:00-09:03:59 V1:0>V1:1", "09:04:01-09:08:00 V1:1>V1:2"));
  // Outside (500 m, approach 22 s): 09:00:47-09:03:38 and 09:04:22-09:07:13, apart.
  const Observation outside = with_middle(kN500);
  EXPECT_THAT(describe(outside.presence), ElementsAre("09:00:47-09:03:38 V1:0>V1:1", "09:04:22-09:07:13 V1:1>V1:2"));
  EXPECT_THAT(describe(outside.absence), ElementsAre("09:00:00-09:08:00 V1:0>V1:2"));
}

TEST(Observe, AbsenceRunsSplitAtAnInsidePingEvenWhenTheyTouch) {
  // Rows: 0 09:00 20 m, 1 09:04 (below), 2 09:08 20 m; accuracy 10 but where said. Window
  // 09:00-09:08, 20 m/s. Leaving from row 0 takes 1000 ms, coming back to row 2 1000 ms.
  const auto track_with = [](LatLon middle, float accuracy) {
    return track(
        Pings{Ping{kN20, t("09:00"), 10.0F}, Ping{middle, t("09:04"), accuracy}, Ping{kN20, t("09:08"), 10.0F}}, true);
  };
  const auto with_middle = [&](LatLon middle, float accuracy) {
    return observe("V1", track_with(middle, accuracy), std::vector<Interval>{}, point_place(),
                   span("09:00", "09:08"), at20());
  };
  // Row 1 20 m, margin 10: depth 20.003111 m, 1000 ms either way.
  EXPECT_THAT(describe(with_middle(kN20, 10.0F).absence),
              ElementsAre("09:00:01-09:03:59 V1:0>V1:1", "09:04:01-09:07:59 V1:1>V1:2"));
  // Row 1 20 m with an accuracy of 30: 19.996889 + 30 = 49.996889 <= 50, inside, depth
  // 0.003111 m -> 0.156 ms -> 0 ms. The runs touch at 09:04:00 and still do not merge: the
  // vehicle was at X at that instant.
  const Observation shallow = with_middle(kN20, 30.0F);
  const Sighting row1 = sighting_at(track_with(kN20, 30.0F), t("09:04"));
  EXPECT_EQ(row1.status, Status::inside);
  EXPECT_NEAR(row1.depth.value, 0.003111, 1e-4);
  EXPECT_THAT(describe(shallow.absence), ElementsAre("09:00:01-09:04:00 V1:0>V1:1", "09:04:00-09:07:59 V1:1>V1:2"));
  ASSERT_EQ(shallow.absence.size(), 2U);
  EXPECT_TRUE(shallow.absence[0].end_at_inside);
  EXPECT_TRUE(shallow.absence[1].start_at_inside);
  // Row 1 uncertain (54.905 m) or outside (500 m): one run across it.
  EXPECT_THAT(describe(with_middle(kN54_9, 10.0F).absence), ElementsAre("09:00:01-09:07:59 V1:0>V1:2"));
  EXPECT_THAT(describe(with_middle(kN500, 10.0F).absence), ElementsAre("09:00:01-09:07:59 V1:0>V1:2"));
}

TEST(Observe, PingsInTheWindowWithItsEndInclusiveOrNot) {
  // Rows: 0 09:00 500 m, 1 09:02 20 m, 2 09:04 X, 3 09:06 2 km, 4 09:08 1 km, 5 09:10 20 m
  // (2 km in 2 min: 16.7 m/s, with 1% 16.8: no raise). Window 09:02-09:10.
  const auto tr = track(Pings{Ping{kN500, t("09:00")}, Ping{kN20, t("09:02")}, Ping{kX, t("09:04")},
                              Ping{kN2k, t("09:06")}, Ping{kN1k, t("09:08")}, Ping{kN20, t("09:10")}});
  const auto window = [&](bool end_inclusive) {
    return observe("V7", tr, std::vector<Interval>{}, point_place(), span("09:02", "09:10"), at20(),
                   end_inclusive);
  };
  // End inclusive (the claim's own end): rows 1..5.
  const Observation incl = window(true);
  EXPECT_EQ(tag(incl.nearest), "V7:2");
  EXPECT_EQ(tag(incl.nearest_inside), "V7:2");
  EXPECT_EQ(tag(incl.farthest_outside), "V7:3");  // not row 0 (09:00), before the window
  EXPECT_EQ(tag(incl.first_inside), "V7:1");
  EXPECT_EQ(tag(incl.last_inside), "V7:5");
  EXPECT_EQ(incl.inside_count, 3U);
  EXPECT_EQ(tag(incl.first_ping), "V7:1");
  EXPECT_EQ(tag(incl.last_ping), "V7:5");
  // End exclusive (another segment starts at 09:10): row 5 is not a ping of this window.
  const Observation excl = window(false);
  EXPECT_EQ(tag(excl.last_inside), "V7:2");
  EXPECT_EQ(excl.inside_count, 2U);
  EXPECT_EQ(tag(excl.last_ping), "V7:4");
  EXPECT_EQ(tag(excl.farthest_outside), "V7:3");
  // The periods are the same either way (the midpoint rule fills the window).
  EXPECT_EQ(describe(excl.periods), describe(incl.periods));
}

// --- Bridged silences ---------------------------------------------------------------------------

// Rows 0..4: 09:00, 09:00:30, 09:01, 09:01:30, 09:02; rows 5..9: 09:08, 09:08:30, ..., 09:10, all at
// `where`. One silence 09:02-09:08 (6 min).
Pings silence_at(LatLon where) {
  return every(where, "09:00", "09:02", secs(30)) + every(where, "09:08", "09:10", secs(30));
}

TEST(Observe, ABridgedSilenceIsUnobservedWithItsPrismsAnchored) {
  // A dwell 08:50-09:20 holds the silence: the dwell rule bridges it. It is labelled bridged and is
  // unobserved like any other silence: possible stay 09:02-09:08 (both pings inside, approach 0),
  // possible absence 09:02:01-09:07:59 (1000 ms to leave and to come back).
  // RULE-QUESTION: "its prisms are open" is read as "not closed by the dwell rule's inference",
  // i.e. bounded by the pings around the silence like any other silence (not as unanchored).
  const std::vector<Interval> dwell{span("08:50", "09:20")};
  const Observation o = observe("V1", track(silence_at(kN20)), dwell, point_place(), span("09:00", "09:10"), at20());
  EXPECT_THAT(describe(o.periods), ElementsAre("inside V1 09:00:00-09:02:00 0>4", "bridged V1 09:02:00-09:08:00 4>5",
                                               "inside V1 09:08:00-09:10:00 5>9"));
  EXPECT_EQ(prism(o.periods.at(1)), "09:02:00>09:08:00");
  // Possible presence throughout (inside pings join the stays around them).
  EXPECT_THAT(describe(o.presence), ElementsAre("09:00:00-09:10:00 V1:0>V1:9"));
  ASSERT_EQ(o.presence.size(), 1U);
  EXPECT_TRUE(o.presence[0].bridged);
  // Possible absence: 28 s in each 30 s step, and the silence.
  const auto silence_run = std::find_if(o.absence.begin(), o.absence.end(),
                                        [](const verify::Run& r) { return r.span.start == t("09:02:01"); });
  ASSERT_NE(silence_run, o.absence.end());
  EXPECT_EQ(describe(*silence_run), "09:02:01-09:07:59 V1:4>V1:5");
  EXPECT_TRUE(silence_run->bridged);
  EXPECT_EQ(o.absence.size(), 9U);  // 4 steps, the silence, 4 steps

  // No dwell, or a dwell that begins inside the silence: unobserved, not bridged.
  for (const auto& dwells : {std::vector<Interval>{}, std::vector<Interval>{span("09:05", "09:30")},
                             std::vector<Interval>{span("08:50", "09:05")}}) {
    const Observation plain =
        observe("V1", track(silence_at(kN20)), dwells, point_place(), span("09:00", "09:10"), at20());
    ASSERT_EQ(plain.periods.size(), 3U);
    EXPECT_EQ(describe(plain.periods[1]), "unobserved V1 09:02:00-09:08:00 4>5");
  }
}

TEST(Observe, ASilenceTheDwellRuleBridgesAwayFromThePlaceIsBridgedToo) {
  // docs/verify.md: "The dwell rule bridges a silence inside a dwell when the pings on both sides
  // are at the same spot ... claim_periods.csv labels it bridged so that a reader sees the dwell
  // rule's inference." The spot need not be the claim's place: here it is 1 km away, both pings
  // outside. The silence is bridged by the dwell 08:50-09:20; its prism is the ordinary one:
  // 09:02 + 47 s = 09:02:47 to 09:08 - 47 s = 09:07:13.
  const Observation o = observe("V1", track(silence_at(kN1k)), std::vector<Interval>{span("08:50", "09:20")},
                                point_place(), span("09:00", "09:10"), at20());
  ASSERT_EQ(o.periods.size(), 3U);
  EXPECT_EQ(describe(o.periods[1]), "bridged V1 09:02:00-09:08:00 4>5");
  EXPECT_EQ(prism(o.periods[1]), "09:02:47>09:07:13");
}

// =============================================================================================
// present
// =============================================================================================

TEST(PresentClaim, SupportedWhenSeenThereWithPingsCloseTogether) {
  // 20 m north (inside, 1000 ms deep at 20 m/s), every 30 s: rows 0..10 08:59:45, 09:00:15, ...,
  // 09:04:45; rows 11..21 09:05:25, 09:05:55, ..., 09:10:25 (one step of 40 s, rows 10-11).
  // Claim 09:00-09:10. Runs of possible absence within the interval:
  //   0>1 (08:59:45-09:00:15): from 08:59:46, clipped to 09:00:00, to 09:00:14: 14 s
  //   each 30 s step: t + 1 s to t + 29 s: 28 s
  //   10>11 (09:04:45-09:05:25): 09:04:46-09:05:24: 38 s, the longest
  //   20>21 (09:09:55-09:10:25) clipped: 09:09:56-09:10:00: 4 s
  // 38 s is within the 60 s --presence-tolerance, and rows 1..20 are inside in the interval.
  const auto tr = track(every(kN20, "08:59:45", "09:04:45", secs(30)) + every(kN20, "09:05:25", "09:10:25", secs(30)));
  const ClaimResult r = check(present("09:00", "09:10"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  EXPECT_EQ(r.max_away, ms(38'000));
  EXPECT_EQ(describe(r.decisive_run), "09:04:46-09:05:24 V1:10>V1:11");
  EXPECT_EQ(r.inside_count, 20U);
  EXPECT_EQ(tag(r.first_inside), "V1:1");
  EXPECT_EQ(tag(r.last_inside), "V1:20");
  // The first and last inside pings and the pings around the longest run of possible absence.
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:10", "V1:11", "V1:20"));
  // Midpoints 09:00:00 (rows 0/1) and 09:10:10 (rows 20/21): rows 1 and 20 stand for the ends.
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:10:00 1>20"));
  expect_seconds(r, 600'000, 0, 0);
  EXPECT_FALSE(r.feasible.has_value());  // no unobserved time
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_EQ(count(r.max_stay_between_pings), 40'000);  // the 40 s step, both pings inside
  EXPECT_EQ(tag(r.nearest), "V1:1");                   // all 19.997 m: the earliest in the interval
  EXPECT_NEAR(r.nearest->distance.value, 19.996889, 1e-3);
  EXPECT_THAT(r.vehicles, ElementsAre("V1"));
  EXPECT_FALSE(r.vehicle_without_pings);
  EXPECT_DOUBLE_EQ(r.speed.kmh(), 72.0);
  EXPECT_THAT(r.segments, ::testing::SizeIs(1));

  // --presence-tolerance 37999 ms: the 38 s run is longer: could have left.
  const ClaimResult strict = check(present("09:00", "09:10"), tr, {}, at20_tolerance(ms(37'999)));
  EXPECT_EQ(strict.verdict, Verdict::inconclusive);
  EXPECT_EQ(strict.basis, Basis::could_have_left);
  EXPECT_EQ(describe(strict.decisive_run), "09:04:46-09:05:24 V1:10>V1:11");
  EXPECT_THAT(evidence(strict), ElementsAre("V1:10", "V1:11"));
}

TEST(PresentClaim, SupportedAtTheDefaultSpeedWith30SecondPings) {
  // docs/verify.md: "with 30-s pings the longest possible absence is under 30 s". 20 m north every
  // 30 s 09:00:00-09:10:00 (rows 0..20), 200 km/h: leaving and coming back take 360 ms each:
  // 30000 - 2 * 360 = 29280 ms in every step.
  const auto tr = track(every(kN20, "09:00", "09:10", secs(30)));
  const ClaimResult r = check(present("09:00", "09:10"), tr, {}, VerifyConfig{});
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  EXPECT_EQ(r.max_away, ms(29'280));
  ASSERT_TRUE(r.decisive_run.has_value());
  EXPECT_EQ(r.decisive_run->span.length(), ms(29'280));
  EXPECT_EQ(r.inside_count, 21U);  // rows 0 and 20 at the interval's ends count
  EXPECT_THAT(evidence(r), Contains("V1:0"));
  EXPECT_THAT(evidence(r), Contains("V1:20"));
  EXPECT_NEAR(r.speed.kmh(), 200.0, 1e-9);
  expect_seconds(r, 600'000, 0, 0);
}

TEST(PresentClaim, PresenceToleranceIsInclusive) {
  // 20 m north every 62 s from 09:00:00 (rows 0..10, the last 09:10:20), 20 m/s. Every step but
  // the last leaves t + 1 s to t + 61 s: 60000 ms; the last (09:09:18-09:10:20) clipped:
  // 09:09:19-09:10:00, 41 s. Claim 09:00-09:10.
  const auto tr = track(every(kN20, t("09:00"), t("09:10:20"), secs(62)));
  // Exactly the default 60 s tolerance: still supported.
  const ClaimResult r = check(present("09:00", "09:10"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  EXPECT_EQ(r.max_away, ms(60'000));
  // 1 ms less tolerance: could have left.
  const ClaimResult less = check(present("09:00", "09:10"), tr, {}, at20_tolerance(ms(59'999)));
  EXPECT_EQ(less.verdict, Verdict::inconclusive);
  EXPECT_EQ(less.basis, Basis::could_have_left);
  EXPECT_EQ(less.max_away, ms(60'000));
  // Nine equally long runs: the earliest is quoted (docs/verify.md: "ties: the earliest").
  EXPECT_EQ(describe(less.decisive_run), "09:00:01-09:01:01 V1:0>V1:1");
  // Pings 62.001 s apart (rows at 09:00:00 + k * 62001 ms): every run 60001 ms, 1 ms more than
  // the default tolerance.
  const auto wider = track(every(kN20, t("09:00"), t("09:10:20.010"), ms(62'001)));
  const ClaimResult w = check(present("09:00", "09:10"), wider);
  EXPECT_EQ(w.verdict, Verdict::inconclusive);
  EXPECT_EQ(w.basis, Basis::could_have_left);
  EXPECT_EQ(w.max_away, ms(60'001));
  EXPECT_EQ(describe(w.decisive_run), "09:00:01-09:01:01.001 V1:0>V1:1");
}

TEST(PresentClaim, CouldHaveLeftBetweenPingsFourMinutesApart) {
  // 20 m north: rows 0 08:58, 1 09:02, 2 09:06, 3 09:10:30, 4 09:14:30, 5 09:18:30, 6 09:22:30.
  // Claim 09:00-09:20, 20 m/s. Runs of possible absence:
  //   0>1 clipped: 09:00:00-09:01:59 (119 s); 1>2: 09:02:01-09:05:59 (238 s);
  //   2>3: 09:06:01-09:10:29 (268 s, the longest); 3>4, 4>5: 238 s; 5>6 clipped: 09:18:31-09:20:00.
  // Seen there (rows 1..5), never seen away, could hold X throughout; but could have been away for
  // 268 s, more than 60 s.
  const auto tr = track(every(kN20, "08:58", "09:06") + every(kN20, "09:10:30", "09:22:30"));
  const ClaimResult r = check(present("09:00", "09:20"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_left);
  EXPECT_EQ(r.max_away, ms(268'000));
  EXPECT_EQ(describe(r.decisive_run), "09:06:01-09:10:29 V1:2>V1:3");
  EXPECT_THAT(evidence(r), ElementsAre("V1:2", "V1:3"));
  EXPECT_EQ(r.inside_count, 5U);
  // Inside by the midpoint rule throughout (which never decides a verdict).
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:20:00 1>5"));
  expect_seconds(r, 1'200'000, 0, 0);

  // docs/verify.md: "with pings 4 min 59 s apart it is nearly 5 minutes". 20 m north at 09:00:00,
  // 09:04:59, 09:09:58, 09:14:57 (rows 0..3), 200 km/h: 299000 - 2 * 360 = 298280 ms; the two
  // equally long runs: the earliest, 09:00:00.360-09:04:58.640, is quoted.
  const auto sparse = track(every(kN20, t("09:00"), t("09:14:57"), secs(299)));
  const ClaimResult s = check(present("09:00", "09:10"), sparse, {}, VerifyConfig{});
  EXPECT_EQ(s.verdict, Verdict::inconclusive);
  EXPECT_EQ(s.basis, Basis::could_have_left);
  EXPECT_EQ(s.max_away, ms(298'280));
  EXPECT_EQ(describe(s.decisive_run), "09:00:00.360-09:04:58.640 V1:0>V1:1");
  expect_seconds(s, 600'000, 0, 0);  // 299 s steps are no silence
}

TEST(PresentClaim, ContradictedByAPingAwayTheFarthestIsQuoted) {
  // Default speed (200 km/h, 55.6 m/s). 20 m north every minute 08:59-09:11 (rows 0..12; 09:00 =
  // row 1, 09:10 = row 11), but 09:03 (row 4) 1 km away and 09:05 (row 6) 2 km away (1980 m in a
  // minute: 33 m/s with 1%, below the bound). Row 6 is the farthest.
  const Pings base = moved(moved(every(kN20, "08:59", "09:11", mins(1)), "09:03", kN1k), "09:05", kN2k);
  const VerifyConfig defaults;
  const ClaimResult r = check(present("09:00", "09:10"), track(base), {}, defaults);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::seen_away);
  ASSERT_TRUE(r.decisive.has_value());
  EXPECT_EQ(tag(r.decisive), "V1:6");
  EXPECT_EQ(hms(r.decisive->at), "09:05:00");
  EXPECT_NEAR(r.decisive->distance.value, 2000.003488, 1e-3);
  EXPECT_DOUBLE_EQ(r.decisive->margin.value, 10.0);
  EXPECT_EQ(r.decisive->status, Status::outside);
  EXPECT_NEAR(r.decisive->approach.value, 1940.003488, 1e-3);
  EXPECT_THAT(evidence(r), ElementsAre("V1:6"));
  EXPECT_EQ(tag(r.nearest), "V1:1");
  // Midpoints at :30: row 4 stands for 09:02:30-09:03:30, row 6 for 09:04:30-09:05:30.
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:02:30 1>3", "outside V1 09:02:30-09:03:30 4>4",
                                               "inside V1 09:03:30-09:04:30 5>5", "outside V1 09:04:30-09:05:30 6>6",
                                               "inside V1 09:05:30-09:10:00 7>11"));
  expect_seconds(r, 480'000, 120'000, 0);

  // A tie for the farthest (09:07, row 8, also 2 km away): the earliest is quoted.
  const ClaimResult tie = check(present("09:00", "09:10"), track(moved(base, "09:07", kN2k)), {}, defaults);
  EXPECT_EQ(tag(tie.decisive), "V1:6");
  // A farther ping later (09:07 3 km away; 2980 m in a minute, 50.2 m/s with 1%) is quoted instead.
  const ClaimResult far = check(present("09:00", "09:10"), track(moved(base, "09:07", kN3k)), {}, defaults);
  EXPECT_EQ(far.basis, Basis::seen_away);
  EXPECT_EQ(tag(far.decisive), "V1:8");
  EXPECT_NEAR(far.decisive->distance.value, 2999.996393, 1e-3);
}

TEST(PresentClaim, PingsAtTheIntervalsEndsAreInsideIt) {
  // 20 m north every minute 08:59-09:11 (rows 0..12), default speed. A ping away at exactly 09:10
  // (the end, inclusive) contradicts; it stands for 09:09:30-09:10:00.
  const Pings base = every(kN20, "08:59", "09:11", mins(1));
  const ClaimResult at_end = check(present("09:00", "09:10"), track(moved(base, "09:10", kN1k)), {}, VerifyConfig{});
  EXPECT_EQ(at_end.verdict, Verdict::contradicted);
  EXPECT_EQ(at_end.basis, Basis::seen_away);
  EXPECT_EQ(tag(at_end.decisive), "V1:11");
  expect_seconds(at_end, 570'000, 30'000, 0);
  // ... and so does one at exactly 09:00 (the start), standing for 09:00:00-09:00:30.
  const ClaimResult at_start = check(present("09:00", "09:10"), track(moved(base, "09:00", kN1k)), {}, VerifyConfig{});
  EXPECT_EQ(at_start.basis, Basis::seen_away);
  EXPECT_EQ(tag(at_start.decisive), "V1:1");
  expect_seconds(at_start, 570'000, 30'000, 0);
}

TEST(PresentClaim, ContradictedWhenTheVehicleCouldNotHaveArrivedInTime) {
  // Row 0 500 m away just before the interval (22000 ms from X at 20 m/s); rows 1..21 20 m north
  // every 30 s 09:00:20-09:10:20 (480 m in 30 s: 16 m/s, with 1% 16.2: no raise). Claim
  // 09:00-09:10. Row 0 is not in the interval, so not seen_away; but the stretch 0>1 covers
  // 09:00:00-09:00:20 of it.
  const Pings rest = every(kN20, "09:00:20", "09:10:20", secs(30));
  // Row 0 at 08:59:50: arrival 08:59:50 + 22 s = 09:00:12, after the start: could not hold.
  const ClaimResult late = check(present("09:00", "09:10"), track(Pings{Ping{kN500, t("08:59:50")}} + rest));
  EXPECT_EQ(late.verdict, Verdict::contradicted);
  EXPECT_EQ(late.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(late.decisive_stretch), "V1:0>V1:1 09:00:00-09:00:20 09:00:12>09:00:20");
  EXPECT_THAT(evidence(late), ElementsAre("V1:0", "V1:1"));
  EXPECT_FALSE(late.decisive.has_value());
  // Midpoint 09:00:05: 5 s outside by the midpoint rule.
  EXPECT_THAT(describe(late.periods),
              ElementsAre("outside V1 09:00:00-09:00:05 0>0", "inside V1 09:00:05-09:10:00 1>20"));
  expect_seconds(late, 595'000, 5'000, 0);
  EXPECT_FALSE(late.feasible.has_value());
  EXPECT_EQ(tag(late.nearest), "V1:1");

  // Row 0 at 08:59:38: arrival exactly 09:00:00, not after the start: it could hold X. Possible
  // absence: 0>1 clipped 09:00:00-09:00:19 (19 s), steps 28 s, 20>21 clipped 09:09:51-09:10:00:
  // supported. (Midpoint 08:59:59: all inside by the midpoint rule.)
  const ClaimResult in_time = check(present("09:00", "09:10"), track(Pings{Ping{kN500, t("08:59:38")}} + rest));
  EXPECT_EQ(in_time.verdict, Verdict::supported);
  EXPECT_EQ(in_time.basis, Basis::seen_there_throughout);
  EXPECT_EQ(in_time.max_away, ms(28'000));
  EXPECT_FALSE(in_time.decisive_stretch.has_value());
  expect_seconds(in_time, 600'000, 0, 0);
  // 1 ms later (08:59:38.001): arrival 09:00:00.001, after the start.
  const ClaimResult one_ms = check(present("09:00", "09:10"), track(Pings{Ping{kN500, t("08:59:38.001")}} + rest));
  EXPECT_EQ(one_ms.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(one_ms.decisive_stretch), "V1:0>V1:1 09:00:00-09:00:20 09:00:00.001>09:00:20");
}

TEST(PresentClaim, ContradictedWhenTheVehicleMustHaveLeftBeforeTheEnd) {
  // Rows 0..20: 20 m north every 30 s 08:59:40-09:09:40; row 21: 09:10:10, 500 m away (after the
  // interval: not seen_away). Claim 09:00-09:10. The stretch 20>21 covers 09:09:40-09:10:00; the
  // latest departure is 09:10:10 - 22 s = 09:09:48, before the end.
  const auto tr = track(every(kN20, "08:59:40", "09:09:40", secs(30)) + Pings{Ping{kN500, t("09:10:10")}});
  const ClaimResult r = check(present("09:00", "09:10"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(r.decisive_stretch), "V1:20>V1:21 09:09:40-09:10:00 09:09:40>09:09:48");
  EXPECT_THAT(evidence(r), ElementsAre("V1:20", "V1:21"));
  EXPECT_FALSE(r.decisive.has_value());
}

TEST(PresentClaim, ContradictedWhenThePlaceIsUnreachableInASilence) {
  // Rows 0 08:58 and 1 09:07, both 10 km away (497000 ms from X at 20 m/s); claim 09:00-09:05.
  // Arrival from 08:58 + 8 min 17 s = 09:06:17; departure by 09:07 - 8 min 17 s = 08:58:43: X is
  // unreachable in the silence.
  const auto tr = track(Pings{Ping{kN10k, t("08:58")}, Ping{kN10k, t("09:07")}});
  const ClaimResult r = check(present("09:00", "09:05"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(r.decisive_stretch), "V1:0>V1:1 09:00:00-09:05:00 09:06:17>08:58:43");
  ASSERT_TRUE(r.decisive_stretch.has_value());
  EXPECT_FALSE(r.decisive_stretch->reach.reachable());
  EXPECT_TRUE(r.decisive_stretch->silence);
  expect_seconds(r, 0, 0, 300'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_FALSE(r.nearest.has_value());  // no ping in the interval
  EXPECT_THAT(describe(r.periods), ElementsAre("unobserved V1 09:00:00-09:05:00 0>1"));
  EXPECT_EQ(prism(r.periods.at(0)), "09:06:17>08:58:43");
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));

  // The same track supports "it was not there": no run of possible presence; unobserved time.
  const ClaimResult a = check(absent("09:00", "09:05"), tr);
  EXPECT_EQ(a.verdict, Verdict::supported);
  EXPECT_EQ(a.basis, Basis::unreachable);
  EXPECT_EQ(a.feasible, std::optional<bool>(false));
  EXPECT_EQ(a.max_away, ms(300'000));
  // No closest approach; the pings around the unobserved period.
  EXPECT_THAT(evidence(a), ElementsAre("V1:0", "V1:1"));
}

TEST(PresentClaim, ContradictedAtTheDefaultSpeedWhenItArrivedTooLateAfterASilence) {
  // Default 200 km/h. Row 0: 08:58, 10 km away (178920 ms from X). Rows 1..17: 20 m north every
  // 30 s 09:05-09:13 (10 km in 7 min: 24 m/s with 1%, below the bound). Claim 09:00-09:10. The
  // silence 08:58-09:05 covers 09:00-09:05: arrival 08:58 + 178.920 s = 09:00:58.920, after the
  // start.
  const auto tr = track(Pings{Ping{kN10k, t("08:58")}} + every(kN20, "09:05", "09:13", secs(30)));
  const ClaimResult r = check(present("09:00", "09:10"), tr, {}, VerifyConfig{});
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(r.decisive_stretch), "V1:0>V1:1 09:00:00-09:05:00 09:00:58.920>09:05:00");
  EXPECT_THAT(describe(r.periods),
              ElementsAre("unobserved V1 09:00:00-09:05:00 0>1", "inside V1 09:05:00-09:10:00 1>11"));
  EXPECT_EQ(prism(r.periods.at(0)), "09:00:58.920>09:05:00");
  expect_seconds(r, 300'000, 0, 300'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));  // reachable, just not from the start
  EXPECT_EQ(count(r.max_possible_stay), 241'080);    // 09:05:00 - 09:00:58.920
  EXPECT_NEAR(r.speed.kmh(), 200.0, 1e-9);
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));
}

TEST(PresentClaim, NotSeenThereWhenNoPingInTheIntervalIsInside) {
  // Rows 0 08:59:50 and 1 09:00:40, 20 m north; claim 09:00:00-09:00:30, with no ping in it.
  // Possible absence 08:59:51-09:00:39, within the interval 09:00:00-09:00:30: 30 s, within the
  // tolerance; the stretch could hold X throughout. Nothing rules the claim out, but no ping in
  // the interval places the vehicle at X. (The midpoint rule calls all of it inside.)
  const auto tr = track(Pings{Ping{kN20, t("08:59:50")}, Ping{kN20, t("09:00:40")}});
  const ClaimResult r = check(present("09:00:00", "09:00:30"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::not_seen_there);
  EXPECT_EQ(r.max_away, ms(30'000));
  EXPECT_EQ(r.inside_count, 0U);
  EXPECT_FALSE(r.nearest.has_value());
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:00:30 0>1"));
  expect_seconds(r, 30'000, 0, 0);

  // Only uncertain pings (54.905 m) every 10 s 08:59:50-09:01:10; claim 09:00:00-09:00:50: no
  // inside ping, so it could have been away all 50 s, within the tolerance: not seen there.
  const auto weak = track(every(kN54_9, "08:59:50", "09:01:10", secs(10)));
  const ClaimResult w = check(present("09:00:00", "09:00:50"), weak);
  EXPECT_EQ(w.verdict, Verdict::inconclusive);
  EXPECT_EQ(w.basis, Basis::not_seen_there);
  EXPECT_EQ(w.max_away, ms(50'000));
  expect_seconds(w, 0, 0, 50'000, 0, 50'000);
  EXPECT_EQ(tag(w.nearest), "V1:1");  // 09:00:00, the first in the interval
  // The same pings over 09:00-09:10 (every minute 08:59-09:11): away for all 10 min possible.
  const ClaimResult longer = check(present("09:00", "09:10"), track(every(kN54_9, "08:59", "09:11", mins(1))));
  EXPECT_EQ(longer.verdict, Verdict::inconclusive);
  EXPECT_EQ(longer.basis, Basis::could_have_left);
  EXPECT_EQ(longer.max_away, ms(600'000));
  ASSERT_TRUE(longer.decisive_run.has_value());
  EXPECT_EQ(longer.decisive_run->span, span("09:00", "09:10"));
  expect_seconds(longer, 0, 0, 600'000, 0, 600'000);
}

TEST(PresentClaim, AnUncertainPingJoinsTheRunsOfPossibleAbsenceAroundIt) {
  // 20 m north every 30 s 08:59:45-09:10:15 (rows 0..21: 09:00:15 = 1, 09:09:45 = 20), but
  // 09:05:15 (row 11) 54.905 m away: uncertain. Neither it nor its neighbours place the vehicle
  // away; the runs 10>11 (09:04:46-09:05:15) and 11>12 (09:05:15-09:05:44) merge through it:
  // 58 s, within the tolerance.
  const Pings base = every(kN20, "08:59:45", "09:10:15", secs(30));
  const ClaimResult r = check(present("09:00", "09:10"), track(moved(base, "09:05:15", kN54_9)));
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  EXPECT_EQ(r.max_away, ms(58'000));
  EXPECT_EQ(describe(r.decisive_run), "09:04:46-09:05:44 V1:10>V1:12");
  EXPECT_EQ(r.inside_count, 19U);
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:10", "V1:12", "V1:20"));
  // Row 11 stands for 09:05:00-09:05:30: uncertain, unobserved. Its possible stay: the whole 30 s
  // (approach 0 on every ping around it).
  EXPECT_THAT(describe(r.periods),
              ElementsAre("inside V1 09:00:00-09:05:00 1>10", "uncertain V1 09:05:00-09:05:30 11>11",
                          "inside V1 09:05:30-09:10:00 12>20"));
  expect_seconds(r, 570'000, 0, 30'000, 0, 30'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 30'000);

  // Two uncertain pings in a row (09:05:15, 09:05:45): 09:04:46-09:06:14, 88 s: could have left.
  const ClaimResult two =
      check(present("09:00", "09:10"), track(moved(moved(base, "09:05:15", kN54_9), "09:05:45", kN54_9)));
  EXPECT_EQ(two.verdict, Verdict::inconclusive);
  EXPECT_EQ(two.basis, Basis::could_have_left);
  EXPECT_EQ(describe(two.decisive_run), "09:04:46-09:06:14 V1:10>V1:13");
}

TEST(PresentClaim, ABridgedSilenceDoesNotSupportIt) {
  // silence_at(20 m): 30 s pings 09:00-09:02 and 09:08-09:10; the dwell 08:50-09:20 bridges the
  // silence. Claim 09:00-09:10. The vehicle could have left and parked at the same spot again:
  // possible absence 09:02:01-09:07:59 (358 s).
  const ClaimResult r = check(present("09:00", "09:10"), track(silence_at(kN20)), {span("08:50", "09:20")});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_left);
  EXPECT_EQ(r.max_away, ms(358'000));
  EXPECT_EQ(describe(r.decisive_run), "09:02:01-09:07:59 V1:4>V1:5");
  ASSERT_TRUE(r.decisive_run.has_value());
  EXPECT_TRUE(r.decisive_run->bridged);
  EXPECT_THAT(evidence(r), ElementsAre("V1:4", "V1:5"));
  // Bridged time is unobserved (bridged_s is part of unobserved_s).
  expect_seconds(r, 240'000, 0, 360'000, 360'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 360'000);
  // Without the dwell: the same verdict, the silence unobserved and not bridged.
  const ClaimResult plain = check(present("09:00", "09:10"), track(silence_at(kN20)));
  EXPECT_EQ(plain.basis, Basis::could_have_left);
  expect_seconds(plain, 240'000, 0, 360'000);
}

// =============================================================================================
// absent
// =============================================================================================

TEST(AbsentClaim, ContradictedByAPingThereTheNearestIsQuoted) {
  // 1 km north every minute 08:59-09:11 (rows 0..12; 09:00 = row 1, 09:10 = row 11); 09:03 (row 4)
  // 39.905 m away (inside with the 10 m margin) and 09:05 (row 6) 20 m away. Row 6 is the nearest.
  const Pings base = moved(moved(every(kN1k, "08:59", "09:11", mins(1)), "09:03", kN39_9), "09:05", kN20);
  const ClaimResult r = check(absent("09:00", "09:10"), track(base));
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::seen_there);
  ASSERT_TRUE(r.decisive.has_value());
  EXPECT_EQ(tag(r.decisive), "V1:6");
  EXPECT_TRUE(r.decisive->inside());
  EXPECT_NEAR(r.decisive->distance.value, 19.996889, 1e-3);
  EXPECT_NEAR(r.decisive->depth.value, 20.003111, 1e-3);
  EXPECT_THAT(evidence(r), ElementsAre("V1:6"));
  EXPECT_EQ(tag(r.nearest), "V1:6");
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-09:02:30 1>3", "inside V1 09:02:30-09:03:30 4>4",
                                               "outside V1 09:03:30-09:04:30 5>5", "inside V1 09:04:30-09:05:30 6>6",
                                               "outside V1 09:05:30-09:10:00 7>11"));
  expect_seconds(r, 120'000, 480'000, 0);
  // A tie (09:07, row 8, also 20 m away): the earliest.
  EXPECT_EQ(tag(check(absent("09:00", "09:10"), track(moved(base, "09:07", kN20))).decisive), "V1:6");
  // A nearer ping later (09:07 at X itself): that one.
  EXPECT_EQ(tag(check(absent("09:00", "09:10"), track(moved(base, "09:07", kX))).decisive), "V1:8");
  // A ping inside exactly at the interval's end (inclusive) contradicts.
  const ClaimResult at_end =
      check(absent("09:00", "09:10"), track(moved(every(kN1k, "08:59", "09:11", mins(1)), "09:10", kN20)));
  EXPECT_EQ(at_end.basis, Basis::seen_there);
  EXPECT_EQ(tag(at_end.decisive), "V1:11");
}

TEST(AbsentClaim, AnUncertainPingKeepsItOpenButDoesNotContradictIt) {
  // 1 km north every minute 08:59-09:11 (rows 0..12), 20 m/s: 47 s from X each way, so no step of
  // a minute leaves time to reach X (47 + 47 > 60). 09:04 (row 5) is 54.905 m away: uncertain,
  // approach 0. The steps around it: 09:03 + 47 s = 09:03:47 to 09:04:00, and 09:04:00 to
  // 09:05 - 47 s = 09:04:13; they merge through the uncertain ping: 26 s of possible presence.
  const Pings base = moved(every(kN1k, "08:59", "09:11", mins(1)), "09:04", kN54_9);
  const ClaimResult r = check(absent("09:00", "09:10"), track(base));
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  EXPECT_EQ(describe(r.decisive_run), "09:03:47-09:04:13 V1:4>V1:6");
  EXPECT_THAT(evidence(r), ElementsAre("V1:4", "V1:6"));
  EXPECT_EQ(count(r.max_stay_between_pings), 13'000);  // each step alone
  EXPECT_EQ(tag(r.nearest), "V1:5");
  EXPECT_EQ(r.nearest->status, Status::uncertain);
  // Row 5 stands for 09:03:30-09:04:30: uncertain, unobserved.
  expect_seconds(r, 0, 540'000, 60'000, 0, 60'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  // --min-visit 26 s: "lasts --min-visit or longer": still open; 26001 ms: supported, and the
  // uncertain time makes it `unreachable`, not `seen_away_throughout`.
  EXPECT_EQ(check(absent("09:00", "09:10"), track(base), {}, at20_min_visit(ms(26'000))).verdict,
            Verdict::inconclusive);
  const ClaimResult held = check(absent("09:00", "09:10"), track(base), {}, at20_min_visit(ms(26'001)));
  EXPECT_EQ(held.verdict, Verdict::supported);
  EXPECT_EQ(held.basis, Basis::unreachable);
  EXPECT_THAT(evidence(held), ElementsAre("V1:5"));  // the closest approach (it also stands for the uncertain period)

  // A fix with a huge accuracy: 09:04 1.2 km away with accuracy 2000 (the others 10). 1200.004 +
  // 2000 > 50 (not inside), 1200.004 - 2000 <= 50 (not surely outside): uncertain, approach 0:
  // the same 26 s. It cannot contradict "I never went there".
  const auto weak =
      track(moved(with_accuracy(every(kN1k, "08:59", "09:11", mins(1)), 10.0F), "09:04", kN1_2k, 2000.0F), true);
  const ClaimResult w = check(absent("09:00", "09:10"), weak);
  EXPECT_EQ(w.verdict, Verdict::inconclusive);
  EXPECT_EQ(w.basis, Basis::could_have_been);
  EXPECT_EQ(describe(w.decisive_run), "09:03:47-09:04:13 V1:4>V1:6");
  // --position-margin 10 overrides its accuracy: surely outside, approach 1140.003586 m -> 57000 ms;
  // 47 + 57 > 60 on both sides: no possible presence, no unobserved time.
  VerifyConfig ten = at20();
  ten.position_margin = Meters{10.0};
  const ClaimResult held10 = check(absent("09:00", "09:10"), weak, {}, ten);
  EXPECT_EQ(held10.verdict, Verdict::supported);
  EXPECT_EQ(held10.basis, Basis::seen_away_throughout);
  EXPECT_EQ(tag(held10.nearest), "V1:1");  // 1 km at 09:00, the earliest of the nearest
  EXPECT_THAT(evidence(held10), ElementsAre("V1:1"));
}

TEST(AbsentClaim, AnUncertainPeriodsPossibleStayIsThatOfTheStretchesAroundIt) {
  // RULE-QUESTION: docs/verify.md fills the prism columns "for every period that is not observed
  // inside or outside" and defines max_possible_stay_s as "the longest possible stay over the
  // reachable unobserved periods", but does not say what an uncertain period's prism is. The
  // reading taken here: the prisms of the stretches it lies in ("Could it have been at the
  // place?"), clipped to it; the uncertain ping only removes its own bound (approach 0). As in
  // the test above: row 5 (09:04) uncertain between 1 km pings a minute apart, standing for
  // 09:03:30-09:04:30; the stretches allow X from 09:03:47 to 09:04:13: 26 s, not the whole
  // minute. (Reading the uncertain period as open throughout would report 60 s, a stay that the
  // pings a minute either side rule out.)
  const ClaimResult r =
      check(absent("09:00", "09:10"), track(moved(every(kN1k, "08:59", "09:11", mins(1)), "09:04", kN54_9)));
  ASSERT_EQ(r.periods.size(), 3U);
  EXPECT_EQ(describe(r.periods[1]), "uncertain V1 09:03:30-09:04:30 5>5");
  EXPECT_EQ(prism(r.periods[1]), "09:03:47>09:04:13");
  EXPECT_EQ(count(r.max_possible_stay), 26'000);
}

TEST(AbsentClaim, SupportedWhenSeenAwayThroughout) {
  // 1 km north every minute 08:59-09:11 (rows 0..12); 09:04 (row 5) 500 m away, the closest
  // approach. 20 m/s: 1 km to 1 km: 47 + 47 s > 60 s; 1 km to 500 m: 47 + 22 = 69 s > 60 s. No
  // run of possible presence; every minute observed outside by the midpoint rule.
  const auto tr = track(moved(every(kN1k, "08:59", "09:11", mins(1)), "09:04", kN500));
  const ClaimResult r = check(absent("09:00", "09:10"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_away_throughout);
  expect_seconds(r, 0, 600'000, 0);
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-09:10:00 1>11"));
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_FALSE(r.max_stay_between_pings.has_value());  // no step leaves a stay
  EXPECT_FALSE(r.decisive_run.has_value());
  EXPECT_EQ(tag(r.nearest), "V1:5");
  EXPECT_NEAR(r.nearest->distance.value, 500.000300, 1e-3);
  EXPECT_THAT(evidence(r), ElementsAre("V1:5"));  // the closest approach; no unobserved period
  // No inside ping: it could have been away all the time (max_away_s).
  EXPECT_EQ(r.max_away, ms(600'000));
}

TEST(AbsentClaim, SupportedUnreachableAcrossASilence) {
  // 10 km north every minute: rows 0..6 08:57-09:03, rows 7..11 09:09-09:13 (a 6 min silence).
  // 20 m/s, 8 min 17 s from X: the silence allows arrival from 09:03 + 8:17 = 09:11:17 and
  // departure by 09:09 - 8:17 = 09:00:43: unreachable; no step of a minute is reachable either.
  const auto tr = track(every(kN10k, "08:57", "09:03", mins(1)) + every(kN10k, "09:09", "09:13", mins(1)));
  const ClaimResult r = check(absent("09:00", "09:10"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::unreachable);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("outside V1 09:00:00-09:03:00 3>6", "unobserved V1 09:03:00-09:09:00 6>7",
                          "outside V1 09:09:00-09:10:00 7>8"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:11:17>09:00:43");
  expect_seconds(r, 0, 240'000, 360'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_EQ(tag(r.nearest), "V1:3");  // all 10 km: the earliest in the interval, 09:00
  // The closest approach and the pings around every unobserved period, by time.
  EXPECT_THAT(evidence(r), ElementsAre("V1:3", "V1:6", "V1:7"));
}

TEST(AbsentClaim, InconclusiveTheLongestRunOfPossiblePresenceIsQuoted) {
  // Every 4 min 08:58-09:22 (rows 0..6), 1 km north but 09:06 (row 2) 2 km and 09:10 (row 3)
  // 500 m. Claim 09:00-09:20, 20 m/s (47 s from 1 km, 97 s from 2 km, 22 s from 500 m). Possible
  // stays, each a separate run (outside pings between them):
  //   0>1 clipped: 09:00:00-09:01:13 (73 s)   1>2: 09:02:47-09:04:23 (96 s)
  //   2>3: 09:07:37-09:09:38 (121 s)          3>4: 09:10:22-09:13:13 (171 s, the longest)
  //   4>5: 09:14:47-09:17:13 (146 s)          5>6 clipped: 09:18:47-09:20:00 (73 s)
  const auto tr = track(moved(moved(every(kN1k, "08:58", "09:22"), "09:06", kN2k), "09:10", kN500));
  const ClaimResult r = check(absent("09:00", "09:20"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  EXPECT_EQ(describe(r.decisive_run), "09:10:22-09:13:13 V1:3>V1:4");
  EXPECT_THAT(evidence(r), ElementsAre("V1:3", "V1:4"));
  EXPECT_EQ(count(r.max_stay_between_pings), 171'000);
  EXPECT_FALSE(r.feasible.has_value());  // steps of 4 min: no unobserved time
  expect_seconds(r, 0, 1'200'000, 0);
  EXPECT_EQ(tag(r.nearest), "V1:3");
  const Observation o = observe_claim(absent("09:00", "09:20"), tr, {}, at20());
  EXPECT_THAT(describe(o.presence),
              ElementsAre("09:00:00-09:01:13 V1:0>V1:1", "09:02:47-09:04:23 V1:1>V1:2", "09:07:37-09:09:38 V1:2>V1:3",
                          "09:10:22-09:13:13 V1:3>V1:4", "09:14:47-09:17:13 V1:4>V1:5", "09:18:47-09:20:00 V1:5>V1:6"));

  // --min-visit 171 s: a run of exactly that "lasts --min-visit": still open.
  const ClaimResult equal = check(absent("09:00", "09:20"), tr, {}, at20_min_visit(ms(171'000)));
  EXPECT_EQ(equal.verdict, Verdict::inconclusive);
  EXPECT_EQ(equal.basis, Basis::could_have_been);
  // 1 ms more: no run lasts that long; no unobserved time.
  const ClaimResult held = check(absent("09:00", "09:20"), tr, {}, at20_min_visit(ms(171'001)));
  EXPECT_EQ(held.verdict, Verdict::supported);
  EXPECT_EQ(held.basis, Basis::seen_away_throughout);
  EXPECT_EQ(count(held.max_stay_between_pings), 171'000);  // still reported
  EXPECT_THAT(evidence(held), ElementsAre("V1:3"));        // the closest approach
  EXPECT_EQ(held.min_visit, ms(171'001));
}

TEST(AbsentClaim, ADriveByBetweenPingsAMinuteApartLeavesAPossibleStay) {
  // Default speed (200 km/h). A vehicle drives south along the road 120 m east of X at 320 m a
  // minute, a ping a minute: rows 0..10 at 09:26 ... 09:36 (the road in the header). Claim: absent
  // 09:27-09:35. Every ping is outside (the nearest is 199.997923 m, more than 50 + 10), but
  // between the two nearest (rows 4 and 5, 09:30 and 09:31) the vehicle could have turned into X:
  // 09:30 + 2519 ms = 09:30:02.519 to 09:31 - 2520 ms = 09:30:57.480, a stay of 54961 ms. The
  // other steps leave less (3-4: 60000 - 7825 - 2519 = 49656; 5-6: 60000 - 2520 - 7825 = 49655;
  // 2-3 and 6-7: 60000 - 13481 - 7825 = 38694; 1-2 and 7-8: 60000 - 19195 - 13481 = 27324; 8-9:
  // 60000 - 19195 - 24929 = 15876). The steps 0-1 and 9-10 only touch the interval at its ends.
  const double road = -1.1382277;
  Pings p;
  const char* clocks[] = {"09:26", "09:27", "09:28", "09:29", "09:30", "09:31",
                          "09:32", "09:33", "09:34", "09:35", "09:36"};
  const double lats[] = {52.6429404, 52.6400648, 52.6371891, 52.6343135, 52.6314378, 52.6285622,
                         52.6256865, 52.6228109, 52.6199352, 52.6170596, 52.6141839};
  for (std::size_t i = 0; i < 11; ++i) p.push_back(Ping{ll(lats[i], road), t(clocks[i])});
  const auto tr = track(p);
  const VerifyConfig defaults;
  const ClaimResult r = check(absent("09:27", "09:35"), tr, {}, defaults);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_seconds(r, 0, 480'000, 0);
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:27:00-09:35:00 1>9"));
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_EQ(count(r.max_stay_between_pings), 54'961);
  EXPECT_EQ(describe(r.decisive_run), "09:30:02.519-09:30:57.480 V1:4>V1:5");
  EXPECT_THAT(evidence(r), ElementsAre("V1:4", "V1:5"));
  EXPECT_EQ(tag(r.nearest), "V1:4");
  EXPECT_NEAR(r.nearest->distance.value, 199.997923, 1e-3);
  EXPECT_EQ(r.nearest->status, Status::outside);
  EXPECT_NEAR(r.speed.kmh(), 200.0, 1e-9);  // 320 m a minute: 19.4 km/h with 1%
  const Observation o = observe_claim(absent("09:27", "09:35"), tr, {}, defaults);
  ASSERT_EQ(o.presence.size(), 8U);  // steps 1-2 ... 8-9, separate
  EXPECT_EQ(describe(o.longest_step_stay), "V1:4>V1:5 09:30:00-09:31:00 09:30:02.519>09:30:57.480");

  // --min-visit 54961 ms: "at least": still open; 1 ms more: supported.
  VerifyConfig m = defaults;
  m.min_visit = ms(54'961);
  EXPECT_EQ(check(absent("09:27", "09:35"), tr, {}, m).verdict, Verdict::inconclusive);
  m.min_visit = ms(54'962);
  const ClaimResult held = check(absent("09:27", "09:35"), tr, {}, m);
  EXPECT_EQ(held.verdict, Verdict::supported);
  EXPECT_EQ(held.basis, Basis::seen_away_throughout);
  EXPECT_THAT(evidence(held), ElementsAre("V1:4"));  // the closest approach; no unobserved period
}

TEST(AbsentClaim, ABridgedSilenceKeepsItOpen) {
  // silence_at(20 m) with the dwell 08:50-09:20: the claim 09:03-09:07 falls in the bridged
  // silence 09:02-09:08. No ping in the interval; the vehicle could have been at X throughout
  // (both pings around it inside): not a contradiction (no ping places it there), but open.
  const ClaimResult r = check(absent("09:03", "09:07"), track(silence_at(kN20)), {span("08:50", "09:20")});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  EXPECT_EQ(describe(r.decisive_run), "09:03:00-09:07:00 V1:4>V1:5");
  EXPECT_THAT(describe(r.periods), ElementsAre("bridged V1 09:03:00-09:07:00 4>5"));
  expect_seconds(r, 0, 0, 240'000, 240'000);
  EXPECT_FALSE(r.nearest.has_value());
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 240'000);
}

// =============================================================================================
// Discarded rows
// =============================================================================================

// 1 km north at 08:56, 09:00, 09:04, 09:08, 09:12 (rows 0..4), with rows cleaning set aside:
//   100 08:58 500 m speed_spike        101 09:00 1 km duplicate (of row 1)
//   102 09:05 20 m conflicting_duplicate   103 09:10 X speed_spike
//   104 09:12 1 km duplicate (of row 4)    105 09:13 2 km speed_spike
clean::Track track_with_discards() {
  clean::Track tr = track(every(kN1k, "08:56", "09:12"));
  tr.discarded = {clean::Discard{100, t("08:58"), kN500, ProblemCode::speed_spike},
                  clean::Discard{101, t("09:00"), kN1k, ProblemCode::duplicate},
                  clean::Discard{102, t("09:05"), kN20, ProblemCode::conflicting_duplicate},
                  clean::Discard{103, t("09:10"), kX, ProblemCode::speed_spike},
                  clean::Discard{104, t("09:12"), kN1k, ProblemCode::duplicate},
                  clean::Discard{105, t("09:13"), kN2k, ProblemCode::speed_spike}};
  return tr;
}
std::vector<std::string> discarded_rows(const std::vector<Discarded>& d) {
  std::vector<std::string> out;
  for (const auto& x : d) out.push_back(std::to_string(x.ping.ping) + "@" + hms(x.ping.at));
  return out;
}

TEST(Discarded, RowsBetweenThePingsAroundTheIntervalAreNamed) {
  // Claim absent 09:01-09:09: the last ping at or before its start is 09:00 (row 1), the first at
  // or after its end 09:12 (row 4). Rows 101 (09:00) .. 104 (09:12) lie between them; 100 (08:58)
  // and 105 (09:13) do not.
  // RULE-QUESTION: "whose time lies between" the two pings is read inclusively: the duplicates of
  // the bounding pings themselves (101, 104) were set aside in the judged time.
  const auto c = absent("09:01", "09:09");
  const Observation o = observe_claim(c, track_with_discards(), {}, at20());
  EXPECT_THAT(discarded_rows(o.discarded), ElementsAre("101@09:00:00", "102@09:05:00", "103@09:10:00", "104@09:12:00"));
  const ClaimResult r = check(c, track_with_discards());
  EXPECT_THAT(discarded_rows(r.discarded), ElementsAre("101@09:00:00", "102@09:05:00", "103@09:10:00", "104@09:12:00"));
  // Row 102, 20 m from X, was not used: it does not place the vehicle at X. (1 km pings 4 min
  // apart leave 240 - 47 - 47 = 146 s of possible presence in each step.)
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  ASSERT_EQ(r.discarded.size(), 4U);
  const Discarded& row102 = r.discarded[1];
  EXPECT_EQ(row102.code, ProblemCode::conflicting_duplicate);
  EXPECT_EQ(row102.ping.vehicle_id, "V1");
  EXPECT_EQ(row102.ping.ping, 102U);
  EXPECT_NEAR(row102.ping.distance.value, 19.996889, 1e-3);
  EXPECT_DOUBLE_EQ(row102.ping.margin.value, 10.0);  // no accuracy of its own: the fallback
  EXPECT_EQ(row102.ping.status, Status::inside);
  EXPECT_EQ(r.discarded[0].code, ProblemCode::duplicate);
  EXPECT_EQ(r.discarded[2].code, ProblemCode::speed_spike);
  EXPECT_NEAR(r.discarded[2].ping.distance.value, 0.0, 1e-6);
}

TEST(Discarded, APingExactlyAtAnEndOfTheIntervalBoundsTheJudgedTime) {
  // Claim absent 09:00-09:08: the last ping at or before 09:00 is row 1 at 09:00 itself, the first
  // at or after 09:08 is row 3 at 09:08 itself. Only 101 (09:00) and 102 (09:05) lie between;
  // 100 (08:58, before row 1) and 103 (09:10), 104 (09:12) (after row 3) do not.
  const ClaimResult r = check(absent("09:00", "09:08"), track_with_discards());
  EXPECT_THAT(discarded_rows(r.discarded), ElementsAre("101@09:00:00", "102@09:05:00"));
}

// =============================================================================================
// plan_claims: segments from the roster
// =============================================================================================

ingest::AssignmentRow assignment(std::string officer, std::string vehicle, Instant start, Instant end) {
  return ingest::AssignmentRow{std::move(officer), std::move(vehicle), start, end, SourceRef{1, 2}};
}
const std::vector<std::string> kPaths{"shifts.csv", "assignments.csv"};

ingest::ClaimRow officer_claim(std::string officer, Instant start, Instant end, Assertion a = Assertion::present) {
  return claim(a, start, end, std::move(officer), ingest::SubjectKind::officer);
}

duty::Roster roster_of(std::vector<ingest::ShiftRow> shifts,
                       const std::vector<ingest::AssignmentRow>& assignments = {}) {
  ProblemSink problems;
  return duty::build_roster(std::move(shifts), assignments, kPaths, problems);
}
// O1: shift 08:00-16:00 in V1, assigned to V2 10:00-12:00.
duty::Roster two_vehicle_roster() {
  return roster_of({test::shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                   {assignment("O1", "V2", t("10:00"), t("12:00"))});
}
// O2: overlapping shifts 08:00-12:00 in V3 and 10:00-14:00 in V4: in both vehicles 10:00-12:00.
duty::Roster conflict_roster() {
  return roster_of(
      {test::shift("S2", "O2", t("08:00"), t("12:00"), "V3"), test::shift("S3", "O2", t("10:00"), t("14:00"), "V4")});
}
// O5: shift 09:00-17:00 in V7.
duty::Roster shift_roster() { return roster_of({test::shift("S5", "O5", t("09:00"), t("17:00"), "V7")}); }

std::string kind_word(SegmentKind k) {
  switch (k) {
    case SegmentKind::vehicle: return "vehicle";
    case SegmentKind::no_vehicle: return "no_vehicle";
    case SegmentKind::roster_conflict: return "roster_conflict";
    case SegmentKind::handover: return "handover";
    case SegmentKind::roster_unknown: return "roster_unknown";
  }
  return "?";
}
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ";") + n;
  return out;
}
// "handover 09:58:00-10:02:00) V1;V2": kind, span with "]" when its end is inclusive and ")" when
// not, the vehicles, and "+none" when a side of the roster instant has no vehicle.
std::string describe(const Segment& s) {
  std::string out = kind_word(s.kind) + " " + hms(s.span.start) + "-" + hms(s.span.end) + (s.end_inclusive ? "]" : ")");
  if (!s.vehicles.empty()) out += " " + joined(s.vehicles);
  if (s.may_be_in_no_vehicle) out += "+none";
  return out;
}
std::vector<std::string> describe(const std::vector<Segment>& segments) {
  std::vector<std::string> out;
  for (const auto& s : segments) out.push_back(describe(s));
  return out;
}
std::string instants(const Segment& s) {
  std::vector<std::string> out;
  for (const Instant x : s.roster_instants) out.push_back(hms(x));
  return joined(out);
}
// "0/1 V2 09:58:00-10:02:00)": claim/segment, vehicle, window, "]" or ")".
std::vector<std::string> parts(const ClaimPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.parts)
    out.push_back(std::to_string(p.claim) + "/" + std::to_string(p.segment) + " " + p.vehicle_id + " " +
                  hms(p.window.start) + "-" + hms(p.window.end) + (p.end_inclusive ? "]" : ")"));
  return out;
}

TEST(PlanClaims, AVehicleClaimIsOneVehicleSegment) {
  const ClaimPlan plan =
      plan_claims({claim(Assertion::present, t("09:00"), t("10:00"), "V9")}, duty::Roster{}, mins(2));
  ASSERT_EQ(plan.segments.size(), 1U);
  EXPECT_THAT(describe(plan.segments[0]), ElementsAre("vehicle 09:00:00-10:00:00] V9"));
  EXPECT_THAT(parts(plan), ElementsAre("0/0 V9 09:00:00-10:00:00]"));
}

TEST(PlanClaims, OneShiftAroundTheClaimIsOneVehicleSegment) {
  // O5 in V7 09:00-17:00; the claim 10:00-11:00 is far from both roster instants.
  const ClaimPlan plan = plan_claims({officer_claim("O5", t("10:00"), t("11:00"))}, shift_roster(), mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)), ElementsAre("vehicle 10:00:00-11:00:00] V7"));
  EXPECT_THAT(parts(plan), ElementsAre("0/0 V7 10:00:00-11:00:00]"));
  // Two overlapping shifts in one vehicle: the set of vehicles never changes, no roster instant.
  const duty::Roster same = roster_of(
      {test::shift("S1", "O8", t("08:00"), t("12:00"), "V1"), test::shift("S2", "O8", t("10:00"), t("14:00"), "V1")});
  const ClaimPlan one = plan_claims({officer_claim("O8", t("09:00"), t("13:00"))}, same, mins(2));
  EXPECT_THAT(describe(one.segments.at(0)), ElementsAre("vehicle 09:00:00-13:00:00] V1"));
}

TEST(PlanClaims, AHandoverSurroundsEachRosterInstantWithTheDefaultTolerance) {
  // O1: V1, then V2 from 10:00 to 12:00 (roster instants 10:00 and 12:00). --roster-tolerance 2 min:
  // 09:58-10:02 and 11:58-12:02 are handovers with both vehicles as candidates.
  const std::vector<ingest::ClaimRow> claims{officer_claim("O1", t("09:00"), t("11:00")),
                                             officer_claim("O1", t("09:00"), t("13:00"))};
  const ClaimPlan plan = plan_claims(claims, two_vehicle_roster(), mins(2));
  ASSERT_EQ(plan.segments.size(), 2U);
  EXPECT_THAT(describe(plan.segments[0]),
              ElementsAre("vehicle 09:00:00-09:58:00) V1", "handover 09:58:00-10:02:00) V1;V2",
                          "vehicle 10:02:00-11:00:00] V2"));
  EXPECT_EQ(instants(plan.segments[0].at(1)), "10:00:00");
  EXPECT_THAT(
      describe(plan.segments[1]),
      ElementsAre("vehicle 09:00:00-09:58:00) V1", "handover 09:58:00-10:02:00) V1;V2", "vehicle 10:02:00-11:58:00) V2",
                  "handover 11:58:00-12:02:00) V1;V2", "vehicle 12:02:00-13:00:00] V1"));
  EXPECT_EQ(instants(plan.segments[1].at(3)), "12:00:00");
  // One part per (segment, vehicle): each candidate of a handover over the whole handover.
  EXPECT_THAT(parts(plan),
              ElementsAre("0/0 V1 09:00:00-09:58:00)", "0/1 V1 09:58:00-10:02:00)", "0/1 V2 09:58:00-10:02:00)",
                          "0/2 V2 10:02:00-11:00:00]", "1/0 V1 09:00:00-09:58:00)", "1/1 V1 09:58:00-10:02:00)",
                          "1/1 V2 09:58:00-10:02:00)", "1/2 V2 10:02:00-11:58:00)", "1/3 V1 11:58:00-12:02:00)",
                          "1/3 V2 11:58:00-12:02:00)", "1/4 V1 12:02:00-13:00:00]"));
}

TEST(PlanClaims, ZeroToleranceSplitsExactlyAtTheRosterInstant) {
  const std::vector<ingest::ClaimRow> claims{officer_claim("O1", t("09:00"), t("11:00")),
                                             officer_claim("O1", t("09:00"), t("13:00"))};
  const ClaimPlan plan = plan_claims(claims, two_vehicle_roster(), Millis{0});
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("vehicle 09:00:00-10:00:00) V1", "vehicle 10:00:00-11:00:00] V2"));
  EXPECT_THAT(
      describe(plan.segments.at(1)),
      ElementsAre("vehicle 09:00:00-10:00:00) V1", "vehicle 10:00:00-12:00:00) V2", "vehicle 12:00:00-13:00:00] V1"));
  EXPECT_THAT(parts(plan),
              ElementsAre("0/0 V1 09:00:00-10:00:00)", "0/1 V2 10:00:00-11:00:00]", "1/0 V1 09:00:00-10:00:00)",
                          "1/1 V2 10:00:00-12:00:00)", "1/2 V1 12:00:00-13:00:00]"));
}

TEST(PlanClaims, AShiftStartingOrEndingInTheClaimIsAHandoverWithNoVehicle) {
  // O5 in V7 09:00-17:00. Before 08:58 and after 17:02 the officer is in no vehicle; within 2 min of
  // 09:00 and 17:00 in V7 or in none.
  const std::vector<ingest::ClaimRow> claims{officer_claim("O5", t("08:30"), t("10:00")),
                                             officer_claim("O5", t("16:00"), t("17:30")),
                                             officer_claim("O5", t("08:30"), t("17:30"))};
  const ClaimPlan plan = plan_claims(claims, shift_roster(), mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("no_vehicle 08:30:00-08:58:00)", "handover 08:58:00-09:02:00) V7+none",
                          "vehicle 09:02:00-10:00:00] V7"));
  EXPECT_THAT(describe(plan.segments.at(1)),
              ElementsAre("vehicle 16:00:00-16:58:00) V7", "handover 16:58:00-17:02:00) V7+none",
                          "no_vehicle 17:02:00-17:30:00]"));
  EXPECT_THAT(describe(plan.segments.at(2)),
              ElementsAre("no_vehicle 08:30:00-08:58:00)", "handover 08:58:00-09:02:00) V7+none",
                          "vehicle 09:02:00-16:58:00) V7", "handover 16:58:00-17:02:00) V7+none",
                          "no_vehicle 17:02:00-17:30:00]"));
  // No part for time in no vehicle.
  EXPECT_THAT(parts(plan),
              ElementsAre("0/1 V7 08:58:00-09:02:00)", "0/2 V7 09:02:00-10:00:00]", "1/0 V7 16:00:00-16:58:00)",
                          "1/1 V7 16:58:00-17:02:00)", "2/1 V7 08:58:00-09:02:00)", "2/2 V7 09:02:00-16:58:00)",
                          "2/3 V7 16:58:00-17:02:00)"));
}

TEST(PlanClaims, OverlappingShiftsAreARosterConflict) {
  // O2 in V3 from 08:00 and in V4 from 10:00 to 14:00; V3's shift ends at 12:00. Roster instants
  // 10:00 ({V3} to {V3, V4}) and 12:00 ({V3, V4} to {V4}).
  const ClaimPlan plan = plan_claims({officer_claim("O2", t("09:00"), t("13:00"))}, conflict_roster(), mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("vehicle 09:00:00-09:58:00) V3", "handover 09:58:00-10:02:00) V3;V4",
                          "roster_conflict 10:02:00-11:58:00) V3;V4", "handover 11:58:00-12:02:00) V3;V4",
                          "vehicle 12:02:00-13:00:00] V4"));
  EXPECT_THAT(parts(plan),
              ElementsAre("0/0 V3 09:00:00-09:58:00)", "0/1 V3 09:58:00-10:02:00)", "0/1 V4 09:58:00-10:02:00)",
                          "0/2 V3 10:02:00-11:58:00)", "0/2 V4 10:02:00-11:58:00)", "0/3 V3 11:58:00-12:02:00)",
                          "0/3 V4 11:58:00-12:02:00)", "0/4 V4 12:02:00-13:00:00]"));
  // Wholly within the conflict, far from both instants: one roster_conflict segment.
  const ClaimPlan inner = plan_claims({officer_claim("O2", t("10:30"), t("11:30"))}, conflict_roster(), mins(2));
  EXPECT_THAT(describe(inner.segments.at(0)), ElementsAre("roster_conflict 10:30:00-11:30:00] V3;V4"));
}

TEST(PlanClaims, OverlappingTolerancesMerge) {
  // O1 in V1, assigned to V2 10:00-10:03: instants 10:00 and 10:03, whose tolerances 09:58-10:02
  // and 10:01-10:05 overlap: one handover 09:58-10:05 around both.
  const duty::Roster short_stint = roster_of({test::shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                                             {assignment("O1", "V2", t("10:00"), t("10:03"))});
  const ClaimPlan plan = plan_claims({officer_claim("O1", t("09:00"), t("11:00"))}, short_stint, mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("vehicle 09:00:00-09:58:00) V1", "handover 09:58:00-10:05:00) V1;V2",
                          "vehicle 10:05:00-11:00:00] V1"));
  EXPECT_EQ(instants(plan.segments.at(0).at(1)), "10:00:00;10:03:00");
  // Assigned 10:00-10:05: 09:58-10:02 and 10:03-10:07 do not overlap: two handovers, V2 alone
  // between them.
  const duty::Roster longer = roster_of({test::shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                                        {assignment("O1", "V2", t("10:00"), t("10:05"))});
  const ClaimPlan two = plan_claims({officer_claim("O1", t("09:00"), t("11:00"))}, longer, mins(2));
  EXPECT_THAT(
      describe(two.segments.at(0)),
      ElementsAre("vehicle 09:00:00-09:58:00) V1", "handover 09:58:00-10:02:00) V1;V2", "vehicle 10:02:00-10:03:00) V2",
                  "handover 10:03:00-10:07:00) V1;V2", "vehicle 10:07:00-11:00:00] V1"));
}

TEST(PlanClaims, ARosterInstantJustOutsideTheIntervalCounts) {
  // O9 in V7 08:59-10:01; claim 09:00-10:00. The instants 08:59 (1 min before the start) and
  // 10:01 (1 min after the end) are within the tolerance: 08:57-09:01 and 09:59-10:03, clipped to
  // the interval; the last segment ends at the claim's own end, inclusive.
  const duty::Roster r = roster_of({test::shift("S9", "O9", t("08:59"), t("10:01"), "V7")});
  const ClaimPlan plan = plan_claims({officer_claim("O9", t("09:00"), t("10:00"))}, r, mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("handover 09:00:00-09:01:00) V7+none", "vehicle 09:01:00-09:59:00) V7",
                          "handover 09:59:00-10:00:00] V7+none"));
  EXPECT_EQ(instants(plan.segments.at(0).at(0)), "08:59:00");
  EXPECT_EQ(instants(plan.segments.at(0).at(2)), "10:01:00");
  EXPECT_THAT(parts(plan),
              ElementsAre("0/0 V7 09:00:00-09:01:00)", "0/1 V7 09:01:00-09:59:00)", "0/2 V7 09:59:00-10:00:00]"));
}

TEST(PlanClaims, TimeInNoVehicle) {
  // An officer with no shift at all: no vehicle throughout, nothing to observe.
  const ClaimPlan none = plan_claims({officer_claim("O4", t("09:00"), t("10:00"))}, two_vehicle_roster(), mins(2));
  EXPECT_THAT(describe(none.segments.at(0)), ElementsAre("no_vehicle 09:00:00-10:00:00]"));
  EXPECT_THAT(parts(none), IsEmpty());
  // O3: a shift 08:00-16:00 without a vehicle, assigned to V5 10:00-11:00.
  const duty::Roster r =
      roster_of({test::shift("S4", "O3", t("08:00"), t("16:00"))}, {assignment("O3", "V5", t("10:00"), t("11:00"))});
  const ClaimPlan plan = plan_claims({officer_claim("O3", t("09:00"), t("12:00"))}, r, mins(2));
  EXPECT_THAT(describe(plan.segments.at(0)),
              ElementsAre("no_vehicle 09:00:00-09:58:00)", "handover 09:58:00-10:02:00) V5+none",
                          "vehicle 10:02:00-10:58:00) V5", "handover 10:58:00-11:02:00) V5+none",
                          "no_vehicle 11:02:00-12:00:00]"));
  EXPECT_THAT(parts(plan),
              ElementsAre("0/1 V5 09:58:00-10:02:00)", "0/2 V5 10:02:00-10:58:00)", "0/3 V5 10:58:00-11:02:00)"));
}

// =============================================================================================
// Officers: judge over vehicle, handover, no_vehicle and roster_conflict segments
// =============================================================================================

// Plans the claim, observes every part (with its end_inclusive, naming its segment) and judges it.
ClaimResult run_officer(const ingest::ClaimRow& c, const duty::Roster& roster,
                        const std::map<std::string, clean::Track>& tracks, const VerifyConfig& config = at20(),
                        bool reverse = false, const std::vector<ingest::RejectedRosterRow>& rejected = {}) {
  const ClaimPlan plan = plan_claims({c}, roster, config.roster_tolerance, rejected);
  std::vector<Observation> obs;
  const clean::Track none;
  for (const auto& part : plan.parts) {
    const auto it = tracks.find(part.vehicle_id);
    obs.push_back(observe(part.vehicle_id, it == tracks.end() ? none : it->second, std::vector<Interval>{},
                          c.place, part.window, config, part.end_inclusive));
    obs.back().segment = part.segment;
  }
  if (reverse) std::reverse(obs.begin(), obs.end());
  return judge(c, plan.segments.at(0), std::move(obs), config);
}
const Period* find_period(const ClaimResult& r, PeriodKind kind) {
  const auto it = std::find_if(r.periods.begin(), r.periods.end(), [&](const Period& p) { return p.kind == kind; });
  return it == r.periods.end() ? nullptr : &*it;
}

TEST(OfficerClaim, CandidatesAtThePlaceTheOfficersPossibleAbsenceIsTheUnionOfTheirs) {
  // O1: V1, V2 from 10:00 (two_vehicle_roster). Claim: O1 at X 09:50-10:10, 20 m/s. Segments:
  // V1 09:50-09:58, handover 09:58-10:02 (V1 or V2), V2 10:02-10:10.
  // Both vehicles 20 m north every 30 s at the same instants 09:49:30-10:10:30 (rows 0..42:
  // 09:50 = 1, 09:57:30 = 16, 09:58 = 17, 10:02 = 25, 10:10 = 41). Every run of possible absence,
  // in the vehicle segments and the candidates' alike, is t + 1 s to t + 29 s: 28 s; their union
  // in the handover is the same runs. V1's ping at 09:58 is not in V1's segment (its end is
  // exclusive): V1's last ping there is row 16, V2's first row 25.
  const duty::Roster roster = two_vehicle_roster();
  const auto c = officer_claim("O1", t("09:50"), t("10:10"));
  const Pings same = every(kN20, "09:49:30", "10:10:30", secs(30));
  const ClaimResult r = run_officer(c, roster, {{"V1", track(same)}, {"V2", track(same)}});
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  EXPECT_EQ(r.max_away, ms(28'000));
  EXPECT_EQ(r.inside_count, 33U);  // V1 rows 1..16, V2 rows 25..41; the candidates' do not count
  EXPECT_EQ(tag(r.first_inside), "V1:1");
  EXPECT_EQ(tag(r.last_inside), "V2:41");
  EXPECT_THAT(evidence(r), Contains("V1:1"));
  EXPECT_THAT(evidence(r), Contains("V2:41"));
  EXPECT_THAT(describe(r.periods),
              ElementsAre("inside V1 09:50:00-09:58:00 1>17", "handover V1;V2 09:58:00-10:02:00 V1:16>V2:25",
                          "inside V2 10:02:00-10:10:00 25>41"));
  // The officer's own prism over the handover, anchored on V1's row 16 and V2's row 25 (inside).
  EXPECT_EQ(prism(r.periods.at(1)), "09:58:00>10:02:00");
  expect_seconds(r, 960'000, 0, 240'000, 0, 0, 240'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 240'000);
  EXPECT_THAT(r.vehicles, ElementsAre("V1", "V2"));
  EXPECT_THAT(describe(r.segments), ElementsAre("vehicle 09:50:00-09:58:00) V1", "handover 09:58:00-10:02:00) V1;V2",
                                                "vehicle 10:02:00-10:10:00] V2"));
  // Observations may come in any order.
  const ClaimResult rev = run_officer(c, roster, {{"V1", track(same)}, {"V2", track(same)}}, at20(), true);
  EXPECT_EQ(describe(rev.periods), describe(r.periods));
  EXPECT_EQ(rev.verdict, r.verdict);
  EXPECT_EQ(rev.max_away, r.max_away);

  // V2's pings 15 s later (09:49:45-10:10:15, rows 0..41: 10:01:45 = 24, 10:02:15 = 25). In the
  // handover, at every instant one of the two could have been away (V1 only within 1 s of its
  // pings at :00 and :30 must be at X, V2 only within 1 s of its pings at :15 and :45): the union
  // runs from 09:58:00 (V1's run before ends at 09:57:59, at V1's inside ping 09:58) and joins
  // V2's own first run 10:02:00-10:02:14 (V2's stretch 10:01:45-10:02:15 clipped to its segment;
  // not bounded by an inside ping at 10:02:00): 09:58:00-10:02:14, 254 s. The officer's own prism
  // (anchored on V1's row 16 at 09:57:30 and V2's row 25 at 10:02:15, both 1 s deep) bounds the
  // handover to 09:57:31-10:02:14, which cuts nothing from it.
  const ClaimResult off =
      run_officer(c, roster, {{"V1", track(same)}, {"V2", track(every(kN20, "09:49:45", "10:10:15", secs(30)))}});
  EXPECT_EQ(off.verdict, Verdict::inconclusive);
  EXPECT_EQ(off.basis, Basis::could_have_left);
  EXPECT_EQ(off.max_away, ms(254'000));
  ASSERT_TRUE(off.decisive_run.has_value());
  EXPECT_EQ(off.decisive_run->span, span("09:58:00", "10:02:14"));
  ASSERT_TRUE(off.decisive_run->roster_span.has_value());
  EXPECT_EQ(*off.decisive_run->roster_span, span("09:58", "10:02"));
}

TEST(OfficerClaim, ACandidatesPingAwayDoesNotContradictThePresenceClaim) {
  // As above (both at the same instants), but V2's 10:00:00 ping (row 21, in the handover) is 500 m
  // away (480 m in 30 s: 16.2 m/s with 1%, no raise). It is no ping of a vehicle segment: not
  // seen_away. V2 could have been away from 09:59:31 to 10:00:29 (58 s; the outside ping does not
  // interrupt the run), within the tolerance.
  const duty::Roster roster = two_vehicle_roster();
  const auto c = officer_claim("O1", t("09:50"), t("10:10"));
  const Pings same = every(kN20, "09:49:30", "10:10:30", secs(30));
  const ClaimResult one = run_officer(c, roster, {{"V1", track(same)}, {"V2", track(moved(same, "10:00", kN500))}});
  EXPECT_EQ(one.verdict, Verdict::supported);
  EXPECT_EQ(one.basis, Basis::seen_there_throughout);
  EXPECT_EQ(one.max_away, ms(58'000));
  ASSERT_TRUE(one.decisive_run.has_value());
  EXPECT_EQ(one.decisive_run->span, span("09:59:31", "10:00:29"));
  // Two pings away (10:00:00 and 10:00:30): 09:59:31-10:00:59, 88 s: could have left, still not
  // contradicted.
  const ClaimResult two = run_officer(
      c, roster, {{"V1", track(same)}, {"V2", track(moved(moved(same, "10:00", kN500), "10:00:30", kN500))}});
  EXPECT_EQ(two.verdict, Verdict::inconclusive);
  EXPECT_EQ(two.basis, Basis::could_have_left);
  EXPECT_EQ(two.max_away, ms(88'000));
  ASSERT_TRUE(two.decisive_run.has_value());
  EXPECT_EQ(two.decisive_run->span, span("09:59:31", "10:00:59"));
}

TEST(OfficerClaim, ANoVehicleCandidateLeavesThePresenceClaimOpenThroughout) {
  // O5 in V7 from 09:00. Claim: O5 at X 08:50-09:10, 20 m/s. Segments: no_vehicle 08:50-08:58,
  // handover 08:58-09:02 (V7 or none), V7 09:02-09:10. V7 is 20 m north every 30 s 08:45-09:10:30
  // (rows 0..51: 09:02 = 34, 09:10 = 50), at X throughout. But O5 may not have been in V7 until
  // 09:02: O5 could have been away from 08:50 until O5's own prism, anchored on V7's inside ping
  // at 09:02 (row 34, the first ping of the vehicle segment after), requires O5 to come back:
  // 09:02 - 1 s = 09:01:59 (719 s). V7's own first run starts at 09:02:01.
  // RULE-QUESTION: rule 3 of `present` says that in time in no single vehicle "the officer could
  // have been away throughout", while "Subjects and the roster" says what can be said of that time
  // comes from the officer's own space-time prism anchored on the pings of the vehicle segments
  // around it. Read together: away throughout, within the officer's own prism (so not in the
  // second before the inside ping at 09:02 that the officer was surely in V7 for).
  const auto c = officer_claim("O5", t("08:50"), t("09:10"));
  const ClaimResult r = run_officer(c, shift_roster(), {{"V7", track(every(kN20, "08:45", "09:10:30", secs(30)))}});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_left);
  EXPECT_EQ(r.max_away, ms(719'000));
  EXPECT_EQ(describe(r.decisive_run), "08:50:00-09:01:59 ->V7:34");
  ASSERT_TRUE(r.decisive_run.has_value());
  EXPECT_TRUE(r.decisive_run->officer_prism);
  // The officer's own prism: no vehicle segment before; V7's first ping of its segment after.
  EXPECT_THAT(describe(r.periods),
              ElementsAre("no_vehicle  08:50:00-08:58:00 ->V7:34", "handover V7 08:58:00-09:02:00 ->34",
                          "inside V7 09:02:00-09:10:00 34>50"));
  EXPECT_EQ(prism(r.periods.at(0)), "08:50:00>08:58:00");
  EXPECT_EQ(prism(r.periods.at(1)), "08:58:00>09:02:00");
  expect_seconds(r, 480'000, 0, 720'000, 0, 0, 720'000);
  EXPECT_EQ(r.inside_count, 17U);
  EXPECT_THAT(r.vehicles, ElementsAre("V7"));
}

TEST(OfficerClaim, TheOfficersPrismIsAnchoredOnThePingsOfTheVehicleSegmentsAround) {
  // O5 in V7 09:00-17:00; V7 parked 10 km north, pinging every 30 s (497000 ms from X at 20 m/s).
  // Claim: O5 never went to X, 08:50-09:10. Segments: no_vehicle 08:50-08:58, handover 08:58-09:02
  // (V7 or none: not narrowed by V7's track), V7 09:02-09:10 (rows from 08:45: 09:02 = 34).
  // The officer's own prism, anchored after on V7's row 34 (09:02, 10 km): departure by 09:02 -
  // 8:17 = 08:53:43. No vehicle segment before: arrival open.
  //   no_vehicle 08:50-08:58: 08:50:00-08:53:43 (223 s);  handover 08:58-09:02: 08:58 > 08:53:43,
  //   unreachable;  V7's own steps: unreachable.
  const auto before = officer_claim("O5", t("08:50"), t("09:10"), Assertion::absent);
  const ClaimResult r =
      run_officer(before, shift_roster(), {{"V7", track(every(kN10k, "08:45", "09:10:30", secs(30)))}});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  EXPECT_EQ(describe(r.decisive_run), "08:50:00-08:53:43 ->V7:34");
  EXPECT_TRUE(r.decisive_run->officer_prism);
  EXPECT_THAT(evidence(r), ElementsAre("V7:34"));
  ASSERT_GE(r.periods.size(), 2U);
  EXPECT_EQ(describe(r.periods[0]), "no_vehicle  08:50:00-08:58:00 ->V7:34");
  EXPECT_EQ(prism(r.periods[0]), "08:50:00>08:53:43");
  EXPECT_EQ(prism(r.periods[1]), "08:58:00>08:53:43");
  expect_seconds(r, 0, 480'000, 720'000, 0, 0, 720'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 223'000);

  // The other end of the shift: claim 16:50-17:10; V7 10 km north every 30 s 16:45-17:15 (16:57:30
  // = row 25, its last ping in its segment 16:50-16:58). Arrival from 16:57:30 + 8:17 = 17:05:47:
  // handover 16:58-17:02 unreachable; no_vehicle 17:02-17:10 from 17:05:47 (253 s).
  const auto after = officer_claim("O5", t("16:50"), t("17:10"), Assertion::absent);
  const ClaimResult a = run_officer(after, shift_roster(), {{"V7", track(every(kN10k, "16:45", "17:15", secs(30)))}});
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  EXPECT_EQ(describe(a.decisive_run), "17:05:47-17:10:00 V7:25>-");
  EXPECT_THAT(evidence(a), ElementsAre("V7:25"));
  ASSERT_EQ(a.periods.size(), 3U);
  EXPECT_EQ(describe(a.periods[1]), "handover V7 16:58:00-17:02:00 25>-");
  EXPECT_EQ(prism(a.periods[1]), "17:05:47>17:02:00");
  EXPECT_EQ(describe(a.periods[2]), "no_vehicle  17:02:00-17:10:00 V7:25>-");
  EXPECT_EQ(prism(a.periods[2]), "17:05:47>17:10:00");
}

TEST(OfficerClaim, AnAwayAnchorContradictsThePresenceClaimAndBoundsTheOfficersPrism) {
  // O1: V1, then V2 from 10:00. Claim: O1 at X 09:50-10:10, 20 m/s. V1: 20 m north every minute
  // 09:49-09:55 (rows 0..6), 1 km north every 30 s 09:56-09:57:30 (rows 7..10), 20 m north every
  // minute 09:59-10:11 (rows 11..23). V2: 20 m north every minute 09:49-10:11 (10:02 = row 13).
  // V1's rows 7..10 are pings of its segment 09:50-09:58, surely away: seen_away, the earliest of
  // the equally far (row 7). The officer's own prism over the handover is anchored on V1's row 10
  // (09:57:30, 1 km): arrival from 09:57:30 + 47 s = 09:58:17, after the handover's start.
  const duty::Roster roster = two_vehicle_roster();
  const Pings v1 = every(kN20, "09:49", "09:55", mins(1)) + every(kN1k, "09:56", "09:57:30", secs(30)) +
                   every(kN20, "09:59", "10:11", mins(1));
  const Pings v2 = every(kN20, "09:49", "10:11", mins(1));
  const ClaimResult r =
      run_officer(officer_claim("O1", t("09:50"), t("10:10")), roster, {{"V1", track(v1)}, {"V2", track(v2)}});
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::seen_away);
  EXPECT_EQ(tag(r.decisive), "V1:7");
  const Period* h = find_period(r, PeriodKind::handover);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(describe(*h), "handover V1;V2 09:58:00-10:02:00 V1:10>V2:13");
  EXPECT_EQ(prism(*h), "09:58:17>10:02:00");
  ASSERT_TRUE(h->reach.has_value());
  EXPECT_FALSE(h->reach->can_hold(h->span.start, h->span.end));
}

TEST(OfficerClaim, CandidatesNarrowTheOfficersPrismForAnAbsenceClaim) {
  // O1: V1, then V2 from 10:00. Claim: O1 never went to X, 09:50-10:10, 20 m/s. Both vehicles 1 km
  // north every minute 09:49-10:11 (rows 0..22: 09:50 = 1, 09:57 = 8, 09:58 = 9, 10:02 = 13,
  // 10:10 = 21): no step of a minute reaches X (47 + 47 > 60 s).
  // The officer's own prism over the handover 09:58-10:02, anchored on V1's row 8 (09:57) and V2's
  // row 13 (10:02): 09:57:47 (clipped to 09:58:00) to 10:01:13, reachable. Narrowed to the hull of
  // the times at which a candidate could have been at X: none, so the handover period is
  // unreachable, shown as its end (10:02) after its start (09:58) (docs/verify.md: the narrowed
  // prism is the period's and counts for feasible and max_possible_stay_s). No run of possible
  // presence: supported, and `unreachable` since the handover is unobserved time; feasible no.
  const duty::Roster roster = two_vehicle_roster();
  const auto c = officer_claim("O1", t("09:50"), t("10:10"), Assertion::absent);
  const Pings far = every(kN1k, "09:49", "10:11", mins(1));
  const ClaimResult r = run_officer(c, roster, {{"V1", track(far)}, {"V2", track(far)}});
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::unreachable);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("outside V1 09:50:00-09:58:00 1>9", "handover V1;V2 09:58:00-10:02:00 V1:8>V2:13",
                          "outside V2 10:02:00-10:10:00 13>21"));
  EXPECT_EQ(prism(r.periods.at(1)), "10:02:00>09:58:00");
  expect_seconds(r, 0, 960'000, 240'000, 0, 0, 240'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
  // The closest approach (V1 09:50, the earliest of the equally near) and the pings around the
  // unobserved period.
  EXPECT_EQ(tag(r.nearest), "V1:1");
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:8", "V2:13"));

  // V2 at X's edge (20 m north) at 10:00 (row 11), in the handover: V2 could have been at X from
  // 09:59 + 47 s = 09:59:47 to 10:01 - 47 s = 10:00:13 (26 s), within the officer's prism. That
  // keeps the claim open; as a candidate's ping it does not contradict it.
  const ClaimResult open = run_officer(c, roster, {{"V1", track(far)}, {"V2", track(moved(far, "10:00", kN20))}});
  EXPECT_EQ(open.verdict, Verdict::inconclusive);
  EXPECT_EQ(open.basis, Basis::could_have_been);
  EXPECT_EQ(describe(open.decisive_run), "09:59:47-10:00:13 V2:10>V2:12");
  EXPECT_EQ(tag(open.nearest), "V1:1");  // V2's ping is not a ping of a vehicle segment
  EXPECT_THAT(evidence(open), ElementsAre("V2:10", "V2:12"));
}

TEST(OfficerClaim, WithANoVehicleCandidateTheOfficersPrismIsNotNarrowedByTheCandidates) {
  // O5 in V7 until 17:00 (shift_roster); claim: O5 never went to X 16:50-17:10, 20 m/s. V7 1 km
  // north every minute 16:49-17:11 (16:57 = row 8): no step reaches X. Handover 16:58-17:02 (V7 or
  // none): the officer's own prism from 16:57 + 47 s (clipped to 16:58) to 17:02, open after (no
  // vehicle segment after); no_vehicle 17:02-17:10: 17:02-17:10. One run 16:58:00-17:10:00. (Had
  // the handover been narrowed to V7's own possible stays, none of which exists, the run would
  // start only at 17:02.)
  const auto c = officer_claim("O5", t("16:50"), t("17:10"), Assertion::absent);
  const ClaimResult r = run_officer(c, shift_roster(), {{"V7", track(every(kN1k, "16:49", "17:11", mins(1)))}});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  ASSERT_TRUE(r.decisive_run.has_value());
  EXPECT_EQ(r.decisive_run->span, span("16:58", "17:10"));
  EXPECT_TRUE(r.decisive_run->officer_prism);
}

TEST(OfficerClaim, ARosterConflictAloneDecidesNothingByItself) {
  // O2 in V3 and V4 at once 10:00-12:00. Claim 10:30-11:30: one roster_conflict segment; no vehicle
  // segment, so the officer's own prism has no anchor (open).
  const duty::Roster roster = conflict_roster();
  // Both 20 m north every 30 s: each could have been away 28 s at a time, and so could the officer;
  // but no ping of a vehicle segment places the officer at X: not seen there.
  const Pings at_x = every(kN20, "10:29:30", "11:30:30", secs(30));
  const ClaimResult p =
      run_officer(officer_claim("O2", t("10:30"), t("11:30")), roster, {{"V3", track(at_x)}, {"V4", track(at_x)}});
  EXPECT_EQ(p.verdict, Verdict::inconclusive);
  EXPECT_EQ(p.basis, Basis::not_seen_there);
  EXPECT_EQ(p.max_away, ms(28'000));
  EXPECT_EQ(p.inside_count, 0U);
  EXPECT_FALSE(p.nearest.has_value());
  EXPECT_THAT(describe(p.periods), ElementsAre("roster_conflict V3;V4 10:30:00-11:30:00 ->-"));
  EXPECT_EQ(prism(p.periods.at(0)), "10:30:00>11:30:00");
  expect_seconds(p, 0, 0, 3'600'000, 0, 0, 3'600'000);
  EXPECT_THAT(p.vehicles, ElementsAre("V3", "V4"));

  // Absent, both 1 km north every minute (no step reaches X): no candidate could have been at X:
  // supported, unreachable; the period's prism, narrowed by the candidates, is unreachable too:
  // feasible no, no possible stay.
  const auto ca = officer_claim("O2", t("10:30"), t("11:30"), Assertion::absent);
  const Pings far = every(kN1k, "10:29", "11:31", mins(1));
  const ClaimResult a = run_officer(ca, roster, {{"V3", track(far)}, {"V4", track(far)}});
  EXPECT_EQ(a.verdict, Verdict::supported);
  EXPECT_EQ(a.basis, Basis::unreachable);
  EXPECT_EQ(a.feasible, std::optional<bool>(false));
  EXPECT_FALSE(a.max_possible_stay.has_value());
  // Absent, V3 at X's edge throughout, V4 1 km away: V3 could have been there all the time; open,
  // not contradicted by V3's pings.
  const ClaimResult open = run_officer(ca, roster, {{"V3", track(at_x)}, {"V4", track(far)}});
  EXPECT_EQ(open.verdict, Verdict::inconclusive);
  EXPECT_EQ(open.basis, Basis::could_have_been);
  ASSERT_TRUE(open.decisive_run.has_value());
  EXPECT_EQ(open.decisive_run->span, span("10:30", "11:30"));
}

TEST(OfficerClaim, TheOfficersPrismUsesTheHighestSpeedBoundOfTheClaimsVehicles) {
  // As CandidatesNarrowTheOfficersPrismForAnAbsenceClaim, but V2's track starts with 10 km north at
  // 08:00 and X at 08:02 (rows 0, 1; then 1 km north every minute 09:49-10:11, 10:02 = row 15):
  // V2's bound is 84.166671 m/s (303.000017 km/h, see SpeedBound). 1 km then takes
  // 940.000981 / 84.166671 = 11168.328 -> 11168 ms. The officer's prism over the handover uses it:
  // from 09:57 + 11.168 s (clipped to 09:58:00) to 10:02 - 11.168 s = 10:01:48.832. Narrowed by
  // the candidates: V1 (72 km/h, 47 + 47 > 60 s) never reaches X; V2 (its own bound) could be at X
  // in each minute step of its window 09:58-10:02 from t + 11.168 s to t + 60 - 11.168 s: the
  // first from 09:58:11.168, the last until 10:01:48.832: the period's prism is that hull. V1's own
  // periods keep V1's 72 km/h.
  const duty::Roster roster = two_vehicle_roster();
  const auto c = officer_claim("O1", t("09:50"), t("10:10"), Assertion::absent);
  const Pings far = every(kN1k, "09:49", "10:11", mins(1));
  const ClaimResult r = run_officer(
      c, roster, {{"V1", track(far)}, {"V2", track(Pings{Ping{kN10k, t("08:00")}, Ping{kX, t("08:02")}} + far)}});
  EXPECT_NEAR(r.speed.kmh(), 303.000017, 1e-3);
  const Period* h = find_period(r, PeriodKind::handover);
  ASSERT_NE(h, nullptr);
  EXPECT_NEAR(h->speed.kmh(), 303.000017, 1e-3);
  EXPECT_EQ(describe(*h), "handover V1;V2 09:58:00-10:02:00 V1:8>V2:15");
  EXPECT_EQ(prism(*h), "09:58:11.168>10:01:48.832");
  EXPECT_DOUBLE_EQ(r.periods.front().speed.kmh(), 72.0);
  // At its own bound V2 could reach X between pings a minute apart (60 - 2 * 11.168 s > 0).
  EXPECT_EQ(r.basis, Basis::could_have_been);
}

TEST(OfficerClaim, WithZeroToleranceThePingAtTheInstantBelongsToTheVehicleEntered) {
  // O1: V1, then V2 from 10:00. Claim: O1 at X 09:50-10:10, 20 m/s. V1: 20 m north every 30 s
  // 09:49:30-09:59:30 (rows 0..20), then 500 m away at exactly 10:00 (row 21). V2: 20 m north every
  // 30 s 09:49:30-10:10:30 (10:00 = row 21, 10:10 = row 41).
  const duty::Roster roster = two_vehicle_roster();
  const auto c = officer_claim("O1", t("09:50"), t("10:10"));
  const std::map<std::string, clean::Track> tracks{
      {"V1", track(every(kN20, "09:49:30", "09:59:30", secs(30)) + Pings{Ping{kN500, t("10:00")}})},
      {"V2", track(every(kN20, "09:49:30", "10:10:30", secs(30)))}};
  // --roster-tolerance 0: V1 09:50-10:00 (end exclusive), V2 10:00-10:10. V1's row 21 is no ping of
  // V1's segment (not seen_away), but it bounds V1's stretch 09:59:30-10:00: departure by
  // 10:00 - 22 s = 09:59:38, before 10:00, while O1 was still in V1: could not hold.
  VerifyConfig zero = at20();
  zero.roster_tolerance = Millis{0};
  const ClaimResult r = run_officer(c, roster, tracks, zero);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(r.decisive_stretch), "V1:20>V1:21 09:59:30-10:00:00 09:59:30>09:59:38");
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:50:00-09:59:45 1>20", "outside V1 09:59:45-10:00:00 21>21",
                                               "inside V2 10:00:00-10:10:00 21>41"));
  expect_seconds(r, 1'185'000, 15'000, 0);
  EXPECT_EQ(r.roster_tolerance, Millis{0});
  // With the default 2 min the instant is a handover 09:58-10:02 in which O1 may have been in V1;
  // V1 could have been away from 09:59:31 (after its last inside ping) to the end of the handover
  // (its 10:00 ping is outside and it has no later ping), but O1's own prism is anchored on V2's
  // inside ping at 10:02 (row 25, the first of the vehicle segment after): back by 10:01:59.
  // 148 s. V2's own first run starts at 10:02:01, after that ping.
  const ClaimResult d = run_officer(c, roster, tracks);
  EXPECT_EQ(d.verdict, Verdict::inconclusive);
  EXPECT_EQ(d.basis, Basis::could_have_left);
  EXPECT_EQ(d.max_away, ms(148'000));
  ASSERT_TRUE(d.decisive_run.has_value());
  EXPECT_EQ(d.decisive_run->span, span("09:59:31", "10:01:59"));
}

// =============================================================================================
// The autumn clock change (Europe/London, 2024-10-27: 02:00 BST -> 01:00 GMT, i.e. 01:00-02:00
// local happens twice, 00:00Z-02:00Z)
// =============================================================================================

Instant utc(const char* iso) { return at(iso); }

Instant london(const char* text) {
  const CivilParse p = parse_iso8601(text);
  EXPECT_EQ(p.error, TimeParseError::missing_offset) << text;
  const TimeZone* zone = find_zone("Europe/London");
  EXPECT_NE(zone, nullptr);
  if (zone == nullptr) return Instant{};
  const LocalResolution r = resolve_local(*zone, to_local(p.time), AmbiguityPolicy::reject);
  EXPECT_EQ(r.error, LocalTimeError::none) << text;
  return r.instant;
}

TEST(ClockChange, ClaimOverTheAutumnChangeCountsRealElapsedTime) {
  // 00:00 local (BST) on 27 Oct = 2024-10-26T23:00Z; 03:00 local (GMT) = 03:00Z: 4 h, not 3.
  const Instant start = utc("2024-10-26T23:00:00Z");
  const Instant end = utc("2024-10-27T03:00:00Z");
  EXPECT_EQ(london("2024-10-27 00:00"), start);
  EXPECT_EQ(london("2024-10-27 03:00"), end);
  EXPECT_EQ(end - start, Millis{4LL * 3600 * 1000});
  // 20 m north every 4 min 22:58Z-00:30Z and 01:30Z-03:02Z: no ping 00:30Z-01:30Z (01:30 BST to
  // 01:30 GMT: the same wall-clock reading, one real hour). Default 200 km/h: 360 ms to leave and
  // to come back: possible absence 00:30:00.360-01:29:59.640, 3599280 ms.
  const Pings p = every(kN20, utc("2024-10-26T22:58:00Z"), utc("2024-10-27T00:30:00Z")) +
                  every(kN20, utc("2024-10-27T01:30:00Z"), utc("2024-10-27T03:02:00Z"));
  const auto c = claim(Assertion::present, start, end);
  const ClaimResult r = check(c, track(p), {}, VerifyConfig{});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_left);
  expect_seconds(r, 10'800'000, 0, 3'600'000);
  EXPECT_EQ(count(r.max_possible_stay), 3'600'000);
  EXPECT_EQ(r.max_away, ms(3'599'280));
  ASSERT_TRUE(r.decisive_run.has_value());
  EXPECT_EQ(r.decisive_run->span, (Interval{utc("2024-10-27T00:30:00.360Z"), utc("2024-10-27T01:29:59.640Z")}));
  // In a dwell over the night the silence is bridged: still unobserved, the verdict the same.
  const ClaimResult bridged =
      check(c, track(p), {Interval{utc("2024-10-26T22:00:00Z"), utc("2024-10-27T04:00:00Z")}}, VerifyConfig{});
  EXPECT_EQ(bridged.basis, Basis::could_have_left);
  expect_seconds(bridged, 10'800'000, 0, 3'600'000, 3'600'000);
}

TEST(ClockChange, OfficerShiftOverTheAutumnChange) {
  // Shift 22:00 BST 26 Oct (21:00Z) to 07:00 GMT 27 Oct (07:00Z) in V1: 10 h.
  const duty::Roster roster =
      roster_of({test::shift("N1", "O1", utc("2024-10-26T21:00:00Z"), utc("2024-10-27T07:00:00Z"), "V1")});
  const std::vector<ingest::ClaimRow> claims{
      officer_claim("O1", utc("2024-10-26T23:00:00Z"), utc("2024-10-27T03:00:00Z")),
      officer_claim("O1", utc("2024-10-26T20:00:00Z"), utc("2024-10-27T08:00:00Z"))};
  const ClaimPlan plan = plan_claims(claims, roster, mins(2));
  // Claim 0 lies within the shift: one vehicle segment of 4 h.
  ASSERT_EQ(plan.segments.size(), 2U);
  ASSERT_EQ(plan.segments[0].size(), 1U);
  EXPECT_EQ(plan.segments[0][0].kind, SegmentKind::vehicle);
  EXPECT_EQ(plan.segments[0][0].span.length(), Millis{4LL * 3600 * 1000});
  // Claim 1: no vehicle 20:00Z-20:58Z, handover 20:58Z-21:02Z, V1 21:02Z-06:58Z (9 h 56 min),
  // handover 06:58Z-07:02Z, no vehicle 07:02Z-08:00Z.
  EXPECT_THAT(describe(plan.segments[1]), ElementsAre("no_vehicle 2024-10-26T20:00:00Z-2024-10-26T20:58:00Z)",
                                                      "handover 2024-10-26T20:58:00Z-2024-10-26T21:02:00Z) V1+none",
                                                      "vehicle 2024-10-26T21:02:00Z-2024-10-27T06:58:00Z) V1",
                                                      "handover 2024-10-27T06:58:00Z-2024-10-27T07:02:00Z) V1+none",
                                                      "no_vehicle 2024-10-27T07:02:00Z-2024-10-27T08:00:00Z]"));
  ASSERT_EQ(plan.segments[1].size(), 5U);
  EXPECT_EQ(plan.segments[1][2].span.length(), Millis{(9LL * 60 + 56) * 60 * 1000});
  ASSERT_EQ(plan.parts.size(), 4U);
  EXPECT_EQ(plan.parts[0].claim, 0U);
  EXPECT_TRUE(plan.parts[0].end_inclusive);  // the claim's own end
  EXPECT_EQ(plan.parts[2].window.length(), Millis{(9LL * 60 + 56) * 60 * 1000});
  EXPECT_FALSE(plan.parts[2].end_inclusive);
}

}  // namespace
}  // namespace shiftline::verify

namespace shiftline::verify {
namespace {

// A roster row that could not be read (docs/verify.md, "roster_unknown"): an assignment of O5 to V2
// 12:00-13:00 whose row was rejected. Within it the roster cannot say where O5 was.
ingest::RejectedRosterRow unreadable_assignment() {
  ingest::RejectedRosterRow row;
  row.table = "assignments";
  row.officer_id = "O5";
  row.vehicle_id = "V2";
  row.from = t("12:00");
  row.to = t("13:00");
  row.source = SourceRef{1, 7};
  return row;
}

TEST(PlanClaims, ARejectedRosterRowOfTheOfficerIsRosterUnknown) {
  // O5 in V7 09:00-17:00 (shift_roster), no roster instant near 11:00-14:00. The rejected row
  // covers 12:00-13:00: V7 (the roster) or V2 (the row) or none.
  const ClaimPlan plan =
      plan_claims({officer_claim("O5", t("11:00"), t("14:00"))}, shift_roster(), mins(2), {unreadable_assignment()});
  EXPECT_THAT(describe(plan.segments.at(0)), ElementsAre("vehicle 11:00:00-12:00:00) V7",
                                                         "roster_unknown 12:00:00-13:00:00) V2;V7+none",
                                                         "vehicle 13:00:00-14:00:00] V7"));
  EXPECT_TRUE(plan.segments.at(0).at(1).may_be_in_no_vehicle);
  ASSERT_EQ(plan.segments.at(0).at(1).rejected_rows.size(), 1U);
  EXPECT_EQ(plan.segments.at(0).at(1).rejected_rows.front().line, 7U);
  // Another officer's rejected row changes nothing.
  ingest::RejectedRosterRow other = unreadable_assignment();
  other.officer_id = "O6";
  const ClaimPlan untouched = plan_claims({officer_claim("O5", t("11:00"), t("14:00"))}, shift_roster(), mins(2), {other});
  EXPECT_THAT(describe(untouched.segments.at(0)), ElementsAre("vehicle 11:00:00-14:00:00] V7"));
}

TEST(OfficerClaim, RosterUnknownTimeDecidesNothingByItself) {
  // O5 never went to X 11:00-14:00, 20 m/s. V7 1 km north of X every minute 10:59-14:01 (11:59 and
  // 13:00 are pings): no step of a minute reaches X (reach 940.000981 m -> 47 s each way, 94 > 60).
  // Without the rejected row: supported, seen_away_throughout. With it, 12:00-13:00 is
  // roster_unknown ("no vehicle" a candidate: not narrowed): the officer's own prism, anchored on
  // V7's last ping of the vehicle segment before (11:59, 1 km) and its first of the one after
  // (13:00, 1 km): earliest arrival 11:59:47, clipped to 12:00:00; latest departure 12:59:13. A
  // possible stay of 59 min 13 s: inconclusive, could_have_been; that hour is no_vehicle_s.
  const auto c = officer_claim("O5", t("11:00"), t("14:00"), Assertion::absent);
  const std::map<std::string, clean::Track> tracks{{"V7", track(every(kN1k, "10:59", "14:01", mins(1)))}};
  const ClaimResult known = run_officer(c, shift_roster(), tracks);
  EXPECT_EQ(known.verdict, Verdict::supported);
  EXPECT_EQ(known.basis, Basis::seen_away_throughout);
  const ClaimResult unknown = run_officer(c, shift_roster(), tracks, at20(), false, {unreadable_assignment()});
  EXPECT_EQ(unknown.verdict, Verdict::inconclusive);
  EXPECT_EQ(unknown.basis, Basis::could_have_been);
  ASSERT_TRUE(unknown.decisive_run.has_value());
  EXPECT_EQ(unknown.decisive_run->span, span("12:00", "12:59:13"));
  EXPECT_EQ(unknown.no_vehicle, mins(60));
  const Period* p = find_period(unknown, PeriodKind::roster_unknown);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(prism(*p), "12:00:00>12:59:13");
}

}  // namespace
}  // namespace shiftline::verify
