// `shiftline near` (docs/near.md): who was, or could have been, within a radius of a point or a
// place in a window. Every expected value is worked out by hand below from docs/near.md's rules.
//
// Geometry. The point P = 52 N 0 E. Pings lie on the meridian through P, north (+) or south (-) of
// it; each latitude is PROJ's forward geodesic (`echo "52 0 0 D" | geod +ellps=WGS84 -f %.7f`,
// azimuth 180 for south) written to 7 decimals (pings are stored to 1e-7 degrees), and its
// distance to P measured back from the written latitude (`geod -I +ellps=WGS84 -f %.6f`):
//
//   D      lat          measured (m)      D      lat          measured (m)
//   -4000  51.9640504   4000.005          +20    52.0001797     19.995
//    -600  51.9946076    599.998          +40    52.0003595     40.001
//    -500  51.9955063    500.002          +60    52.0005392     59.995
//    -300  51.9973038    299.999          +90    52.0008089     90.004
//    -150  51.9986519    150.000          +200   52.0017975    200.003
//     -50  51.9995506     50.004          +250   52.0022468    249.996
//                                         +400   52.0035949    399.995
// The derivations below use the round D; the measured values move each travel time by under a
// millisecond (0.5 ms at most), which the tolerances allow.
//
// Rules used: radius r = 100 m; a ping is inside when its distance <= r. Every run passes
// --reach-speed-kmh 36 (v = 10 m/s, 36 / 3.6 is exactly 10.0) and --position-margin 0, so a ping at
// D outside the radius needs (|D| - 100) / 10 s to reach it; no vehicle moves faster than 7 m/s
// (+1%), so v stays 10 m/s. --gap is the default 300 s. Between two consecutive pings: both inside
// and <= 300 s apart -> inside_s; otherwise the prism allows a stay of
//   step - (d1 - r)/v - (d2 - r)/v   (each term 0 for an inside ping), counted when positive.
// Travel times are floored to the millisecond and the distances are micrometres off, so sums are
// compared within 11 ms (at most two floors per step).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_fixture.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/job/job.hpp"

