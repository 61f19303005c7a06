// Shift figures against docs/analyse.md, "Shift figures". Tracks are hand-made: positions along
// the meridian -1.10 from 52.60 N, k x 100 m north (test::offset, i.e. PROJ geod_direct), so a
// segment between neighbours is 100 m of geodesic and lengths along the meridian add up. geod
// confirms the arc: `echo "52.60 -1.10 0 8300" | geod +ellps=WGS84 +units=m -f %.9f` gives
// 52.674587011, and `echo "52.60 -1.10 52.674587011 -1.10" | geod +ellps=WGS84 -I +units=m`
// gives 8300.000 m. Times are UTC on 2024-03-05 unless written in full; the gap threshold is 5 min.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "shiftline/match/shift_figures.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline::match {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using test::at;
using test::shift;

const LatLon kOrigin = LatLon::from_degrees(52.60, -1.10);
constexpr Millis kGap{5 * 60'000};
constexpr Millis kMinute{60'000};

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }
Millis secs(long long s) { return Millis{s * 1000}; }
LatLon north(double metres) { return test::offset(kOrigin, 0.0, metres); }


duty::Roster roster_of(std::vector<ingest::ShiftRow> shifts, std::vector<ingest::AssignmentRow> assignments = {}) {
  ProblemSink problems;
  return duty::build_roster(std::move(shifts), assignments, {"shifts.csv", "assignments.csv"}, problems);
}

// Pings every minute from `first` to `last` inclusive, all at `where`.
void add_still(std::vector<LatLon>& pos, std::vector<Instant>& time, Instant first, Instant last, LatLon where) {
  for (Instant x = first; x <= last; x += kMinute) {
    pos.push_back(where);
    time.push_back(x);
  }
}

// Figures of every shift from the crewings in the listed vehicles.
std::vector<ShiftFigures> figures(const duty::Roster& roster,
                                  const std::vector<std::tuple<std::string, clean::Track, std::vector<DwellSpan>>>& vehicles,
                                  const std::vector<ingest::EventRow>& events = {}) {
  std::vector<CrewingFigures> crewings;
  for (const auto& [vehicle, track, dwells] : vehicles)
    for (auto& c : crewing_figures(roster, vehicle, track, dwells, kGap)) crewings.push_back(std::move(c));
  return shift_figures(roster, crewings, events);
}

TEST(ShiftFigures, MovingTrackWithASilenceAndADwell) {
  // Shift 08:00-10:00 in V1. Pings every 60 s at hh:mm:30:
  //   07:57:30-08:20:30  moving north, 100 m a minute, points 0..23
  //   08:20:30-08:40:30  silence of 20 min (> 5 min gap), reappears 1 km on at point 33: a gap
  //   08:40:30-09:00:30  moving, points 33..53
  //   09:00:30-09:20:30  dwell (unexplained) at point 53, odd pings 8 m east (GNSS scatter)
  //   09:21:30-09:50:30  moving, points 54..83; nothing after 09:50:30
  std::vector<LatLon> pos;
  std::vector<Instant> time;
  for (int k = 0; k <= 23; ++k) {
    pos.push_back(north(100.0 * k));
    time.push_back(t("07:57:30") + k * kMinute);
  }
  for (int j = 0; j <= 20; ++j) {
    pos.push_back(north(100.0 * (33 + j)));
    time.push_back(t("08:40:30") + j * kMinute);
  }
  for (int j = 1; j <= 20; ++j) {
    pos.push_back(j % 2 == 1 ? test::offset(north(5300.0), 8.0, 0.0) : north(5300.0));
    time.push_back(t("09:00:30") + j * kMinute);
  }
  for (int m = 0; m <= 29; ++m) {
    pos.push_back(north(100.0 * (54 + m)));
    time.push_back(t("09:21:30") + m * kMinute);
  }
  const clean::Track track = test::make_track(pos, time);
  const std::vector<DwellSpan> dwells{{{t("09:00:30"), t("09:20:30")}, DwellClass::unexplained, 0}};
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("10:00"), "V1")});
  const auto f = figures(roster, {{"V1", track, dwells}});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].on_duty, secs(7200));
  EXPECT_EQ(f[0].crewed, secs(7200));
  EXPECT_EQ(f[0].unassigned, secs(0));
  // Covered: 08:00-08:20:30 (1230 s) + 08:40:30-09:50:30 (4200 s) = 5430 s.
  EXPECT_EQ(f[0].covered, secs(5430));
  // Gap: the 20-min silence (1200 s) + 09:50:30-10:00 after the last ping (570 s).
  EXPECT_EQ(f[0].gap, secs(1770));
  EXPECT_EQ(f[0].unexplained, secs(1200));
  EXPECT_EQ(f[0].unexplained_n, 1U);
  EXPECT_EQ(f[0].incident, secs(0));
  EXPECT_EQ(f[0].base, secs(0));
  EXPECT_EQ(f[0].moving, secs(5430 - 1200));
  EXPECT_NEAR(f[0].coverage(), 5430.0 / 7200.0, 1e-12);
  // Distance: 07:59:30-08:00:30 half inside (50 m) + 20 segments to 08:20:30 (2000 m); the silence
  // is not distance; 20 segments 08:40:30-09:00:30 (2000 m); the 20 scatter segments in the dwell
  // (160 m) are not distance; 30 segments 09:20:30-09:50:30 (3000 m). Total 7050 m.
  EXPECT_NEAR(f[0].distance.value, 7050.0, 0.5);
}

