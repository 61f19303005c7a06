// Small text helpers shared by the parsers (not part of the public surface).
#pragma once

#include <algorithm>
#include <cstddef>
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

/// Length of the valid UTF-8 sequence at text[i] (1 for ASCII), or 0: a stray continuation byte,
/// a truncated sequence, an overlong form, a surrogate or a code point above U+10FFFF.
[[nodiscard]] constexpr std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0U;
  };
  const unsigned c = byte(0);
  if (i >= text.size()) return 0;
  if (c < 0x80) return 1;
  const std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(k) & 0xC0U) != 0x80U) return 0;
  const unsigned c1 = byte(1);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
    return 0;
  return n;
}

/// True when `text` is valid UTF-8 without NUL: what every text output documented as UTF-8 needs.
[[nodiscard]] constexpr bool is_clean_text(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') return false;
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// `text` with each NUL and each byte that is not part of valid UTF-8 replaced by U+FFFD (as the
/// HTML and KML writers do), so that it can be written where UTF-8 is promised.
[[nodiscard]] inline std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = text[i] == '\0' ? 0 : utf8_sequence_length(text, i);
    if (n == 0) out += "\xEF\xBF\xBD";
    else out.append(text.substr(i, n));
    i += n == 0 ? 1 : n;
  }
  return out;
}

/// `text` in single quotes for a message, cut after 60 bytes (at a character boundary) so that
/// one bad cell cannot flood rejected.csv; NUL and invalid UTF-8 become U+FFFD (clean_text).
[[nodiscard]] inline std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::size_t cut = 0;
  while (cut < text.size()) {
    const std::size_t n = std::max<std::size_t>(1, utf8_sequence_length(text, cut));
    if (cut + n > kMax) break;
    cut += n;
  }
  std::string s = "'";
  s += clean_text(text.substr(0, cut));
  if (cut < text.size()) s += "...";
  return s + "'";
}

}  // namespace shiftline
