// Small text helpers shared by the parsers (not part of the public surface).
#pragma once

#include <string>
#include <string_view>

namespace shiftline {

/// `text` without leading and trailing characters from `blanks`. Each parser states its own
/// blanks: ISO 8601 times allow spaces only, CSV fields spaces and tabs.
[[nodiscard]] constexpr std::string_view trim(std::string_view text, std::string_view blanks) noexcept {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

/// `text` in single quotes for a message, cut after 60 characters so that one bad cell cannot
/// flood rejected.csv.
[[nodiscard]] inline std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string s = "'";
  s.append(text.substr(0, kMax));
  if (text.size() > kMax) s += "...";
  return s + "'";
}

}  // namespace shiftline
