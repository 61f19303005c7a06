// Tests for include/shiftline/ingest/csv.hpp: the native streaming CSV reader.
//
// Every input is a temp file written here byte by byte; expected fields and line numbers are
// counted by hand from those bytes (line numbers are physical lines, the header is line 1).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/ingest/csv.hpp"

namespace shiftline::ingest {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

/// A record as owned strings, for comparisons.
struct Row {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
  friend bool operator==(const Row&, const Row&) = default;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  os << "line " << r.line << ":";
  for (const auto& f : r.fields) os << " [" << f << "]";
  return os;
}

std::vector<Row> read_all(CsvReader& reader) {
  std::vector<Row> rows;
  CsvRecord rec;
  while (reader.next(rec)) rows.push_back(Row{rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end())});
  return rows;
}

std::vector<Row> read_all(const std::string& path, char delimiter = 0) {
  CsvReader reader(path, delimiter);
  return read_all(reader);
}

using Fields = std::vector<std::string>;

TEST(CsvReader, DetectsEachDelimiterFromTheHeader) {
  const TempDir dir("shiftline-csv");
  struct Case {
    std::string text;
    char delimiter;
  };
  for (const Case& c : {Case{"a,b,c\n1,2,3\n", ','}, Case{"a;b;c\n1;2;3\n", ';'}, Case{"a\tb\tc\n1\t2\t3\n", '\t'},
                        Case{"a|b|c\n1|2|3\n", '|'}}) {
    const std::string path = dir.write("d.csv", c.text);
    CsvReader reader(path);
    EXPECT_EQ(reader.delimiter(), c.delimiter);
    EXPECT_EQ(reader.header(), (Fields{"a", "b", "c"}));
    const auto rows = read_all(reader);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0], (Row{2, {"1", "2", "3"}}));
  }
}

TEST(CsvReader, DelimiterDetectionDetails) {
  const TempDir dir("shiftline-csv");
  // A one-column header has no delimiter: comma is assumed.
  EXPECT_EQ(CsvReader(dir.write("one.csv", "vehicle_id\nV1\n")).delimiter(), ',');
  // Only the header line is looked at, not the data.
  EXPECT_EQ(CsvReader(dir.write("hdr.csv", "a;b\n1,5;2\n")).delimiter(), ';');
  // Blank lines before the header are skipped, for detection as for reading.
  CsvReader leading(dir.write("leading.csv", "\n \r\na;b\n1;2\n"));
  EXPECT_EQ(leading.delimiter(), ';');
  EXPECT_EQ(leading.header(), (Fields{"a", "b"}));
  EXPECT_EQ(read_all(leading), (std::vector<Row>{{4, {"1", "2"}}}));
  // An explicit delimiter wins over detection.
  const std::string path = dir.write("explicit.csv", "a,b;c\n1,2;3\n");
  CsvReader reader(path, ';');
  EXPECT_EQ(reader.delimiter(), ';');
  EXPECT_EQ(reader.header(), (Fields{"a,b", "c"}));
}

TEST(CsvReader, HeaderNamesAreTrimmed) {
  const TempDir dir("shiftline-csv");
  CsvReader reader(dir.write("h.csv", " vehicle_id , timestamp\t,lat\n"));
  EXPECT_EQ(reader.header(), (Fields{"vehicle_id", "timestamp", "lat"}));
}

TEST(CsvReader, SkipsAUtf8ByteOrderMark) {
  const TempDir dir("shiftline-csv");
  const std::string path = dir.write("bom.csv", "\xEF\xBB\xBFvehicle_id;lat\nV1;51.5\n");
  CsvReader reader(path);
  EXPECT_EQ(reader.delimiter(), ';');
  EXPECT_EQ(reader.header(), (Fields{"vehicle_id", "lat"}));
  EXPECT_EQ(read_all(reader), (std::vector<Row>{{2, {"V1", "51.5"}}}));
  // ... but the hash covers every byte of the file, BOM included.
  CsvReader again(path);
  EXPECT_EQ(again.finish_sha256(), sha256_file(path));
}

TEST(CsvReader, CrlfLineEnds) {
  const TempDir dir("shiftline-csv");
  const auto rows = read_all(dir.write("crlf.csv", "a,b\r\n1,2\r\n\"x,y\",3\r\n4,5"));
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (Row{2, {"1", "2"}}));
  EXPECT_EQ(rows[1], (Row{3, {"x,y", "3"}}));
  EXPECT_EQ(rows[2], (Row{4, {"4", "5"}}));
  CsvReader reader(dir.write("crlf2.csv", "a,b\r\n"));
  EXPECT_EQ(reader.header(), (Fields{"a", "b"}));
}

