// Every output of the bundled case and of a small synth-case fleet keeps its bytes: the SHA-256 of
// each file is kept in tests/golden/*.sha256 (recorded before the library took over the run, issue
// 12), so a refactor that changes a byte of any output fails here, naming the file. report.html
// names the commit it was built from; that text is masked before hashing. manifest.json records
// the run's own facts (time, host) and is not compared.
//
// A change that is meant to change outputs regenerates the files with
// `SHIFTLINE_UPDATE_GOLDEN=1 ctest --test-dir build -R GoldenOutputs` and says why in its commit.
#include <openssl/evp.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "cli/cli_fixture.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/tz.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
const std::string kGolden = std::string(SHIFTLINE_SOURCE_DIR) + "/tests/golden/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string hex_sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

// "name sha256" per output file of `dir` (a file in a subfolder as FOLDER/FILE), manifest.json aside; in report.html the commit, the tz
// database version and the folders of the inputs (it lists inputs by the paths given) are masked.
std::map<std::string, std::string> digests(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {  // geojson/LAYER.geojson too
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), dir).string();
    if (name == "manifest.json") continue;
    std::string bytes = read_file(entry.path().string());
    if (name == "report.html") {
      // The page names the machine's tz database version; Debian updates tzdata on its own schedule,
      // and the bundled case's zone rules (Europe/London, 2024) are the same in every recent one.
      for (const auto& [text, mask] : {std::pair<std::string, std::string>{shiftline::build_info::git_commit, "COMMIT"},
                                       {"(tz database " + shiftline::tzdata_version() + ")", "(tz database TZDB)"},
                                       {SHIFTLINE_SOURCE_DIR, "SOURCE"},
                                       {dir.parent_path().string(), "TESTDIR"}})
        for (auto at = bytes.find(text); at != std::string::npos; at = bytes.find(text, at))
          bytes.replace(at, text.size(), mask);
    }
    out[name] = hex_sha256(bytes);
  }
  return out;
}

std::map<std::string, std::string> read_golden(const std::string& file) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(file));
  for (std::string name, sha; in >> name >> sha;) out[name] = sha;
  return out;
}

void check_or_update(const std::map<std::string, std::string>& now, const std::string& file) {
  if (const char* u = std::getenv("SHIFTLINE_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const auto& [name, sha] : now) out << name << ' ' << sha << '\n';
    GTEST_SKIP() << "rewrote " << file;
  }
  const auto want = read_golden(file);
  ASSERT_FALSE(want.empty()) << file << " is missing";
  std::set<std::string> names;
  for (const auto& [n, s] : want) names.insert(n);
  for (const auto& [n, s] : now) names.insert(n);
  for (const auto& n : names) {
    const auto w = want.find(n), g = now.find(n);
    EXPECT_TRUE(w != want.end()) << n << " is written now but not in " << file;
    EXPECT_TRUE(g != now.end()) << n << " is in " << file << " but not written now";
    if (w == want.end() || g == now.end()) continue;
    EXPECT_EQ(g->second, w->second) << n << " changed bytes";
  }
}

class GoldenOutputs : public Cli {};

TEST_F(GoldenOutputs, BundledCase) {
  ASSERT_EQ(run("analyse --pings " + kData + "pings.csv --shifts " + kData + "shifts.csv --assignments " + kData +
                "assignments.csv --places " + kData + "places.csv --incidents " + kData + "incidents.csv --events " +
                kData + "events.csv --claims " + kData + "claims.csv --tz Europe/London --dwell-pings --quiet --out " +
                path("out")),
            0)
      << m_stderr;
  check_or_update(digests(path("out")), kGolden + "bundled_case.sha256");
}

TEST_F(GoldenOutputs, SynthCaseFleet) {
  ASSERT_EQ(run("synth-case --out " + path("fleet") + " --vehicles 12 --days 14 --seed 7"), 0) << m_stderr;
  const std::string f = path("fleet") + "/";
  ASSERT_EQ(run("analyse --pings " + f + "pings.csv --shifts " + f + "shifts.csv --assignments " + f +
                "assignments.csv --places " + f + "places.csv --incidents " + f + "incidents.csv --events " + f +
                "events.csv --tz Europe/London --formats i2,geojson,kml,gpkg --threads 2 --quiet --out " + path("out")),
            0)
      << m_stderr;
  check_or_update(digests(path("out")), kGolden + "synth_fleet.sha256");
  ASSERT_EQ(run("dwells --pings " + f + "pings.csv --quiet --out " + path("dwells")), 0) << m_stderr;
  check_or_update(digests(path("dwells")), kGolden + "synth_fleet_dwells.sha256");
}

}  // namespace
