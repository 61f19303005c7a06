// `shiftline verify` (and `analyse --claims`) end to end on a small case built here. Every expected
// figure below is worked out by hand from docs/verify.md; nothing is copied from a run.
//
// Distances are PROJ's (the `-F` flag sets the distance format, which is %.3f by default):
//
//   geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f <<EOF      -> distance, m
//   51.5001 -0.12 51.5 -0.12     P0 (car1 parked) to STN            11.125783
//   51.5001 -0.12 51.51 -0.12    P0 to ADDR-A                     1101.453507
//   51.5101 -0.12 51.51 -0.12    P1 (car1 parked) to ADDR-A         11.125803
//   51.5091 -0.12 51.51 -0.12    car1 at 10:09Z to ADDR-A          100.132214
//   51.5151 -0.12 51.51 -0.12    P2 (car1 at 11:30Z) to ADDR-A     567.416173
//   51.6 -0.12 51.5 -0.12        P4 (car1 parked) to STN         11125.878726
//   51.63 -0.12 51.5 -0.12       P5 (car1 parked) to STN         14463.679523
//   51.6 -0.12 51.61 -0.08       P4 to ADDR-B                     2986.236563
//   51.63 -0.12 51.61 -0.08      P5 to ADDR-B                     3553.336240
//   51.4999 -0.12 51.5 -0.12     P6 (car2 parked) to STN            11.125783
//   51.5041 -0.12 51.5046 -0.1157   car1 at 10:04Z to SHOP           303.703992
//   51.5051 -0.12 51.5046 -0.1157   car1 at 10:05Z to SHOP           303.700781
//   51.5031 -0.12 51.5046 -0.1157   car1 at 10:03Z to SHOP           342.044894
//   51.5061 -0.12 51.5046 -0.1157   car1 at 10:06Z to SHOP           342.036358
//   EOF
// SHOP (51.5046,-0.1157 r 50, given by position in its own claims table) is about 300 m east of
// the road car1 drives up 10:00-10:09Z: see DriveByNeedsMinVisit.
//
// Run flags: --tz Europe/London --reach-speed-kmh 72 (v = 20 m/s exactly) --position-margin 10;
// defaults --presence-tolerance 60 s, --roster-tolerance 2 min, --gap 5 min, --min-visit 0.
// Places (radius_m given): STN 51.50,-0.12 r 50; ADDR-A 51.51,-0.12 r 50; ADDR-B 51.61,-0.08 r 40.
//
// Where a ping is (the 10 m margin counts both ways): for STN and ADDR-A a ping is inside when
// distance + 10 <= 50 (within 40 m), outside when distance - 10 > 50 (beyond 60 m), uncertain at
// 40-60 m; for ADDR-B inside within 30 m, outside beyond 50 m. The parked pings at 11.13 m are
// inside; the nearest ping to an uncertain band is car1 at 10:09Z, 100.13 m from ADDR-A (outside).
// No ping of this case is uncertain: uncertain_s is 0 throughout.
//   Depth of a parked ping (P0 or P6 at STN, P1 at ADDR-A): 50 - (11.125783 + 10) = 28.874217 m
// (P1: 28.874197 m), 1.443 s at 20 m/s (floored to the ms): the time it needs to leave. Between two
// such pings 60 s apart the vehicle could have been away from t + 1.443 s to t' - 1.443 s: a run of
// possible absence of 60 - 2.886 = 57.114 s, within the 60 s --presence-tolerance. Before a
// vehicle's first inside ping at a place and after its last it could have been away throughout.
//   Reach distance of an outside ping: distance - r - 10 (P0 to ADDR-A 1041.453507 m, 52.072 s;
// P4 to STN 11065.878726 m, 553.293 s; P5 to STN 14403.679523 m, 720.183 s; P4 to ADDR-B
// 2936.236563 m, 146.811 s; P5 to ADDR-B 3503.336240 m, 175.166 s; P2 to ADDR-A 507.416173 m,
// 25.370 s).
//
// The speed bound is raised per vehicle to the fastest it was seen to move (local-frame distance
// + 1%): car1's fastest step is the silence 13:30-13:36, 0.03 deg of latitude (about 3.34 km) in
// 360 s, about 9.4 m/s; 11:30-12:00 it drives 0.00283 deg (about 315 m) a minute, 5.3 m/s; car2
// never moves. Both stay below 20 m/s: v is 20 m/s (reach_speed_kmh 72.000) for every claim.
//
// pings.csv (`vehicle_id,timestamp,lat,lon`, every 60 s, all on the meridian 0.12 W), line numbers:
//   car1 08:00Z-08:40Z at P0 (lines 2-42); silence 08:40-09:00 (20 min, car1 did not move: the dwell
//        08:00-10:00 bridges it, but for a claim it is unobserved with an open prism);
//        09:00-10:00 at P0 (lines 43-103); 10:01-10:09 north at 0.001 deg/min (lines 104-112);
//        10:10-11:20 at P1 (lines 113-183); silence 11:20-11:30; 11:30 at P2 (line 184); 11:31-11:59
//        north to P4 (lines 185-213); 12:00-13:30 at P4 (lines 214-304); silence 13:30-13:36 (6 min);
//        13:36-14:00 at P5 (lines 305-329).
//   car2 13:40:30Z-14:40:30Z at P6 (lines 330-390); 2024-10-26 23:20:30Z to 2024-10-27 02:40:30Z
//        at P6 (lines 391-591).
// No row is discarded by cleaning: discarded_rows is empty throughout.
//
// shifts.csv: PC1 09:00-21:00 local (08:00Z-20:00Z) in car1; assignments.csv: PC1 in car2 15:00-17:00
// local (14:00Z-16:00Z). Roster instants 08:00Z, 14:00Z, 16:00Z, 20:00Z, each with the 2 min
// --roster-tolerance on both sides. O1 (13:30Z-14:30Z) is split into car1 `vehicle` [13:30, 13:58),
// `handover` [13:58, 14:02) (candidates car1 and car2, no "no vehicle"), car2 `vehicle`
// [14:02, 14:30]. The handover decides nothing by itself: car1's pings at 13:58-14:00Z and car2's at
// 14:00:30Z and 14:01:30Z in it are not decisive; its 240 s are in no_vehicle_s.
//
// The prisms (travel times d/v floored to the ms, d the reach distance, 0 for an inside ping):
//   silence 13:30-13:36 towards ADDR-B: earliest arrival 13:30 + 146.811 s = 13:32:26.811Z, latest
//     departure 13:36 - 175.166 s = 13:33:04.834Z; longest stay 360 - 146.811 - 175.166 = 38.023 s.
//   same silence towards STN: earliest arrival 13:30 + 553.293 s = 13:39:13.293Z after latest
//     departure 13:36 - 720.183 s = 13:23:59.817Z: unreachable.
//   silence 11:20-11:30 towards ADDR-A: d1 = 0 (P1 inside); latest departure 11:30 - 25.370 s =
//     11:29:34.630Z.
//   silence 08:40-09:00 towards STN (bridged): both pings inside, d = 0: reachable throughout, a
//     possible stay of 1200 s; and a run of possible absence 08:40:01.443Z-08:59:58.557Z, 1197.114 s.
//   O1's handover [13:58, 14:02) towards STN, PC1's own prism anchored on car1's last ping of its
//     segment (13:57Z, line 326, P5) and car2's first of its segment (14:02:30Z, line 352, P6, inside):
//     earliest arrival 13:57 + 720.183 s = 14:09:00.183Z, after the latest departure (14:02:30Z,
//     clipped to the period's end 14:02Z): unreachable. (At 72 km/h PC1 could not have gone from
//     car1 at 13:57Z, 14.5 km from STN, to car2 at STN by 14:02:30Z: the roster and the data disagree
//     at this bound. docs/verify.md gives that no special treatment; O1's verdict does not rest on it.)
// The prisms of the 60 s steps between pings (every stretch that touches an interval has one):
//   both pings parked inside (d = 0): reachable for the whole step, a possible stay of 60 s.
//   at P0 towards ADDR-A (52.072 s each side), at P4/P5 towards ADDR-B (146.811 s, 175.166 s) or
//     STN (553.293 s, 720.183 s): unreachable within 60 s, no stay.
#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

