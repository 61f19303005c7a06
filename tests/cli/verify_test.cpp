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
// Run flags: --tz Europe/London --reach-speed-kmh 72 (v = 20 m/s exactly) --position-margin 10,
// --gap default 5 min, --min-visit default 0. Places (radius_m given): STN 51.50,-0.12 r 50; ADDR-A
// 51.51,-0.12 r 50; ADDR-B 51.61,-0.08 r 40. A ping is inside STN/ADDR-A within 50 m, uncertain at
// 50-60 m, outside beyond 60 m (ADDR-B: 40 m, 40-50 m, beyond 50 m). No ping of this case lies in an
// uncertain band (the nearest miss is car1 at 10:09Z, 100.13 m from ADDR-A), so uncertain_s is 0
// throughout. 2024-10-26 is BST (local = UTC + 1 h); Europe/London goes back to GMT at 2024-10-27
// 01:00Z.
//
// The speed bound is raised per vehicle to the fastest it was seen to move (local-frame distance
// + 1%): car1's fastest step is the silence 13:30-13:36, 0.03 deg of latitude (about 3.34 km) in
// 360 s, about 9.4 m/s; 11:30-12:00 it drives 0.00283 deg (about 315 m) a minute, 5.3 m/s; car2
// never moves. Both stay below 20 m/s: v is 20 m/s (reach_speed_kmh 72.000) for every claim.
//
// pings.csv (`vehicle_id,timestamp,lat,lon`, every 60 s, all on the meridian 0.12 W), line numbers:
//   car1 08:00Z-08:40Z at P0 (lines 2-42); silence 08:40-09:00 (20 min, car1 did not move: the dwell
//        08:00-10:00 bridges it); 09:00-10:00 at P0 (lines 43-103);
//        10:01-10:09 north at 0.001 deg/min (lines 104-112); 10:10-11:20 at P1 (lines 113-183);
//        silence 11:20-11:30; 11:30 at P2 (line 184); 11:31-11:59 north to P4 (lines 185-213);
//        12:00-13:30 at P4 (lines 214-304); silence 13:30-13:36 (6 min); 13:36-14:00 at P5 (305-329).
//   car2 13:40:30Z-14:40:30Z at P6 (lines 330-390); 2024-10-26 23:20:30Z to 2024-10-27 02:40:30Z
//        at P6 (lines 391-591).
// shifts.csv: PC1 09:00-21:00 local (08:00Z-20:00Z) in car1; assignments.csv: PC1 in car2 15:00-17:00
// local (14:00Z-16:00Z). The handover instant 14:00Z belongs to car2: car1's 14:00Z ping (line 329)
// does not count for PC1.
//
// The prisms (travel times d/v floored to the ms, d = distance - radius - margin, never below 0):
//   silence 13:30-13:36 towards ADDR-B: d1 = 2986.236563 - 50 = 2936.236563 m -> 146.811 s;
//     d2 = 3553.336240 - 50 = 3503.336240 m -> 175.166 s; earliest arrival 13:32:26.811Z, latest
//     departure 13:33:04.834Z; longest stay 360 - 146.811 - 175.166 = 38.023 s.
//   same silence towards STN: d1 = 11065.878726 m -> 553.293 s, d2 = 14403.679523 m -> 720.183 s;
//     earliest arrival 13:39:13.293Z after latest departure 13:23:59.817Z: unreachable.
//   silence 11:20-11:30 towards ADDR-A: d1 = 0 (11.13 m is within 50 + 10 m); d2 = 507.416173 m ->
//     25.370 s, latest departure 11:29:34.630Z.
// The prisms of the 60 s steps between pings (every stretch that touches an interval has one):
//   both pings parked inside (11.13 m, d = 0): reachable for the whole step, a possible stay of
//     60 s (30 s for car2's step 13:59:30-14:00:30 clipped to O1's car2 part from 14:00Z).
//   at P0 towards ADDR-A (d = 1041.453507 m -> 52.072 s each side), at P4/P5 towards ADDR-B
//     (146.811 s, 175.166 s) or STN (553.293 s, 720.183 s): unreachable within 60 s, no stay.
#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

#include "cli/cli_fixture.hpp"

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
// interleaved with good ones: lines 4, 7, 10, 13 and 15.
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
    "C1,car2,,STN,2024-10-26 15:00,2024-10-26 15:10,present,\n";                     // 15: repeated id

// Cells of a CSV whose quoted fields hold no line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.emplace_back();
      } else {
        cells.back() += c;
      }
    }
    rows.push_back(cells);
  }
  return rows;
}

