// Issue 14, "Scope (data minimisation)": --officer, --vehicle, --from, --to and --scope-margin
// (docs/scope.md), end to end through the program, on one small case worked by hand.
//
// The case, 2024-03-05, UTC, a ping a minute at fixed positions (so each stay is one dwell of
// radius 0; stays of one vehicle follow one another a minute apart, 0.01 degrees of latitude =
// 1.1 km, 66 km/h, or after a silence):
//
//   PV1  S0 07:00-07:59 at 52.5500,-1.3333  60 pings  (B's shift: out of scope)
//        S1 08:30-09:30 at 52.6000,-1.1000  61 pings  (B's shift; 09:00-09:30 in A's margin)
//        S2 09:31-11:30 at 52.6100,-1.1000 120 pings  (A from 10:00, C from 11:00)
//        S3 11:31-13:30 at 52.6200,-1.1000 120 pings  (A and C to 12:00; C alone to 15:00)
//        S4 14:00-14:59 at 52.6500,-1.4444  60 pings  (C alone: out of scope)
//   PV2  T  10:00-11:59 at 52.7500,-1.5555 120 pings  (D's vehicle: out of scope)
//
//   shifts: A = PC9001 PV1 10:00-12:00; B = PC9002 PV1 06:00-09:30; C = PC9003 PV1 11:00-15:00;
//           D = PC9004 PV2 10:00-12:00.
//
// `--officer PC9001` (margin 1 h): PV1 is kept over [09:00, 13:00): 31 + 120 + 89 = 240 pings
// (S1 from 09:00, S2 whole, S3 to 12:59), 541 - 240 = 301 dropped; three dwells: S1 09:00-09:30
// (cut at the scope's start; its crew B is withheld: duty unknown), S2 09:31-11:30 (crew A and C),
// S3 11:31-12:59 (cut at the scope's end; A and C to 12:00, C's time alone after 12:00 withheld).
// C is named, as co-crew, only for 11:00-12:00: C's shift in shifts.csv is cut to that hour. B and
// D, PV2, and the positions of S0, S4 and T (longitudes -1.3333, -1.4444, -1.5555) appear in no
// output file at all.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/csv_rows.hpp"
#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;
using Row = std::map<std::string, std::string>;