#include "cli/cli_fixture.hpp"
#include "support/csv_rows.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;
using V = std::vector<std::string>;

// "2024-10-26T08:00:00Z" for `minute` minutes and `second` seconds after 2024-10-26 00:00Z.
std::string utc(int minute, int second = 0) {
  char buf[64];
  const int day = 26 + minute / 1440;
  const int m = minute % 1440;
  std::snprintf(buf, sizeof buf, "2024-10-%02dT%02d:%02d:%02dZ", day, m / 60, m % 60, second);
  return buf;
}

constexpr int hm(int h, int m) { return h * 60 + m; }

std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  const auto ping = [&](const char* vehicle, int minute, int second, double lat) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s,%s,%.7f,-0.1200000\n", vehicle, utc(minute, second).c_str(), lat);
    csv += buf;
  };
  // car1
  for (int m = hm(8, 0); m <= hm(8, 40); ++m) ping("car1", m, 0, 51.5001);           // P0
  for (int m = hm(9, 0); m <= hm(10, 0); ++m) ping("car1", m, 0, 51.5001);           // P0
  for (int k = 1; k <= 9; ++k) ping("car1", hm(10, 0) + k, 0, 51.5001 + 0.001 * k);  // driving north
  for (int m = hm(10, 10); m <= hm(11, 20); ++m) ping("car1", m, 0, 51.5101);        // P1
  ping("car1", hm(11, 30), 0, 51.5151);                                              // P2
  for (int k = 1; k <= 29; ++k) ping("car1", hm(11, 30) + k, 0, 51.5151 + (51.6 - 51.5151) * k / 30.0);
  for (int m = hm(12, 0); m <= hm(13, 30); ++m) ping("car1", m, 0, 51.6);  // P4
  for (int m = hm(13, 36); m <= hm(14, 0); ++m) ping("car1", m, 0, 51.63);  // P5
  // car2
  for (int m = hm(13, 40); m <= hm(14, 40); ++m) ping("car2", m, 30, 51.4999);  // P6
  for (int m = hm(23, 20); m <= hm(26, 40); ++m) ping("car2", m, 30, 51.4999);  // to 02:40:30Z next day
  return csv;
}

const char* kPlaces =
    "place_id,label,kind,lat,lon,radius_m\n"
    "STN,Station (synthetic),base,51.5,-0.12,50\n"
    "ADDR-A,Address A (synthetic),address,51.51,-0.12,50\n"
    "ADDR-B,Address B (synthetic),address,51.61,-0.08,40\n";
const char* kShifts =
    "shift_id,officer_id,start,end,vehicle_id\n"
    "S1,PC1,2024-10-26 09:00,2024-10-26 21:00,car1\n";
const char* kAssignments =
    "officer_id,vehicle_id,start,end\n"
    "PC1,car2,2024-10-26 15:00,2024-10-26 17:00\n";
// Naive local times (BST, UTC + 1 h) except C8, which crosses the change back to GMT. Bad rows are
// interleaved with good ones: lines 4, 7, 10, 13 and 15. C9 (line 16) is C1 without the silence.
const char* kClaims =
    "claim_id,vehicle_id,officer_id,place_id,start,end,assertion,note\n"
    "C1,car1,,STN,2024-10-26 09:10,2024-10-26 10:50,present,at the station\n"        // 2
    "C2,car1,,ADDR-A,2024-10-26 09:20,2024-10-26 09:30,Present,\n"                   // 3
    "X1,car1,PC1,STN,2024-10-26 09:10,2024-10-26 09:20,present,\n"                   // 4: both subjects
    "C3,car1,,ADDR-A,2024-10-26 12:15,2024-10-26 12:25,present,\n"                   // 5
    "C4,car1,,ADDR-A,2024-10-26 11:00,2024-10-26 12:00,absent,\n"                    // 6
    "X2,car1,,NOWHERE,2024-10-26 11:00,2024-10-26 12:00,absent,\n"                   // 7: unknown place
    "C5,car1,,STN,2024-10-26 14:25,2024-10-26 14:40,absent,\n"                       // 8
    "C6,car1,,ADDR-B,2024-10-26 14:25,2024-10-26 14:40,ABSENT,\n"                    // 9
    "X3,car1,,STN,2024-10-26 14:25,2024-10-26 14:40,maybe,\n"                        // 10: no assertion
    "C7,car1,,ADDR-B,2024-10-26 14:31,2024-10-26 14:35,present,\n"                   // 11
    "O1,,PC1,STN,2024-10-26 14:30,2024-10-26 15:30,absent,two vehicles\n"            // 12
    "X4,car1,,STN,2024-10-26 15:30,2024-10-26 14:30,absent,\n"                       // 13: end first
    "C8,car2,,STN,2024-10-27 00:30,2024-10-27 02:30,present,over the clock change\n"  // 14
    "C1,car2,,STN,2024-10-26 15:00,2024-10-26 15:10,present,\n"                      // 15: repeated id
    "C9,car1,,STN,2024-10-26 10:10,2024-10-26 10:50,present,seen every minute\n";    // 16

using shiftline::test::csv_cells;

using Row = std::map<std::string, std::string>;

// Every data row as column -> value, in file order.
std::vector<Row> rows_of(const std::string& csv) {
  const auto cells = csv_cells(csv);
  std::vector<Row> out;
  if (cells.empty()) return out;
  for (std::size_t r = 1; r < cells.size(); ++r) {
    Row row;
    for (std::size_t c = 0; c < cells[0].size(); ++c)
      row[cells[0][c]] = c < cells[r].size() ? cells[r][c] : "<missing>";
    out.push_back(row);
  }
  return out;
}

// The contracted columns of claims.csv, in order, for one row.
V contracted(const Row& r) {
  V out;
  for (const char* c : {"claim_id", "verdict", "feasible", "inside_s", "outside_s", "unobserved_s",
                        "max_possible_stay_s", "nearest_m", "nearest_at", "evidence_rows"})
    out.push_back(r.count(c) ? r.at(c) : "<no column>");
  return out;
}

