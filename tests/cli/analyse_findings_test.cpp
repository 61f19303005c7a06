// Issue 11 ("analyse: classes and flags safe to put to an officer"): every finding of the review,
// rebuilt from its description as a small case and run through `shiftline analyse` end to end,
// with the expected values worked out by hand here (docs/analyse.md states each rule).
//
// Vehicles stay put: each stay is one ping a minute at one position (so a dwell's radius is 0
// unless a test says otherwise), and a vehicle's stays at different places are separated by
// silences. Times are UTC on 2024-03-05 ("day 1") and 2024-03-06 ("day 2") and every table writes
// them with `Z`, except in the test of finding 12, which needs naive Europe/London times.
//
// Positions come from PROJ's geod on WGS84, run by hand (never from the engine's output):
//   echo "LAT LON AZIMUTH METRES" | geod +ellps=WGS84 -f %.7f           (forward)
//   echo "LAT1 LON1 LAT2 LON2" | geod +ellps=WGS84 -I +units=m -f %.3f   (inverse)
// and are quoted beside each test. Sites of one test lie 0.01 degrees of latitude (1.1 km) apart,
// so no place or incident of one reaches another.
#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/csv_rows.hpp"
#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
using Row = std::map<std::string, std::string>;

struct Pos {
  const char* lat;
  const char* lon;
};

// "03-05 10:00" or "03-05 10:00:01" -> "2024-03-05T10:00:00Z".
std::string z(const std::string& day_time) {
  std::string t = "2024-" + day_time.substr(0, 5) + "T" + day_time.substr(6);
  if (t.size() == 16) t += ":00";
  return t + "Z";
}

