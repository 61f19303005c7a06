// Issue 13's defects of the readers and of per-table rejection, run through the `shiftline`
// program end to end (one test per defect, named after the numbers).
//
// The case: vehicle V1 parked at (52.6, -1.1), one ping a minute from 2024-10-21T05:00:00Z for
// 30 minutes (lines 2-31 of its file): one dwell, rows 2-31. Europe/London is on BST (+01:00)
// then (zdump -v Europe/London: BST ends 2024-10-27T01:00:00Z), so local 07:00 is 06:00Z.
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;

std::string minute(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2024-10-21T%02d:%02d:00Z", 5 + m / 60, m % 60);
  return buf;
}

std::string parked_pings(const std::string& vehicle = "V1") {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  for (int m = 0; m < 30; ++m) csv += vehicle + "," + minute(m) + ",52.6,-1.1\n";
  return csv;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// ---- 13: a table with every row (or more than --max-rejected) rejected stops the run ----------

TEST_F(Cli, Defect13_TableWithEveryRowRejectedStopsTheRun) {
  const std::string pings = write("pings.csv", parked_pings());
  // Naive local times and no --tz: all 2 roster rows are rejected (the old run said "0 shift(s)",
  // exit 0).
  const std::string shifts = write("shifts.csv",
                                   "officer_id,start,end,vehicle_id\n"
                                   "PC1,2024-10-21 07:00,2024-10-21 15:00,V1\n"
                                   "PC2,2024-10-21 07:00,2024-10-21 15:00,V1\n");
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --out " + path("a")), 3)
      << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "shifts table (shifts.csv): all 2 rows rejected")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "commonest reason naive_time_without_zone (2 rows)")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "e.g. shifts.csv:2: start:")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "likely fix: naive local times: give --tz")) << m_stderr;
  EXPECT_FALSE(fs::exists(path("a")));  // stopped before anything was written

  // A UK day-first roster: without --date-order every row is ambiguous_date, and the fix says so.
  const std::string uk = write("uk.csv",
                               "officer_id,start,end,vehicle_id\n"
                               "PC1,21/10/2024 07:00,21/10/2024 15:00,V1\n");
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + uk + " --tz Europe/London --formats none --out " +
                path("b")),
            3)
      << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "commonest reason ambiguous_date (1 rows), e.g. uk.csv:2: start:")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "give --date-order dmy")) << m_stderr;
  // With --date-order dmy: 21 October 07:00 BST = 06:00Z, to 15:00 BST = 14:00Z.
  ASSERT_EQ(run("analyse --pings " + pings + " --shifts " + uk +
                " --tz Europe/London --date-order dmy --formats none --out " + path("c")),
            0)
      << m_stderr;
  const std::string shifts_out = read(path("c") + "/shifts.csv");
  EXPECT_TRUE(contains(shifts_out, "2024-10-21T06:00:00Z")) << shifts_out;
  EXPECT_TRUE(contains(shifts_out, "2024-10-21T14:00:00Z")) << shifts_out;
  EXPECT_TRUE(contains(read(path("c") + "/manifest.json"), "\"date-order\"")) << "recorded as a parameter";
  // --date-order mdy reads 21 as a month: refused row by row (unparseable), so the table stops.
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + uk +
                " --tz Europe/London --date-order mdy --formats none --out " + path("d")),
            3)
      << m_stderr;
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + uk + " --date-order dym --out " + path("e")), 2);
}

TEST_F(Cli, Defect13_MaxRejectedAppliesToEachTableOnItsOwn) {
  const std::string pings = write("pings.csv", parked_pings());
  // 1 of 2 shift rows rejected (line 3: end before start). Over all tables that is 1 of 32 rows
  // read (3.1%), under a 5% limit; in the shifts table it is 50%, over it.
  const std::string shifts = write("shifts.csv",
                                   "officer_id,start,end,vehicle_id\n"
                                   "PC1,2024-10-21T05:00:00Z,2024-10-21T13:00:00Z,V1\n"
                                   "PC2,2024-10-21T13:00:00Z,2024-10-21T05:00:00Z,V1\n");
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --max-rejected 5% --out " +
                path("a")),
            3)
      << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "shifts table (shifts.csv): 1 of 2 rows rejected, over --max-rejected 5%"))
      << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "end_before_start (1 rows), e.g. shifts.csv:3: end:")) << m_stderr;
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --max-rejected 50% --out " +
                path("b")),
            0)
      << m_stderr;
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --out " + path("c")), 0)
      << "no limit given: a table that keeps a row does not stop the run";
}

