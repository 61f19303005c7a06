// Issue 13, defects 11, 12 and 22: parameters and times beyond any meaning are refused (exit 2)
// with a message that names the flag and what it accepts; nothing is computed with them and no
// output folder is made. The ranges are the parameter table's (docs/cli.md shows them).
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace shiftline_test {
namespace {

class ParameterLimits : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    m_pings = write("pings.csv",
                    "vehicle_id,timestamp,lat,lon\n"
                    "V1,2024-03-01T10:00:00Z,52.0,5.0\n"
                    "V1,2024-03-01T10:01:00Z,52.0,5.0\n"
                    "V1,2024-03-01T10:05:00Z,52.0,5.0\n");
  }
  // Runs `dwells` with one extra flag; expects exit 2, a message naming `flag` and containing
  // `says`, and no output folder.
  void refused(const std::string& extra, const std::string& flag, const std::string& says) {
    SCOPED_TRACE(extra);
    EXPECT_EQ(run("dwells --quiet --pings " + m_pings + " --out " + path("o") + " " + extra), 2) << m_stderr;
    EXPECT_NE(m_stderr.find(flag), std::string::npos) << m_stderr;
    EXPECT_NE(m_stderr.find(says), std::string::npos) << m_stderr;
    EXPECT_FALSE(fs::exists(path("o")));
  }
  std::string m_pings;
};

// Non-finite, negative or meaningless values, each refused naming the flag and the accepted range
// (the table's bounds: speeds > 0 and <= 100000 km/h, metres > 0 and <= 10000000 m, a gap > 0
// and at most 100 years, --max-rejected a whole N or 0-100%).
TEST_F(ParameterLimits, Defect12_NonFiniteAndMeaninglessValuesAreExit2WithTheRange) {
  refused("--max-speed-kmh nan", "--max-speed-kmh", "must be > 0 and <= 100000 km/h");
  refused("--max-speed-kmh inf", "--max-speed-kmh", "must be > 0 and <= 100000 km/h");
  refused("--max-speed-kmh 1e300", "--max-speed-kmh", "must be > 0 and <= 100000 km/h");
  refused("--max-speed-kmh -5", "--max-speed-kmh", "must be > 0 and <= 100000 km/h");
  refused("--max-diameter nan", "--max-diameter", "must be > 0 and <= 10000000 m");
  refused("--dwell-radius -1", "--dwell-radius", "must be > 0 and <= 10000000 m");
  refused("--gap 0", "--gap", "must be > 0 and <= 3155695200 s (100 years)");
  refused("--threads 99999999", "--threads", "<= 1024");
  refused("--max-rejected nan%", "--max-rejected", "0 <= P <= 100");
  refused("--max-rejected 200%", "--max-rejected", "0 <= P <= 100");
  refused("--max-rejected inf", "--max-rejected", "N >= 0 rows (a whole number)");
  refused("--max-rejected 1.5", "--max-rejected", "N >= 0 rows (a whole number)");
}

// The command of the report: refused before anything is read, naming the range; no folder.
TEST_F(ParameterLimits, Defect11_SmoothAccel1e200IsExit2AndWritesNothing) {
  refused("--smooth --smooth-accel 1e200", "--smooth-accel", "must be > 0 and <= 1000000 m^2/s^3");
  refused("--smooth --smooth-accuracy-m nan", "--smooth-accuracy-m", "must be > 0 and <= 10000000 m");
  // The largest accepted value runs: three fixes at one point give one dwell there (a NaN would
  // have been an empty lat cell).
  ASSERT_EQ(run("dwells --quiet --pings " + m_pings + " --out " + path("ok") + " --smooth --smooth-accel 1e6"), 0)
      << m_stderr;
  const std::string dwells = read(path("ok") + "/dwells.csv");
  EXPECT_NE(dwells.find(",52.0000000,5.0000000,"), std::string::npos) << dwells;
}

// A --map naming a field the table does not have would be read by nobody (a typo leaves the
// default column in use, silently): refused, listing the fields the table has.
TEST_F(ParameterLimits, Defect12_MapOfAnUnknownFieldIsExit2ListingTheKnownOnes) {
  refused("--map pings.nosuchfield=x", "--map 'pings.nosuchfield=x'",
          "pings has no field 'nosuchfield' (known: vehicle_id, timestamp, lat, lon, x, y, accuracy_m, speed_kmh, "
          "heading_deg, ignition)");
  refused("--map pings.timestmap=time", "--map", "pings has no field 'timestmap'");
  // A known field is still fine.
  EXPECT_EQ(run("dwells --quiet --pings " + m_pings + " --out " + path("ok") + " --map pings.timestamp=timestamp"), 0)
      << m_stderr;
}

// The bounds are in docs/cli.md's generated tables (a test of the parameter table keeps them
// equal to the table), so a reader sees what is accepted.
TEST_F(ParameterLimits, Defect12_DocsShowEachNumbersRange) {
  const std::string docs = read(std::string(SHIFTLINE_SOURCE_DIR) + "/docs/cli.md");
  EXPECT_NE(docs.find("| `--max-speed-kmh V` | `250.000` | > 0 and <= 100000 km/h |"), std::string::npos);
  EXPECT_NE(docs.find("| `--smooth-accel Q` | `1.000` | > 0 and <= 1000000 m^2/s^3 |"), std::string::npos);
  EXPECT_NE(docs.find("| `--max-diameter M` | `100.000` | > 0 and <= 10000000 m |"), std::string::npos);
}

// `where --at` outside the accepted range (1800-01-01T00:00:00Z to 9999-01-01T00:00:00Z) is exit 2
// naming the range; --time-window too. Inside it, local mean time prints with its seconds.
TEST_F(ParameterLimits, Defect22_TimesOutsideTheRangeAreExit2AndLmtKeepsItsSeconds) {
  const std::string where = "where --pings " + m_pings + " --vehicle V1 --tz Europe/London --at ";
  EXPECT_EQ(run(where + "0000-01-01T00:00:00Z"), 2) << m_stdout;
  EXPECT_NE(m_stderr.find("--at"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("[1800-01-01T00:00:00Z, 9999-01-01T00:00:00Z)"), std::string::npos) << m_stderr;
  EXPECT_EQ(m_stdout.find("-001-"), std::string::npos) << m_stdout;
  EXPECT_EQ(run(where + "1799-12-31T23:59:59Z"), 2) << m_stdout;
  EXPECT_EQ(run(where + "9999-01-01T00:00:00Z"), 2) << m_stdout;
  // A naive local time is read in the zone, then checked the same way.
  EXPECT_EQ(run(where + "0001-06-01T12:00:00"), 2) << m_stdout;

  // In the LMT era of Europe/London (-0:01:15 until 1847-12-01): 00:00:00Z is 23:58:45 local.
  ASSERT_EQ(run(where + "1840-01-01T00:00:00Z"), 0) << m_stderr;
  EXPECT_NE(m_stdout.find("V1,1840-01-01T00:00:00Z,1839-12-31T23:58:45-00:01:15,before_first_ping,"),
            std::string::npos)
      << m_stdout;

  EXPECT_EQ(run("dwells --quiet --pings " + m_pings + " --out " + path("o") +
                " --time-window 0001-01-01T00:00:00Z/2100-01-01T00:00:00Z"),
            2);
  EXPECT_NE(m_stderr.find("--time-window"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("outside the plausible window [1800-01-01T00:00:00Z"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("o")));
}

}  // namespace
}  // namespace shiftline_test