// The columns added with the three-valued ping status, the prism between pings, the runs of possible
// absence, the tolerances and the discarded rows, for one row.
V added(const Row& r) {
  V out;
  for (const char* c : {"uncertain_s", "max_stay_between_pings_s", "reach_speed_kmh", "max_away_s",
                        "presence_tolerance_s", "roster_tolerance_s", "discarded_rows"})
    out.push_back(r.count(c) ? r.at(c) : "<no column>");
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Verify : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    write("pings.csv", make_pings());
    write("places.csv", kPlaces);
    write("shifts.csv", kShifts);
    write("assignments.csv", kAssignments);
    write("claims.csv", kClaims);
  }
  std::string inputs() const {
    return " --pings " + path("pings.csv") + " --places " + path("places.csv") + " --shifts " + path("shifts.csv") +
           " --assignments " + path("assignments.csv") + " --claims " + path("claims.csv") +
           " --tz Europe/London --reach-speed-kmh 72 --position-margin 10 --quiet" +
           // The 5 bad claim rows are on purpose: without a limit one rejected claim is exit 3.
           " --max-rejected 5";
  }
  std::string verify(const std::string& out) const { return "verify" + inputs() + " --out " + path(out); }
  std::string analyse(const std::string& out) const { return "analyse" + inputs() + " --out " + path(out); }

  // The claims.csv row of `id` (a test failure when there is none).
  std::map<std::string, Row> claims(const std::string& out) const {
    std::map<std::string, Row> by_id;
    for (const Row& r : rows_of(read(path(out + "/claims.csv")))) by_id[r.at("claim_id")] = r;
    return by_id;
  }
};

