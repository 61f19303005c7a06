#include "shiftline/report/output_dir.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/temporary.hpp"

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

  // Names in `dir`, sorted.
  static std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
  }
  static std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // A finished earlier run in `dir`: its files and a manifest.json.
  static void earlier_run(const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "old.csv") << "old";
    std::ofstream(dir / "manifest.json") << "{}";
  }

  fs::path m_root;
  std::string m_input;
};

TEST_F(OutputDirTest, WritesIntoAPrivateFolderThenCommits) {
  OutputDir out((m_root / "out").string(), false, {m_input});
  const fs::path temp = out.temporary();
  EXPECT_EQ(temp.parent_path(), m_root);
  EXPECT_EQ(temp.filename().string().substr(0, 19), ".out.shiftline-tmp-");
  EXPECT_EQ(temp.filename().string().size(), 25U);  // ".out.shiftline-tmp-" + 6
  EXPECT_EQ(fs::status(temp).permissions(), fs::perms::owner_all);  // mkdtemp: 0700
  const WrittenFile f = out.write("a.csv", "abc");
  EXPECT_EQ(f.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-4 "abc"
  EXPECT_EQ(f.bytes, 3U);
  EXPECT_FALSE(fs::exists(m_root / "out"));  // nothing at --out until the commit
  out.commit();
  EXPECT_EQ(sha256_file((m_root / "out" / "a.csv").string()), f.sha256);
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));  // the temporary name is gone
  EXPECT_EQ(names(m_root / "out"), std::set<std::string>{"a.csv"});
  EXPECT_NE(fs::status(m_root / "out").permissions(), fs::perms::owner_all);  // a folder's usual mode
}

// One level of subfolder (geojson/LAYER.geojson): made on first use, inside the private folder,
// moved into place with it; a run that fails leaves no trace of it. Any other name is a bug.
TEST_F(OutputDirTest, WritesOneLevelOfSubfolder) {
  {
    OutputDir out((m_root / "out").string(), false, {m_input});
    const WrittenFile f = out.write("geojson/a.geojson", "abc");
    EXPECT_EQ(f.name, "geojson/a.geojson");
    EXPECT_EQ(f.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    (void)out.write("geojson/b.geojson", "b");
    (void)out.write("top.csv", "t");
    EXPECT_THROW(out.write("geojson/a.geojson", "again"), OutputError);  // O_EXCL: one name once
    for (const char* bad : {"a/b/c", "../x", "/x", "a/", "./x", "a/..", "", "x/."})
      EXPECT_THROW(out.write(bad, "x"), std::logic_error) << bad;
    EXPECT_TRUE(fs::is_directory(fs::path(out.temporary()) / "geojson"));
    out.commit();
  }
  EXPECT_EQ(names(m_root / "out"), (std::set<std::string>{"geojson", "top.csv"}));
  EXPECT_EQ(names(m_root / "out" / "geojson"), (std::set<std::string>{"a.geojson", "b.geojson"}));
  EXPECT_EQ(read(m_root / "out" / "geojson" / "a.geojson"), "abc");
  {
    OutputDir out((m_root / "failed").string(), false, {m_input});
    (void)out.write("geojson/a.geojson", "abc");
  }  // no commit
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));
}

TEST_F(OutputDirTest, RefusesAnExistingFolderWithoutForce) {
  earlier_run(m_root / "out");
  EXPECT_THROW(OutputDir((m_root / "out").string(), false, {m_input}), OutputError);
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));
}

// Issue 13, defect 20: --force replaces the folder as a whole; no file of the earlier run stays.
TEST_F(OutputDirTest, Defect20_ForceReplacesTheWholeFolder) {
  earlier_run(m_root / "out");
  {
    OutputDir forced((m_root / "out").string(), true, {m_input});
    forced.write("a.csv", "1");
    EXPECT_EQ(read(m_root / "out" / "old.csv"), "old");  // untouched until the commit
    forced.commit();
  }
  EXPECT_EQ(names(m_root / "out"), std::set<std::string>{"a.csv"});
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));  // the old folder was removed
}

// --force replaces a whole folder, so only a run's folder (manifest.json) or an empty one.
TEST_F(OutputDirTest, ForceRefusesAFolderThatIsNotARun) {
  fs::create_directories(m_root / "home");
  std::ofstream(m_root / "home" / "thesis.tex") << "years of work";
  EXPECT_THROW(OutputDir((m_root / "home").string(), true, {m_input}), OutputError);
  EXPECT_EQ(read(m_root / "home" / "thesis.tex"), "years of work");
  fs::create_directories(m_root / "empty");
  OutputDir empty((m_root / "empty").string(), true, {m_input});
  empty.commit();
  EXPECT_TRUE(fs::is_empty(m_root / "empty"));
}

