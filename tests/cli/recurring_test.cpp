// Recurring spots (recurring.csv, docs/findings.md "Recurring spots") and the nearest-incident
// limit of dwells.csv (--nearest-incident-within), on small cases built here.
//
// Positions, worked with PROJ's geod on WGS84 (the engine's distances are Karney's geodesic too):
//   P0   52.6300000 -1.1400000
//   N74  52.6306650 -1.1400000   echo "52.63 -1.14 52.6306650 -1.14" | geod +ellps=WGS84 -I +units=m -> 74.001 m
//   S76  52.6293170 -1.1400000   ... 52.6293170 -1.14 -> 76.004 m; N74 to S76 150.004 m
//   S50  52.6295507 -1.1400000   ... 52.6295507 -1.14 -> 49.998 m; S50 to N74 123.999 m
//   N500 52.6344932 -1.1400000   ... 52.6344932 -1.14 -> 500.000 m
//   E1K  52.6299991 -1.1252311   ... 999.999 m east; W1K 52.6299991 -1.1547689, 999.999 m west
// Each stop is 11 pings a minute apart at one position (a 600 s dwell whose centre is that
// position), with a ping at E1K a minute before and at W1K a minute after (a 60 km/h drive), so
// every stop is one dwell and nothing else is.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace shiftline_test {
namespace {

struct Where {
  const char* lat;
  const char* lon;
};
constexpr Where kP0{"52.6300000", "-1.1400000"};
constexpr Where kN74{"52.6306650", "-1.1400000"};
constexpr Where kS76{"52.6293170", "-1.1400000"};
constexpr Where kS50{"52.6295507", "-1.1400000"};
constexpr Where kE1K{"52.6299991", "-1.1252311"};
constexpr Where kW1K{"52.6299991", "-1.1547689"};

struct Stop {
  std::string vehicle;
  int day;   // of March 2024
  int hour;  // the stop is HH:00-HH:10 UTC
  Where at;
};

std::string stamp(int day, int hour, int minute) {
  if (minute < 0) --hour, minute += 60;
  char buf[32];
  std::snprintf(buf, sizeof buf, "2024-03-%02dT%02d:%02d:00Z", day, hour, minute);
  return buf;
}

std::vector<std::string> ping_rows(const std::vector<Stop>& stops) {
  std::vector<std::string> rows;
  const auto row = [&](const Stop& s, int minute, Where w) {
    rows.push_back(s.vehicle + "," + stamp(s.day, s.hour, minute) + "," + w.lat + "," + w.lon);
  };
  for (const Stop& s : stops) {
    row(s, -1, kE1K);
    for (int m = 0; m <= 10; ++m) row(s, m, s.at);
    row(s, 11, kW1K);
  }
  return rows;
}

// One shift a day 08:00-16:00 UTC per (officer, vehicle, day).
struct Duty {
  std::string officer, vehicle;
  int day;
};
std::vector<std::string> shift_rows(const std::vector<Duty>& duties) {
  std::vector<std::string> rows;
  for (const Duty& d : duties)
    rows.push_back("S" + std::to_string(d.day) + "-" + d.officer + "," + d.officer + "," + stamp(d.day, 8, 0) + "," +
                   stamp(d.day, 16, 0) + "," + d.vehicle);
  return rows;
}

std::string table(const std::string& header, std::vector<std::string> rows, bool reversed = false) {
  if (reversed) std::reverse(rows.begin(), rows.end());
  std::string t = header + "\n";
  for (const auto& r : rows) t += r + "\n";
  return t;
}

// Rows of a CSV without quoted cells, as column -> value.
std::vector<std::map<std::string, std::string>> rows_of(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::vector<std::string> names;
  std::vector<std::map<std::string, std::string>> out;
  const auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream s(l);
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    if (!l.empty() && l.back() == ',') cells.emplace_back();
    return cells;
  };
  std::getline(in, line);
  names = split(line);
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < names.size() && i < cells.size(); ++i) row[names[i]] = cells[i];
    out.push_back(row);
  }
  return out;
}