// The file really has the rows where the header comment says (the line numbers below rely on it).
TEST_F(Verify, PingLinesAreWhereTheCommentSays) {
  std::vector<std::string> lines;
  std::istringstream in(make_pings());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const auto at = [&](std::size_t line_no) { return lines.at(line_no - 1); };
  ASSERT_EQ(lines.size(), 591U);
  EXPECT_EQ(at(12), "car1,2024-10-26T08:10:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(22), "car1,2024-10-26T08:20:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(42), "car1,2024-10-26T08:40:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(43), "car1,2024-10-26T09:00:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(53), "car1,2024-10-26T09:10:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(54), "car1,2024-10-26T09:11:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(93), "car1,2024-10-26T09:50:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(112), "car1,2024-10-26T10:09:00Z,51.5091000,-0.1200000");
  EXPECT_EQ(at(113), "car1,2024-10-26T10:10:00Z,51.5101000,-0.1200000");
  EXPECT_EQ(at(178), "car1,2024-10-26T11:15:00Z,51.5101000,-0.1200000");
  EXPECT_EQ(at(183), "car1,2024-10-26T11:20:00Z,51.5101000,-0.1200000");
  EXPECT_EQ(at(184), "car1,2024-10-26T11:30:00Z,51.5151000,-0.1200000");
  EXPECT_EQ(at(214), "car1,2024-10-26T12:00:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(299), "car1,2024-10-26T13:25:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(304), "car1,2024-10-26T13:30:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(305), "car1,2024-10-26T13:36:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(309), "car1,2024-10-26T13:40:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(323), "car1,2024-10-26T13:54:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(324), "car1,2024-10-26T13:55:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(326), "car1,2024-10-26T13:57:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(329), "car1,2024-10-26T14:00:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(350), "car2,2024-10-26T14:00:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(352), "car2,2024-10-26T14:02:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(355), "car2,2024-10-26T14:05:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(379), "car2,2024-10-26T14:29:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(401), "car2,2024-10-26T23:30:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(580), "car2,2024-10-27T02:29:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(591), "car2,2024-10-27T02:40:30Z,51.4999000,-0.1200000");
}

// present: supported, contradicted (seen_away, could_not_hold), inconclusive (could_have_left).
TEST_F(Verify, PresentClaimsWorkedByHand) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");

  // C1: car1 at STN 08:10Z-09:50Z. Every ping in the interval (08:10-08:40, lines 12-42, and
  // 09:00-09:50, lines 43-93) is at P0, 11.13 m: inside (within 40 m); none outside. Every stretch
  // has d = 0 on both sides: it could hold the place throughout (no could_not_hold). But the silence
  // 08:40-09:00, although the dwell 08:00-10:00 bridges it, is unobserved: car1 could have been away
  // 08:40:01.443-08:59:58.557, 1197.114 s (19 min 57 s), longer than the 60 s --presence-tolerance:
  // inconclusive, could_have_left, the pings around that run (lines 42, 43) the evidence. Midpoint
  // rule: inside 08:10-08:40 and 09:00-09:50 (4800 s), the bridged silence unobserved (1200 s,
  // bridged_s). The silence is reachable (feasible yes) for a stay of 1200 s; the 60 s steps for 60 s.
  // Closest approach: every ping is 11.125783 m: the earliest, 08:10Z.
  EXPECT_EQ(contracted(c["C1"]), (V{"C1", "inconclusive", "yes", "4800", "0", "1200", "1200", "11.13",
                                    "2024-10-26T08:10:00Z", "pings.csv:42;pings.csv:43"}));
  EXPECT_EQ(c["C1"]["basis"], "could_have_left");
  EXPECT_EQ(c["C1"]["bridged_s"], "1200");
  EXPECT_EQ(c["C1"]["no_vehicle_s"], "0");
  EXPECT_EQ(added(c["C1"]), (V{"0", "60", "72.000", "1197.114", "60", "120", ""}));
  const std::string& c1 = c["C1"]["explanation"];
  // 1197.114 s reads "19 min" (rounded down, docs/findings.md), against the tolerance's "1 min".
  for (const char* part : {"Inconclusive: ", "Station (synthetic) (STN)", "up to 19 min, ", "pings.csv:42", "pings.csv:43",
                           "2024-10-26 09:40:00 +01:00", "2024-10-26 10:00:00 +01:00", "72 km/h",
                           "--presence-tolerance", "bridged by the dwell rule"})
    EXPECT_TRUE(contains(c1, part)) << part << " | " << c1;
  EXPECT_FALSE(contains(c1, "was there")) << c1;

  // C9: the same place and car1 09:10Z-09:50Z, without the silence: 41 pings at P0 (lines 53-93),
  // all inside, one a minute. Between two of them car1 could have been away for at most 57.114 s
  // (57 s), within the tolerance: supported, seen_there_throughout. The runs are all equal: the
  // earliest, 09:10:01.443-09:10:58.557, between lines 53 and 54, is quoted. The ping at 09:50 is the
  // interval's end: the run after it is outside the interval. Evidence: the first and last inside
  // pings (53, 93) and those around the longest run (53, 54). Inside 2400 s; no unobserved time.
  EXPECT_EQ(contracted(c["C9"]), (V{"C9", "supported", "", "2400", "0", "0", "", "11.13", "2024-10-26T09:10:00Z",
                                    "pings.csv:53;pings.csv:54;pings.csv:93"}));
  EXPECT_EQ(c["C9"]["basis"], "seen_there_throughout");
  EXPECT_EQ(c["C9"]["bridged_s"], "0");
  EXPECT_EQ(added(c["C9"]), (V{"0", "60", "72.000", "57.114", "60", "120", ""}));
  const std::string& c9 = c["C9"]["explanation"];
  for (const char* part :
       {"Supported: car1 was seen at Station (synthetic) (STN) 41 times from 2024-10-26 10:10:00 +01:00 to "
        "2024-10-26 10:50:00 +01:00 (pings.csv:53 to pings.csv:93)",
        "at 72 km/h it could have been away for at most 57 s",
        "between its pings at 2024-10-26 10:10:00 +01:00", "pings.csv:53,", "and at 2024-10-26 10:11:00 +01:00",
        "pings.csv:54,",
        "within the 1 min --presence-tolerance."})
    EXPECT_TRUE(contains(c9, part)) << part << " | " << c9;

  // C2: car1 at ADDR-A 08:20Z-08:30Z, but parked at P0, 1101.45 m away (beyond 50 + 10 m: surely
  // outside), all along: contradicted by the farthest ping in the interval, all equally far: the
  // earliest, 08:20Z (line 22). Between pings ADDR-A is 52.072 s away on each side of a 60 s step:
  // unreachable, no stay between pings. car1 is first inside ADDR-A at 10:10Z: it could have been
  // away throughout the 600 s.
  EXPECT_EQ(contracted(c["C2"]), (V{"C2", "contradicted", "", "0", "600", "0", "", "1101.45", "2024-10-26T08:20:00Z",
                                    "pings.csv:22"}));
  EXPECT_EQ(c["C2"]["basis"], "seen_away");
  EXPECT_EQ(c["C2"]["assertion"], "present");  // written "Present": case-insensitive
  EXPECT_EQ(added(c["C2"]), (V{"0", "", "72.000", "600", "60", "120", ""}));
  // Fully determined by the first example of "Explanations" in docs/verify.md.
  EXPECT_EQ(c["C2"]["explanation"],
            "Contradicted: at 2024-10-26 09:20:00 +01:00 car1 was 1.1 km from Address A (synthetic) (ADDR-A) "
            "(pings.csv:22), beyond its 50 m radius allowing for the ping's 10 m margin.");

  // C3: car1 at ADDR-A 11:15Z-11:25Z. Inside 11:15-11:20 (lines 178-183, 300 s); then the silence to
  // 11:30, the ping after it (line 184) 567 m away, outside but after the interval: unobserved
  // 11:20-11:25 (300 s). Prism: earliest arrival 11:20 (d1 = 0), latest departure
  // min(11:25, 11:29:34.630) = 11:25: it could hold the place the whole period, so not contradicted.
  // car1 is never inside ADDR-A again: it could have been away from 11:20:01.443 to the interval's
  // end, 298.557 s (4 min 58 s), longer than the tolerance: inconclusive, could_have_left, the pings
  // around that run (lines 183, 184). Longest stay 300 s; the 60 s steps at P1 leave 60 s. Closest
  // approach 11.125803 m, earliest: 11:15Z.
  EXPECT_EQ(contracted(c["C3"]), (V{"C3", "inconclusive", "yes", "300", "0", "300", "300", "11.13",
                                    "2024-10-26T11:15:00Z", "pings.csv:183;pings.csv:184"}));
  EXPECT_EQ(c["C3"]["basis"], "could_have_left");
  EXPECT_EQ(added(c["C3"]), (V{"0", "60", "72.000", "298.557", "60", "120", ""}));
  const std::string& c3 = c["C3"]["explanation"];
  // 298.557 s reads "4 min", rounded down.
  for (const char* part : {"Inconclusive: ", "Address A (synthetic) (ADDR-A)", "up to 4 min, ", "pings.csv:183",
                           "2024-10-26 12:20:00 +01:00", "72 km/h", "--presence-tolerance"})
    EXPECT_TRUE(contains(c3, part)) << part << " | " << c3;

  // C7: car1 at ADDR-B 13:31Z-13:35Z, wholly inside the silence 13:30-13:36. The earliest arrival
  // 13:32:26.811Z is after the period's start: it could not have been there throughout; contradicted
  // (could_not_hold). The place was reachable, for 13:32:26.811-13:33:04.834 = 38.023 s. No ping in
  // the interval: no closest approach; no step between pings touches it (no stay between pings).
  // car1 is never inside ADDR-B: it could have been away throughout (240 s).
  EXPECT_EQ(contracted(c["C7"]), (V{"C7", "contradicted", "yes", "0", "0", "240", "38.023", "", "",
                                    "pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C7"]["basis"], "could_not_hold");
  EXPECT_EQ(added(c["C7"]), (V{"0", "", "72.000", "240", "60", "120", ""}));
  const std::string& c7 = c["C7"]["explanation"];
  for (const char* part : {"Contradicted: ", "2024-10-26 14:30:00 +01:00 (pings.csv:304, 3.0 km from ",
                           "pings.csv:305", "Address B (synthetic) (ADDR-B)", "72 km/h", "2024-10-26 14:32:26.811 +01:00",
                           "2024-10-26 14:31:00 +01:00"})
    EXPECT_TRUE(contains(c7, part)) << part << " | " << c7;
  // If the sentence gives the length of the silence between those two pings, it is 6 min (13:30Z to
  // 13:36Z, as C6's sentence says of the same pings), not the 4 min of the claim that lies in it.
  if (const auto at = c7.find("no ping for "); at != std::string::npos) {
    EXPECT_EQ(c7.substr(at, 17), "no ping for 6 min") << c7;
  }
}

// --presence-tolerance decides C1: its longest possible absence is 1197.114 s (header), more than
// 1197 s, not more than 1198 s. C3's (298.557 s) is within both: supported.
TEST_F(Verify, PresenceToleranceDecides) {
  ASSERT_EQ(run(verify("t1197") + " --presence-tolerance 1197s"), 0) << m_stderr;
  ASSERT_EQ(run(verify("t1198") + " --presence-tolerance 1198s"), 0) << m_stderr;
  auto a = claims("t1197");
  auto b = claims("t1198");
  EXPECT_EQ(a["C1"]["verdict"] + ":" + a["C1"]["basis"], "inconclusive:could_have_left");
  EXPECT_EQ(a["C1"]["presence_tolerance_s"], "1197");
  // Supported: the first and last inside pings (08:10Z line 12, 09:50Z line 93) and the pings around
  // the longest run (the bridged silence, lines 42, 43).
  EXPECT_EQ(contracted(b["C1"]), (V{"C1", "supported", "yes", "4800", "0", "1200", "1200", "11.13",
                                    "2024-10-26T08:10:00Z", "pings.csv:12;pings.csv:42;pings.csv:43;pings.csv:93"}));
  EXPECT_EQ(b["C1"]["basis"], "seen_there_throughout");
  EXPECT_EQ(added(b["C1"]), (V{"0", "60", "72.000", "1197.114", "1198", "120", ""}));
  const std::string& c1 = b["C1"]["explanation"];
  // 1197.114 s against a 1198 s tolerance: both would read "19 min", so both keep their seconds
  // (docs/verify.md, "Explanations").
  for (const char* part : {"Supported: ", "Station (synthetic) (STN)", "at most 19 min 57 s", "2024-10-26 09:40:00 +01:00",
                           "2024-10-26 10:00:00 +01:00", "72 km/h", "within the 19 min 58 s --presence-tolerance"})
    EXPECT_TRUE(contains(c1, part)) << part << " | " << c1;
  EXPECT_FALSE(contains(c1, "was there")) << c1;
  // C3 at either tolerance: the first and last inside pings (lines 178, 183) and the pings around
  // the longest run (183, 184).
  for (auto* t : {&a, &b}) {
    EXPECT_EQ(contracted((*t)["C3"]), (V{"C3", "supported", "yes", "300", "0", "300", "300", "11.13",
                                         "2024-10-26T11:15:00Z", "pings.csv:178;pings.csv:183;pings.csv:184"}));
    EXPECT_EQ((*t)["C3"]["basis"], "seen_there_throughout");
    EXPECT_EQ((*t)["C3"]["max_away_s"], "298.557");
  }
  const std::string manifest = read(path("t1198/manifest.json"));
  const auto at = manifest.find("\"presence-tolerance\": {");
  ASSERT_NE(at, std::string::npos) << manifest;
  const std::string parameter = manifest.substr(at, manifest.find('}', at) - at + 1);
  EXPECT_TRUE(contains(parameter, "\"1198s\"")) << parameter;
  EXPECT_TRUE(contains(parameter, "command line")) << parameter;
}

// Without --tz the explanation gives its times in UTC (the claim then needs times with an offset).
TEST_F(Verify, ExplanationTimesAreUtcWithoutTz) {
  write("claims_utc.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "C2,car1,ADDR-A,2024-10-26T08:20:00Z,2024-10-26T08:30:00Z,present\n");
  ASSERT_EQ(run("verify --pings " + path("pings.csv") + " --places " + path("places.csv") + " --claims " +
                path("claims_utc.csv") + " --quiet --out " + path("utc")),
            0)
      << m_stderr;
  const auto rows = rows_of(read(path("utc/claims.csv")));
  ASSERT_EQ(rows.size(), 1U);
  // The same figures as with --tz; the default reach speed (200 km/h: car1 never goes faster) and
  // margin (no accuracy_m column: 10 m) do not matter here: 1101.45 m is far outside 50 + 10 m, and
  // ADDR-A is unreachable from P0 within a 60 s step even at 200 km/h (1041.45 m > 60 s x 55.6 m/s).
  EXPECT_EQ(contracted(rows[0]), (V{"C2", "contradicted", "", "0", "600", "0", "", "1101.45", "2024-10-26T08:20:00Z",
                                    "pings.csv:22"}));
  EXPECT_EQ(rows[0].at("reach_speed_kmh"), "200.000");
  EXPECT_EQ(rows[0].at("explanation"),
            "Contradicted: at 2024-10-26 08:20:00 UTC car1 was 1.1 km from Address A (synthetic) (ADDR-A) "
            "(pings.csv:22), beyond its 50 m radius allowing for the ping's 10 m margin.");
  EXPECT_EQ(rows[0].at("start_local"), "2024-10-26T08:20:00Z");
}

// absent: contradicted, supported (unreachable gap, feasible=no), inconclusive (a short possible stay).
TEST_F(Verify, AbsentClaimsWorkedByHand) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");

  // C4: car1 not at ADDR-A 10:00Z-11:00Z. It drives up from P0 (10:09Z still 100.13 m away, beyond
  // 60 m: outside) and parks at P1 (11.13 m, within 40 m: inside) from 10:10Z: contradicted by the
  // nearest ping inside, the earliest at P1 (line 113). Midpoint rule: outside 10:00-10:09:30
  // (570 s), inside 10:09:30-11:00 (3030 s). The 60 s steps at P1 leave a stay of 60 s between pings.
  // car1 could have been away from the interval's start to 10:10 - 1.443 s: 598.557 s.
  EXPECT_EQ(contracted(c["C4"]), (V{"C4", "contradicted", "", "3030", "570", "0", "", "11.13", "2024-10-26T10:10:00Z",
                                    "pings.csv:113"}));
  EXPECT_EQ(c["C4"]["basis"], "seen_there");
  EXPECT_EQ(added(c["C4"]), (V{"0", "60", "72.000", "598.557", "60", "120", ""}));
  const std::string& c4 = c["C4"]["explanation"];
  for (const char* part : {"Contradicted: at 2024-10-26 11:10:00 +01:00 car1 was at Address A (synthetic) (ADDR-A)",
                           "11 m from", "(pings.csv:113)", "50 m radius", "10 m margin"})
    EXPECT_TRUE(contains(c4, part)) << part << " | " << c4;

  // C5: car1 not at STN 13:25Z-13:40Z: outside 13:25-13:30 (300 s) and 13:36-13:40 (240 s), the
  // silence 13:30-13:36 (360 s) unreachable (13:39:13.293 > 13:23:59.817), and every 60 s step
  // between pings too (553.293 s and 720.183 s away): no possible stay anywhere: supported,
  // feasible no. Evidence: the closest approach (P4, 11125.88 m, earliest 13:25Z, line 299) and
  // the pings around the silence (lines 304, 305). car1 was last inside STN at 10:00Z: away
  // throughout, 900 s.
  EXPECT_EQ(contracted(c["C5"]), (V{"C5", "supported", "no", "0", "540", "360", "", "11125.88", "2024-10-26T13:25:00Z",
                                    "pings.csv:299;pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C5"]["basis"], "unreachable");
  EXPECT_EQ(added(c["C5"]), (V{"0", "", "72.000", "900", "60", "120", ""}));
  const std::string& c5 = c["C5"]["explanation"];
  for (const char* part : {"Supported: car1 was never seen at Station (synthetic) (STN)", "at 72 km/h",
                           "11.1 km at 2024-10-26 14:25:00 +01:00 (pings.csv:299)"})
    EXPECT_TRUE(contains(c5, part)) << part << " | " << c5;

  // C6: the same interval and silence, towards ADDR-B: reachable for 38.023 s, nothing inside:
  // inconclusive. The 60 s steps are unreachable (146.811 s, 175.166 s away): the silence is the
  // only stretch that leaves a stay. Closest approach P4, 2986.24 m, at 13:25Z. Evidence: the pings
  // around the silence. Never inside ADDR-B: away throughout, 900 s.
  EXPECT_EQ(contracted(c["C6"]), (V{"C6", "inconclusive", "yes", "0", "540", "360", "38.023", "2986.24",
                                    "2024-10-26T13:25:00Z", "pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C6"]["basis"], "could_have_been");
  EXPECT_EQ(added(c["C6"]), (V{"0", "", "72.000", "900", "60", "120", ""}));
  const std::string& c6 = c["C6"]["explanation"];
  for (const char* part :
       {"Inconclusive: ", "2024-10-26 14:30:00 +01:00 (pings.csv:304, 3.0 km from ",
        "2024-10-26 14:36:00 +01:00 (pings.csv:305, 3.6 km from ", "Address B (synthetic) (ADDR-B)",
        "at 72 km/h", "for up to 38 s, between 2024-10-26 14:32:26.811 +01:00 and 2024-10-26 14:33:04.834 +01:00",
        "--min-visit 0"})
    EXPECT_TRUE(contains(c6, part)) << part << " | " << c6;
}

// A drive-by: car1 passes SHOP (about 300 m east of its road, radius 50) between 10:00Z and 10:09Z
// without a ping inside, and the claim "car1 did not go to SHOP 11:00-11:09 local" (10:00Z-10:09Z)
// has no silence: every ping is outside, pings 60 s apart. But each 60 s step between pings has its
// prism. The best is 10:04Z-10:05Z (lines 107, 108): d1 = 303.703992 - 60 = 243.703992 m ->
// 12.185 s, d2 = 243.700781 m -> 12.185 s (floored to the ms); earliest arrival 10:04:12.185Z,
// latest departure 10:04:47.815Z: a stay of 35.630 s. The neighbouring steps leave less
// (10:03-10:04: 60 - 14.102 - 12.185 = 33.713 s; 10:05-10:06: 60 - 12.185 - 14.101 = 33.714 s); the
// steps before 10:00Z and after 10:09Z do not touch the interval. The runs of possible presence are
// separate (none reaches its step's ends). car1 is never inside SHOP: max_away_s 540.
//   --min-visit 0 (default) or 35s: 35.630 s >= the minimum: inconclusive, could_have_been, the
//     10:04-10:05 step quoted.
//   --min-visit 36s: no stretch leaves 36 s: supported; no unobserved time: seen_away_throughout.
TEST_F(Verify, DriveByNeedsMinVisit) {
  write("claims_shop.csv",
        "claim_id,vehicle_id,lat,lon,radius_m,start,end,assertion\n"
        "D1,car1,51.5046,-0.1157,50,2024-10-26 11:00,2024-10-26 11:09,absent\n");
  const std::string base = "verify --pings " + path("pings.csv") + " --claims " + path("claims_shop.csv") +
                           " --tz Europe/London --reach-speed-kmh 72 --position-margin 10 --quiet";
  ASSERT_EQ(run(base + " --out " + path("m0")), 0) << m_stderr;
  ASSERT_EQ(run(base + " --min-visit 35s --out " + path("m35")), 0) << m_stderr;
  ASSERT_EQ(run(base + " --min-visit 36s --out " + path("m36")), 0) << m_stderr;
  const auto only = [&](const std::string& out) {
    const auto rows = rows_of(read(path(out + "/claims.csv")));
    return rows.size() == 1 ? rows[0] : Row{};
  };
  const Row m0 = only("m0"), m35 = only("m35"), m36 = only("m36");

  // Nothing inside (outside 540 s), no unobserved time (feasible and max_possible_stay_s empty).
  EXPECT_EQ(contracted(m0), (V{"D1", "inconclusive", "", "0", "540", "0", "", "303.70", "2024-10-26T10:05:00Z",
                               "pings.csv:107;pings.csv:108"}));
  EXPECT_EQ(m0.at("basis"), "could_have_been");
  EXPECT_EQ(m0.at("place_id"), "");
  EXPECT_EQ(m0.at("place_lat") + "," + m0.at("place_lon") + "," + m0.at("radius_m"), "51.5046000,-0.1157000,50.00");
  EXPECT_EQ(added(m0), (V{"0", "35.63", "72.000", "540", "60", "120", ""}));
  const std::string& says = m0.at("explanation");
  for (const char* part : {"Inconclusive: ", "2024-10-26 11:04:00 +01:00 (pings.csv:107, 304 m from ",
                           "2024-10-26 11:05:00 +01:00 (pings.csv:108, 304 m from ", "at 72 km/h",
                           "could have been at ",
                           "for up to 35 s, between 2024-10-26 11:04:12.185 +01:00 and 2024-10-26 11:04:47.815 +01:00",
                           "--min-visit 0"})
    EXPECT_TRUE(contains(says, part)) << part << " | " << says;

  // 35 s is not more than the 35.630 s possible: the same verdict, and the sentence names the
  // parameter that kept the claim open.
  EXPECT_EQ(contracted(m35), contracted(m0));
  EXPECT_TRUE(contains(m35.at("explanation"), "for up to 35 s, between 2024-10-26 11:04:12.185 +01:00 and "
                                              "2024-10-26 11:04:47.815 +01:00, at least the 35 s --min-visit."))
      << m35.at("explanation");

  // 36 s is: supported. The closest approach is the evidence; the possible stay is still reported.
  EXPECT_EQ(contracted(m36), (V{"D1", "supported", "", "0", "540", "0", "", "303.70", "2024-10-26T10:05:00Z",
                                "pings.csv:108"}));
  EXPECT_EQ(m36.at("basis"), "seen_away_throughout");
  EXPECT_EQ(added(m36), (V{"0", "35.63", "72.000", "540", "60", "120", ""}));
  for (const char* part : {"Supported: car1 was never seen at ", "at 72 km/h", "36 s", "--min-visit",
                           "closest approach was 304 m at 2024-10-26 11:05:00 +01:00 (pings.csv:108)"})
    EXPECT_TRUE(contains(m36.at("explanation"), part)) << part << " | " << m36.at("explanation");

  // The manifest records the minimum and where it came from, and the verdict counts.
  for (const auto& [out, value, from] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"m0", "\"0s\"", "default"}, {"m35", "\"35s\"", "command line"}, {"m36", "\"36s\"", "command line"}}) {
    const std::string manifest = read(path(out + "/manifest.json"));
    const auto at = manifest.find("\"min-visit\": {");
    ASSERT_NE(at, std::string::npos) << out;
    const std::string parameter = manifest.substr(at, manifest.find('}', at) - at + 1);
    EXPECT_TRUE(contains(parameter, value)) << out << ": " << parameter;
    EXPECT_TRUE(contains(parameter, from)) << out << ": " << parameter;
  }
  EXPECT_TRUE(contains(read(path("m0/manifest.json")), "\"claims_inconclusive\": 1"));
  EXPECT_TRUE(contains(read(path("m36/manifest.json")), "\"claims_supported\": 1"));
}

// An officer's claim follows the roster: car1, then (assignment) car2 from 14:00Z, with the
// --roster-tolerance around the handover instant deciding nothing by itself.
TEST_F(Verify, OfficerThroughTwoVehicles) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");
  // O1: PC1 not at STN 13:30Z-14:30Z. car1 segment [13:30, 13:58): the silence 13:30-13:36 (360 s,
  // STN unreachable as in C5), then outside at P5 13:36-13:58 (1320 s). handover [13:58, 14:02)
  // (240 s, no_vehicle_s): car2's pings at STN in it (14:00:30Z, 14:01:30Z) keep the claim open but
  // do not contradict it; PC1's own prism, from car1's 13:57Z ping (line 326, 14463.68 m) to car2's
  // 14:02:30Z ping (line 352, inside), cannot reach STN (earliest arrival 14:09:00.183Z). car2
  // segment [14:02, 14:30]: inside at P6 (11.13 m) from 14:02 (the midpoint of 14:01:30-14:02:30)
  // (1680 s); its first ping, 14:02:30Z (line 352), is the nearest inside and the closest
  // approach: contradicted. feasible no (neither unobserved period can reach STN). Between pings:
  // car1's steps at P5 cannot reach STN; car2's 60 s steps at P6 leave 60 s. Possible absence:
  // throughout car1's segment and the handover (car1 could be away), then to 14:02:30 - 1.443 s:
  // 13:30-14:02:28.557, 1948.557 s.
  EXPECT_EQ(contracted(c["O1"]), (V{"O1", "contradicted", "no", "1680", "1320", "600", "", "11.13",
                                    "2024-10-26T14:02:30Z", "pings.csv:352"}));
  EXPECT_EQ(c["O1"]["basis"], "seen_there");
  EXPECT_EQ(c["O1"]["subject"], "officer");
  EXPECT_EQ(c["O1"]["subject_id"], "PC1");
  EXPECT_EQ(c["O1"]["vehicles"], "car1;car2");
  EXPECT_EQ(c["O1"]["no_vehicle_s"], "240");
  EXPECT_EQ(added(c["O1"]), (V{"0", "60", "72.000", "1948.557", "60", "120", ""}));
  const std::string& o1 = c["O1"]["explanation"];
  for (const char* part : {"Contradicted: at 2024-10-26 15:02:30 +01:00 PC1's vehicle car2 was at Station (synthetic) (STN)",
                           "11 m from", "(pings.csv:352)", "50 m radius", "10 m margin"})
    EXPECT_TRUE(contains(o1, part)) << part << " | " << o1;

  // Its periods: car1, the handover (both vehicles its candidates), car2.
  V kinds;
  Row handover;
  for (const Row& p : rows_of(read(path("out/claim_periods.csv")))) {
    if (p.at("claim_id") != "O1") continue;
    kinds.push_back(p.at("vehicle_id") + ":" + p.at("kind") + ":" + p.at("seconds"));
    if (p.at("kind") == "handover") handover = p;
  }
  EXPECT_EQ(kinds, (V{"car1:unobserved:360", "car1:outside:1320", "car1;car2:handover:240", "car2:inside:1680"}));
  ASSERT_FALSE(handover.empty());
  // Latest departure 14:02:30Z (car2's ping is inside: reach 0), clipped to the period's end.
  EXPECT_EQ((V{handover["start"], handover["end"], handover["from_row"], handover["from_m"], handover["to_row"],
               handover["to_m"], handover["reachable"], handover["earliest_arrival"], handover["latest_departure"],
               handover["max_possible_stay_s"], handover["reach_speed_kmh"]}),
            (V{"2024-10-26T13:58:00Z", "2024-10-26T14:02:00Z", "pings.csv:326", "14463.68", "pings.csv:352", "11.13",
               "no", "2024-10-26T14:09:00.183Z", "2024-10-26T14:02:00Z", "", "72.000"}));

  // --roster-tolerance 5 min: car1 [13:30, 13:55), handover [13:55, 14:05) (600 s), car2
  // [14:05, 14:30] inside (1500 s); outside 13:36-13:55 (1140 s; by the midpoint rule its end is
  // stood for by the 13:55Z ping, line 324, though that ping lies in the handover). The first decisive
  // ping of car2 is 14:05:30Z (line 355), which stands for the car2 segment from its start (the
  // midpoint of 14:04:30-14:05:30) to 14:30 with the 14:29:30Z ping (line 379). The handover's prism
  // is anchored on car1's last ping in its segment, 13:54Z (line 323), and arrives at 14:06:00.183Z,
  // too late. Possible absence 13:30-14:05:28.557, 2128.557 s.
  ASSERT_EQ(run(verify("r300") + " --roster-tolerance 300s"), 0) << m_stderr;
  auto r = claims("r300");
  EXPECT_EQ(contracted(r["O1"]), (V{"O1", "contradicted", "no", "1500", "1140", "960", "", "11.13",
                                    "2024-10-26T14:05:30Z", "pings.csv:355"}));
  EXPECT_EQ(r["O1"]["no_vehicle_s"], "600");
  EXPECT_EQ(added(r["O1"]), (V{"0", "60", "72.000", "2128.557", "60", "300", ""}));
  kinds.clear();
  for (const Row& p : rows_of(read(path("r300/claim_periods.csv"))))
    if (p.at("claim_id") == "O1")
      kinds.push_back(p.at("vehicle_id") + ":" + p.at("kind") + ":" + p.at("seconds") + ":" + p.at("from_row") + ":" +
                      p.at("to_row"));
  EXPECT_EQ(kinds, (V{"car1:unobserved:360:pings.csv:304:pings.csv:305", "car1:outside:1140:pings.csv:305:pings.csv:324",
                      "car1;car2:handover:600:pings.csv:323:pings.csv:355",
                      "car2:inside:1500:pings.csv:355:pings.csv:379"}));
  const std::string manifest = read(path("r300/manifest.json"));
  const auto at = manifest.find("\"roster-tolerance\": {");
  ASSERT_NE(at, std::string::npos) << manifest;
  const std::string parameter = manifest.substr(at, manifest.find('}', at) - at + 1);
  EXPECT_TRUE(contains(parameter, "\"300s\"")) << parameter;
  EXPECT_TRUE(contains(parameter, "command line")) << parameter;
}

// C8: 2024-10-27 00:30 to 02:30 local is 23:30Z to 02:30Z, three hours (the clock went back at
// 01:00Z), not the two of the wall clock.
TEST_F(Verify, ClaimAcrossTheAutumnClockChangeCountsElapsedTime) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");
  // car2 at P6 (11.13 m from STN: inside) every minute at :30 s, 180 pings in the interval
  // (23:30:30Z line 401 to 02:29:30Z line 580). Between two of them it could have been away for at
  // most 57.114 s; at the interval's ends only 28.557 s of such a run lies within it
  // (23:30:00-23:30:28.557, 02:29:31.443-02:30:00). Supported, seen_there_throughout; the longest
  // run, the earliest of the equal ones, lies between lines 401 and 402 (23:30:31.443-23:31:28.557).
  // Evidence: the first and last inside pings (401, 580) and those around it (401, 402). Midpoint
  // rule: the start 23:30:00Z is the midpoint of 23:29:30-23:30:30 and the end 02:30:00Z that of
  // 02:29:30-02:30:30: inside throughout, 10800 s.
  EXPECT_EQ(contracted(c["C8"]), (V{"C8", "supported", "", "10800", "0", "0", "", "11.13", "2024-10-26T23:30:30Z",
                                    "pings.csv:401;pings.csv:402;pings.csv:580"}));
  EXPECT_EQ(c["C8"]["basis"], "seen_there_throughout");
  EXPECT_EQ(c["C8"]["start"], "2024-10-26T23:30:00Z");
  EXPECT_EQ(c["C8"]["end"], "2024-10-27T02:30:00Z");
  EXPECT_EQ(c["C8"]["start_local"], "2024-10-27T00:30:00+01:00");
  EXPECT_EQ(c["C8"]["end_local"], "2024-10-27T02:30:00+00:00");
  EXPECT_EQ(c["C8"]["nearest_at_local"], "2024-10-27T00:30:30+01:00");
  EXPECT_EQ(c["C8"]["note"], "over the clock change");
  EXPECT_EQ(c["C8"]["source"], "claims.csv:14");
  // 60 s steps at P6 (d = 0): a stay of 60 s between pings.
  EXPECT_EQ(added(c["C8"]), (V{"0", "60", "72.000", "57.114", "60", "120", ""}));
  const std::string& c8 = c["C8"]["explanation"];
  for (const char* part : {"Supported: car2 was seen at Station (synthetic) (STN) 180 times from 2024-10-27 00:30:30 "
                           "+01:00 to 2024-10-27 02:29:30 +00:00 (pings.csv:401 to pings.csv:580)",
                           "at 72 km/h it could have been away for at most 57 s",
                           "between its pings at 2024-10-27 00:30:30 +01:00", "pings.csv:401,",
                           "and at 2024-10-27 00:31:30 +01:00", "pings.csv:402,",
                           "within the 1 min --presence-tolerance."})
    EXPECT_TRUE(contains(c8, part)) << part << " | " << c8;
}