TEST(ShiftFigures, DwellsCountByClassAndOnlyTheirCrewedPart) {
  // Shift 08:00-09:00 in V1; one position; pings every minute 07:30-09:30 except 08:21-08:29
  // (a 10-min silence). Dwells: base 07:30-08:10 (10 min in the shift), incident 08:20-08:30
  // (bridges the silence), unexplained 08:40-08:45 and 08:50-09:20 (10 min in the shift).
  std::vector<LatLon> pos;
  std::vector<Instant> time;
  add_still(pos, time, t("07:30"), t("08:20"), kOrigin);
  add_still(pos, time, t("08:30"), t("09:30"), kOrigin);
  const clean::Track track = test::make_track(pos, time);
  const std::vector<DwellSpan> dwells{{{t("07:30"), t("08:10")}, DwellClass::base, 0},
                                      {{t("08:20"), t("08:30")}, DwellClass::incident, 1},
                                      {{t("08:40"), t("08:45")}, DwellClass::unexplained, 2},
                                      {{t("08:50"), t("09:20")}, DwellClass::unexplained, 3}};
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("09:00"), "V1")});
  const auto f = figures(roster, {{"V1", track, dwells}});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].covered, secs(3600));  // the bridged silence is covered
  EXPECT_EQ(f[0].gap, secs(0));
  EXPECT_EQ(f[0].base, secs(600));
  EXPECT_EQ(f[0].incident, secs(600));
  EXPECT_EQ(f[0].unexplained, secs(300 + 600));
  EXPECT_EQ(f[0].unexplained_n, 2U);
  EXPECT_EQ(f[0].moving, secs(3600 - 600 - 600 - 900));
  EXPECT_NEAR(f[0].distance.value, 0.0, 1e-9);

  // Without the incident dwell the 10-min silence is a gap (600 s), not covered.
  const std::vector<DwellSpan> no_bridge{dwells[0], dwells[2], dwells[3]};
  const auto g = figures(roster, {{"V1", track, no_bridge}});
  EXPECT_EQ(g[0].covered, secs(3000));
  EXPECT_EQ(g[0].gap, secs(600));
  EXPECT_EQ(g[0].incident, secs(0));
  EXPECT_EQ(g[0].moving, secs(3000 - 600 - 900));
}

TEST(ShiftFigures, EachStretchOfADwellCountsByItsOwnClass) {
  // Shift 08:00-09:00 in V1, parked throughout (pings every minute 07:30-09:30). One dwell
  // 07:30-09:30 whose stretches are: off duty to 08:00, incident 08:00-08:40, unexplained after
  // (issue 11, finding 5). Only the crewed part counts: incident 2,400 s, unexplained 1,200 s.
  std::vector<LatLon> pos;
  std::vector<Instant> time;
  add_still(pos, time, t("07:30"), t("09:30"), kOrigin);
  const std::vector<TimePiece> pieces{{{t("07:30"), t("08:00")}, DwellClass::off_duty},
                                      {{t("08:00"), t("08:40")}, DwellClass::incident},
                                      {{t("08:40"), t("09:30")}, DwellClass::unexplained}};
  const std::vector<DwellSpan> dwells{{{t("07:30"), t("09:30")}, DwellClass::unexplained, 0, &pieces}};
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("09:00"), "V1")});
  const auto f = figures(roster, {{"V1", test::make_track(pos, time), dwells}});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].incident, secs(2400));
  EXPECT_EQ(f[0].unexplained, secs(1200));
  EXPECT_EQ(f[0].unexplained_n, 1U);
  EXPECT_EQ(f[0].moving, secs(0));
  // A shift ending at 08:40 has no unexplained time there, so the dwell is not among its
  // unexplained dwells.
  const auto early = roster_of({shift("S1", "O1", t("08:00"), t("08:40"), "V1")});
  const auto g = figures(early, {{"V1", test::make_track(pos, time), dwells}});
  EXPECT_EQ(g[0].unexplained, secs(0));
  EXPECT_EQ(g[0].unexplained_n, 0U);
}

