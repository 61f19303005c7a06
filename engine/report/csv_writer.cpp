#include "shiftline/report/csv_writer.hpp"

#include <charconv>
#include <cmath>

namespace shiftline::report {

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return {};
  char buf[64];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  std::string s(buf, ec == std::errc() ? ptr : buf);
  if (!s.empty() && s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
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

CsvWriter& CsvWriter::text(std::string_view value) {
  separator();
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    m_out += value;
    return *this;
  }
  m_out += '"';
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
  m_out += format_fixed(value, decimals);
  return *this;
}

void CsvWriter::end_row() {
  m_out += '\n';
  m_first = true;
}

}  // namespace shiftline::report
