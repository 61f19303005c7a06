// The one way the program puts a message on stderr: "shiftline: TEXT", with TEXT made printable
// (control characters and escape sequences shown, never obeyed; core/utf8_internal.hpp), since
// messages carry ids, cells and paths from the inputs.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/utf8_internal.hpp"

namespace shiftline::cli {

inline void say(std::string_view message) {
  const std::string line = "shiftline: " + printable(message) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace shiftline::cli