TEST(ShiftFigures, TimeInTwoVehiclesAtOnceIsUnattributed) {
  // O1: S1 08:00-10:00 in V1, S2 09:00-11:00 in V2 (issue 11, finding 7): 09:00-10:00 is in two
  // vehicles. S1: crewed 3,600 s, unattributed 3,600 s; S2 the same. Neither vehicle pings.
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("10:00"), "V1"), shift("S2", "O1", t("09:00"), t("11:00"), "V2")});
  const auto f = figures(roster, {{"V1", clean::Track{}, {}}, {"V2", clean::Track{}, {}}});
  ASSERT_EQ(f.size(), 2U);
  for (const auto& x : f) {
    EXPECT_EQ(x.on_duty, secs(7200));
    EXPECT_EQ(x.crewed, secs(3600));
    EXPECT_EQ(x.unattributed, secs(3600));
    EXPECT_EQ(x.unassigned, secs(0));
  }
}

TEST(ShiftFigures, CrewingsInSeveralVehiclesAndUnassignedTime) {
  // O1: shift 08:00-10:00 in V1, assigned to V2 08:30-09:00 (V2 has no pings: a gap).
  // O2: shift 08:00-10:00 with no vehicle, assigned to V3 09:00-09:30; V3 pings 09:10-09:20.
  // V1 moves north 100 m a minute, pings on the minute 07:00-11:00.
  std::vector<LatLon> pos1;
  std::vector<Instant> time1;
  for (int k = 0; k <= 240; ++k) {
    pos1.push_back(north(100.0 * k));
    time1.push_back(t("07:00") + k * kMinute);
  }
  std::vector<LatLon> pos3;
  std::vector<Instant> time3;
  add_still(pos3, time3, t("09:10"), t("09:20"), kOrigin);
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("10:00"), "V1"), shift("S2", "O2", t("08:00"), t("10:00"))},
                                {ingest::AssignmentRow{"O1", "V2", t("08:30"), t("09:00"), SourceRef{1, 2}},
                                 ingest::AssignmentRow{"O2", "V3", t("09:00"), t("09:30"), SourceRef{1, 3}}});
  const auto v1 = crewing_figures(roster, "V1", test::make_track(pos1, time1), {}, kGap);
  ASSERT_EQ(v1.size(), 2U);  // 08:00-08:30 and 09:00-10:00
  EXPECT_EQ(v1[0].crewed, secs(1800));
  EXPECT_EQ(v1[1].crewed, secs(3600));
  EXPECT_NEAR(v1[0].distance.value, 3000.0, 0.5);  // 30 segments
  EXPECT_NEAR(v1[1].distance.value, 6000.0, 0.5);  // 60 segments
  const auto f = figures(roster, {{"V1", test::make_track(pos1, time1), {}},
                                  {"V2", clean::Track{}, {}},
                                  {"V3", test::make_track(pos3, time3), {}}});
  ASSERT_EQ(f.size(), 2U);
  // O1.
  EXPECT_EQ(f[0].on_duty, secs(7200));
  EXPECT_EQ(f[0].crewed, secs(7200));
  EXPECT_EQ(f[0].unassigned, secs(0));
  EXPECT_EQ(f[0].covered, secs(5400));
  EXPECT_EQ(f[0].gap, secs(1800));
  EXPECT_EQ(f[0].moving, secs(5400));
  EXPECT_NEAR(f[0].distance.value, 9000.0, 1.0);
  EXPECT_NEAR(f[0].coverage(), 0.75, 1e-12);
  // O2.
  EXPECT_EQ(f[1].on_duty, secs(7200));
  EXPECT_EQ(f[1].crewed, secs(1800));
  EXPECT_EQ(f[1].unassigned, secs(5400));
  EXPECT_EQ(f[1].covered, secs(600));
  EXPECT_EQ(f[1].gap, secs(1200));
  EXPECT_NEAR(f[1].coverage(), 600.0 / 7200.0, 1e-12);
}

