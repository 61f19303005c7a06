#include "shiftline/report/output_dir.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::report {
namespace {

namespace fs = std::filesystem;

class OutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() / ("shiftline_outdir_" + std::to_string(::getpid()) + "_" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root);
    m_input = (m_root / "pings.csv").string();
    std::ofstream(m_input) << "vehicle_id,timestamp,lat,lon\n";
  }
  void TearDown() override { fs::remove_all(m_root); }
  fs::path m_root;
  std::string m_input;
};

TEST_F(OutputDirTest, WritesAtomicallyAndHashes) {
  OutputDir out((m_root / "out").string(), false, {m_input});
  EXPECT_FALSE(fs::exists(m_root / "out"));  // created by the first write only
  const WrittenFile f = out.write("a.csv", "abc");
  EXPECT_EQ(f.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-4 "abc"
  EXPECT_EQ(f.bytes, 3U);
  EXPECT_EQ(sha256_file((m_root / "out" / "a.csv").string()), f.sha256);
  EXPECT_FALSE(fs::exists(m_root / "out" / ".a.csv.tmp"));
}

TEST_F(OutputDirTest, RefusesAnExistingFolderWithoutForce) {
  fs::create_directories(m_root / "out");
  std::ofstream(m_root / "out" / "keep.txt") << "x";
  EXPECT_THROW(OutputDir((m_root / "out").string(), false, {m_input}), OutputError);
  OutputDir forced((m_root / "out").string(), true, {m_input});
  forced.write("a.csv", "1");
  EXPECT_TRUE(fs::exists(m_root / "out" / "keep.txt"));  // --force replaces only what it writes
}

TEST_F(OutputDirTest, NeverOverwritesAnInput) {
  EXPECT_THROW(OutputDir(m_input, true, {m_input}), OutputError);
  OutputDir out(m_root.string(), true, {m_input});
  EXPECT_THROW(out.write("pings.csv", "overwritten"), OutputError);
  fs::create_symlink(m_input, m_root / "link.csv");
  EXPECT_THROW(out.write("link.csv", "overwritten"), OutputError);
  std::ifstream in(m_input);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "vehicle_id,timestamp,lat,lon");
}

}  // namespace
}  // namespace shiftline::report