std::string hms(int s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

// "HH:MM" on 2024-03-05 -> seconds since midnight.
int at(const std::string& hm) { return std::stoi(hm.substr(0, 2)) * 3600 + std::stoi(hm.substr(3, 2)) * 60; }

std::string z(const std::string& hm) { return "2024-03-05T" + hm + ":00Z"; }

std::vector<Row> rows_of(const std::string& csv) { return shiftline::test::csv_rows(csv); }

class Scope : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    std::string pings = "vehicle_id,timestamp,lat,lon\n";
    const auto stay = [&](const char* vehicle, const char* from, const char* to, const char* lat, const char* lon) {
      for (int s = at(from); s <= at(to); s += 60)
        pings += std::string(vehicle) + ",2024-03-05T" + hms(s) + "Z," + lat + "," + lon + "\n";
    };
    stay("PV1", "07:00", "07:59", "52.5500000", "-1.3333000");
    stay("PV1", "08:30", "09:30", "52.6000000", "-1.1000000");
    stay("PV1", "09:31", "11:30", "52.6100000", "-1.1000000");
    stay("PV1", "11:31", "13:30", "52.6200000", "-1.1000000");
    stay("PV1", "14:00", "14:59", "52.6500000", "-1.4444000");
    stay("PV2", "10:00", "11:59", "52.7500000", "-1.5555000");
    // One row of PV2 that ingest rejects (latitude out of range): its detail would quote PV2's
    // position, so a scoped run cites the row but withholds the detail.
    pings += "PV2,2024-03-05T10:30:30Z,95.0000000,-1.5555000\n";
    write("pings.csv", pings);
    write("shifts.csv", "shift_id,officer_id,start,end,vehicle_id,callsign\n"
                        "SA,PC9001," + z("10:00") + "," + z("12:00") + ",PV1,CS-A\n"
                        "SB,PC9002," + z("06:00") + "," + z("09:30") + ",PV1,CS-B\n"
                        "SC,PC9003," + z("11:00") + "," + z("15:00") + ",PV1,CS-C\n"
                        "SD,PC9004," + z("10:00") + "," + z("12:00") + ",PV2,CS-D\n");
    // Look-ups: A's and C's (co-crew, during the shared hour) stay; B's and D's go.
    write("events.csv", "timestamp,officer_id,kind,subject,place_id,detail\n" +
                            z("10:15") + ",PC9001,records_lookup,Someone,,check\n" +
                            z("11:15") + ",PC9003,records_lookup,Someone,,check\n" +
                            z("08:00") + ",PC9002,records_lookup,Other,,check\n" +
                            z("10:30") + ",PC9004,records_lookup,Other,,check\n");
    // INC-1 is in the time of the scope (its place is case data, kept) but names D and PV2: its
    // units are cut. INC-2 is hours before anything in scope (03:00-03:30, +- 15/30 min): dropped.
    write("incidents.csv", "incident_id,opened,closed,lat,lon,place_id,type,vehicle_id,officer_id,callsign\n"
                           "INC-1," + z("10:00") + "," + z("11:00") + ",52.6800000,-1.2000000,,test,PV2,PC9004,CS-D\n"
                           "INC-2," + z("03:00") + "," + z("03:30") + ",52.6900000,-1.2000000,,test,PV1,PC9002,CS-B\n");
    write("claims.csv", "claim_id,vehicle_id,officer_id,lat,lon,radius_m,start,end,assertion\n"
                        "K1,,PC9001,52.6100000,-1.1000000,50," + z("10:10") + "," + z("10:20") + ",present\n"
                        "K2,,PC9004,52.7500000,-1.5555000,50," + z("10:10") + "," + z("10:20") + ",present\n"
                        "K3,PV2,,52.7500000,-1.5555000,50," + z("10:10") + "," + z("10:20") + ",present\n");
  }

  int analyse(const std::string& out, const std::string& extra) {
    return run("analyse --pings " + path("pings.csv") + " --shifts " + path("shifts.csv") + " --events " +
               path("events.csv") + " --incidents " + path("incidents.csv") + " --claims " + path("claims.csv") +
               " --tz Europe/London --out " + path(out) + " " + extra);
  }
  int dwells(const std::string& out, const std::string& extra) {
    return run("dwells --pings " + path("pings.csv") + " --out " + path(out) + " " + extra);
  }

  std::vector<Row> table(const std::string& out, const std::string& name) { return rows_of(read(path(out + "/" + name))); }
  nlohmann::json results(const std::string& out) {
    return nlohmann::json::parse(read(path(out + "/manifest.json"))).at("results");
  }
  // Every file of the output folder whose bytes hold `text`.
  std::vector<std::string> files_holding(const std::string& out, const std::string& text) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(path(out)))
      if (read(e.path().string()).find(text) != std::string::npos) found.push_back(e.path().filename().string());
    std::sort(found.begin(), found.end());
    return found;
  }
  static std::vector<std::string> dwell_spans(const std::vector<Row>& rows) {
    std::vector<std::string> spans;
    for (const auto& r : rows) spans.push_back(r.at("vehicle_id") + " " + r.at("start") + "/" + r.at("end"));
    return spans;
  }
};

TEST_F(Scope, OfficerKeepsHisVehicleWindowsWithTheMargin) {
  ASSERT_EQ(analyse("o", "--officer PC9001"), 0) << m_stderr;
  const auto d = table("o", "dwells.csv");
  // S1 from the margin's start, S2 whole, S3 to the margin's end (last ping before 13:00).
  EXPECT_EQ(dwell_spans(d), (std::vector<std::string>{"PV1 " + z("09:00") + "/" + z("09:30"),
                                                      "PV1 " + z("09:31") + "/" + z("11:30"),
                                                      "PV1 " + z("11:31") + "/2024-03-05T12:59:00Z"}));
  ASSERT_EQ(d.size(), 3U);
  // S1: B's crew time is withheld, so duty unknown, not off duty; the dwell says it was cut.
  EXPECT_EQ(d[0].at("class"), "duty_unknown");
  EXPECT_EQ(d[0].at("officer_ids"), "");
  EXPECT_NE(d[0].at("context").find("cut by the scope's start"), std::string::npos);
  EXPECT_NE(d[2].at("context").find("cut by the scope's end"), std::string::npos);
  // Unscoped, the same pings give five PV1 dwells and one of PV2 (and S1 starts at 08:30).
  ASSERT_EQ(analyse("all", ""), 0) << m_stderr;
  EXPECT_EQ(table("all", "dwells.csv").size(), 6U);
}

