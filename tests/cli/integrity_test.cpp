// Issue 13, the output side: the output folder is a transaction, refusals come before any write,
// CSV cells are safe to open in a spreadsheet and valid UTF-8, messages are safe on a terminal.
// Each test runs the real program on a case built here (docs/outputs.md, "The output folder is a
// transaction"; docs/cli.md, exit codes).
#include <sys/stat.h>

#include <map>
#include <set>

#include "cli/cli_fixture.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/report/manifest.hpp"

namespace {

using shiftline_test::Cli;
using shiftline_test::kBinary;
namespace fs = std::filesystem;

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";

class Integrity : public Cli {
 protected:
  // Every file below `dir` (relative name -> bytes), and every entry's name.
  static std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      out[fs::relative(e.path(), dir).string()] = e.is_regular_file() ? read(e.path().string()) : "<dir or link>";
    return out;
  }
  static std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
  }
  // --out holds exactly the outputs its manifest lists, each with the listed SHA-256.
  static void expect_consistent(const fs::path& dir) {
    const auto recorded = shiftline::report::read_manifest((dir / "manifest.json").string());
    std::set<std::string> listed{"manifest.json"};
    for (const auto& o : recorded.outputs) {
      listed.insert(o.name);
      EXPECT_EQ(shiftline::sha256_file((dir / o.name).string()), o.sha256) << o.name;
    }
    EXPECT_EQ(names(dir), listed);
  }
  // Pings of one stop (3 min at one spot) per vehicle id, the ids given raw.
  std::string stop_pings(const std::vector<std::string>& ids) {
    std::string text = "vehicle_id,timestamp,lat,lon\n";
    for (const auto& id : ids)
      for (const char* t : {"08:00:00", "08:01:00", "08:03:00"})
        text += id + ",2024-01-15T" + t + "Z,51.6,-0.1\n";
    return write("p.csv", text);
  }
};

// Defect 2: a refused run writes nothing: the brief's case, and --out holding an input.
TEST_F(Integrity, Defect02_RefusedRunWritesNothing) {
  ASSERT_EQ(run("analyse --pings " + kData + "pings.csv --shifts " + kData + "shifts.csv --tz Europe/London --formats none --out " +
                path("case") + " --quiet"),
            0)
      << m_stderr;
  ASSERT_TRUE(fs::exists(path("case/shifts.csv")));  // an output of that run, now named as an input
  const auto before = snapshot(path("case"));
  const auto parent = names(m_dir);
  EXPECT_EQ(run("analyse --pings " + kData + "pings.csv --shifts " + path("case/shifts.csv") +
                " --tz Europe/London --out " + path("case") + " --force"),
            5);
  EXPECT_NE(m_stderr.find("case/shifts.csv: is inside"), std::string::npos) << m_stderr;
  EXPECT_EQ(snapshot(path("case")), before);  // byte-identical
  EXPECT_EQ(names(m_dir), parent);            // and nothing beside it
  // --out is a file: refused, the file untouched.
  const std::string file = write("file.txt", "mine");
  EXPECT_EQ(run("dwells --pings " + kData + "pings.csv --out " + file + " --force"), 5);
  EXPECT_EQ(read(file), "mine");
}

// Defect 3: a run that fails while writing (here: a file-size limit, EFBIG, once report.gpkg is
// written) leaves the previous run as it was and nothing beside it.
TEST_F(Integrity, Defect03_FailedWriteLeavesThePreviousRun) {
  const std::string common = "analyse --pings " + kData + "pings.csv --shifts " + kData +
                             "shifts.csv --tz Europe/London --formats gpkg --quiet --out " + path("o");
  ASSERT_EQ(run(common + " --max-bridge 1h"), 0) << m_stderr;
  const auto before = snapshot(path("o"));
  const auto parent = names(m_dir);
  // SIGXFSZ ignored (kept across exec), so that write(2) fails with EFBIG; 4096 blocks of 512 bytes.
  const int rc = std::system(("trap '' XFSZ; ulimit -f 4096; " + kBinary + " " + common + " --force 2>" +
                              path("stderr")).c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 5);
  EXPECT_NE(read(path("stderr")).find("report.gpkg: write failed: File too large"), std::string::npos)
      << read(path("stderr"));
  EXPECT_EQ(snapshot(path("o")), before);
  EXPECT_EQ(names(m_dir), parent);
}

