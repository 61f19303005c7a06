// Tests for include/shiftline/report/display_names.hpp: how outputs name input files in citations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shiftline/report/display_names.hpp"

namespace shiftline::report {
namespace {

// Issue 13, defect 18: a file name holding a citation separator made `na;me:1-2.csv:113-321`
// ambiguous. `%` `;` `:` `,` and control bytes are percent-encoded (docs/outputs.md, "Citations"),
// each as %XX with the byte in upper-case hex: ';' = 0x3B, ':' = 0x3A, ',' = 0x2C, '%' = 0x25,
// TAB = 0x09, DEL = 0x7F.
TEST(DisplayNames, Defect18_CitationSeparatorsInFileNamesArePercentEncoded) {
  EXPECT_EQ(citation_name("pings.csv"), "pings.csv");
  EXPECT_EQ(citation_name("na;me:1-2.csv"), "na%3Bme%3A1-2.csv");
  EXPECT_EQ(citation_name("100%,\t\x7F.csv"), "100%25%2C%09%7F.csv");
  EXPECT_EQ(citation_name("caf\xC3\xA9 #1.csv"), "caf\xC3\xA9 #1.csv");  // other bytes as they are
  // display_names encodes both forms it gives: the file name, and the path when names clash.
  EXPECT_EQ(display_names({"/a/x:1.csv", "/b/y;2.csv"}), (std::vector<std::string>{"x%3A1.csv", "y%3B2.csv"}));
  EXPECT_EQ(display_names({"a:1/p.csv", "b/p.csv"}), (std::vector<std::string>{"a%3A1/p.csv", "b/p.csv"}));
  // Parseable back: split a citation at its last ':' (the line), decode %XX in the name.
  const std::string citation = display_names({"na;me:1-2.csv"})[0] + ":113-321";
  EXPECT_EQ(citation, "na%3Bme%3A1-2.csv:113-321");
  EXPECT_EQ(citation.find(';'), std::string::npos);
  EXPECT_EQ(citation.find(':'), citation.rfind(':'));
}

}  // namespace
}  // namespace shiftline::report