// Seconds since midnight of "HH:MM[:SS]" and back, for stepping a minute at a time.
int seconds_of(const std::string& hms) {
  const int h = std::stoi(hms.substr(0, 2));
  const int m = std::stoi(hms.substr(3, 2));
  const int s = hms.size() > 5 ? std::stoi(hms.substr(6, 2)) : 0;
  return h * 3600 + m * 60 + s;
}
std::string hms(int s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

std::vector<Row> rows_of(const std::string& csv) { return shiftline::test::csv_rows(csv); }

class Finding : public Cli {
 protected:
  // A stay of `vehicle` at `at` from `from` to `to` ("MM-DD HH:MM[:SS]", same day), a ping a minute.
  void stay(const std::string& vehicle, const std::string& from, const std::string& to, Pos at) {
    const std::string day = from.substr(0, 5);
    for (int s = seconds_of(from.substr(6)); s <= seconds_of(to.substr(6)); s += 60)
      m_pings += vehicle + "," + z(day + " " + hms(s)) + "," + at.lat + "," + at.lon + "\n";
  }
  void ping(const std::string& vehicle, const std::string& when, Pos at) {
    m_pings += vehicle + "," + z(when) + "," + at.lat + "," + at.lon + "\n";
  }
  void shift(const std::string& id, const std::string& officer, const std::string& from, const std::string& to,
             const std::string& vehicle, const std::string& callsign = "") {
    m_shifts += id + "," + officer + "," + z(from) + "," + z(to) + "," + vehicle + "," + callsign + "\n";
  }
  void place(const std::string& id, const std::string& kind, Pos at, const std::string& radius) {
    m_places += id + ",," + kind + "," + at.lat + "," + at.lon + "," + radius + ",\n";
  }
  void polygon_place(const std::string& id, const std::string& kind, const std::string& wkt) {
    m_places += id + ",," + kind + ",,,,\"" + wkt + "\"\n";
  }
  // closed "" = not recorded; units: vehicle, officer, callsign cells.
  void incident(const std::string& id, const std::string& opened, const std::string& closed, Pos at,
                const std::string& vehicle = "", const std::string& officer = "", const std::string& callsign = "",
                const std::string& place_id = "") {
    m_incidents += id + "," + z(opened) + "," + (closed.empty() ? "" : z(closed)) + "," + at.lat + "," + at.lon + "," +
                   place_id + ",test," + vehicle + "," + officer + "," + callsign + "\n";
  }
  void incident_at_place(const std::string& id, const std::string& opened, const std::string& closed,
                         const std::string& place_id, const std::string& vehicle) {
    m_incidents += id + "," + z(opened) + "," + z(closed) + ",,," + place_id + ",test," + vehicle + ",,\n";
  }
  void lookup(const std::string& officer, const std::string& when, const std::string& place_id) {
    m_events += z(when) + "," + officer + ",records_lookup,Someone (synthetic)," + place_id + ",PNC check\n";
  }

  // Runs analyse on the tables built so far into `out`; returns the exit code.
  int analyse(const std::string& out, const std::string& extra = "") {
    write("pings.csv", m_pings);
    write("shifts.csv", m_shifts);
    write("assignments.csv", m_assignments);
    write("places.csv", m_places);
    write("incidents.csv", m_incidents);
    write("events.csv", m_events);
    // A table with its header only is not given: a table given with no rows stops the run
    // (issue 13, defect 13), and leaving the flag out is how a case without one is said.
    std::string tables;
    for (const auto& [name, text] : {std::pair<std::string, const std::string*>{"shifts", &m_shifts},
                                     {"assignments", &m_assignments},
                                     {"places", &m_places},
                                     {"incidents", &m_incidents},
                                     {"events", &m_events}})
      if (std::count(text->begin(), text->end(), '\n') > 1) tables += " --" + name + " " + path(name + ".csv");
    return run("analyse --pings " + path("pings.csv") + tables + " --tz Europe/London --formats none --out " +
               path(out) + " " + extra);
  }
  std::vector<Row> table(const std::string& out, const std::string& name) { return rows_of(read(path(out + "/" + name))); }
  // The dwells.csv row of `vehicle` starting at `start` ("MM-DD HH:MM").
  Row dwell(const std::string& out, const std::string& vehicle, const std::string& start) {
    for (const Row& r : table(out, "dwells.csv"))
      if (r.at("vehicle_id") == vehicle && r.at("start") == z(start)) return r;
    ADD_FAILURE() << "no dwell of " << vehicle << " starting " << z(start);
    return {};
  }
  Row shift_row(const std::string& out, const std::string& shift_id) {
    for (const Row& r : table(out, "shifts.csv"))
      if (r.at("shift_id") == shift_id) return r;
    ADD_FAILURE() << "no shift " << shift_id;
    return {};
  }
  static std::vector<std::string> column(const std::vector<Row>& rows, const std::string& name) {
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(r.count(name) ? r.at(name) : "<no column " + name + ">");
    return out;
  }
  static std::string get(const Row& r, const std::string& name) {
    return r.count(name) ? r.at(name) : "<no column " + name + ">";
  }

  std::string m_pings = "vehicle_id,timestamp,lat,lon\n";
  std::string m_shifts = "shift_id,officer_id,start,end,vehicle_id,callsign\n";
  std::string m_assignments = "officer_id,vehicle_id,start,end\n";
  std::string m_places = "place_id,label,kind,lat,lon,radius_m,wkt\n";
  std::string m_incidents = "incident_id,opened,closed,lat,lon,place_id,type,vehicle_id,officer_id,callsign\n";
  std::string m_events = "timestamp,officer_id,kind,subject,place_id,detail\n";
};

using V = std::vector<std::string>;

// A1. A base polygon with a hole (a house enclosed by a station block): a dwell in the middle of
// the hole, 33 m from its edge, is not at the base. Around C = 52.63 N 1.14 W:
//   outer ring 100 m each way: N 52.6308986, S 52.6291014, E -1.1385231, W -1.1414769
//     (geod "52.63 -1.14 0 100", "... 180 100", "... 90 100", "... 270 100")
//   hole 33 m each way: N 52.6302966, S 52.6297034, E -1.1395126, W -1.1404874 (same, 33 m)
//   a point 66 m north of C, in the built part: 52.6305931 -1.14 ("52.63 -1.14 0 66")
TEST_F(Finding, A1_APointInAPolygonsHoleIsOutsideIt) {
  polygon_place("STN", "base",
                "POLYGON ((-1.1414769 52.6291014, -1.1385231 52.6291014, -1.1385231 52.6308986, -1.1414769 52.6308986, "
                "-1.1414769 52.6291014), (-1.1404874 52.6297034, -1.1395126 52.6297034, -1.1395126 52.6302966, "
                "-1.1404874 52.6302966, -1.1404874 52.6297034))");
  shift("S1", "O1", "03-05 06:00", "03-05 22:00", "V1");
  stay("V1", "03-05 10:00", "03-05 10:30", {"52.6300000", "-1.1400000"});  // the middle of the hole
  stay("V1", "03-05 11:00", "03-05 11:30", {"52.6305931", "-1.1400000"});  // in the block
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const Row hole = dwell("out", "V1", "03-05 10:00");
  EXPECT_EQ(hole.at("place_ids"), "");
  EXPECT_EQ(hole.at("class"), "unexplained");
  const Row block = dwell("out", "V1", "03-05 11:00");
  EXPECT_EQ(block.at("place_ids"), "STN");
  EXPECT_EQ(block.at("class"), "base");
}

// 1. "Attended" from proximity alone. I1 at P1 = 52.64 N 1.14 W (no units named), open 10:00-11:00
// on day 1; ADDR1 is an address at P1. Day 2, each of three vehicles stops at ADDR1 with an officer
// on duty; none of them attended I1:
//  (a) V1 (O1) stood at its own station STN1, 90 m north of P1 (52.6408088, geod "52.64 -1.14 0
//      90"), during I1: a base, not the scene;
//  (b) V2 stood at P1 during I1 with nobody on duty;
//  (c) V3 stood at P1 from 09:30 to 13:30; O3 came on duty in it at 12:58, 88 minutes after I1's
//      window (to closed + 30 min = 11:30) ended.
TEST_F(Finding, F01_ProximityAloneNeverMakesAnAttender) {
  const Pos p1{"52.6400000", "-1.1400000"};
  place("STN1", "base", {"52.6408088", "-1.1400000"}, "50");
  place("ADDR1", "address", p1, "50");
  incident("I1", "03-05 10:00", "03-05 11:00", p1);
  shift("S1a", "O1", "03-05 06:00", "03-05 22:00", "V1");
  shift("S1b", "O1", "03-06 06:00", "03-06 22:00", "V1");
  shift("S2", "O2", "03-06 06:00", "03-06 22:00", "V2");
  shift("S3a", "O3", "03-05 12:58", "03-05 22:00", "V3");
  shift("S3b", "O3", "03-06 06:00", "03-06 22:00", "V3");
  stay("V1", "03-05 10:10", "03-05 10:50", {"52.6408088", "-1.1400000"});
  stay("V2", "03-05 10:20", "03-05 10:40", p1);
  stay("V3", "03-05 09:30", "03-05 13:30", p1);
  stay("V1", "03-06 12:00", "03-06 12:30", p1);
  stay("V2", "03-06 13:00", "03-06 13:30", p1);
  stay("V3", "03-06 14:00", "03-06 14:30", p1);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  EXPECT_TRUE(table("out", "flags.csv").empty()) << read(path("out/flags.csv"));
  EXPECT_EQ(dwell("out", "V1", "03-05 10:10").at("class"), "base");
  // (b): nobody on duty at the scene: off_duty, the incident named.
  const Row off = dwell("out", "V2", "03-05 10:20");
  EXPECT_EQ(off.at("class"), "off_duty");
  EXPECT_EQ(off.at("incident_ids"), "I1");
  // (c): 09:30-12:58 nobody on duty (12,480 s); 12:58-13:30 O3 on duty after the window (1,920 s).
  const Row late = dwell("out", "V3", "03-05 09:30");
  EXPECT_EQ(get(late, "off_duty_s"), "12480");
  EXPECT_EQ(get(late, "unexplained_s"), "1920");
  EXPECT_EQ(get(late, "incident_s"), "0");
  EXPECT_EQ(late.at("class"), "off_duty");
}

// 2. Attendance by vehicle, and the age of the incident. I2 at P2 = 52.65 N 1.14 W names only the
// pool car V4; O4 is on duty in V4 while I2 is open (10:00-11:00 on day 1) and stops there. Day 2,
// O5 (who never attended) stops at ADDR2 in V4: context, not a flag. O4 comes back 90 days after
// I2 closed (2024-06-03 11:00 Z: 26 days of March after the 5th, 30 of April, 31 of May, 3 of June)
// and 91 days after: flagged only within --revisit-within (90 days, inclusive).
TEST_F(Finding, F02_RevisitIsPerOfficerAndWithinRevisitWithin) {
  const Pos p2{"52.6500000", "-1.1400000"};
  place("ADDR2", "address", p2, "50");
  incident("I2", "03-05 10:00", "03-05 11:00", p2, "V4");
  shift("S4a", "O4", "03-05 06:00", "03-05 14:00", "V4");
  shift("S5", "O5", "03-06 06:00", "03-06 14:00", "V4");
  shift("S4b", "O4", "06-03 10:00", "06-03 14:00", "V4");
  shift("S4c", "O4", "06-04 10:00", "06-04 14:00", "V4");
  stay("V4", "03-05 10:10", "03-05 10:50", p2);
  stay("V4", "03-06 12:00", "03-06 12:30", p2);
  stay("V4", "06-03 11:00", "06-03 11:30", p2);
  stay("V4", "06-04 11:00", "06-04 11:30", p2);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 1U) << read(path("out/flags.csv"));
  EXPECT_EQ(flags[0].at("visit_start"), "2024-06-03T11:00:00Z");
  EXPECT_EQ(flags[0].at("evidence_officer_id"), "O4");
  EXPECT_EQ(flags[0].at("officer_ids"), "O4");
  EXPECT_EQ(flags[0].at("before_visit_s"), "7776000");  // 90 x 86,400
  EXPECT_NE(get(flags[0], "attendance").find("V4"), std::string::npos) << get(flags[0], "attendance");
  // O5's stop: the car attended, O5 did not: said as context.
  const Row pool = dwell("out", "V4", "03-06 12:00");
  EXPECT_EQ(pool.at("flags"), "");
  EXPECT_NE(get(pool, "context").find("I2"), std::string::npos) << get(pool, "context");
  // 91 days: too old to flag, said as context.
  const Row old = dwell("out", "V4", "06-04 11:00");
  EXPECT_EQ(old.at("flags"), "");
  EXPECT_NE(get(old, "context").find("revisit-within"), std::string::npos) << get(old, "context");
}