// Issue 13, defect 2: an input inside --out is refused before anything is written, since the
// whole folder would be replaced; so is --out naming an input, a file, or a link to nothing.
TEST_F(OutputDirTest, Defect02_RefusalsComeBeforeAnyWrite) {
  earlier_run(m_root / "case");
  std::ofstream(m_root / "case" / "shifts.csv") << "officer_id,start,end\n";
  const std::string shifts = (m_root / "case" / "shifts.csv").string();
  EXPECT_THROW(OutputDir((m_root / "case").string(), true, {m_input, shifts}), OutputError);
  EXPECT_THROW(check_output_folder((m_root / "case").string(), true, {shifts}), OutputError);
  fs::create_symlink(m_input, m_root / "case" / "link.csv");  // the input's name inside --out
  EXPECT_THROW(OutputDir((m_root / "case").string(), true, {(m_root / "case" / "link.csv").string()}), OutputError);
  EXPECT_THROW(OutputDir(m_input, true, {m_input}), OutputError);                       // --out is an input
  EXPECT_THROW(OutputDir(m_input, true, {}), OutputError);                              // --out is a file
  fs::create_symlink(m_root / "nowhere", m_root / "dangling");
  EXPECT_THROW(OutputDir((m_root / "dangling").string(), true, {}), OutputError);       // a link to nothing
  EXPECT_EQ(names(m_root), (std::set<std::string>{"case", "dangling", "pings.csv"}));   // no temporary folder
  EXPECT_EQ(names(m_root / "case"), (std::set<std::string>{"link.csv", "manifest.json", "old.csv", "shifts.csv"}));
  EXPECT_EQ(read(m_root / "case" / "old.csv"), "old");
}

// Issue 13, defect 3: a run that fails (or is abandoned) before its commit leaves --out as it was
// and nothing beside it.
TEST_F(OutputDirTest, Defect03_FailureLeavesTheFolderAsItWas) {
  earlier_run(m_root / "out");
  {
    OutputDir out((m_root / "out").string(), true, {m_input});
    out.write("dwells.csv", "new");
    EXPECT_THROW(out.write("dwells.csv", "twice"), OutputError);  // O_EXCL: one name once
  }  // no commit: as on any exception
  EXPECT_EQ(names(m_root / "out"), (std::set<std::string>{"manifest.json", "old.csv"}));
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));
  {
    OutputDir out((m_root / "new").string(), false, {m_input});
    out.write("dwells.csv", "new");
  }
  EXPECT_EQ(names(m_root), (std::set<std::string>{"out", "pings.csv"}));
}

// Issue 13, defect 3: after a kill, the temporary folder stays; the next run into the same --out
// removes it, but not one a live run holds (its flock), nor another --out's, nor a planted link.
TEST_F(OutputDirTest, Defect03_StaleTemporaryFoldersAreRemoved) {
  fs::create_directories(m_root / ".out.shiftline-tmp-AbC123");
  std::ofstream(m_root / ".out.shiftline-tmp-AbC123" / "dwells.csv") << "half";
  fs::create_directories(m_root / ".out.shiftline-tmp-Live99");
  const int held = ::open((m_root / ".out.shiftline-tmp-Live99").c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);
  fs::create_directories(m_root / ".other.shiftline-tmp-AbC123");
  fs::create_directories(m_root / "elsewhere");
  std::ofstream(m_root / "elsewhere" / "keep.txt") << "keep";
  fs::create_directory_symlink(m_root / "elsewhere", m_root / ".out.shiftline-tmp-Link00");
  {
    OutputDir out((m_root / "out").string(), false, {m_input});
    out.write("a.csv", "1");
    out.commit();
  }
  ::close(held);
  EXPECT_EQ(names(m_root), (std::set<std::string>{".other.shiftline-tmp-AbC123", ".out.shiftline-tmp-Link00",
                                                  ".out.shiftline-tmp-Live99", "elsewhere", "out", "pings.csv"}));
  EXPECT_EQ(read(m_root / "elsewhere" / "keep.txt"), "keep");
}

// Issue 13, defect 14: a file planted in --out (a link to a file outside) is never written
// through; files are created only inside the private folder, O_EXCL|O_NOFOLLOW.
TEST_F(OutputDirTest, Defect14_PlantedLinksAreNeverFollowed) {
  earlier_run(m_root / "o");
  const fs::path outside = m_root / "outside.txt";
  std::ofstream(outside) << "precious";
  fs::create_symlink(outside, m_root / "o" / ".dwells.csv.tmp");
  fs::create_symlink(outside, m_root / "o" / "dwells.csv");
  {
    OutputDir out((m_root / "o").string(), true, {m_input});
    out.write("dwells.csv", "overwritten?");
    out.commit();
  }
  EXPECT_EQ(read(outside), "precious");
  EXPECT_FALSE(fs::is_symlink(m_root / "o" / "dwells.csv"));
  EXPECT_EQ(read(m_root / "o" / "dwells.csv"), "overwritten?");
}

TEST_F(OutputDirTest, ASymlinkedOutIsReplacedWhereItPoints) {
  earlier_run(m_root / "real");
  fs::create_directory_symlink(m_root / "real", m_root / "link");
  {
    OutputDir out((m_root / "link").string(), true, {m_input});
    out.write("a.csv", "1");
    out.commit();
  }
  EXPECT_TRUE(fs::is_symlink(m_root / "link"));
  EXPECT_EQ(names(m_root / "real"), std::set<std::string>{"a.csv"});
}

TEST_F(OutputDirTest, TemporaryPathsAreRemovedUnlessReleased) {
  const fs::path a = m_root / "a.tmp";
  const fs::path b = m_root / "b.tmp";
  std::ofstream(a) << "x";
  std::ofstream(b) << "x";
  { const TemporaryPath t(a.string()); }
  {
    TemporaryPath t(b.string());
    t.release();
  }
  EXPECT_FALSE(fs::exists(a));
  EXPECT_TRUE(fs::exists(b));
}

}  // namespace
}  // namespace shiftline::report