// Defect 7: ids that a spreadsheet would run are written as text in every CSV; negative
// coordinates and times are untouched.
TEST_F(Integrity, Defect07_FormulaInjectionIsNeutralised) {
  const std::string pings = stop_pings({"\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"});
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --quiet"), 0) << m_stderr;
  const std::string dwells = read(path("o/dwells.csv"));
  // dwell_id (the id and "#1"), then vehicle_id.
  EXPECT_NE(dwells.find("\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")#1\",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",2024"),
            std::string::npos)
      << dwells;
  EXPECT_NE(dwells.find("\n'+cmd|' /C calc'!A0#1,'+cmd|' /C calc'!A0,2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\n'@SUM(1)#1,'@SUM(1),2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\n'-2+3#1,'-2+3,2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find(",-0.1000000,"), std::string::npos) << dwells;  // a negative number stays
  for (const auto& e : fs::directory_iterator(path("o"))) {
    const std::string text = read(e.path().string());
    for (const char* raw : {"\n=", ",=", "\n+", ",+c", "\n@", ",@", "\n-2", ",-2+"})
      EXPECT_EQ(text.find(raw), std::string::npos) << e.path() << " holds " << raw;
  }
}

// Defect 7, the collision: the `'` guard is reversible (a cell that starts with `'` gets one too),
// so distinct ids stay distinct in every table (the dwell id is the join key) and so do citations
// of files whose names differ only by a leading `'`. Worked by hand from docs/outputs.md:
// `=A` -> `'=A`, `'=A` -> `''=A`, `-1` -> `-1` (a number; its dwell id `-1#1` is not: `'-1#1`),
// `'-1` -> `''-1`.
TEST_F(Integrity, Defect07_NeutralisedIdsStayDistinct) {
  const std::string pings = stop_pings({"=A", "'=A", "-1", "'-1"});
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --quiet"), 0) << m_stderr;
  const std::string dwells = read(path("o/dwells.csv"));
  EXPECT_NE(dwells.find("\n'=A#1,'=A,2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\n''=A#1,''=A,2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\n'-1#1,-1,2024"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\n''-1#1,''-1,2024"), std::string::npos) << dwells;
  std::set<std::string> ids;
  std::size_t rows = 0;
  for (std::size_t at = dwells.find('\n'); at + 1 < dwells.size(); at = dwells.find('\n', at + 1), ++rows)
    ids.insert(dwells.substr(at + 1, dwells.find(',', at + 1) - at - 1));
  EXPECT_EQ(rows, 4u) << dwells;
  EXPECT_EQ(ids.size(), 4u) << dwells;
  // Citations: files `=x.csv` and `'=x.csv` (one vehicle each) are cited as `'=x.csv:2-4` and
  // `''=x.csv:2-4`.
  const auto one_stop = [](const std::string& id) {
    std::string text = "vehicle_id,timestamp,lat,lon\n";
    for (const char* t : {"08:00:00", "08:01:00", "08:03:00"}) text += id + ",2024-01-15T" + t + "Z,51.6,-0.1\n";
    return text;
  };
  write("=x.csv", one_stop("V1"));
  write("'=x.csv", one_stop("V2"));
  ASSERT_EQ(run("dwells --pings " + path("=x.csv") + " --pings \"" + path("'=x.csv") + "\" --out " + path("c") + " --quiet"), 0)
      << m_stderr;
  const std::string cited = read(path("c/dwells.csv"));
  EXPECT_NE(cited.find("\nV1#1,V1,"), std::string::npos) << cited;
  EXPECT_NE(cited.find(",'=x.csv:2-4\n"), std::string::npos) << cited;
  EXPECT_NE(cited.find(",''=x.csv:2-4\n"), std::string::npos) << cited;
}

// Defect 14: a link planted in --out under the old temporary name is never written through.
TEST_F(Integrity, Defect14_PlantedTemporaryLinkIsNotFollowed) {
  const std::string pings = stop_pings({"V1"});
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --quiet"), 0) << m_stderr;
  const std::string outside = write("outside.txt", "not yours");
  fs::create_symlink(outside, path("o/.dwells.csv.tmp"));
  fs::create_symlink(outside, path("o/.manifest.json.tmp"));
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --force --quiet"), 0) << m_stderr;
  EXPECT_EQ(read(outside), "not yours");
  expect_consistent(path("o"));  // the planted links went with the old folder
}

// Defect 14, synth-case (and synth, timeline): each file is replaced through a new file beside it
// (O_EXCL|O_NOFOLLOW) renamed over it, so a link planted under an output's name is replaced, never
// written through.
TEST_F(Integrity, Defect14_SynthCaseReplacesPlantedLinks) {
  const std::string outside = write("v4.txt", "not yours");
  fs::create_directory(path("sc2"));
  for (const char* name : {"events.csv", "pings.csv", "truth.csv"}) fs::create_symlink(outside, path("sc2/") + name);
  ASSERT_EQ(run("synth-case --out " + path("sc2") + " --truth " + path("sc2/truth.csv")), 0) << m_stderr;
  EXPECT_EQ(read(outside), "not yours");
  for (const char* name : {"events.csv", "pings.csv", "truth.csv", "shifts.csv"}) {
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(path("sc2/") + name))) << name;
    EXPECT_FALSE(fs::is_symlink(path("sc2/") + name)) << name;
  }
  EXPECT_EQ(read(path("sc2/events.csv")).substr(0, 9), "timestamp");
  EXPECT_EQ(read(path("sc2/pings.csv")).substr(0, 29), "vehicle_id,timestamp,lat,lon\n");
  // synth's CSV too.
  fs::create_symlink(outside, path("fleet.csv"));
  ASSERT_EQ(run("synth --pings 100 --out " + path("fleet.csv")), 0) << m_stderr;
  EXPECT_EQ(read(outside), "not yours");
  EXPECT_FALSE(fs::is_symlink(path("fleet.csv")));
  // Nothing but the outputs is left beside them.
  EXPECT_EQ(names(path("sc2")), (std::set<std::string>{"assignments.csv", "events.csv", "incidents.csv", "pings.csv",
                                                        "places.csv", "shifts.csv", "truth.csv"}));
}

// Defect 16: invalid UTF-8 in ids is written as U+FFFD (NUL too: tests/unit/report/csv_safety_test);
// the CSVs are valid UTF-8.
TEST_F(Integrity, Defect16_CsvOutputsAreValidUtf8) {
  const std::string pings = stop_pings({"V\xFF" "1", "caf\xC3\xA9"});
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o") + " --quiet"), 0) << m_stderr;
  const std::string dwells = read(path("o/dwells.csv"));
  EXPECT_NE(dwells.find("\nV\xEF\xBF\xBD" "1#1,V\xEF\xBF\xBD" "1,"), std::string::npos) << dwells;
  EXPECT_NE(dwells.find("\ncaf\xC3\xA9#1,caf\xC3\xA9,"), std::string::npos) << dwells;
  for (const auto& e : fs::directory_iterator(path("o")))
    EXPECT_EQ(read(e.path().string()).find('\xFF'), std::string::npos) << e.path();
}

// Defect 16, paths: a path on the command line that is not valid UTF-8 is exit 2 naming the flag,
// the name shown escaped, before anything is read or written (it crashed writing manifest.json).
// A folder above a valid name that is not UTF-8 reaches the manifest as U+FFFD, never a crash.
TEST_F(Integrity, Defect16_PathsMustBeValidUtf8) {
  const std::string pings = stop_pings({"V1"});
  write("n\xFF" "a.csv", read(pings));
  const std::string bad = "\"$(printf '" + m_dir.string() + "/n\\377a.csv')\"";
  EXPECT_EQ(run("dwells --pings " + bad + " --out " + path("r")), 2);
  EXPECT_NE(m_stderr.find("--pings: '" + m_dir.string() + "/n\\xFFa.csv' is not valid UTF-8; file names must be valid "
                          "UTF-8: rename the file"),
            std::string::npos)
      << m_stderr;
  EXPECT_EQ(m_stderr.find("internal error"), std::string::npos) << m_stderr;
  EXPECT_EQ(m_stderr.find('\xFF'), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("r")));
  EXPECT_EQ(run("dwells --pings " + pings + " --out \"$(printf '" + m_dir.string() + "/o\\377')\""), 2);
  EXPECT_NE(m_stderr.find("--out: '" + m_dir.string() + "/o\\xFF' is not valid UTF-8"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("o\xFF")));
  // The commands outside the parameter table too.
  EXPECT_EQ(run("timeline --from \"$(printf 'r\\377')\" --officer X --date 2024-10-21 --out t.svg"), 2);
  EXPECT_NE(m_stderr.find("--from: 'r\\xFF' is not valid UTF-8"), std::string::npos) << m_stderr;
  EXPECT_EQ(run("synth-case --out \"$(printf '" + m_dir.string() + "/c\\377')\""), 2);
  EXPECT_NE(m_stderr.find("--out: '" + m_dir.string() + "/c\\xFF' is not valid UTF-8"), std::string::npos) << m_stderr;
  EXPECT_EQ(run("reproduce \"$(printf 'r\\377')\""), 2);
  EXPECT_NE(m_stderr.find("'r\\xFF' is not valid UTF-8"), std::string::npos) << m_stderr;
  // A valid name in a folder whose name is not UTF-8: the run completes; canonical_path holds U+FFFD.
  fs::create_directory(path("d\xFF"));
  fs::copy_file(pings, path("d\xFF/p.csv"));
  ASSERT_EQ(run("dwells --pings p.csv --out o --quiet", "cd \"$(printf '" + m_dir.string() + "/d\\377')\" &&"), 0) << m_stderr;
  const std::string manifest = read(path("d\xFF/o/manifest.json"));
  EXPECT_NE(manifest.find("/d\xEF\xBF\xBD/p.csv\""), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find('\xFF'), std::string::npos);
}

// Defect 17, the manifest: reading a run's manifest.json (reproduce, timeline --from) checks it is
// a regular file first, as every input is (never opening it): a FIFO there is exit 3 naming it,
// never a hang. `timeout` guards the test (exit 124 if it blocks).
TEST_F(Integrity, Defect17_ManifestFifoIsRefusedNotOpened) {
  fs::create_directory(path("rf"));
  ASSERT_EQ(::mkfifo(path("rf/manifest.json").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo(path("fifo.csv").c_str(), 0600), 0);
  EXPECT_EQ(run("reproduce " + path("rf"), "timeout 20"), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("rf/manifest.json: is a FIFO (named pipe)"), std::string::npos) << m_stderr;
  EXPECT_EQ(run("reproduce " + path("fifo.csv"), "timeout 20"), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("fifo.csv: is a FIFO (named pipe)"), std::string::npos) << m_stderr;
  EXPECT_EQ(run("timeline --from " + path("rf") + " --officer X --date 2024-10-21 --out " + path("t.svg"), "timeout 20"), 3)
      << m_stderr;
  EXPECT_NE(m_stderr.find("rf/manifest.json: is a FIFO (named pipe)"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("t.svg")));
  // A directory named manifest.json: named as a directory.
  fs::create_directories(path("rd/manifest.json"));
  EXPECT_EQ(run("reproduce " + path("rd"), "timeout 20"), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("rd/manifest.json: is a directory"), std::string::npos) << m_stderr;
}

// Defect 19: text from the command line or the inputs in a message is shown, never obeyed.
TEST_F(Integrity, Defect19_MessagesEscapeControlCharacters) {
  const std::string pings = stop_pings({"V1"});
  EXPECT_EQ(run("where --pings " + pings + " --vehicle \"$(printf '\\033[2J\\033]0;owned\\007X')\" --at 2024-01-15T08:00:00Z"), 3);
  EXPECT_EQ(m_stderr.find('\x1b'), std::string::npos) << m_stderr;
  EXPECT_EQ(m_stderr.find('\x07'), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("vehicle '\\x1B[2J\\x1B]0;owned\\x07X'"), std::string::npos) << m_stderr;
  EXPECT_EQ(run("dwells --pings \"$(printf 'no\\033[31mfile.csv')\" --out " + path("o")), 3);
  EXPECT_EQ(m_stderr.find('\x1b'), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("no\\x1B[31mfile.csv"), std::string::npos) << m_stderr;
  // The command line parser's own messages too.
  EXPECT_EQ(run("dwells --pings x.csv --out o \"$(printf '\\033[31mstray')\""), 2);
  EXPECT_EQ(m_stderr.find('\x1b'), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("\\x1B[31mstray"), std::string::npos) << m_stderr;
}

// Defect 19, libxml2: GDAL validated a VRT with libxml2, whose parser errors went straight to
// stderr with the VRT's bytes raw ("Entity: line 1: parser error : invalid character in attribute
// value" and the line holding ESC). XML validation is off for every GDAL open; what GDAL says
// goes through the one escaping path.
TEST_F(Integrity, Defect19_XmlParserErrorsNeverReachStderrRaw) {
  write("src.csv", read(stop_pings({"V1"})));
  for (const std::string& vrt :
       {std::string("<OGRVRTDataSource><OGRVRTLayer name=\"p\x1B[31m\"><SrcDataSource relativeToVRT=\"1\">src.csv"
                    "</SrcDataSource><SrcLayer>src</SrcLayer></OGRVRTLayer></OGRVRTDataSource>"),
        std::string("<OGRVRTDataSource><!-- \x1B[2J --><OGRVRTLayer name=\"pings\"><SrcDataSource relativeToVRT=\"1\">"
                    "src.csv</SrcDataSource><SrcLayer>src\x1B[31m</SrcLayer></OGRVRTLayer></OGRVRTDataSource>")}) {
    write("v.vrt", vrt);
    fs::remove_all(path("o"));
    const int rc = run("dwells --pings " + path("v.vrt") + " --out " + path("o"));
    EXPECT_TRUE(rc == 0 || rc == 3) << rc << m_stderr;  // the first reads, the second names no such layer
    EXPECT_EQ(m_stderr.find('\x1B'), std::string::npos) << m_stderr;
    EXPECT_EQ(m_stderr.find("parser error"), std::string::npos) << m_stderr;
  }
  EXPECT_NE(m_stderr.find("Failed to find layer 'src\\x1B[31m'"), std::string::npos) << m_stderr;
}

// Defect 20: --force into another command's folder replaces it whole: no file of the old run stays.
TEST_F(Integrity, Defect20_ForceReplacesAnotherCommandsFolderWhole) {
  ASSERT_EQ(run("analyse --pings " + kData + "pings.csv --shifts " + kData + "shifts.csv --tz Europe/London --formats none --out " +
                path("o") + " --quiet"),
            0)
      << m_stderr;
  EXPECT_TRUE(fs::exists(path("o/unexplained.csv")));
  const auto parent = names(m_dir);
  ASSERT_EQ(run("dwells --pings " + kData + "pings.csv --out " + path("o") + " --force --quiet"), 0) << m_stderr;
  EXPECT_EQ(names(path("o")),
            (std::set<std::string>{"dwells.csv", "gaps.csv", "manifest.json", "rejected.csv", "warnings.csv"}));
  expect_consistent(path("o"));
  EXPECT_EQ(names(m_dir), parent);
}

}  // namespace