// 3. Callsign edge (and the minor finding on the unit rule at the closing instant). I3 at P3 =
// 52.66 N names callsign CS6 and closes at 10:00; O6's CS6 shift starts at exactly 10:00, so O6
// never worked CS6 while I3 was open. I3B at P3B = 52.67 N names CS7 and closes at 10:00; O7's CS7
// shift starts at 09:59:59: one second of it while I3B was open.
TEST_F(Finding, F03_AShiftStartingAtTheClosingInstantDidNotAttend) {
  const Pos p3{"52.6600000", "-1.1400000"};
  const Pos p3b{"52.6700000", "-1.1400000"};
  place("ADDR3", "address", p3, "50");
  place("ADDR3B", "address", p3b, "50");
  incident("I3", "03-05 09:00", "03-05 10:00", p3, "", "", "CS6");
  incident("I3B", "03-05 09:00", "03-05 10:00", p3b, "", "", "CS7");
  shift("S6", "O6", "03-05 10:00", "03-05 18:00", "V6", "CS6");
  shift("S7", "O7", "03-05 09:59:59", "03-05 18:00", "V7", "CS7");
  stay("V6", "03-05 12:00", "03-05 12:30", p3);
  stay("V7", "03-05 12:00", "03-05 12:30", p3b);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 1U) << read(path("out/flags.csv"));
  EXPECT_EQ(flags[0].at("flag"), "revisit_after_closure:I3B");
  EXPECT_EQ(flags[0].at("officer_ids"), "O7");
  EXPECT_NE(get(flags[0], "attendance").find("CS7"), std::string::npos) << get(flags[0], "attendance");
}