TEST_F(Scope, OfficerDropsColleaguesFromEveryOutput) {
  ASSERT_EQ(analyse("o", "--officer PC9001"), 0) << m_stderr;
  // Every file, the report, the geodata, the timelines and the manifest included: no other
  // officer's id, vehicle, callsign or out-of-scope position. (The manifest names the input files
  // and their hashes, not their contents.)
  for (const char* other : {"PC9002", "PC9004", "PV2", "CS-B", "CS-D", "1.3333", "1.4444", "1.5555", "52.55", "52.65",
                            "52.75"})
    EXPECT_EQ(files_holding("o", other), std::vector<std::string>{}) << other;
  // The check can fail: unscoped, those ids and positions are in the outputs.
  ASSERT_EQ(analyse("all", ""), 0) << m_stderr;
  for (const char* other : {"PC9002", "PC9004", "PV2", "1.3333", "1.5555"})
    EXPECT_FALSE(files_holding("all", other).empty()) << other;
}

TEST_F(Scope, CoCrewNamedOnlyForTheSharedTime) {
  ASSERT_EQ(analyse("o", "--officer PC9001"), 0) << m_stderr;
  const auto d = table("o", "dwells.csv");
  ASSERT_EQ(d.size(), 3U);
  EXPECT_EQ(d[1].at("officer_ids"), "PC9001;PC9003");  // S2: C joined A at 11:00
  EXPECT_EQ(d[2].at("officer_ids"), "PC9001;PC9003");  // S3: both to 12:00
  // S3 11:31-12:59: 29 min with A and C on duty, unexplained; 59 min of C alone, withheld: unknown.
  EXPECT_EQ(d[2].at("unexplained_s"), "1740");
  EXPECT_EQ(d[2].at("duty_unknown_s"), "3540");
  std::map<std::string, Row> shifts;
  for (const auto& r : table("o", "shifts.csv")) shifts[r.at("officer_id")] = r;
  ASSERT_EQ(shifts.size(), 2U);  // A's, and C's cut to the hour shared with A
  EXPECT_EQ(shifts.at("PC9001").at("start"), z("10:00"));
  EXPECT_EQ(shifts.at("PC9003").at("start"), z("11:00"));
  EXPECT_EQ(shifts.at("PC9003").at("end"), z("12:00"));
  // C's look-up in the shared hour is an event of the case; B's and D's are not.
  const auto m = results("o");
  EXPECT_EQ(m.at("events"), 2);
  EXPECT_EQ(m.at("out_of_scope_events"), 2);
}

TEST_F(Scope, OutOfScopeRowsAreCountedInTheManifest) {
  ASSERT_EQ(analyse("o", "--officer PC9001"), 0) << m_stderr;
  const auto m = results("o");
  EXPECT_EQ(m.at("out_of_scope_pings"), 301);  // 541 - (31 + 120 + 89)
  EXPECT_EQ(m.at("pings_used"), 240);
  EXPECT_EQ(m.at("out_of_scope_shifts"), 2);     // B's and D's
  EXPECT_EQ(m.at("out_of_scope_incidents"), 1);  // INC-2
  EXPECT_EQ(m.at("out_of_scope_claims"), 2);     // K2 (D) and K3 (PV2)
  EXPECT_EQ(m.at("dwells_cut_by_scope"), 2);     // S1 and S3
  EXPECT_EQ(m.at("claims"), 1);
  // Out-of-scope rows are not rejected rows; the one row ingest rejected is cited, its detail withheld.
  const auto rejected = table("o", "rejected.csv");
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_EQ(rejected[0].at("line"), "543");  // header + 541 pings + this one
  EXPECT_EQ(rejected[0].at("reason"), "coordinate_out_of_range");
  EXPECT_EQ(rejected[0].at("detail").rfind("withheld: the run is scoped", 0), 0U) << rejected[0].at("detail");
  EXPECT_EQ(m.at("withheld_problem_details"), 1);
  // The scope is recorded with the parameters.
  const auto p = nlohmann::json::parse(read(path("o/manifest.json"))).at("parameters");
  EXPECT_EQ(p.at("officer").at("value"), "PC9001");
  EXPECT_EQ(p.at("scope-margin").at("value"), "3600s");
  // The inputs are still hashed whole: each file listed once, with its SHA-256.
  const auto inputs = nlohmann::json::parse(read(path("o/manifest.json"))).at("inputs");
  EXPECT_EQ(inputs.size(), 5U);
}

