// The job API (docs/cli.md, "The library"): a run built field by field or from the command line's
// words, its typed result, the output folder it writes, and `reproduce`.
//
// The case: one vehicle V1 at 51.5000 N 0.1200 W every minute 08:00-08:10 UTC (11 pings), then
// 0.01 deg north (1.11 km) every minute 08:20-08:25 (6 pings). Stay-point with the defaults
// (50 m, 120 s): one dwell 08:00-08:10 (pings lines 2-12); the second stop lasts 5 min and is a
// dwell too (08:20-08:25, lines 13-18). The silence 08:10-08:20 (10 min > 5 min) is a gap, not
// bridged (the pings around it are 1.1 km apart).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/job/job.hpp"
#include "shiftline/job/reproduce.hpp"
#include "support/temp_dir.hpp"

namespace shiftline {
namespace {

namespace fs = std::filesystem;

std::string pings_csv() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  char buf[96];
  for (int m = 0; m <= 10; ++m) {
    std::snprintf(buf, sizeof buf, "V1,2024-03-05T08:%02d:00Z,51.5000000,-0.1200000\n", m);
    csv += buf;
  }
  for (int m = 20; m <= 25; ++m) {
    std::snprintf(buf, sizeof buf, "V1,2024-03-05T08:%02d:00Z,51.5100000,-0.1200000\n", m);
    csv += buf;
  }
  return csv;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class JobApi : public ::testing::Test {
 protected:
  test::TempDir m_dir{"shiftline-job"};
  std::string m_pings = m_dir.write("pings.csv", pings_csv());
};

TEST_F(JobApi, FieldByFieldAndFromArgsAreOneRun) {
  Job built;
  built.command = Command::dwells;
  built.pings = {m_pings};
  built.out = m_dir.file("a");
  built.threads = 1;
  const Job parsed = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("b"), "--threads", "1"});
  const Result ra = run(built), rb = run(parsed);
  // Typed access: two dwells and one gap, as worked out at the top.
  ASSERT_EQ(ra.analysis.run.vehicles.size(), 1U);
  const auto& v = ra.analysis.run.vehicles.front();
  ASSERT_EQ(v.dwells.size(), 2U);
  EXPECT_EQ(format_utc(v.dwells[0].start), "2024-03-05T08:00:00Z");
  EXPECT_EQ(format_utc(v.dwells[0].end), "2024-03-05T08:10:00Z");
  EXPECT_EQ(format_utc(v.dwells[1].start), "2024-03-05T08:20:00Z");
  ASSERT_EQ(v.gaps.size(), 1U);
  EXPECT_EQ(format_utc(v.gaps[0].start), "2024-03-05T08:10:00Z");
  const Written wa = write_outputs(ra, built), wb = write_outputs(rb, parsed);
  ASSERT_EQ(wa.files.size(), wb.files.size());
  for (std::size_t i = 0; i < wa.files.size(); ++i) {
    EXPECT_EQ(wa.files[i].name, wb.files[i].name);
    if (wa.files[i].name == "manifest.json") continue;
    EXPECT_EQ(wa.files[i].sha256, wb.files[i].sha256) << wa.files[i].name;
  }
  EXPECT_EQ(wa.files.back().name, "manifest.json");
  // The manifest of the job built in code records the command line that makes it again.
  const std::string manifest = read_file(m_dir.file("a/manifest.json"));
  EXPECT_NE(manifest.find("\"--pings\""), std::string::npos);
}