// 4. A default closing time shown as recorded. I4 at P4 = 52.68 N has no `closed`: opened 09:00 +
// 1 h = 10:00, assumed. I4B at P4B = 52.69 N closes at 15:00 as recorded. O8 (V8) attends both
// and comes back to each.
TEST_F(Finding, F04_AnAssumedClosingTimeIsSaidToBeAssumed) {
  const Pos p4{"52.6800000", "-1.1400000"};
  const Pos p4b{"52.6900000", "-1.1400000"};
  place("ADDR4", "address", p4, "50");
  place("ADDR4B", "address", p4b, "50");
  incident("I4", "03-05 09:00", "", p4, "V8");
  incident("I4B", "03-05 14:00", "03-05 15:00", p4b, "V8");
  shift("S8", "O8", "03-05 06:00", "03-05 22:00", "V8");
  const Pos away{"52.7000000", "-1.1400000"};  // between the visits, so no dwell bridges them
  stay("V8", "03-05 09:10", "03-05 09:40", p4);
  ping("V8", "03-05 11:00", away);
  stay("V8", "03-05 13:00", "03-05 13:30", p4);
  stay("V8", "03-05 14:10", "03-05 14:40", p4b);
  ping("V8", "03-05 15:20", away);
  stay("V8", "03-05 16:00", "03-05 16:30", p4b);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 2U) << read(path("out/flags.csv"));
  EXPECT_EQ(flags[0].at("flag"), "revisit_after_closure:I4");
  EXPECT_EQ(flags[0].at("evidence_time"), "2024-03-05T10:00:00Z");
  EXPECT_EQ(get(flags[0], "closed_recorded"), "no");
  EXPECT_NE(flags[0].at("evidence_detail").find("assumed"), std::string::npos) << flags[0].at("evidence_detail");
  EXPECT_EQ(flags[1].at("flag"), "revisit_after_closure:I4B");
  EXPECT_EQ(get(flags[1], "closed_recorded"), "yes");
  EXPECT_EQ(flags[1].at("evidence_detail").find("assumed"), std::string::npos) << flags[1].at("evidence_detail");
}

