// Claim verification against docs/verify.md: observe (periods; inside, uncertain and outside pings;
// margins; the prisms of silences and of every step between pings; the per-vehicle speed bound),
// judge (every verdict and basis of both assertions, --min-visit), plan_claims (officers through
// the roster: handovers, time in no vehicle, roster conflicts).
//
// Every expected value is worked out by hand from the rules in docs/verify.md. The place X is
// the point 52.63 N, 1.14 W with radius 50 m; most pings lie due north of it. Distances are PROJ's
// geod (WGS84), run by hand, not the engine's:
//   echo "52.63 -1.14 52.6301797 -1.14" | geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f  ->    19.996889
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
//   echo "52.63 -1.14 52.7018907 -1.14" | geod ...                                   ->  7999.994924
//   echo "52.63 -1.14 52.7198633 -1.14" | geod ...                                   -> 10000.000560
//   echo "52.6305 -1.1385 52.6305 -1.1382045" | geod ...                             ->    20.008004
//   echo "52.6305 -1.1385 52.6304991 -1.1237309" | geod ...                          ->  1000.000711
// (the last from the foot of the perpendicular on the square's east edge; feet 0.1 m north or
// south give the same 1000.000711 to the micrometre.) The road 120 m east of X (lon -1.1382277,
// `echo "52.63 -1.14 90 120" | geod +ellps=WGS84 -f %.7f`) at the latitudes of 1440 m north to
// 1760 m south of X in 320 m steps lies at (geod -I from X):
//   52.6429404 1444.990161   52.6400648 1126.413708   52.6371891 808.947228   52.6343135 494.775023
//   52.6314378  199.997923   52.6285622  200.000252   52.6256865 494.777543   52.6228109 808.949180
//   52.6199352 1126.414738   52.6170596 1444.989947   52.6141839 1764.089795
//
// Travel times at the default 130 km/h (36.111... m/s), d = distance - radius 50 - margin,
// t = d / v rounded down to the millisecond:
//   10 km ping, margin 10: d =  9940.000560 m -> 275261.55 ms -> 275261 ms (4 min 35.261 s)
//    8 km ping, margin 10: d =  7939.994924 m -> 219876.78 ms -> 219876 ms
//    3 km ping, margin 10: d =  2939.996393 m ->  81415.28 ms ->  81415 ms
//    2 km ping, margin 10: d =  1940.003488 m ->  53723.17 ms ->  53723 ms
//  1.2 km ping, margin 10: d =  1140.003586 m ->  31569.33 ms ->  31569 ms
//    1 km ping, margin 10: d =   940.000981 m ->  26030.80 ms ->  26030 ms
//    1 km ping, margin 35: d =   915.000981 m ->  25338.49 ms ->  25338 ms
//    1 km ping, margin  5: d =   945.000981 m ->  26169.26 ms ->  26169 ms
//  500 m ping, margin 10: d =   440.000300 m ->  12184.62 ms ->  12184 ms
//  road 199.997923 m, margin 10: d = 139.997923 m -> 3876.87 ms -> 3876 ms
//  road 200.000252 m, margin 10: d = 140.000252 m -> 3876.93 ms -> 3876 ms
// Between two pings a step apart, both outside, the longest possible stay is the step less both
// travel times: 4 min between 1 km pings 240000 - 2 * 26030 = 187940 ms; between 10 km or 8 km
// pings negative (275261 or 219876 twice is more than 240000): unreachable.
// The speed bound is raised per vehicle to the fastest step of its track (local-frame distance,
// plus 1%); every track here stays below 130 km/h unless the test says otherwise (e.g. 8 km to X
// in 4 min: 7999.99 * 1.01 / 240 s = 121.2 km/h; 10 km to 1 km in 5 min: 109.1 km/h).
// Times are UTC on 2024-03-05 unless written in full. Track rows (Sighting::ping) are 0, 1, 2 ...
// in time order; each test lists which clock time is which row.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/verify/verify.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline::verify {

// Readable failure messages for the enums (found by gtest through ADL). Own words, not name(), so
// that a wrong name() cannot hide a wrong verdict.
void PrintTo(Verdict v, std::ostream* os);
void PrintTo(Basis b, std::ostream* os);
void PrintTo(Status s, std::ostream* os);
void PrintTo(PeriodKind k, std::ostream* os);
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
    case Basis::bridged_there: *os << "bridged_there"; return;
    case Basis::seen_away_throughout: *os << "seen_away_throughout"; return;
    case Basis::unreachable: *os << "unreachable"; return;
    case Basis::could_have_been: *os << "could_have_been"; return;
    case Basis::edge: *os << "edge"; return;
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
  }
  *os << "PeriodKind?";
}

namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ingest::Assertion;
using test::at;

LatLon ll(double lat, double lon) { return LatLon::from_degrees(lat, lon); }

const LatLon kX = ll(52.63, -1.14);            // the place's point
const LatLon kN20 = ll(52.6301797, -1.14);     //    19.996889 m
const LatLon kN49_9 = ll(52.6304484, -1.14);   //    49.897636 m
const LatLon kN50_1 = ll(52.6304502, -1.14);   //    50.097939 m
const LatLon kN54_9 = ll(52.6304934, -1.14);   //    54.905204 m
const LatLon kN55_1 = ll(52.6304952, -1.14);   //    55.105507 m
const LatLon kN59_9 = ll(52.6305383, -1.14);   //    59.901645 m
const LatLon kN60_1 = ll(52.6305401, -1.14);   //    60.101948 m
const LatLon kN69_9 = ll(52.6306281, -1.14);   //    69.894526 m
const LatLon kN70_1 = ll(52.6306299, -1.14);   //    70.094829 m
const LatLon kN500 = ll(52.6344932, -1.14);    //   500.000300 m
const LatLon kN1k = ll(52.6389864, -1.14);     //  1000.000981 m
const LatLon kN1_2k = ll(52.6407837, -1.14);   //  1200.003586 m
const LatLon kN2k = ll(52.6479728, -1.14);     //  2000.003488 m
const LatLon kN3k = ll(52.6569591, -1.14);     //  2999.996393 m
const LatLon kN8k = ll(52.7018907, -1.14);     //  7999.994924 m
const LatLon kN10k = ll(52.7198633, -1.14);    // 10000.000560 m
// 1000.000711 m due east of the square's east edge (see square_place), at its latitude.
const LatLon kEast1k = ll(52.6304991, -1.1237309);

constexpr float kNoAccuracy = std::numeric_limits<float>::quiet_NaN();

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }
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

// A ping at `where` every `step` minutes from `first` to `last`, both included.
Pings every(LatLon where, Instant first, Instant last, long long step = 4) {
  Pings out;
  for (Instant x = first; x <= last; x += mins(step)) out.push_back(Ping{where, x});
  return out;
}
Pings every(LatLon where, const char* first, const char* last, long long step = 4) {
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

// --- Places and claims -----------------------------------------------------------------------

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
  ingest::PlaceRow row = point_place(ll(52.6305, -1.13925), 0.0, "SQ");
  row.polygon = {ll(52.630, -1.1400), ll(52.630, -1.1385), ll(52.631, -1.1385), ll(52.631, -1.1400), ll(52.630, -1.1400)};
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

duty::Interval span(const char* from, const char* to) { return duty::Interval{t(from), t(to)}; }

// One vehicle, the whole interval: observe then judge.
ClaimResult check(const ingest::ClaimRow& c, const clean::Track& tr, const std::vector<duty::Interval>& dwells = {},
                  const VerifyConfig& config = {}) {
  Observation o = observe(c.subject_id, tr, dwells, c.place, duty::Interval{c.start, c.end}, config);
  std::vector<Observation> all;
  all.push_back(std::move(o));
  return judge(c, std::move(all), {}, config);
}

VerifyConfig min_visit(Millis m) {
  VerifyConfig c;
  c.min_visit = m;
  return c;
}

// --- Reading results -------------------------------------------------------------------------

std::string row_of(const std::optional<Sighting>& s) { return s ? std::to_string(s->ping) : std::string("-"); }

// "V3;V4" with the names sorted, whatever order they came in (docs/verify.md names both vehicles
// of a roster conflict but no order).
std::string sorted_names(const std::string& joined) {
  std::vector<std::string> names;
  std::stringstream in(joined);
  for (std::string name; std::getline(in, name, ';');) names.push_back(name);
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ";") + n;
  return out;
}

// "inside V1 09:00:00-10:00:00 1>16": kind, vehicle, span, the rows of `from` and `to`.
std::string kind_word(PeriodKind k) {
  switch (k) {
    case PeriodKind::inside: return "inside";
    case PeriodKind::outside: return "outside";
    case PeriodKind::uncertain: return "uncertain";
    case PeriodKind::bridged: return "bridged";
    case PeriodKind::unobserved: return "unobserved";
    case PeriodKind::no_vehicle: return "no_vehicle";
    case PeriodKind::roster_conflict: return "roster_conflict";
  }
  return "?";
}
std::string describe(const Period& p) {
  const std::string vehicle = p.kind == PeriodKind::roster_conflict ? sorted_names(p.vehicle_id) : p.vehicle_id;
  return kind_word(p.kind) + " " + vehicle + " " + hms(p.span.start) + "-" + hms(p.span.end) + " " + row_of(p.from) +
         ">" + row_of(p.to);
}
std::vector<std::string> describe(const std::vector<Period>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(describe(p));
  return out;
}
// "09:02:35.261>09:05:00": earliest arrival > latest departure of a period's prism.
std::string prism(const Period& p) {
  if (!p.reach) return "none";
  return hms(p.reach->earliest_arrival) + ">" + hms(p.reach->latest_departure);
}
// "V1:0>1 09:00:00-09:02:00 09:00:26.028>09:02:00": a stretch between two pings: the vehicle and
// the rows of its pings, its span (clipped to the window), its prism.
std::string describe(const std::optional<Between>& b) {
  if (!b) return "none";
  return b->from.vehicle_id + ":" + std::to_string(b->from.ping) + ">" + std::to_string(b->to.ping) + " " +
         hms(b->span.start) + "-" + hms(b->span.end) + " " + hms(b->reach.earliest_arrival) + ">" +
         hms(b->reach.latest_departure);
}
// "V1:7" for each evidence ping.
std::vector<std::string> evidence(const ClaimResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.evidence) out.push_back(s.vehicle_id + ":" + std::to_string(s.ping));
  return out;
}
const Period* quoted(const ClaimResult& r) {
  if (!r.decisive_period || *r.decisive_period >= r.periods.size()) return nullptr;
  return &r.periods[*r.decisive_period];
}
long long count(const std::optional<Millis>& m) { return m ? m->count() : -1; }

// The figures every verdict reports, in milliseconds; `uncertain` is the uncertain part of
// `unobserved`.
struct Times {
  long long inside, bridged, outside, unobserved, no_vehicle;
};
void expect_times(const ClaimResult& r, Times x, long long uncertain = 0) {
  EXPECT_EQ(r.inside.count(), x.inside);
  EXPECT_EQ(r.bridged.count(), x.bridged);
  EXPECT_EQ(r.outside.count(), x.outside);
  EXPECT_EQ(r.unobserved.count(), x.unobserved);
  EXPECT_EQ(r.no_vehicle.count(), x.no_vehicle);
  EXPECT_EQ(r.uncertain.count(), uncertain);
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
  EXPECT_EQ(name(Basis::seen_there), "seen_there");
  EXPECT_EQ(name(Basis::bridged_there), "bridged_there");
  EXPECT_EQ(name(Basis::seen_away_throughout), "seen_away_throughout");
  EXPECT_EQ(name(Basis::unreachable), "unreachable");
  EXPECT_EQ(name(Basis::could_have_been), "could_have_been");
  EXPECT_EQ(name(Basis::edge), "edge");
  EXPECT_EQ(name(PeriodKind::inside), "inside");
  EXPECT_EQ(name(PeriodKind::outside), "outside");
  EXPECT_EQ(name(PeriodKind::uncertain), "uncertain");
  EXPECT_EQ(name(PeriodKind::bridged), "bridged");
  EXPECT_EQ(name(PeriodKind::unobserved), "unobserved");
  EXPECT_EQ(name(PeriodKind::no_vehicle), "no_vehicle");
  EXPECT_EQ(name(PeriodKind::roster_conflict), "roster_conflict");
}

TEST(VerifyNames, UncertainNoVehicleAndRosterConflictTimeCountAsUnobserved) {
  // unobserved_s: "uncertain, no_vehicle and roster_conflict included"; bridged counts as inside.
  EXPECT_FALSE(is_unobserved(PeriodKind::inside));
  EXPECT_FALSE(is_unobserved(PeriodKind::outside));
  EXPECT_TRUE(is_unobserved(PeriodKind::uncertain));
  EXPECT_FALSE(is_unobserved(PeriodKind::bridged));
  EXPECT_TRUE(is_unobserved(PeriodKind::unobserved));
  EXPECT_TRUE(is_unobserved(PeriodKind::no_vehicle));
  EXPECT_TRUE(is_unobserved(PeriodKind::roster_conflict));
}

TEST(VerifyDefaults, AreTheDocumentedOnes) {
  const VerifyConfig c;
  EXPECT_DOUBLE_EQ(c.reach_speed.kmh(), 130.0);
  EXPECT_FALSE(c.position_margin.has_value());
  EXPECT_DOUBLE_EQ(c.fallback_margin.value, 10.0);
  EXPECT_EQ(c.gap, mins(5));
  EXPECT_EQ(c.min_visit, Millis{0});  // --min-visit 0: any possible stay keeps an absence open
}