TEST(CsvReader, QuotedFieldsWithDelimitersAndDoubledQuotes) {
  const TempDir dir("shiftline-csv");
  const auto rows = read_all(dir.write("q.csv",
                                       "id,note,n\n"
                                       "1,\"a,b\",2\n"
                                       "2,\"say \"\"hi\"\"\",3\n"
                                       "3,\"\",4\n"
                                       "4,\"\"\"\",5\n"
                                       "\"5\",plain,\"6\"\n"));
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0], (Row{2, {"1", "a,b", "2"}}));
  EXPECT_EQ(rows[1], (Row{3, {"2", "say \"hi\"", "3"}}));
  EXPECT_EQ(rows[2], (Row{4, {"3", "", "4"}}));
  EXPECT_EQ(rows[3], (Row{5, {"4", "\"", "5"}}));
  EXPECT_EQ(rows[4], (Row{6, {"5", "plain", "6"}}));
}

TEST(CsvReader, EmbeddedNewlinesAdvanceTheLineNumbers) {
  const TempDir dir("shiftline-csv");
  const auto rows = read_all(dir.write("nl.csv",
                                       "id,note\n"                 // line 1
                                       "1,\"first\nsecond\"\n"     // lines 2-3
                                       "2,plain\n"                 // line 4
                                       "3,\"a\r\nb\r\nc\"\n"       // lines 5-7 (CRLF inside)
                                       "4,\"\n\n\"\n"              // lines 8-10
                                       "5,end\n"));                // line 11
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0], (Row{2, {"1", "first\nsecond"}}));
  EXPECT_EQ(rows[1], (Row{4, {"2", "plain"}}));
  EXPECT_EQ(rows[2], (Row{5, {"3", "a\r\nb\r\nc"}}));
  EXPECT_EQ(rows[3], (Row{8, {"4", "\n\n"}}));
  EXPECT_EQ(rows[4], (Row{11, {"5", "end"}}));
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  const TempDir dir("shiftline-csv");
  const auto rows = read_all(dir.write("blank.csv", "a,b\n\n1,2\n\r\n   \n3,4\n\n"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0], (Row{3, {"1", "2"}}));
  EXPECT_EQ(rows[1], (Row{6, {"3", "4"}}));
  // A line of delimiters only is not blank: it is a record of empty fields.
  const auto commas = read_all(dir.write("commas.csv", "a,b\n,\n"));
  EXPECT_EQ(commas, (std::vector<Row>{{2, {"", ""}}}));
}

TEST(CsvReader, LastLineWithoutNewline) {
  const TempDir dir("shiftline-csv");
  EXPECT_EQ(read_all(dir.write("nonl.csv", "a,b\n1,2")), (std::vector<Row>{{2, {"1", "2"}}}));
  // The last record is longer than everything before it (the unread tail has to move to the
  // front of the buffer when the reader looks for more input).
  EXPECT_EQ(read_all(dir.write("long-tail.csv", "a\n1234567")), (std::vector<Row>{{2, {"1234567"}}}));
  EXPECT_EQ(read_all(dir.write("long-tail2.csv", "vehicle_id,timestamp\nVEHICLE-000001,2019-10-27T01:30:00Z")),
            (std::vector<Row>{{2, {"VEHICLE-000001", "2019-10-27T01:30:00Z"}}}));
  EXPECT_EQ(read_all(dir.write("quoted-tail.csv", "a,b\n\"x,y\",\"a long quoted tail\"")),
            (std::vector<Row>{{2, {"x,y", "a long quoted tail"}}}));
  // A header without a newline and no data.
  CsvReader header_only(dir.write("header-only.csv", "vehicle_id,timestamp,lat,lon"));
  EXPECT_EQ(header_only.header(), (Fields{"vehicle_id", "timestamp", "lat", "lon"}));
  EXPECT_TRUE(read_all(header_only).empty());
  CsvReader bom_header_only(dir.write("bom-header-only.csv", "\xEF\xBB\xBFvehicle_id,timestamp,lat,lon"));
  EXPECT_EQ(bom_header_only.header(), (Fields{"vehicle_id", "timestamp", "lat", "lon"}));
}