TEST_F(Verify, BadClaimRowsAreRejectedAndTheOthersJudged) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  const auto rejected = rows_of(read(path("out/rejected.csv")));
  V got;
  for (const Row& r : rejected)
    got.push_back(r.at("file") + "|" + r.at("line") + "|" + r.at("field") + "|" + r.at("reason"));
  EXPECT_EQ(got, (V{"claims.csv|4|vehicle_id,officer_id|conflicting_fields", "claims.csv|7|place_id|unknown_place",
                    "claims.csv|10|assertion|unparseable_field", "claims.csv|13|end|end_before_start",
                    "claims.csv|15|claim_id|conflicting_row"}));
  ASSERT_EQ(rejected.size(), 5U);
  EXPECT_TRUE(contains(rejected[1].at("detail"), "NOWHERE")) << rejected[1].at("detail");
  EXPECT_TRUE(contains(rejected[2].at("detail"), "maybe")) << rejected[2].at("detail");
  EXPECT_TRUE(contains(rejected[4].at("detail"), "line 2")) << rejected[4].at("detail");

  // Every good row is judged, in the table's order; the repeated C1 (line 15) did not replace line 2.
  V ids, sources;
  for (const Row& r : rows_of(read(path("out/claims.csv")))) {
    ids.push_back(r.at("claim_id"));
    sources.push_back(r.at("source"));
  }
  EXPECT_EQ(ids, (V{"C1", "C2", "C3", "C4", "C5", "C6", "C7", "O1", "C8", "C9"}));
  EXPECT_EQ(sources, (V{"claims.csv:2", "claims.csv:3", "claims.csv:5", "claims.csv:6", "claims.csv:8", "claims.csv:9",
                        "claims.csv:11", "claims.csv:12", "claims.csv:14", "claims.csv:16"}));
}

