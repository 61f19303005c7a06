// Issue 13, defect 3 (fault injection): write(2), fsync(2), rename(2) and renameat2(2) fail with
// ENOSPC or EIO at each of their calls in turn (tests/integrity/fault_shim.cpp, through
// LD_PRELOAD). After every one, --out is the previous complete run (or absent when there was none),
// nothing is left beside it or in $TMPDIR, and the error is named with its exit code: "out of disk
// space writing FILE" (exit 8) or the failing file and "Input/output error" (exit 5).
#include "integrity/integrity_support.hpp"

namespace {

using namespace shiftline_integrity;

class FaultInjection : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef SHIFTLINE_SANITIZE
    GTEST_SKIP() << "skipped under ASan: its runtime must come first in the library list, before an LD_PRELOAD shim";
#endif
    m_root = fs::temp_directory_path() / ("shiftline_fault_" + std::to_string(::getpid()));
    fs::remove_all(m_root);
    for (const char* d : {"in", "w", "fresh", "tmp", "logs"}) fs::create_directories(m_root / d);
    ASSERT_EQ(run({"synth", "--pings", "20000", "--vehicles", "5", "--seed", "7", "--out", (m_root / "in/fleet.csv").string()},
                  {}, m_root / "logs/synth"),
              0);
    std::ofstream(m_root / "in/shifts.csv") << synth_shifts(5);
  }
  void TearDown() override {
    if (!m_root.empty()) fs::remove_all(m_root);
  }

  std::vector<std::string> analyse(const fs::path& out) const {
    return {"analyse", "--pings", (m_root / "in/fleet.csv").string(), "--shifts", (m_root / "in/shifts.csv").string(),
            "--out", out.string(), "--force", "--quiet"};
  }
  std::map<std::string, std::string> env(const std::string& fault) const {
    return {{"LD_PRELOAD", SHIFTLINE_FAULT_SHIM}, {"SHIFTLINE_FAULT", fault}, {"TMPDIR", (m_root / "tmp").string()},
            {"SHIFTLINE_FAULT_LOG", (m_root / "logs/calls").string()}};
  }
  // How many calls of each function a complete run makes (the shim's log).
  std::map<std::string, long> calls() const {
    std::map<std::string, long> out;
    std::istringstream in(read(m_root / "logs/calls"));
    std::string name;
    long n = 0;
    while (in >> name >> n) out[name] = n;
    return out;
  }

  fs::path m_root;
};

TEST_F(FaultInjection, Defect03_EveryFailingWriteFlushOrRenameLeavesThePreviousRun) {
  // The previous complete run, and the number of calls a run makes (the same for each run).
  fs::remove(m_root / "logs/calls");
  ASSERT_EQ(run(analyse(m_root / "w/o"), env("none:0:EIO"), m_root / "logs/first"), 0) << read(m_root / "logs/first");
  ASSERT_EQ(inconsistency(m_root / "w/o"), "");
  const auto previous = snapshot(m_root / "w/o");
  const auto counts = calls();
  ASSERT_GT(counts.at("write"), 10);  // one per output at least
  ASSERT_GT(counts.at("fsync"), 10);
  ASSERT_GE(counts.at("renameat2"), 1);
  int injected = 0;
  for (const std::string function : {"write", "fsync", "renameat2", "rename"}) {
    for (long n = 1; n <= counts.at(function); ++n) {
      for (const std::string error : {"ENOSPC", "EIO"}) {
        const std::string fault = function + ":" + std::to_string(n) + ":" + error;
        SCOPED_TRACE(fault);
        const fs::path log = m_root / "logs/run";
        const int rc = run(analyse(m_root / "w/o"), env(fault), log);
        const std::string said = read(log);
        ++injected;
        if (error == "ENOSPC") {
          EXPECT_EQ(rc, 8) << said;
          EXPECT_NE(said.find("shiftline: out of disk space writing "), std::string::npos) << said;
        } else {
          EXPECT_EQ(rc, 5) << said;
          EXPECT_NE(said.find("Input/output error"), std::string::npos) << said;
        }
        EXPECT_NE(said.find("o was left as it was"), std::string::npos) << said;
        EXPECT_EQ(snapshot(m_root / "w/o"), previous);
        EXPECT_EQ(names(m_root / "w"), std::set<std::string>{"o"});
        EXPECT_TRUE(names(m_root / "tmp").empty());
        // Without an earlier run: --out stays absent.
        if (n == counts.at(function) || n == 1) {
          const int fresh = run(analyse(m_root / "fresh/o"), env(fault), log);
          EXPECT_NE(fresh, 0) << read(log);
          EXPECT_TRUE(names(m_root / "fresh").empty()) << read(log);
        }
      }
    }
  }
  std::printf("fault injection: %d failing calls (write %ld, fsync %ld, renameat2 %ld, rename %ld per run; ENOSPC and EIO each)\n",
              injected, counts.at("write"), counts.at("fsync"), counts.at("renameat2"), counts.at("rename"));
}