namespace shiftline_test {
namespace {

// Pings, file line in the comment (line 1 is the header). Window: 10:00-11:00 UTC.
//   VA passes through P: -300, -150, -50(in), +20(in), +90(in), +200, +60(in), +40(in), +250, +400,
//      every 30 s from 10:10:00.
//   VB sits 500 m south, is silent 10 min (10:20 -> 10:30), then is 300 m south, then 600 m south.
//   VC sits 4 km south with pings 10 min apart.
const char* kPings =
    "vehicle_id,timestamp,lat,lon\n"
    "VA,2024-05-01T10:10:00Z,51.9973038,0\n"  // 2   -300
    "VA,2024-05-01T10:10:30Z,51.9986519,0\n"  // 3   -150
    "VA,2024-05-01T10:11:00Z,51.9995506,0\n"  // 4    -50 in   first_in
    "VA,2024-05-01T10:11:30Z,52.0001797,0\n"  // 5    +20 in   closest
    "VA,2024-05-01T10:12:00Z,52.0008089,0\n"  // 6    +90 in
    "VA,2024-05-01T10:12:30Z,52.0017975,0\n"  // 7   +200
    "VA,2024-05-01T10:13:00Z,52.0005392,0\n"  // 8    +60 in   second entry
    "VA,2024-05-01T10:13:30Z,52.0003595,0\n"  // 9    +40 in   last_in
    "VA,2024-05-01T10:14:00Z,52.0022468,0\n"  // 10  +250
    "VA,2024-05-01T10:14:30Z,52.0035949,0\n"  // 11  +400
    "VB,2024-05-01T10:19:00Z,51.9955063,0\n"  // 12  -500
    "VB,2024-05-01T10:20:00Z,51.9955063,0\n"  // 13  -500
    "VB,2024-05-01T10:30:00Z,51.9973038,0\n"  // 14  -300   closest
    "VB,2024-05-01T10:31:00Z,51.9946076,0\n"  // 15  -600
    "VC,2024-05-01T10:00:00Z,51.9640504,0\n"  // 16 -4000
    "VC,2024-05-01T10:10:00Z,51.9640504,0\n"  // 17 -4000
    "VC,2024-05-01T10:20:00Z,51.9640504,0\n";  // 18 -4000

// OFF1 drives VA all morning; OFF4 has a shift with no vehicle and an assignment to VA from 10:12;
// OFF3 has VA only in the afternoon; OFF2 drives VB.
const char* kShifts =
    "shift_id,officer_id,start,end,vehicle_id,callsign\n"
    "S1,OFF1,2024-05-01T09:00:00Z,2024-05-01T12:00:00Z,VA,CA1\n"
    "S2,OFF2,2024-05-01T10:00:00Z,2024-05-01T11:00:00Z,VB,CB1\n"
    "S3,OFF3,2024-05-01T14:00:00Z,2024-05-01T16:00:00Z,VA,CA2\n"
    "S4,OFF4,2024-05-01T10:00:00Z,2024-05-01T11:00:00Z,,\n";
const char* kAssignments =
    "officer_id,vehicle_id,start,end\n"
    "OFF4,VA,2024-05-01T10:12:00Z,2024-05-01T10:20:00Z\n";
// A place at P whose own radius (5 m) --radius replaces.
const char* kPlaces =
    "place_id,label,kind,lat,lon,radius_m\n"
    "HOME-1,Home (test),address,52.0,0.0,5\n";

// A CSV row split into cells (quotes as RFC 4180).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::size_t at = 0;
  while (at < csv.size()) {
    const auto end = csv.find('\n', at);
    rows.push_back(cells(csv.substr(at, end - at)));
    at = end == std::string::npos ? csv.size() : end + 1;
  }
  return rows;
}

enum Col { vehicle, officers, first_in, last_in, inside_s, closest_m, closest_at, entries, could_s, evidence, sentence };

class Near : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    write("pings.csv", kPings);
    write("shifts.csv", kShifts);
    write("assignments.csv", kAssignments);
    write("places.csv", kPlaces);
  }
  std::string common() const {
    return "near --pings " + path("pings.csv") + " --shifts " + path("shifts.csv") + " --assignments " +
           path("assignments.csv") + " --from 2024-05-01T10:00:00Z --to 2024-05-01T11:00:00Z --reach-speed-kmh 36 "
           "--position-margin 0 --quiet";
  }
  std::vector<std::vector<std::string>> near_rows(const std::string& out) const {
    return rows_of(read(path(out) + "/near.csv"));
  }
};

