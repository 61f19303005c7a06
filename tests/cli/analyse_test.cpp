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
//   16:50-17:10  parked at 51.52 N: on duty until 17:00 only -> unexplained, partial_duty
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
  EXPECT_EQ(column(dwells, "class"), (V{"base", "incident", "unexplained", "unexplained", "off_duty"}));
  EXPECT_EQ(column(dwells, "officer_ids"), (V{"PC1", "PC1", "PC1", "PC1", ""}));
  EXPECT_EQ(column(dwells, "shift_ids"), (V{"S1", "S1", "S1", "S1", ""}));
  EXPECT_EQ(column(dwells, "place_ids"), (V{"STN", "ADDR1", "ADDR1", "", ""}));
  EXPECT_EQ(column(dwells, "incident_ids"), (V{"", "INC1", "", "", ""}));
  // INC1's window is 08:45-10:00: only the second dwell overlaps it.
  EXPECT_EQ(column(dwells, "nearest_incident_id"), (V{"", "INC1", "", "", ""}));
  EXPECT_EQ(column(dwells, "flags"),
            (V{"", "", "revisit_after_closure:INC1;lookup_then_visit:events.csv:2", "partial_duty", ""}));

  const std::string unexplained = read(path("out/unexplained.csv"));
  EXPECT_EQ(column(unexplained, "dwell_id"), (V{"car1#3", "car1#4"}));  // 2400 s, then 1200 s

  const std::string visits = read(path("out/visits.csv"));
  EXPECT_EQ(visits.substr(0, visits.find('\n')),
            "place_id,label,vehicle_id,officer_ids,start,end,start_local,end_local,duration_s,class,incident_ids,flags,"
            "dwell_id,place_kind,distance_m,shift_ids");
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
            "crewed_s,unassigned_s,source");
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
            (V{"base", "unexplained", "unexplained", "unexplained", "off_duty"}));
  // car9 never pings: a warning names the incident's row.
  EXPECT_NE(read(path("assigned/warnings.csv")).find("incidents_other.csv,2,vehicle_id,unit_not_seen"),
            std::string::npos);
  ASSERT_EQ(run(args("any", "shifts.csv", "incidents_other.csv") + " --incident-match any-unit"), 0) << m_stderr;
  EXPECT_EQ(column(read(path("any/dwells.csv")), "class"),
            (V{"base", "incident", "unexplained", "unexplained", "off_duty"}));
}

TEST_F(Analyse, BadRowsAreReportedAndOverlappingAssignmentsStopTheRun) {
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
  EXPECT_EQ(run(args("overlap") + " --assignments " + path("assignments.csv")), 3);
  EXPECT_NE(m_stderr.find("assignments.csv:2"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("assignments.csv:3"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("overlap/dwells.csv")));
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
  EXPECT_EQ(run(args("nan") + " --place-radius nan"), 2);
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
                            "incident_ids", "flags", "bridged_gap_s", "nearest_incident_id", "nearest_incident_m"})
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
  auto partial = dwell(dwells, "PV03", "2024-10-30T16:41:00Z");
  EXPECT_EQ(partial["class"], "unexplained");
  EXPECT_EQ(partial["flags"], "partial_duty");
  EXPECT_EQ(partial["officer_ids"], "PC4499");
  auto near_miss = dwell(dwells, "PV04", "2024-11-01T14:12:00Z");
  EXPECT_EQ(near_miss["class"], "unexplained");
  EXPECT_EQ(near_miss["nearest_incident_id"], "INC-0017");
  EXPECT_NEAR(std::stod(near_miss["nearest_incident_m"]), 200.0, 10.0);
  EXPECT_EQ(dwell(dwells, "PV03", "2024-11-02T10:31:00Z")["class"], "unexplained");
  auto parked = dwell(dwells, "PV04", "2024-10-28T16:48:00Z");
  EXPECT_EQ(parked["end"], "2024-10-29T12:09:00Z");
  EXPECT_EQ(parked["class"], "base");
  EXPECT_EQ(parked["place_ids"], "BASE-STN2");
  EXPECT_EQ(parked["bridged_gap_s"], "42240");
  EXPECT_EQ(parked["officer_ids"], "PC4485;PC4513");  // PC4485 by assignment from 12:00Z

  const std::string rejected = read(path("out/rejected.csv"));
  EXPECT_EQ(column(rejected, "line"), (V{"26483", "72369", "72370", "72371", "72372"}));
  EXPECT_EQ(column(rejected, "reason"), (V{"conflicting_duplicate", "unparseable_field", "null_island",
                                           "coordinate_out_of_range", "conflicting_duplicate"}));

  ASSERT_EQ(run(case_args("any") + " --incident-match any-unit"), 0) << m_stderr;
  auto wrong_unit = dwell(read(path("any/dwells.csv")), "PV03", "2024-11-02T10:31:00Z");
  EXPECT_EQ(wrong_unit["class"], "incident");
  EXPECT_EQ(wrong_unit["incident_ids"], "INC-0019");
}
