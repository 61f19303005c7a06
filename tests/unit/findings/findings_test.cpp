// find_findings (include/shiftline/findings/findings.hpp; rules in docs/findings.md, "Kinds and
// rank") on an analysis made by hand: every dwell, match, flag, claim and spot is written below
// with its values, so each expected finding is worked out from the rules alone.
//
// One vehicle, PV01, on 2024-10-26 (UTC; London is +01:00). Places: ADDR-A, ADDR-B (addresses),
// STN (base). Shifts: S1 (PC1, shifts.csv:2), S2 (PC2, shifts.csv:3). Dwells (minutes after
// 09:00Z, PC = the officer on duty throughout, pieces all of one class unless said):
//   #1  60-122  ADDR-A  PC1 unexplained 62 min; flags revisit INC1 and look-up events.csv:2
//   #2  180-200 ADDR-B  PC1 unexplained 20 min                    -> listed_address_visit 1200 s
//   #3  240-290 none    PC1 unexplained 50 min, in spot SP1       -> only in recurring_place
//   #4  300-330 none    PC1 unexplained 30 min                    -> nothing (under 45 min)
//   #5  360-400 none    off duty 40 min                           -> off_duty_use 2400 s
//   #6  420-480 STN     off duty 60 min (at a base)               -> nothing
//   #7  500-546 none    PC2 unexplained 46 min                    -> long_unexplained 2760 s
//   #8  490-536 none    PC1 unexplained 46 min                    -> long_unexplained 2760 s, first (starts earlier)
//   #9  550-553 ADDR-B  PC2 unexplained 3 min                     -> nothing (under --min-duty-overlap)
// Claims: C1 contradicted (claims.csv:2, PC1 at ADDR-A, 30 min), C2 supported.
// Spots (by hand): SP1 (PC1, recurring, unshared, 2 h, dwell #3), SP2 (PC2, recurring, shared,
// 5 h), SP3 (PC1, not recurring).
#include "shiftline/findings/findings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shiftline/findings/spots.hpp"
#include "shiftline/match/match.hpp"
#include "support/uniform.hpp"
#include "unit/findings/hand_case.hpp"

