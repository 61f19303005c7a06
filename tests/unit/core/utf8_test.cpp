// core/utf8_internal.hpp: the UTF-8 rule of every writer, and text made safe for a terminal.
#include "core/utf8_internal.hpp"

#include <gtest/gtest.h>

namespace shiftline {
namespace {

// Issue 13, defect 19: an id holding a terminal escape sequence is shown, never obeyed.
TEST(Printable, Defect19_ControlCharactersAreShownNotObeyed) {
  using namespace std::string_literals;
  EXPECT_EQ(printable("\x1b[2J\x1b]0;pwned\x07PV01"), "\\x1B[2J\\x1B]0;pwned\\x07PV01");
  EXPECT_EQ(printable("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(printable("nul\0!"s), "nul\\x00!");
  EXPECT_EQ(printable("del\x7F"), "del\\x7F");
  EXPECT_EQ(printable("csi\xC2\x9B" "31m"), "csi\\u009B31m");  // C1 CSI, as UTF-8
  EXPECT_EQ(printable("bad\xFF\x9B"), "bad\\xFF\\x9B");          // not UTF-8: bytes shown
  EXPECT_EQ(printable("caf\xC3\xA9 \xC2\xA0ok"), "caf\xC3\xA9 \xC2\xA0ok");  // printable UTF-8 kept
  EXPECT_EQ(printable("plain text: 1,2"), "plain text: 1,2");
}

TEST(Utf8, CleanAndReplaced) {
  using namespace std::string_literals;
  EXPECT_TRUE(clean_utf8("abc \xC3\xA9"));
  EXPECT_FALSE(clean_utf8("a\0b"s));
  EXPECT_FALSE(clean_utf8("\xFE"));
  EXPECT_EQ(replace_invalid_utf8("a\0b\xFE"s), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

}  // namespace
}  // namespace shiftline
