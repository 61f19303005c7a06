// `shiftline analyse` end to end on a small case built here, with every expected value worked out
// by hand below; then the same tables as XLSX (GDAL), bad tables, and determinism.
//
// One car, car1, pings every minute from 08:00 to 18:00 UTC on 2024-01-15 (GMT: local = UTC),
// without a gap, along the meridian 0.12 W, so distances are latitude differences. Places: STN
// (base) at 51.500 N, ADDR1 (address) at 51.510 N. PC1 is on duty 07:00-17:00 in car1.
//
//   08:00-08:10  parked at STN                         -> base
//   08:10-09:05  drives 51.50 -> 51.56 -> 51.51 (12.2 km, about 222 m per minute)
//   09:05-09:25  parked at ADDR1; INC1 there 09:00-09:30, car1 attending -> incident
//   09:25-12:00  drives 51.51 -> 51.70 -> 51.51
//   12:00-12:40  parked at ADDR1 again; INC1 closed at 09:30; PC1 looked ADDR1 up at 11:00
//                -> unexplained, revisit_after_closure:INC1, lookup_then_visit:events.csv:2
//   12:40-16:50  drives 51.51 -> 51.70 -> 51.52
//   16:50-17:10  parked at 51.52 N: on duty until 17:00 only: 600 s unexplained, 600 s off duty;
//                the class is the larger share, a tie goes to off_duty -> off_duty, partial_duty
//   17:10-17:30  drives to 51.535 N (1.67 km in 20 min, 83 m per minute: never 2 min within 50 m)
//   17:30-18:00  parked at 51.535 N, nobody on duty -> off_duty
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;

struct Stop {
  int from_min;  // minutes after 08:00
  int to_min;
  double lat;
};

std::string hhmm(int minutes_after_8) {
  char buf[64];
  const int m = 8 * 60 + minutes_after_8;
  std::snprintf(buf, sizeof buf, "2024-01-15T%02d:%02d:00Z", m / 60, m % 60);
  return buf;
}

std::string row(int minute, double lat) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "car1,%s,%.7f,-0.1200000\n", hhmm(minute).c_str(), lat);
  return buf;
}

// Position along a route of latitudes at fraction f of its length (all on one meridian).
double along(const std::vector<double>& route, double f) {
  double total = 0;
  for (std::size_t i = 1; i < route.size(); ++i) total += std::abs(route[i] - route[i - 1]);
  double want = f * total;
  for (std::size_t i = 1; i < route.size(); ++i) {
    const double leg = std::abs(route[i] - route[i - 1]);
    if (want <= leg) return route[i - 1] + (route[i] > route[i - 1] ? want : -want);
    want -= leg;
  }
  return route.back();
}

std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  const auto park = [&](int from, int to, double lat) {
    for (int m = from; m <= to; ++m) csv += row(m, lat + (m % 2 ? 0.000004 : 0.0));  // 0.45 m scatter
  };
  const auto drive = [&](int from, int to, const std::vector<double>& route) {
    for (int m = from + 1; m < to; ++m) csv += row(m, along(route, static_cast<double>(m - from) / (to - from)));
  };
  park(0, 10, 51.50);
  drive(10, 65, {51.50, 51.56, 51.51});
  park(65, 85, 51.51);
  drive(85, 240, {51.51, 51.70, 51.51});
  park(240, 280, 51.51);
  drive(280, 530, {51.51, 51.70, 51.52});
  park(530, 550, 51.52);
  drive(550, 570, {51.52, 51.535});
  park(570, 600, 51.535);
  return csv;
}

const char* kShifts =
    "shift_id,officer_id,start,end,vehicle_id,callsign\n"
    "S1,PC1,2024-01-15 07:00,2024-01-15 17:00,car1,ALPHA1\n";
const char* kPlaces =
    "place_id,label,kind,lat,lon\n"
    "STN,Station (synthetic),base,51.5,-0.12\n"
    "ADDR1,Address 1 (synthetic),address,51.51,-0.12\n";
const char* kIncidents =
    "incident_id,opened,closed,place_id,type,vehicle_id\n"
    "INC1,2024-01-15 09:00,2024-01-15 09:30,ADDR1,domestic,car1\n";
const char* kEvents =
    "timestamp,officer_id,kind,subject,place_id,detail\n"
    "2024-01-15 11:00,PC1,records_lookup,Jane Doe (synthetic),ADDR1,PNC check\n";

class Analyse : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    write("pings.csv", make_pings());
    write("shifts.csv", kShifts);
    write("places.csv", kPlaces);
    write("incidents.csv", kIncidents);
    write("events.csv", kEvents);
  }
  std::string args(const std::string& out, const std::string& shifts = "shifts.csv",
                   const std::string& incidents = "incidents.csv") {
    return "analyse --pings " + path("pings.csv") + " --shifts " + path(shifts) + " --places " + path("places.csv") +
           " --incidents " + path(incidents) + " --events " + path("events.csv") + " --tz Europe/London --out " +
           path(out);
  }
  // Column `name` of every data row of a CSV whose quoted fields hold no line breaks.
  static std::vector<std::string> column(const std::string& csv, const std::string& name) {
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
    std::size_t idx = 0;
    while (idx < rows.at(0).size() && rows[0][idx] != name) ++idx;
    EXPECT_LT(idx, rows[0].size()) << "no column " << name;
    std::vector<std::string> out;
    for (std::size_t r = 1; r < rows.size(); ++r) out.push_back(idx < rows[r].size() ? rows[r][idx] : "<missing>");
    return out;
  }
};

using V = std::vector<std::string>;