// 5. Any touch of the window explained the whole dwell.
//  (a) I5 at P5 = 52.70 N names V9, open 10:00-10:10: its window is 09:45-10:40. V9 (O9 on duty)
//      pings at P5 10:00-10:05 and 13:00-13:05, silent between: one dwell 10:00-13:05 bridging
//      2 h 55 min. Inside the window 10:00-10:40 = 2,400 s; after it 10:40-13:05 = 8,700 s.
//  (b) I6 at P6 = 52.71 N names V10, open 08:00-08:40 (window to 09:10). V10 stands there
//      07:50-10:30; O10 comes on duty in it at 10:00, 80 minutes after I6 closed: 07:50-10:00 off
//      duty (7,800 s), 10:00-10:30 on duty with nothing explaining it (1,800 s).
TEST_F(Finding, F05_AnIncidentExplainsOnlyThePartInsideItsWindow) {
  const Pos p5{"52.7000000", "-1.1400000"};
  const Pos p6{"52.7100000", "-1.1400000"};
  incident("I5", "03-05 10:00", "03-05 10:10", p5, "V9");
  incident("I6", "03-05 08:00", "03-05 08:40", p6, "V10");
  shift("S9", "O9", "03-05 06:00", "03-05 22:00", "V9");
  shift("S10", "O10", "03-05 10:00", "03-05 18:00", "V10");
  stay("V9", "03-05 10:00", "03-05 10:05", p5);
  stay("V9", "03-05 13:00", "03-05 13:05", p5);
  stay("V10", "03-05 07:50", "03-05 10:30", p6);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const Row bridged = dwell("out", "V9", "03-05 10:00");
  EXPECT_EQ(bridged.at("end"), z("03-05 13:05"));
  EXPECT_EQ(bridged.at("bridged_gap_s"), "10500");
  EXPECT_EQ(get(bridged, "incident_s"), "2400");
  EXPECT_EQ(get(bridged, "unexplained_s"), "8700");
  EXPECT_EQ(bridged.at("class"), "unexplained");
  EXPECT_EQ(bridged.at("incident_ids"), "I5");
  const Row s9 = shift_row("out", "S9");
  EXPECT_EQ(s9.at("incident_s"), "2400");
  EXPECT_EQ(s9.at("unexplained_s"), "8700");

  const Row late = dwell("out", "V10", "03-05 07:50");
  EXPECT_EQ(get(late, "off_duty_s"), "7800");
  EXPECT_EQ(get(late, "unexplained_s"), "1800");
  EXPECT_EQ(get(late, "incident_s"), "0");
  EXPECT_EQ(late.at("class"), "off_duty");
  EXPECT_EQ(late.at("incident_ids"), "I6");
  const Row s10 = shift_row("out", "S10");
  EXPECT_EQ(s10.at("incident_s"), "0");
  EXPECT_EQ(s10.at("unexplained_s"), "1800");
}

// 6. Partial duty laid the whole dwell on the officer.
//  (a) O11 is on duty in V11 06:00 to 10:00:01 and looked ADDR7 (P7 = 52.72 N) up the day before.
//      V11 stands 08:00-08:10 at Q = 52.72 N 1.13 W (600 s, all on duty) and 10:00-11:00 at ADDR7:
//      1 s on duty there. No flag (1 s < --min-duty-overlap 5 min); unexplained.csv ranks by
//      unexplained seconds: Q's 600 s before ADDR7's 1 s.
//  (b) V12 stands at ADDR8 (P8 = 52.73 N) 02:00-08:15 on both days. O12 picks it up at 08:12 on
//      day 1 (3 min on duty there); O13 at 08:05 on day 2 (10 min). Each looked ADDR8 up three
//      days before taking the car: only O13 is flagged, for 600 s, 259,200 s after the look-up.
TEST_F(Finding, F06_OfficersCarryOnlyTheirOnDutyPart) {
  const Pos p7{"52.7200000", "-1.1400000"};
  const Pos q{"52.7200000", "-1.1300000"};
  const Pos p8{"52.7300000", "-1.1400000"};
  place("ADDR7", "address", p7, "50");
  place("ADDR8", "address", p8, "50");
  shift("S11", "O11", "03-05 06:00", "03-05 10:00:01", "V11");
  shift("S12", "O12", "03-05 08:12", "03-05 16:00", "V12");
  shift("S13", "O13", "03-06 08:05", "03-06 16:00", "V12");
  lookup("O11", "03-04 12:00", "ADDR7");
  lookup("O12", "03-02 08:12", "ADDR8");
  lookup("O13", "03-03 08:05", "ADDR8");
  stay("V11", "03-05 08:00", "03-05 08:10", q);
  stay("V11", "03-05 10:00", "03-05 11:00", p7);
  stay("V12", "03-05 02:00", "03-05 08:15", p8);
  stay("V12", "03-06 02:00", "03-06 08:15", p8);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const auto unexplained = table("out", "unexplained.csv");
  V ids = column(unexplained, "dwell_id");
  EXPECT_EQ(ids.at(0), "V11#1");
  EXPECT_EQ(get(unexplained.at(0), "unexplained_s"), "600");
  const Row one_second = dwell("out", "V11", "03-05 10:00");
  EXPECT_EQ(get(one_second, "unexplained_s"), "1");
  EXPECT_EQ(get(one_second, "off_duty_s"), "3599");
  EXPECT_EQ(one_second.at("flags"), "partial_duty");
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 1U) << read(path("out/flags.csv"));
  EXPECT_EQ(flags[0].at("officer_ids"), "O13");
  EXPECT_EQ(flags[0].at("duration_s"), "22500");
  EXPECT_EQ(get(flags[0], "officer_on_duty_s"), "600");
  EXPECT_EQ(flags[0].at("before_visit_s"), "259200");
}