TEST(ShiftFigures, ADwellAcrossTwoCrewingsOfOneShiftCountsOnce) {
  // O1 in V1 08:00-08:30 and 09:00-10:00 (V2 between). V1 is parked 07:00-11:00; its unexplained
  // dwell 08:20-09:10 overlaps both V1 crewings for 10 min each.
  std::vector<LatLon> pos;
  std::vector<Instant> time;
  add_still(pos, time, t("07:00"), t("11:00"), kOrigin);
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("10:00"), "V1")},
                                {ingest::AssignmentRow{"O1", "V2", t("08:30"), t("09:00"), SourceRef{1, 2}}});
  const std::vector<DwellSpan> dwells{{{t("08:20"), t("09:10")}, DwellClass::unexplained, 0}};
  const auto f = figures(roster, {{"V1", test::make_track(pos, time), dwells}, {"V2", clean::Track{}, {}}});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].unexplained, secs(1200));
  EXPECT_EQ(f[0].unexplained_n, 1U);
  EXPECT_EQ(f[0].crewed, secs(7200));
  EXPECT_EQ(f[0].covered, secs(5400));  // V2 has no pings: its 30 min are a gap
  EXPECT_EQ(f[0].gap, secs(1800));
  EXPECT_EQ(f[0].moving, secs(5400 - 1200));
}

TEST(ShiftFigures, EventsCountInsideStartInclusiveEndExclusive) {
  // O1: S1 08:00-10:00 and S2 09:30-12:00 (overlapping: both count the overlap). O2: S3 08:00-10:00.
  const auto roster = roster_of({shift("S1", "O1", t("08:00"), t("10:00"), "V1"),
                                 shift("S2", "O1", t("09:30"), t("12:00"), "V2"),
                                 shift("S3", "O2", t("08:00"), t("10:00"), "V3")});
  const auto ev = [](std::string officer, Instant when, std::string kind, std::uint32_t line) {
    ingest::EventRow e;
    e.officer_id = std::move(officer);
    e.at = when;
    e.kind = std::move(kind);
    e.source = SourceRef{4, line};
    return e;
  };
  const std::vector<ingest::EventRow> events{
      ev("O1", t("07:59:59.999"), "radio", 2),           // before S1
      ev("O1", t("08:00"), "records_lookup", 3),         // S1 (start counts)
      ev("O1", t("09:45"), "records_lookup", 4),         // S1 and S2
      ev("O1", t("09:59:59.999"), "radio", 5),           // S1 and S2
      ev("O1", t("10:00"), "radio", 6),                  // S2 only (S1's end does not count)
      ev("O1", t("12:00"), "radio", 7),                  // after S2
      ev("O2", t("09:00"), "records_lookup", 8),         // S3
      ev("O3", t("09:00"), "records_lookup", 9),         // nobody's shift
  };
  const auto f = figures(roster, {}, events);
  ASSERT_EQ(f.size(), 3U);
  ASSERT_EQ(roster.shifts[0].shift_id, "S1");
  ASSERT_EQ(roster.shifts[1].shift_id, "S2");
  EXPECT_EQ(f[0].events_n, 3U);
  EXPECT_THAT(f[0].events_by_kind, ElementsAre(Pair("radio", 1U), Pair("records_lookup", 2U)));
  EXPECT_EQ(f[1].events_n, 3U);
  EXPECT_THAT(f[1].events_by_kind, ElementsAre(Pair("radio", 2U), Pair("records_lookup", 1U)));
  EXPECT_EQ(f[2].events_n, 1U);
  EXPECT_THAT(f[2].events_by_kind, ElementsAre(Pair("records_lookup", 1U)));
  // No crewing figures were given: on-duty time is still end - start.
  EXPECT_EQ(f[1].on_duty, secs(9000));
}

TEST(ShiftFigures, OnDutyIsUtcLengthAcrossTheClockChange) {
  // 22:00 BST (+01:00) on 26 Oct to 07:00 GMT (+00:00) on 27 Oct 2024: 10 h = 36000 s.
  const auto roster =
      roster_of({shift("N1", "O1", at("2024-10-26T22:00:00+01:00"), at("2024-10-27T07:00:00+00:00"))});
  const auto f = figures(roster, {});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].on_duty, secs(36000));
  EXPECT_EQ(f[0].crewed, secs(0));
  EXPECT_EQ(f[0].unassigned, secs(36000));
  EXPECT_EQ(f[0].coverage(), 0.0);
}

}  // namespace
}  // namespace shiftline::match