TEST_F(Analyse, ClassesFlagsAndVisitsOfTheHandMadeCase) {
  ASSERT_EQ(run(args("out")), 0) << m_stderr;
  const std::string dwells = read(path("out/dwells.csv"));
  EXPECT_EQ(column(dwells, "dwell_id"), (V{"car1#1", "car1#2", "car1#3", "car1#4", "car1#5"}));
  EXPECT_EQ(column(dwells, "start"), (V{hhmm(0), hhmm(65), hhmm(240), hhmm(530), hhmm(570)}));
  EXPECT_EQ(column(dwells, "end"), (V{hhmm(10), hhmm(85), hhmm(280), hhmm(550), hhmm(600)}));
  EXPECT_EQ(column(dwells, "class"), (V{"base", "incident", "unexplained", "off_duty", "off_duty"}));
  // Each dwell's time by class adds up to its length.
  EXPECT_EQ(column(dwells, "base_s"), (V{"600", "0", "0", "0", "0"}));
  EXPECT_EQ(column(dwells, "incident_s"), (V{"0", "1200", "0", "0", "0"}));
  EXPECT_EQ(column(dwells, "unexplained_s"), (V{"0", "0", "2400", "600", "0"}));
  EXPECT_EQ(column(dwells, "off_duty_s"), (V{"0", "0", "0", "600", "1800"}));
  EXPECT_EQ(column(dwells, "duty_unknown_s"), (V{"0", "0", "0", "0", "0"}));
  EXPECT_EQ(column(dwells, "officer_on_duty_s"), (V{"PC1=600", "PC1=1200", "PC1=2400", "PC1=600", ""}));
  EXPECT_EQ(column(dwells, "officer_ids"), (V{"PC1", "PC1", "PC1", "PC1", ""}));
  EXPECT_EQ(column(dwells, "shift_ids"), (V{"S1", "S1", "S1", "S1", ""}));
  EXPECT_EQ(column(dwells, "place_ids"), (V{"STN", "ADDR1", "ADDR1", "", ""}));
  EXPECT_EQ(column(dwells, "incident_ids"), (V{"", "INC1", "", "", ""}));
  // INC1's window is 08:45-10:00: only the second dwell overlaps it.
  EXPECT_EQ(column(dwells, "nearest_incident_id"), (V{"", "INC1", "", "", ""}));
  EXPECT_EQ(column(dwells, "flags"),
            (V{"", "", "revisit_after_closure:INC1;lookup_then_visit:events.csv:2", "partial_duty", ""}));

  const std::string unexplained = read(path("out/unexplained.csv"));
  // Every dwell with unexplained time, most of it first: 2400 s, then 600 s (car1#4 is off_duty by
  // its larger share, but its 600 on-duty seconds are unexplained).
  EXPECT_EQ(column(unexplained, "dwell_id"), (V{"car1#3", "car1#4"}));

  const std::string visits = read(path("out/visits.csv"));
  EXPECT_EQ(visits.substr(0, visits.find('\n')),
            "place_id,label,vehicle_id,officer_ids,start,end,start_local,end_local,duration_s,class,incident_ids,flags,"
            "dwell_id,place_kind,distance_m,shift_ids,shape_distance_m,unexplained_s,context");
  EXPECT_EQ(column(visits, "place_id"), (V{"ADDR1", "ADDR1", "STN"}));
  EXPECT_EQ(column(visits, "dwell_id"), (V{"car1#2", "car1#3", "car1#1"}));
  EXPECT_EQ(column(visits, "start_local"), (V{"2024-01-15T09:05:00+00:00", "2024-01-15T12:00:00+00:00",
                                              "2024-01-15T08:00:00+00:00"}));
  EXPECT_EQ(column(visits, "duration_s"), (V{"1200", "2400", "600"}));

  const std::string flags = read(path("out/flags.csv"));
  EXPECT_EQ(column(flags, "flag"), (V{"revisit_after_closure:INC1", "lookup_then_visit:events.csv:2"}));
  // 12:00 - 09:30 = 9000 s; 12:00 - 11:00 = 3600 s.
  EXPECT_EQ(column(flags, "before_visit_s"), (V{"9000", "3600"}));
  EXPECT_EQ(column(flags, "evidence_rows"), (V{"incidents.csv:2", "events.csv:2"}));
  EXPECT_EQ(column(flags, "evidence_subject"), (V{"", "Jane Doe (synthetic)"}));
}

TEST_F(Analyse, ShiftFiguresWorkedByHand) {
  ASSERT_EQ(run(args("out")), 0) << m_stderr;
  const std::string shifts = read(path("out/shifts.csv"));
  EXPECT_EQ(shifts.substr(0, shifts.find('\n')),
            "shift_id,officer_id,start,end,on_duty_s,coverage,gap_s,moving_s,distance_km,incident_s,base_s,"
            "unexplained_s,unexplained_n,events_n,events_records_lookup_n,start_local,end_local,vehicle_ids,callsign,"
            "crewed_s,unassigned_s,source,unattributed_s");
  // On duty 07:00-17:00 = 36000 s; pings from 08:00 without a gap: covered 08:00-17:00 = 32400 s
  // (coverage 0.9), gap 3600 s. Dwell time on duty: base 600, incident 1200, unexplained 2400 +
  // 600 (16:50-17:00) = 3000; moving = 32400 - 4800 = 27600.
  EXPECT_EQ(column(shifts, "on_duty_s"), V{"36000"});
  EXPECT_EQ(column(shifts, "coverage"), V{"0.9000"});
  EXPECT_EQ(column(shifts, "gap_s"), V{"3600"});
  EXPECT_EQ(column(shifts, "base_s"), V{"600"});
  EXPECT_EQ(column(shifts, "incident_s"), V{"1200"});
  EXPECT_EQ(column(shifts, "unexplained_s"), V{"3000"});
  EXPECT_EQ(column(shifts, "unexplained_n"), V{"2"});
  EXPECT_EQ(column(shifts, "moving_s"), V{"27600"});
  EXPECT_EQ(column(shifts, "events_n"), V{"1"});
  EXPECT_EQ(column(shifts, "events_records_lookup_n"), V{"1"});
  // Driven while on duty: the three drives run 0.11 + 0.38 + 0.37 = 0.86 degrees of latitude, but
  // the pings just before and after each turn cut its corner, so the track is 0.8564204 degrees
  // (summed over the same ping list in Python, segments inside dwells left out). PROJ's geod gives
  // 22251.948 m from 51.5 N to 51.7 N on the meridian: 111.2597 km per degree here. 95.285 km.
  const double km = std::stod(column(shifts, "distance_km").at(0));
  EXPECT_NEAR(km, 0.8564204 * 111.2597, 0.005);
}

TEST_F(Analyse, AShiftInAVehicleThatNeverPingsIsAllGap) {
  write("shifts_two.csv",
        "shift_id,officer_id,start,end,vehicle_id\n"
        "S1,PC1,2024-01-15 07:00,2024-01-15 17:00,car1\n"
        "S2,PC2,2024-01-15 08:00,2024-01-15 12:00,car2\n");
  ASSERT_EQ(run(args("out", "shifts_two.csv")), 0) << m_stderr;
  const std::string shifts = read(path("out/shifts.csv"));
  EXPECT_EQ(column(shifts, "shift_id"), (V{"S1", "S2"}));
  // S2: 4 h crewed in car2, which has no ping at all: nothing covered, all of it a gap.
  EXPECT_EQ(column(shifts, "crewed_s"), (V{"36000", "14400"}));
  EXPECT_EQ(column(shifts, "gap_s"), (V{"3600", "14400"}));
  EXPECT_EQ(column(shifts, "coverage"), (V{"0.9000", "0.0000"}));
  EXPECT_EQ(column(shifts, "unassigned_s"), (V{"0", "0"}));
  // ... and the roster's vehicle id that matches no ping is named, not silently off duty.
  EXPECT_NE(read(path("out/warnings.csv")).find("shifts_two.csv,3,vehicle_id,unit_not_seen"), std::string::npos);
}