class Spots : public Cli {
 protected:
  // Writes the case and runs analyse; returns recurring.csv's text ("" when the run failed).
  std::string analyse(const std::vector<Stop>& stops, const std::vector<Duty>& duties, const std::string& extra = "",
                      bool reversed = false, const std::string& name = "out") {
    write("pings.csv", table("vehicle_id,timestamp,lat,lon", ping_rows(stops), reversed));
    write("shifts.csv", table("shift_id,officer_id,start,end,vehicle_id", shift_rows(duties), reversed));
    write("places.csv", "place_id,label,kind,lat,lon,radius_m\nPL1,Somewhere,address,52.6344932,-1.1400000,50\n");
    const int rc = run("analyse --pings " + path("pings.csv") + " --shifts " + path("shifts.csv") + " --places " +
                       path("places.csv") + " --formats none --quiet --out " + path(name) + " " + extra);
    EXPECT_EQ(rc, 0) << m_stderr;
    return read(path(name) + "/recurring.csv");
  }
  static const std::string kHeader;
};

const std::string Spots::kHeader =
    "spot_id,officer_id,lat,lon,radius_m,visits,shifts,days,total_s,first,last,vehicle_ids,other_officers_n,shared,"
    "explained_visits,nearest_place_id,nearest_place_m,dwell_ids\n";

std::vector<Duty> days_of(const std::string& officer, const std::string& vehicle, std::vector<int> days) {
  std::vector<Duty> out;
  for (int d : days) out.push_back({officer, vehicle, d});
  return out;
}

// P0 on the 4th and 5th, 74.001 m north on the 6th, 76.004 m south on the 7th, one shift each.
// Neighbours within 75 m: P0 (twice) and N74 have three each, S76 only itself; the leader is the
// earliest of the three (the 4th): N74 is in (74.001 <= 75), S76 out (76.004 > 75).
TEST_F(Spots, RadiusIsGeodesicAndInclusiveFromTheLeader) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}, {"V1", 5, 10, kP0}, {"V1", 6, 10, kN74}, {"V1", 7, 10, kS76}};
  const auto duties = days_of("O1", "V1", {4, 5, 6, 7});
  // total_s: three dwells of 600 s on duty; nearest place PL1, 500.000 m north of P0.
  EXPECT_EQ(analyse(stops, duties),
            kHeader + "O1:S1,O1,52.6300000,-1.1400000,74.00,3,3,3,1800,2024-03-04T10:00:00Z,2024-03-06T10:10:00Z,V1,0,"
                      "no,0,PL1,500.00,V1#1;V1#2;V1#3\n");
  // 77 m takes S76 in (76.004 <= 77; the leader now has four neighbours).
  const auto wide = rows_of(analyse(stops, duties, "--spot-radius 77", false, "wide"));
  ASSERT_EQ(wide.size(), 1U);
  EXPECT_EQ(wide[0].at("visits"), "4");
  EXPECT_EQ(wide[0].at("radius_m"), "76.00");
  EXPECT_EQ(wide[0].at("dwell_ids"), "V1#1;V1#2;V1#3;V1#4");
  // 73 m leaves N74 out too: two shifts, not recurring (the header only).
  EXPECT_EQ(analyse(stops, duties, "--spot-radius 73", false, "narrow"), kHeader);
}

// S50 on the 4th, P0 on the 5th, N74 on the 6th: S50-P0 49.998 m, P0-N74 74.001 m, S50-N74
// 123.999 m. P0 has the most neighbours (3) and leads, so all three are one spot, whatever the
// row order; a rule led by the first row (or the first in time) would split them into two spots
// of two shifts, neither recurring.
TEST_F(Spots, SameSpotsWhateverTheRowOrder) {
  const std::vector<Stop> stops{{"V1", 4, 10, kS50}, {"V1", 5, 10, kP0}, {"V1", 6, 10, kN74}};
  const auto duties = days_of("O1", "V1", {4, 5, 6});
  const std::string forward = analyse(stops, duties, "", false, "forward");
  const std::string backward = analyse(stops, duties, "", true, "backward");
  EXPECT_EQ(forward, backward);
  const auto rows = rows_of(forward);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].at("lat"), "52.6300000");  // the leader, P0
  EXPECT_EQ(rows[0].at("radius_m"), "74.00");
  EXPECT_EQ(rows[0].at("dwell_ids"), "V1#1;V1#2;V1#3");
}