TEST_F(Near, PassingThroughPrismOnlyAndTooFar) {
  ASSERT_EQ(run(common() + " --at 52,0 --out " + path("o")), 0) << m_stderr;
  const auto rows = near_rows("o");
  ASSERT_EQ(rows.size(), 3U) << read(path("o") + "/near.csv");  // header, VA, VB; VC is not listed
  EXPECT_EQ(rows[0], (std::vector<std::string>{"vehicle_id", "officer_ids", "first_in", "last_in", "inside_s",
                                               "closest_m", "closest_at", "entries", "could_have_been_s",
                                               "evidence_rows", "sentence"}));

  // VA: inside runs 4-5-6 and 8-9 -> 2 entries; inside_s = steps 4-5, 5-6, 8-9 = 3 x 30 s = 90 s.
  // Prism over the other steps (v = 10 m/s):
  //   2-3  (-300, -150): 30 - 20 - 5  =  5 s
  //   3-4  (-150, -50):  30 - 5 - 0   = 25 s
  //   6-7  (+90, +200):  30 - 0 - 10  = 20 s
  //   7-8  (+200, +60):  30 - 10 - 0  = 20 s
  //   9-10 (+40, +250):  30 - 0 - 15  = 15 s
  //   10-11 (+250, +400): 30 - 15 - 30 < 0: nothing
  //   could_have_been_s = 85 s. Closest: line 5, 20 m at 10:11:30.
  // Officers: OFF1 (shift in VA) and OFF4 (assigned to VA from 10:12, while VA was inside); not
  // OFF3 (VA in the afternoon).
  const auto& va = rows[1];
  EXPECT_EQ(va[vehicle], "VA");
  EXPECT_EQ(va[officers], "OFF1;OFF4");
  EXPECT_EQ(va[first_in], "2024-05-01T10:11:00Z");
  EXPECT_EQ(va[last_in], "2024-05-01T10:13:30Z");
  EXPECT_EQ(va[inside_s], "90");
  EXPECT_NEAR(std::stod(va[closest_m]), 19.995, 0.006);  // measured distance of +20, 2 decimals
  EXPECT_EQ(va[closest_at], "2024-05-01T10:11:30Z");
  EXPECT_EQ(va[entries], "2");
  EXPECT_NEAR(std::stod(va[could_s]), 85.0, 0.011);
  EXPECT_EQ(va[evidence], "pings.csv:4;pings.csv:5;pings.csv:9");
  // Times exact and durations rounded down, as every sentence (docs/findings.md, "Sentences").
  EXPECT_NE(va[sentence].find("VA (OFF1, OFF4) was within 100 m of 52.0000000, 0.0000000 from 2024-05-01 10:11:00 UTC "
                              "to 10:13:30 UTC (1 min inside, 2 entries); closest 20 m at 10:11:30 (pings.csv:5)"),
            std::string::npos)
      << va[sentence];

  // VB: never inside. 12-13 (-500, -500, 60 s): 60 - 40 - 40 < 0; 13-14 (-500, -300, the 600 s
  // silence): 600 - 40 - 20 = 540 s; 14-15 (-300, -600, 60 s): 60 - 20 - 50 < 0. could_have_been_s
  // = 540 s (9 min), between lines 13 and 14; closest line 14, 300 m. Officer OFF2 (on duty in VB
  // during the possible stay 10:20:40-10:29:40).
  // VC: 4 km away, pings 600 s apart: 600 - 390 - 390 < 0: not listed.
  const auto& vb = rows[2];
  EXPECT_EQ(vb[vehicle], "VB");
  EXPECT_EQ(vb[officers], "OFF2");
  EXPECT_EQ(vb[first_in], "");
  EXPECT_EQ(vb[last_in], "");
  EXPECT_EQ(vb[inside_s], "0");
  EXPECT_NEAR(std::stod(vb[closest_m]), 299.999, 0.006);
  EXPECT_EQ(vb[closest_at], "2024-05-01T10:30:00Z");
  EXPECT_EQ(vb[entries], "0");
  EXPECT_NEAR(std::stod(vb[could_s]), 540.0, 0.003);
  EXPECT_EQ(vb[evidence], "pings.csv:13;pings.csv:14");
  // Never "was within" for a vehicle only the prism places there.
  EXPECT_EQ(vb[sentence].find("was within"), std::string::npos) << vb[sentence];
  EXPECT_NE(vb[sentence].find("VB (OFF2) was not seen within 100 m of 52.0000000, 0.0000000, but could have been there "
                              "unobserved for up to 9 min between pings at 2024-05-01 10:20:00 (pings.csv:13, 500 m "
                              "away) and 10:30:00 UTC (pings.csv:14, 300 m away)"),
            std::string::npos)
      << vb[sentence];
}