TEST_F(JobApi, TheOutputFolderIsRefusedBeforeTheWork) {
  fs::create_directory(m_dir.file("taken"));
  Job j = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("taken")});
  EXPECT_THROW((void)run(j), OutputError);
  j.out = m_pings;  // an input
  j.force = true;
  EXPECT_THROW((void)run(j), OutputError);
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// R3: every input is hashed again once it has been read. With one thread that is after the
// outputs are built, so an input changed between run() and the writing of the folder is named
// (exit 6). With more, the inputs the pipeline has read are hashed again beside the rest of the
// run: a change after that hash is outside what was read, and the manifest's hashes (before and
// after) are both those of the bytes that were read.
TEST_F(JobApi, EachInputIsHashedAgainOnceItHasBeenRead) {
  const std::string read_hash = sha256_hex(pings_csv());
  const std::string line = "V1,2024-03-05T09:00:00Z,51.5,-0.12\n";
  const std::string changed_hash = sha256_hex(pings_csv() + line);

  const Job one = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("one"), "--threads", "1"});
  const Result r1 = run(one);
  EXPECT_FALSE(r1.hashed_again.valid()) << "one thread: nothing runs beside the work";
  std::ofstream(m_pings, std::ios::app) << line;
  const Written w1 = write_output_folder(r1, one);
  EXPECT_EQ(w1.inputs_changed, m_pings);
  EXPECT_THROW(check_written(w1), InputChangedError);
  const std::string manifest1 = read_file(m_dir.file("one/manifest.json"));
  EXPECT_EQ(occurrences(manifest1, read_hash), 1U) << "before";
  EXPECT_EQ(occurrences(manifest1, changed_hash), 1U) << "after";

  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: every run hashes its inputs at the end";
  (void)m_dir.write("pings.csv", pings_csv());
  const Job two = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("two"), "--threads", "2"});
  const Result r2 = run(two);
  ASSERT_TRUE(r2.hashed_again.valid());
  ASSERT_EQ(r2.hashed_again.get().size(), 1U);
  EXPECT_EQ(r2.hashed_again.get()[0]->sha256, read_hash);
  std::ofstream(m_pings, std::ios::app) << line;
  const Written w2 = write_output_folder(r2, two);
  EXPECT_EQ(w2.inputs_changed, "");
  const std::string manifest2 = read_file(m_dir.file("two/manifest.json"));
  EXPECT_EQ(occurrences(manifest2, read_hash), 2U) << "before and after";
  EXPECT_EQ(occurrences(manifest2, changed_hash), 0U);
}

TEST_F(JobApi, ReproduceComparesEveryOutput) {
  const Job j = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("run"), "--dwell-radius", "40"});
  (void)write_outputs(run(j), j);
  const std::string manifest = m_dir.file("run/manifest.json");
  const Reproduction r = reproduce(manifest);
  // dwells writes dwells.csv, gaps.csv, rejected.csv, warnings.csv (manifest.json aside).
  EXPECT_EQ(r.outputs, 4U);
  EXPECT_EQ(r.identical, 4U);
  EXPECT_TRUE(r.differences.empty());
  EXPECT_FALSE(fs::exists(r.folder)) << "the temporary folder is removed";

  // Moved inputs are found by file name (and SHA-256) in the folders given.
  fs::create_directory(m_dir.file("moved"));
  fs::rename(m_pings, m_dir.file("moved/pings.csv"));
  EXPECT_THROW((void)reproduce(manifest), InputError);
  const Reproduction moved = reproduce(manifest, {}, {m_dir.file("moved")});
  EXPECT_EQ(moved.identical, 4U);

  // A changed input is refused (exit 6), before the run.
  std::ofstream(m_dir.file("moved/pings.csv"), std::ios::app) << "V1,2024-03-05T09:00:00Z,51.5,-0.12\n";
  EXPECT_THROW((void)reproduce(manifest, {}, {m_dir.file("moved")}), InputChangedError);
}

TEST_F(JobApi, ReproduceRefusesAParameterThisBuildResolvesOtherwise) {
  const Job j = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("run")});
  (void)write_outputs(run(j), j);
  const std::string manifest = m_dir.file("run/manifest.json");
  std::string text = read_file(manifest);
  const std::string was = "\"value\": \"50.000\"";  // dwell-radius's default as recorded
  const auto at = text.find(was);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, was.size(), "\"value\": \"45.000\"");
  std::ofstream(manifest, std::ios::binary | std::ios::trunc) << text;
  try {
    (void)reproduce(manifest);
    FAIL() << "an edited parameter must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("parameters.dwell-radius"), std::string::npos) << e.what();
  }
}

TEST_F(JobApi, ReproduceNamesAnOutputThatDiffers) {
  const Job j = Job::from_args({"dwells", "--pings", m_pings, "--out", m_dir.file("run")});
  (void)write_outputs(run(j), j);
  const std::string manifest = m_dir.file("run/manifest.json");
  std::string text = read_file(manifest);
  const std::string gaps_sha = sha256_file(m_dir.file("run/gaps.csv"));
  const auto at = text.find(gaps_sha);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, gaps_sha.size(), std::string(64, '0'));
  std::ofstream(manifest, std::ios::binary | std::ios::trunc) << text;
  const Reproduction r = reproduce(manifest);
  EXPECT_EQ(r.identical, 3U);
  ASSERT_EQ(r.differences.size(), 1U);
  EXPECT_EQ(r.differences.front().rfind("gaps.csv: recorded SHA-256 " + std::string(64, '0'), 0), 0U)
      << r.differences.front();
}

}  // namespace
}  // namespace shiftline