TEST_F(Scope, ReportSaysTheScopeFirst) {
  ASSERT_EQ(analyse("o", "--officer PC9001 --formats html"), 0) << m_stderr;
  const std::string page = read(path("o/report.html"));
  const auto scope = page.find("Scope: officers PC9001; vehicles all; from open to open; margin 3600 s");
  ASSERT_NE(scope, std::string::npos);
  EXPECT_LT(scope, page.find("Inputs"));
  ASSERT_EQ(analyse("all", "--formats html"), 0) << m_stderr;
  EXPECT_EQ(read(path("all/report.html")).find("Scope:"), std::string::npos);
}

TEST_F(Scope, VehicleKeepsThatVehicleThroughout) {
  ASSERT_EQ(dwells("v", "--vehicle PV2"), 0) << m_stderr;
  EXPECT_EQ(dwell_spans(table("v", "dwells.csv")),
            std::vector<std::string>{"PV2 " + z("10:00") + "/" + z("11:59")});
  EXPECT_EQ(results("v").at("out_of_scope_pings"), 421);  // PV1's 60 + 61 + 120 + 120 + 60
  EXPECT_TRUE(files_holding("v", "PV1").empty());
}

TEST_F(Scope, FromToIntersectWithVehicle) {
  // PV1 over [09:00, 11:31): S1 cut at 09:00, S2 whole; the silence before 09:00 is not a gap.
  ASSERT_EQ(dwells("v", "--vehicle PV1 --from 2024-03-05T09:00:00Z --to 2024-03-05T11:31:00Z"), 0) << m_stderr;
  EXPECT_EQ(dwell_spans(table("v", "dwells.csv")),
            (std::vector<std::string>{"PV1 " + z("09:00") + "/" + z("09:30"), "PV1 " + z("09:31") + "/" + z("11:30")}));
  EXPECT_EQ(table("v", "gaps.csv").size(), 0U);
  // With --officer: A's window [09:00, 13:00) cut from 11:31: S3 only.
  ASSERT_EQ(analyse("o", "--officer PC9001 --from 2024-03-05T11:31:00Z"), 0) << m_stderr;
  EXPECT_EQ(dwell_spans(table("o", "dwells.csv")),
            std::vector<std::string>{"PV1 " + z("11:31") + "/2024-03-05T12:59:00Z"});
}

TEST_F(Scope, RepeatedFlagsUnite) {
  ASSERT_EQ(dwells("v", "--vehicle PV1 --vehicle PV2"), 0) << m_stderr;
  EXPECT_EQ(table("v", "dwells.csv").size(), 6U);  // everything, as unscoped
  EXPECT_EQ(results("v").at("out_of_scope_pings"), 0);
  ASSERT_EQ(analyse("o", "--officer PC9001 --officer PC9004"), 0) << m_stderr;
  // A's three PV1 dwells and D's PV2 stay (10:00-11:59 within [09:00, 13:00)).
  EXPECT_EQ(table("o", "dwells.csv").size(), 4U);
  EXPECT_FALSE(files_holding("o", "PC9004").empty());
  EXPECT_TRUE(files_holding("o", "PC9002").empty());
}

TEST_F(Scope, VerifyKeepsOnlyTheSubjectsClaims) {
  ASSERT_EQ(run("verify --pings " + path("pings.csv") + " --shifts " + path("shifts.csv") + " --claims " +
                path("claims.csv") + " --officer PC9001 --out " + path("w")),
            0)
      << m_stderr;
  const auto claims = table("w", "claims.csv");
  ASSERT_EQ(claims.size(), 1U);
  // K1: A's car PV1 stood at S2 (the claimed point, 0 m) every minute from 10:10 to 10:20.
  EXPECT_EQ(claims[0].at("claim_id"), "K1");
  EXPECT_EQ(claims[0].at("verdict"), "supported");
  for (const char* other : {"PC9002", "PC9004", "PV2", "1.5555"})
    EXPECT_EQ(files_holding("w", other), std::vector<std::string>{}) << other;
}

