#include "shiftline/report/csv_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "core/utf8_internal.hpp"

namespace shiftline::report {

namespace {

// format_fixed into a caller's buffer (no string per number: the tables write four per dwell).
std::string_view fixed_text(double value, int decimals, std::array<char, 64>& buf) {
  if (!std::isfinite(value)) return {};
  const auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed, decimals);
  std::string_view s(buf.data(), ec == std::errc() ? static_cast<std::size_t>(ptr - buf.data()) : 0);
  if (!s.empty() && s.front() == '-' && s.find_first_not_of("-0.") == std::string_view::npos) s.remove_prefix(1);
  return s;
}

}  // namespace

std::string format_fixed(double value, int decimals) {
  std::array<char, 64> buf{};
  return std::string(fixed_text(value, decimals, buf));
}

void CsvWriter::header(std::initializer_list<std::string_view> names) {
  for (const auto name : names) text(name);
  end_row();
}

void CsvWriter::header(const std::vector<std::string>& names) {
  for (const auto& name : names) text(name);
  end_row();
}

void CsvWriter::separator() {
  if (!m_first) m_out += ',';
  m_first = false;
}

bool plain_number(std::string_view s) {
  std::size_t i = s.empty() || (s[0] != '-' && s[0] != '+') ? 0 : 1;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  std::size_t n = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    n += digits();
  }
  if (n == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

bool utc_offset_text(std::string_view s) {
  const auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if ((s.size() != 6 && s.size() != 9) || (s[0] != '+' && s[0] != '-')) return false;
  if (!digit(1) || !digit(2) || s[3] != ':' || !digit(4) || !digit(5)) return false;
  return s.size() == 6 || (s[6] == ':' && digit(7) && digit(8));
}

bool spreadsheet_formula(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=': case '@': case '\t': case '\r': return true;
    case '-': return !plain_number(cell) && !utc_offset_text(cell);
    case '+': return !utc_offset_text(cell);
    default: return false;
  }
}

CsvWriter& CsvWriter::text(std::string_view value) {
  separator();
  // Text documented as UTF-8 is UTF-8: NUL and invalid bytes become U+FFFD, as in the XML writers.
  std::string repaired;
  if (!clean_utf8(value)) {
    repaired = replace_invalid_utf8(value);
    value = repaired;
  }
  // A cell a spreadsheet would run as a formula is written as text (OWASP, "CSV Injection"). A
  // cell that already starts with `'` gets one too, so that the rule can be undone (drop one
  // leading `'`) and two ids never become one cell (`=A` and `'=A`: `'=A` and `''=A`), since ids
  // are the join keys between the tables.
  const bool guard = spreadsheet_formula(value) || (!value.empty() && value.front() == '\'');
  // One pass over the cell: string_view::find_first_of calls memchr on the set once per character,
  // which was a third of the cost of writing dwells.csv.
  const bool quoted = std::any_of(value.begin(), value.end(),
                                  [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (!quoted) {
    if (guard) m_out += '\'';
    m_out += value;
    return *this;
  }
  m_out += '"';
  if (guard) m_out += '\'';
  for (const char c : value) {
    if (c == '"') m_out += '"';
    m_out += c;
  }
  m_out += '"';
  return *this;
}

CsvWriter& CsvWriter::integer(std::int64_t value) {
  separator();
  char buf[24];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  m_out.append(buf, ptr);
  return *this;
}

CsvWriter& CsvWriter::fixed(double value, int decimals) {
  separator();
  std::array<char, 64> buf{};
  m_out += fixed_text(value, decimals, buf);
  return *this;
}

void CsvWriter::end_row() {
  m_out += '\n';
  m_first = true;
}

}  // namespace shiftline::report