// Two stops at P0 in the shift of the 4th (10:00 and 13:00), one in the shift of the 5th: three
// visits, two shifts. Not recurring at 3; at --spot-min-visits 2 it is, with shifts 2, days 2.
TEST_F(Spots, TwoVisitsInOneShiftCountOnce) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}, {"V1", 4, 13, kP0}, {"V1", 5, 10, kP0}};
  const auto duties = days_of("O1", "V1", {4, 5});
  EXPECT_EQ(analyse(stops, duties), kHeader);
  const auto rows = rows_of(analyse(stops, duties, "--spot-min-visits 2", false, "two"));
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].at("visits"), "3");
  EXPECT_EQ(rows[0].at("shifts"), "2");
  EXPECT_EQ(rows[0].at("days"), "2");
}

// O1 (V1) stops at P0 on three shifts; O2 (V2) at P0 on the 4th at noon and O3 (V3) at N74
// (74.001 m from the spot's centre, P0) on the 5th at noon, each once: 1 + 2 officers, shared at
// the default 3; not at 4.
TEST_F(Spots, SharedWhenThreeOfficersStopThere) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}, {"V1", 5, 10, kP0}, {"V1", 6, 10, kP0},
                                {"V2", 4, 12, kP0}, {"V3", 5, 12, kN74}};
  auto duties = days_of("O1", "V1", {4, 5, 6});
  duties.push_back({"O2", "V2", 4});
  duties.push_back({"O3", "V3", 5});
  const auto rows = rows_of(analyse(stops, duties));
  // O1's spot is the only recurring one (O2 and O3 have one visit each).
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].at("officer_id"), "O1");
  EXPECT_EQ(rows[0].at("other_officers_n"), "2");
  EXPECT_EQ(rows[0].at("shared"), "yes");
  const auto four = rows_of(analyse(stops, duties, "--shared-spot-officers 4", false, "four"));
  ASSERT_EQ(four.size(), 1U);
  EXPECT_EQ(four[0].at("shared"), "no");
  EXPECT_EQ(four[0].at("other_officers_n"), "2");
}

// O1 stops at P0 on the 4th, 5th and 6th (unexplained) and on the 7th while incident I1 at P0 is
// open (explained: class incident). The spot holds the three unexplained visits; the fourth is
// counted in explained_visits, not grouped.
TEST_F(Spots, ExplainedVisitsAreCountedNotGrouped) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}, {"V1", 5, 10, kP0}, {"V1", 6, 10, kP0}, {"V1", 7, 10, kP0}};
  write("incidents.csv", "incident_id,opened,closed,lat,lon\nI1,2024-03-07T09:50:00Z,2024-03-07T10:30:00Z,52.63,-1.14\n");
  const auto rows = rows_of(analyse(stops, days_of("O1", "V1", {4, 5, 6, 7}), "--incidents " + path("incidents.csv")));
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].at("visits"), "3");
  EXPECT_EQ(rows[0].at("explained_visits"), "1");
  EXPECT_EQ(rows[0].at("dwell_ids"), "V1#1;V1#2;V1#3");
}

// An off-duty stop (18:00, nobody on duty) is O1's only when the roster brackets it by O1 alone
// within 24 h: O1's shift ends 16:00 on the 4th and the next crewing of V1 is O1's at 08:00 on
// the 5th (16 h). It then counts for the shift before (S4-O1): visits 3 (10:00 and 18:00 on the
// 4th, 10:00 on the 5th), shifts 2, total_s 1,800 (three dwells of 600 s, the off-duty one whole).
TEST_F(Spots, OffDutyStopIsTheirsOnlyWhenTheRosterBracketsIt) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}, {"V1", 4, 18, kP0}, {"V1", 5, 10, kP0}};
  const auto mine = rows_of(analyse(stops, days_of("O1", "V1", {4, 5}), "--spot-min-visits 2"));
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].at("visits"), "3");
  EXPECT_EQ(mine[0].at("shifts"), "2");
  EXPECT_EQ(mine[0].at("total_s"), "1800");
  EXPECT_EQ(mine[0].at("dwell_ids"), "V1#1;V1#2;V1#3");
  // O2 has V1 on the 5th: the car went from O1 to O2, so the stop is no one's.
  const auto handed = rows_of(
      analyse(stops, {{"O1", "V1", 4}, {"O2", "V1", 5}}, "--spot-min-visits 1", false, "handed"));
  ASSERT_EQ(handed.size(), 2U);
  EXPECT_EQ(handed[0].at("officer_id"), "O1");
  EXPECT_EQ(handed[0].at("dwell_ids"), "V1#1");
  EXPECT_EQ(handed[1].at("officer_id"), "O2");
  EXPECT_EQ(handed[1].at("dwell_ids"), "V1#3");
  // O1 again on the 6th, not the 5th: 40 h between the crewings, over 24 h: no one's.
  const std::vector<Stop> later{{"V1", 4, 10, kP0}, {"V1", 4, 18, kP0}, {"V1", 6, 10, kP0}};
  const auto gap = rows_of(analyse(later, days_of("O1", "V1", {4, 6}), "--spot-min-visits 1", false, "gap"));
  ASSERT_EQ(gap.size(), 1U);
  EXPECT_EQ(gap[0].at("dwell_ids"), "V1#1;V1#3");
}