TEST_F(Verify, ClaimPeriodsOfOneClaim) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  const std::string periods = read(path("out/claim_periods.csv"));
  EXPECT_EQ(periods.substr(0, periods.find('\n')),
            "claim_id,vehicle_id,kind,start,end,start_local,end_local,seconds,from_row,from_m,to_row,to_m,reachable,"
            "earliest_arrival,latest_departure,max_possible_stay_s,reach_speed_kmh");
  // C6 (car1 not at ADDR-B 13:25Z-13:40Z): outside, the silence, outside. The outside periods are
  // stood for by their first and last pings; the silence by the pings around it, with its prism and
  // the speed bound used (car1's own fastest is below 72 km/h).
  V c6;
  for (const auto& cells : csv_cells(periods)) {
    if (cells.at(0) != "C6") continue;
    std::string line;
    for (const auto& cell : cells) line += (line.empty() ? "" : ",") + cell;
    c6.push_back(line);
  }
  EXPECT_EQ(c6, (V{
                    "C6,car1,outside,2024-10-26T13:25:00Z,2024-10-26T13:30:00Z,2024-10-26T14:25:00+01:00,"
                    "2024-10-26T14:30:00+01:00,300,pings.csv:299,2986.24,pings.csv:304,2986.24,,,,,",
                    "C6,car1,unobserved,2024-10-26T13:30:00Z,2024-10-26T13:36:00Z,2024-10-26T14:30:00+01:00,"
                    "2024-10-26T14:36:00+01:00,360,pings.csv:304,2986.24,pings.csv:305,3553.34,yes,"
                    "2024-10-26T13:32:26.811Z,2024-10-26T13:33:04.834Z,38.023,72.000",
                    "C6,car1,outside,2024-10-26T13:36:00Z,2024-10-26T13:40:00Z,2024-10-26T14:36:00+01:00,"
                    "2024-10-26T14:40:00+01:00,240,pings.csv:305,3553.34,pings.csv:309,3553.34,,,,,",
                }));
  // C5's silence towards STN is unreachable: the earliest arrival is after the latest departure,
  // both shown, and no stay.
  V c5;
  for (const Row& p : rows_of(periods))
    if (p.at("claim_id") == "C5" && p.at("kind") == "unobserved")
      c5 = {p.at("from_m"), p.at("to_m"), p.at("reachable"), p.at("earliest_arrival"), p.at("latest_departure"),
            p.at("max_possible_stay_s"), p.at("reach_speed_kmh")};
  EXPECT_EQ(c5, (V{"11125.88", "14463.68", "no", "2024-10-26T13:39:13.293Z", "2024-10-26T13:23:59.817Z", "", "72.000"}));
  // C1's bridged silence: labelled bridged (the dwell rule's inference), the pings around it, and,
  // being unobserved, its open prism (both pings inside: reachable throughout, a stay of 1200 s).
  V c1;
  for (const Row& p : rows_of(periods))
    if (p.at("claim_id") == "C1")
      c1.push_back(p.at("kind") + ":" + p.at("seconds") + ":" + p.at("from_row") + ":" + p.at("to_row") + ":" +
                   p.at("reachable") + ":" + p.at("max_possible_stay_s"));
  EXPECT_EQ(c1, (V{"inside:1800:pings.csv:12:pings.csv:42::", "bridged:1200:pings.csv:42:pings.csv:43:yes:1200",
                   "inside:3000:pings.csv:43:pings.csv:93::"}));
}