using Row = std::map<std::string, std::string>;

// Every data row as column -> value, in file order.
std::vector<Row> rows_of(const std::string& csv) {
  const auto cells = parse_csv(csv);
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

// The columns added with the three-valued ping status and the prism between pings, for one row.
V added(const Row& r) {
  V out;
  for (const char* c : {"uncertain_s", "max_stay_between_pings_s", "reach_speed_kmh"})
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
           " --tz Europe/London --reach-speed-kmh 72 --position-margin 10 --quiet";
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
  EXPECT_EQ(at(93), "car1,2024-10-26T09:50:00Z,51.5001000,-0.1200000");
  EXPECT_EQ(at(112), "car1,2024-10-26T10:09:00Z,51.5091000,-0.1200000");
  EXPECT_EQ(at(113), "car1,2024-10-26T10:10:00Z,51.5101000,-0.1200000");
  EXPECT_EQ(at(183), "car1,2024-10-26T11:20:00Z,51.5101000,-0.1200000");
  EXPECT_EQ(at(184), "car1,2024-10-26T11:30:00Z,51.5151000,-0.1200000");
  EXPECT_EQ(at(214), "car1,2024-10-26T12:00:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(299), "car1,2024-10-26T13:25:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(304), "car1,2024-10-26T13:30:00Z,51.6000000,-0.1200000");
  EXPECT_EQ(at(305), "car1,2024-10-26T13:36:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(309), "car1,2024-10-26T13:40:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(329), "car1,2024-10-26T14:00:00Z,51.6300000,-0.1200000");
  EXPECT_EQ(at(350), "car2,2024-10-26T14:00:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(401), "car2,2024-10-26T23:30:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(580), "car2,2024-10-27T02:29:30Z,51.4999000,-0.1200000");
  EXPECT_EQ(at(591), "car2,2024-10-27T02:40:30Z,51.4999000,-0.1200000");
}

// present: supported, contradicted (seen_away, could_not_hold), inconclusive.
TEST_F(Verify, PresentClaimsWorkedByHand) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");

  // C1: car1 at STN 08:10Z-09:50Z. Pings at P0 (11.13 m, inside: within 50 m) except the silence
  // 08:40-09:00, which the dwell 08:00-10:00 bridges: inside 6000 s, of which 1200 bridged. Every
  // 60 s step between pings has d = 0 on both sides: the vehicle could hold the place throughout
  // (no could_not_hold), and a stay of 60 s was possible in each (max_stay_between_pings_s 60).
  // Evidence: the pings that stand for the start (08:10, line 12) and end (09:50, line 93), and
  // those around the bridged silence (lines 42, 43). Closest approach: every ping is 11.125783 m:
  // the earliest.
  EXPECT_EQ(contracted(c["C1"]), (V{"C1", "supported", "", "6000", "0", "0", "", "11.13", "2024-10-26T08:10:00Z",
                                    "pings.csv:12;pings.csv:42;pings.csv:43;pings.csv:93"}));
  EXPECT_EQ(c["C1"]["basis"], "seen_there_throughout");
  EXPECT_EQ(c["C1"]["bridged_s"], "1200");
  EXPECT_EQ(added(c["C1"]), (V{"0", "60", "72.000"}));
  EXPECT_TRUE(contains(c["C1"]["explanation"], "Supported: "));
  EXPECT_TRUE(contains(c["C1"]["explanation"],
                       "2024-10-26 09:10:00 +01:00 to 2024-10-26 10:50:00 +01:00 (pings pings.csv:12 to pings.csv:93)"))
      << c["C1"]["explanation"];
  EXPECT_TRUE(contains(c["C1"]["explanation"], "2024-10-26 09:40:00 +01:00")) << c["C1"]["explanation"];
  EXPECT_TRUE(contains(c["C1"]["explanation"], "bridged")) << c["C1"]["explanation"];

  // C2: car1 at ADDR-A 08:20Z-08:30Z, but parked at P0, 1101.45 m away (beyond 50 + 10 m: surely
  // outside), all along: contradicted by the farthest ping in the interval, all equally far: the
  // earliest, 08:20Z (line 22). Between pings ADDR-A is 52.072 s away on each side of a 60 s step:
  // unreachable, no stay between pings.
  EXPECT_EQ(contracted(c["C2"]), (V{"C2", "contradicted", "", "0", "600", "0", "", "1101.45", "2024-10-26T08:20:00Z",
                                    "pings.csv:22"}));
  EXPECT_EQ(c["C2"]["basis"], "seen_away");
  EXPECT_EQ(c["C2"]["assertion"], "present");  // written "Present": case-insensitive
  EXPECT_EQ(added(c["C2"]), (V{"0", "", "72.000"}));
  EXPECT_TRUE(contains(c["C2"]["explanation"], "Contradicted: at 2024-10-26 09:20:00 +01:00 car1 was 1.1 km"))
      << c["C2"]["explanation"];
  EXPECT_TRUE(contains(c["C2"]["explanation"], "(pings.csv:22), beyond its 50 m radius and the ping's 10 m margin"))
      << c["C2"]["explanation"];

  // C3: car1 at ADDR-A 11:15Z-11:25Z. Inside 11:15-11:20 (300 s; the 60 s steps there have d = 0:
  // a stay of 60 s between pings); then the silence to 11:30, the ping after it 567 m away
  // (outside): unobserved 11:20-11:25 (300 s). Prism: earliest arrival 11:20 (d1 = 0), latest
  // departure min(11:25, 11:29:34.630) = 11:25: it could hold the place the whole period, so not
  // contradicted; inconclusive, longest stay 300 s. Evidence: the pings around the silence (lines
  // 183, 184). Closest approach 11.125803 m, earliest: 11:15Z.
  EXPECT_EQ(contracted(c["C3"]), (V{"C3", "inconclusive", "yes", "300", "0", "300", "300", "11.13",
                                    "2024-10-26T11:15:00Z", "pings.csv:183;pings.csv:184"}));
  EXPECT_EQ(c["C3"]["basis"], "could_have_been");
  EXPECT_EQ(added(c["C3"]), (V{"0", "60", "72.000"}));
  EXPECT_TRUE(contains(c["C3"]["explanation"], "Inconclusive: ")) << c["C3"]["explanation"];
  EXPECT_TRUE(contains(c["C3"]["explanation"], "2024-10-26 12:20:00 +01:00 (pings.csv:183, 11 m from ADDR-A)"))
      << c["C3"]["explanation"];
  EXPECT_TRUE(contains(c["C3"]["explanation"], "2024-10-26 12:30:00 +01:00 (pings.csv:184, 567 m from ADDR-A)"))
      << c["C3"]["explanation"];
  EXPECT_TRUE(contains(c["C3"]["explanation"],
                       "at 72 km/h car1 could have been at ADDR-A throughout 2024-10-26 12:20:00 +01:00 to "
                       "2024-10-26 12:25:00 +01:00."))
      << c["C3"]["explanation"];

  // C7: car1 at ADDR-B 13:31Z-13:35Z, wholly inside the silence 13:30-13:36. The earliest arrival
  // 13:32:26.811Z is after the period's start: it could not have been there throughout; contradicted
  // (could_not_hold). The place was reachable, for 13:32:26.811-13:33:04.834 = 38.023 s. No ping in
  // the interval: no closest approach; no step between pings touches it (no stay between pings).
  EXPECT_EQ(contracted(c["C7"]), (V{"C7", "contradicted", "yes", "0", "0", "240", "38.023", "", "",
                                    "pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C7"]["basis"], "could_not_hold");
  EXPECT_EQ(added(c["C7"]), (V{"0", "", "72.000"}));
  EXPECT_TRUE(contains(c["C7"]["explanation"], "Contradicted: ")) << c["C7"]["explanation"];
  EXPECT_TRUE(contains(c["C7"]["explanation"], "2024-10-26 14:30:00 +01:00 (pings.csv:304, 3.0 km from ADDR-B)"))
      << c["C7"]["explanation"];
  EXPECT_TRUE(contains(c["C7"]["explanation"],
                       "at 72 km/h car1 could not have been at ADDR-B before 2024-10-26 14:32:26.811 +01:00, but the "
                       "claim has it there from 2024-10-26 14:31:00 +01:00."))
      << c["C7"]["explanation"];
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
  // The same figures as with --tz; the default reach speed and margin (130 km/h, 10 m) do not
  // matter here: there is no silence, and 1101.45 m is far outside 50 + 10 m.
  EXPECT_EQ(contracted(rows[0]), (V{"C2", "contradicted", "", "0", "600", "0", "", "1101.45", "2024-10-26T08:20:00Z",
                                    "pings.csv:22"}));
  EXPECT_TRUE(contains(rows[0].at("explanation"), "at 2024-10-26 08:20:00 UTC car1 was 1.1 km"))
      << rows[0].at("explanation");
  EXPECT_EQ(rows[0].at("start_local"), "2024-10-26T08:20:00Z");
}

// absent: contradicted, supported (unreachable gap, feasible=no), inconclusive (a short possible stay).
TEST_F(Verify, AbsentClaimsWorkedByHand) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");

  // C4: car1 not at ADDR-A 10:00Z-11:00Z. It drives up from P0 (10:09Z still 100.13 m away, beyond
  // 60 m: outside) and parks at P1 (11.13 m, inside) from 10:10Z: contradicted by the nearest ping
  // inside, the earliest at P1 (line 113). Midpoint rule: outside 10:00-10:09:30 (570 s), inside
  // 10:09:30-11:00 (3030 s). The 60 s steps at P1 leave a stay of 60 s between pings.
  EXPECT_EQ(contracted(c["C4"]), (V{"C4", "contradicted", "", "3030", "570", "0", "", "11.13", "2024-10-26T10:10:00Z",
                                    "pings.csv:113"}));
  EXPECT_EQ(c["C4"]["basis"], "seen_there");
  EXPECT_EQ(added(c["C4"]), (V{"0", "60", "72.000"}));
  EXPECT_EQ(c["C4"]["explanation"],
            "Contradicted: at 2024-10-26 11:10:00 +01:00 car1 was at ADDR-A, 11 m from its point, within its 50 m "
            "radius (pings.csv:113).");

  // C5: car1 not at STN 13:25Z-13:40Z: outside 13:25-13:30 (300 s) and 13:36-13:40 (240 s), the
  // silence 13:30-13:36 (360 s) unreachable (13:39:13.293 > 13:23:59.817), and every 60 s step
  // between pings too (553.293 s and 720.183 s away): no possible stay anywhere: supported,
  // feasible no. Evidence: the closest approach (P4, 11125.88 m, earliest 13:25Z, line 299) and
  // the pings around the silence (lines 304, 305).
  EXPECT_EQ(contracted(c["C5"]), (V{"C5", "supported", "no", "0", "540", "360", "", "11125.88", "2024-10-26T13:25:00Z",
                                    "pings.csv:299;pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C5"]["basis"], "unreachable");
  EXPECT_EQ(added(c["C5"]), (V{"0", "", "72.000"}));
  EXPECT_EQ(c["C5"]["explanation"],
            "Supported: car1 was never seen at STN, and at 72 km/h had no time to reach it between pings or in any "
            "silence; its closest approach was 11.1 km at 2024-10-26 14:25:00 +01:00 (pings.csv:299).");

  // C6: the same interval and silence, towards ADDR-B: reachable for 38.023 s, nothing inside:
  // inconclusive. The 60 s steps are unreachable (146.811 s, 175.166 s away): the silence is the
  // only stretch that leaves a stay. Closest approach P4, 2986.24 m, at 13:25Z. Evidence: the pings
  // around the silence.
  EXPECT_EQ(contracted(c["C6"]), (V{"C6", "inconclusive", "yes", "0", "540", "360", "38.023", "2986.24",
                                    "2024-10-26T13:25:00Z", "pings.csv:304;pings.csv:305"}));
  EXPECT_EQ(c["C6"]["basis"], "could_have_been");
  EXPECT_EQ(added(c["C6"]), (V{"0", "", "72.000"}));
  EXPECT_EQ(c["C6"]["explanation"],
            "Inconclusive: there is no ping of car1 from 2024-10-26 14:30:00 +01:00 (pings.csv:304, 3.0 km from "
            "ADDR-B) to 2024-10-26 14:36:00 +01:00 (pings.csv:305, 3.6 km from ADDR-B); at 72 km/h car1 could have "
            "been at ADDR-B for up to 38 s, between 2024-10-26 14:32:26.811 +01:00 and 2024-10-26 14:33:04.834 "
            "+01:00.");
}

// A drive-by: car1 passes SHOP (about 300 m east of its road, radius 50) between 10:00Z and 10:09Z
// without a ping inside, and the claim "car1 did not go to SHOP 11:00-11:09 local" (10:00Z-10:09Z)
// has no silence: every ping is outside, pings 60 s apart. But each 60 s step between pings has its
// prism. The best is 10:04Z-10:05Z (lines 107, 108): d1 = 303.703992 - 60 = 243.703992 m ->
// 12.185 s, d2 = 243.700781 m -> 12.185 s (floored to the ms); earliest arrival 10:04:12.185Z,
// latest departure 10:04:47.815Z: a stay of 35.630 s. The neighbouring steps leave less
// (10:03-10:04: 60 - 14.102 - 12.185 = 33.713 s; 10:05-10:06: 60 - 12.185 - 14.101 = 33.714 s); the
// steps before 10:00Z and after 10:09Z do not touch the interval. Closest approach: 10:05Z,
// 303.700781 m (3 mm nearer than 10:04Z).
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
  EXPECT_EQ(added(m0), (V{"0", "35.63", "72.000"}));
  const std::string& says = m0.at("explanation");
  EXPECT_TRUE(contains(says, "Inconclusive: car1 was seen at 2024-10-26 11:04:00 +01:00 (pings.csv:107, 304 m from "
                             "the claimed place (51.5046000, -0.1157000, radius 50 m))"))
      << says;
  EXPECT_TRUE(contains(says, "and at 2024-10-26 11:05:00 +01:00 (pings.csv:108, 304 m")) << says;
  EXPECT_TRUE(contains(says, "at 72 km/h it could have been at the claimed place")) << says;
  EXPECT_TRUE(contains(says, "in between for up to 35 s, between 2024-10-26 11:04:12.185 +01:00 and "
                             "2024-10-26 11:04:47.815 +01:00."))
      << says;

  // 35 s is not more than the 35.630 s possible: the same verdict and sentence.
  EXPECT_EQ(contracted(m35), contracted(m0));
  EXPECT_EQ(m35.at("explanation"), m0.at("explanation"));

  // 36 s is: supported. The closest approach is the evidence; the possible stay is still reported.
  EXPECT_EQ(contracted(m36), (V{"D1", "supported", "", "0", "540", "0", "", "303.70", "2024-10-26T10:05:00Z",
                                "pings.csv:108"}));
  EXPECT_EQ(m36.at("basis"), "seen_away_throughout");
  EXPECT_EQ(added(m36), (V{"0", "35.63", "72.000"}));
  EXPECT_TRUE(contains(m36.at("explanation"), "Supported: car1 was never seen at the claimed place")) << m36.at("explanation");
  EXPECT_TRUE(contains(m36.at("explanation"), "its closest approach was 304 m at 2024-10-26 11:05:00 +01:00 "
                                              "(pings.csv:108)."))
      << m36.at("explanation");

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

// An officer's claim follows the roster: car1 until 14:00Z, car2 (assignment) from 14:00Z.
TEST_F(Verify, OfficerThroughTwoVehicles) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");
  // O1: PC1 not at STN 13:30Z-14:30Z. car1 part [13:30, 14:00) (the handover instant 14:00Z is
  // car2's: car1's 14:00Z ping, line 329, does not count): the silence 13:30-13:36 (360 s, STN
  // unreachable as in C5), then outside at P5 13:36-14:00 (1440 s). car2 part [14:00, 14:30]:
  // inside at P6 (11.13 m) throughout (1800 s); its first ping in the part, 14:00:30Z (line 350), is
  // the nearest inside and the closest approach: contradicted. feasible no (the one silence is
  // unreachable). Between pings: car1's steps at P5 cannot reach STN; car2's 60 s steps at P6 leave
  // 60 s.
  EXPECT_EQ(contracted(c["O1"]), (V{"O1", "contradicted", "no", "1800", "1440", "360", "", "11.13",
                                    "2024-10-26T14:00:30Z", "pings.csv:350"}));
  EXPECT_EQ(c["O1"]["basis"], "seen_there");
  EXPECT_EQ(c["O1"]["subject"], "officer");
  EXPECT_EQ(c["O1"]["subject_id"], "PC1");
  EXPECT_EQ(c["O1"]["vehicles"], "car1;car2");
  EXPECT_EQ(c["O1"]["no_vehicle_s"], "0");
  EXPECT_EQ(added(c["O1"]), (V{"0", "60", "72.000"}));
  EXPECT_EQ(c["O1"]["explanation"],
            "Contradicted: at 2024-10-26 15:00:30 +01:00 PC1's vehicle car2 was at STN, 11 m from its point, within "
            "its 50 m radius (pings.csv:350).");

  // Its periods: one vehicle after the other.
  V kinds;
  for (const Row& p : rows_of(read(path("out/claim_periods.csv"))))
    if (p.at("claim_id") == "O1") kinds.push_back(p.at("vehicle_id") + ":" + p.at("kind") + ":" + p.at("seconds"));
  EXPECT_EQ(kinds, (V{"car1:unobserved:360", "car1:outside:1440", "car2:inside:1800"}));
}

