// Claim verification against docs/verify.md: observe (periods, margins, prisms), judge (every
// verdict and basis of both assertions), plan_claims (officers through the roster).
//
// Every expected value is worked out by hand from the rules in docs/verify.md. The place X is
// the point 52.63 N, 1.14 W with radius 50 m; pings lie due north of it. Distances are PROJ's
// geod (WGS84), run by hand, not the engine's:
//   echo "52.63 -1.14 52.6301797 -1.14" | geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f  ->    19.996889
//   echo "52.63 -1.14 52.6304934 -1.14" | geod ...                                   ->    54.905204
//   echo "52.63 -1.14 52.6304952 -1.14" | geod ...                                   ->    55.105507
//   echo "52.63 -1.14 52.6305383 -1.14" | geod ...                                   ->    59.901645
//   echo "52.63 -1.14 52.6305401 -1.14" | geod ...                                   ->    60.101948
//   echo "52.63 -1.14 52.6306281 -1.14" | geod ...                                   ->    69.894526
//   echo "52.63 -1.14 52.6306299 -1.14" | geod ...                                   ->    70.094829
//   echo "52.63 -1.14 52.6344932 -1.14" | geod ...                                   ->   500.000300
//   echo "52.63 -1.14 52.6389864 -1.14" | geod ...                                   ->  1000.000981
//   echo "52.63 -1.14 52.6479728 -1.14" | geod ...                                   ->  2000.003488
//   echo "52.63 -1.14 52.7198633 -1.14" | geod ...                                   -> 10000.000560
//   echo "52.6305 -1.1385 52.6305 -1.1382045" | geod ...                             ->    20.008004
//
// Travel times at the default 130 km/h (36.111... m/s), d = distance - radius 50 - margin,
// t = d / v rounded down to the millisecond:
//   10 km ping, margin 10: d =  9940.000560 m -> 275261.55 ms -> 275261 ms (4 min 35.261 s)
//    1 km ping, margin 10: d =   940.000981 m ->  26030.80 ms ->  26030 ms
//    1 km ping, margin 35: d =   915.000981 m ->  25338.49 ms ->  25338 ms
//    1 km ping, margin  5: d =   945.000981 m ->  26169.26 ms ->  26169 ms
//  500 m ping, margin 10: d =   440.000300 m ->  12184.62 ms ->  12184 ms
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
#include "shiftline/verify/verify.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline::verify {

// Readable failure messages for the enums (found by gtest through ADL). Own words, not name(), so
// that a wrong name() cannot hide a wrong verdict.
void PrintTo(Verdict v, std::ostream* os);
void PrintTo(Basis b, std::ostream* os);
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

namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ingest::Assertion;
using test::at;

LatLon ll(double lat, double lon) { return LatLon::from_degrees(lat, lon); }

const LatLon kX = ll(52.63, -1.14);            // the place's point
const LatLon kN20 = ll(52.6301797, -1.14);     //    19.996889 m
const LatLon kN54_9 = ll(52.6304934, -1.14);   //    54.905204 m
const LatLon kN55_1 = ll(52.6304952, -1.14);   //    55.105507 m
const LatLon kN59_9 = ll(52.6305383, -1.14);   //    59.901645 m
const LatLon kN60_1 = ll(52.6305401, -1.14);   //    60.101948 m
const LatLon kN69_9 = ll(52.6306281, -1.14);   //    69.894526 m
const LatLon kN70_1 = ll(52.6306299, -1.14);   //    70.094829 m
const LatLon kN500 = ll(52.6344932, -1.14);    //   500.000300 m
const LatLon kN1k = ll(52.6389864, -1.14);     //  1000.000981 m
const LatLon kN2k = ll(52.6479728, -1.14);     //  2000.003488 m
const LatLon kN10k = ll(52.7198633, -1.14);    // 10000.000560 m

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
// The same pings with the one at `clock` moved to `where`.
Pings moved(Pings p, const char* at_clock, LatLon where) {
  const Instant x = t(at_clock);
  const auto it = std::find_if(p.begin(), p.end(), [&](const Ping& q) { return q.when == x; });
  EXPECT_NE(it, p.end()) << "no ping at " << at_clock;
  if (it != p.end()) it->where = where;
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
  return judge(c, std::move(all), {});
}