TEST_F(Verify, AnalyseWithClaimsWritesTheSameClaimTables) {
  ASSERT_EQ(run(verify("v")), 0) << m_stderr;
  ASSERT_EQ(run(analyse("a")), 0) << m_stderr;
  EXPECT_EQ(read(path("a/claims.csv")), read(path("v/claims.csv")));
  EXPECT_EQ(read(path("a/claim_periods.csv")), read(path("v/claim_periods.csv")));
  EXPECT_FALSE(read(path("v/claims.csv")).empty());
}

TEST_F(Verify, ManifestRecordsTheClaimsInputAndParameters) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  const std::string manifest = read(path("out/manifest.json"));
  // The claims table: 15 rows read, 5 of them rejected (lines 4, 7, 10, 13, 15), 10 accepted.
  const auto role = manifest.find("\"role\": \"claims\"");
  ASSERT_NE(role, std::string::npos) << manifest;
  const std::string claims_input = manifest.substr(role, 160);
  EXPECT_TRUE(contains(claims_input, "\"rows_accepted\": 10")) << claims_input;
  EXPECT_TRUE(contains(claims_input, "\"rows_read\": 15")) << claims_input;
  EXPECT_TRUE(contains(claims_input, "\"rows_rejected\": 5")) << claims_input;
  // The reach speed and margin were given on the command line.
  const auto parameter = [&](const std::string& name) {
    const auto at = manifest.find("\"" + name + "\": {");
    if (at == std::string::npos) return std::string("<absent>");
    return manifest.substr(at, manifest.find('}', at) - at + 1);
  };
  EXPECT_TRUE(contains(parameter("reach-speed-kmh"), "\"72.000\"")) << parameter("reach-speed-kmh");
  EXPECT_TRUE(contains(parameter("reach-speed-kmh"), "command line")) << parameter("reach-speed-kmh");
  EXPECT_TRUE(contains(parameter("position-margin"), "\"10.000\"")) << parameter("position-margin");
  EXPECT_TRUE(contains(parameter("position-margin"), "command line")) << parameter("position-margin");
  // --min-visit, --presence-tolerance and --roster-tolerance were not: their defaults, 0, 60 s and
  // 2 min.
  EXPECT_TRUE(contains(parameter("min-visit"), "\"0s\"")) << parameter("min-visit");
  EXPECT_TRUE(contains(parameter("min-visit"), "default")) << parameter("min-visit");
  EXPECT_TRUE(contains(parameter("presence-tolerance"), "\"60s\"")) << parameter("presence-tolerance");
  EXPECT_TRUE(contains(parameter("presence-tolerance"), "default")) << parameter("presence-tolerance");
  EXPECT_TRUE(contains(parameter("roster-tolerance"), "\"120s\"")) << parameter("roster-tolerance");
  EXPECT_TRUE(contains(parameter("roster-tolerance"), "default")) << parameter("roster-tolerance");
  // By verdict: supported C5 C8 C9; contradicted C2 C4 C7 O1; inconclusive C1 C3 C6.
  EXPECT_TRUE(contains(manifest, "\"claims_supported\": 3")) << manifest;
  EXPECT_TRUE(contains(manifest, "\"claims_contradicted\": 4")) << manifest;
  EXPECT_TRUE(contains(manifest, "\"claims_inconclusive\": 3")) << manifest;
}

TEST_F(Verify, OutputsAreByteIdenticalAcrossThreads) {
  ASSERT_EQ(run(verify("t1") + " --threads 1"), 0) << m_stderr;
  ASSERT_EQ(run(verify("t2") + " --threads 2", "TZ=America/New_York LC_ALL=C.UTF-8"), 0) << m_stderr;
  for (const char* t : {"claims.csv", "claim_periods.csv", "dwells.csv", "gaps.csv", "rejected.csv", "warnings.csv"}) {
    EXPECT_FALSE(read(path(std::string("t1/") + t)).empty()) << t;
    EXPECT_EQ(read(path(std::string("t1/") + t)), read(path(std::string("t2/") + t))) << t;
  }
}

}  // namespace