// 7. One officer in two cars at once. O14's shifts put O14 in V13 08:00-16:00 and in V14
// 12:00-20:00: 12:00-16:00 in both. V13 stands at A = 52.74 N and V14 at B = 52.767 N, 3,004.604 m
// apart (geod -I "52.74 -1.14 52.767 -1.14"), both 13:00-13:30. That time is attributed to no one:
// duty_unknown, not O14's. O15's two shifts overlap the same way but in one car, V15: no conflict.
TEST_F(Finding, F07_ShiftsOverlappingInTwoVehiclesAttributeToNoOne) {
  shift("S14a", "O14", "03-05 08:00", "03-05 16:00", "V13");
  shift("S14b", "O14", "03-05 12:00", "03-05 20:00", "V14");
  shift("S15a", "O15", "03-05 08:00", "03-05 16:00", "V15");
  shift("S15b", "O15", "03-05 12:00", "03-05 20:00", "V15");
  stay("V13", "03-05 13:00", "03-05 13:30", {"52.7400000", "-1.1400000"});
  stay("V14", "03-05 13:00", "03-05 13:30", {"52.7670000", "-1.1400000"});
  stay("V15", "03-05 13:00", "03-05 13:30", {"52.7500000", "-1.1400000"});
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  for (const char* v : {"V13", "V14"}) {
    const Row d = dwell("out", v, "03-05 13:00");
    EXPECT_EQ(d.at("officer_ids"), "") << v;
    EXPECT_EQ(d.at("class"), "duty_unknown") << v;
    EXPECT_EQ(get(d, "duty_unknown_s"), "1800") << v;
  }
  EXPECT_EQ(dwell("out", "V15", "03-05 13:00").at("officer_ids"), "O15");
  EXPECT_EQ(dwell("out", "V15", "03-05 13:00").at("class"), "unexplained");
  for (const char* s : {"S14a", "S14b"}) {
    const Row r = shift_row("out", s);
    EXPECT_EQ(r.at("crewed_s"), "14400") << s;  // 08-12 in V13; 16-20 in V14
    EXPECT_EQ(get(r, "unattributed_s"), "14400") << s;
    EXPECT_EQ(r.at("unexplained_s"), "0") << s;
  }
  EXPECT_EQ(get(shift_row("out", "S15a"), "unattributed_s"), "0");
  EXPECT_NE(read(path("out/warnings.csv")).find("attributed to no one"), std::string::npos)
      << read(path("out/warnings.csv"));
}

// 7 (assignments, the same rule). O16's shift 08:00-16:00 names no vehicle; two assignments put
// O16 in V16 10:00-12:00 and in V17 11:30-13:00. The run goes on; 11:30-12:00 is no one's.
TEST_F(Finding, F07_AssignmentsOverlappingInTwoVehiclesAttributeToNoOne) {
  shift("S16", "O16", "03-05 08:00", "03-05 16:00", "");
  m_assignments += "O16,V16," + z("03-05 10:00") + "," + z("03-05 12:00") + "\n";
  m_assignments += "O16,V17," + z("03-05 11:30") + "," + z("03-05 13:00") + "\n";
  stay("V16", "03-05 10:30", "03-05 10:45", {"52.7400000", "-1.1400000"});
  stay("V16", "03-05 11:40", "03-05 11:55", {"52.7500000", "-1.1400000"});
  stay("V17", "03-05 11:40", "03-05 11:55", {"52.7600000", "-1.1400000"});
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  EXPECT_EQ(dwell("out", "V16", "03-05 10:30").at("officer_ids"), "O16");
  EXPECT_EQ(dwell("out", "V16", "03-05 11:40").at("class"), "duty_unknown");
  EXPECT_EQ(dwell("out", "V17", "03-05 11:40").at("class"), "duty_unknown");
  EXPECT_EQ(get(shift_row("out", "S16"), "unattributed_s"), "1800");
}