TEST_F(Analyse, SameResultFromXlsxTables) {
  if (std::system("command -v ogr2ogr >/dev/null 2>&1") != 0) GTEST_SKIP() << "ogr2ogr (gdal-bin) not installed";
  for (const char* name : {"shifts", "incidents"}) {
    const std::string cmd = std::string("ogr2ogr -f XLSX ") + path(std::string(name) + ".xlsx") + " " +
                            path(std::string(name) + ".csv") + " -nln " + name + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  ASSERT_EQ(run(args("csv")), 0) << m_stderr;
  ASSERT_EQ(run(args("xlsx", "shifts.xlsx", "incidents.xlsx")), 0) << m_stderr;
  for (const char* table : {"dwells.csv", "unexplained.csv", "visits.csv"})
    EXPECT_EQ(read(path(std::string("xlsx/") + table)), read(path(std::string("csv/") + table))) << table;
  EXPECT_EQ(column(read(path("xlsx/flags.csv")), "flag"),
            (V{"revisit_after_closure:INC1", "lookup_then_visit:events.csv:2"}));
  const std::string manifest = read(path("xlsx/manifest.json"));
  EXPECT_NE(manifest.find("\"driver\": \"XLSX\""), std::string::npos);
  EXPECT_NE(manifest.find("\"role\": \"incidents\""), std::string::npos);
}

TEST_F(Analyse, AnyUnitExplainsAnIncidentOfAnotherUnit) {
  write("incidents_other.csv",
        "incident_id,opened,closed,place_id,type,vehicle_id\n"
        "INC1,2024-01-15 09:00,2024-01-15 09:30,ADDR1,domestic,car9\n");
  ASSERT_EQ(run(args("assigned", "shifts.csv", "incidents_other.csv")), 0) << m_stderr;
  EXPECT_EQ(column(read(path("assigned/dwells.csv")), "class"),
            (V{"base", "unexplained", "unexplained", "off_duty", "off_duty"}));
  // car9 never pings: a warning names the incident's row.
  EXPECT_NE(read(path("assigned/warnings.csv")).find("incidents_other.csv,2,vehicle_id,unit_not_seen"),
            std::string::npos);
  ASSERT_EQ(run(args("any", "shifts.csv", "incidents_other.csv") + " --incident-match any-unit"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("any/dwells.csv")), "class"),
            (V{"base", "incident", "unexplained", "off_duty", "off_duty"}));
}

TEST_F(Analyse, BadRowsAreReportedAndOverlappingAssignmentsAttributeToNoOne) {
  write("shifts_bad.csv",
        "shift_id,officer_id,start,end,vehicle_id\n"
        "S1,PC1,2024-01-15 07:00,2024-01-15 17:00,car1\n"
        "S2,PC2,2024-01-15 17:00,2024-01-15 16:00,car1\n");  // line 3: ends before it starts
  write("incidents_bad.csv",
        "incident_id,opened,closed,place_id\n"
        "INC1,2024-01-15 09:00,2024-01-15 09:30,ADDR1\n"
        "INC2,2024-01-15 10:00,2024-01-15 10:30,NOWHERE\n");  // line 3: unknown place
  ASSERT_EQ(run(args("bad", "shifts_bad.csv", "incidents_bad.csv")), 0) << m_stderr;
  const std::string rejected = read(path("bad/rejected.csv"));
  EXPECT_NE(rejected.find("shifts_bad.csv,3,"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("end_before_start"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("incidents_bad.csv,3,place_id,unknown_place"), std::string::npos) << rejected;

  write("assignments.csv",
        "officer_id,vehicle_id,start,end\n"
        "PC1,car1,2024-01-15 08:00,2024-01-15 10:00\n"
        "PC1,car2,2024-01-15 09:00,2024-01-15 11:00\n");
  // PC1 in car1 08:00-10:00 and in car2 09:00-11:00: 09:00-10:00 is attributed to no one (as for
  // overlapping shifts), each row warned naming the other. car1#2 (09:05-09:25) has no one on duty
  // it can name: duty_unknown, not PC1's.
  ASSERT_EQ(run(args("overlap") + " --assignments " + path("assignments.csv")), 0) << m_stderr;
  const std::string warnings = read(path("overlap/warnings.csv"));
  EXPECT_NE(warnings.find("assignments.csv,2,start,overlapping_assignment"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("assignments.csv,3,start,overlapping_assignment"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("3600 s of it: that time is attributed to no one"), std::string::npos) << warnings;
  const std::string dwells = read(path("overlap/dwells.csv"));
  EXPECT_EQ(column(dwells, "class").at(1), "duty_unknown");
  EXPECT_EQ(column(dwells, "officer_ids").at(1), "");
  EXPECT_EQ(column(dwells, "duty_unknown_s").at(1), "1200");
  EXPECT_EQ(column(read(path("overlap/shifts.csv")), "unattributed_s"), V{"3600"});
}

TEST_F(Analyse, MapRenamesColumnsOfAnyTable) {
  write("shifts_renamed.csv",
        "shift_id,collar_no,on,off,vehicle_id,callsign\n"
        "S1,PC1,2024-01-15 07:00,2024-01-15 17:00,car1,ALPHA1\n");
  ASSERT_EQ(run(args("renamed", "shifts_renamed.csv") +
                " --map shifts.officer_id=collar_no --map shifts.start=on --map shifts.end=off"),
            0)
      << m_stderr;
  ASSERT_EQ(run(args("plain")), 0) << m_stderr;
  EXPECT_EQ(read(path("renamed/dwells.csv")), read(path("plain/dwells.csv")));
  EXPECT_EQ(run(args("badmap") + " --map rota.officer_id=x"), 2);
  EXPECT_EQ(run(args("badfield") + " --map shifts.colour=x"), 2);
  EXPECT_NE(m_stderr.find("shifts has no field 'colour'"), std::string::npos) << m_stderr;
  EXPECT_EQ(run(args("nofile", "no_such_shifts.csv")), 3);
  EXPECT_NE(m_stderr.find("no_such_shifts.csv"), std::string::npos) << m_stderr;
  // `dwells` reads no shifts: a --map of that table would be ignored, so it is refused.
  EXPECT_EQ(run("dwells --pings " + path("pings.csv") + " --out " + path("d") + " --map shifts.officer_id=x"), 2);
  EXPECT_NE(m_stderr.find("only `analyse` and `verify` read the shifts table"), std::string::npos) << m_stderr;
  EXPECT_EQ(run(args("nokinds") + " --lookup-kinds ''"), 2);
  // Kinds are trimmed as event kinds are: a space after the comma still names records_lookup.
  ASSERT_EQ(run(args("kinds") + " --lookup-kinds 'radio_status, records_lookup'"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("kinds/flags.csv")), "flag"),
            (V{"revisit_after_closure:INC1", "lookup_then_visit:events.csv:2"}));
  // Windows that would overflow instant arithmetic are refused; so are radii that are not numbers.
  EXPECT_EQ(run(args("long") + " --incident-after 100000000d"), 2);
  EXPECT_EQ(run(args("long2") + " --revisit-within 100000000d"), 2);
  EXPECT_EQ(run(args("long3") + " --min-duty-overlap 100000000d"), 2);
  EXPECT_EQ(run(args("notatime") + " --min-duty-overlap soon"), 2);
  EXPECT_EQ(run(args("nan") + " --place-radius nan"), 2);
}

TEST_F(Analyse, TheNewParametersAreEchoedInTheManifestAndTakeEffect) {
  // Defaults: 90 days and 5 minutes, echoed like every parameter.
  ASSERT_EQ(run(args("defaults")), 0) << m_stderr;
  const std::string manifest = read(path("defaults/manifest.json"));
  EXPECT_NE(manifest.find("\"revisit-within\": {\n      \"source\": \"default\",\n      \"value\": \"7776000s\""),
            std::string::npos)
      << manifest;
  EXPECT_NE(manifest.find("\"min-duty-overlap\": {\n      \"source\": \"default\",\n      \"value\": \"300s\""),
            std::string::npos);
  // car1#3 (12:00-12:40, PC1 on duty throughout) is flagged 9,000 s after INC1 closed and 3,600 s
  // after the look-up. --revisit-within 2h leaves the revisit out (said as context); with
  // --min-duty-overlap 41min neither flag holds (PC1 has 40 min there).
  ASSERT_EQ(run(args("short") + " --revisit-within 2h"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("short/flags.csv")), "flag"), V{"lookup_then_visit:events.csv:2"});
  EXPECT_NE(read(path("short/manifest.json")).find("\"source\": \"command line\",\n      \"value\": \"7200s\""),
            std::string::npos);
  EXPECT_NE(column(read(path("short/dwells.csv")), "context").at(2).find("INC1 at ADDR1: attended by PC1"), std::string::npos);
  ASSERT_EQ(run(args("long") + " --min-duty-overlap 41min"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("long/flags.csv")), "flag"), V{});
  ASSERT_EQ(run(args("forty") + " --min-duty-overlap 40min"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("forty/flags.csv")), "flag").size(), 2U);
}