// The bundled case (data/README.md): PC4471 drives PV01 by day, PC4478 by night; no other officer,
// vehicle or callsign of the case is in any output of a run scoped to PC4471.
TEST_F(Scope, BundledCaseOfficerPC4471) {
  const std::string data = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
  ASSERT_EQ(run("analyse --pings " + data + "pings.csv --shifts " + data + "shifts.csv --assignments " + data +
                "assignments.csv --places " + data + "places.csv --incidents " + data + "incidents.csv --events " +
                data + "events.csv --claims " + data + "claims.csv --tz Europe/London --officer PC4471 --out " +
                path("o")),
            0)
      << m_stderr;
  for (const char* other : {"PC4478", "PC4485", "PC4492", "PC4499", "PC4506", "PC4513", "PC4520", "PC4527", "PV02",
                            "PV03", "PV04", "NC02", "NC03", "NC04"})
    EXPECT_EQ(files_holding("o", other), std::vector<std::string>{}) << other;
  // The case's finding about PC4471 survives the scope: the revisit of Address A after INC-0004
  // and the look-up before it (data/README.md), both on the same visit.
  const auto flags = table("o", "flags.csv");
  ASSERT_EQ(flags.size(), 2U);
  EXPECT_EQ(flags[0].at("kind"), "revisit_after_closure");
  EXPECT_EQ(flags[1].at("kind"), "lookup_then_visit");
  EXPECT_EQ(flags[0].at("officer_ids"), "PC4471");
  EXPECT_EQ(flags[0].at("place_id"), "ADDR-A");
}

TEST_F(Scope, OfficerWithoutShiftsIsAUsageError) {
  EXPECT_EQ(dwells("v", "--officer PC9001"), 2);
  EXPECT_NE(m_stderr.find("--officer needs --shifts"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("v")));
  EXPECT_EQ(run("verify --pings " + path("pings.csv") + " --claims " + path("claims.csv") + " --officer PC9001 --out " +
                path("w")),
            2);
  EXPECT_NE(m_stderr.find("--officer needs --shifts"), std::string::npos) << m_stderr;
  EXPECT_EQ(dwells("v", "--from 2024-03-05T12:00:00Z --to 2024-03-05T11:00:00Z"), 2);
  // A typo reads as "nothing found" if run: refused, naming the ids there are.
  EXPECT_EQ(dwells("v", "--vehicle PV9"), 2);
  EXPECT_NE(m_stderr.find("--vehicle 'PV9': no accepted ping of this vehicle in the input (there are 2: PV1, PV2)"),
            std::string::npos)
      << m_stderr;
  EXPECT_EQ(analyse("o", "--officer PC9009"), 2);
  EXPECT_NE(m_stderr.find("--officer 'PC9009': no shift of this officer in the roster (there are 4: PC9001"),
            std::string::npos)
      << m_stderr;
  EXPECT_FALSE(fs::exists(path("o")));
}

// A scope whose parts are each valid but keep nothing together (the case's pings are all on
// 2024-03-05; a range a year later, or PV1 and PV2 asked for a time range of neither) would write
// "0 finding(s)": refused as a usage error, before anything is written.
TEST_F(Scope, ScopeThatKeepsNoPingIsAUsageError) {
  EXPECT_EQ(dwells("v", "--from 2025-03-05T00:00:00Z"), 2);
  EXPECT_NE(m_stderr.find("the scope keeps no ping"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("v")));
  EXPECT_EQ(analyse("o", "--vehicle PV1 --to 2024-03-01T00:00:00Z"), 2);
  EXPECT_NE(m_stderr.find("usable pings are outside it"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("o")));
  // Control: the same flags with a range that holds pings run.
  EXPECT_EQ(dwells("w", "--from 2024-03-05T00:00:00Z"), 0) << m_stderr;
}

}  // namespace