namespace shiftline::findings {
namespace {

using namespace std::chrono_literals;
using namespace hand_case;

std::vector<std::string> kinds(const Findings& f) {
  std::vector<std::string> out;
  for (const auto& x : f.findings) out.emplace_back(name(x.kind));
  return out;
}

TEST(Findings, EveryKindInRankOrder) {
  const Built b = build();
  const Findings f = find_findings(b.a, FindingsConfig{}, b.spots);
  EXPECT_EQ(kinds(f), (std::vector<std::string>{"revisit_after_closure", "lookup_then_visit", "recurring_place",
                                                "recurring_place", "listed_address_visit", "off_duty_use",
                                                "claim_contradicted", "long_unexplained", "long_unexplained"}));
  ASSERT_EQ(f.findings.size(), 9u);
  // Flags: one each, PC1's 62 min on duty, from 10:00Z to 11:02Z, on the incident's or event's row
  // and the shift row S1 (shifts.csv:2).
  const Finding& revisit = f.findings[0];
  EXPECT_EQ(revisit.officer_id, "PC1");
  EXPECT_EQ(revisit.duration, Millis{62 * 60'000});
  EXPECT_EQ(revisit.start, at(60));
  EXPECT_EQ(revisit.end, at(122));
  EXPECT_EQ(revisit.place, PlaceIndex{0});
  EXPECT_EQ(revisit.evidence, (std::vector<SourceRef>{{kShifts, 2}, {kIncidents, 2}}));
  EXPECT_EQ(f.findings[1].evidence, (std::vector<SourceRef>{{kShifts, 2}, {kEvents, 2}}));
  // SP1 (2 h, unshared) before SP2 (5 h, shared): sharing outranks length; SP3 is not recurring.
  EXPECT_EQ(f.findings[2].spot, std::optional<std::size_t>{0});
  EXPECT_FALSE(f.findings[2].shared);
  EXPECT_EQ(f.findings[3].spot, std::optional<std::size_t>{1});
  EXPECT_TRUE(f.findings[3].shared);
  EXPECT_EQ(f.findings[3].duration, Millis{5h});
  // #2 at ADDR-B: 20 min unexplained.
  EXPECT_EQ(f.findings[4].place, PlaceIndex{1});
  EXPECT_EQ(f.findings[4].duration, Millis{20min});
  EXPECT_EQ(f.findings[4].dwells, (std::vector<DwellRef>{{0, 1}}));
  // #5: 40 min with no one on duty, outside every base (#6 is at STN).
  EXPECT_EQ(f.findings[5].officer_id, "");
  EXPECT_EQ(f.findings[5].duration, Millis{40min});
  EXPECT_EQ(f.findings[5].dwells, (std::vector<DwellRef>{{0, 4}}));
  // C1 only; its interval is 30 min; the claim row is its evidence.
  EXPECT_EQ(f.findings[6].claim, std::optional<std::size_t>{0});
  EXPECT_EQ(f.findings[6].duration, Millis{30min});
  EXPECT_EQ(f.findings[6].evidence, (std::vector<SourceRef>{{kClaims, 2}}));
  // #8 (PC1, from 09:00 + 490 min) and #7 (PC2, + 500 min): both 46 min; the earlier start first.
  EXPECT_EQ(f.findings[7].dwells, (std::vector<DwellRef>{{0, 7}}));
  EXPECT_EQ(f.findings[8].dwells, (std::vector<DwellRef>{{0, 6}}));
  EXPECT_EQ(f.findings[8].officer_id, "PC2");
  EXPECT_EQ(f.findings[8].duration, Millis{46min});
}

TEST(Findings, NoDwellListedTwiceForOneOfficer) {
  const Built b = build();
  const Findings f = find_findings(b.a, FindingsConfig{}, b.spots);
  // #1 (flagged, 62 min at an address) is neither listed_address_visit nor long_unexplained; #3
  // (50 min, in SP1) is not long_unexplained: only the flags and the spot hold them.
  for (const Finding& x : f.findings) {
    if (x.kind == FindingKind::revisit_after_closure || x.kind == FindingKind::lookup_then_visit ||
        x.kind == FindingKind::recurring_place)
      continue;
    EXPECT_NE(x.dwells, (std::vector<DwellRef>{{0, 0}})) << name(x.kind);
    EXPECT_NE(x.dwells, (std::vector<DwellRef>{{0, 2}})) << name(x.kind);
  }
  // Without the spots, #3 is long_unexplained (50 min >= 45 min).
  const Findings without = find_findings(b.a, FindingsConfig{}, {});
  const auto long3 = std::count_if(without.findings.begin(), without.findings.end(), [](const Finding& x) {
    return x.kind == FindingKind::long_unexplained && x.dwells == std::vector<DwellRef>{{0, 2}};
  });
  EXPECT_EQ(long3, 1);
}

TEST(Findings, LongDwellAndMinShareAreTheThresholds) {
  const Built b = build();
  FindingsConfig c;
  c.long_dwell = 30min;  // #4 (30 min, inclusive) joins #7 and #8
  c.min_share = 3min;    // #9 (3 min at ADDR-B, inclusive) becomes listed_address_visit
  const Findings f = find_findings(b.a, c, b.spots);
  const auto count = [&](FindingKind k) {
    return std::count_if(f.findings.begin(), f.findings.end(), [k](const Finding& x) { return x.kind == k; });
  };
  EXPECT_EQ(count(FindingKind::long_unexplained), 3);
  EXPECT_EQ(count(FindingKind::listed_address_visit), 2);
}

TEST(Findings, RecurringPlaceFromHandMadeSpots) {
  const Built b = build();
  const std::vector<Finding> r = recurring_place_findings(b.spots);
  ASSERT_EQ(r.size(), 2u);  // SP3 is not recurring
  EXPECT_EQ(r[0].officer_id, "PC1");
  EXPECT_EQ(r[0].duration, Millis{2h});
  EXPECT_EQ(r[0].visits, 3u);
  EXPECT_EQ(r[0].dwells, (std::vector<DwellRef>{{0, 2}}));
  EXPECT_EQ(r[1].spot, std::optional<std::size_t>{1});
  EXPECT_TRUE(r[1].shared);
}

TEST(Findings, TieRuleIsTotalAndIndependentOfInputOrder) {
  Finding a, b;
  a.kind = b.kind = FindingKind::long_unexplained;
  a.duration = b.duration = 50min;
  a.start = b.start = at(0);
  a.officer_id = "PC1";
  b.officer_id = "PC2";
  EXPECT_TRUE(ranks_before(a, b));  // same kind, length and start: officer_id
  EXPECT_FALSE(ranks_before(b, a));
  b.start = at(-1);
  EXPECT_TRUE(ranks_before(b, a));  // earlier start wins over officer_id
  b.duration = 49min;
  EXPECT_TRUE(ranks_before(a, b));  // longer first wins over start
  b.kind = FindingKind::claim_contradicted;
  EXPECT_TRUE(ranks_before(b, a));  // kind first
  // The same findings in reverse order rank the same.
  const Built built = build();
  Findings f = find_findings(built.a, FindingsConfig{}, built.spots);
  std::vector<Finding> reversed(f.findings.rbegin(), f.findings.rend());
  rank(reversed);
  for (std::size_t i = 0; i < reversed.size(); ++i) {
    EXPECT_EQ(reversed[i].kind, f.findings[i].kind) << i;
    EXPECT_EQ(reversed[i].dwells, f.findings[i].dwells) << i;
    EXPECT_EQ(reversed[i].evidence, f.findings[i].evidence) << i;
  }
}


// A recurring spot names its nearest place, found by a search bounded by latitude
// (spots.cpp, PlacesByLatitude): here against measuring every place (match::distance_to_place), over
// 600 random point and polygon places, some at equal distances (ties go to the smaller place_id).
TEST(Spots, NearestPlaceOfARecurringSpotIsTheMeasuredNearest) {
  test::Uniform u(1207);
  for (int round = 0; round < 20; ++round) {
    Built b = build();
    pipeline::Analysis& a = b.a;
    const double lat = 52.3 + u(-0.01, 0.01), lon = -1.0;
    // Three visits of PC1 on three shifts at one position: a recurring spot.
    a.run.vehicles.front().dwells.clear();
    a.matches.front().clear();
    a.roster.shifts.clear();
    for (int k = 0; k < 3; ++k) {
      ingest::ShiftRow s{"R" + std::to_string(k), false, "PC1", at(1000 * k), at(1000 * k + 500), "PV01", "", {kShifts, 10}};
      a.roster.shifts.push_back(s);
      match::DwellMatch& m = add_dwell(a, 1000 * k + 10, 1000 * k + 60, match::DwellClass::unexplained, "PC1", s.shift_id, {}, lat);
      m.crew.crewings = {duty::Crewing{ShiftIndex{static_cast<std::uint32_t>(k)}, "PV01", {at(1000 * k), at(1000 * k + 500)}, false, {kShifts, 10}}};
    }
    std::vector<ingest::PlaceRow> places;
    for (int p = 0; p < 600; ++p) {
      char id[16];
      std::snprintf(id, sizeof id, "P%04d", p);
      // Some places mirror another across the spot's meridian: the same distance, a tie.
      const double dlat = u(-0.2, 0.2), dlon = u(-0.3, 0.3);
      ingest::PlaceRow row = place(id, id, ingest::PlaceKind::address, lat + dlat);
      row.point = LatLon::from_degrees(lat + dlat, lon + dlon);
      if (p % 5 == 4) row.point = LatLon::from_degrees(places.back().point.lat, 2 * lon - places.back().point.lon);
      if (p % 7 == 0) {  // a polygon place: a square 0.002 degrees wide around its point
        const double y = row.point.lat, x = row.point.lon;
        row.polygon = {LatLon::from_degrees(y - 0.001, x - 0.001), LatLon::from_degrees(y - 0.001, x + 0.001),
                       LatLon::from_degrees(y + 0.001, x + 0.001), LatLon::from_degrees(y + 0.001, x - 0.001),
                       LatLon::from_degrees(y - 0.001, x - 0.001)};
      }
      places.push_back(row);
    }
    a.tables.places = places;  // by place_id, as read_case_tables sorts them
    const std::vector<Spot> spots = find_spots(a, SpotConfig{});
    const auto recurring = std::find_if(spots.begin(), spots.end(), [](const Spot& s) { return s.recurring; });
    ASSERT_NE(recurring, spots.end()) << round;
    std::optional<std::uint32_t> best;
    Meters best_m{0.0};
    for (std::uint32_t p = 0; p < a.tables.places.size(); ++p) {
      const Meters d = match::distance_to_place(a.tables.places[p], recurring->centre);
      if (!best || d < best_m) best = p, best_m = d;
    }
    ASSERT_TRUE(recurring->nearest_place.has_value());
    EXPECT_EQ(recurring->nearest_place->value, *best) << round;
    EXPECT_EQ(recurring->nearest_place_distance.value, best_m.value) << round;
  }
}

// Who else stopped at a recurring spot, and the officer's own explained stops there: against
// measuring every visit (geodesic_distance <= radius). 40 officers each have a recurring spot, so
// the first 16 are counted by scanning every visit and the rest through the R-tree (spots.cpp,
// VisitTree); their centres lie within 300 m, so neighbours' visits fall in and out of each other's.
TEST(Spots, OtherOfficersAndExplainedVisitsAreTheMeasuredCounts) {
  test::Uniform u(2024);
  Built b = build();
  pipeline::Analysis& a = b.a;
  a.run.vehicles.front().dwells.clear();
  a.matches.front().clear();
  a.roster.shifts.clear();
  struct Placed {
    std::string officer;
    LatLon at;
    match::DwellClass c;
  };
  std::vector<Placed> placed;
  int minute = 0;
  const auto visit = [&](const std::string& officer, double lat, double lon, match::DwellClass c) {
    const auto k = static_cast<std::uint32_t>(a.roster.shifts.size());
    ingest::ShiftRow s{"R" + std::to_string(k), false, officer, at(minute), at(minute + 50), "PV01", "", {kShifts, 10}};
    a.roster.shifts.push_back(s);
    match::DwellMatch& m = add_dwell(a, minute + 5, minute + 45, c, officer, s.shift_id, {}, lat);
    a.run.vehicles.front().dwells.back().location = LatLon::from_degrees(lat, lon);
    m.crew.crewings = {duty::Crewing{ShiftIndex{k}, "PV01", {at(minute), at(minute + 50)}, false, {kShifts, 10}}};
    placed.push_back({officer, a.run.vehicles.front().dwells.back().location, c});
    minute += 60;
  };
  const double kDegLat = 1.0 / 111'250.0, kDegLon = kDegLat / std::cos(52.0 * 3.14159265358979323846 / 180.0);
  for (int o = 0; o < 40; ++o) {
    const std::string officer = "PC" + std::to_string(100 + o);
    const double lat = 52.0 + u(0.0, 300.0) * kDegLat, lon = -1.0 + u(0.0, 300.0) * kDegLon;
    for (int k = 0; k < 3; ++k)  // one spot: within 3 m of one another
      visit(officer, lat + u(-1.0, 1.0) * kDegLat, lon + u(-1.0, 1.0) * kDegLon, match::DwellClass::unexplained);
    for (int k = 0; k < 2; ++k)  // explained stops 0-150 m away
      visit(officer, lat + u(-150.0, 150.0) * kDegLat, lon + u(-150.0, 150.0) * kDegLon,
            k == 0 ? match::DwellClass::incident : match::DwellClass::base);
  }
  const SpotConfig config;
  const std::vector<Spot> spots = find_spots(a, config);
  int recurring = 0;
  for (const Spot& s : spots) {
    if (!s.recurring) continue;
    ++recurring;
    std::set<std::string> others;
    std::size_t explained = 0;
    for (const Placed& p : placed) {
      if (geodesic_distance(s.centre, p.at).value > config.radius.value) continue;
      if (p.officer != s.officer_id) others.insert(p.officer);
      else if (p.c == match::DwellClass::incident || p.c == match::DwellClass::base) ++explained;
    }
    EXPECT_EQ(s.other_officers, others.size()) << s.spot_id;
    EXPECT_EQ(s.explained_visits, explained) << s.spot_id;
    EXPECT_EQ(s.shared, 1 + others.size() >= config.shared_officers) << s.spot_id;
  }
  EXPECT_EQ(recurring, 40);
}

}  // namespace
}  // namespace shiftline::findings