TEST_F(Analyse, OutputsAreByteIdenticalAcrossThreadsAndRuns) {
  ASSERT_EQ(run(args("a") + " --threads 1"), 0) << m_stderr;
  ASSERT_EQ(run(args("b") + " --threads 2", "TZ=America/New_York LC_ALL=C.UTF-8"), 0) << m_stderr;
  for (const char* t : {"dwells.csv", "unexplained.csv", "visits.csv", "shifts.csv", "flags.csv", "gaps.csv",
                        "rejected.csv", "warnings.csv"})
    EXPECT_EQ(read(path(std::string("a/") + t)), read(path(std::string("b/") + t))) << t;
}

}  // namespace

// The bundled case (data/README.md, "What the report must show"): every finding listed there.
class BundledCase : public Analyse {
 protected:
  std::string case_args(const std::string& out) {
    const std::string d = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
    return "analyse --pings " + d + "pings.csv --shifts " + d + "shifts.csv --assignments " + d +
           "assignments.csv --places " + d + "places.csv --incidents " + d + "incidents.csv --events " + d +
           "events.csv --tz Europe/London --out " + path(out);
  }
  // The dwells.csv row of `vehicle` starting at `start`, as column -> value.
  static std::map<std::string, std::string> dwell(const std::string& csv, const std::string& vehicle,
                                                  const std::string& start) {
    const auto vehicles = column(csv, "vehicle_id");
    const auto starts = column(csv, "start");
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < vehicles.size(); ++i) {
      if (vehicles[i] != vehicle || starts[i] != start) continue;
      for (const char* c : {"end", "end_local", "start_local", "duration_s", "class", "officer_ids", "place_ids",
                            "incident_ids", "flags", "bridged_gap_s", "nearest_incident_id", "nearest_incident_m",
                            "unexplained_s", "off_duty_s", "base_s", "duty_unknown_s"})
        row[c] = column(csv, c).at(i);
    }
    return row;
  }
};