TEST_F(Cli, Defect13_VerifyWithMostClaimsRejectedDoesNotExitZero) {
  const std::string pings = write("pings.csv", parked_pings());
  // 5 claims about V1 at its parking place; 4 are rejected (lines 3-6: end before start, no
  // assertion, a naive time without --tz, an unknown assertion), 1 is tested (line 2).
  const std::string claims = write("claims.csv",
                                   "claim_id,vehicle_id,lat,lon,start,end,assertion\n"
                                   "C1,V1,52.6,-1.1,2024-10-21T05:05:00Z,2024-10-21T05:10:00Z,present\n"
                                   "C2,V1,52.6,-1.1,2024-10-21T05:10:00Z,2024-10-21T05:05:00Z,present\n"
                                   "C3,V1,52.6,-1.1,2024-10-21T05:05:00Z,2024-10-21T05:10:00Z,\n"
                                   "C4,V1,52.6,-1.1,2024-10-21 05:05,2024-10-21T05:10:00Z,present\n"
                                   "C5,V1,52.6,-1.1,2024-10-21T05:05:00Z,2024-10-21T05:10:00Z,maybe\n");
  const int code = run("verify --pings " + pings + " --claims " + claims + " --out " + path("v"));
  EXPECT_EQ(code, 3) << m_stderr;
  EXPECT_FALSE(fs::exists(path("v"))) << "stopped before anything is written";
  EXPECT_TRUE(contains(m_stderr, "claims table (claims.csv): 4 of 5 rows rejected")) << m_stderr;
  // Allowed explicitly: the investigator has seen them.
  EXPECT_EQ(run("verify --pings " + pings + " --claims " + claims + " --max-rejected 4 --out " + path("w")), 0)
      << m_stderr;
}

TEST_F(Cli, Defect13_TableWithNoRowsStopsTheRun) {
  const std::string pings = write("pings.csv", parked_pings());
  // A roster with its header only: the old run said "0 shift(s); ... off duty", exit 0.
  const std::string shifts = write("shifts.csv", "officer_id,start,end,vehicle_id\n");
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --out " + path("a")), 3)
      << m_stderr;
  EXPECT_FALSE(fs::exists(path("a")));  // stopped before anything was written
  EXPECT_TRUE(contains(m_stderr, "shifts table (shifts.csv): the file has no rows")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "give a table with rows, or leave out --shifts")) << m_stderr;
  // Blank lines after the header are no rows either; --max-rejected does not let it through.
  write("shifts.csv", "officer_id,start,end,vehicle_id\n\n \n");
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --max-rejected 100% --formats none --out " +
                path("b")),
            3)
      << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "shifts table (shifts.csv): the file has no rows")) << m_stderr;
  // Pings with a header only: required, so the fix does not offer leaving them out.
  const std::string empty = write("empty.csv", "vehicle_id,timestamp,lat,lon\n");
  EXPECT_EQ(run("dwells --pings " + empty + " --out " + path("c")), 3) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "pings table (empty.csv): the file has no rows")) << m_stderr;
  EXPECT_FALSE(contains(m_stderr, "leave out")) << m_stderr;
  EXPECT_FALSE(fs::exists(path("c")));
}

TEST_F(Cli, Defect13_LikelyFixNeverPointsAtAFileNotWritten) {
  // Line 32 repeats line 2 (a duplicate ping, a reason with no specific fix): 1 of 31 rows
  // rejected, over --max-rejected 0. The run stops before rejected.csv exists, so the message
  // must not send the reader there (it said "likely fix: see rejected.csv").
  std::string csv = parked_pings();
  csv += "V1," + minute(0) + ",52.6,-1.1\n";
  const std::string pings = write("pings.csv", csv);
  EXPECT_EQ(run("dwells --pings " + pings + " --max-rejected 0 --out " + path("a")), 3) << m_stderr;
  EXPECT_FALSE(fs::exists(path("a")));
  EXPECT_TRUE(contains(m_stderr, "1 of 31 rows rejected, over --max-rejected 0")) << m_stderr;
  EXPECT_TRUE(contains(m_stderr, "likely fix: see the reason and example row above, or raise --max-rejected"))
      << m_stderr;
  EXPECT_FALSE(contains(m_stderr, "see rejected.csv")) << m_stderr;
  // Raised, the run goes through and rejected.csv holds the row, as the message says.
  ASSERT_EQ(run("dwells --pings " + pings + " --max-rejected 1 --out " + path("b")), 0) << m_stderr;
  EXPECT_TRUE(contains(read(path("b") + "/rejected.csv"), "\npings.csv,32,")) << read(path("b") + "/rejected.csv");
}