// --- Reading results -------------------------------------------------------------------------

std::string row_of(const std::optional<Sighting>& s) { return s ? std::to_string(s->ping) : std::string("-"); }

// "inside V1 09:00:00-10:00:00 1>16": kind, vehicle, span, the rows of `from` and `to`.
std::string kind_word(PeriodKind k) {
  switch (k) {
    case PeriodKind::inside: return "inside";
    case PeriodKind::outside: return "outside";
    case PeriodKind::bridged: return "bridged";
    case PeriodKind::unobserved: return "unobserved";
    case PeriodKind::no_vehicle: return "no_vehicle";
  }
  return "?";
}
std::string describe(const Period& p) {
  return kind_word(p.kind) + " " + p.vehicle_id + " " + hms(p.span.start) + "-" + hms(p.span.end) + " " +
         row_of(p.from) + ">" + row_of(p.to);
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

// The figures every verdict reports, in milliseconds.
struct Times {
  long long inside, bridged, outside, unobserved, no_vehicle;
};
void expect_times(const ClaimResult& r, Times x) {
  EXPECT_EQ(r.inside.count(), x.inside);
  EXPECT_EQ(r.bridged.count(), x.bridged);
  EXPECT_EQ(r.outside.count(), x.outside);
  EXPECT_EQ(r.unobserved.count(), x.unobserved);
  EXPECT_EQ(r.no_vehicle.count(), x.no_vehicle);
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
  EXPECT_EQ(name(PeriodKind::no_vehicle), "no_vehicle");
}

TEST(VerifyDefaults, AreTheDocumentedOnes) {
  const VerifyConfig c;
  EXPECT_DOUBLE_EQ(c.reach_speed.kmh(), 130.0);
  EXPECT_FALSE(c.position_margin.has_value());
  EXPECT_DOUBLE_EQ(c.fallback_margin.value, 10.0);
  EXPECT_EQ(c.gap, mins(5));
}

// =============================================================================================
// present
// =============================================================================================

TEST(PresentClaim, SupportedWhenSeenThereThroughout) {
  // Rows: 08:57=0, 09:01=1, ..., 09:21=6 (at X itself), ..., 09:57=15, 10:01=16; the others 20 m
  // north. Midpoints at 08:59, 09:03, ..., 09:59: 09:00 is row 1's, 10:00 is row 16's.
  const auto tr = track(moved(every(kN20, "08:57", "10:01"), "09:21", kX));
  const ClaimResult r = check(present("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_there_throughout);
  expect_times(r, {3'600'000, 0, 0, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());  // no unobserved time
  EXPECT_FALSE(r.max_possible_stay.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 6U);
  EXPECT_NEAR(r.nearest->distance.value, 0.0, 1e-6);
  EXPECT_EQ(hms(r.nearest->at), "09:21:00");
  EXPECT_THAT(describe(r.periods), ElementsAre("inside V1 09:00:00-10:00:00 1>16"));
  // The pings that stand for the interval's start and end.
  EXPECT_THAT(evidence(r), ElementsAre("V1:1", "V1:16"));
  EXPECT_THAT(r.vehicles, ElementsAre("V1"));
  EXPECT_FALSE(r.vehicle_without_pings);
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
  EXPECT_FALSE(r.decisive->inside);
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
  // 2 ms before the start (08:59:59.998, row 0) it only colours 09:00:00-09:00:59.999 by the
  // midpoint rule (the midpoint of 08:59:59.998 and 09:02:00 is 09:00:59.999): edge.
  const ClaimResult before =
      check(present("09:00", "10:00"), track(Pings{Ping{kN1k, t("08:59:59.998")}} + every(kX, "09:02", "10:02")));
  EXPECT_EQ(before.verdict, Verdict::inconclusive);
  EXPECT_EQ(before.basis, Basis::edge);
  expect_times(before, {3'540'001, 0, 59'999, 0, 0});
  EXPECT_FALSE(before.feasible.has_value());
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
  // outside by the midpoint rule alone, which never decides a verdict.
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
  // The ping that disagrees is the one the evidence can show (docs/verify.md does not say which
  // ping an edge verdict quotes; the one before the interval is the only candidate).
  EXPECT_THAT(evidence(r), Contains("V1:0"));
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
  EXPECT_TRUE(r.decisive->inside);
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
  // Rows 0..16: 08:57 ... 10:01, 1 km away; 09:33 (row 9) 500 m away, the closest approach.
  const auto tr = track(moved(every(kN1k, "08:57", "10:01"), "09:33", kN500));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::seen_away_throughout);
  expect_times(r, {0, 0, 3'600'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  EXPECT_FALSE(r.max_possible_stay.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 9U);
  EXPECT_NEAR(r.nearest->distance.value, 500.000300, 1e-3);
  EXPECT_FALSE(r.nearest->inside);
  EXPECT_THAT(evidence(r), ElementsAre("V1:9"));
  EXPECT_THAT(describe(r.periods), ElementsAre("outside V1 09:00:00-10:00:00 1>16"));
}

TEST(AbsentClaim, SupportedWhenEverySilenceIsUnreachable) {
  // 10 km away: rows 0..6: 08:57 ... 09:21; rows 7..16: 09:27 ... 10:03, with 09:47 (row 12) 2 km
  // away. Silence 09:21-09:27 (6 min): arrival from 09:25:35.261, departure by 09:22:24.739.
  const auto tr = track(every(kN10k, "08:57", "09:21") + moved(every(kN10k, "09:27", "10:03"), "09:47", kN2k));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::supported);
  EXPECT_EQ(r.basis, Basis::unreachable);
  expect_times(r, {0, 0, 3'240'000, 360'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(false));
  EXPECT_FALSE(r.max_possible_stay.has_value());
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

TEST(AbsentClaim, InconclusiveTheSilenceWithTheLongestPossibleStayIsQuoted) {
  // Rows 0..4: 08:57 ... 09:13, 10 km away; row 5: 09:33, 10 km; rows 6, 7: 09:37, 09:41, 1 km;
  // rows 8, 9, 10: 09:56, 10:00, 10:04, 1 km.
  // Silence A 09:13-09:33 (20 min): 09:17:35.261 to 09:28:24.739, stay 649478 ms.
  // Silence B 09:41-09:56 (15 min): 09:41:26.030 to 09:55:33.970, stay 847940 ms. B is quoted.
  const auto tr = track(every(kN10k, "08:57", "09:13") + every(kN10k, "09:33", "09:33") + every(kN1k, "09:37", "09:41") +
                        every(kN1k, "09:56", "10:04"));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::could_have_been);
  expect_times(r, {0, 0, 1'500'000, 2'100'000, 0});
  EXPECT_EQ(r.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(r.max_possible_stay), 847'940);
  EXPECT_THAT(describe(r.periods),
              ElementsAre("outside V1 09:00:00-09:13:00 1>4", "unobserved V1 09:13:00-09:33:00 4>5",
                          "outside V1 09:33:00-09:41:00 5>7", "unobserved V1 09:41:00-09:56:00 7>8",
                          "outside V1 09:56:00-10:00:00 8>9"));
  EXPECT_EQ(prism(r.periods.at(1)), "09:17:35.261>09:28:24.739");
  EXPECT_EQ(r.periods.at(1).reach->longest_stay(), Millis{649'478});
  EXPECT_EQ(prism(r.periods.at(3)), "09:41:26.030>09:55:33.970");
  const Period* q = quoted(r);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->span, span("09:41", "09:56"));
  EXPECT_THAT(evidence(r), ElementsAre("V1:7", "V1:8"));
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 6U);  // the first 1 km ping in the interval
}

TEST(AbsentClaim, InconclusiveAtTheEdgeWhenOnlyAPingBeforeTheIntervalIsThere) {
  // Row 0: 08:59 at X; rows 1..16: 09:03 ... 10:03, 1 km away. 09:00-09:01 is inside by the
  // midpoint rule only.
  const auto tr = track(Pings{Ping{kX, t("08:59")}} + every(kN1k, "09:03", "10:03"));
  const ClaimResult r = check(absent("09:00", "10:00"), tr);
  EXPECT_EQ(r.verdict, Verdict::inconclusive);
  EXPECT_EQ(r.basis, Basis::edge);
  expect_times(r, {60'000, 0, 3'540'000, 0, 0});
  EXPECT_FALSE(r.feasible.has_value());
  ASSERT_TRUE(r.nearest.has_value());
  EXPECT_EQ(r.nearest->ping, 1U);
  EXPECT_FALSE(r.nearest->inside);
  EXPECT_THAT(evidence(r), Contains("V1:0"));  // the ping before the interval (see the present case)
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
  // Radius 50 m. One ping a minute: 09:00 at 69.895 m with accuracy 20 (limit 70: in), 09:01 at
  // 70.095 m, accuracy 20 (out), 09:02 at 59.902 m, no accuracy (NaN: 10 m, limit 60: in),
  // 09:03 at 60.102 m, NaN (out), 09:04 at 54.905 m, accuracy 5 (in), 09:05 at 55.106 m, 5 (out).
  const auto tr = track(Pings{Ping{kN69_9, t("09:00"), 20.0F}, Ping{kN70_1, t("09:01"), 20.0F},
                              Ping{kN59_9, t("09:02"), kNoAccuracy}, Ping{kN60_1, t("09:03"), kNoAccuracy},
                              Ping{kN54_9, t("09:04"), 5.0F}, Ping{kN55_1, t("09:05"), 5.0F}},
                        true);
  struct Want {
    const char* at;
    double distance, margin;
    bool inside;
  };
  for (const Want& w : {Want{"09:00", 69.894526, 20.0, true}, Want{"09:01", 70.094829, 20.0, false},
                        Want{"09:02", 59.901645, 10.0, true}, Want{"09:03", 60.101948, 10.0, false},
                        Want{"09:04", 54.905204, 5.0, true}, Want{"09:05", 55.105507, 5.0, false}}) {
    const Sighting s = sighting_at(tr, t(w.at));
    EXPECT_NEAR(s.distance.value, w.distance, 1e-3) << w.at;
    EXPECT_DOUBLE_EQ(s.margin.value, w.margin) << w.at;
    EXPECT_EQ(s.inside, w.inside) << w.at;
    EXPECT_EQ(s.vehicle_id, "V1");
  }
}

TEST(Margin, PositionMarginOverridesEveryAccuracy) {
  // --position-margin 5: limit 55 m for every ping, whatever its accuracy.
  const auto tr = track(Pings{Ping{kN69_9, t("09:00"), 20.0F}, Ping{kN54_9, t("09:01"), 20.0F},
                              Ping{kN55_1, t("09:02"), 20.0F}, Ping{kN54_9, t("09:03"), kNoAccuracy},
                              Ping{kN59_9, t("09:04"), kNoAccuracy}},
                        true);
  VerifyConfig config;
  config.position_margin = Meters{5.0};
  struct Want {
    const char* at;
    bool inside;
  };
  for (const Want& w : {Want{"09:00", false}, Want{"09:01", true}, Want{"09:02", false}, Want{"09:03", true},
                        Want{"09:04", false}}) {
    const Sighting s = sighting_at(tr, t(w.at), config);
    EXPECT_DOUBLE_EQ(s.margin.value, 5.0) << w.at;
    EXPECT_EQ(s.inside, w.inside) << w.at;
  }
}

TEST(Margin, TenMetresWhenTheInputHasNoAccuracyColumn) {
  const auto tr = track(Pings{Ping{kN59_9, t("09:00")}, Ping{kN60_1, t("09:01")}});
  ASSERT_TRUE(tr.accuracy_m.empty());
  const Sighting in = sighting_at(tr, t("09:00"));
  EXPECT_TRUE(in.inside);
  EXPECT_DOUBLE_EQ(in.margin.value, 10.0);
  const Sighting out = sighting_at(tr, t("09:01"));
  EXPECT_FALSE(out.inside);
  EXPECT_DOUBLE_EQ(out.margin.value, 10.0);
}

TEST(Margin, DecidesTheVerdict) {
  // Claim present 09:00-09:10; a ping every 2 min 08:58-09:12 at 69.895 m.
  const auto pings = [](float accuracy) {
    Pings p = every(kN69_9, "08:58", "09:12", 2);
    for (auto& q : p) q.accuracy = accuracy;
    return track(p, true);
  };
  // Accuracy 20: limit 70 m, inside throughout.
  const ClaimResult wide = check(present("09:00", "09:10"), pings(20.0F));
  EXPECT_EQ(wide.verdict, Verdict::supported);
  expect_times(wide, {600'000, 0, 0, 0, 0});
  // Accuracy 19: limit 69 m, every ping away.
  const ClaimResult narrow = check(present("09:00", "09:10"), pings(19.0F));
  EXPECT_EQ(narrow.verdict, Verdict::contradicted);
  EXPECT_EQ(narrow.basis, Basis::seen_away);
  expect_times(narrow, {0, 0, 600'000, 0, 0});
  ASSERT_TRUE(narrow.decisive.has_value());
  EXPECT_EQ(narrow.decisive->ping, 1U);  // all equally far: the earliest in the interval (09:00)
  // --position-margin 25 overrides accuracy 19: inside again.
  VerifyConfig config;
  config.position_margin = Meters{25.0};
  EXPECT_EQ(check(present("09:00", "09:10"), pings(19.0F), {}, config).verdict, Verdict::supported);
  // NaN accuracy: 10 m, limit 60 m: away.
  EXPECT_EQ(check(present("09:00", "09:10"), pings(kNoAccuracy)).basis, Basis::seen_away);
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
}

TEST(Margin, PolygonPlaceDistanceIsToItsBoundary) {
  // The square has radius 0. Its centre is inside (distance 0); a point 20.008 m east of its east
  // edge is out with the 10 m margin and in with an accuracy of 25 m.
  const auto tr = track(Pings{Ping{ll(52.6305, -1.13925), t("09:00"), kNoAccuracy},
                              Ping{ll(52.6305, -1.1382045), t("09:01"), kNoAccuracy},
                              Ping{ll(52.6305, -1.1382045), t("09:02"), 25.0F}},
                        true);
  const Sighting centre = sighting_at(tr, t("09:00"), {}, square_place());
  EXPECT_NEAR(centre.distance.value, 0.0, 1e-9);
  EXPECT_TRUE(centre.inside);
  const Sighting east = sighting_at(tr, t("09:01"), {}, square_place());
  EXPECT_NEAR(east.distance.value, 20.008004, 1e-3);
  EXPECT_FALSE(east.inside);
  EXPECT_TRUE(sighting_at(tr, t("09:02"), {}, square_place()).inside);
}

// =============================================================================================
// observe: periods
// =============================================================================================

TEST(Observe, MidpointRuleSplitsTheTimeBetweenTwoPings) {
  // 08:59:30 1 km away, 09:04:30 at X (5 min apart, not a silence): each stands for the half
  // nearer to it (midpoint 09:02).
  const auto tr = track(Pings{Ping{kN1k, t("08:59:30")}, Ping{kX, t("09:04:30")}});
  const Observation o = observe("V1", tr, std::vector<duty::Interval>{}, point_place(), span("09:00", "09:04"), VerifyConfig{});
  EXPECT_THAT(describe(o.periods), ElementsAre("outside V1 09:00:00-09:02:00 0>0", "inside V1 09:02:00-09:04:00 1>1"));
  EXPECT_FALSE(o.periods[0].reach.has_value());
  EXPECT_FALSE(o.periods[1].reach.has_value());
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
  ASSERT_TRUE(o.farthest_outside.has_value());
  EXPECT_EQ(o.farthest_outside->ping, 3U);  // not row 5 (10 km), outside the window
  EXPECT_EQ(o.farthest_outside->vehicle_id, "V7");
  EXPECT_THAT(describe(o.periods),
              ElementsAre("inside V7 09:01:30-09:05:00 1>2", "outside V7 09:05:00-09:08:30 3>4"));
}

TEST(Observe, EmptyTrackIsUnobservedWithAnOpenPrism) {
  const clean::Track empty;
  const Observation o = observe("V1", empty, std::vector<duty::Interval>{}, point_place(), span("09:00", "10:00"), VerifyConfig{});
  EXPECT_FALSE(o.has_pings);
  EXPECT_FALSE(o.nearest.has_value());
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

std::vector<std::string> parts(const ClaimPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.parts)
    out.push_back(std::to_string(p.claim) + " " + p.vehicle_id + " " + hms(p.window.start) + "-" + hms(p.window.end));
  return out;
}
std::vector<std::string> spans(const std::vector<duty::Interval>& v) {
  std::vector<std::string> out;
  for (const auto& i : v) out.push_back(hms(i.start) + "-" + hms(i.end));
  return out;
}

TEST(PlanClaims, OfficersThroughTheRosterVehiclesWhole) {
  // O1: shift 08:00-16:00 in V1, assigned to V2 10:00-12:00.
  // O2: overlapping shifts 08:00-12:00 in V3 and 10:00-14:00 in V4 (warned by the roster).
  // O3: shift 08:00-16:00 with no vehicle, assigned to V5 10:00-11:00.
  ProblemSink problems;
  const duty::Roster roster = duty::build_roster(
      {test::shift("S1", "O1", t("08:00"), t("16:00"), "V1"), test::shift("S2", "O2", t("08:00"), t("12:00"), "V3"),
       test::shift("S3", "O2", t("10:00"), t("14:00"), "V4"), test::shift("S4", "O3", t("08:00"), t("16:00"))},
      {assignment("O1", "V2", t("10:00"), t("12:00")), assignment("O3", "V5", t("10:00"), t("11:00"))}, kPaths, problems);
  const std::vector<ingest::ClaimRow> claims{
      officer_claim("O1", t("09:00"), t("11:00")),                 // 0: V1 then V2
      officer_claim("O1", t("07:00"), t("09:00")),                 // 1: before the shift, then V1
      officer_claim("O1", t("15:00"), t("17:00")),                 // 2: V1, then after the shift
      claim(Assertion::present, t("09:00"), t("10:00"), "V9"),     // 3: a vehicle: the whole interval
      officer_claim("O2", t("09:00"), t("13:00")),                 // 4: V3 (starts first) until 12:00, then V4
      officer_claim("O3", t("09:00"), t("12:00")),                 // 5: no vehicle, V5, no vehicle
      officer_claim("O1", t("09:00"), t("13:00")),                 // 6: V1, V2, V1
      officer_claim("O4", t("09:00"), t("10:00")),                 // 7: an officer with no shift at all
  };
  const ClaimPlan plan = plan_claims(claims, roster);
  EXPECT_THAT(parts(plan),
              ElementsAre("0 V1 09:00:00-10:00:00", "0 V2 10:00:00-11:00:00",  //
                          "1 V1 08:00:00-09:00:00",                            //
                          "2 V1 15:00:00-16:00:00",                            //
                          "3 V9 09:00:00-10:00:00",                            //
                          "4 V3 09:00:00-12:00:00", "4 V4 12:00:00-13:00:00",  //
                          "5 V5 10:00:00-11:00:00",                            //
                          "6 V1 09:00:00-10:00:00", "6 V2 10:00:00-12:00:00", "6 V1 12:00:00-13:00:00"));
  ASSERT_EQ(plan.no_vehicle.size(), claims.size());
  EXPECT_THAT(spans(plan.no_vehicle[0]), IsEmpty());
  EXPECT_THAT(spans(plan.no_vehicle[1]), ElementsAre("07:00:00-08:00:00"));
  EXPECT_THAT(spans(plan.no_vehicle[2]), ElementsAre("16:00:00-17:00:00"));
  EXPECT_THAT(spans(plan.no_vehicle[3]), IsEmpty());
  EXPECT_THAT(spans(plan.no_vehicle[4]), IsEmpty());
  EXPECT_THAT(spans(plan.no_vehicle[5]), ElementsAre("09:00:00-10:00:00", "11:00:00-12:00:00"));
  EXPECT_THAT(spans(plan.no_vehicle[6]), IsEmpty());
  EXPECT_THAT(spans(plan.no_vehicle[7]), ElementsAre("09:00:00-10:00:00"));
}

// O1: shift 08:00-16:00 in V1, assigned to V2 10:00-12:00.
duty::Roster two_vehicle_roster() {
  ProblemSink problems;
  return duty::build_roster({test::shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                            {assignment("O1", "V2", t("10:00"), t("12:00"))}, kPaths, problems);
}

// Observes every part of claim 0 of `claims` and judges it.
ClaimResult run_officer(const ingest::ClaimRow& c, const duty::Roster& roster,
                        const std::map<std::string, clean::Track>& tracks, bool reverse = false) {
  const ClaimPlan plan = plan_claims({c}, roster);
  std::vector<Observation> obs;
  for (const auto& part : plan.parts) {
    const auto it = tracks.find(part.vehicle_id);
    const clean::Track none;
    obs.push_back(observe(part.vehicle_id, it == tracks.end() ? none : it->second, std::vector<duty::Interval>{}, c.place,
                          part.window, VerifyConfig{}));
  }
  if (reverse) std::reverse(obs.begin(), obs.end());
  return judge(c, std::move(obs), plan.no_vehicle.at(0));
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

  // Absent, V7 10 km away throughout: the time in no vehicle leaves it open.
  const auto ca = officer_claim("O5", t("08:30"), t("10:00"), Assertion::absent);
  const ClaimResult a = run_officer(ca, roster, {{"V7", track(every(kN10k, "08:57", "10:01"))}});
  EXPECT_EQ(a.verdict, Verdict::inconclusive);
  EXPECT_EQ(a.basis, Basis::could_have_been);
  expect_times(a, {0, 0, 3'600'000, 1'800'000, 1'800'000});
  EXPECT_EQ(a.feasible, std::optional<bool>(true));
  EXPECT_EQ(count(a.max_possible_stay), 1'800'000);
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
  EXPECT_EQ(plan.parts[1].claim, 1U);
  EXPECT_EQ(plan.parts[1].window.length(), Millis{10LL * 3600 * 1000});
  ASSERT_EQ(plan.no_vehicle.size(), 2U);
  EXPECT_TRUE(plan.no_vehicle[0].empty());
  // 20:00Z-21:00Z and 07:00Z-08:00Z: one hour each side.
  EXPECT_THAT(spans(plan.no_vehicle[1]), ElementsAre("2024-10-26T20:00:00Z-2024-10-26T21:00:00Z",
                                                     "2024-10-27T07:00:00Z-2024-10-27T08:00:00Z"));
}

}  // namespace
}  // namespace shiftline::verify