// --place looks around a listed place, with --radius replacing its own radius_m (5 m here): the
// same figures as --at on its point; only the sentence names it.
TEST_F(Near, PlaceGivesTheFiguresOfItsPointWithTheSearchRadius) {
  ASSERT_EQ(run(common() + " --at 52,0 --out " + path("at")), 0) << m_stderr;
  ASSERT_EQ(run(common() + " --place HOME-1 --places " + path("places.csv") + " --out " + path("place")), 0)
      << m_stderr;
  const auto at = near_rows("at"), place = near_rows("place");
  ASSERT_EQ(at.size(), place.size());
  ASSERT_EQ(place.size(), 3U);
  for (std::size_t r = 1; r < at.size(); ++r) {
    for (std::size_t c = vehicle; c < sentence; ++c) EXPECT_EQ(at[r][c], place[r][c]) << "row " << r << " column " << c;
    EXPECT_NE(place[r][sentence].find("within 100 m of Home (test) (HOME-1)"), std::string::npos) << place[r][sentence];
  }
  // --radius 10: VA's closest ping is 20 m away, so it is no longer seen inside.
  ASSERT_EQ(run(common() + " --place HOME-1 --places " + path("places.csv") + " --radius 10 --out " + path("r10")), 0);
  const auto r10 = near_rows("r10");
  ASSERT_GE(r10.size(), 2U);
  for (std::size_t r = 1; r < r10.size(); ++r) EXPECT_EQ(r10[r][entries], "0") << r10[r][vehicle];
}

TEST_F(Near, ManifestRecordsTheSearch) {
  ASSERT_EQ(run(common() + " --at 52,0 --radius 100 --out " + path("o")), 0) << m_stderr;
  const std::string manifest = read(path("o") + "/manifest.json");
  ASSERT_FALSE(manifest.empty());
  EXPECT_NE(manifest.find("\"subcommand\": \"near\""), std::string::npos);
  EXPECT_NE(manifest.find("\"near.csv\""), std::string::npos);
  for (const char* key : {"\"at\"", "\"radius\"", "\"from\"", "\"to\"", "\"reach-speed-kmh\"", "\"near_vehicles\""})
    EXPECT_NE(manifest.find(key), std::string::npos) << key;
  EXPECT_NE(manifest.find("52.0000000,0.0000000"), std::string::npos);
  EXPECT_NE(manifest.find("2024-05-01T10:00:00Z"), std::string::npos);
  // Repeatable from its manifest alone.
  EXPECT_EQ(run("reproduce " + path("o")), 0) << m_stdout << m_stderr;
}

TEST_F(Near, BadSearchIsExit2) {
  const std::string places = " --places " + path("places.csv");
  const std::vector<std::string> bad_searches{" --at 95,0",    " --at abc",      " --at 52", " --at 0,0",
                                              " --at 52,0 --place HOME-1" + places, " --place HOME-1",
                                              " --place NOPE" + places, ""};
  for (const std::string& bad : bad_searches) {
    EXPECT_EQ(run(common() + bad + " --out " + path("o")), 2) << bad << ": " << m_stderr;
    EXPECT_FALSE(fs::exists(path("o"))) << bad;
  }
  // --to before --from.
  EXPECT_EQ(run("near --pings " + path("pings.csv") + " --at 52,0 --from 2024-05-01T11:00:00Z --to "
                "2024-05-01T10:00:00Z --out " + path("o")), 2);
}

TEST_F(Near, RerunsAreByteIdentical) {
  ASSERT_EQ(run(common() + " --at 52,0 --out " + path("a")), 0) << m_stderr;
  ASSERT_EQ(run(common() + " --at 52,0 --threads 1 --out " + path("b")), 0) << m_stderr;
  for (const char* f : {"/near.csv", "/rejected.csv", "/warnings.csv"})
    EXPECT_EQ(read(path("a") + f), read(path("b") + f)) << f;
}

