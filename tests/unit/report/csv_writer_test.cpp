#include "shiftline/report/csv_writer.hpp"

#include <gtest/gtest.h>

#include <clocale>

namespace shiftline::report {
namespace {

TEST(CsvWriter, QuotesOnlyWhatNeedsIt) {
  std::string out;
  CsvWriter csv(out);
  csv.header({"a", "b"});
  csv.text("plain").text("with,comma").end_row();
  csv.text("say \"hi\"").text("two\nlines").end_row();
  csv.empty().integer(-42).end_row();
  EXPECT_EQ(out, "a,b\nplain,\"with,comma\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n,-42\n");
}

TEST(CsvWriter, NumbersIgnoreTheLocale) {
  // A locale with a decimal comma must not change the output (R8). de_DE may not be installed;
  // then the C locale is tested, which is still a valid check of the formatting.
  const char* old = std::setlocale(LC_ALL, nullptr);
  const std::string saved = old ? old : "C";
  std::setlocale(LC_ALL, "de_DE.UTF-8");
  EXPECT_EQ(format_fixed(51.5074, 7), "51.5074000");
  EXPECT_EQ(format_fixed(-0.00000001, 7), "0.0000000");  // no "-0.0000000"
  EXPECT_EQ(format_fixed(2.675, 2), "2.67");             // 2.675 is 2.67499999... in binary
  EXPECT_EQ(format_fixed(0.1 + 0.2, 17), "0.30000000000000004");
  std::setlocale(LC_ALL, saved.c_str());
}

TEST(CsvWriter, SecondsAreExact) {
  std::string out;
  CsvWriter csv(out);
  csv.seconds(Millis{120'000}).seconds(Millis{1'500}).seconds(Millis{1}).seconds(Millis{-250}).end_row();
  EXPECT_EQ(out, "120,1.5,0.001,-0.25\n");
}

}  // namespace
}  // namespace shiftline::report
