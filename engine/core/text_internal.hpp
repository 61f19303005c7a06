// Small text helpers shared by the parsers (not part of the public surface).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/utf8_internal.hpp"

namespace shiftline {

/// `text` without leading and trailing characters from `blanks`. Each parser states its own
/// blanks: ISO 8601 times allow spaces only, CSV fields spaces and tabs.
[[nodiscard]] constexpr std::string_view trim(std::string_view text, std::string_view blanks) noexcept {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

/// `text` in single quotes for a message, cut after 60 bytes (at a character boundary) so that
/// one bad cell cannot flood rejected.csv; NUL and invalid UTF-8 become U+FFFD (replace_invalid_utf8).
[[nodiscard]] inline std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::size_t cut = 0;
  while (cut < text.size()) {
    const std::size_t n = std::max<std::size_t>(1, utf8_length(text, cut));
    if (cut + n > kMax) break;
    cut += n;
  }
  std::string s = "'";
  s += replace_invalid_utf8(text.substr(0, cut));
  if (cut < text.size()) s += "...";
  return s + "'";
}

}  // namespace shiftline