// The library call (job.command = Command::near; run; write_outputs) gives the program's bytes and
// the typed result behind them.
TEST_F(Near, LibraryJobIsTheProgram) {
  ASSERT_EQ(run(common() + " --at 52,0 --out " + path("cli")), 0) << m_stderr;
  shiftline::Job job;
  job.command = shiftline::Command::near;
  job.pings = {path("pings.csv")};
  job.shifts = path("shifts.csv");
  job.assignments = path("assignments.csv");
  job.params.near_at = shiftline::LatLon::from_degrees(52.0, 0.0);
  job.params.from = "2024-05-01T10:00:00Z";
  job.params.to = "2024-05-01T11:00:00Z";
  job.params.reach_speed = shiftline::Speed::from_kmh(36.0);
  job.params.position_margin = shiftline::Meters{0.0};
  job.out = path("lib");
  const shiftline::Result result = shiftline::run(job);
  ASSERT_EQ(result.near.vehicles.size(), 2U);  // VA and VB, as worked out above
  EXPECT_EQ(result.near.vehicles[0].vehicle_id, "VA");
  EXPECT_EQ(result.near.vehicles[0].inside, shiftline::Millis{90'000});
  EXPECT_EQ(result.near.vehicles[0].entries, 2U);
  EXPECT_EQ(result.near.officers[0], (std::vector<std::string>{"OFF1", "OFF4"}));
  (void)shiftline::write_outputs(result, job);
  EXPECT_EQ(read(path("lib") + "/near.csv"), read(path("cli") + "/near.csv"));
  // --at and --place together are refused in code as on the command line.
  job.params.near_place = "HOME-1";
  job.places = path("places.csv");
  EXPECT_THROW((void)shiftline::run(job), shiftline::UsageError);
}

// The bundled case (data/README.md, the story, day 6): PV01 at Address A from 10:02Z to 11:04Z on
// 2024-10-26, PC4471 on duty. Between 10:00 and 14:00 local it is the one vehicle seen there.
TEST_F(Near, BundledCaseAddressA) {
  const std::string data = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
  ASSERT_EQ(run("near --pings " + data + "pings.csv --shifts " + data + "shifts.csv --assignments " + data +
                "assignments.csv --places " + data + "places.csv --place ADDR-A --from '2024-10-26 10:00' --to "
                "'2024-10-26 14:00' --tz Europe/London --quiet --out " + path("o")),
            0)
      << m_stderr;
  const auto rows = near_rows("o");
  ASSERT_GE(rows.size(), 2U);
  const auto& pv01 = rows[1];
  EXPECT_EQ(pv01[vehicle], "PV01");
  EXPECT_EQ(pv01[officers], "PC4471");
  EXPECT_EQ(pv01[first_in], "2024-10-26T11:02:00+01:00");
  EXPECT_EQ(pv01[last_in], "2024-10-26T12:04:00+01:00");
  EXPECT_EQ(pv01[entries], "1");
  for (std::size_t r = 2; r < rows.size(); ++r) EXPECT_EQ(rows[r][entries], "0") << rows[r][vehicle];
  // PV02 stands at South station, 1.7 km away, all window long, pinging every 4 min (09:01Z ...
  // 12:57Z: 60 pings in the window). Each of the 59 silences between them, and the two that reach
  // into the window from 08:57Z and to 13:01Z, leaves time to drive there and back at 200 km/h:
  // 61 silences. Their sum (about 3 h) must not read as one stay (review of issue 14).
  bool pv02 = false;
  for (std::size_t r = 2; r < rows.size(); ++r) {
    if (rows[r][vehicle] != "PV02") continue;
    pv02 = true;
    EXPECT_EQ(rows[r][sentence].find("PV02 (no officer on duty in it) was not seen within 100 m"), 0U)
        << rows[r][sentence];
    EXPECT_NE(rows[r][sentence].find(" in all over 61 separate silences between pings, none longer than the one above"),
              std::string::npos)
        << rows[r][sentence];
  }
  EXPECT_TRUE(pv02);
}

}  // namespace
}  // namespace shiftline_test