TEST_F(BundledCase, ReportShowsEveryListedFinding) {
  ASSERT_EQ(run(case_args("out")), 0) << m_stderr;
  const std::string dwells = read(path("out/dwells.csv"));

  auto revisit = dwell(dwells, "PV01", "2024-10-26T10:02:00Z");
  EXPECT_EQ(revisit["end"], "2024-10-26T11:04:00Z");
  EXPECT_EQ(revisit["start_local"], "2024-10-26T11:02:00+01:00");
  EXPECT_EQ(revisit["end_local"], "2024-10-26T12:04:00+01:00");
  EXPECT_EQ(revisit["duration_s"], "3720");
  EXPECT_EQ(revisit["class"], "unexplained");
  EXPECT_EQ(revisit["officer_ids"], "PC4471");
  EXPECT_EQ(revisit["place_ids"], "ADDR-A");
  EXPECT_EQ(revisit["flags"], "revisit_after_closure:INC-0004;lookup_then_visit:events.csv:100");
  // The only flagged visit: flags.csv has its two flags and nothing else.
  const std::string flags = read(path("out/flags.csv"));
  EXPECT_EQ(column(flags, "dwell_id"), (V{"PV01#91", "PV01#91"}));
  // Look-up at 2024-10-25T14:47:12Z, visit at 2024-10-26T10:02:00Z: 19 h 14 min 48 s = 69288 s.
  EXPECT_EQ(column(flags, "before_visit_s"), (V{"257400", "69288"}));

  auto attended = dwell(dwells, "PV01", "2024-10-23T09:26:00Z");
  EXPECT_EQ(attended["end"], "2024-10-23T10:21:00Z");
  EXPECT_EQ(attended["duration_s"], "3300");
  EXPECT_EQ(attended["class"], "incident");
  EXPECT_EQ(attended["incident_ids"], "INC-0004");

  const std::string shifts = read(path("out/shifts.csv"));
  const auto ids = column(shifts, "shift_id");
  const auto on_duty = column(shifts, "on_duty_s");
  const auto starts = column(shifts, "start");
  std::size_t over_change = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (starts[i] != "2024-10-26T21:00:00Z") continue;
    ++over_change;
    EXPECT_EQ(on_duty[i], "36000") << ids[i];
  }
  EXPECT_EQ(over_change, 3U);

  EXPECT_EQ(dwell(dwells, "PV02", "2024-10-31T18:06:00Z")["class"], "off_duty");
  // 16:41-17:00 on duty (PC4499, 1,140 s unexplained), 17:00-17:23 nobody (1,380 s): off_duty by the
  // larger share, and a row of unexplained.csv with its 1,140 s.
  auto partial = dwell(dwells, "PV03", "2024-10-30T16:41:00Z");
  EXPECT_EQ(partial["class"], "off_duty");
  EXPECT_EQ(partial["unexplained_s"], "1140");
  EXPECT_EQ(partial["off_duty_s"], "1380");
  EXPECT_EQ(partial["flags"], "partial_duty");
  EXPECT_EQ(partial["officer_ids"], "PC4499");
  EXPECT_NE(read(path("out/unexplained.csv")).find("PV03#196,"), std::string::npos);
  auto near_miss = dwell(dwells, "PV04", "2024-11-01T14:12:00Z");
  EXPECT_EQ(near_miss["class"], "unexplained");
  EXPECT_EQ(near_miss["nearest_incident_id"], "INC-0017");
  EXPECT_NEAR(std::stod(near_miss["nearest_incident_m"]), 200.0, 10.0);
  EXPECT_EQ(dwell(dwells, "PV03", "2024-11-02T10:31:00Z")["class"], "unexplained");
  auto parked = dwell(dwells, "PV04", "2024-10-28T16:48:00Z");
  EXPECT_EQ(parked["end"], "2024-10-29T12:09:00Z");
  // 16:48-17:00Z (PC4513) and 12:00-12:09Z (PC4485) on duty at the base: 720 + 540 = 1,260 s;
  // nobody on duty the other 68,400 s of its 69,660: off_duty by the larger share.
  EXPECT_EQ(parked["class"], "off_duty");
  EXPECT_EQ(parked["base_s"], "1260");
  EXPECT_EQ(parked["off_duty_s"], "68400");
  EXPECT_EQ(parked["place_ids"], "BASE-STN2");
  EXPECT_EQ(parked["bridged_gap_s"], "42240");
  EXPECT_EQ(parked["officer_ids"], "PC4485;PC4513");  // PC4485 by assignment from 12:00Z

  const std::string rejected = read(path("out/rejected.csv"));
  EXPECT_EQ(column(rejected, "file"), (V{"pings.csv", "pings.csv", "pings.csv", "pings.csv", "pings.csv", "shifts.csv"}));
  EXPECT_EQ(column(rejected, "line"), (V{"26483", "72369", "72370", "72371", "72372", "82"}));
  EXPECT_EQ(column(rejected, "reason"), (V{"conflicting_duplicate", "unparseable_field", "null_island",
                                           "coordinate_out_of_range", "conflicting_duplicate", "ambiguous_local_time"}));
  // The relief shift for PV02 written at 01:30 on the day the clocks go back (shifts.csv:82) may
  // cover 00:30Z-07:00Z: PV02, parked at BASE-STN2 with nobody on duty then, has those 23,400 s as
  // duty_unknown, not off_duty, and the run says so (issue 11, finding 12).
  EXPECT_NE(read(path("out/warnings.csv")).find("shifts.csv,82,,duty_unknown"), std::string::npos);
  auto relief = dwell(dwells, "PV02", "2024-10-25T15:45:00Z");
  EXPECT_EQ(relief["duty_unknown_s"], "23400");
  EXPECT_EQ(relief["class"], "off_duty");

  ASSERT_EQ(run(case_args("any") + " --incident-match any-unit"), 0) << m_stderr;
  auto wrong_unit = dwell(read(path("any/dwells.csv")), "PV03", "2024-11-02T10:31:00Z");
  EXPECT_EQ(wrong_unit["class"], "incident");
  EXPECT_EQ(wrong_unit["incident_ids"], "INC-0019");
}