// 8. Incident rows per unit. I9 at P9 = 52.75 N: V16's row closes at 10:30, V17's at 11:30. Each
// unit's stay is explained to its own closing + 30 min: V16 10:05-11:00 (3,300 s, then 1,200 s
// unexplained to 11:20); V17 10:05-11:50, all within 12:00.
TEST_F(Finding, F08_EachUnitRowKeepsItsOwnClosingTime) {
  const Pos p9{"52.7500000", "-1.1400000"};
  incident("I9", "03-05 10:00", "03-05 10:30", p9, "V16");
  incident("I9", "03-05 10:00", "03-05 11:30", p9, "V17");
  shift("S16", "O16", "03-05 06:00", "03-05 22:00", "V16");
  shift("S17", "O17", "03-05 06:00", "03-05 22:00", "V17");
  stay("V16", "03-05 10:05", "03-05 11:20", p9);
  stay("V17", "03-05 10:05", "03-05 11:50", p9);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  EXPECT_EQ(read(path("out/rejected.csv")).find("incidents.csv"), std::string::npos) << read(path("out/rejected.csv"));
  const Row v17 = dwell("out", "V17", "03-05 10:05");
  EXPECT_EQ(v17.at("class"), "incident");
  EXPECT_EQ(get(v17, "incident_s"), "6300");
  const Row v16 = dwell("out", "V16", "03-05 10:05");
  EXPECT_EQ(get(v16, "incident_s"), "3300");
  EXPECT_EQ(get(v16, "unexplained_s"), "1200");
  EXPECT_EQ(v16.at("class"), "incident");
}

// 9. An incident located by a polygon place. ESTATE is the rectangle 200 m north and south and
// 250 m east and west of P10 = 52.74 N 1.14 W (N 52.7417972, S 52.7382028, E -1.1362985,
// W -1.1437015 from geod "52.74 -1.14 0 200" etc.), its centroid P10. I10 names ESTATE by place_id
// and V18. V18 stands inside the estate 140 m north of the centroid (52.7412581, "... 0 140") while
// I10 is open: the incident's area is the estate, so it is explained; then 150 m north of the
// estate (350 m from P10: 52.7431452, "... 0 350"), outside the 100 m radius around it.
TEST_F(Finding, F09_AnIncidentLocatedByAPolygonPlaceHasThePolygonsArea) {
  polygon_place("ESTATE", "address",
                "POLYGON ((-1.1437015 52.7382028, -1.1362985 52.7382028, -1.1362985 52.7417972, -1.1437015 52.7417972, "
                "-1.1437015 52.7382028))");
  incident_at_place("I10", "03-05 10:00", "03-05 11:00", "ESTATE", "V18");
  shift("S18", "O18", "03-05 06:00", "03-05 22:00", "V18");
  stay("V18", "03-05 10:10", "03-05 10:40", {"52.7412581", "-1.1400000"});
  stay("V18", "03-05 10:45", "03-05 11:00", {"52.7431452", "-1.1400000"});
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const Row inside = dwell("out", "V18", "03-05 10:10");
  EXPECT_EQ(inside.at("class"), "incident");
  EXPECT_EQ(inside.at("incident_ids"), "I10");
  EXPECT_EQ(inside.at("nearest_incident_m"), "0.00");
  const Row outside = dwell("out", "V18", "03-05 10:45");
  EXPECT_EQ(outside.at("class"), "unexplained");
  EXPECT_NEAR(std::stod(outside.at("nearest_incident_m")), 150.0, 0.01);
}

// 10. The base test and the dwell's spread. STN11 is a base point at P11 = 52.76 N, radius 50 m.
// V19's pings alternate 40 m and 70 m east of it (-1.1394075 and -1.1389631: geod "52.76 -1.14 90
// 40", "... 90 70"; 52.76 N both), so half of them are inside the station's 50 m: the dwell's
// centre is about 55 m east, its radius about 15 m, and 55 <= 50 + 15.
TEST_F(Finding, F10_ABaseIsTestedWithTheDwellsExtent) {
  place("STN11", "base", {"52.7600000", "-1.1400000"}, "50");
  shift("S19", "O19", "03-05 06:00", "03-05 22:00", "V19");
  for (int m = 0; m < 30; ++m)
    ping("V19", "03-05 10:" + std::string(m < 10 ? "0" : "") + std::to_string(m),
         m % 2 ? Pos{"52.7600000", "-1.1389631"} : Pos{"52.7600000", "-1.1394075"});
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const Row d = dwell("out", "V19", "03-05 10:00");
  EXPECT_NEAR(std::stod(d.at("radius_m")), 15.0, 0.1);
  EXPECT_EQ(d.at("place_ids"), "STN11");
  EXPECT_EQ(d.at("class"), "base");
}