// C8: 2024-10-27 00:30 to 02:30 local is 23:30Z to 02:30Z, three hours (the clock went back at
// 01:00Z), not the two of the wall clock.
TEST_F(Verify, ClaimAcrossTheAutumnClockChangeCountsElapsedTime) {
  ASSERT_EQ(run(verify("out")), 0) << m_stderr;
  auto c = claims("out");
  // car2 at P6 (11.13 m from STN) every minute at :30 s. The start 23:30:00Z is the midpoint of
  // 23:29:30-23:30:30: the 23:30:30Z ping (line 401) stands for it; the end 02:30:00Z is the
  // midpoint of 02:29:30-02:30:30: the 02:29:30Z ping (line 580) stands for it.
  EXPECT_EQ(contracted(c["C8"]), (V{"C8", "supported", "", "10800", "0", "0", "", "11.13", "2024-10-26T23:30:30Z",
                                    "pings.csv:401;pings.csv:580"}));
  EXPECT_EQ(c["C8"]["start"], "2024-10-26T23:30:00Z");
  EXPECT_EQ(c["C8"]["end"], "2024-10-27T02:30:00Z");
  EXPECT_EQ(c["C8"]["start_local"], "2024-10-27T00:30:00+01:00");
  EXPECT_EQ(c["C8"]["end_local"], "2024-10-27T02:30:00+00:00");
  EXPECT_EQ(c["C8"]["nearest_at_local"], "2024-10-27T00:30:30+01:00");
  EXPECT_EQ(c["C8"]["note"], "over the clock change");
  EXPECT_EQ(c["C8"]["source"], "claims.csv:14");
  // 60 s steps at P6 (d = 0): a stay of 60 s between pings (30 s in the clipped first step).
  EXPECT_EQ(added(c["C8"]), (V{"0", "60", "72.000"}));
  EXPECT_TRUE(contains(c["C8"]["explanation"], "2024-10-27 00:30:00 +01:00 to 2024-10-27 02:30:00 +00:00"))
      << c["C8"]["explanation"];
  EXPECT_TRUE(contains(c["C8"]["explanation"], "pings.csv:401")) << c["C8"]["explanation"];
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
  EXPECT_EQ(ids, (V{"C1", "C2", "C3", "C4", "C5", "C6", "C7", "O1", "C8"}));
  EXPECT_EQ(sources, (V{"claims.csv:2", "claims.csv:3", "claims.csv:5", "claims.csv:6", "claims.csv:8", "claims.csv:9",
                        "claims.csv:11", "claims.csv:12", "claims.csv:14"}));
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
  for (const auto& cells : parse_csv(periods)) {
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
  // C1's bridged silence: the pings around it.
  V c1;
  for (const Row& p : rows_of(periods))
    if (p.at("claim_id") == "C1")
      c1.push_back(p.at("kind") + ":" + p.at("seconds") + ":" + p.at("from_row") + ":" + p.at("to_row"));
  EXPECT_EQ(c1, (V{"inside:1800:pings.csv:12:pings.csv:42", "bridged:1200:pings.csv:42:pings.csv:43",
                   "inside:3000:pings.csv:43:pings.csv:93"}));
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
  // The claims table: 14 rows read, 5 of them rejected (lines 4, 7, 10, 13, 15), 9 accepted.
  const auto role = manifest.find("\"role\": \"claims\"");
  ASSERT_NE(role, std::string::npos) << manifest;
  const std::string claims_input = manifest.substr(role, 160);
  EXPECT_TRUE(contains(claims_input, "\"rows_accepted\": 9")) << claims_input;
  EXPECT_TRUE(contains(claims_input, "\"rows_read\": 14")) << claims_input;
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
  // --min-visit was not: its default, 0 (any possible stay keeps an absence claim open).
  EXPECT_TRUE(contains(parameter("min-visit"), "\"0s\"")) << parameter("min-visit");
  EXPECT_TRUE(contains(parameter("min-visit"), "default")) << parameter("min-visit");
  // By verdict: supported C1 C5 C8; contradicted C2 C4 C7 O1; inconclusive C3 C6.
  EXPECT_TRUE(contains(manifest, "\"claims_supported\": 3")) << manifest;
  EXPECT_TRUE(contains(manifest, "\"claims_contradicted\": 4")) << manifest;
  EXPECT_TRUE(contains(manifest, "\"claims_inconclusive\": 2")) << manifest;
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
