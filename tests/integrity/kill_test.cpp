// Issue 13, defect 3 (the kill test): `shiftline analyse` on a synthetic fleet is stopped with
// SIGINT and with SIGKILL at many points spread over its run, and over its writing in particular.
// After each, --out is the previous complete run or the new complete run (absent when there was
// none), consistent with its manifest: every file listed with its SHA-256, no other file. After
// SIGINT nothing is left beside --out or in $TMPDIR; after SIGKILL a stale temporary folder may
// stay, and the next run into the same --out removes it.
//
// SHIFTLINE_KILL_PINGS sets the fleet's size: default 1,000,000 pings, the case (the test
// makes 27 runs, 24 of them stopped part-way; a few minutes on two cores in Release). A smaller
// fleet (SHIFTLINE_KILL_PINGS=250000) is quicker while working on it.
#include <thread>

#include "integrity/integrity_support.hpp"

namespace {

using namespace shiftline_integrity;

constexpr int kVehicles = 50;

long pings() {
  const char* n = std::getenv("SHIFTLINE_KILL_PINGS");
  return n ? std::atol(n) : 1000000;
}

bool has_stale(const fs::path& parent) {
  for (const auto& n : names(parent))
    if (n.rfind(".o.shiftline-tmp-", 0) == 0) return true;
  return false;
}

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() / ("shiftline_kill_" + std::to_string(::getpid()));
    fs::remove_all(m_root);
    for (const char* d : {"in", "w", "fresh", "tmp", "logs"}) fs::create_directories(m_root / d);
    ASSERT_EQ(run({"synth", "--pings", std::to_string(pings()), "--vehicles", std::to_string(kVehicles), "--seed", "1",
                   "--out", (m_root / "in/fleet.csv").string()},
                  {}, m_root / "logs/synth"),
              0);
    std::ofstream(m_root / "in/shifts.csv") << synth_shifts(kVehicles);
  }
  void TearDown() override { fs::remove_all(m_root); }

  // Two different runs, so that a mix of them cannot pass for either: other formats and other
  // dwells (--min-dwell).
  std::vector<std::string> analyse(const fs::path& out, int variant) const {
    std::vector<std::string> a{"analyse", "--pings", (m_root / "in/fleet.csv").string(), "--shifts",
                               (m_root / "in/shifts.csv").string(), "--out", out.string(), "--force", "--quiet"};
    if (variant % 2 == 0) a.insert(a.end(), {"--formats", "gpkg,geojson,i2"});
    else a.insert(a.end(), {"--formats", "gpkg,kml", "--min-dwell", "3min"});
    return a;
  }
  std::map<std::string, std::string> env() const { return {{"TMPDIR", (m_root / "tmp").string()}}; }

  fs::path m_root;
};

TEST_F(KillTest, Defect03_KilledRunsLeaveACompleteFolderOrNone) {
  // A complete run, timed, watching when its temporary folder appears (the writing begins).
  double total = 0, writing_from = -1;
  {
    Child c(analyse(m_root / "w/o", 0), env(), m_root / "logs/first");
    while (c.running()) {
      if (writing_from < 0 && has_stale(m_root / "w")) writing_from = c.elapsed();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_TRUE(WIFEXITED(c.done_status()) && WEXITSTATUS(c.done_status()) == 0) << read(m_root / "logs/first");
    total = c.seconds();
  }
  ASSERT_EQ(inconsistency(m_root / "w/o"), "");
  if (writing_from < 0) writing_from = total * 0.8;
  std::printf("kill test: %ld pings, a run takes %.2f s, writing from %.2f s\n", pings(), total, writing_from);

  // Kill points: half spread over the whole run, half over its writing (from when the temporary
  // folder appears), for each signal.
  constexpr int kPerSignal = 12;
  int points = 0, stale_seen = 0, finished_first = 0;
  for (const int sig : {SIGINT, SIGKILL}) {
    for (int i = 0; i < kPerSignal; ++i) {
      const bool fresh = i % 4 == 3;  // now and then with no earlier run: --out must stay absent or be complete
      const fs::path parent = m_root / (fresh ? "fresh" : "w");
      const int variant = points;
      // Over the whole run denser at its start (reading and the analysis take well under a
      // second; the outputs take the rest), and evenly over the writing.
      const double share = (i + 0.5) / (kPerSignal / 2);
      const double at = i < kPerSignal / 2 ? total * 1.05 * share * share
                                           : writing_from + (total - writing_from) * 1.05 * (share - 1.0);
      SCOPED_TRACE(std::string(sig == SIGINT ? "SIGINT" : "SIGKILL") + " at " + std::to_string(at) + " s" +
                   (fresh ? " (fresh --out)" : ""));
      const auto before = fs::exists(parent / "o") ? snapshot(parent / "o") : std::map<std::string, std::string>{};
      Child c(analyse(parent / "o", variant), env(), m_root / "logs/run");
      while (c.elapsed() < at && c.running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      int status = 0;
      if (c.done()) {
        status = c.done_status();
        ++finished_first;
      } else {
        c.signal(sig);
        status = c.wait();
      }
      ++points;
      const std::string said = read(m_root / "logs/run");
      if (sig == SIGINT) {
        // 130 from the watcher; 0 when it had finished; killed by the signal itself only before
        // main() blocked it (nothing is written then).
        EXPECT_TRUE((WIFEXITED(status) && (WEXITSTATUS(status) == 130 || WEXITSTATUS(status) == 0)) ||
                    (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT))
            << status << " " << said;
        // Nothing beside --out, nothing in $TMPDIR.
        const auto left = names(parent);
        EXPECT_TRUE(left.empty() || left == std::set<std::string>{"o"}) << *left.begin();
        EXPECT_TRUE(names(m_root / "tmp").empty());
      } else if (has_stale(parent)) {
        ++stale_seen;
      }
      if (fs::exists(parent / "o")) {
        EXPECT_EQ(inconsistency(parent / "o"), "") << said;  // the previous run or the new one, whole
      } else {
        EXPECT_TRUE(before.empty()) << "the previous run is gone";
      }
      if (fresh) fs::remove_all(m_root / "fresh/o");  // the next fresh point starts with none
    }
  }
  // The next complete run into the same --out removes what SIGKILL left.
  for (const char* p : {"w", "fresh"}) {
    ASSERT_EQ(run(analyse(m_root / p / "o", 0), env(), m_root / "logs/last"), 0) << read(m_root / "logs/last");
    EXPECT_EQ(names(m_root / p), std::set<std::string>{"o"});
    EXPECT_EQ(inconsistency(m_root / p / "o"), "");
  }
  EXPECT_TRUE(names(m_root / "tmp").empty());
  std::printf("kill test: %d kill points (%d SIGINT, %d SIGKILL; %d finished before their point), %d SIGKILLs left a "
              "stale temporary folder, removed by the next run\n",
              points, kPerSignal, kPerSignal, finished_first, stale_seen);
  EXPECT_EQ(points, 2 * kPerSignal);
}

}  // namespace