// data/claims.csv against the bundled case (data/README.md, "The claims"): every verdict, basis and
// figure listed there. Each value was worked out from the data, not copied from the output:
// - intervals from the naive local times in claims.csv (BST = UTC+1 until 2024-10-27 01:00 UTC,
//   GMT after) and the roster in shifts.csv (no assignment covers these officers' claims);
// - inside/outside seconds by the midpoint rule (docs/verify.md) over the ping times in pings.csv;
//   gaps and the bridged silence from gaps.csv;
// - distances with `geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f` between the ping and the place
//   (places.csv, or the claim's lat,lon); a ping is at a 50 m place within 50 + 10 m (no
//   accuracy_m: the 10 m default margin); 100 m place (C08) within 110 m;
// - travel times in a silence: (distance - radius - 10 m) / (130 km/h = 36.111 m/s), rounded down
//   to the millisecond.
// All of it was also re-derived for every claim by a separate script (Python, geod, the rules of
// docs/verify.md) that agreed with claims.csv on every column checked here.
TEST_F(BundledCase, ClaimsVerdictsAndFigures) {
  const std::string d = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
  ASSERT_EQ(run(case_args("out") + " --claims " + d + "claims.csv"), 0) << m_stderr;
  const std::string csv = read(path("out/claims.csv"));
  const auto ids = column(csv, "claim_id");
  ASSERT_EQ(ids, (V{"C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11", "C12", "C13", "C14"}));
  // The claims.csv row of `id`, as column -> value.
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (const char* c : {"verdict", "basis", "feasible", "inside_s", "outside_s", "unobserved_s", "bridged_s",
                        "no_vehicle_s", "max_possible_stay_s", "nearest_m", "nearest_at", "nearest_row",
                        "evidence_rows", "explanation", "vehicles", "start", "end", "start_local", "end_local",
                        "uncertain_s", "max_stay_between_pings_s", "reach_speed_kmh"}) {
    const auto values = column(csv, c);
    for (std::size_t i = 0; i < ids.size(); ++i) rows[ids[i]][c] = values.at(i);
  }
  const auto expect = [&](const std::string& id, const std::string& verdict, const std::string& basis,
                          const std::string& feasible, const std::string& inside, const std::string& outside,
                          const std::string& unobserved, const std::string& bridged, const std::string& no_vehicle,
                          const std::string& max_stay) {
    auto& r = rows[id];
    EXPECT_EQ(r["verdict"], verdict) << id << ": " << r["explanation"];
    EXPECT_EQ(r["basis"], basis) << id;
    EXPECT_EQ(r["feasible"], feasible) << id;
    EXPECT_EQ(r["inside_s"], inside) << id;
    EXPECT_EQ(r["outside_s"], outside) << id;
    EXPECT_EQ(r["unobserved_s"], unobserved) << id;
    EXPECT_EQ(r["bridged_s"], bridged) << id;
    EXPECT_EQ(r["no_vehicle_s"], no_vehicle) << id;
    EXPECT_EQ(r["max_possible_stay_s"], max_stay) << id;
  };
  // The closest ping in the interval: distance (geod, 6 decimals; claims.csv has 2), time and row.
  const auto nearest = [&](const std::string& id, double metres, const std::string& at, const std::string& row) {
    auto& r = rows[id];
    ASSERT_FALSE(r["nearest_m"].empty()) << id;
    EXPECT_NEAR(std::stod(r["nearest_m"]), metres, 0.006) << id;
    EXPECT_EQ(r["nearest_at"], at) << id;
    EXPECT_EQ(r["nearest_row"], row) << id;
  };
  const auto says = [&](const std::string& id, const std::string& text) {
    EXPECT_NE(rows[id]["explanation"].find(text), std::string::npos) << id << ": " << rows[id]["explanation"];
  };
  // No ping of these claims lies in a place's uncertain band (radius to radius + 10 m), and no
  // vehicle was seen faster than 60 km/h (each one's fastest step between pings, geodesic + 1%:
  // PV01 59.1, PV02 58.9, PV03 59.0, PV04 59.3 km/h), so the bound stays at 130 km/h. `between` is
  // the longest possible stay over the steps between pings no more than 5 min apart.
  const auto steps = [&](const std::string& id, const std::string& between) {
    auto& r = rows[id];
    EXPECT_EQ(r["uncertain_s"], "0") << id;
    EXPECT_EQ(r["max_stay_between_pings_s"], between) << id;
    EXPECT_EQ(r["reach_speed_kmh"], "130.000") << id;
  };

  // C01 PC4471 absent ADDR-A, 2024-10-23 12:00 BST (11:00Z) to 2024-11-04 08:00 GMT (08:00Z):
  // 285 h = 1,026,000 s. PC4471 is in PV01 on his day shifts only: 23 Oct 11:00-16:00Z (5 h) and
  // 24, 25, 26 Oct (06:00-16:00Z), 27 Oct, 30, 31 Oct, 1, 2, 3 Nov (07:00-17:00Z): 95 h = 342,000 s;
  // the other 190 h = 684,000 s are no_vehicle (shifts.csv). PV01 has no gap in his shifts
  // (gaps.csv: its one gap is 26 Oct 05:37Z, before his shift). Inside: the pings at ADDR-A are
  // those of the revisit dwell, 10:02:00Z-11:04:00Z (pings.csv:6601-6632, within 6 m); the pings
  // around it, 10:01:30Z (366.74 m) and 11:04:30Z (342.38 m), are away, so by the midpoint rule
  // 10:01:45Z-11:04:15Z is inside: 3,750 s; outside 342,000 - 3,750 = 338,250. no_vehicle time is
  // open on both sides: reachable, its longest period (rest days, 27 Oct 17:00Z to 30 Oct 07:00Z)
  // 62 h = 223,200 s. Nearest: pings.csv:6614 (10:28:00Z, 52.6232615 -1.1144445), 0.108922 m.
  expect("C01", "contradicted", "seen_there", "yes", "3750", "338250", "684000", "0", "684000", "223200");
  nearest("C01", 0.108922, "2024-10-26T10:28:00Z", "pings.csv:6614");
  EXPECT_EQ(rows["C01"]["evidence_rows"], "pings.csv:6614");
  // Between pings (d = distance - 60 m, at 130 km/h = 36.111 m/s, floored to the ms): the longest
  // stay is while PV01 stands at BASE-STN1, 2.1 km from ADDR-A, pinging every 4 min: 23 Oct
  // 15:50-15:54Z, pings.csv:2219 (2,126.543103 m) and 2220 (2,126.733340 m): 57.227 s and 57.232 s
  // each way, 240 - 114.459 = 125.541 s.
  steps("C01", "125.541");
  EXPECT_EQ(rows["C01"]["start"], "2024-10-23T11:00:00Z");
  EXPECT_EQ(rows["C01"]["end_local"], "2024-11-04T08:00:00+00:00");

  // C02 PC4471 present BASE-STN1, 26 Oct 11:00-12:30 BST (10:00-11:30Z), 5,400 s, all in PV01 and
  // all away: PV01 drives from 1,021.822716 m (pings.csv:6597, 10:00:00Z) to ADDR-A (2,128.8 m from
  // BASE-STN1) and on to pings.csv:6677 (11:30:00Z, 52.5871676 -1.1883997), 6,073.886344 m away,
  // the farthest ping in the interval: the one quoted.
  expect("C02", "contradicted", "seen_away", "", "0", "5400", "0", "0", "0", "");
  nearest("C02", 1021.822716, "2024-10-26T10:00:00Z", "pings.csv:6597");
  EXPECT_EQ(rows["C02"]["evidence_rows"], "pings.csv:6677");
  says("C02", "6.1 km from BASE-STN1 (pings.csv:6677)");
  // Between pings: PV01's 2-min stop 1.4 km from BASE-STN1, 11:19-11:21Z (pings.csv:6659,
  // 1,390.276111 m; 6660, 1,384.790372 m), leaves 120 - 36.838 - 36.686 = 46.476 s. It does not
  // matter: a ping in the interval is surely away.
  steps("C02", "46.476");

  // C03 PC4471 present ADDR-A, 23 Oct 10:30-11:15 BST (09:30-10:15Z), 2,700 s, inside PV01's
  // INC-0004 dwell 09:26-10:21Z (2-min parked pings within 6 m). Start: ping 09:30Z
  // (pings.csv:1727); end 10:15Z is the midpoint of 10:14Z (pings.csv:1749) and 10:16Z. Nearest
  // pings.csv:1743 (10:02:00Z), 0.680792 m.
  expect("C03", "supported", "seen_there_throughout", "", "2700", "0", "0", "0", "0", "");
  nearest("C03", 0.680792, "2024-10-23T10:02:00Z", "pings.csv:1743");
  EXPECT_EQ(rows["C03"]["evidence_rows"], "pings.csv:1727;pings.csv:1749");
  steps("C03", "120");  // 2-min steps at the place, d = 0 on both sides: a stay of the whole step

  // C04 PV04 present BASE-STN2, 28 Oct 17:00 GMT to 29 Oct 07:00 GMT, 50,400 s, inside the dwell
  // PV04#141 (16:48Z-12:09Z next day). The silence 18:00:00Z-05:44:00Z (gaps.csv, bridged_by_dwell
  // PV04#141) = 42,240 s has pings.csv:64068 (5.544896 m) and pings.csv:64069 (3.352906 m) on its
  // sides, both at the station: bridged. The 4-min pings 17:00Z (pings.csv:64053) and 07:00Z
  // (pings.csv:64088) stand for the ends. Nearest pings.csv:64057 (17:16Z), 0.423225 m.
  expect("C04", "supported", "seen_there_throughout", "", "50400", "0", "0", "42240", "0", "");
  nearest("C04", 0.423225, "2024-10-28T17:16:00Z", "pings.csv:64057");
  EXPECT_EQ(rows["C04"]["evidence_rows"], "pings.csv:64053;pings.csv:64068;pings.csv:64069;pings.csv:64088");
  says("C04", "bridged by the dwell rule");
  steps("C04", "240");  // 4-min steps at the station

  // C05 PV04 absent BASE-STN2, 29 Oct 01:00-03:00 GMT: wholly inside that bridged silence, so no
  // ping in the interval (nearest empty) and 7,200 s bridged there.
  expect("C05", "contradicted", "bridged_there", "", "7200", "0", "0", "7200", "0", "");
  EXPECT_EQ(rows["C05"]["nearest_m"], "");
  EXPECT_EQ(rows["C05"]["evidence_rows"], "pings.csv:64068;pings.csv:64069");
  steps("C05", "");  // no step between pings touches the interval

  // C06 PC4492 (night shift in PV02) present BASE-STN2, 21 Oct 23:31-23:50 BST (22:31-22:50Z),
  // 1,140 s, inside PV02's gap 22:30:30Z-22:51:00Z (gaps.csv). pings.csv:19209 is 3,151.668354 m
  // from BASE-STN2: (3,151.668354 - 60) / 36.111 = 85.615 s, earliest arrival 22:31:55.615Z, after
  // the claimed 22:31:00Z: could not hold. pings.csv:19210 (22:51:00Z) is 2,656.883997 m away:
  // 71.913 s, latest departure 22:49:48.087Z. Possible stay 22:49:48.087 - 22:31:55.615 = 1,072.472 s.
  expect("C06", "contradicted", "could_not_hold", "yes", "0", "0", "1140", "0", "0", "1072.472");
  EXPECT_EQ(rows["C06"]["nearest_m"], "");
  EXPECT_EQ(rows["C06"]["evidence_rows"], "pings.csv:19209;pings.csv:19210");
  says("C06", "could not have been at BASE-STN2 before 2024-10-21 23:31:55.615 +01:00");
  steps("C06", "");

  // C07 PC4485 (day shift in PV02) absent ADDR-J, 21 Oct 15:00-16:00 BST (14:00-15:00Z), 3,600 s.
  // PV02's gap 14:35:30Z-14:54:00Z (gaps.csv) = 1,110 s unobserved; the rest, 2,490 s, observed away
  // (no ping within 60 m: the nearest is 252 m). Sides: pings.csv:18948 1,806.036771 m (48.351 s) and
  // pings.csv:18949 1,201.164951 m (31.601 s) from ADDR-J: possible stay
  // 1,110 - 48.351 - 31.601 = 1,030.048 s. Nearest pings.csv:18952 (14:55:30Z), 252.012962 m.
  expect("C07", "inconclusive", "could_have_been", "yes", "0", "2490", "1110", "0", "0", "1030.048");
  nearest("C07", 252.012962, "2024-10-21T14:55:30Z", "pings.csv:18952");
  EXPECT_EQ(rows["C07"]["evidence_rows"], "pings.csv:18948;pings.csv:18949");
  says("C07", "for up to 17 min 10 s");
  // Between pings the best is PV02's 2-min stop 14:29-14:31Z, pings.csv:18941 (1,581.976687 m)
  // and 18942 (1,579.404243 m): 120 - 42.147 - 42.075 = 35.778 s, less than the gap's 1,030.048 s,
  // so the gap is quoted.
  steps("C07", "35.778");

  // C08 PV03 absent 52.7718 -1.2063 (radius 100 m), 30 Oct 03:00-03:30 GMT, 1,800 s. PV03's gap
  // 03:07:30Z-03:16:00Z (gaps.csv) = 510 s unobserved, 1,290 s observed away. Sides: pings.csv:47933
  // 18,936.728204 m and pings.csv:47934 13,415.612197 m from the point: (d - 110) / 36.111 =
  // 521.355 s and 368.463 s, together 889.8 s > 510 s: earliest arrival 03:16:11.355Z after latest
  // departure 03:09:51.537Z, unreachable. Nearest pings.csv:47937 (03:17:30Z), 12,954.134313 m.
  expect("C08", "supported", "unreachable", "no", "0", "1290", "510", "0", "0", "");
  nearest("C08", 12954.134313, "2024-10-30T03:17:30Z", "pings.csv:47937");
  EXPECT_EQ(rows["C08"]["evidence_rows"], "pings.csv:47933;pings.csv:47934;pings.csv:47937");
  // PV03 is 13-19 km away throughout: no step between pings leaves a stay either.
  steps("C08", "");
  says("C08", "had no time to reach it between pings or in any silence");

  // C09 PV02 present BASE-STN2, 26 Oct 22:00 BST (21:00Z) to 27 Oct 07:00 GMT (07:00Z): 10 h =
  // 36,000 s over the clock change (9 h on the wall clock), inside PV02's dwell 25 Oct 15:45Z to
  // 27 Oct 22:11Z with 4-min pings (no gap). Start 21:00Z: 20:57Z and 21:01Z (pings.csv:26102)
  // meet at 20:59Z; end 07:00Z: 06:57Z and 07:01Z (pings.csv:26252) meet at 06:59Z. Nearest
  // pings.csv:26230 (05:33Z), 0.047558 m.
  expect("C09", "supported", "seen_there_throughout", "", "36000", "0", "0", "0", "0", "");
  nearest("C09", 0.047558, "2024-10-27T05:33:00Z", "pings.csv:26230");
  EXPECT_EQ(rows["C09"]["start_local"], "2024-10-26T22:00:00+01:00");
  EXPECT_EQ(rows["C09"]["end_local"], "2024-10-27T07:00:00+00:00");
  EXPECT_EQ(rows["C09"]["evidence_rows"], "pings.csv:26102;pings.csv:26252");
  steps("C09", "240");

  // C10 PC4499 present 52.6171835 -1.0860628, 30 Oct 16:45-17:15 GMT. His shift (PV03) ends at
  // 17:00: 16:45-17:00 in PV03, parked at the point (2-min pings within 6 m): 900 s inside;
  // 17:00-17:15 in no vehicle: 900 s, open on both sides, reachable, stay 900 s. Nearest
  // pings.csv:49070 (16:45:00Z), 0.748571 m. The quoted period is the no_vehicle one, which has no
  // pings around it: no evidence rows.
  expect("C10", "inconclusive", "could_have_been", "yes", "900", "0", "900", "0", "900", "900");
  nearest("C10", 0.748571, "2024-10-30T16:45:00Z", "pings.csv:49070");
  EXPECT_EQ(rows["C10"]["vehicles"], "PV03");
  says("C10", "PC4499 was in no vehicle on the roster");
  EXPECT_EQ(rows["C10"]["evidence_rows"], "");
  steps("C10", "120");

  // C11 PV01 present ADDR-A, 26 Oct 11:01:40-12:00:00 BST (10:01:40-11:00:00Z), 3,500 s.
  // pings.csv:6600 (10:01:30Z, before the interval) is 366.742543 m away; pings.csv:6601 (10:02:00Z)
  // is at the address: they meet at 10:01:45Z, so 5 s are outside by the midpoint rule only,
  // 3,495 s inside, every ping in the interval at the address. The prism of that step does not
  // contradict: (366.742543 - 60) / 36.111 = 8.494 s, so PV01 could have been at the address from
  // 10:01:38.494Z, before the claimed 10:01:40Z: edge. Nearest as in C01; 2-min steps at the address.
  expect("C11", "inconclusive", "edge", "", "3495", "5", "0", "0", "0", "");
  nearest("C11", 0.108922, "2024-10-26T10:28:00Z", "pings.csv:6614");
  EXPECT_EQ(rows["C11"]["evidence_rows"], "pings.csv:6600");
  says("C11", "(pings.csv:6600, 367 m from ADDR-A), outside the claimed interval");
  steps("C11", "120");

  // C12 PV01 absent ADDR-A, 26 Oct 12:04:10-13:00:00 BST (11:04:10-12:00:00Z), 3,350 s.
  // pings.csv:6632 (11:04:00Z, before the interval) is 4.958367 m away, at the address;
  // pings.csv:6633 (11:04:30Z) 342.383560 m: they meet at 11:04:15Z, so 5 s are inside by the
  // midpoint rule only, 3,345 s outside, no gap until 12:00Z. No ping in the interval is inside,
  // but the step 6632-6633 touches it: earliest arrival the interval's start (d1 = 0), latest
  // departure 11:04:30Z - (342.383560 - 60) / 36.111 s = 11:04:30Z - 7.819 s = 11:04:22.181Z: a
  // stay of 12.181 s (no later step leaves as much): could_have_been, that step quoted.
  expect("C12", "inconclusive", "could_have_been", "", "5", "3345", "0", "0", "0", "");
  nearest("C12", 342.383560, "2024-10-26T11:04:30Z", "pings.csv:6633");
  EXPECT_EQ(rows["C12"]["evidence_rows"], "pings.csv:6632;pings.csv:6633");
  steps("C12", "12.181");
  says("C12", "for up to 12 s, between 2024-10-26 12:04:10 +01:00 and 2024-10-26 12:04:22.181 +01:00");

  // C13 PV02 absent ADDR-A, 26 Oct 11:00-12:05 BST (10:00-11:05Z), 3,900 s: PV02 is parked at
  // BASE-STN2 (dwell since 25 Oct 15:45Z, 4-min pings), 1,695-1,704 m from ADDR-A, no ping inside
  // and no gap; nearest pings.csv:25941 (10:17Z), 1,695.049517 m. But 4 min between pings is time
  // enough to drive there and back: the best step, 10:13-10:17Z (pings.csv:25940, 1,696.589192 m;
  // 25941), needs 1,636.589192 / 36.111 = 45.320 s and 1,635.049517 / 36.111 = 45.278 s, leaving
  // 240 - 90.598 = 149.402 s (10:13:45.320Z to 10:16:14.722Z): inconclusive, could_have_been.
  expect("C13", "inconclusive", "could_have_been", "", "0", "3900", "0", "0", "0", "");
  nearest("C13", 1695.049517, "2024-10-26T10:17:00Z", "pings.csv:25941");
  EXPECT_EQ(rows["C13"]["evidence_rows"], "pings.csv:25940;pings.csv:25941");
  steps("C13", "149.402");
  says("C13", "for up to 2 min 29 s, between 2024-10-26 11:13:45.320 +01:00 and 2024-10-26 11:16:14.722 +01:00");

  // C14 PV02 absent ADDR-C, the same interval: every ping 5,898-5,906 m from ADDR-C, so each way
  // takes at least 161.679 s and every 4-min step needs at least 323.366 s: no step between pings
  // leaves a stay, and there is no gap: supported, seen_away_throughout. Nearest pings.csv:25941
  // again, 5,898.437291 m, the only evidence.
  expect("C14", "supported", "seen_away_throughout", "", "0", "3900", "0", "0", "0", "");
  nearest("C14", 5898.437291, "2024-10-26T10:17:00Z", "pings.csv:25941");
  EXPECT_EQ(rows["C14"]["evidence_rows"], "pings.csv:25941");
  steps("C14", "");
  says("C14", "had no time to reach it between pings; its closest approach was 5.9 km");

  // Supported C03 C04 C08 C09 C14; contradicted C01 C02 C05 C06; inconclusive C07 C10-C13.
  const std::string manifest = read(path("out/manifest.json"));
  EXPECT_NE(manifest.find("\"claims_supported\": 5"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"claims_contradicted\": 4"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"claims_inconclusive\": 5"), std::string::npos) << manifest;
  EXPECT_EQ(read(path("out/rejected.csv")).find("claims.csv"), std::string::npos);  // every claim row used
}