// ---- 15: a stray quote is malformed in its own row and never swallows the rows after it -------

// Pings of V1 at (52.1, -1.1), one every 10 s from 2024-03-01T00:00:00Z, data row k (0-based) on
// line k + 2; the rows listed in `open_at` carry the id `V9"`, those in `close_at` the lon
// `-1.1"` (a stray quote each, as the reviewer's file had).
std::string stray_quote_pings(int rows, const std::vector<int>& open_at, const std::vector<int>& close_at) {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  for (int k = 0; k < rows; ++k) {
    const int line = k + 2;
    char time[32];
    std::snprintf(time, sizeof time, "2024-03-%02dT%02d:%02d:%02dZ", 1 + k * 10 / 86400, k * 10 / 3600 % 24,
                  k * 10 / 60 % 60, k * 10 % 60);
    const bool open = std::find(open_at.begin(), open_at.end(), line) != open_at.end();
    const bool close = std::find(close_at.begin(), close_at.end(), line) != close_at.end();
    csv += std::string(open ? "V9\"" : "V1") + "," + time + ",52.1," + (close ? "-1.1\"" : "-1.1") + "\n";
  }
  return csv;
}

TEST_F(Cli, Defect15_StrayQuoteDoesNotSwallowTheFollowingRows) {
  // The reviewer's file: 18 data rows (lines 2-19), `V9"` on line 12 and `-1.1"` ending line 18.
  // The old reader opened a quoted section at line 12's quote and closed it at line 18's: lines
  // 12-18 became one row of 1 field (one field_count rejection, rows_read 12, six pings gone).
  // Now each stray quote spoils its own row only: 18 read, 16 used, 2 malformed_csv (lines 12 and
  // 18, naming vehicle_id and lon).
  const std::string t = write("t.csv", stray_quote_pings(18, {12}, {18}));
  ASSERT_EQ(run("dwells --pings " + t + " --max-rejected 2 --out " + path("a")), 0) << m_stderr;
  std::string rejected = read(path("a") + "/rejected.csv");
  EXPECT_EQ(count(rejected, "\n"), 3U) << rejected;  // the header and two rows
  EXPECT_TRUE(contains(rejected, "\nt.csv,12,vehicle_id,malformed_csv,")) << rejected;
  EXPECT_TRUE(contains(rejected, "\nt.csv,18,lon,malformed_csv,")) << rejected;
  std::string manifest = read(path("a") + "/manifest.json");
  EXPECT_TRUE(contains(manifest, "\"rows_read\": 18,")) << manifest;
  EXPECT_TRUE(contains(manifest, "\"rows_accepted\": 16,")) << manifest;
  EXPECT_EQ(run("dwells --pings " + t + " --max-rejected 1 --out " + path("b")), 3) << "2 rejected, over 1";

  // No later quote: the old reader failed the whole file ("quoted field is never closed", exit
  // 3). Now 17 of 18 are used and line 12 alone is malformed.
  const std::string u = write("u.csv", stray_quote_pings(18, {12}, {}));
  ASSERT_EQ(run("dwells --pings " + u + " --max-rejected 1 --out " + path("c")), 0) << m_stderr;
  rejected = read(path("c") + "/rejected.csv");
  EXPECT_EQ(count(rejected, "\n"), 2U) << rejected;
  EXPECT_TRUE(contains(rejected, "\nu.csv,12,vehicle_id,malformed_csv,")) << rejected;
  EXPECT_TRUE(contains(read(path("c") + "/manifest.json"), "\"rows_accepted\": 17,"));

  // Block by block on 2 threads: the reader hands out regions of whole records of about 1 MiB
  // (csv.cpp, kBlock), so 40,000 rows of 34 bytes (1.36 MB) make at least two. Besides
  // lines 12/18, a pair of stray quotes straddles the first 1 MiB: the row that starts before byte
  // 1,048,476 (100 bytes short of 1 MiB) opens it, the row 6 lines on (some 200 bytes later) has
  // the closing one. Whatever the threads, 40,000 read, 4 malformed, 39,996 used.
  int straddle = 0;
  {
    const std::string plain = stray_quote_pings(40000, {}, {});
    const std::size_t at = plain.rfind('\n', std::size_t{1} << 20) - 100;
    straddle = static_cast<int>(std::count(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  }
  const std::string big = write("big.csv", stray_quote_pings(40000, {12, straddle}, {18, straddle + 6}));
  ASSERT_GT(big.size(), 0U);
  for (const std::string threads : {"1", "2"}) {
    const std::string out = path("big" + threads);
    ASSERT_EQ(run("dwells --pings " + big + " --threads " + threads + " --max-rejected 4 --out " + out), 0)
        << m_stderr;
    rejected = read(out + "/rejected.csv");
    EXPECT_EQ(count(rejected, ",malformed_csv,"), 4U) << rejected;
    EXPECT_TRUE(contains(rejected, "\nbig.csv," + std::to_string(straddle) + ",vehicle_id,malformed_csv,"))
        << rejected;
    EXPECT_TRUE(contains(rejected, "\nbig.csv," + std::to_string(straddle + 6) + ",lon,malformed_csv,"))
        << rejected;
    manifest = read(out + "/manifest.json");
    EXPECT_TRUE(contains(manifest, "\"rows_read\": 40000,")) << threads;
    EXPECT_TRUE(contains(manifest, "\"rows_accepted\": 39996,")) << threads;
  }
}

// ---- 17: an input that is not a regular file is named for what it is --------------------------

TEST_F(Cli, Defect17_NonRegularInputsNameTheRealCause) {
  fs::create_directories(path("folder.csv"));
  const std::string fifo = path("fifo.csv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string pings = write("pings.csv", parked_pings());
  const struct {
    std::string input;
    std::string cause;
  } cases[] = {{path("folder.csv"), "is a directory"},
               {fifo, "is a FIFO (named pipe)"},
               {"/dev/null", "is a character device"},
               {"/dev/stdin", "is standard input"},
               {path("missing.csv"), "no such file"}};
  for (const auto& c : cases) {
    EXPECT_EQ(run("dwells --pings " + c.input + " --out " + path("o")), 3) << c.input << ": " << m_stderr;
    EXPECT_TRUE(contains(m_stderr, c.input + ": " + c.cause)) << m_stderr;
    // A case table too; a FIFO is never opened, so this returns rather than blocking.
    EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + c.input + " --out " + path("o")), 3) << m_stderr;
    EXPECT_TRUE(contains(m_stderr, c.cause)) << m_stderr;
  }
}

// ---- 18: the same file twice is refused; file names cannot break citations ---------------------

TEST_F(Cli, Defect18_SameInputTwiceIsRefused) {
  const std::string pings = write("pings.csv", parked_pings());
  fs::create_directories(path("sub"));
  fs::create_symlink(pings, path("link.csv"));
  for (const std::string& other : {pings, path("sub/../pings.csv"), path("link.csv")}) {
    EXPECT_EQ(run("dwells --pings " + pings + " --pings " + other + " --out " + path("o")), 2) << other;
    EXPECT_TRUE(contains(m_stderr, "are the same file")) << m_stderr;
  }
  // Across tables as well.
  EXPECT_EQ(run("analyse --pings " + pings + " --shifts " + path("link.csv") + " --out " + path("o")), 2);
}

TEST_F(Cli, Defect18_CitationsEncodeSeparatorsInFileNames) {
  // `na;me:1,2%.csv`: `;` `:` `,` `%` are percent-encoded in every citation (docs/outputs.md):
  // %3B %3A %2C %25. The dwell's rows are lines 2-31.
  const std::string pings = write("na;me:1,2%.csv", parked_pings());
  ASSERT_EQ(run("dwells --pings '" + pings + "' --out " + path("o")), 0) << m_stderr;
  const std::string dwells = read(path("o") + "/dwells.csv");
  EXPECT_TRUE(contains(dwells, ",na%3Bme%3A1%2C2%25.csv:2-31")) << dwells;
  EXPECT_FALSE(contains(dwells, "na;me")) << dwells;
}

TEST_F(Cli, Defect18_DuplicateNamesTheFileOfTheRowItRepeats) {
  // q.csv and a:b;c/q.csv hold the same two rows (lines 2 and 3). The second file's rows repeat the
  // first's: the detail said "as line 2", which reads as its own line 2. It names the row it
  // repeats as rejected.csv cites rows: FILE:LINE, with the same display names (both files are
  // q.csv, so each is named by its path as given, `:` and `;` percent-encoded).
  const std::string rows = "vehicle_id,timestamp,lat,lon\n"
                           "V1,2024-03-01T00:00:00Z,52.1,-1.1\n"
                           "V1,2024-03-01T00:05:00Z,52.1,-1.1\n";
  write("q.csv", rows);
  fs::create_directories(path("a:b;c"));
  write("a:b;c/q.csv", rows);
  ASSERT_EQ(run("dwells --pings q.csv 'a:b;c/q.csv' --out r", "cd '" + path("") + "' &&"), 0) << m_stderr;
  const std::string rejected = read(path("r") + "/rejected.csv");
  EXPECT_TRUE(contains(rejected, "\na%3Ab%3Bc/q.csv,2,,duplicate,\"same vehicle, time and position as q.csv:2\"\n"))
      << rejected;
  EXPECT_TRUE(contains(rejected, "\na%3Ab%3Bc/q.csv,3,,duplicate,\"same vehicle, time and position as q.csv:3\""))
      << rejected;
  EXPECT_FALSE(contains(rejected, "as line")) << rejected;
}

// ---- 16: NUL and invalid UTF-8 in ids become U+FFFD, with a warning ----------------------------

TEST_F(Cli, Defect16_InvalidUtf8AndNulInIdsAreReplacedAndWarned) {
  // V\xFF1 (0xFF is never UTF-8) and V\x002 (a NUL): each row warns (lines 2-31, 32-61) and the
  // ids are written as V<U+FFFD>1 and V<U+FFFD>2 (EF BF BD).
  std::string csv = parked_pings(std::string("V\xFF" "1"));
  const std::string second = parked_pings(std::string("V\0" "2", 3));
  csv += second.substr(second.find('\n') + 1);
  const std::string pings = write("pings.csv", csv);
  ASSERT_EQ(run("dwells --pings " + pings + " --out " + path("o")), 0) << m_stderr;
  const std::string dwells = read(path("o") + "/dwells.csv");
  EXPECT_TRUE(contains(dwells, "V\xEF\xBF\xBD" "1,")) << dwells;
  EXPECT_TRUE(contains(dwells, "V\xEF\xBF\xBD" "2,")) << dwells;
  EXPECT_FALSE(contains(dwells, "\xFF"));
  EXPECT_FALSE(contains(dwells, std::string(1, '\0')));
  const std::string warnings = read(path("o") + "/warnings.csv");
  EXPECT_EQ(count(warnings, ",vehicle_id,invalid_text,"), 60U) << warnings.substr(0, 400);
  EXPECT_TRUE(contains(warnings, "pings.csv,2,vehicle_id,invalid_text,")) << warnings.substr(0, 400);
  EXPECT_FALSE(contains(warnings, "\xFF"));
}

// ---- 6: overlapping shifts give one warning per row, not one per pair -------------------------

TEST_F(Cli, Defect06_OverlappingShiftsWarnOncePerRow) {
  const std::string pings = write("pings.csv", parked_pings());
  // 3,000 shifts of PC1, shift k from 2024-10-21T05:00:00Z + k minutes for 10 days: every pair
  // overlaps, so the old code gave 2 * C(3000, 2) = 8,997,000 warnings. Now 3,000, one per row:
  // each overlaps the 2,999 others ("... and 2998 other shift(s) of PC1").
  std::string csv = "shift_id,officer_id,start,end\n";
  const auto utc = [](std::time_t t) {
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf);
  };
  const std::time_t base = 1729486800;  // 2024-10-21T05:00:00Z (date -u -d 2024-10-21T05:00:00Z +%s)
  for (int k = 0; k < 3000; ++k)
    csv += "S" + std::to_string(k) + ",PC1," + utc(base + k * 60) + "," + utc(base + k * 60 + 10 * 86400) + "\n";
  const std::string shifts = write("shifts.csv", csv);
  ASSERT_EQ(run("analyse --pings " + pings + " --shifts " + shifts + " --formats none --out " + path("o")), 0)
      << m_stderr;
  const std::string warnings = read(path("o") + "/warnings.csv");
  EXPECT_EQ(count(warnings, ",overlapping_shift,"), 3000U);
  EXPECT_EQ(count(warnings, "and 2998 other shift(s) of PC1"), 3000U);
  // The first shift (line 2) has no earlier one: it names the next, S1 (line 3).
  EXPECT_TRUE(contains(warnings, "shifts.csv,2,start,overlapping_shift,\"shift S0 of PC1 overlaps shift S1 ("))
      << warnings.substr(0, 600);
}

}  // namespace