// 11. "Base first" hid flags.
//  (a) STN12 is a base point at P12 = 52.77 N (50 m); FLAT12 an address 30 m east of it (radius
//      20 m; geod "52.77 -1.14 90 30" gives 52.7700000 -1.1395555). O20
//      looked FLAT12 up the day before and stops at the flat: the base does not hide the visit.
//  (b) I13 at P13 = 52.78 N names no unit; V21 stands there while it is open with nobody on duty:
//      off_duty, I13 named.
TEST_F(Finding, F11_ABaseNeverHidesAnAddress) {
  place("STN12", "base", {"52.7700000", "-1.1400000"}, "50");
  place("FLAT12", "address", {"52.7700000", "-1.1395555"}, "20");
  shift("S20", "O20", "03-05 06:00", "03-05 22:00", "V20");
  lookup("O20", "03-04 10:00", "FLAT12");
  stay("V20", "03-05 10:00", "03-05 10:30", {"52.7700000", "-1.1395555"});
  const Pos p13{"52.7800000", "-1.1400000"};
  incident("I13", "03-05 10:00", "03-05 11:00", p13);
  stay("V21", "03-05 10:10", "03-05 10:40", p13);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const Row flat = dwell("out", "V20", "03-05 10:00");
  EXPECT_EQ(flat.at("place_ids"), "FLAT12;STN12");
  EXPECT_EQ(flat.at("class"), "base");
  EXPECT_EQ(flat.at("flags"), "lookup_then_visit:events.csv:2");
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 1U);
  EXPECT_EQ(flags[0].at("place_id"), "FLAT12");
  EXPECT_EQ(get(flags[0], "also_base_ids"), "STN12");
  EXPECT_NE(flags[0].at("evidence_detail").find("also within base STN12"), std::string::npos)
      << flags[0].at("evidence_detail");
  const Row off = dwell("out", "V21", "03-05 10:10");
  EXPECT_EQ(off.at("class"), "off_duty");
  EXPECT_EQ(off.at("incident_ids"), "I13");
}

// 12. Rejected roster rows. With --tz Europe/London, S22 starts at 2024-10-27 01:30, which happens
// twice (BST 00:30Z, GMT 01:30Z), and S23 at 2024-03-31 01:30, which never happens (the clocks go
// from 01:00 GMT to 02:00 BST): both rows are rejected. S22 may cover 00:30Z to 09:00Z (09:00 GMT)
// and S23 00:30Z to 08:00Z (09:00 BST), so their vehicles' duty is unknown then, not off duty.
TEST_F(Finding, F12_RejectedRosterRowsMakeDutyUnknownNotOffDuty) {
  m_shifts += "S22,O22,2024-10-27 01:30,2024-10-27 09:00,V22,\n";
  m_shifts += "S23,O23,2024-03-31 01:30,2024-03-31 09:00,V23,\n";
  // A good row beside them: a roster with every row rejected stops the run (issue 13, defect 13).
  m_shifts += "S24,O24,2024-10-28 09:00,2024-10-28 17:00,V24,\n";
  stay("V22", "10-27 02:00", "10-27 03:00", {"52.7400000", "-1.1400000"});
  stay("V22", "10-27 10:00", "10-27 10:30", {"52.7500000", "-1.1400000"});
  stay("V23", "03-31 03:00", "03-31 04:00", {"52.7600000", "-1.1400000"});
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const std::string rejected = read(path("out/rejected.csv"));
  EXPECT_NE(rejected.find("shifts.csv,2,start,ambiguous_local_time"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("shifts.csv,3,start,nonexistent_local_time"), std::string::npos) << rejected;
  EXPECT_EQ(dwell("out", "V22", "10-27 02:00").at("class"), "duty_unknown");
  EXPECT_EQ(get(dwell("out", "V22", "10-27 02:00"), "duty_unknown_s"), "3600");
  EXPECT_EQ(dwell("out", "V22", "10-27 10:00").at("class"), "off_duty");
  EXPECT_EQ(dwell("out", "V23", "03-31 03:00").at("class"), "duty_unknown");
  const std::string warnings = read(path("out/warnings.csv"));
  EXPECT_NE(warnings.find("shifts.csv,2,,duty_unknown"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("shifts.csv,3,,duty_unknown"), std::string::npos) << warnings;
  EXPECT_NE(m_stderr.find("duty unknown"), std::string::npos) << m_stderr;
}

// Minor: a look-up flag raised by O24's look-up names O24, not O24's partner O25 in the same car.
TEST_F(Finding, Minor_ALookupFlagNamesOnlyTheOfficerWhoLookedUp) {
  const Pos p14{"52.7800000", "-1.1400000"};
  place("ADDR14", "address", p14, "50");
  shift("S24", "O24", "03-05 06:00", "03-05 22:00", "V24");
  shift("S25", "O25", "03-05 06:00", "03-05 22:00", "V24");
  lookup("O24", "03-04 12:00", "ADDR14");
  stay("V24", "03-05 10:00", "03-05 10:30", p14);
  ASSERT_EQ(analyse("out"), 0) << m_stderr;
  const auto flags = table("out", "flags.csv");
  ASSERT_EQ(flags.size(), 1U);
  EXPECT_EQ(flags[0].at("officer_ids"), "O24");
  EXPECT_EQ(flags[0].at("shift_ids"), "S24");
  EXPECT_EQ(get(flags[0], "crew_officer_ids"), "O24;O25");
}

}  // namespace
