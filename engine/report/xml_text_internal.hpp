// Text in XML, SVG and HTML outputs: one set of rules, so that an id or label escaped by one
// writer (the report page) equals the attribute text another wrote (the timelines).
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8_internal.hpp"

namespace shiftline::report {

// utf8_length: core/utf8_internal.hpp, the one UTF-8 rule of every writer.

/// Escapes markup; control characters and invalid UTF-8 become U+FFFD, so that any input text
/// gives a well-formed document. In attributes (`attribute`), tabs and line ends are written as
/// character references, which attribute normalisation would otherwise turn into spaces.
inline std::string xml_escaped(std::string_view s, bool attribute = false) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      out += n ? s.substr(i, n) : std::string_view("\xEF\xBF\xBD");
      i += n ? n : 1;
      continue;
    }
    ++i;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

/// Attributes in the order written; an empty value leaves the attribute out.
using XmlAttrs = std::vector<std::pair<std::string, std::string>>;

/// Appends `<tag name="value" ...` (without the closing `>`), values escaped as attributes: the
/// one start-tag writer of the page and the timelines.
inline void append_start_tag(std::string& out, std::string_view tag, const XmlAttrs& attrs) {
  out += '<';
  out += tag;
  for (const auto& [name, value] : attrs) {
    if (value.empty()) continue;
    out += ' ';
    out += name;
    out += "=\"";
    out += xml_escaped(value, true);
    out += '"';
  }
}

/// An id fragment for any text: ASCII letters and digits kept, every other byte "_XX" (hex), so
/// distinct texts give distinct fragments, each a valid XML id and URL fragment.
inline std::string id_part(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z')) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "_%02X", u);
      out += buf;
    }
  }
  return out;
}

}  // namespace shiftline::report
