// `shiftline reproduce MANIFEST [--out DIR] [--inputs DIR]` on the bundled case (docs/cli.md): a
// recorded run is repeated from its manifest alone and every output is compared with its recorded
// SHA-256; moved inputs are found by file name and hash; a changed input (exit 6), a parameter this
// build resolves otherwise (exit 3) and an output that differs (exit 7) are refused by name.
#include <filesystem>

#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";

class Reproduce : public Cli {
 protected:
  // The bundled case, copied into the test's folder so that it can be moved and changed.
  void SetUp() override {
    Cli::SetUp();
    fs::create_directory(path("case"));
    for (const char* t : {"pings.csv", "shifts.csv", "assignments.csv", "places.csv", "incidents.csv", "events.csv",
                          "claims.csv"})
      fs::copy_file(kData + t, path(std::string("case/") + t));
  }
  std::string analyse(const std::string& out) {
    const std::string c = path("case") + "/";
    return "analyse --pings " + c + "pings.csv --shifts " + c + "shifts.csv --assignments " + c +
           "assignments.csv --places " + c + "places.csv --incidents " + c + "incidents.csv --events " + c +
           "events.csv --claims " + c + "claims.csv --tz Europe/London --formats i2,kml,geojson --quiet --out " +
           path(out);
  }
};

TEST_F(Reproduce, TheDemoRunIsReproducedByteForByte) {
  ASSERT_EQ(run(analyse("run")), 0) << m_stderr;
  // analyse writes dwells, gaps, rejected, warnings, unexplained, visits, shifts, flags, findings,
  // recurring, claims, claim_periods, and with these --formats timeline_i2.csv, report.geojson and
  // report.kml and report.kmz: 16; and geojson/LAYER.geojson for findings, tracks, dwells, gaps,
  // places, incidents, visits and claims: 24.
  ASSERT_EQ(run("reproduce " + path("run/manifest.json")), 0) << m_stderr << m_stdout;
  EXPECT_EQ(m_stdout, "reproduced: 24 of 24 outputs byte-identical\n");
  ASSERT_EQ(run("reproduce " + path("run") + " --out " + path("again")), 0) << m_stderr;
  EXPECT_EQ(m_stdout, "reproduced: 24 of 24 outputs byte-identical\n");
  EXPECT_TRUE(fs::exists(path("again/dwells.csv")));
}

TEST_F(Reproduce, AMovedCaseFolderIsFoundByFileNameAndHash) {
  ASSERT_EQ(run(analyse("run")), 0) << m_stderr;
  fs::rename(path("case"), path("moved"));
  EXPECT_EQ(run("reproduce " + path("run")), 3) << m_stdout;  // the inputs are not where recorded
  EXPECT_NE(m_stderr.find("pings.csv"), std::string::npos) << m_stderr;
  ASSERT_EQ(run("reproduce " + path("run") + " --inputs " + path("moved")), 0) << m_stderr;
  EXPECT_EQ(m_stdout, "reproduced: 24 of 24 outputs byte-identical\n");
}

TEST_F(Reproduce, AChangedInputIsRefused) {
  ASSERT_EQ(run(analyse("run")), 0) << m_stderr;
  std::ofstream(path("case/events.csv"), std::ios::app) << "\n";
  EXPECT_EQ(run("reproduce " + path("run")), 6);
  EXPECT_NE(m_stderr.find("events.csv"), std::string::npos) << m_stderr;
}

TEST_F(Reproduce, AnEditedParameterIsRefusedByName) {
  ASSERT_EQ(run(analyse("run")), 0) << m_stderr;
  std::string manifest = read(path("run/manifest.json"));
  const std::string was = "\"value\": \"604800s\"";  // --lookup-window's default, 7 days
  const auto at = manifest.find(was);
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, was.size(), "\"value\": \"86400s\"");
  write("run/manifest.json", manifest);
  EXPECT_EQ(run("reproduce " + path("run")), 3);
  EXPECT_NE(m_stderr.find("parameters.lookup-window"), std::string::npos) << m_stderr;
}

TEST_F(Reproduce, AnOutputThatDiffersIsNamed) {
  ASSERT_EQ(run(analyse("run")), 0) << m_stderr;
  std::string manifest = read(path("run/manifest.json"));
  const std::string flags = "\"name\": \"flags.csv\"";
  const auto at = manifest.find("\"sha256\": \"", manifest.find(flags));
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at + 11, 64, std::string(64, 'f'));
  write("run/manifest.json", manifest);
  EXPECT_EQ(run("reproduce " + path("run")), 7);
  EXPECT_NE(m_stdout.find("not reproduced: 23 of 24 outputs byte-identical"), std::string::npos) << m_stdout;
  EXPECT_NE(m_stdout.find("flags.csv: recorded SHA-256 ffff"), std::string::npos) << m_stdout;
}

}  // namespace