// A file system without RENAME_EXCHANGE (renameat2 fails with EINVAL): the old folder is renamed
// aside and the new one in; the result is the same complete run.
TEST_F(FaultInjection, FileSystemWithoutRenameExchange) {
  ASSERT_EQ(run(analyse(m_root / "w/o"), env("none:0:EIO"), m_root / "logs/first"), 0);
  const std::string before = read(m_root / "w/o/manifest.json");
  const int rc = run(analyse(m_root / "w/o"), env("renameat2:1:EINVAL"), m_root / "logs/run");
  EXPECT_EQ(rc, 0) << read(m_root / "logs/run");
  EXPECT_EQ(inconsistency(m_root / "w/o"), "");
  EXPECT_NE(read(m_root / "w/o/manifest.json"), before);  // the new run's (its run times differ)
  EXPECT_EQ(names(m_root / "w"), std::set<std::string>{"o"});
  // The fallback's own renames failing (the old folder aside; the new one in, after which the old
  // one is put back) leave the previous run, named.
  const auto previous = snapshot(m_root / "w/o");
  for (const std::string n : {"1", "2"}) {
    SCOPED_TRACE("rename " + n);
    const int failed = run(analyse(m_root / "w/o"), env("renameat2:1:EINVAL,rename:" + n + ":ENOSPC"), m_root / "logs/run");
    EXPECT_EQ(failed, 8) << read(m_root / "logs/run");
    EXPECT_EQ(snapshot(m_root / "w/o"), previous);
    EXPECT_EQ(names(m_root / "w"), std::set<std::string>{"o"});
  }
}

}  // namespace

namespace {

using namespace shiftline_integrity;

// Out of memory is named (exit 9, "out of memory"), whatever runs out first under `ulimit -v`:
// our allocations, a thread's stack, or GDAL and SQLite building report.gpkg in memory (which
// SQLite reports as "disk I/O error"). At every limit, --out is complete or absent.
TEST(OutOfMemory, Defect03_OutOfMemoryIsNamedAndLeavesNothing) {
#ifdef SHIFTLINE_SANITIZE
  GTEST_SKIP() << "skipped under ASan: its shadow memory does not fit under ulimit -v";
#endif
  const fs::path root = fs::temp_directory_path() / ("shiftline_oom_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "w");
  const std::string data = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
  std::set<int> seen;
  for (int kib = 150000; kib <= 450000; kib += 25000) {
    SCOPED_TRACE("ulimit -v " + std::to_string(kib));
    const std::string cmd = "ulimit -v " + std::to_string(kib) + "; " + kBinary + " analyse --pings " + data +
                            "pings.csv --shifts " + data + "shifts.csv --tz Europe/London --threads 2 --quiet --out " +
                            (root / "w/o").string() + " >" + (root / "log").string() + " 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    const int rc = WEXITSTATUS(status);
    const std::string said = read(root / "log");
    seen.insert(rc);
    if (rc == 127) continue;  // the loader could not map a library: shiftline never started
    if (rc == 0) {
      EXPECT_EQ(inconsistency(root / "w/o"), "");
      fs::remove_all(root / "w/o");
    } else {
      EXPECT_EQ(rc, 9) << said;
      EXPECT_NE(said.find("shiftline: out of memory: "), std::string::npos) << said;
    }
    EXPECT_TRUE(names(root / "w").empty()) << said;
  }
  fs::remove_all(root);
  std::printf("out of memory: exit codes seen over the limits: ");
  for (const int rc : seen) std::printf("%d ", rc);
  std::printf("\n");
  EXPECT_TRUE(seen.contains(9));  // the limits do reach an out-of-memory stop
}

}  // namespace
