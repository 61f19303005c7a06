// Issue 13's defects of the CSV readers, one test per defect (Defect01_..., named after the
// issue's numbers). Small files written here; line numbers counted from the file text (the header
// is line 1); every expected value is worked out by hand in the comment beside it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/ingest/csv.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {
namespace {

using test::TempDir;

std::vector<Problem> with_code(const ProblemSink& sink, ProblemCode code) {
  std::vector<Problem> out;
  for (const Problem& p : sink.problems())
    if (p.code == code) out.push_back(p);
  return out;
}

TimeRules plain_rules() {
  TimeRules r;
  r.window_start = Instant{std::chrono::sys_days{std::chrono::year{1980} / 1 / 6}};
  r.window_end = Instant{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
  return r;
}

std::string input_error(const IngestConfig& config) {
  ProblemSink sink;
  try {
    (void)run_ingest(config, sink);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

std::string case_input_error(const CaseTablesConfig& config) {
  ProblemSink sink;
  try {
    (void)read_case_tables(config, 0, sink);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

// ---- 1: a row whose field count differs from the header's is rejected, never cut or padded ----

TEST(InputDefects, Defect01_FieldCountDiffersFromHeaderIsRejected) {
  const TempDir dir("shiftline-defect01");
  // Line 2: decimal commas give 6 fields for a header of 4 (the old reader took 52 and 5: a ping
  // 450 km from the truth). Line 3: 3 fields. Line 4 is good. Line 5: a trailing comma, 5 fields.
  const std::string pings = dir.write("p.csv",
                                      "vehicle_id,timestamp,lat,lon\n"
                                      "V1,2024-03-01T00:00:00Z,52,5,-1,5\n"
                                      "V1,2024-03-01T00:01:00Z,52.5\n"
                                      "V1,2024-03-01T00:02:00Z,52.5,-1.5\n"
                                      "V1,2024-03-01T00:03:00Z,52.5,-1.5,\n");
  for (const unsigned threads : {1U, 4U}) {  // record by record, and blocks parsed in parallel
    IngestConfig config;
    config.paths = {pings};
    config.threads = threads;
    ProblemSink sink;
    const IngestResult r = run_ingest(config, sink);
    ASSERT_EQ(r.pings.size(), 1U) << threads;
    EXPECT_EQ(r.pings.line[0], 4U);
    const auto bad = with_code(sink, ProblemCode::field_count);
    ASSERT_EQ(bad.size(), 3U);
    EXPECT_EQ(bad[0].where.line, 2U);
    EXPECT_NE(bad[0].detail.find("6 fields, the header 4"), std::string::npos) << bad[0].detail;
    EXPECT_EQ(bad[1].where.line, 3U);
    EXPECT_NE(bad[1].detail.find("3 fields, the header 4"), std::string::npos) << bad[1].detail;
    EXPECT_EQ(bad[2].where.line, 5U);
    EXPECT_NE(bad[2].detail.find("5 fields, the header 4"), std::string::npos) << bad[2].detail;
    EXPECT_EQ(name(ProblemCode::field_count), "field_count");
    EXPECT_EQ(severity(ProblemCode::field_count), Severity::rejected);
  }

  // A case table: an unquoted note with a comma was cut to its first part; now the claim is
  // rejected (line 3), the quoted one (line 2) is kept whole.
  const std::string claims = dir.write("c.csv",
                                       "claim_id,vehicle_id,lat,lon,start,end,assertion,note\n"
                                       "C1,V1,52.5,-1.5,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,present,"
                                       "\"I was there, I never left\"\n"
                                       "C2,V1,52.5,-1.5,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,present,"
                                       "I was there, I never left\n");
  CaseTablesConfig config;
  config.claims = claims;
  config.time = plain_rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.claims.size(), 1U);
  EXPECT_EQ(t.claims[0].note, "I was there, I never left");
  const auto bad = with_code(sink, ProblemCode::field_count);
  ASSERT_EQ(bad.size(), 1U);
  EXPECT_EQ(bad[0].where.line, 3U);
  EXPECT_NE(bad[0].detail.find("9 fields, the header 8"), std::string::npos) << bad[0].detail;
}

// ---- 9: a header naming a field twice is an input error naming file and column ----

TEST(InputDefects, Defect09_FieldNamedTwiceInTheHeaderIsAnInputError) {
  const TempDir dir("shiftline-defect09");
  IngestConfig config;
  config.paths = {dir.write("twice.csv", "vehicle_id,vehicle_id,timestamp,lat,lon\nA,B,2024-03-01T00:00:00Z,52,-1\n")};
  std::string message = input_error(config);
  EXPECT_NE(message.find("twice.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("'vehicle_id' twice (columns 1 and 2)"), std::string::npos) << message;

  // Two aliases of one field: `time` and `timestamp`.
  config.paths = {dir.write("alias.csv", "vehicle_id,time,timestamp,lat,lon\nA,2024-03-01T00:00:00Z,x,52,-1\n")};
  message = input_error(config);
  EXPECT_NE(message.find("alias.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("'time' and 'timestamp' both name pings.timestamp"), std::string::npos) << message;
  // --map names the one to use: then the other is simply not read.
  config.fields.renames["timestamp"] = "time";
  ProblemSink sink;
  EXPECT_EQ(run_ingest(config, sink).pings.size(), 1U);

  // --map naming a column the header has twice.
  config.paths = {dir.write("mapped.csv", "unit,unit,timestamp,lat,lon\nA,B,2024-03-01T00:00:00Z,52,-1\n")};
  config.fields.renames = {{"vehicle_id", "unit"}};
  message = input_error(config);
  EXPECT_NE(message.find("'unit' twice"), std::string::npos) << message;

  // A case table, the same rule.
  CaseTablesConfig tables;
  tables.time = plain_rules();
  tables.shifts = dir.write("shifts.csv", "officer_id,start,end,officer_id\nO1,2024-03-01T00:00:00Z,2024-03-01T08:00:00Z,O2\n");
  message = case_input_error(tables);
  EXPECT_NE(message.find("shifts.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("officer_id"), std::string::npos) << message;
  EXPECT_NE(message.find("(columns 1 and 4)"), std::string::npos) << message;
}

// ---- 15: a quote inside an unquoted field is malformed CSV, naming the column ----

TEST(InputDefects, Defect15_QuoteInsideAnUnquotedFieldIsMalformed) {
  const TempDir dir("shiftline-defect15");
  // Line 2: `"V4"x` (text after the closing quote); line 3: `=HYPERLINK("x")` (a quote inside an
  // unquoted field); line 4: a properly quoted id with a doubled quote, kept as `V"5`; line 5:
  // blanks around a quoted field are tolerated, kept as `V6`.
  const std::string pings = dir.write("p.csv",
                                      "vehicle_id,timestamp,lat,lon\n"
                                      "\"V4\"x,2024-03-01T00:00:00Z,52.5,-1.5\n"
                                      "=HYPERLINK(\"x\"),2024-03-01T00:01:00Z,52.5,-1.5\n"
                                      "\"V\"\"5\",2024-03-01T00:02:00Z,52.5,-1.5\n"
                                      " \"V6\" ,2024-03-01T00:03:00Z,52.5,-1.5\n");
  for (const unsigned threads : {1U, 4U}) {
    IngestConfig config;
    config.paths = {pings};
    config.threads = threads;
    ProblemSink sink;
    const IngestResult r = run_ingest(config, sink);
    ASSERT_EQ(r.pings.size(), 2U);
    EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[0]), "V\"5");
    EXPECT_EQ(r.pings.vehicles.name(r.pings.vehicle[1]), "V6");
    const auto bad = with_code(sink, ProblemCode::malformed_csv);
    ASSERT_EQ(bad.size(), 2U);
    EXPECT_EQ(bad[0].where.line, 2U);
    EXPECT_EQ(bad[0].field, "vehicle_id");
    EXPECT_EQ(bad[1].where.line, 3U);
    EXPECT_EQ(bad[1].field, "vehicle_id");
    EXPECT_NE(bad[1].detail.find("RFC 4180"), std::string::npos) << bad[1].detail;
  }
  // The parser marks the field; check_record names its column.
  const std::string third = dir.write("t.csv", "a,b,c\n1,2,x\"y\"\n");
  CsvReader reader(third);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.malformed_field, 2);
  ProblemSink sink;
  EXPECT_FALSE(check_record(record, reader.header(), SourceRef{0, record.line}, sink));
  ASSERT_EQ(sink.problems().size(), 1U);
  EXPECT_EQ(sink.problems()[0].field, "c");
}


// ---- 13 (read side): dates that are not ISO 8601 need --date-order; never guessed ----

TEST(InputDefects, Defect13_NumericDatesNeedAnExplicitDateOrder) {
  const auto read = [](std::string_view text, DateOrder order, ProblemSink& sink) {
    TimeRules r = plain_rules();
    r.date_order = order;
    return parse_time_field(text, r, SourceRef{0, 2}, "start", sink);
  };
  // 2024-10-21T07:00:00Z = 1729494000 s (date -u -d 2024-10-21T07:00:00Z +%s).
  const Instant expected{Millis{1729494000LL * 1000}};
  {
    ProblemSink sink;
    EXPECT_FALSE(read("21/10/2024 07:00Z", DateOrder::none, sink));
    ASSERT_EQ(sink.problems().size(), 1U);
    EXPECT_EQ(sink.problems()[0].code, ProblemCode::ambiguous_date);
    EXPECT_EQ(sink.problems()[0].field, "start");
    EXPECT_NE(sink.problems()[0].detail.find("--date-order"), std::string::npos);
    // 03/04/2024 cannot be told apart either way: the same rejection, whatever the numbers.
    EXPECT_FALSE(read("03.04.2024 07:00Z", DateOrder::none, sink));
    EXPECT_EQ(sink.problems().back().code, ProblemCode::ambiguous_date);
  }
  for (const auto& [text, order] : std::vector<std::pair<std::string_view, DateOrder>>{
           {"21/10/2024 07:00Z", DateOrder::dmy},
           {"21.10.2024T07:00:00Z", DateOrder::dmy},
           {"10/21/2024 07:00Z", DateOrder::mdy},
           {"2024/10/21 07:00Z", DateOrder::ymd},
           {"2024/10/21 08:00+01:00", DateOrder::ymd},
           {"21-10-2024 07:00Z", DateOrder::dmy},
           {"2024-10-21T07:00:00Z", DateOrder::mdy}}) {  // ISO 8601 stays ISO 8601
    ProblemSink sink;
    const auto t = read(text, order, sink);
    ASSERT_TRUE(t) << text << ": " << (sink.problems().empty() ? "" : sink.problems()[0].detail);
    EXPECT_EQ(*t, expected) << text;
  }
  // Day 21 read as a month; a 2-digit year: refused, not guessed.
  for (const auto& [text, order] : std::vector<std::pair<std::string_view, DateOrder>>{
           {"21/10/2024 07:00Z", DateOrder::mdy}, {"21/10/24 07:00Z", DateOrder::dmy}}) {
    ProblemSink sink;
    EXPECT_FALSE(read(text, order, sink)) << text;
    ASSERT_EQ(sink.problems().size(), 1U);
    EXPECT_EQ(sink.problems()[0].code, ProblemCode::unparseable_field) << text;
  }
}

// ---- 16 (read side): NUL and invalid UTF-8 in text cells become U+FFFD, with a warning ----

TEST(InputDefects, Defect16_InvalidTextInCellsIsReplacedAndWarned) {
  const TempDir dir("shiftline-defect16");
  // Line 2: the label has 0xC3 without its continuation byte; line 3: the id has a NUL. Both are
  // kept, with U+FFFD (EF BF BD) in place of the bad byte, and one invalid_text warning each.
  std::string csv = "place_id,label,lat,lon\n";
  csv += std::string("P1,Caf\xC3,52.6,-1.1\n");
  csv += std::string("P") + '\0' + "2,Base,52.7,-1.1\n";
  CaseTablesConfig config;
  config.places = dir.write("places.csv", csv);
  config.time = plain_rules();
  ProblemSink sink;
  const CaseTables t = read_case_tables(config, 0, sink);
  ASSERT_EQ(t.places.size(), 2U);
  EXPECT_EQ(t.places[0].place_id, "P1");
  EXPECT_EQ(t.places[0].label, "Caf\xEF\xBF\xBD");
  EXPECT_EQ(t.places[1].place_id, "P\xEF\xBF\xBD" "2");
  const auto warned = with_code(sink, ProblemCode::invalid_text);
  ASSERT_EQ(warned.size(), 2U);
  EXPECT_EQ(warned[0].where.line, 2U);
  EXPECT_EQ(warned[0].field, "label");
  EXPECT_EQ(warned[1].where.line, 3U);
  EXPECT_EQ(warned[1].field, "place_id");
  EXPECT_EQ(severity(ProblemCode::invalid_text), Severity::warning);
  // The detail quotes the cleaned text, so rejected.csv and warnings.csv stay UTF-8 too.
  EXPECT_EQ(warned[0].detail.find("Caf\xC3'"), std::string::npos) << warned[0].detail;
  EXPECT_NE(warned[0].detail.find("'Caf\xEF\xBF\xBD'"), std::string::npos) << warned[0].detail;
}

}  // namespace
}  // namespace shiftline::ingest