TEST(CsvReader, RecordLongerThanOneMebibyte) {
  const TempDir dir("shiftline-csv");
  const std::string big(3 * 1024 * 1024 + 123, 'x');
  const std::string quoted_big = std::string(1500 * 1024, 'q') + ",\n" + std::string(900 * 1024, 'r');
  const std::string text = "id,payload\n1," + big + "\n2,\"" + quoted_big + "\"\n3,small\n";
  const std::string path = dir.write("big.csv", text);
  CsvReader reader(path);
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].line, 2U);
  EXPECT_EQ(rows[0].fields.size(), 2U);
  EXPECT_EQ(rows[0].fields[1].size(), big.size());
  EXPECT_EQ(rows[0].fields[1], big);
  EXPECT_EQ(rows[1].line, 3U);
  EXPECT_EQ(rows[1].fields[1], quoted_big);
  EXPECT_EQ(rows[2], (Row{5, {"3", "small"}}));  // the quoted field spanned lines 3-4
  EXPECT_EQ(reader.finish_sha256(), sha256_file(path));
  EXPECT_EQ(reader.bytes_read(), text.size());
}

TEST(CsvReader, ManyRecordsAcrossBlockBoundaries) {
  // About 3.4 MB of short lines, every 7th with a quoted two-line field, so records straddle the
  // 1 MiB read blocks at varying offsets. Line numbers and contents are checked for every record.
  const TempDir dir("shiftline-csv");
  std::string text = "n,text,tail\n";
  std::vector<Row> expected;
  std::uint32_t line = 1;
  for (int i = 0; i < 100'000; ++i) {
    const std::string n = std::to_string(i);
    ++line;
    if (i % 7 == 0) {
      text += n + ",\"q" + n + "\nx\"," + n + "\n";
      expected.push_back(Row{line, {n, "q" + n + "\nx", n}});
      ++line;
    } else {
      text += n + ",t" + n + "," + n + "\n";
      expected.push_back(Row{line, {n, "t" + n, n}});
    }
  }
  const std::string path = dir.write("many.csv", text);
  CsvReader reader(path);
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], expected[i]) << "record " << i;
  EXPECT_EQ(reader.finish_sha256(), sha256_file(path));
}

TEST(CsvReader, UnclosedQuoteIsAnInputErrorNamingTheLine) {
  const TempDir dir("shiftline-csv");
  const std::string path = dir.write("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  CsvReader reader(path);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec));
  EXPECT_EQ(rec.line, 2U);
  try {
    (void)reader.next(rec);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path + ":3"), std::string::npos) << what;
    EXPECT_NE(what.find("quote"), std::string::npos) << what;
  }
}

TEST(CsvReader, UnclosedQuoteInTheHeader) {
  const TempDir dir("shiftline-csv");
  const std::string path = dir.write("open-header.csv", "a,\"b\n1,2\n");
  try {
    CsvReader reader(path);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":1"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, EmptyOrMissingFile) {
  const TempDir dir("shiftline-csv");
  EXPECT_THROW(CsvReader(dir.write("empty.csv", "")), InputError);
  EXPECT_THROW(CsvReader(dir.write("blank.csv", "\n\n")), InputError);
  EXPECT_THROW(CsvReader(dir.write("bom-only.csv", "\xEF\xBB\xBF")), InputError);
  EXPECT_THROW(CsvReader("/nonexistent/shiftline/pings.csv"), InputError);
}

TEST(CsvReader, FinishSha256EqualsTheFileHash) {
  const TempDir dir("shiftline-csv");
  const std::string text = "a,b\n1,2\n3,4\n5,6\n";
  const std::string path = dir.write("h.csv", text);
  // Before reading any record, half way, and after the end.
  for (int stop_after : {0, 2, 99}) {
    CsvReader reader(path);
    CsvRecord rec;
    for (int i = 0; i < stop_after && reader.next(rec); ++i) {
    }
    EXPECT_EQ(reader.finish_sha256(), sha256_file(path)) << stop_after;
    EXPECT_EQ(reader.bytes_read(), text.size());
  }
  // printf 'a,b\n1,2\n3,4\n5,6\n' | sha256sum
  CsvReader reader(path);
  EXPECT_EQ(reader.finish_sha256(), "e036f888b40d68362dfa1b02ca021e81d13d957874bba3bfd8fdf14c02bbaba7");
}

TEST(CsvReader, FieldCountIsNotForcedToTheHeader) {
  const TempDir dir("shiftline-csv");
  const auto rows = read_all(dir.write("ragged.csv", "a,b,c\n1\n1,2,3,4\n"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].fields, (Fields{"1"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3", "4"}));
}

}  // namespace
}  // namespace shiftline::ingest