// =============================================================================================
// present
// =============================================================================================

TEST(PresentClaim, SupportedWhenSeenThereThroughout) {
  // Rows: 08:57=0, 09:01=1, ..., 09:21=6 (at X itself), ..., 09:57=15, 10:01=16; the others 20 m
  // north (inside: 20 m <= radius 50). Midpoints at 08:59, 09:03, ..., 09:59: 09:00 is row 1's,
  // 10:00 is row 16's. Every step has d = 0 at both ends, so the vehicle could hold X throughout.
  const auto tr = track(moved(every(kN20, "08:57", "10:01"), "09:21", kX));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  expect_times(r, {3'600'000, 0, 0, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());  // no unobserved time
  EXPECT_FALSE(r.max_possible_stay.has_value());
  // The longest stay between pings: a whole 4 min step (d = 0 both sides).
  EXPECT_EQ(count(r.max_stay_between_pings), 240'000);
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 6U);
  EXPECT_NEAR(r.nearest->distance.value, 0.0, 1e-6);
  EXPECT_EQ(r.nearest->status, Status::inside);
  EXPECT_EQ(hms(r.nearest->at), "09:21:00");
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-10:00:00 1>16"));
  // The pings that stand for the interval's start and end.
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:16"));
  EXPECT_THAT(r.vehicles, ElementsAre("V1"));
  EXPECT_FALSE(r.vehicle_without_pings);
  EXPECT_NEAR(r.speed.kmh(), 130.0, 1e-9);  // 20 m moves: the bound stays at --reach-speed-kmh
}

TEST(PresentClaim, ContradictedByAPingAwayTheFarthestIsQuoted) {
  // As above (20 m north) but 09:21 (row 6) 1 km away, 09:25 (row 7) 2 km away, 09:37 (row 10)
  // at X. Row 6 stands for 09:19-09:23, row 7 for 09:23-09:27: 8 min outside.
  const Pings base = moved(moved(moved(every(kN20, "08:57", "10:01"), "09:21", kN1k), "09:25", kN2k), "09:37", kX);
  const ClaimResult r = check(present("09:00", "10:00"), track(base));
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::seen_away);
  expect_times(r, {3'120'000, 0, 480'000, 0, 0});
  ASSERT_TRUE(r.decisive.has_value());
  EXPECT_EQ(r.decisive->ping, 7U);
  EXPECT_EQ(r.decisive->vehicle_id, "V1");
  EXPECT_EQ(hms(r.decisive->at), "09:25:00");
  EXPECT_NEAR(r.decisive->distance.value, 2000.003488, 1e-3);
  EXPECT_DOUBLE_EQ(r.decisive->margin.value, 10.0);
  EXPECT_EQ(r.decisive->status, Status::outside);
  EXPECT_FALSE(r.decisive->inside());
  EXPECT_THAT(evidence(r), ElementsAre("V1:7"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 10U);  // X itself
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:19:00 1>5", "outside V1 09:19:00-09:27:00 6>7",
                                               "inside V1 09:27:00-10:00:00 8>16"));

  // A tie for the farthest (09:49, row 13, also 2 km away): the earliest is quoted.
  const ClaimResult tie = check(present("09:00", "10:00"), track(moved(base, "09:49", kN2k)));
  ASSERT_TRUE(tie.decisive.has_value());
  EXPECT_EQ(tie.decisive->ping, 7U);
  // A farther ping later (09:49 10 km away) is quoted instead.
  const ClaimResult far = check(present("09:00", "10:00"), track(moved(base, "09:49", kN10k)));
  EXPECT_EQ(far.basis, Basis::seen_away);
  ASSERT_TRUE(far.decisive.has_value());
  EXPECT_EQ(far.decisive->ping, 13U);
  EXPECT_NEAR(far.decisive->distance.value, 10000.000560, 1e-3);
}

TEST(PresentClaim, PingsAtTheIntervalsEndsAreInsideTheInterval) {
  // Rows: 08:56=0, 09:00=1, ..., 10:00=16, 10:04=17, at X.
  const Pings base = every(kX, "08:56", "10:04");
  // A ping away at exactly 10:00 (the end, inclusive) contradicts; it stands for 09:58-10:00.
  const ClaimResult at_end = check(present("09:00", "10:00"), track(moved(base, "10:00", kN1k)));
  EXPECT_EQ(at_end.verdict, Verdict::contradicted);
  EXPECT_EQ(at_end.basis, Basis::seen_away);
  ASSERT_TRUE(at_end.decisive.has_value());
  EXPECT_EQ(at_end.decisive->ping, 16U);
  expect_times(at_end, {3'480'000, 0, 120'000, 0, 0});
  // ... and so does one at exactly 09:00 (the start), standing for 09:00-09:02.
  const ClaimResult at_start = check(present("09:00", "10:00"), track(moved(base, "09:00", kN1k)));
  EXPECT_EQ(at_start.basis, Basis::seen_away);
  ASSERT_TRUE(at_start.decisive.has_value());
  EXPECT_EQ(at_start.decisive->ping, 1U);
  expect_times(at_start, {3'480'000, 0, 120'000, 0, 0});
}

TEST(PresentClaim, APingJustBeforeTheIntervalContradictsOnlyThroughItsPrism) {
  // Row 0 1 km away just before 09:00; rows 1..16: 09:02, 09:06, ..., 10:02 at X. The step from
  // row 0 to row 1 (about 2 min, no silence) touches the interval. From 1 km the vehicle needs
  // 26030 ms to reach X (d = 940.000981 m).
  const Pings after = every(kX, "09:02", "10:02");
  // Row 0 at 08:59:59.998: the earliest arrival 09:00:26.028 is after the start: could_not_hold.
  // By the midpoint rule (08:59:59.998 + 09:02:00) / 2 = 09:00:59.999, 09:00:00-09:00:59.999 is
  // outside (59999 ms), but that alone would only make the verdict edge.
  const ClaimResult late = check(present("09:00", "10:00"), track(Pings{Ping{kN1k, t("08:59:59.998")}} + after));
  EXPECT_EQ(late.verdict, Verdict::contradicted);
  EXPECT_EQ(late.basis, Basis::could_not_hold);
  expect_times(late, {3'540'001, 0, 59'999, 0, 0});
  EXPECT_FALSE(late.feasible.has_value());  // no unobserved time
  EXPECT_EQ(describe(late.decisive_between), "V1:0>1 09:00:00-09:02:00 09:00:26.028>09:02:00");
  EXPECT_THAT(evidence(late), ElementsAre("V1:0", "V1:1"));

  // At 08:59:33.971 the arrival is 09:00:00.001, still after the start.
  const ClaimResult one_ms = check(present("09:00", "10:00"), track(Pings{Ping{kN1k, t("08:59:33.971")}} + after));
  EXPECT_EQ(one_ms.verdict, Verdict::contradicted);
  EXPECT_EQ(one_ms.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(one_ms.decisive_between), "V1:0>1 09:00:00-09:02:00 09:00:00.001>09:02:00");
  // At 08:59:33.970 the vehicle could be at X from 09:00:00.000 exactly (not after the start):
  // only the midpoint rule disagrees (midpoint 09:00:46.985: 46985 ms outside): edge.
  const ClaimResult in_time = check(present("09:00", "10:00"), track(Pings{Ping{kN1k, t("08:59:33.970")}} + after));
  EXPECT_EQ(in_time.verdict, Verdict::inconclusive);
  EXPECT_EQ(in_time.basis, Basis::edge);
  expect_times(in_time, {3'553'015, 0, 46'985, 0, 0});
  EXPECT_FALSE(in_time.feasible.has_value());
}

TEST(PresentClaim, ContradictedThroughThePrismOfAStepThatStraddlesTheStart) {
  // Row 0: 08:59:00, 3 km away; rows 1..16: 09:00:30, 09:04:30, ..., 10:00:30 at X. The step
  // 08:59:00-09:00:30 (90 s, no silence; 2999.996 m * 1.01 / 90 s = 121.2 km/h, no raise) touches
  // the interval. By the midpoint rule (08:59:45) 09:00 is row 1's, so every period is inside,
  // but from 3 km the vehicle needs 81415 ms: it could be at X at the earliest at 09:00:21.415.
  const Pings rest = every(kX, "09:00:30", "10:00:30");
  const auto tr = track(Pings{Ping{kN3k, t("08:59")}} + rest);
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  expect_times(r, {3'600'000, 0, 0, 0, 0});  // inside throughout by the midpoint rule
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-10:00:00 1>16"));
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_EQ(describe(r.decisive_between), "V1:0>1 09:00:00-09:00:30 09:00:21.415>09:00:30");
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));
  EXPECT_NEAR(r.speed.kmh(), 130.0, 1e-9);

  // The observation holds the stretch: the first one that cannot hold X.
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_EQ(describe(o.cannot_hold), "V1:0>1 09:00:00-09:00:30 09:00:21.415>09:00:30");
  ASSERT_TRUE(o.cannot_hold.has_value());
  EXPECT_NEAR(o.cannot_hold->from.distance.value, 2999.996393, 1e-3);
  EXPECT_EQ(o.cannot_hold->from.status, Status::outside);
  EXPECT_EQ(o.cannot_hold->to.status, Status::inside);
  // The longest stay between pings is a whole 4 min step at X.
  ASSERT_TRUE(o.longest_stay.has_value());
  EXPECT_EQ(o.longest_stay->reach.longest_stay(), Millis{240'000});

  // 3 km away at 08:58:30 instead (2 min before row 1): arrival from 08:59:51.415, before the
  // start; every other step is at X: supported.
  const ClaimResult early = check(present("09:00", "10:00"), track(Pings{Ping{kN3k, t("08:58:30")}} + rest));
  EXPECT_EQ(early.verdict, Verdict::supported);
  EXPECT_EQ(early.basis, Basis::seen_there_throughout);
  expect_times(early, {3'600'000, 0, 0, 0, 0});
  const Observation o2 = observe("V1", track(Pings{Ping{kN3k, t("08:58:30")}} + rest), std::vector<duty::Interval>{},
                                 point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o2.cannot_hold.has_value());
}

TEST(PresentClaim, ContradictedWhenTheVehicleArrivedTooLate) {
  // Row 0: 08:58, 10 km away. Rows 1..15: 09:05, 09:09, ..., 10:01 at X. The silence 08:58-09:05
  // (7 min > 5) is unobserved from 09:00. Arrival at the earliest 08:58 + 275.261 s =
  // 09:02:35.261, after the period's start: could not have been there at 09:00.
  const auto tr = track(Pings{Ping{kN10k, t("08:58")}} + every(kX, "09:05", "10:01"));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  expect_times(r, {3'300'000, 0, 0, 300'000, 0});
  ASSERT_TRUE(r.feasible.has_value());
  EXPECT_TRUE(*r.feasible);  // reachable, just not from the start
  EXPECT_EQ(count(r.max_possible_stay), 144'739);  // 09:05:00 - 09:02:35.261
  EXPECT_THAT(describe(r.periods),
              ElementsAre("unobserved V1 09:00:00-09:05:00 0>1", "inside V1 09:05:00-10:00:00 1>15"));
  EXPECT_EQ(prism(r.periods.at(0)), "09:02:35.261>09:05:00");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(describe(*q), "unobserved V1 09:00:00-09:05:00 0>1");
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);  // 09:05, the first of the equally near pings at X
}

TEST(PresentClaim, ContradictedWhenTheVehicleLeftTooEarly) {
  // Rows 0..14: 08:59, 09:03, ..., 09:55 at X; row 15: 10:02, 10 km away. Silence 09:55-10:02:
  // the latest departure 10:02:00 - 275.261 s = 09:57:24.739 is before the end (10:00).
  const auto tr = track(every(kX, "08:59", "09:55") + Pings{Ping{kN10k, t("10:02")}});
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  expect_times(r, {3'300'000, 0, 0, 300'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 144'739);  // 09:57:24.739 - 09:55:00
  EXPECT_THAT(describe(r.periods),
              ElementsAre("inside V1 09:00:00-09:55:00 0>14", "unobserved V1 09:55:00-10:00:00 14>15"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:55:00>09:57:24.739");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->span, span("09:55", "10:00"));
  EXPECT_THAT(evidence(r), ElementsAre("V1:14", "V1:15"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);  // 09:03: row 0 (08:59) is before the interval
}

TEST(PresentClaim, ContradictedWhenThePlaceIsUnreachableInTheSilence) {
  // Row 0: 08:58 and row 1: 09:07, both 10 km away; claim 09:00-09:05. Arrival from
  // 09:02:35.261, departure by 09:07:00 - 275.261 s = 09:02:24.739: unreachable.
  const auto tr = track(Pings{Ping{kN10k, t("08:58")}, Ping{kN10k, t("09:07")}});
  const ClaimResult r = check(present("09:00", "09:05"), tr);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  expect_times(r, {0, 0, 0, 300'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_FALSE(r.nearest.has_value());  // no ping in the interval
  EXPECT_THAT(describe(r.periods), ElementsAre("unobserved V1 09:00:00-09:05:00 0>1"));
  ASSERT_TRUE(r.periods.at(0).reach.has_value());
  EXPECT_EQ(prism(r.periods.at(0)), "09:02:35.261>09:02:24.739");
  EXPECT_FALSE(r.periods.at(0).reach->reachable());
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));
}

TEST(PresentClaim, InconclusiveInASilenceTheLongestPeriodIsQuoted) {
  // All at X. Rows 0..2: 08:57, 09:01, 09:05; rows 3..7: 09:13 ... 09:29; rows 8..11: 09:51,
  // 09:55, 09:59, 10:03. Silences 09:05-09:13 (8 min) and 09:29-09:51 (22 min), no dwell.
  const auto tr = track(every(kX, "08:57", "09:05") + every(kX, "09:13", "09:29") + every(kX, "09:51", "10:03"));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {1'800'000, 0, 0, 1'800'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 1'320'000);  // the 22 min silence, both sides at X
  EXPECT_EQ(count(r.max_stay_between_pings), 240'000);  // the steps of 4 min, at X
  EXPECT_THAT(describe(r.periods),
              ElementsAre("inside V1 09:00:00-09:05:00 1>2", "unobserved V1 09:05:00-09:13:00 2>3",
                          "inside V1 09:13:00-09:29:00 3>7", "unobserved V1 09:29:00-09:51:00 7>8",
                          "inside V1 09:51:00-10:00:00 8>10"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:05:00>09:13:00");
  EXPECT_EQ(prism(r.periods.at(3)), "09:29:00>09:51:00");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->span, span("09:29", "09:51"));
  EXPECT_EQ(q->kind, PeriodKind::unobserved);
  EXPECT_THAT(evidence(r), ElementsAre("V1:7", "V1:8"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);
}

TEST(PresentClaim, InconclusiveAtTheEdgeWhenOnlyAPingBeforeTheIntervalDisagrees) {
  // Row 0: 08:59, 1 km away; rows 1..16: 09:03 ... 10:03 at X. Midpoint 09:01: 09:00-09:01 is
  // outside by the midpoint rule alone, which never decides a verdict. The step's prism lets the
  // vehicle reach X from 08:59:26.030, before the start: it could have held X throughout.
  const auto tr = track(Pings{Ping{kN1k, t("08:59")}} + every(kX, "09:03", "10:03"));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::edge);
  expect_times(r, {3'540'000, 0, 60'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("outside V1 09:00:00-09:01:00 0>0", "inside V1 09:01:00-10:00:00 1>15"));
  const Period* q = quoted(r);  // the first period observed outside
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(describe(*q), "outside V1 09:00:00-09:01:00 0>0");
  // The ping before the interval that stands for it.
  EXPECT_THAT(evidence(r), Contains("V1:0"));
  // Its stretch, clipped to the interval, holds X throughout.
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o.cannot_hold.has_value());
}

// --- Bridged silences ---------------------------------------------------------------------------

// All at X: rows 0..8: 08:57 ... 09:29; rows 9..12: 09:51, 09:55, 09:59, 10:03. One silence
// 09:29-09:51 (22 min).
Pings silence_at_x() { return every(kX, "08:57", "09:29") + every(kX, "09:51", "10:03"); }

TEST(PresentClaim, SupportedThroughASilenceBridgedByADwell) {
  // A dwell 09:20-09:55 holds the silence and both pings around it are at X: bridged, inside.
  const ClaimResult r = check(present("09:00", "10:00"), track(silence_at_x()), {span("09:20", "09:55")});
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  expect_times(r, {3'600'000, 1'320'000, 0, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:29:00 1>8", "bridged V1 09:29:00-09:51:00 8>9",
                                               "inside V1 09:51:00-10:00:00 9>11"));
  // Start (row 1, 09:01), end (row 11, 09:59: the midpoint with 10:03 is 10:01), and the pings
  // around the bridged silence (rows 8 and 9).
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:8", "V1:9", "V1:11"));
}

TEST(PresentClaim, NoBridgeWithoutADwellHoldingTheWholeSilence) {
  // No dwell: unobserved; a dwell that begins inside the silence (09:40-10:30) does not hold it.
  for (const auto& dwells : {std::vector<duty::Interval>{}, std::vector<duty::Interval>{span("09:40", "10:30")},
                             std::vector<duty::Interval>{span("08:00", "09:40")}}) {
    const ClaimResult r = check(present("09:00", "10:00"), track(silence_at_x()), dwells);
    EXPECT_EQ(r.verdict, Verdict::inconclusive);
    EXPECT_EQ(r.basis, Basis::could_have_been);
    expect_times(r, {2'280'000, 0, 0, 1'320'000, 0});
    EXPECT_EQ(count(r.max_possible_stay), 1'320'000);
    EXPECT_THAT(evidence(r), ElementsAre("V1:8", "V1:9"));
  }
}

// =============================================================================================
// absent
// =============================================================================================

TEST(AbsentClaim, ContradictedByAPingThereTheNearestIsQuoted) {
  // Rows 0..16: 08:57 ... 10:01, 1 km away; 09:21 (row 6) 20 m away, 09:25 (row 7) at X.
  const Pings base = moved(moved(every(kN1k, "08:57", "10:01"), "09:21", kN20), "09:25", kX);
  const ClaimResult r = check(absent("09:00", "10:00"), track(base));
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::seen_there);
  expect_times(r, {480'000, 0, 3'120'000, 0, 0});
  ASSERT_TRUE(r.decisive.has_value());
  EXPECT_EQ(r.decisive->ping, 7U);
  EXPECT_TRUE(r.decisive->inside());
  EXPECT_EQ(r.decisive->status, Status::inside);
  EXPECT_NEAR(r.decisive->distance.value, 0.0, 1e-6);
  EXPECT_THAT(evidence(r), ElementsAre("V1:7"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 7U);
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-09:19:00 1>5", "inside V1 09:19:00-09:27:00 6>7",
                                               "outside V1 09:27:00-10:00:00 8>16"));
  // Tie (09:49, row 13, also at X): the earliest.
  const ClaimResult tie = check(absent("09:00", "10:00"), track(moved(base, "09:49", kX)));
  ASSERT_TRUE(tie.decisive.has_value());
  EXPECT_EQ(tie.decisive->ping, 7U);
  // 09:25 only 20 m away too, 09:49 at X: the nearer, later ping.
  const ClaimResult later = check(absent("09:00", "10:00"), track(moved(moved(base, "09:25", kN20), "09:49", kX)));
  ASSERT_TRUE(later.decisive.has_value());
  EXPECT_EQ(later.decisive->ping, 13U);
}

TEST(AbsentClaim, ContradictedByASilenceBridgedThere) {
  // The silence 09:29-09:51 at X lies in a dwell 09:20-09:55; the claim 09:35-09:45 falls in it.
  const ClaimResult r = check(absent("09:35", "09:45"), track(silence_at_x()), {span("09:20", "09:55")});
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::bridged_there);
  expect_times(r, {600'000, 600'000, 0, 0, 0});
  EXPECT_FALSE(r.nearest.has_value());  // no ping in the interval
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_THAT(describe(r.periods), ElementsAre("bridged V1 09:35:00-09:45:00 8>9"));
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::bridged);
  EXPECT_THAT(evidence(r), ElementsAre("V1:8", "V1:9"));
}

TEST(AbsentClaim, NoBridgeWhenOnePingAroundTheSilenceIsAway) {
  // As above, but 09:51 (row 9) is 500 m away: not bridged, unobserved. Arrival from 09:29 (row 8
  // at X), clipped to 09:35; departure by 09:51:00 - 12.184 s = 09:50:47.816, clipped to 09:45.
  const Pings p = moved(silence_at_x(), "09:51", kN500);
  const ClaimResult r = check(absent("09:35", "09:45"), track(p), {span("09:20", "09:55")});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 0, 600'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 600'000);
  EXPECT_THAT(describe(r.periods), ElementsAre("unobserved V1 09:35:00-09:45:00 8>9"));
  EXPECT_EQ(prism(r.periods.at(0)), "09:35:00>09:45:00");
  EXPECT_THAT(evidence(r), ElementsAre("V1:8", "V1:9"));
  // Over 09:29:30-09:50:55 the departure bound is the prism's own, unclipped.
  const Observation o = observe("V1", track(p), std::vector<duty::Interval>{span("09:20", "09:55")}, point_place(),
                                span("09:29:30", "09:50:55"), VerifyConfig{});
  ASSERT_EQ(o.periods.size(), 1U);
  EXPECT_EQ(prism(o.periods[0]), "09:29:30>09:50:47.816");
}

TEST(AbsentClaim, SupportedWhenSeenAwayThroughout) {
  // Rows 0..16: 08:57 ... 10:01, 10 km away; 09:33 (row 9) 2 km away, the closest approach
  // (8 km in 4 min: 121.2 km/h, no raise). No step leaves time to reach X: 275261 ms twice, or
  // 275261 + 53723 = 328984 ms, is more than 4 min.
  const auto tr = track(moved(every(kN10k, "08:57", "10:01"), "09:33", kN2k));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_away_throughout);
  expect_times(r, {0, 0, 3'600'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_FALSE(r.max_stay_between_pings.has_value());  // no step is reachable
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 9U);
  EXPECT_NEAR(r.nearest->distance.value, 2000.003488, 1e-3);
  EXPECT_FALSE(r.nearest->inside());
  EXPECT_EQ(r.nearest->status, Status::outside);
  EXPECT_THAT(evidence(r), ElementsAre("V1:9"));
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-10:00:00 1>16"));
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o.longest_stay.has_value());
}

TEST(AbsentClaim, InconclusiveWhenAStepBetweenPingsLeavesAStay) {
  // Seen away at every ping, but the pings are close enough for a visit between two of them.
  // Rows 0..16: 08:57 ... 10:01, 1 km away; 09:33 (row 9) 500 m away. Possible stays:
  //   08:57-09:01 clipped to 09:00-09:01: 09:00:00 to 09:01 - 26.030 s: 33970 ms
  //   1 km to 1 km, 4 min: 240000 - 2 * 26030 = 187940 ms
  //   09:29-09:33 and 09:33-09:37 (1 km and 500 m): 240000 - 26030 - 12184 = 201786 ms (the longest)
  //   09:57-10:01 clipped to 09:57-10:00: 09:57:26.030 to 10:00:00: 153970 ms
  const auto tr = track(moved(every(kN1k, "08:57", "10:01"), "09:33", kN500));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 3'600'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());  // no unobserved time
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_EQ(count(r.max_stay_between_pings), 201'786);
  // One of the two equally long stretches around row 9 is quoted (docs/verify.md names no tie rule).
  ASSERT_TRUE(r.decisive_between.has_value());
  EXPECT_EQ(r.decisive_between->reach.longest_stay(), Millis{201'786});
  EXPECT_TRUE(r.decisive_between->from.ping == 9U || r.decisive_between->to.ping == 9U);
  const std::string quoted_between = describe(r.decisive_between);
  EXPECT_TRUE(quoted_between == "V1:8>9 09:29:00-09:33:00 09:29:26.030>09:32:47.816" ||
              quoted_between == "V1:9>10 09:33:00-09:37:00 09:33:12.184>09:36:33.970")
      << quoted_between;

  // --min-visit 201786 ms: a stay of exactly that still keeps the claim open ("at least").
  EXPECT_EQ(check(absent("09:00", "10:00"), tr, {}, min_visit(Millis{201'786})).verdict, Verdict::inconclusive);
  // One millisecond more: no stretch leaves such a stay, and there is no unobserved time.
  const ClaimResult held = check(absent("09:00", "10:00"), tr, {}, min_visit(Millis{201'787}));
  EXPECT_EQ(held.verdict, Verdict::supported);
  EXPECT_EQ(held.basis, Basis::seen_away_throughout);
  EXPECT_EQ(count(held.max_stay_between_pings), 201'786);  // still reported
  EXPECT_THAT(evidence(held), ElementsAre("V1:9"));          // the closest approach
}

TEST(AbsentClaim, ADriveByBetweenPingsAMinuteApartLeavesAPossibleStay) {
  // A vehicle drives south along a road 120 m east of X at 320 m a minute, a ping a minute: rows
  // 0..10 at 09:26 ... 09:36 (see the road in the header). Claim: absent 09:27-09:35. Every ping
  // is outside (the nearest is 199.997923 m, more than 50 + 10), but between the two nearest
  // (rows 4 and 5, 09:30 and 09:31, both about 200 m away) the vehicle could have turned into X:
  // 09:30 + 3876 ms = 09:30:03.876 to 09:31 - 3876 ms = 09:30:56.124, a stay of 52248 ms. The
  // other steps leave less (rows 3-4 and 5-6: 60000 - 12039 - 3876 = 44085 ms; 2-3 and 6-7: 27221;
  // 1-2 and 7-8: 9729; 8-9: 60000 - 29531 - 38353 < 0).
  const double road = -1.1382277;
  Pings p;
  const char* clocks[] = {"09:26", "09:27", "09:28", "09:29", "09:30", "09:31",
                          "09:32", "09:33", "09:34", "09:35", "09:36"};
  const double lats[] = {52.6429404, 52.6400648, 52.6371891, 52.6343135, 52.6314378, 52.6285622,
                         52.6256865, 52.6228109, 52.6199352, 52.6170596, 52.6141839};
  for (int i = 0; i < 11; ++i) p.push_back(Ping{ll(lats[i], road), t(clocks[i])});
  const auto tr = track(p);
  const ClaimResult r = check(absent("09:27", "09:35"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 480'000, 0, 0});
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:27:00-09:35:00 1>9"));
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_EQ(count(r.max_stay_between_pings), 52'248);
  EXPECT_EQ(describe(r.decisive_between), "V1:4>5 09:30:00-09:31:00 09:30:03.876>09:30:56.124");
  EXPECT_THAT(evidence(r), ElementsAre("V1:4", "V1:5"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 4U);
  EXPECT_NEAR(r.nearest->distance.value, 199.997923, 1e-3);
  EXPECT_EQ(r.nearest->status, Status::outside);
  EXPECT_NEAR(r.speed.kmh(), 130.0, 1e-9);  // 320 m a minute: 19.4 km/h with 1%

  // --min-visit 45 s: only the step 4-5 leaves such a stay; still open.
  const ClaimResult m45 = check(absent("09:27", "09:35"), tr, {}, min_visit(Millis{45'000}));
  EXPECT_EQ(m45.verdict, Verdict::inconclusive);
  EXPECT_EQ(m45.basis, Basis::could_have_been);
  EXPECT_EQ(describe(m45.decisive_between), "V1:4>5 09:30:00-09:31:00 09:30:03.876>09:30:56.124");
  // --min-visit 52248 ms: "at least": still open.
  EXPECT_EQ(check(absent("09:27", "09:35"), tr, {}, min_visit(Millis{52'248})).verdict, Verdict::inconclusive);
  // --min-visit above the longest possible stay: supported.
  const ClaimResult m = check(absent("09:27", "09:35"), tr, {}, min_visit(Millis{52'249}));
  EXPECT_EQ(m.verdict, Verdict::supported);
  EXPECT_EQ(m.basis, Basis::seen_away_throughout);
  EXPECT_EQ(count(m.max_stay_between_pings), 52'248);
  EXPECT_THAT(evidence(m), ElementsAre("V1:4"));  // the closest approach; no unobserved period
  const ClaimResult minute = check(absent("09:27", "09:35"), tr, {}, min_visit(Millis{60'000}));
  EXPECT_EQ(minute.verdict, Verdict::supported);
}

TEST(AbsentClaim, SupportedWhenEverySilenceIsUnreachable) {
  // 10 km away: rows 0..6: 08:57 ... 09:21; rows 7..16: 09:27 ... 10:03, with 09:47 (row 12) 2 km
  // away. Silence 09:21-09:27 (6 min): arrival from 09:25:35.261, departure by 09:22:24.739.
  // No step is reachable either (see above).
  const auto tr = track(every(kN10k, "08:57", "09:21") + moved(every(kN10k, "09:27", "10:03"), "09:47", kN2k));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::unreachable);
  expect_times(r, {0, 0, 3'240'000, 360'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
  EXPECT_FALSE(r.max_stay_between_pings.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 12U);
  EXPECT_NEAR(r.nearest->distance.value, 2000.003488, 1e-3);
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-09:21:00 1>6", "unobserved V1 09:21:00-09:27:00 6>7",
                                               "outside V1 09:27:00-10:00:00 7>15"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:25:35.261>09:22:24.739");
  // The closest approach and the pings around every unobserved period, by time.
  EXPECT_THAT(evidence(r), ElementsAre("V1:6", "V1:7", "V1:12"));
}

TEST(AbsentClaim, SupportedUnreachableWithNoPingInTheInterval) {
  // 08:58 and 09:07, both 10 km away; claim 09:00-09:05 (the present claim above fails on it).
  const auto tr = track(Pings{Ping{kN10k, t("08:58")}, Ping{kN10k, t("09:07")}});
  const ClaimResult r = check(absent("09:00", "09:05"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::unreachable);
  expect_times(r, {0, 0, 0, 300'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.nearest.has_value());
  EXPECT_THAT(evidence(r), ElementsAre("V1:0", "V1:1"));
}

TEST(AbsentClaim, InconclusiveTheStretchWithTheLongestPossibleStayIsQuoted) {
  // Rows 0..4: 08:57 ... 09:13, 10 km; row 5: 09:32, 10 km; rows 6, 7: 09:37, 09:41, 1 km;
  // rows 8, 9, 10: 09:56, 10:00, 10:04, 1 km. (10 km to 1 km in 5 min: 109.1 km/h, no raise.)
  // Silence A 09:13-09:32 (19 min): 09:17:35.261 to 09:27:24.739, stay 589478 ms.
  // Silence B 09:41-09:56 (15 min): 09:41:26.030 to 09:55:33.970, stay 847940 ms. B is quoted.
  // Steps: 09:32-09:37 (exactly 5 min, no silence): 275261 + 26030 ms > 5 min, unreachable;
  // 09:37-09:41 and 09:56-10:00 (1 km both): 187940 ms each; 10:00-10:04 touches only at 10:00.
  const auto tr = track(every(kN10k, "08:57", "09:13") + every(kN10k, "09:32", "09:32") + every(kN1k, "09:37", "09:41") +
                        every(kN1k, "09:56", "10:04"));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 1'560'000, 2'040'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 847'940);
  EXPECT_EQ(count(r.max_stay_between_pings), 187'940);
  // 09:32-09:37 by the midpoint rule: row 5 to 09:34:30, row 6 to 09:39, row 7 to 09:41.
  EXPECT_THAT(describe(r.periods),
              ElementsAre("outside V1 09:00:00-09:13:00 1>4", "unobserved V1 09:13:00-09:32:00 4>5",
                          "outside V1 09:32:00-09:41:00 5>7", "unobserved V1 09:41:00-09:56:00 7>8",
                          "outside V1 09:56:00-10:00:00 8>9"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:17:35.261>09:27:24.739");
  EXPECT_EQ(r.periods.at(1).reach->longest_stay(), Millis{589'478});
  EXPECT_EQ(prism(r.periods.at(3)), "09:41:26.030>09:55:33.970");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->span, span("09:41", "09:56"));
  EXPECT_THAT(evidence(r), ElementsAre("V1:7", "V1:8"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 6U);  // the first 1 km ping in the interval
}

TEST(AbsentClaim, InconclusiveAtTheEdgeWhenOnlyAPingBeforeTheIntervalIsThere) {
  // Row 0: 08:59 at X; rows 1..16: 09:03 ... 10:03, 8 km away (121.2 km/h from X, no raise).
  // 09:00-09:01 is inside by the midpoint rule only. The step 08:59-09:03 clipped to 09:00-09:03:
  // arrival 09:00, departure by 09:03 - 219.876 s = 08:59:20.124: unreachable within the
  // interval; 8 km to 8 km steps are unreachable too (2 * 219876 ms > 4 min).
  const auto tr = track(Pings{Ping{kX, t("08:59")}} + every(kN8k, "09:03", "10:03"));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::edge);
  expect_times(r, {60'000, 0, 3'540'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_stay_between_pings.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);
  EXPECT_FALSE(r.nearest->inside());
  EXPECT_NEAR(r.nearest->distance.value, 7999.994924, 1e-3);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("inside V1 09:00:00-09:01:00 0>0", "outside V1 09:01:00-10:00:00 1>15"));
  const Period* q = quoted(r);  // the first period observed inside
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::inside);
  EXPECT_THAT(evidence(r), Contains("V1:0"));  // the ping outside the interval that stands for it
}

// =============================================================================================
// Uncertain pings: radius < distance <= radius + margin
// =============================================================================================

TEST(UncertainPing, NeitherContradictsNorSupportsAPresenceClaim) {
  // Rows 0..16: 08:57 ... 10:01, 20 m north (inside); 09:21 (row 6) 54.905 m away with the 10 m
  // margin: more than the radius 50, within 60: uncertain. It stands for 09:19-09:23, which counts
  // as unobserved with a prism open at the place: its neighbours are inside (d = 0) and so is it
  // (54.905 - 50 - 10 < 0: d = 0), so the prism is the whole period.
  const auto tr = track(moved(every(kN20, "08:57", "10:01"), "09:21", kN54_9));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {3'360'000, 0, 0, 240'000, 0}, 240'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 240'000);
  EXPECT_EQ(count(r.max_stay_between_pings), 240'000);
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:19:00 1>5", "uncertain V1 09:19:00-09:23:00 6>6",
                                               "inside V1 09:23:00-10:00:00 7>16"));
  ASSERT_TRUE(r.periods.at(1).from.has_value());
  EXPECT_EQ(r.periods.at(1).from->status, Status::uncertain);
  EXPECT_NEAR(r.periods.at(1).from->distance.value, 54.905204, 1e-3);
  EXPECT_EQ(prism(r.periods.at(1)), "09:19:00>09:23:00");
  const Period* q = quoted(r);  // the longest unobserved period: the uncertain one
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::uncertain);
  EXPECT_THAT(evidence(r), Contains("V1:6"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);  // 19.997 m, the first of the 20 m pings

  // Just beyond the radius (50.098 m): uncertain too, the same figures.
  const ClaimResult edge = check(present("09:00", "10:00"), track(moved(every(kN20, "08:57", "10:01"), "09:21", kN50_1)));
  EXPECT_EQ(edge.verdict, Verdict::inconclusive);
  EXPECT_EQ(edge.basis, Basis::could_have_been);
  expect_times(edge, {3'360'000, 0, 0, 240'000, 0}, 240'000);
  // Just within it (49.898 m): inside, supported.
  const ClaimResult in = check(present("09:00", "10:00"), track(moved(every(kN20, "08:57", "10:01"), "09:21", kN49_9)));
  EXPECT_EQ(in.verdict, Verdict::supported);
  expect_times(in, {3'600'000, 0, 0, 0, 0});
  // Beyond radius + margin (60.102 m): surely away.
  const ClaimResult out = check(present("09:00", "10:00"), track(moved(every(kN20, "08:57", "10:01"), "09:21", kN60_1)));
  EXPECT_EQ(out.verdict, Verdict::contradicted);
  EXPECT_EQ(out.basis, Basis::seen_away);
  ASSERT_TRUE(out.decisive.has_value());
  EXPECT_EQ(out.decisive->ping, 6U);
  expect_times(out, {3'360'000, 0, 240'000, 0, 0});
}

TEST(UncertainPing, OnlyUncertainPingsLeaveBothAssertionsOpen) {
  // Every 4 min 08:57 ... 10:01 (rows 0..16) at 54.905 m: uncertain throughout, d = 0 everywhere.
  const auto tr = track(every(kN54_9, "08:57", "10:01"));
  const ClaimResult p = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(p.verdict, Verdict::inconclusive);
  EXPECT_EQ(p.basis, Basis::could_have_been);
  expect_times(p, {0, 0, 0, 3'600'000, 0}, 3'600'000);
  EXPECT_EQ(p.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(p.max_possible_stay), 3'600'000);
  EXPECT_THAT(describe(p.periods), ElementsAre("uncertain V1 09:00:00-10:00:00 1>16"));
  EXPECT_EQ(prism(p.periods.at(0)), "09:00:00>10:00:00");
  // Once a contradiction by seen_there (within radius + margin) under the old rule; not now.
  const ClaimResult a = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  expect_times(a, {0, 0, 0, 3'600'000, 0}, 3'600'000);
  EXPECT_EQ(a.feasible, std::optional<bool>(true));
  ASSERT_TRUE(a.nearest.has_value());
  EXPECT_EQ(a.nearest->ping, 1U);
  EXPECT_EQ(a.nearest->status, Status::uncertain);
  // Neither the nearest ping inside nor the farthest surely outside.
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o.nearest_inside.has_value());
  EXPECT_FALSE(o.farthest_outside.has_value());
  ASSERT_TRUE(o.nearest.has_value());
  EXPECT_EQ(o.nearest->status, Status::uncertain);
}

TEST(UncertainPing, AmongPingsAwayItKeepsAnAbsenceClaimOpen) {
  // Rows 0..16: 08:57 ... 10:01, 8 km away (outside); 09:29 (row 8) 54.905 m away (uncertain).
  // 8 km to 55 m in 4 min: 7945 m * 1.01 / 240 s = 120.4 km/h, no raise. The steps 09:25-09:29
  // and 09:29-09:33 leave 240000 - 219876 = 20124 ms each (d = 0 at the uncertain ping).
  const auto tr = track(moved(every(kN8k, "08:57", "10:01"), "09:29", kN54_9));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 3'360'000, 240'000, 0}, 240'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_stay_between_pings), 20'124);
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-09:27:00 1>7", "uncertain V1 09:27:00-09:31:00 8>8",
                                               "outside V1 09:31:00-10:00:00 9>16"));
  // The uncertain period's prism: docs/verify.md says it is "open at the place"; whether it is
  // also bounded by the 8 km pings 4 min either side (09:28:39.876 to 09:29:20.124, 40248 ms) or
  // not (the whole 4 min), it is reachable and leaves the longest possible stay: it is quoted.
  const std::string open = prism(r.periods.at(1));
  EXPECT_TRUE(open == "09:28:39.876>09:29:20.124" || open == "09:27:00>09:31:00") << open;
  EXPECT_GE(count(r.max_possible_stay), 40'248);
  EXPECT_LE(count(r.max_possible_stay), 240'000);
  const Period* q = quoted(r);
  EXPECT_NE(q, nullptr);
  if (q != nullptr) {
    EXPECT_EQ(q->kind, PeriodKind::uncertain);
  }
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 8U);
  EXPECT_EQ(r.nearest->status, Status::uncertain);
  // So --min-visit 30 s, more than the steps' 20124 ms but less than the uncertain period's
  // stay on either reading, still keeps the claim open.
  const ClaimResult m30 = check(absent("09:00", "10:00"), tr, {}, min_visit(Millis{30'000}));
  EXPECT_EQ(m30.verdict, Verdict::inconclusive);
  EXPECT_EQ(m30.basis, Basis::could_have_been);
}

TEST(UncertainPing, AHugeAccuracyDoesNotPlaceAVehicleAtTheAddress) {
  // Rows 0..16: 08:57 ... 10:01, 8 km away, accuracy 10; 09:29 (row 8) 1.2 km away with an
  // accuracy of 2000 m. 1200.004 m is more than the radius (not inside) and no more than
  // 50 + 2000 (not surely outside): uncertain, so it cannot contradict "I never went there".
  const auto pings = moved(with_accuracy(every(kN8k, "08:57", "10:01"), 10.0F), "09:29", kN1_2k, 2000.0F);
  const auto tr = track(pings, true);
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 3'360'000, 240'000, 0}, 240'000);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_stay_between_pings), 20'124);  // 240000 - 219876, d = 0 at the weak fix
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 8U);
  EXPECT_NEAR(r.nearest->distance.value, 1200.003586, 1e-3);
  EXPECT_DOUBLE_EQ(r.nearest->margin.value, 2000.0);
  EXPECT_EQ(r.nearest->status, Status::uncertain);
  EXPECT_FALSE(r.nearest->inside());
  // The weak fix leaves X reachable for at least 40248 ms (09:28:39.876 to 09:29:20.124 between
  // the 8 km pings either side; the whole 4 min if its prism is open): --min-visit 30 s keeps the
  // claim open.
  const ClaimResult m30 = check(absent("09:00", "10:00"), tr, {}, min_visit(Millis{30'000}));
  EXPECT_EQ(m30.verdict, Verdict::inconclusive);
  EXPECT_EQ(m30.basis, Basis::could_have_been);

  // --position-margin 10 overrides the accuracy: the ping is surely outside, d = 1140.003586 m
  // (31569 ms); the steps around it need 219876 + 31569 = 251445 ms > 4 min: supported.
  VerifyConfig ten;
  ten.position_margin = Meters{10.0};
  const ClaimResult held = check(absent("09:00", "10:00"), tr, {}, ten);
  EXPECT_EQ(held.verdict, Verdict::supported);
  EXPECT_EQ(held.basis, Basis::seen_away_throughout);
  expect_times(held, {0, 0, 3'600'000, 0, 0});
  EXPECT_FALSE(held.max_stay_between_pings.has_value());
  ASSERT_TRUE(held.nearest.has_value());
  EXPECT_EQ(held.nearest->status, Status::outside);
  EXPECT_THAT(evidence(held), ElementsAre("V1:8"));
}

// =============================================================================================
// Margins
// =============================================================================================

// The sighting of the only ping within a second of `when`.
Sighting sighting_at(const clean::Track& tr, Instant when, const VerifyConfig& config = {},
                     const ingest::PlaceRow& place = point_place()) {
  const Observation o =
      observe("V1", tr, std::vector<duty::Interval>{}, place, duty::Interval{when - Millis{1000}, when + Millis{1000}}, config);
  EXPECT_TRUE(o.nearest.has_value()) << hms(when);
  return o.nearest.value_or(Sighting{});
}

TEST(Margin, AccuracyOfEachPingElse10Metres) {
  // Radius 50 m: inside up to 50 m; uncertain up to 50 + margin; outside beyond. One ping a
  // minute from 09:00.
  const auto tr = track(Pings{Ping{kN69_9, t("09:00"), 20.0F}, Ping{kN70_1, t("09:01"), 20.0F},
                              Ping{kN59_9, t("09:02"), kNoAccuracy}, Ping{kN60_1, t("09:03"), kNoAccuracy},
                              Ping{kN54_9, t("09:04"), 5.0F}, Ping{kN55_1, t("09:05"), 5.0F},
                              Ping{kN49_9, t("09:06"), 0.0F}, Ping{kN50_1, t("09:07"), 0.0F},
                              Ping{kN50_1, t("09:08"), 20.0F}, Ping{kN20, t("09:09"), 20.0F}},
                        true);
  struct Want {
    const char* at;
    double distance, margin;
    Status status;
  };
  for (const Want& w : {Want{"09:00", 69.894526, 20.0, Status::uncertain},  // limit 70
                        Want{"09:01", 70.094829, 20.0, Status::outside},
                        Want{"09:02", 59.901645, 10.0, Status::uncertain},  // NaN: 10 m
                        Want{"09:03", 60.101948, 10.0, Status::outside},
                        Want{"09:04", 54.905204, 5.0, Status::uncertain},
                        Want{"09:05", 55.105507, 5.0, Status::outside},
                        Want{"09:06", 49.897636, 0.0, Status::inside},  // accuracy 0 is a margin of 0
                        Want{"09:07", 50.097939, 0.0, Status::outside},  // no uncertain band at all
                        Want{"09:08", 50.097939, 20.0, Status::uncertain},
                        Want{"09:09", 19.996889, 20.0, Status::inside}}) {
    const Sighting s = sighting_at(tr, t(w.at));
    EXPECT_NEAR(s.distance.value, w.distance, 1e-3) << w.at;
    EXPECT_DOUBLE_EQ(s.margin.value, w.margin) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
    EXPECT_EQ(s.inside(), w.status == Status::inside) << w.at;
    EXPECT_EQ(s.vehicle_id, "V1");
  }
}

TEST(Margin, PositionMarginOverridesEveryAccuracy) {
  // --position-margin 5: uncertain from 50 to 55 m for every ping, whatever its accuracy.
  const auto tr = track(Pings{Ping{kN69_9, t("09:00"), 20.0F}, Ping{kN54_9, t("09:01"), 20.0F},
                              Ping{kN55_1, t("09:02"), 20.0F}, Ping{kN54_9, t("09:03"), kNoAccuracy},
                              Ping{kN59_9, t("09:04"), kNoAccuracy}, Ping{kN49_9, t("09:05"), 20.0F}},
                        true);
  VerifyConfig config;
  config.position_margin = Meters{5.0};
  struct Want {
    const char* at;
    Status status;
  };
  for (const Want& w : {Want{"09:00", Status::outside}, Want{"09:01", Status::uncertain}, Want{"09:02", Status::outside},
                        Want{"09:03", Status::uncertain}, Want{"09:04", Status::outside},
                        Want{"09:05", Status::inside}}) {
    const Sighting s = sighting_at(tr, t(w.at), config);
    EXPECT_DOUBLE_EQ(s.margin.value, 5.0) << w.at;
    EXPECT_EQ(s.status, w.status) << w.at;
  }
}

TEST(Margin, TenMetresWhenTheInputHasNoAccuracyColumn) {
  const auto tr = track(Pings{Ping{kN59_9, t("09:00")}, Ping{kN60_1, t("09:01")}, Ping{kN49_9, t("09:02")}});
  ASSERT_TRUE(tr.accuracy_m.empty());
  const Sighting weak = sighting_at(tr, t("09:00"));
  EXPECT_EQ(weak.status, Status::uncertain);
  EXPECT_DOUBLE_EQ(weak.margin.value, 10.0);
  const Sighting out = sighting_at(tr, t("09:01"));
  EXPECT_EQ(out.status, Status::outside);
  EXPECT_DOUBLE_EQ(out.margin.value, 10.0);
  const Sighting in = sighting_at(tr, t("09:02"));
  EXPECT_EQ(in.status, Status::inside);
  EXPECT_TRUE(in.inside());
}

TEST(Margin, DecidesTheVerdict) {
  // Claim present 09:00-09:10; a ping every 2 min 08:58-09:12 (rows 0..7) at 69.895 m.
  const auto pings = [](float accuracy) { return track(with_accuracy(every(kN69_9, "08:58", "09:12", 2), accuracy), true); };
  // Accuracy 20: uncertain throughout (50 < 69.9 <= 70): unobserved, reachable throughout.
  const ClaimResult wide = check(present("09:00", "09:10"), pings(20.0F));
  EXPECT_EQ(wide.verdict, Verdict::inconclusive);
  EXPECT_EQ(wide.basis, Basis::could_have_been);
  expect_times(wide, {0, 0, 0, 600'000, 0}, 600'000);
  EXPECT_EQ(wide.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(wide.max_possible_stay), 600'000);
  EXPECT_THAT(describe(wide.periods), ElementsAre("uncertain V1 09:00:00-09:10:00 1>6"));
  // Accuracy 19: limit 69 m, every ping surely away.
  const ClaimResult narrow = check(present("09:00", "09:10"), pings(19.0F));
  EXPECT_EQ(narrow.verdict, Verdict::contradicted);
  EXPECT_EQ(narrow.basis, Basis::seen_away);
  expect_times(narrow, {0, 0, 600'000, 0, 0});
  ASSERT_TRUE(narrow.decisive.has_value());
  EXPECT_EQ(narrow.decisive->ping, 1U);  // all equally far: the earliest in the interval (09:00)
  // --position-margin 25 overrides accuracy 19: uncertain again.
  VerifyConfig config;
  config.position_margin = Meters{25.0};
  const ClaimResult override25 = check(present("09:00", "09:10"), pings(19.0F), {}, config);
  EXPECT_EQ(override25.verdict, Verdict::inconclusive);
  EXPECT_EQ(override25.basis, Basis::could_have_been);
  // NaN accuracy: 10 m, limit 60 m: away.
  EXPECT_EQ(check(present("09:00", "09:10"), pings(kNoAccuracy)).basis, Basis::seen_away);
  // Only a ping within the radius itself supports presence: 20 m, any accuracy.
  const auto close = track(with_accuracy(every(kN20, "08:58", "09:12", 2), 19.0F), true);
  EXPECT_EQ(check(present("09:00", "09:10"), close).verdict, Verdict::supported);
}

TEST(Margin, ShortensTheTravelInTheSilence) {
  // 09:00 and 09:20, both 1 km away. Accuracy 35: d = 915.000981 m -> 25338 ms.
  const auto with = [](float accuracy) {
    return track(Pings{Ping{kN1k, t("09:00"), accuracy}, Ping{kN1k, t("09:20"), accuracy}}, true);
  };
  const auto period = [](const clean::Track& tr, const VerifyConfig& config) {
    const Observation o =
        observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00:10", "09:19:50"), config);
    EXPECT_EQ(o.periods.size(), 1U);
    return o.periods.empty() ? Period{} : o.periods[0];
  };
  const Period p35 = period(with(35.0F), VerifyConfig{});
  EXPECT_EQ(describe(p35), "unobserved V1 09:00:10-09:19:50 0>1");
  EXPECT_EQ(prism(p35), "09:00:25.338>09:19:34.662");
  ASSERT_TRUE(p35.from.has_value());
  EXPECT_DOUBLE_EQ(p35.from->margin.value, 35.0);
  // NaN: 10 m, d = 940.000981 m -> 26030 ms.
  EXPECT_EQ(prism(period(with(kNoAccuracy), VerifyConfig{})), "09:00:26.030>09:19:33.970");
  // --position-margin 5: d = 945.000981 m -> 26169 ms.
  VerifyConfig five;
  five.position_margin = Meters{5.0};
  EXPECT_EQ(prism(period(with(35.0F), five)), "09:00:26.169>09:19:33.831");
  // A ping inside the place has distance 0 to it (never below 0): 20 m away with radius 50.
  const auto inside = track(Pings{Ping{kN20, t("09:00")}, Ping{kN20, t("09:20")}});
  EXPECT_EQ(prism(period(inside, VerifyConfig{})), "09:00:10>09:19:50");
  // So has an uncertain one (54.905 - 50 - 10 < 0).
  const auto weak = track(Pings{Ping{kN54_9, t("09:00")}, Ping{kN54_9, t("09:20")}});
  EXPECT_EQ(prism(period(weak, VerifyConfig{})), "09:00:10>09:19:50");
}

TEST(Margin, PolygonPlaceDistanceIsToItsBoundary) {
  // The square has radius 0. Its centre is inside (distance 0); a point 20.008 m east of its east
  // edge is surely outside with the 10 m margin and uncertain with an accuracy of 25 m.
  const auto tr = track(Pings{Ping{ll(52.6305, -1.13925), t("09:00"), kNoAccuracy},
                              Ping{ll(52.6305, -1.1382045), t("09:01"), kNoAccuracy},
                              Ping{ll(52.6305, -1.1382045), t("09:02"), 25.0F}},
                        true);
  const Sighting centre = sighting_at(tr, t("09:00"), {}, square_place());
  EXPECT_NEAR(centre.distance.value, 0.0, 1e-9);
  EXPECT_EQ(centre.status, Status::inside);
  const Sighting east = sighting_at(tr, t("09:01"), {}, square_place());
  EXPECT_NEAR(east.distance.value, 20.008004, 1e-3);
  EXPECT_EQ(east.status, Status::outside);
  EXPECT_EQ(sighting_at(tr, t("09:02"), {}, square_place()).status, Status::uncertain);
}

TEST(Margin, PolygonDistanceInThePrismIsTakenOnePercentShort) {
  // Pings at 09:00 and 09:20 at kEast1k, 1000.000711 m east of the square's east edge;
  // --position-margin 0 and the square's radius 0, so d is the distance alone. Window
  // 09:00:10-09:19:50 (a silence).
  //   the square: 0.99 * 1000.000711 = 990.000704 m -> 27415.40 ms -> 27415 ms
  //   the point (52.6305, -1.1385), radius 0: 1000.000711 m -> 27692.33 ms -> 27692 ms
  VerifyConfig zero;
  zero.position_margin = Meters{0.0};
  const auto tr = track(Pings{Ping{kEast1k, t("09:00")}, Ping{kEast1k, t("09:20")}});
  const Observation sq = observe("V1", tr, std::vector<duty::Interval>{}, square_place(), span("09:00:10", "09:19:50"), zero);
  ASSERT_EQ(sq.periods.size(), 1U);
  EXPECT_EQ(describe(sq.periods[0]), "unobserved V1 09:00:10-09:19:50 0>1");
  EXPECT_EQ(prism(sq.periods[0]), "09:00:27.415>09:19:32.585");
  // The reported distance is not shortened.
  EXPECT_NEAR(sighting_at(tr, t("09:00"), zero, square_place()).distance.value, 1000.000711, 1e-3);
  // A point place at the edge's nearest point: the full distance.
  const Observation pt = observe("V1", tr, std::vector<duty::Interval>{}, point_place(ll(52.6305, -1.1385), 0.0, "E"),
                                 span("09:00:10", "09:19:50"), zero);
  ASSERT_EQ(pt.periods.size(), 1U);
  EXPECT_EQ(prism(pt.periods[0]), "09:00:27.692>09:19:32.308");
}

// =============================================================================================
// The speed bound: raised per vehicle to its fastest
// =============================================================================================

TEST(SpeedBound, RaisedToTheFastestTheVehicleWasSeenToMove) {
  // Rows: 0 08:00 10 km north; 1 08:03 at X; 2 08:30, 3 08:56, 4 09:04, 5 09:08, 10 km north.
  // 08:00-08:03: 10000 m in 180 s. In the local frame at the mean latitude (meridional radius of
  // curvature M = a(1-e^2)/(1-e^2 sin^2 phi)^1.5) that is 10000.000565 m: 200.000 km/h, plus 1%:
  // 202.000011 km/h = 56.111114 m/s. Every other step is slower.
  const Pings fast{Ping{kN10k, t("08:00")}, Ping{kX, t("08:03")},    Ping{kN10k, t("08:30")},
                   Ping{kN10k, t("08:56")}, Ping{kN10k, t("09:04")}, Ping{kN10k, t("09:08")}};
  // The same with row 1 at 08:10: 10 km in 10 min, 60.6 km/h with 1%: the bound stays 130.
  Pings slow = fast;
  slow[1].when = t("08:10");

  EXPECT_NEAR(fastest_speed(track(fast), Speed::from_kmh(130.0)).kmh(), 202.0, 1e-3);
  EXPECT_NEAR(fastest_speed(track(fast), Speed::from_kmh(250.0)).kmh(), 250.0, 1e-9);  // at least the floor
  EXPECT_NEAR(fastest_speed(track(slow), Speed::from_kmh(130.0)).kmh(), 130.0, 1e-9);

  // Claim: absent 08:57-09:03, inside the silence 08:56-09:04 (rows 3, 4), both 10 km away.
  // At 130 km/h: 08:56 + 275.261 s = 09:00:35.261 against 09:04 - 275.261 s = 08:59:24.739:
  // unreachable. At 202.000011 km/h: 9940.000560 m take 177148.51 -> 177148 ms: 08:58:57.148 to
  // 09:01:02.852, a stay of 480000 - 2 * 177148 = 125704 ms.
  const auto c = absent("08:57", "09:03");
  const Observation o_slow =
      observe("V1", track(slow), std::vector<duty::Interval>{}, point_place(), span("08:57", "09:03"), VerifyConfig{});
  EXPECT_NEAR(o_slow.speed.kmh(), 130.0, 1e-9);
  EXPECT_THAT(describe(o_slow.periods), ElementsAre("unobserved V1 08:57:00-09:03:00 3>4"));
  EXPECT_EQ(prism(o_slow.periods.at(0)), "09:00:35.261>08:59:24.739");
  const ClaimResult r_slow = check(c, track(slow));
  EXPECT_EQ(r_slow.verdict, Verdict::supported);
  EXPECT_EQ(r_slow.basis, Basis::unreachable);
  EXPECT_EQ(r_slow.feasible, std::optional<bool>(false));
  EXPECT_NEAR(r_slow.speed.kmh(), 130.0, 1e-9);

  const Observation o_fast =
      observe("V1", track(fast), std::vector<duty::Interval>{}, point_place(), span("08:57", "09:03"), VerifyConfig{});
  EXPECT_NEAR(o_fast.speed.kmh(), 202.0, 1e-3);
  ASSERT_EQ(o_fast.periods.size(), 1U);
  EXPECT_NEAR(o_fast.periods[0].speed.kmh(), 202.0, 1e-3);
  EXPECT_EQ(prism(o_fast.periods[0]), "08:58:57.148>09:01:02.852");
  const ClaimResult r_fast = check(c, track(fast));
  EXPECT_EQ(r_fast.verdict, Verdict::inconclusive);
  EXPECT_EQ(r_fast.basis, Basis::could_have_been);
  EXPECT_EQ(r_fast.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r_fast.max_possible_stay), 125'704);
  EXPECT_NEAR(r_fast.speed.kmh(), 202.0, 1e-3);

  // --reach-speed-kmh above the vehicle's fastest is used as it is.
  VerifyConfig v250;
  v250.reach_speed = Speed::from_kmh(250.0);
  EXPECT_NEAR(observe("V1", track(fast), std::vector<duty::Interval>{}, point_place(), span("08:57", "09:03"), v250)
                  .speed.kmh(),
              250.0, 1e-9);
}

// =============================================================================================
// observe: periods
// =============================================================================================

TEST(Observe, MidpointRuleSplitsTheTimeBetweenTwoPings) {
  // 08:59:30 1 km away, 09:04:30 at X (5 min apart, not a silence): each stands for the half
  // nearer to it (midpoint 09:02). The step's prism, clipped to the window: arrival from
  // 08:59:56.030, so 09:00; departure by 09:04:30, so 09:04: the whole window, 240000 ms.
  const auto tr = track(Pings{Ping{kN1k, t("08:59:30")}, Ping{kX, t("09:04:30")}});
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "09:04"), VerifyConfig{});
  EXPECT_THAT(describe(o.periods), ElementsAre("outside V1 09:00:00-09:02:00 0>0", "inside V1 09:02:00-09:04:00 1>1"));
  EXPECT_FALSE(o.periods[0].reach.has_value());
  EXPECT_FALSE(o.periods[1].reach.has_value());
  EXPECT_FALSE(o.cannot_hold.has_value());
  EXPECT_EQ(describe(o.longest_stay), "V1:0>1 09:00:00-09:04:00 09:00:00>09:04:00");
  EXPECT_NEAR(o.speed.kmh(), 130.0, 1e-9);
}

TEST(Observe, GapOfExactlyFiveMinutesIsNotASilence) {
  const auto place = point_place();
  const std::vector<duty::Interval> none;
  // 09:00 and 09:05 (300000 ms, no more than --gap): the midpoint rule, inside throughout.
  const auto five = track(Pings{Ping{kX, t("09:00")}, Ping{kX, t("09:05")}});
  EXPECT_THAT(describe(observe("V1", five, none, place, span("09:01", "09:04"), VerifyConfig{}).periods),
              ElementsAre("inside V1 09:01:00-09:04:00 0>1"));
  // 1 ms more: a silence, unobserved.
  const auto more = track(Pings{Ping{kX, t("09:00")}, Ping{kX, t("09:05:00.001")}});
  const Observation o = observe("V1", more, none, place, span("09:01", "09:04"), VerifyConfig{});
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:01:00-09:04:00 0>1"));
  ASSERT_EQ(o.periods.size(), 1U);
  EXPECT_EQ(prism(o.periods[0]), "09:01:00>09:04:00");
  // --gap 10 min: 7 min between pings is not a silence.
  VerifyConfig ten;
  ten.gap = mins(10);
  const auto seven = track(Pings{Ping{kX, t("09:00")}, Ping{kX, t("09:07")}});
  EXPECT_THAT(describe(observe("V1", seven, none, place, span("09:01", "09:06"), ten).periods),
              ElementsAre("inside V1 09:01:00-09:06:00 0>1"));
  EXPECT_THAT(describe(observe("V1", seven, none, place, span("09:01", "09:06"), VerifyConfig{}).periods),
              ElementsAre("unobserved V1 09:01:00-09:06:00 0>1"));
}

TEST(Observe, NearestInsideAndFarthestOutsideAmongThePingsInTheWindow) {
  // Every 2 min: 09:00 1 km (row 0), 09:02 20 m (1), 09:04 X (2), 09:06 2 km (3), 09:08 500 m (4),
  // 09:10 10 km (5). Window 09:01:30-09:08:30 holds rows 1..4; midpoints 09:03, 09:05, 09:07.
  const auto tr = track(Pings{Ping{kN1k, t("09:00")}, Ping{kN20, t("09:02")}, Ping{kX, t("09:04")},
                              Ping{kN2k, t("09:06")}, Ping{kN500, t("09:08")}, Ping{kN10k, t("09:10")}});
  const Observation o = observe("V7", tr, std::vector<duty::Interval>{}, point_place(), span("09:01:30", "09:08:30"), VerifyConfig{});
  EXPECT_EQ(o.vehicle_id, "V7");
  EXPECT_EQ(o.window, span("09:01:30", "09:08:30"));
  EXPECT_TRUE(o.has_pings);
  ASSERT_TRUE(o.nearest.has_value());
  EXPECT_EQ(o.nearest->ping, 2U);
  ASSERT_TRUE(o.nearest_inside.has_value());
  EXPECT_EQ(o.nearest_inside->ping, 2U);
  EXPECT_EQ(o.nearest_inside->status, Status::inside);
  ASSERT_TRUE(o.farthest_outside.has_value());
  EXPECT_EQ(o.farthest_outside->ping, 3U);  // not row 5 (10 km), outside the window
  EXPECT_EQ(o.farthest_outside->vehicle_id, "V7");
  EXPECT_EQ(o.farthest_outside->status, Status::outside);
  EXPECT_THAT(describe(o.periods),
              ElementsAre("inside V7 09:01:30-09:05:00 1>2", "outside V7 09:05:00-09:08:30 3>4"));
  // The step 09:08-09:10 (500 m to 10 km, 9500.000264 m in the local frame in 120 s), outside
  // the window, raises the vehicle's bound: 9500.000264 * 1.01 / 120 s = 79.958336 m/s =
  // 287.850008 km/h. The step 09:04-09:06 (X to 2 km) is the first that cannot hold X: departure
  // by 09:06 - 1940.003488 m / 79.958336 m/s (24262.68 -> 24262 ms) = 09:05:35.738, before 09:06.
  // (The step 09:00-09:02 clipped to 09:01:30-09:02 holds: arrival before 09:01:30.)
  EXPECT_NEAR(o.speed.kmh(), 287.850008, 1e-3);
  EXPECT_EQ(describe(o.cannot_hold), "V7:2>3 09:04:00-09:06:00 09:04:00>09:05:35.738");
}

TEST(Observe, EmptyTrackIsUnobservedWithAnOpenPrism) {
  const clean::Track empty;
  const Observation o = observe("V1", empty, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o.has_pings);
  EXPECT_FALSE(o.nearest.has_value());
  EXPECT_FALSE(o.cannot_hold.has_value());
  EXPECT_FALSE(o.longest_stay.has_value());
  EXPECT_NEAR(o.speed.kmh(), 130.0, 1e-9);
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:00:00-10:00:00 ->-"));
  ASSERT_EQ(o.periods.size(), 1U);
  EXPECT_EQ(prism(o.periods[0]), "09:00:00>10:00:00");

  const ClaimResult r = check(present("09:00", "10:00"), empty);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 0, 3'600'000, 0});
  EXPECT_TRUE(r.vehicle_without_pings);
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 3'600'000);
  EXPECT_FALSE(r.max_stay_between_pings.has_value());
  EXPECT_FALSE(r.nearest.has_value());
  EXPECT_THAT(evidence(r), IsEmpty());
  EXPECT_THAT(r.vehicles, ElementsAre("V1"));

  const ClaimResult a = check(absent("09:00", "10:00"), empty);
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  EXPECT_TRUE(a.vehicle_without_pings);
}

TEST(Observe, PingsOnlyBeforeTheWindow) {
  // 08:00 and 08:04 (rows 0, 1) at X, then nothing: after the last ping, unobserved.
  const auto at_x = track(Pings{Ping{kX, t("08:00")}, Ping{kX, t("08:04")}});
  const Observation o = observe("V1", at_x, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_TRUE(o.has_pings);
  EXPECT_FALSE(o.nearest.has_value());
  EXPECT_FALSE(o.longest_stay.has_value());  // the step 08:00-08:04 does not touch the window
  EXPECT_THAT(describe(o.periods), ElementsAre("unobserved V1 09:00:00-10:00:00 1>-"));
  EXPECT_EQ(prism(o.periods.at(0)), "09:00:00>10:00:00");
  const ClaimResult r = check(present("09:00", "10:00"), at_x);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  EXPECT_FALSE(r.vehicle_without_pings);
  EXPECT_EQ(count(r.max_possible_stay), 3'600'000);
  EXPECT_THAT(evidence(r), ElementsAre("V1:1"));

  // The last ping at 08:58, 10 km away: arrival from 09:02:35.261, so not there at 09:00.
  const auto far = track(Pings{Ping{kN10k, t("08:58")}});
  const ClaimResult late = check(present("09:00", "10:00"), far);
  EXPECT_EQ(late.verdict, Verdict::contradicted);
  EXPECT_EQ(late.basis, Basis::could_not_hold);
  EXPECT_EQ(count(late.max_possible_stay), 3'444'739);  // 10:00:00 - 09:02:35.261
  EXPECT_EQ(prism(late.periods.at(0)), "09:02:35.261>10:00:00");
  EXPECT_THAT(evidence(late), ElementsAre("V1:0"));
  // ... but it could have gone there later: absent is inconclusive.
  const ClaimResult went = check(absent("09:00", "10:00"), far);
  EXPECT_EQ(went.verdict, Verdict::inconclusive);
  EXPECT_EQ(went.basis, Basis::could_have_been);
  EXPECT_EQ(count(went.max_possible_stay), 3'444'739);
}

TEST(Observe, PingsOnlyAfterTheWindow) {
  // The first ping at 10:02, 10 km away: departure by 09:57:24.739.
  const auto far = track(Pings{Ping{kN10k, t("10:02")}, Ping{kN10k, t("10:06")}});
  const ClaimResult r = check(present("09:00", "10:00"), far);
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  expect_times(r, {0, 0, 0, 3'600'000, 0});
  EXPECT_THAT(describe(r.periods), ElementsAre("unobserved V1 09:00:00-10:00:00 ->0"));
  EXPECT_EQ(prism(r.periods.at(0)), "09:00:00>09:57:24.739");
  EXPECT_EQ(count(r.max_possible_stay), 3'444'739);
  EXPECT_THAT(evidence(r), ElementsAre("V1:0"));
  // At X at 11:00: could have been there throughout.
  const auto at_x = track(Pings{Ping{kX, t("11:00")}});
  const ClaimResult maybe = check(present("09:00", "10:00"), at_x);
  EXPECT_EQ(maybe.verdict, Verdict::inconclusive);
  EXPECT_EQ(maybe.basis, Basis::could_have_been);
}

// =============================================================================================
// plan_claims
// =============================================================================================

ingest::AssignmentRow assignment(std::string officer, std::string vehicle, Instant start, Instant end) {
  return ingest::AssignmentRow{std::move(officer), std::move(vehicle), start, end, SourceRef{1, 2}};
}
const std::vector<std::string> kPaths{"shifts.csv", "assignments.csv"};

ingest::ClaimRow officer_claim(std::string officer, Instant start, Instant end, Assertion a = Assertion::present,
                               ingest::PlaceRow place = point_place()) {
  return claim(a, start, end, std::move(officer), ingest::SubjectKind::officer, std::move(place));
}

// "0 V1 09:00:00-10:00:00)": claim, vehicle, window, and "]" when the window's end is inclusive,
// ")" when not.
std::vector<std::string> parts(const ClaimPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.parts)
    out.push_back(std::to_string(p.claim) + " " + p.vehicle_id + " " + hms(p.window.start) + "-" + hms(p.window.end) +
                  (p.end_inclusive ? "]" : ")"));
  return out;
}
// "10:00:00-12:00:00 V3;V4" (the vehicles sorted) or "09:00:00-10:00:00 none".
std::vector<std::string> unassigned(const std::vector<Unassigned>& v) {
  std::vector<std::string> out;
  for (const auto& u : v) {
    std::vector<std::string> names = u.vehicles;
    std::sort(names.begin(), names.end());
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : ";") + n;
    out.push_back(hms(u.span.start) + "-" + hms(u.span.end) + " " + (joined.empty() ? "none" : joined));
  }
  return out;
}

TEST(PlanClaims, OfficersThroughTheRosterVehiclesWhole) {
  // O1: shift 08:00-16:00 in V1, assigned to V2 10:00-12:00.
  // O2: overlapping shifts 08:00-12:00 in V3 and 10:00-14:00 in V4 (warned by the roster).
  // O3: shift 08:00-16:00 with no vehicle, assigned to V5 10:00-11:00.
  // O6: overlapping shifts 08:00-12:00 in V8 and 10:00-14:00 in V6 (the later name first).
  // O7: shift 08:00-16:00 in V9, assigned to V2 10:00-11:00 (the later name first).
  ProblemSink problems;
  const duty::Roster roster = duty::build_roster(
      {test::shift("S1", "O1", t("08:00"), t("16:00"), "V1"), test::shift("S2", "O2", t("08:00"), t("12:00"), "V3"),
       test::shift("S3", "O2", t("10:00"), t("14:00"), "V4"), test::shift("S4", "O3", t("08:00"), t("16:00")),
       test::shift("S6", "O6", t("08:00"), t("12:00"), "V8"), test::shift("S7", "O6", t("10:00"), t("14:00"), "V6"),
       test::shift("S8", "O7", t("08:00"), t("16:00"), "V9")},
      {assignment("O1", "V2", t("10:00"), t("12:00")), assignment("O3", "V5", t("10:00"), t("11:00")),
       assignment("O7", "V2", t("10:00"), t("11:00"))},
      kPaths, problems);
  const std::vector<ingest::ClaimRow> claims{
      officer_claim("O1", t("09:00"), t("11:00")),              // 0: V1 then V2
      officer_claim("O1", t("07:00"), t("09:00")),              // 1: before the shift, then V1
      officer_claim("O1", t("15:00"), t("17:00")),              // 2: V1, then after the shift
      claim(Assertion::present, t("09:00"), t("10:00"), "V9"),  // 3: a vehicle: the whole interval
      officer_claim("O2", t("09:00"), t("13:00")),              // 4: V3, both V3 and V4, V4
      officer_claim("O3", t("09:00"), t("12:00")),              // 5: no vehicle, V5, no vehicle
      officer_claim("O1", t("09:00"), t("13:00")),              // 6: V1, V2, V1
      officer_claim("O4", t("09:00"), t("10:00")),              // 7: an officer with no shift at all
      officer_claim("O6", t("09:00"), t("13:00")),              // 8: V8, both V6 and V8, V6
      officer_claim("O7", t("09:00"), t("12:00")),              // 9: V9, V2, V9
  };
  const ClaimPlan plan = plan_claims(claims, roster);
  // By (claim, window.start), whatever the vehicles' names; each part's end is exclusive where
  // another part or unassigned time starts there, inclusive at the claim's own end.
  EXPECT_THAT(parts(plan),
              ElementsAre("0 V1 09:00:00-10:00:00)", "0 V2 10:00:00-11:00:00]",                             //
                          "1 V1 08:00:00-09:00:00]",                                                        //
                          "2 V1 15:00:00-16:00:00)",                                                        //
                          "3 V9 09:00:00-10:00:00]",                                                        //
                          "4 V3 09:00:00-10:00:00)", "4 V4 12:00:00-13:00:00]",                             //
                          "5 V5 10:00:00-11:00:00)",                                                        //
                          "6 V1 09:00:00-10:00:00)", "6 V2 10:00:00-12:00:00)", "6 V1 12:00:00-13:00:00]",  //
                          "8 V8 09:00:00-10:00:00)", "8 V6 12:00:00-13:00:00]",                             //
                          "9 V9 09:00:00-10:00:00)", "9 V2 10:00:00-11:00:00)", "9 V9 11:00:00-12:00:00]"));
  ASSERT_EQ(plan.unassigned.size(), claims.size());
  EXPECT_THAT(unassigned(plan.unassigned[0]), IsEmpty());
  EXPECT_THAT(unassigned(plan.unassigned[1]), ElementsAre("07:00:00-08:00:00 none"));
  EXPECT_THAT(unassigned(plan.unassigned[2]), ElementsAre("16:00:00-17:00:00 none"));
  EXPECT_THAT(unassigned(plan.unassigned[3]), IsEmpty());
  // The roster puts O2 in two vehicles at once: a roster conflict, no first-crewing-wins.
  EXPECT_THAT(unassigned(plan.unassigned[4]), ElementsAre("10:00:00-12:00:00 V3;V4"));
  EXPECT_THAT(unassigned(plan.unassigned[5]), ElementsAre("09:00:00-10:00:00 none", "11:00:00-12:00:00 none"));
  EXPECT_THAT(unassigned(plan.unassigned[6]), IsEmpty());
  EXPECT_THAT(unassigned(plan.unassigned[7]), ElementsAre("09:00:00-10:00:00 none"));
  ASSERT_EQ(plan.unassigned[8].size(), 1U);
  EXPECT_THAT(plan.unassigned[8][0].vehicles, UnorderedElementsAre("V6", "V8"));
  EXPECT_EQ(plan.unassigned[8][0].span, span("10:00", "12:00"));
  EXPECT_THAT(unassigned(plan.unassigned[9]), IsEmpty());
}

TEST(PlanClaims, OverlappingShiftsInOneVehicleAreNoConflict) {
  // O8: shifts 08:00-12:00 and 10:00-14:00, both in V1: one vehicle at every instant.
  ProblemSink problems;
  const duty::Roster roster = duty::build_roster({test::shift("S1", "O8", t("08:00"), t("12:00"), "V1"),
                                                  test::shift("S2", "O8", t("10:00"), t("14:00"), "V1")},
                                                 {}, kPaths, problems);
  const ClaimPlan plan = plan_claims({officer_claim("O8", t("09:00"), t("13:00"))}, roster);
  ASSERT_EQ(plan.unassigned.size(), 1U);
  EXPECT_THAT(plan.unassigned[0], IsEmpty());
  // docs/verify.md does not say whether such a stretch is one part or several: V1 throughout,
  // without holes, the last part ending at the claim's end, inclusive.
  ASSERT_FALSE(plan.parts.empty());
  Instant covered = t("09:00");
  for (const auto& p : plan.parts) {
    EXPECT_EQ(p.vehicle_id, "V1");
    EXPECT_EQ(p.window.start, covered);
    covered = p.window.end;
  }
  EXPECT_EQ(covered, t("13:00"));
  EXPECT_TRUE(plan.parts.back().end_inclusive);
}

// O1: shift 08:00-16:00 in V1, assigned to V2 10:00-12:00.
duty::Roster two_vehicle_roster() {
  ProblemSink problems;
  return duty::build_roster({test::shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                            {assignment("O1", "V2", t("10:00"), t("12:00"))}, kPaths, problems);
}

// Observes every part of the claim (with its end_inclusive) and judges it with its unassigned time.
ClaimResult run_officer(const ingest::ClaimRow& c, const duty::Roster& roster,
                        const std::map<std::string, clean::Track>& tracks, bool reverse = false,
                        const VerifyConfig& config = {}) {
  const ClaimPlan plan = plan_claims({c}, roster);
  std::vector<Observation> obs;
  const clean::Track none;
  for (const auto& part : plan.parts) {
    const auto it = tracks.find(part.vehicle_id);
    obs.push_back(observe(part.vehicle_id, it == tracks.end() ? none : it->second, std::vector<duty::Interval>{},
                          c.place, part.window, config, part.end_inclusive));
  }
  if (reverse) std::reverse(obs.begin(), obs.end());
  return judge(c, std::move(obs), plan.unassigned.at(0), config);
}

TEST(OfficerClaim, TestedAgainstEachVehicleInTurn) {
  // Claim: O1 at X 09:00-11:00, so V1 09:00-10:00 and V2 10:00-11:00.
  // V1 rows: 08:57=0, 09:01=1 ... 10:01=16 at X, 10:30=17 2 km away (O1 is in V2 by then).
  // V2 rows: 09:30=0 1 km away (O1 is in V1 then), 09:59=1, 10:03=2, ..., 10:59=16, 11:03=17 at X.
  const duty::Roster roster = two_vehicle_roster();
  const Pings v1 = every(kX, "08:57", "10:01") + Pings{Ping{kN2k, t("10:30")}};
  const Pings v2 = Pings{Ping{kN1k, t("09:30")}} + every(kX, "09:59", "11:03");
  const auto c = officer_claim("O1", t("09:00"), t("11:00"));
  const ClaimResult r = run_officer(c, roster, {{"V1", track(v1)}, {"V2", track(v2)}});
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  expect_times(r, {7'200'000, 0, 0, 0, 0});
  EXPECT_THAT(r.vehicles, ElementsAre("V1", "V2"));
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-10:00:00 1>16", "inside V2 10:00:00-11:00:00 1>16"));
  // The pings that stand for the interval's start (V1 09:01) and end (V2 10:59).
  EXPECT_THAT(evidence(r), Contains("V1:1"));
  EXPECT_THAT(evidence(r), Contains("V2:16"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->vehicle_id, "V1");  // all at X: the earliest, V1 09:01
  EXPECT_EQ(r.nearest->ping, 1U);

  // Observations may come in any order.
  const ClaimResult rev = run_officer(c, roster, {{"V1", track(v1)}, {"V2", track(v2)}}, true);
  EXPECT_EQ(describe(rev.periods), describe(r.periods));
  EXPECT_EQ(rev.verdict, r.verdict);

  // V2 away at 10:31 (row 9): contradicted by V2's ping, not V1's farther one at 10:30.
  const ClaimResult away = run_officer(c, roster, {{"V1", track(v1)}, {"V2", track(moved(v2, "10:31", kN1k))}});
  EXPECT_EQ(away.verdict, Verdict::contradicted);
  EXPECT_EQ(away.basis, Basis::seen_away);
  ASSERT_TRUE(away.decisive.has_value());
  EXPECT_EQ(away.decisive->vehicle_id, "V2");
  EXPECT_EQ(away.decisive->ping, 9U);
  EXPECT_THAT(evidence(away), ElementsAre("V2:9"));
  expect_times(away, {6'960'000, 0, 240'000, 0, 0});
}

TEST(OfficerClaim, AtAHandoverThePingOfTheVehicleLeftDoesNotCount) {
  // O1 is in V1 until 10:00 and in V2 from 10:00. Claim: O1 at X 09:00-11:00.
  // V1 rows 0..15: 08:56, 09:00, ..., 09:56 at X; row 16: 10:00 exactly, 1 km away.
  // V2 rows 0..16: 09:59, 10:03, ..., 11:03 at X.
  const duty::Roster roster = two_vehicle_roster();
  const Pings v1 = every(kX, "08:56", "09:56") + Pings{Ping{kN1k, t("10:00")}};
  const Pings v2 = every(kX, "09:59", "11:03");

  // On its own, V1's window 09:00-10:00 (end inclusive) holds row 16 and the claim on V1 fails
  // on it.
  const ClaimResult alone = check(present("09:00", "10:00"), track(v1));
  EXPECT_EQ(alone.verdict, Verdict::contradicted);
  EXPECT_EQ(alone.basis, Basis::seen_away);
  ASSERT_TRUE(alone.decisive.has_value());
  EXPECT_EQ(alone.decisive->ping, 16U);
  const Observation incl =
      observe("V1", track(v1), std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{}, true);
  ASSERT_TRUE(incl.farthest_outside.has_value());
  EXPECT_EQ(incl.farthest_outside->ping, 16U);
  // With the end exclusive (O1 has moved to V2 at 10:00) row 16 is not a ping in the window.
  const Observation excl =
      observe("V1", track(v1), std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{}, false);
  EXPECT_FALSE(excl.farthest_outside.has_value());
  ASSERT_TRUE(excl.nearest.has_value());
  EXPECT_EQ(excl.nearest->ping, 1U);  // 09:00 at X, the first of the equally near

  // The officer's claim: row 16 is not seen_away. It still bounds V1's prism: from 09:56 at X to
  // 1 km away at 10:00, V1 had to leave X by 10:00 - 26.030 s = 09:59:33.970, while O1 was still
  // in it (09:56-10:00 is inside V1's part): could_not_hold, through the stretch between rows 15
  // and 16. By the midpoint rule (09:58) V1's 09:58-10:00 is row 16's, outside.
  const auto c = officer_claim("O1", t("09:00"), t("11:00"));
  const ClaimResult r = run_officer(c, roster, {{"V1", track(v1)}, {"V2", track(v2)}});
  EXPECT_EQ(r.verdict, Verdict::contradicted);
  EXPECT_EQ(r.basis, Basis::could_not_hold);
  EXPECT_EQ(describe(r.decisive_between), "V1:15>16 09:56:00-10:00:00 09:56:00>09:59:33.970");
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-09:58:00 1>15", "outside V1 09:58:00-10:00:00 16>16",
                                               "inside V2 10:00:00-11:00:00 0>15"));
  expect_times(r, {7'080'000, 0, 120'000, 0, 0});
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->vehicle_id, "V1");
  EXPECT_EQ(r.nearest->ping, 1U);

  // Absent: the same claim, O1 "never went to X". V1 rows 0..15: 08:55, 08:59, ..., 09:55,
  // 10 km away; row 16: 10:00 exactly, at X (10 km in 5 min: 121.2 km/h, no raise). V2 rows
  // 0..16: 09:59 ... 11:03, 10 km away. Row 16 of V1 is at X at the instant O1 left V1: not a
  // ping in the interval, so no seen_there. By the midpoint rule (09:57:30) V1's 09:57:30-10:00 is
  // inside; and the stretch 09:55-10:00 leaves a stay from 09:55 + 275.261 s = 09:59:35.261 to
  // 10:00: 24739 ms. Every other stretch is unreachable.
  const Pings a1 = every(kN10k, "08:55", "09:55") + Pings{Ping{kX, t("10:00")}};
  const Pings a2 = every(kN10k, "09:59", "11:03");
  const auto ca = officer_claim("O1", t("09:00"), t("11:00"), Assertion::absent);
  const ClaimResult a = run_officer(ca, roster, {{"V1", track(a1)}, {"V2", track(a2)}});
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  expect_times(a, {150'000, 0, 7'050'000, 0, 0});
  EXPECT_EQ(count(a.max_stay_between_pings), 24'739);
  EXPECT_EQ(describe(a.decisive_between), "V1:15>16 09:55:00-10:00:00 09:59:35.261>10:00:00");
  ASSERT_TRUE(a.nearest.has_value());
  EXPECT_EQ(a.nearest->vehicle_id, "V1");
  EXPECT_EQ(a.nearest->ping, 2U);  // 09:03, 10 km: row 16 (at X, 10:00) does not count
  // As a vehicle claim on V1 alone (09:00-10:00, end inclusive), row 16 contradicts.
  const ClaimResult a_alone = check(absent("09:00", "10:00"), track(a1));
  EXPECT_EQ(a_alone.verdict, Verdict::contradicted);
  EXPECT_EQ(a_alone.basis, Basis::seen_there);
  ASSERT_TRUE(a_alone.decisive.has_value());
  EXPECT_EQ(a_alone.decisive->ping, 16U);
}

TEST(OfficerClaim, TimeInNoVehicleIsUnobservedAndOpen) {
  // O5: shift 09:00-17:00 in V7. Claim 08:30-10:00: 08:30-09:00 off duty (no_vehicle).
  ProblemSink problems;
  const duty::Roster roster =
      duty::build_roster({test::shift("S5", "O5", t("09:00"), t("17:00"), "V7")}, {}, kPaths, problems);
  const auto c = officer_claim("O5", t("08:30"), t("10:00"));
  const ClaimResult r = run_officer(c, roster, {{"V7", track(every(kX, "08:57", "10:01"))}});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {3'600'000, 0, 0, 1'800'000, 1'800'000});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 1'800'000);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("no_vehicle  08:30:00-09:00:00 ->-", "inside V7 09:00:00-10:00:00 1>16"));
  EXPECT_EQ(prism(r.periods.at(0)), "08:30:00>09:00:00");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::no_vehicle);
  EXPECT_THAT(evidence(r), IsEmpty());  // no ping around time in no vehicle
  EXPECT_THAT(r.vehicles, ElementsAre("V7"));

  // Absent, V7 10 km away throughout (no step reachable): the time in no vehicle leaves it open.
  const auto ca = officer_claim("O5", t("08:30"), t("10:00"), Assertion::absent);
  const ClaimResult a = run_officer(ca, roster, {{"V7", track(every(kN10k, "08:57", "10:01"))}});
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  expect_times(a, {0, 0, 3'600'000, 1'800'000, 1'800'000});
  EXPECT_EQ(a.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(a.max_possible_stay), 1'800'000);
  EXPECT_FALSE(a.max_stay_between_pings.has_value());
}

// O2: overlapping shifts 08:00-12:00 in V3 and 10:00-14:00 in V4: in both vehicles 10:00-12:00.
duty::Roster conflict_roster() {
  ProblemSink problems;
  return duty::build_roster({test::shift("S2", "O2", t("08:00"), t("12:00"), "V3"),
                             test::shift("S3", "O2", t("10:00"), t("14:00"), "V4")},
                            {}, kPaths, problems);
}

TEST(RosterConflict, NeverAFirmVerdictFromThatTime) {
  // Claim 10:30-11:30, wholly in the conflict: neither vehicle is tested; the time counts as
  // unobserved (in no_vehicle_s) with a prism open on both sides.
  const duty::Roster roster = conflict_roster();
  const ClaimPlan plan = plan_claims({officer_claim("O2", t("10:30"), t("11:30"))}, roster);
  EXPECT_THAT(parts(plan), IsEmpty());
  ASSERT_EQ(plan.unassigned.size(), 1U);
  EXPECT_THAT(unassigned(plan.unassigned[0]), ElementsAre("10:30:00-11:30:00 V3;V4"));

  const auto at_x = track(every(kX, "10:00", "12:00"));
  const auto away = track(every(kN1k, "10:00", "12:00"));
  const auto far = track(every(kN10k, "10:00", "12:00"));
  // Both vehicles at X throughout: still not supported.
  const ClaimResult both = run_officer(officer_claim("O2", t("10:30"), t("11:30")), roster, {{"V3", at_x}, {"V4", at_x}});
  EXPECT_EQ(both.verdict, Verdict::inconclusive);
  EXPECT_EQ(both.basis, Basis::could_have_been);
  expect_times(both, {0, 0, 0, 3'600'000, 3'600'000});
  EXPECT_EQ(both.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(both.max_possible_stay), 3'600'000);
  EXPECT_THAT(describe(both.periods), ElementsAre("roster_conflict V3;V4 10:30:00-11:30:00 ->-"));
  EXPECT_EQ(prism(both.periods.at(0)), "10:30:00>11:30:00");
  const Period* q = quoted(both);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::roster_conflict);
  EXPECT_THAT(evidence(both), IsEmpty());
  EXPECT_FALSE(both.nearest.has_value());
  // V3 1 km away, V4 at X: not contradicted.
  const ClaimResult split = run_officer(officer_claim("O2", t("10:30"), t("11:30")), roster, {{"V3", away}, {"V4", at_x}});
  EXPECT_EQ(split.verdict, Verdict::inconclusive);
  EXPECT_EQ(split.basis, Basis::could_have_been);
  // Absent, V3 at X and V4 10 km away: not contradicted by V3's pings.
  const auto ca = officer_claim("O2", t("10:30"), t("11:30"), Assertion::absent);
  const ClaimResult a = run_officer(ca, roster, {{"V3", at_x}, {"V4", far}});
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  // Absent, both 10 km away: not supported either.
  const ClaimResult a_far = run_officer(ca, roster, {{"V3", far}, {"V4", far}});
  EXPECT_EQ(a_far.verdict, Verdict::inconclusive);
  EXPECT_EQ(a_far.basis, Basis::could_have_been);
  EXPECT_EQ(a_far.feasible, std::optional<bool>(true));
}

TEST(RosterConflict, BetweenTheVehiclesOnEitherSide) {
  // Claim 09:00-13:00: V3 09:00-10:00, both 10:00-12:00, V4 12:00-13:00. Both vehicles at X every
  // 4 min 08:57 ... 13:01 (rows 0..61; 09:01 = 1, 10:01 = 16, 12:01 = 46, 13:01 = 61).
  const duty::Roster roster = conflict_roster();
  const auto at_x = track(every(kX, "08:57", "13:01"));
  const ClaimResult r = run_officer(officer_claim("O2", t("09:00"), t("13:00")), roster, {{"V3", at_x}, {"V4", at_x}});
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {7'200'000, 0, 0, 7'200'000, 7'200'000});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 7'200'000);
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V3 09:00:00-10:00:00 1>16",
                                               "roster_conflict V3;V4 10:00:00-12:00:00 ->-",
                                               "inside V4 12:00:00-13:00:00 46>61"));
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, PeriodKind::roster_conflict);
  EXPECT_EQ(q->span, span("10:00", "12:00"));
  EXPECT_THAT(r.vehicles, ElementsAre("V3", "V4"));
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
  // At X every 4 min 22:58Z-00:30Z and 01:30Z-03:02Z: no ping 00:30Z-01:30Z (01:30 BST to
  // 01:30 GMT: the same wall-clock reading, one real hour).
  const Pings p = every(kX, utc("2024-10-26T22:58:00Z"), utc("2024-10-27T00:30:00Z")) +
                  every(kX, utc("2024-10-27T01:30:00Z"), utc("2024-10-27T03:02:00Z"));
  const auto c = claim(Assertion::present, start, end);
  const ClaimResult r = check(c, track(p));
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {10'800'000, 0, 0, 3'600'000, 0});
  EXPECT_EQ(count(r.max_possible_stay), 3'600'000);
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->span, (duty::Interval{utc("2024-10-27T00:30:00Z"), utc("2024-10-27T01:30:00Z")}));
  EXPECT_EQ(q->span.length(), Millis{3600 * 1000});
  // In a dwell over the night, the silence is bridged: at X for all 4 h.
  const ClaimResult bridged =
      check(c, track(p), {duty::Interval{utc("2024-10-26T22:00:00Z"), utc("2024-10-27T04:00:00Z")}});
  EXPECT_EQ(bridged.verdict, Verdict::supported);
  expect_times(bridged, {14'400'000, 3'600'000, 0, 0, 0});
}

TEST(ClockChange, OfficerShiftOverTheAutumnChange) {
  // Shift 22:00 BST 26 Oct (21:00Z) to 07:00 GMT 27 Oct (07:00Z) in V1; the claim as above.
  ProblemSink problems;
  const duty::Roster roster = duty::build_roster(
      {test::shift("N1", "O1", utc("2024-10-26T21:00:00Z"), utc("2024-10-27T07:00:00Z"), "V1")}, {}, kPaths, problems);
  const std::vector<ingest::ClaimRow> claims{
      officer_claim("O1", utc("2024-10-26T23:00:00Z"), utc("2024-10-27T03:00:00Z")),
      officer_claim("O1", utc("2024-10-26T20:00:00Z"), utc("2024-10-27T08:00:00Z"))};
  const ClaimPlan plan = plan_claims(claims, roster);
  ASSERT_EQ(plan.parts.size(), 2U);
  EXPECT_EQ(plan.parts[0].claim, 0U);
  EXPECT_EQ(plan.parts[0].vehicle_id, "V1");
  EXPECT_EQ(plan.parts[0].window.length(), Millis{4LL * 3600 * 1000});
  EXPECT_TRUE(plan.parts[0].end_inclusive);  // the claim's own end
  EXPECT_EQ(plan.parts[1].claim, 1U);
  EXPECT_EQ(plan.parts[1].window.length(), Millis{10LL * 3600 * 1000});
  EXPECT_FALSE(plan.parts[1].end_inclusive);  // time in no vehicle starts at 07:00Z
  ASSERT_EQ(plan.unassigned.size(), 2U);
  EXPECT_TRUE(plan.unassigned[0].empty());
  // 20:00Z-21:00Z and 07:00Z-08:00Z: one hour each side, in no vehicle.
  EXPECT_THAT(unassigned(plan.unassigned[1]), ElementsAre("2024-10-26T20:00:00Z-2024-10-26T21:00:00Z none",
                                                          "2024-10-27T07:00:00Z-2024-10-27T08:00:00Z none"));
}

}  // namespace
}  // namespace shiftline::verify