// dwells.csv names the nearest incident only within 1 km and 2 h by default. The dwell at P0 on
// the 4th, 10:00-10:10; I500 500.000 m north opens 11:30 (80 min after the dwell): named. I500L
// at the same place opens 12:30 (140 min after): not, until --nearest-incident-within 1000,3h.
// IFAR 999.999 m east (E1K), open during the dwell: nearer in time but farther; with 400,2h
// neither is near enough.
TEST_F(Spots, NearestIncidentOnlyWithinTheLimit) {
  const std::vector<Stop> stops{{"V1", 4, 10, kP0}};
  write("incidents.csv",
        "incident_id,opened,closed,lat,lon\n"
        "I500,2024-03-04T11:30:00Z,2024-03-04T11:40:00Z,52.6344932,-1.1400000\n"
        "IFAR,2024-03-04T10:00:00Z,2024-03-04T10:05:00Z,52.6299991,-1.1252311\n");
  const auto nearest = [&](const std::string& extra, const std::string& name) {
    analyse(stops, days_of("O1", "V1", {4}), "--incidents " + path("incidents.csv") + " " + extra, false, name);
    for (const auto& r : rows_of(read(path(name) + "/dwells.csv")))
      if (r.at("start") == "2024-03-04T10:00:00Z") return r.at("nearest_incident_id") + "@" + r.at("nearest_incident_m");
    return std::string("no dwell");
  };
  EXPECT_EQ(nearest("", "a"), "I500@500.00");
  EXPECT_EQ(nearest("--nearest-incident-within 400,2h", "b"), "@");
  write("incidents.csv",
        "incident_id,opened,closed,lat,lon\nI500L,2024-03-04T12:30:00Z,2024-03-04T12:40:00Z,52.6344932,-1.1400000\n");
  EXPECT_EQ(nearest("", "c"), "@");
  EXPECT_EQ(nearest("--nearest-incident-within 1000,3h", "d"), "I500L@500.00");
}

// The bundled case: the subject PC4471's stop at an address on no list (data/README.md, "The
// story"), four visits on three day shifts in PV01, shared with no one.
TEST_F(Spots, BundledCaseSubjectsRecurringStop) {
  const std::string d = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
  ASSERT_EQ(run("analyse --pings " + d + "pings.csv --shifts " + d + "shifts.csv --assignments " + d +
                "assignments.csv --places " + d + "places.csv --incidents " + d + "incidents.csv --events " + d +
                "events.csv --tz Europe/London --formats none --quiet --out " + path("out")),
            0)
      << m_stderr;
  const auto rows = rows_of(read(path("out") + "/recurring.csv"));
  ASSERT_EQ(rows.size(), 1U);
  const auto& r = rows[0];
  EXPECT_EQ(r.at("officer_id"), "PC4471");
  EXPECT_EQ(r.at("visits"), "4");
  EXPECT_EQ(r.at("shifts"), "3");
  EXPECT_EQ(r.at("days"), "3");
  // 9 + 26 + 11 + 7 minutes (the planted stops, data/README.md).
  EXPECT_EQ(r.at("total_s"), "3180");
  EXPECT_EQ(r.at("dwell_ids"), "PV01#43;PV01#142;PV01#148;PV01#195");
  EXPECT_EQ(r.at("vehicle_ids"), "PV01");
  EXPECT_EQ(r.at("shared"), "no");
  EXPECT_EQ(r.at("other_officers_n"), "0");
  EXPECT_EQ(r.at("explained_visits"), "0");
  // On no list: the nearest place is Central station, 1.4 km away.
  EXPECT_EQ(r.at("nearest_place_id"), "BASE-STN1");
  EXPECT_GT(std::stod(r.at("nearest_place_m")), 1000.0);
}

}  // namespace
}  // namespace shiftline_test
