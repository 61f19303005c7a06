// Issue 13: what CsvWriter::text does to hostile text, the one place every CSV output passes.
#include <gtest/gtest.h>

#include "shiftline/report/csv_writer.hpp"

namespace shiftline::report {
namespace {

std::string row(std::initializer_list<std::string_view> cells) {
  std::string out;
  CsvWriter csv(out);
  for (const auto c : cells) csv.text(c);
  csv.end_row();
  return out;
}

// Defect 7 (OWASP "CSV Injection"): a cell a spreadsheet would run gets a leading '.
TEST(CsvSafety, Defect07_FormulasAreWrittenAsText) {
  EXPECT_EQ(row({"=HYPERLINK(\"http://x\",\"y\")"}), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n");
  EXPECT_EQ(row({"+cmd|' /C calc'!A0"}), "'+cmd|' /C calc'!A0\n");
  EXPECT_EQ(row({"@SUM(A1)"}), "'@SUM(A1)\n");
  EXPECT_EQ(row({"-2+3"}), "'-2+3\n");
  EXPECT_EQ(row({"\tx"}), "'\tx\n");
  EXPECT_EQ(row({"\rx"}), "\"'\rx\"\n");  // CR: quoted (RFC 4180) and guarded
  EXPECT_EQ(row({"-"}), "'-\n");
  EXPECT_EQ(row({"-inf"}), "'-inf\n");
  EXPECT_EQ(row({"+1"}), "'+1\n");  // OWASP: every +, unless a UTC offset
  // Numbers, times and UTC offsets stay as they are.
  EXPECT_EQ(row({"-1.5", "-0.000123", "-12", "-1e-5", "-.5", "2024-10-21T06:00:00Z", "+01:00", "-05:00", "-00:01:15"}),
            "-1.5,-0.000123,-12,-1e-5,-.5,2024-10-21T06:00:00Z,+01:00,-05:00,-00:01:15\n");
  EXPECT_EQ(row({"a=b", "x-1", "PV01"}), "a=b,x-1,PV01\n");  // only the first character counts
}

// Defect 7, the collision: a cell that starts with `'` gets a leading `'` too, so that dropping one
// leading `'` gives the text back and two texts never give one cell.
TEST(CsvSafety, Defect07_GuardIsReversible) {
  EXPECT_EQ(row({"=A", "'=A", "-1", "'-1", "'x", "''", "x'"}), "'=A,''=A,-1,''-1,''x,''',x'\n");
  EXPECT_EQ(row({"'a,b"}), "\"''a,b\"\n");  // quoted (RFC 4180) and guarded
}

TEST(CsvSafety, PlainNumbersAndOffsets) {
  for (const char* yes : {"0", "-0", "-1.5", "1.", "-.5", "-1e5", "-1E+05", "+2"}) EXPECT_TRUE(plain_number(yes)) << yes;
  for (const char* no : {"", "-", "-.", "--1", "-1e", "-1.5x", "- 1", "-nan", "1,5"}) EXPECT_FALSE(plain_number(no)) << no;
  for (const char* yes : {"+01:00", "-05:30", "-00:01:15"}) EXPECT_TRUE(utc_offset_text(yes)) << yes;
  for (const char* no : {"+1:00", "+01:0", "+01:00:1", "01:00", "+0a:00"}) EXPECT_FALSE(utc_offset_text(no)) << no;
}

// Defect 16: NUL and bytes that are not UTF-8 are written as U+FFFD, one per byte; valid UTF-8
// (2, 3 and 4 bytes) is kept.
TEST(CsvSafety, Defect16_TextIsValidUtf8) {
  using namespace std::string_literals;
  EXPECT_EQ(row({"V\0" "1"s}), "V\xEF\xBF\xBD" "1\n");
  EXPECT_EQ(row({"V\xFF" "1"}), "V\xEF\xBF\xBD" "1\n");
  EXPECT_EQ(row({"\xC0\xAF"}), "\xEF\xBF\xBD\xEF\xBF\xBD\n");        // overlong '/'
  EXPECT_EQ(row({"\xED\xA0\x80"}), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n");  // a surrogate
  EXPECT_EQ(row({"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x93"}), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x93\n");
  EXPECT_EQ(row({"\xE2\x82"}), "\xEF\xBF\xBD\xEF\xBF\xBD\n");  // cut short at the end
  // Replaced before the formula guard and the quoting look at it.
  EXPECT_EQ(row({"\0=1,2"s}), "\"\xEF\xBF\xBD=1,2\"\n");
}

}  // namespace
}  // namespace shiftline::report
