// UTF-8 rules shared by every writer of text: the XML, HTML and KML writers, the CSV writer and
// the messages on stderr judge a byte sequence the same way (not part of the public surface).
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace shiftline {

/// Length of the valid UTF-8 sequence at s[i], or 0. Refuses overlong forms, surrogates, code
/// points above U+10FFFF and U+FFFE/U+FFFF, none of which XML 1.0 allows.
inline std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = byte(0);
  if (c < 0x80) return i < s.size() ? 1 : 0;
  const std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(k) & 0xC0u) != 0x80u) return 0;
  const unsigned c1 = byte(1);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
    return 0;
  if (c == 0xEF && c1 == 0xBF && byte(2) >= 0xBE) return 0;
  return n;
}

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

/// True when `s` has no NUL and no byte outside valid UTF-8 (utf8_length): the text needs no
/// replacement. ASCII text is checked at one comparison per byte.
inline bool clean_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// `s` with every NUL and every byte that is not part of valid UTF-8 replaced by U+FFFD (one per
/// byte), as the XML writers do: text documented as UTF-8 is UTF-8.
inline std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c == 0 ? 0 : utf8_length(s, i);
    if (n == 0) {
      out += kReplacementCharacter;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

/// `s` safe to print on a terminal, one line: C0 control characters and DEL as `\xHH` (`\n`,
/// `\r`, `\t` by name), C1 control characters (U+0080-U+009F) as `\u00HH`, bytes that are not
/// valid UTF-8 as `\xHH`; so that an id holding an escape sequence is shown, never obeyed.
inline std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char buf[8];
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
        ++i;
      } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
        std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
        out += buf;
        i += 2;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    ++i;
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace shiftline
